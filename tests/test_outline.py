"""The outline parser: canonical section ids, spans, parents, titles; fallbacks for other documents."""

from __future__ import annotations

import pytest

from ingest.datafiles import read_tsv
from ingest.labels import section_label
from ingest.outline import attachment_prefix, paragraph_sections, parse_outline
from tests.corpora import shared_text

EXPECTED_IDS = (
    ["PRE", "I", "I.1", "I.2", "II", "II.1", "II.2"]
    + [f"II.2.({n})" for n in range(1, 36)]
    + ["III", "III.1", "III.1.1", "III.1.2", "III.1.3"]
    + [f"III.1.3.{c}" for c in ["a", "b", "c", "d", "đ", "e", "g"]]
    + [f"III.1.{n}" for n in range(4, 13)]
    + ["III.2", "III.3", "III.4", "IV"] + [f"IV.{n}" for n in range(1, 7)]
    + ["SIG", "PL"]
)
GROUP_FIRST_TASK = {"I": 1, "II": 17, "III": 21, "IV": 26, "V": 31, "VI": 32, "VII": 44, "VIII": 48, "IX": 54}


def test_full_id_list_in_document_order(programme):
    ids = [s.id for s in programme.sections]
    appendix = []
    for n in range(1, 57):
        appendix += [f"PL.{g}" for g, first in GROUP_FIRST_TASK.items() if first == n] + [f"PL.{n}"]
    assert ids == EXPECTED_IDS + appendix


def test_spans_slice_the_file_back_to_each_section(programme, programme_source):
    assert programme.source == programme_source
    for s in programme.sections:
        assert programme_source[s.start:s.end] == s.text, s.id
        assert s.text.strip(), s.id
    starts = [s.start for s in programme.sections]
    assert starts == sorted(starts)


def test_parents_and_headings(programme):
    by_id = {s.id: s for s in programme.sections}
    assert by_id["III.1.3.đ"].parent == "III.1.3"
    assert by_id["III.1.3"].parent == "III.1"
    assert by_id["II.2.(8)"].parent == "II.2"
    assert by_id["PL.22"].parent == "PL.III"
    assert by_id["PL.III"].parent == "PL"
    assert by_id["PRE"].parent is None and by_id["SIG"].parent is None
    assert by_id["III.1.3.đ"].heading == "đ) Phát triển du lịch biển, di sản và văn hóa gắn với hội nhập quốc tế"
    assert by_id["IV"].heading == "IV. TỔ CHỨC THỰC HIỆN"
    assert by_id["II.2.(2)"].text == "(2) GRDP bình quân đầu người năm 2030 (giá hiện hành) đạt 11.247 USD/người."


def test_broken_row_spans_cover_the_continuation(programme):
    row = programme.section("PL.7")
    assert row.text.startswith("7\tThiết lập cơ chế")
    assert row.text.endswith("trường; các sở, ban, ngành, địa phương liên quan")


def test_title_paths(programme):
    assert programme.section("PL.43").title.startswith("PHỤ LỤC > VI. Nhóm nhiệm vụ về phát triển kết cấu hạ tầng")
    assert " > 43. Cảng cửa ngõ quốc tế Lạch Huyện" in programme.section("PL.43").title
    assert programme.section("III.1.3.c").title.startswith("III. NHIỆM VỤ, GIẢI PHÁP > 1. Nhiệm vụ và giải pháp")
    assert programme.section("PRE").title == "Mở đầu"


def test_sig_block_holds_recipients_and_signer(programme):
    sig = programme.section("SIG")
    assert sig.text.startswith("Nơi nhận:")
    assert sig.text.rstrip().endswith("Lê Ngọc Châu")


def test_pdf_typos_are_kept_as_printed(programme):
    assert "tạo bút phá trong phát triển" in programme.section("II.1").text


LEGAL = """NGHỊ QUYẾT
Về việc thử nghiệm

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
1. Nghị quyết này quy định cơ chế.
a) Điểm thứ nhất;
b) Điểm thứ hai.
2. Khoản hai.

Chương II
TỔ CHỨC THỰC HIỆN

Điều 2. Hiệu lực
1. Có hiệu lực từ ngày ký.
"""


