"""Figures in Vietnamese text ("." groups thousands, "," is the decimal point) and the numbered targets."""

from __future__ import annotations

import re

from ingest.datafiles import read_tsv
from ingest.model import Figure, Section, SectionKind, Target
from ingest.outline import Span, ancestors, body_paragraphs, dash_items
from ingest.periods import find_periods

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
UNITS = tuple(r["unit"] for r in read_tsv("units.tsv"))
_AFTER_PERCENT = "|".join(re.escape(u[2:]) for u in UNITS if u.startswith("% "))
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\d/.,])(?P<lo>{NUMBER})(?:\s*(?P<lounit>%(?!\s*(?:{_AFTER_PERCENT})\b)))?(?:\s*[-–]\s*(?P<hi>{NUMBER}))?"
    rf"(?:\s*(?P<unit>{_UNIT})(?![\w²]))?(?(unit)(?!/?\d)|(?![\d/]))"  # "20 ha/khu công nghiệp": per park
)
QUALIFIERS = ("ít nhất", "tối thiểu", "khoảng", "trên", "lớn hơn", "dưới", "từ", "hơn")
_YEAR = re.compile(r"(?<!\w)(?:năm|giai đoạn|đến|trước|từ|nam|giai doan|den|truoc|tu)\s*$")  # typed with marks or not


def parse_number(text: str) -> float:
    """"11.247" → 11247.0, "43,5" → 43.5, "2,4" → 2.4."""
    return float(text.replace(".", "").replace(",", "."))


def find_figures(text: str) -> list[Figure]:
    """Every figure with a unit, or a bare number that is not a year, as printed in ``text``."""
    figures = []
    for m in FIGURE.finditer(text):
        unit = m.group("unit") or m.group("lounit") or ""
        if m.group("lounit") and m.group("unit"):
            unit = m.group("unit")
        lo = parse_number(m.group("lo"))
        before = text[max(0, m.start() - 14): m.start()]
        if unit in ("", "năm") and (1900 <= lo <= 2100 or _YEAR.search(before)):
            continue  # years, periods and list numbers
        if 1900 <= lo <= 2100 and m.group("lo").isdigit() and _YEAR.search(before):
            continue  # "từ năm 2026 người dân …": a year, whatever word follows it
        small = lo < 100 and not re.search(r"[.,]", m.group("lo")) and not m.group("lo").startswith("0")
        if not unit and m.group("hi") is None and small:
            continue  # a bare small integer; a zero-padded count ("01 bệnh viện") is kept
        after = text[m.end(): m.end() + 9]
        qualifier = next((q for q in QUALIFIERS if before.rstrip().lower().endswith(q)), "")
        if after.lstrip().startswith("trở lên"):
            qualifier = (qualifier + " trở lên").strip()
        hi = m.group("hi")
        figures.append(Figure(text=m.group(0).strip(), value=lo, unit=unit,
                              value_max=parse_number(hi) if hi else None, qualifier=qualifier))
    return figures


def _heading_words(kind: str) -> re.Pattern[str]:
    words = [r["words"] for r in read_tsv("target_headings.tsv") if r["kind"] == kind]
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


TARGETS_HEADING, GOALS_HEADING, GENERAL_HEADING = (_heading_words(k) for k in ("targets", "goals", "general"))


def _period_text(chain: list[Section]) -> str:
    """The phrase of the nearest of these headings that names a period, as printed: "Đến năm 2030"."""
    for s in reversed(chain):
        found = find_periods(s.heading)
        if found:
            start, end, _ = found[0]
            return s.heading[start:end]
    return ""


def _target(number: int, span: Span, section: Section, chain: list[Section]) -> Target:
    return Target(number=number, text=span.text, figures=tuple(find_figures(span.text)), section=section.id,
                  start=span.start, end=span.end, period_text=_period_text(chain))


def _numbered_target(section: Section) -> Span:
    m = re.match(r"\s*\(\d+\)\s*(?P<text>.*\S)", section.text, re.DOTALL)
    assert m is not None, section.id  # a PAREN section's text starts with its "(n)" marker
    return Span(section.start + m.start("text"), section.start + m.end("text"), m.group("text"))


def parse_targets(sections: list[Section]) -> list[Target]:
    """A document's targets, in document order, each with its figures and exact span.

    The numbered "(n)" items right under a targets heading ("Một số chỉ tiêu chủ yếu", "Mục tiêu cụ thể") keep their
    printed numbers; the "-" goals of a section inside a MỤC TIÊU part (or its paragraphs, when the section is a
    dated heading such as "Tầm nhìn đến năm 2045" without "-" items) are numbered on from there. General aims
    ("Mục tiêu tổng quát") are not targets.
    """
    by_id = {s.id: s for s in sections}
    has_numbered = {s.parent for s in sections if s.kind == SectionKind.PAREN}
    numbered: list[tuple[int, Target]] = []
    goals: list[tuple[Span, Section, list[Section]]] = []
    for s in sections:
        chain = ancestors(s, sections)
        parent = by_id.get(s.parent) if s.parent else None
        if s.kind == SectionKind.PAREN and parent is not None and TARGETS_HEADING.search(parent.heading):
            numbered.append((s.start, _target(int(s.number), _numbered_target(s), s, chain[:-1])))
            continue
        if s.id in has_numbered or not any(GOALS_HEADING.search(c.heading) for c in chain):
            continue
        if any(GENERAL_HEADING.search(c.heading) for c in chain) or s.kind == SectionKind.PAREN:
            continue
        items = dash_items(s)
        if not items and _period_text([s]) and not any(c.parent == s.id for c in sections):
            items = body_paragraphs(s)
        goals += [(span, s, chain) for span in items]
    next_number = max((t.number for _, t in numbered), default=0) + 1
    found = list(numbered)
    for i, (span, s, chain) in enumerate(goals):
        found.append((span.start, _target(next_number + i, span, s, chain)))
    return [t for _, t in sorted(found, key=lambda f: f[0])]
