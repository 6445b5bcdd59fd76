"""Sections named in words: the programme's, a resolution's articles, a law's lists."""

from __future__ import annotations

import pytest

from ingest.labels import Lang, ancestors, section_label
from ingest.outline import paragraph_sections, parse_outline

PROGRAMME_LABELS = [
    ("PRE", "Phần mở đầu", "Opening"),
    ("I", "Phần I", "Part I"),
    ("I.2", "Phần I, mục 2", "Part I, section 2"),
    ("II.2.(7)", "Mục II.2, chỉ tiêu (7)", "Section II.2, target (7)"),
    ("III.1.3", "Mục III.1.3", "Section III.1.3"),
    ("III.1.3.đ", "Mục III.1.3, điểm đ", "Section III.1.3, point đ"),
    ("IV.6", "Phần IV, mục 6", "Part IV, section 6"),
    ("SIG", "Nơi nhận và chữ ký", "Recipients and signature"),
    ("PL", "Phụ lục", "Appendix"),
    ("PL.III", "Phụ lục, nhóm III", "Appendix, group III"),
    ("PL.22", "Phụ lục, nhiệm vụ 22", "Appendix, task 22"),
]


@pytest.mark.parametrize(("section_id", "vi", "en"), PROGRAMME_LABELS)
def test_programme_labels(programme, section_id, vi, en):
    section = programme.section(section_id)
    assert section_label(section, programme.sections) == vi
    assert section_label(section, programme.sections, Lang.EN) == en
    assert section_label(section, programme.sections, "en") == en


LAW = """LUẬT THỬ NGHIỆM
Phần I
NHỮNG QUY ĐỊNH CHUNG
Chương II
TỔ CHỨC
Mục 1
CƠ QUAN
Điều 10. Nhiệm vụ
1. Khoản một.
2. Khoản hai gồm:
a) Điểm a;
b) Điểm b.
"""


def test_legal_labels_from_the_article_down():
    sections = parse_outline(LAW)
    labels = {s.id: (section_label(s, sections), section_label(s, sections, "en")) for s in sections}
    assert labels["Đ.10.2.a"] == ("Điều 10, khoản 2, điểm a", "Article 10(2)(a)")
    assert labels["Đ.10.1"] == ("Điều 10, khoản 1", "Article 10(1)")
    assert labels["Đ.10"] == ("Điều 10", "Article 10")
    assert labels["P.I"] == ("Phần I", "Part I")
    assert labels["C.II"] == ("Phần I, Chương II", "Part I, Chapter II")
    assert labels["C.II.M.1"] == ("Phần I, Chương II, Mục 1", "Part I, Chapter II, Section 1")
    assert [s.id for s in ancestors(sections[-1], sections)] == ["P.I", "C.II", "C.II.M.1", "Đ.10", "Đ.10.2",
                                                                 "Đ.10.2.b"]


def test_paragraph_labels():
    sections = paragraph_sections("Một.\n\nHai.")
    assert section_label(sections[1], sections) == "Đoạn 2"
    assert section_label(sections[1], sections, "en") == "Paragraph 2"


def test_unknown_language_is_a_clear_error(programme):
    with pytest.raises(ValueError, match="'fr' is not a valid Lang"):
        section_label(programme.section("I"), programme.sections, "fr")
