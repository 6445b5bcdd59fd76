"""Time periods of deadlines and questions: "Quý II/2026", "Tháng 4/2026", "second quarter of 2026" → one model.

Text is matched folded (lowercase, no diacritics), so printed deadlines and typed questions read the same; the
words live in ``ingest/data/periods.tsv`` and the examples in ``ingest/data/period_examples.tsv`` run as tests.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ingest.datafiles import read_tsv
from ingest.folding import fold

YEAR = r"((?:19|20)\d{2})"
ROMAN_QUARTERS = ("", "I", "II", "III", "IV")


class PeriodKind(StrEnum):
    DAY = "day"  # "01/01/2026", "ngày 17 tháng 5 năm 2025", "17 May 2025"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    RANGE = "range"  # "Giai đoạn 2026-2030"
    BY = "by"  # a deadline with no start: "Trước 30/6/2026", "Đến năm 2030"
    ONGOING = "ongoing"  # "Thường xuyên", "Hằng năm"


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included, with its normalised Vietnamese label ("Quý II/2026")."""

    start: date
    end: date
    kind: PeriodKind
    label: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day_period(year: int, month: int, day: int) -> Period | None:
    """One day, or None when the numbers name no day of the calendar ("31/2/2026")."""
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    return Period(when, when, PeriodKind.DAY, f"{day}/{month}/{year}")


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), _month_end(year, month), PeriodKind.MONTH, f"Tháng {month}/{year}")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * quarter - 2
    return Period(date(year, first, 1), _month_end(year, first + 2), PeriodKind.QUARTER,
                  f"Quý {ROMAN_QUARTERS[quarter]}/{year}")


def half_period(year: int, half: int) -> Period:
    first = 1 if half == 1 else 7
    words = "đầu" if half == 1 else "cuối"
    return Period(date(year, first, 1), _month_end(year, first + 5), PeriodKind.HALF, f"6 tháng {words} năm {year}")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR, f"Năm {year}")


def range_period(first: int, last: int) -> Period:
    return Period(date(first, 1, 1), date(last, 12, 31), PeriodKind.RANGE, f"Giai đoạn {first}-{last}")


def _words(kind: str) -> dict[str, tuple[str, str]]:
    """Folded words of one kind → (value, label), longest first."""
    rows = [r for r in read_tsv("periods.tsv") if r["kind"] == kind]
    return {fold(r["words"]): (r["value"], r["label"]) for r in sorted(rows, key=lambda r: -len(r["words"]))}


def _alternation(words: dict[str, tuple[str, str]]) -> str:
    return "|".join(re.escape(w) for w in words)


_QUARTER, _QUARTER_WORD, _MONTH = _words("quarter"), _words("quarter_word"), _words("month")
_HALF, _YEARPART, _ONGOING = _words("half"), _words("yearpart"), _words("ongoing")
_B = r"(?<![\w/])"  # a match starts at a word boundary
_E = r"(?![\w/])"

