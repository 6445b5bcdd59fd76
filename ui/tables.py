"""The targets and tasks tables: rows from the document model, filters, status as of a day, CSV and XLSX files.

Matching ignores diacritics and case ("so tu phap" finds "Sở Tư pháp"), via :func:`index.tokenize.fold`. Deadlines
are compared as periods (:func:`ingest.periods.find_periods`, the model qa shares), so "Quý II/2026",
"Quý II/ 2026" and "Quý II năm 2026" are one choice.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from index.tokenize import fold
from ingest.agencies import canonical_text
from ingest.model import Corpus, Target, Task
from ingest.periods import Period, PeriodKind, find_periods
from ui.i18n import Lang, t

AREAS = Path(__file__).parent / "data" / "target_areas.tsv"
OTHER_AREA = ("Lĩnh vực khác", "Other")

# The machine-facing headers of the /targets and /tasks API (stable; the page and the files speak its language).
TARGET_HEADERS = ["No.", "Indicator", "2030 value (as printed)", "Section", "Document"]
TASK_HEADERS = ["No.", "Group", "Task", "Deadline", "Lead agencies", "Document"]


class Status(StrEnum):
    """Where a task's deadline stands on a given day."""

    OVERDUE = "overdue"
    DUE = "due"  # ends within the current quarter
    LATER = "later"
    NONE = "none"  # no dated deadline: none printed, or ongoing ("Thường xuyên")


def folded(text: str) -> str:
    """Lowercase, no diacritics, one space between words, no space around "/": for comparing, never for showing."""
    text = fold(canonical_text(text)).casefold()
    return re.sub(r"\s*/\s*", "/", text)


def quarter_end(day: date) -> date:
    quarter = (day.month - 1) // 3 + 1
    return date(day.year, 3 * quarter, 31 if quarter in (1, 4) else 30)


def periods_of(text: str) -> list[Period]:
    """Every period a deadline cell names, in reading order: "Quý II năm 2026" → [Quý II/2026]."""
    return [period for _, _, period in find_periods(text)]


def status_of(periods: list[Period], today: date) -> Status:
    """Overdue when the (first) period has ended, due when it ends this quarter, later otherwise."""
    if not periods or periods[0].kind == PeriodKind.ONGOING:
        return Status.NONE
    end = periods[0].end
    if end < today:
        return Status.OVERDUE
    return Status.DUE if end <= quarter_end(today) else Status.LATER


@dataclass(frozen=True)
class TaskRow:
    """A task of one document, with the periods its deadline names."""

    doc: str
    task: Task
    periods: tuple[Period, ...]

    @property
    def group(self) -> str:
        return f"{self.task.group_id.removeprefix('PL.')}. {self.task.group_title}"

    @property
    def agency_names(self) -> list[str]:
        return [a.name for a in self.task.agencies if not a.generic]

    @property
    def leads(self) -> str:
        return "; ".join(a.name for a in self.task.agencies) or self.task.lead

    def status(self, today: date) -> Status:
        return status_of(list(self.periods), today)

    def cells(self) -> list[object]:
        """The API row: number, group, task, deadline as printed, leads, document."""
        t_ = self.task
        return [t_.number, self.group, t_.text, t_.deadline, self.leads, self.doc]


@dataclass(frozen=True)
class TargetRow:
    """A numbered target of one document, with its area."""

    doc: str
    target: Target
    area: tuple[str, str]  # (Vietnamese, English)

    @property
    def figures(self) -> str:
        return "; ".join(f.text for f in self.target.figures)

    def cells(self) -> list[object]:
        t_ = self.target
        return [t_.number, t_.text, self.figures, t_.section, self.doc]


@cache
def _areas() -> list[tuple[str, str, tuple[str, ...]]]:
    lines = [line for line in AREAS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(vi, en, tuple(words.split(","))) for vi, en, words in (line.split("\t") for line in lines[1:])]


def area_of(text: str) -> tuple[str, str]:
    """The first area whose words occur in the target's text (whole words, diacritics ignored)."""
    padded = " " + " ".join(re.findall(r"\w+", folded(text))) + " "
    for vi, en, words in _areas():
        if any(f" {w} " in padded for w in words):
            return vi, en
    return OTHER_AREA


def area_names() -> list[tuple[str, str]]:
    return [(vi, en) for vi, en, _ in _areas()] + [OTHER_AREA]


def target_rows(corpus: Corpus) -> list[TargetRow]:
    return [TargetRow(d.id, tg, area_of(tg.text)) for d in corpus.documents for tg in d.targets]


def filter_targets(rows: list[TargetRow], query: str = "", area: str = "") -> list[TargetRow]:
    """Rows whose text holds every word of ``query`` (diacritics-insensitive), in ``area`` ("" matches all)."""
    words = folded(query or "").split()
    return [r for r in rows if all(w in folded(" ".join(map(str, r.cells()))) for w in words)
            and (not area or area in r.area)]


def task_rows(corpus: Corpus) -> list[TaskRow]:
    return [TaskRow(d.id, tk, tuple(periods_of(tk.deadline))) for d in corpus.documents for tk in d.tasks]


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
    """Every period a deadline names, once, in time order (shorter periods first when they end together)."""
    periods = {p.label: p for r in rows for p in r.periods}
    return [p.label for p in sorted(periods.values(), key=lambda p: (p.end, -p.start.toordinal()))]


def group_choices(rows: list[TaskRow]) -> list[str]:
    return _distinct([r.group for r in rows])


def _deadline_matches(row: TaskRow, wanted: str) -> bool:
    """A deadline naming the wanted period; text that names no period matches deadlines containing its words."""
    periods = periods_of(wanted)
    if periods:
        return any(p.label == periods[0].label for p in row.periods)
    return re.search(rf"(?<!\w){re.escape(folded(wanted))}(?!\w)", folded(row.task.deadline)) is not None


def filter_tasks(rows: list[TaskRow], agency: str = "", deadline: str = "", group: str = "", status: str = "",
                 today: date | None = None) -> list[TaskRow]:
    """Tasks led by ``agency``, due ``deadline``, in ``group``, with ``status``; an empty filter matches all."""
    agency, deadline, group = (agency or "").strip(), (deadline or "").strip(), (group or "").strip()
    today = today or date.today()
    return [r for r in rows
            if (not agency or folded(agency) in {folded(n) for n in r.agency_names})
            and (not deadline or _deadline_matches(r, deadline))
            and (not group or folded(group) == folded(r.group))
            and (not status or r.status(today).value == status)]


def task_export(rows: list[TaskRow], lang: Lang, today: date) -> tuple[list[str], list[list[object]]]:
    """Headers and cells of the tasks shown, in the page's language."""
    headers = [t(k, lang) for k in ("col_no", "col_group", "col_task", "col_deadline", "col_lead", "col_status",
                                    "col_document")]
    return headers, [[r.task.number, r.group, r.task.text, r.task.deadline, r.leads,
                      t(f"status_{r.status(today).value}", lang), r.doc] for r in rows]


def target_export(rows: list[TargetRow], lang: Lang) -> tuple[list[str], list[list[object]]]:
    headers = [t(k, lang) for k in ("col_no", "col_indicator", "col_value", "col_area", "col_section",
                                    "col_document")]
    index = 0 if lang == Lang.VI else 1
    return headers, [[r.target.number, r.target.text, r.figures, r.area[index], r.target.section, r.doc]
                     for r in rows]


def write_csv(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    """UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    """One sheet, bold headers, text wrapped, widths by content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width, 6), 60)
        for c in column:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)
    return path
