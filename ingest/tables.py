"""Task tables read by the roles of their columns, named in the header row (``ingest/data/table_columns.tsv``)."""

from __future__ import annotations

import re
from enum import StrEnum

from ingest.datafiles import read_tsv
from ingest.folding import fold


class ColumnRole(StrEnum):
    """What a column of a task table holds."""

    NUMBER = "number"
    TASK = "task"
    LEAD = "lead"
    COORDINATE = "coordinate"
    DEADLINE = "deadline"
    PRODUCT = "product"
    NOTE = "note"  # "Ghi chú": named so the header is recognised, not part of the task


def _rules() -> list[tuple[ColumnRole, re.Pattern[str]]]:
    return [(ColumnRole(r["role"]), re.compile(rf"(?<!\w){re.escape(fold(r['words']))}(?!\w)"))
            for r in read_tsv("table_columns.tsv")]


_RULES = _rules()


def cell_role(cell: str) -> ColumnRole | None:
    """The role a header cell names: "Cơ quan phối hợp" → COORDINATE; None for a cell naming no role."""
    folded = fold(" ".join(cell.split()))
    return next((role for role, pattern in _RULES if pattern.search(folded)), None)


def header_roles(line: str) -> tuple[ColumnRole | None, ...] | None:
    """The roles of a tab-separated header row, or None when the line is not one.

    A header names a task column and at least one of lead, co-ordinating body, deadline or product, and every
    non-empty cell names a role.
    """
    cells = [c.strip() for c in line.split("\t")]
    if len(cells) < 2:
        return None
    roles = tuple(cell_role(c) if c else None for c in cells)
    named = {r for r in roles if r is not None}
    if ColumnRole.TASK not in named or len(named) < 2:
        return None
    if any(c and r is None for c, r in zip(cells, roles, strict=True)):
        return None
    return roles
