"""Language data shipped with the packages: tab-separated files in ``ingest/data/`` (and ``index/data/``).

Each file starts with ``#`` comment lines (what it is, where it comes from), then a header row, then one row per
entry. Blank lines are skipped. Cells are stripped; a missing trailing cell reads as "".
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_tsv(name: str, package: str = "ingest") -> tuple[dict[str, str], ...]:
    """The rows of ``<package>/data/<name>`` as dicts keyed by the header row."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise ValueError(f"{package}/data/{name} has no header row")
    header = [h.strip() for h in lines[0].split("\t")]
    rows = []
    for ln in lines[1:]:
        cells = [c.strip() for c in ln.split("\t")]
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
    return tuple(rows)


def column(name: str, key: str) -> tuple[str, ...]:
    """One column of a data file, in file order."""
    return tuple(row[key] for row in read_tsv(name))
