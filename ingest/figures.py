"""Figures in Vietnamese text ("." groups thousands, "," is the decimal point) and the numbered targets."""

from __future__ import annotations

import re

from ingest.model import Figure, Section, Target

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
UNITS = (
    "%/năm", "%", "USD/người", "tỷ USD", "triệu USD", "triệu tỷ đồng", "nghìn tỷ đồng", "tỷ đồng", "triệu đồng",
    "triệu tấn", "triệu lượt", "triệu người", "m² sàn/người", "m²", "km", "giường bệnh/vạn dân", "bác sĩ",
    "sinh viên đại học/vạn dân", "người", "doanh nghiệp", "căn nhà", "căn", "nhà máy", "trường", "tiểu đội",
    "xã", "lượt", "năm",
)
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\d/.,])(?P<lo>{NUMBER})(?:\s*(?P<lounit>%))?(?:\s*[-–]\s*(?P<hi>{NUMBER}))?"
    rf"(?:\s*(?P<unit>{_UNIT})(?![\w²]))?(?![\d/])"
)
QUALIFIERS = ("ít nhất", "tối thiểu", "khoảng", "trên", "lớn hơn", "dưới", "từ", "hơn")
_YEAR = re.compile(r"(?:năm|giai đoạn|đến|trước|từ)\s*$")


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


def parse_targets(sections: list[Section]) -> list[Target]:
    """The numbered targets ``(1)`` … of section II.2, each with its figures."""
    targets = []
    for s in sections:
        m = re.fullmatch(r"II\.2\.\((\d+)\)", s.id)
        if m:
            text = re.sub(r"^\(\d+\)\s*", "", s.text.strip())
            targets.append(Target(number=int(m.group(1)), text=text, figures=tuple(find_figures(text)), section=s.id))
    return targets
