"""Definitions and responsibilities read from prose; the body gazetteer; the data files' examples."""

from __future__ import annotations

import pytest

from ingest.agencies import ALIASES, GLOSSARY, Gazetteer, canonical_name, english_gloss
from ingest.datafiles import read_tsv
from ingest.model import ResponsibilityRole, Section
from ingest.outline import parse_outline
from ingest.records import DEFINITIONS_HEADING, parse_definitions, parse_responsibilities
from tests.corpora import shared_text

R = ResponsibilityRole


def _one_section(text: str, kind: str = "arabic") -> list[Section]:
    return [Section(id="IV.1", heading=text, text=text, parent=None, start=0, end=len(text), kind=kind, number="1")]


def test_definitions_of_a_resolution():
    source = shared_text("corpus/198-2025-QH15.txt")
    definitions = [d for d in parse_definitions(parse_outline(source)) if not d.stated]
    assert [(d.section, d.term) for d in definitions] == [
        ("Đ.3.1", "Doanh nghiệp khởi nghiệp sáng tạo"), ("Đ.3.2", "Hộ kinh doanh"), ("Đ.3.3", "Cá nhân kinh doanh")]
    for d in definitions:
        assert source[d.start:d.end] == d.text and d.text.startswith(d.term)


def test_definitions_outside_a_definitions_article():
    text = ("1. Mục tiêu\nChuyển đổi số được hiểu là quá trình thay đổi tổng thể.\n"
            "“Thành phố kết nối toàn cầu” là thành phố có cảng biển lớn.\nPhát triển kinh tế là nhiệm vụ trọng tâm.\n")
    found = parse_definitions(parse_outline(text))
    definitions = [d for d in found if not d.stated]
    assert [d.term for d in definitions] == ["Chuyển đổi số", "Thành phố kết nối toàn cầu"]
    assert [d.term for d in found if d.stated] == ["Phát triển kinh tế"]  # said in passing, not defined
    assert definitions[1].text == "“Thành phố kết nối toàn cầu” là thành phố có cảng biển lớn."


def test_responsibilities_of_a_party_resolution():
    source = shared_text("corpus/57-NQ-TW.txt")
    found = parse_responsibilities(parse_outline(source))
    assert [(r.section, r.body, r.role) for r in found] == [
        ("IV.2", "Đảng đoàn Quốc hội", R.ASSIGNED),
        ("IV.3", "Ban cán sự đảng Chính phủ", R.ASSIGNED),
        ("IV.4", "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội", R.ASSIGNED),
        ("IV.5", "Ban Tuyên giáo Trung ương", R.LEAD),
        ("IV.5", "các cơ quan liên quan", R.COORDINATE),
        ("IV.6", "Văn phòng Trung ương Đảng", R.MONITOR),
        ("IV.6", "Ban Kinh tế Trung ương", R.COORDINATE),
    ]
    for r in found:
        assert source[r.start:r.end] == r.text


def test_responsibilities_of_a_law_like_resolution():
    """Subjects after a lead-in ("Căn cứ …, Ủy ban nhân dân cấp tỉnh quy định …") and long lists of bodies."""
    source = shared_text("corpus/198-2025-QH15.txt")
    found = {(r.section, r.body.split(",")[0], r.role) for r in parse_responsibilities(parse_outline(source))}
    assert ("Đ.7.3", "Ủy ban nhân dân cấp tỉnh", R.ASSIGNED) in found
    assert ("Đ.16.1", "Chính phủ", R.ASSIGNED) in found
    assert ("Đ.16.6", "Quốc hội", R.MONITOR) in found
    assert not any(s == "Đ.16.6" and body != "Quốc hội" for s, body, _ in found)  # one list, not its pieces


def test_responsibilities_of_the_programme(programme):
    found = {(r.section, r.body, r.role) for r in programme.responsibilities}
    assert ("IV.5", "Ban Tuyên giáo và Dân vận Thành ủy", R.LEAD) in found
    assert ("IV.2", "Đảng ủy Ủy ban nhân dân thành phố", R.ASSIGNED) in found
    assert not any(r.section.startswith("PL") for r in programme.responsibilities)
    for r in programme.responsibilities:
        assert programme.source[r.start:r.end] == r.text


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp và Bộ Nội vụ xây dựng đề án.",
     [("Bộ Tài chính", R.LEAD), ("Bộ Tư pháp", R.COORDINATE), ("Bộ Nội vụ", R.COORDINATE)]),
    ("Ủy ban nhân dân thành phố chịu trách nhiệm tổ chức thực hiện.", [("Ủy ban nhân dân thành phố", R.ASSIGNED)]),
    ("UBND thành phố chịu trách nhiệm tổ chức thực hiện.", [("Ủy ban nhân dân thành phố", R.ASSIGNED)]),
    ("Hằng năm, giao Sở Y tế chủ trì tổng kết.", [("Sở Y tế", R.LEAD)]),
    ("Giao Sở Tư pháp rà soát văn bản.", [("Sở Tư pháp", R.ASSIGNED)]),
    ("Thanh tra, kiểm tra việc thực hiện.", []),
    ("Ban hành kèm theo Quyết định này Quy chế.", []),
    ("trung tâm dữ liệu chủ trì kết nối.", []),
    ("Bộ Khoa học và Công nghệ là cơ quan thường trực, chủ trì tổng hợp.", []),
    ("Căn cứ vào khả năng cân đối ngân sách, Ủy ban nhân dân cấp tỉnh quy định mức hỗ trợ.",
     [("Ủy ban nhân dân cấp tỉnh", R.ASSIGNED)]),
    ("Đối với khu công nghiệp mới, Ủy ban nhân dân cấp tỉnh căn cứ vào tình hình thực tế, xác định diện tích.",
     [("Ủy ban nhân dân cấp tỉnh", R.ASSIGNED)]),
    ("Chính phủ, các Bộ, cơ quan ngang Bộ, cơ quan khác ở trung ương và địa phương đề cao trách nhiệm.",
     [("Chính phủ, các Bộ, cơ quan ngang Bộ, cơ quan khác ở trung ương và địa phương", R.ASSIGNED)]),
    ("Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp, Bộ Nội vụ theo dõi việc thực hiện.",
     [("Bộ Tài chính", R.LEAD), ("Bộ Tư pháp", R.COORDINATE), ("Bộ Nội vụ", R.COORDINATE)]),
    ("Ủy ban nhân dân cấp tỉnh căn cứ vào tình hình thực tế, xác định diện tích đất đối với từng khu công nghiệp, "
     "cụm công nghiệp đã đầu tư xây dựng hạ tầng.", [("Ủy ban nhân dân cấp tỉnh", R.ASSIGNED)]),
])
def test_responsibility_sentences(sentence, expected):
    found = parse_responsibilities(_one_section(sentence))
    assert [(r.body, r.role) for r in found] == expected