def test_legal_structure_ids():
    sections = parse_outline(LEGAL)
    ids = [s.id for s in sections]
    assert ids == ["PRE", "C.I", "Đ.1", "Đ.1.1", "Đ.1.1.a", "Đ.1.1.b", "Đ.1.2", "C.II", "Đ.2", "Đ.2.1"]
    by_id = {s.id: s for s in sections}
    assert by_id["Đ.2"].parent == "C.II"
    assert by_id["Đ.1.1.b"].parent == "Đ.1.1"
    for s in sections:
        assert LEGAL[s.start:s.end] == s.text


def test_unstructured_text_falls_back_to_paragraphs():
    text = "Một đoạn văn.\n\nĐoạn thứ hai\nvẫn tiếp tục.\n\n\nĐoạn ba."
    assert parse_outline(text) == []
    paragraphs = paragraph_sections(text)
    assert [p.id for p in paragraphs] == ["¶1", "¶2", "¶3"]
    assert paragraphs[1].text == "Đoạn thứ hai\nvẫn tiếp tục."
    for p in paragraphs:
        assert text[p.start:p.end] == p.text


def test_section_kinds_and_printed_numbers(programme):
    kinds = {s.id: (s.kind, s.number) for s in programme.sections}
    assert kinds["I"] == ("roman", "I") and kinds["I.1"] == ("arabic", "1")
    assert kinds["III.1.3"] == ("dotted", "1.3") and kinds["III.1.3.đ"] == ("letter", "đ")
    assert kinds["II.2.(7)"] == ("paren", "7")
    assert kinds["PRE"] == ("pre", "") and kinds["SIG"] == ("sig", "") and kinds["PL"] == ("appendix", "")
    assert kinds["PL.III"] == ("table_group", "III") and kinds["PL.22"] == ("table_row", "22")


def test_title_words_are_not_chapters_or_parts():
    sections = parse_outline("CHƯƠNG TRÌNH HÀNH ĐỘNG\nPHẦN MỀM QUẢN LÝ\n\nI. MỤC ĐÍCH\nNội dung.\n")
    assert [s.id for s in sections] == ["PRE", "I"]
    assert [s.id for s in parse_outline("PHẦN THỨ NHẤT\nCHƯƠNG II\n")] == ["P.NHẤT", "C.II"]


def test_party_resolution_parts_numbered_with_a_dash():
    source = shared_text("corpus/57-NQ-TW.txt")
    sections = parse_outline(source)
    assert [s.id for s in sections] == (
        ["PRE", "I"] + [f"I.{n}" for n in range(1, 6)] + ["II", "II.1", "II.2", "III"]
        + [f"III.{n}" for n in range(1, 8)] + ["IV"] + [f"IV.{n}" for n in range(1, 7)])
    by_id = {s.id: s for s in sections}
    assert by_id["PRE"].text.startswith("Nghị quyết số 57-NQ/TW")
    assert by_id["II.1"].heading == "1. Đến năm 2030" and by_id["II.1"].text.count("\n- ") == 5
    assert by_id["IV"].heading == "IV- TỔ CHỨC THỰC HIỆN"
    for s in sections:
        assert source[s.start:s.end] == s.text


def test_resolution_with_chapters_articles_clauses_points():
    source = shared_text("corpus/198-2025-QH15.txt")
    sections = parse_outline(source)
    ids = [s.id for s in sections]
    assert [i for i in ids if i.startswith("C.")] == ["C.I", "C.II", "C.III", "C.IV", "C.V", "C.VI", "C.VII"]
    assert [i for i in ids if i.count(".") == 1 and i.startswith("Đ.")] == [f"Đ.{n}" for n in range(1, 18)]
    assert [i for i in ids if i.startswith("Đ.16.4.")] == [f"Đ.16.4.{c}" for c in "abcd"]
    assert {s.kind for s in sections if s.id.startswith("Đ.16.4.")} == {"point"}
    assert {s.id for s in sections if s.number == "đ"} == {"Đ.9.2.đ"}
    assert len(set(ids)) == len(ids)
    for s in sections:
        assert source[s.start:s.end] == s.text


