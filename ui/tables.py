"""The targets and tasks tables: rows from the document model, filters, CSV files.

Matching ignores diacritics and case ("so tu phap" finds "Sở Tư pháp"), via :func:`index.tokenize.fold`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from index.tokenize import fold
from ingest.agencies import canonical_text
from ingest.model import Corpus, Task

TARGET_HEADERS = ["No.", "Indicator", "2030 value (as printed)", "Section", "Document"]
TASK_HEADERS = ["No.", "Group", "Task", "Deadline", "Lead agencies", "Document"]


def folded(text: str) -> str:
    """Lowercase, no diacritics, one space between words, no space around "/": for comparing, never for showing."""
    text = fold(canonical_text(text)).casefold()
    return re.sub(r"\s*/\s*", "/", text)


@dataclass(frozen=True)
class TaskRow:
    """A task of one document."""

    doc: str
    task: Task

    @property
    def group(self) -> str:
        return f"{self.task.group_id.removeprefix('PL.')}. {self.task.group_title}"

    @property
    def agency_names(self) -> list[str]:
        return [a.name for a in self.task.agencies if not a.generic]

    def cells(self) -> list[object]:
        t = self.task
        leads = "; ".join(a.name for a in t.agencies) or t.lead
        return [t.number, self.group, t.text, t.deadline, leads, self.doc]


def target_rows(corpus: Corpus) -> list[list[object]]:
    """Number, indicator text, the figures as printed, section id, document id."""
    return [[t.number, t.text, "; ".join(f.text for f in t.figures), t.section, d.id]
            for d in corpus.documents for t in d.targets]


def filter_targets(rows: list[list[object]], query: str) -> list[list[object]]:
    """Rows whose text holds every word of ``query`` (diacritics-insensitive); all rows for an empty query."""
    words = folded(query or "").split()
    return [r for r in rows if _holds_all(folded(" ".join(map(str, r))), words)]


def _holds_all(text: str, words: list[str]) -> bool:
    return all(w in text for w in words)


def task_rows(corpus: Corpus) -> list[TaskRow]:
    return [TaskRow(d.id, t) for d in corpus.documents for t in d.tasks]


def _distinct(values: list[str]) -> list[str]:
    """First printed form of each value that differs once folded, in order of appearance."""
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(folded(v), v)
    return list(seen.values())


def agency_choices(rows: list[TaskRow]) -> list[str]:
    """Named lead agencies, sorted; generic entries ("các sở, ban, ngành …") are left out."""
    return sorted(_distinct([name for r in rows for name in r.agency_names]), key=folded)


def deadline_choices(rows: list[TaskRow]) -> list[str]:
    return _distinct([r.task.deadline for r in rows if r.task.deadline])


def group_choices(rows: list[TaskRow]) -> list[str]:
    return _distinct([r.group for r in rows])


def _deadline_matches(deadline: str, wanted: str, choices: set[str]) -> bool:
    """A deadline picked from the list matches exactly; typed text matches deadlines containing it as words."""
    d, w = folded(deadline), folded(wanted)
    if w in choices:
        return d == w
    return re.search(rf"(?<!\w){re.escape(w)}(?!\w)", d) is not None


def filter_tasks(rows: list[TaskRow], agency: str = "", deadline: str = "", group: str = "") -> list[TaskRow]:
    """Tasks led by ``agency``, due ``deadline``, in ``group``; an empty filter matches everything."""
    agency, deadline, group = (agency or "").strip(), (deadline or "").strip(), (group or "").strip()
    known_deadlines = {folded(d) for d in deadline_choices(rows)}
    return [r for r in rows
            if (not agency or folded(agency) in {folded(n) for n in r.agency_names})
            and (not deadline or _deadline_matches(r.task.deadline, deadline, known_deadlines))
            and (not group or folded(group) == folded(r.group))]


def write_csv(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    """UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return path