def test_names_from_the_document_join_the_gazetteer():
    sentence = "Trung tâm Phục vụ hành chính công tỉnh chủ trì, phối hợp với Cục Thuế tỉnh triển khai."
    plain = parse_responsibilities(_one_section(sentence))
    assert [(r.body, r.role) for r in plain] == [("Trung tâm Phục vụ hành chính công tỉnh", R.LEAD)]
    known = parse_responsibilities(_one_section(sentence), ["Cục Thuế tỉnh"])
    assert [(r.body, r.role) for r in known] == [("Trung tâm Phục vụ hành chính công tỉnh", R.LEAD),
                                                 ("Cục Thuế tỉnh", R.COORDINATE)]


@pytest.mark.parametrize("row", [r for r in read_tsv("responsibility_roles.tsv") if "…" not in r["example"]],
                         ids=lambda r: r["words"])
def test_role_examples(row):
    found = parse_responsibilities(_one_section(row["example"]))
    assert ResponsibilityRole(row["role"]) in {r.role for r in found}


@pytest.mark.parametrize("row", read_tsv("body_heads.tsv"), ids=lambda r: r["head"])
def test_body_head_examples(row):
    gazetteer = Gazetteer()
    assert gazetteer.starts_body(row["example"])
    for word in filter(None, row["not_before"].split(";")):
        assert not gazetteer.starts_body(f"{row['head']} {word} mới"), word


@pytest.mark.parametrize("row", [r for r in read_tsv("definition_cues.tsv") if r["kind"] == "heading"],
                         ids=lambda r: r["words"])
def test_definition_heading_examples(row):
    assert DEFINITIONS_HEADING.search(row["example"])


@pytest.mark.parametrize("row", [r for r in read_tsv("definition_cues.tsv") if r["kind"].startswith("stated")],
                         ids=lambda r: f"{r['kind']}:{r['words']}")
def test_stated_cue_examples(row):
    stated = [d for d in parse_definitions(_one_section(row["example"] + ".")) if d.stated]
    if row["kind"].startswith("stated_not"):
        assert not stated
    else:
        assert stated and stated[-1].text.startswith(stated[-1].term)
        assert all(row["example"].startswith(d.text.rstrip(".")) or d.text.rstrip(".") in row["example"]
                   for d in stated)


def test_what_a_resolution_says_a_term_is():
    source = shared_text("corpus/57-NQ-TW.txt")
    stated = {d.term: d for d in parse_definitions(parse_outline(source)) if d.stated}
    assert stated["nhà khoa học"].text.startswith("nhà khoa học là nhân tố then chốt")
    assert stated["thể chế"].section == "I.3"
    assert all(source[d.start:d.end] == d.text for d in stated.values())
    assert not any(term.endswith("nhất") for term in stated)


def test_glossary_comes_from_the_data_file():
    assert ("Sở Khoa học và Công nghệ", "Department of Science and Technology") in GLOSSARY
    assert len({vi for vi, _ in GLOSSARY}) == len(GLOSSARY) and all(en for _, en in GLOSSARY)
    for alias, name in ALIASES.items():
        assert canonical_name(alias) == name
    assert english_gloss("UBND thành phố") == "City People's Committee"
    assert english_gloss("Ban Tuyên giáo Trung ương") == "Central Propaganda Commission"


@pytest.mark.parametrize("row", read_tsv("body_trims.tsv"), ids=lambda r: r["words"])
def test_body_trim_examples(row):
    (found,) = parse_responsibilities(_one_section(row["example"] + " việc thực hiện."))
    assert not found.body.endswith(row["words"]) and row["words"] not in found.body


@pytest.mark.parametrize(("text", "names"), [("các sở, ban, ngành, địa phương", True), ("Sở Y tế chủ trì", True),
                                             ("Tổng vốn đầu tư đạt khoảng 43% GRDP", False),
                                             ("Ban hành kèm theo Quy chế", False)])
def test_whether_a_text_names_a_body(text, names):
    assert Gazetteer().names_a_body(text) is names
