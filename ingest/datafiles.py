"""Language data shipped with the package: tab-separated files in ``ingest/data/`` with a header row.

Lines starting with ``#`` note where the data comes from and are skipped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``ingest/data/<name>`` as dicts keyed by the header; missing trailing cells read as ""."""
    lines = [ln for ln in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        rows.append({key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(header)})
    return tuple(rows)


def column(name: str, key: str) -> tuple[str, ...]:
    """One column of a data file, in file order."""
    return tuple(row[key] for row in read_tsv(name))
