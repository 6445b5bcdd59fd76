"""Stand-ins for what ingest is gaining (deadline periods, sections in words, references resolved to corpus
documents), kept to the interfaces ingest will offer so the UI switches over by changing one import.

They read only the document model (section ids, metadata, the deadline cell as ingest extracted it); the UI still
parses no document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from index.tokenize import fold
from ingest.model import Corpus, Document, Reference

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True)
class Period:
    """When a deadline falls: ``start``..``end`` inclusive, a ``kind`` and one normalised Vietnamese ``label``."""

    start: date
    end: date
    kind: str  # "month", "quarter", "year", "span", "before"
    label: str


_PERIOD = re.compile(r"thang (?P<month>\d{1,2}) ?/ ?(?P<month_year>\d{4})"
                     r"|quy (?P<quarter>iv|i{1,3}) ?(?:/ ?| nam )(?P<quarter_year>\d{4})"
                     r"|giai doan (?P<span_from>\d{4}) ?- ?(?P<span_to>\d{4})"
                     r"|truoc nam (?P<before>\d{4})"
                     r"|nam (?P<year>\d{4})")


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _period(m: re.Match[str]) -> Period:
    g = m.groupdict()
    if g["month"]:
        year, month = int(g["month_year"]), int(g["month"])
        return Period(date(year, month, 1), _month_end(year, month), "month", f"Tháng {month}/{year}")
    if g["quarter"]:
        year, quarter = int(g["quarter_year"]), ROMAN[g["quarter"]]
        return Period(date(year, 3 * quarter - 2, 1), date(year, *QUARTER_END[quarter]), "quarter",
                      f"Quý {g['quarter'].upper()}/{year}")
    if g["span_from"]:
        first, last = int(g["span_from"]), int(g["span_to"])
        return Period(date(first, 1, 1), date(last, 12, 31), "span", f"Giai đoạn {first}-{last}")
    if g["before"]:
        year = int(g["before"])
        return Period(date(year - 1, 1, 1), date(year - 1, 12, 31), "before", f"Trước năm {year}")
    year = int(g["year"])
    return Period(date(year, 1, 1), date(year, 12, 31), "year", f"Năm {year}")


def parse_periods(text: str) -> list[Period]:
    """Every period a deadline cell names, in order: "Quý II năm 2026" → [Quý II/2026]."""
    return [_period(m) for m in _PERIOD.finditer(fold(text).casefold())]


def short_name(doc: Document) -> str:
    """What a reader calls the document: its number ("20-CTr/TU"), else its id."""
    return doc.metadata.number or doc.id


def full_reference(doc: Document) -> str:
    """Vietnamese citation style: "Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của Ban Thường vụ Thành ủy"."""
    m = doc.metadata
    parts = [f"{m.kind} số {m.number}" if m.kind and m.number else m.number or doc.id]
    if m.date:
        year, month, day = (int(p) for p in m.date.split("-"))
        parts.append(f"ngày {day}/{month}/{year}")
    if m.issuer:
        parts.append(f"của {m.issuer}")
    return " ".join(parts)


def section_label(doc: Document, section_id: str, lang: str = "vi") -> str:
    """A section in words: "PL.22" → "Phụ lục, nhiệm vụ 22", "II.2.(7)" → "Mục II.2, chỉ tiêu (7)"."""
    en = lang == "en"
    if section_id == "PRE":
        return "Preamble" if en else "Phần mở đầu"
    if section_id == "PL":
        return "Appendix" if en else "Phụ lục"
    if section_id.startswith("PL."):
        rest = section_id[3:]
        if rest.isdigit():
            return f"Appendix, task {rest}" if en else f"Phụ lục, nhiệm vụ {rest}"
        return f"Appendix, group {rest}" if en else f"Phụ lục, nhóm {rest}"
    head, _, last = section_id.rpartition(".")
    if head and last.startswith("("):
        return f"Section {head}, target {last}" if en and head == "II.2" else (
            f"Mục {head}, chỉ tiêu {last}" if head == "II.2" else f"Mục {head}, ý {last}")
    if head and last.isalpha() and last.islower():
        return f"Section {head}, point {last}" if en else f"Mục {head}, điểm {last}"
    return f"Section {section_id}" if en else f"Mục {section_id}"


def section_kind(section_id: str) -> str:
    """The kind of a section, for the search filter: task, group, target, point or section."""
    if re.fullmatch(r"PL\.\d+", section_id):
        return "task"
    if section_id.startswith("PL"):
        return "group"
    if re.fullmatch(r"II\.2\.\(\d+\)", section_id):
        return "target"
    return "section"


def resolved(reference: Reference, corpus: Corpus) -> str | None:
    """The id of the corpus document a reference names, if the corpus holds it."""
    for doc in corpus.documents:
        if reference.id in (doc.id, doc.metadata.number):
            return doc.id
    return None