LAWS = ("luat-dien-anh-2022.txt", "luat-giao-duc-2019.txt", "luat-phong-chong-ma-tuy-2021.txt",
        "luat-thanh-nien-2020.txt", "luat-vien-chuc-2010.txt")


def test_laws_get_unique_ids_and_exact_spans():
    for name in LAWS:
        source = shared_text(f"benchmarks/alqac2023/{name}")
        sections = parse_outline(source)
        assert len({s.id for s in sections}) == len(sections), name
        assert not any("~" in s.id for s in sections), name
        for s in sections:
            assert source[s.start:s.end] == s.text, (name, s.id)


def test_a_list_a_clause_introduces_nests_under_it():
    text = ("Điều 42. Phân loại đánh giá\n1. Viên chức được phân loại như sau:\n1. Hoàn thành xuất sắc;\n"
            "2. Hoàn thành tốt;\n2. Kết quả phân loại được lưu vào hồ sơ.\nĐiều 43. Trách nhiệm\n")
    assert [s.id for s in parse_outline(text)] == ["Đ.42", "Đ.42.1", "Đ.42.1.1", "Đ.42.1.2", "Đ.42.2", "Đ.43"]


def test_repeated_ids_get_a_suffix():
    text = "I. Một\n1. Mục\nI. Lại một\n"
    assert [s.id for s in parse_outline(text)] == ["I", "I.1", "I~2"]


def test_a_table_in_a_body_section_gives_rows_under_it():
    text = ("II. NHIỆM VỤ\n1. Nhiệm vụ cụ thể\nSTT\tNhiệm vụ\tCơ quan chủ trì\n1\tLập đề án\tSở Nội vụ\n"
            "\tvề nhân lực\t\n2\tBan hành kế hoạch\tSở Tài chính\nSau bảng là đoạn văn.\n2. Giải pháp\n")
    sections = parse_outline(text)
    assert [(s.id, s.parent) for s in sections] == [("II", None), ("II.1", "II"), ("II.1.T1", "II.1"),
                                                     ("II.1.T2", "II.1"), ("II.2", "II")]
    by_id = {s.id: s for s in sections}
    assert by_id["II.1.T1"].text.endswith("về nhân lực\t")
    assert by_id["II.1"].text.endswith("Sau bảng là đoạn văn.")


@pytest.mark.parametrize("row", [r for r in read_tsv("attachment_kinds.tsv") if r["title"] != "*"])
def test_attachment_kind_prefixes(row):
    assert attachment_prefix(row["title"] + " TỔ CHỨC VÀ HOẠT ĐỘNG") == row["prefix"]


def test_attached_text_of_an_unknown_kind_gets_kt():
    text = ("Điều 1. Ban hành kèm theo Quyết định này Danh mục.\nNơi nhận:\n- Như trên.\n\nDANH MỤC DỰ ÁN\n"
            "(Ban hành kèm theo Quyết định số 5/QĐ-UBND)\n1. Dự án cảng\n")
    assert [s.id for s in parse_outline(text)] == ["Đ.1", "SIG", "KT", "KT.1"]


def test_numbered_appendices_each_get_their_own_id():
    text = ("I. MỤC TIÊU\nNội dung.\nPHỤ LỤC I\nTT\tNhiệm vụ\tCơ quan chủ trì\n1\tLập đề án\tSở Nội vụ\n"
            "PHỤ LỤC II\nTT\tNhiệm vụ\tCơ quan chủ trì\n1\tXây dựng kế hoạch\tSở Tài chính\n")
    sections = parse_outline(text)
    assert [(s.id, s.number) for s in sections] == [("I", "I"), ("PL", "I"), ("PL.1", "1"), ("PL2", "II"),
                                                    ("PL2.1", "1")]
    assert section_label(sections[-1], sections) == "Phụ lục II, nhiệm vụ 1"