# (pattern over folded text, builder); all are tried and the earliest, longest match wins
PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Period | None]], ...] = (
    (re.compile(rf"{_B}(?:truoc|by|before)\s+(?:ngay\s+)?(\d{{1,2}})[/.-](\d{{1,2}})[/.-]{YEAR}{_E}"),
     lambda m: Period(date.min, date(int(m[3]), int(m[2]), int(m[1])), PeriodKind.BY,
                      f"Trước {int(m[1])}/{int(m[2])}/{m[3]}")),
    (re.compile(rf"{_B}(?:ngay\s+)?(\d{{1,2}})[/.-](\d{{1,2}})[/.-]{YEAR}{_E}"),
     lambda m: day_period(int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(rf"{_B}(?:ngay\s+)?(\d{{1,2}})\s+thang\s+(\d{{1,2}})\s*(?:nam\s+|/\s*){YEAR}{_E}"),
     lambda m: day_period(int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(rf"{_B}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_alternation(_MONTH)})\s*,?\s*{YEAR}{_E}"),
     lambda m: day_period(int(m[3]), int(_MONTH[m[2]][0]), int(m[1]))),
    (re.compile(rf"{_B}({_alternation(_MONTH)})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*{YEAR}{_E}"),
     lambda m: day_period(int(m[3]), int(_MONTH[m[1]][0]), int(m[2]))),
    (re.compile(rf"{_B}(?:quy|q|quarter)\s*({_alternation(_QUARTER)})\s*(?:/|,|-|nam|of|\s)\s*(?:nam\s+)?{YEAR}{_E}"),
     lambda m: quarter_period(int(m[2]), int(_QUARTER[m[1]][0]))),
    (re.compile(rf"{_B}(?:the\s+)?({_alternation(_QUARTER_WORD)})\s+quarter\s+(?:of\s+)?(?:the\s+year\s+)?{YEAR}{_E}"),
     lambda m: quarter_period(int(m[2]), int(_QUARTER_WORD[m[1]][0]))),
    (re.compile(rf"{_B}({_alternation(_HALF)})\s*(?:nam\s+)?{YEAR}{_E}"),
     lambda m: half_period(int(m[2]), int(_HALF[m[1]][0]))),
    (re.compile(rf"{_B}({_alternation(_YEARPART)})\s*(?:nam\s+)?{YEAR}{_E}"),
     lambda m: quarter_period(int(m[2]), int(_YEARPART[m[1]][0]))),
    (re.compile(rf"{_B}thang\s*(\d{{1,2}})\s*(?:/|-|nam|\s)\s*(?:nam\s+)?{YEAR}{_E}"),
     lambda m: month_period(int(m[2]), int(m[1])) if 1 <= int(m[1]) <= 12 else None),
    (re.compile(rf"{_B}({_alternation(_MONTH)})\s*(?:,|of)?\s*{YEAR}{_E}"),
     lambda m: month_period(int(m[2]), int(_MONTH[m[1]][0]))),
    (re.compile(rf"{_B}(\d{{1,2}})/{YEAR}{_E}"),
     lambda m: month_period(int(m[2]), int(m[1])) if 1 <= int(m[1]) <= 12 else None),
    (re.compile(rf"{_B}(?:giai doan\s+|tu nam\s+|tu\s+|from\s+|between\s+)?{YEAR}\s*(?:-|–|den nam|den|to|and)\s*"
                rf"{YEAR}{_E}"),
     lambda m: range_period(int(m[1]), int(m[2])) if int(m[1]) < int(m[2]) else None),
    (re.compile(rf"{_B}(?:hoan thanh\s+)?(truoc|before)\s+(?:nam\s+)?{YEAR}{_E}"),
     lambda m: Period(date.min, date(int(m[2]) - 1, 12, 31), PeriodKind.BY, f"Trước năm {m[2]}")),
    (re.compile(rf"{_B}(?:den|by)\s+(?:nam\s+)?{YEAR}{_E}"),
     lambda m: Period(date.min, date(int(m[1]), 12, 31), PeriodKind.BY, f"Đến năm {m[1]}")),
    (re.compile(rf"{_B}(?:(?:trong|in)\s+)?(?:nam\s+|the\s+year\s+)?{YEAR}{_E}"),
     lambda m: year_period(int(m[1]))),
    (re.compile(rf"{_B}({_alternation(_ONGOING)}){_E}"),
     lambda m: Period(date.min, date.max, PeriodKind.ONGOING, _ONGOING[m[1]][1])),
)


def find_periods(text: str) -> list[tuple[int, int, Period]]:
    """(start, end, period) of every period named in ``text``, in reading order, matches not overlapping."""
    folded = fold(text)
    found = []
    for pattern, build in PATTERNS:
        for m in pattern.finditer(folded):
            period = build(m)
            if period is not None:
                found.append((m.start(), m.end(), period))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Period]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def parse_period(text: str) -> Period | None:
    """The first period ``text`` names ("Quý II năm 2026" → Quý II/2026), or None."""
    found = find_periods(text)
    return found[0][2] if found else None
