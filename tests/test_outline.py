"""The outline parser: canonical section ids, spans, parents, titles; fallbacks for other documents."""

from __future__ import annotations

from ingest.outline import paragraph_sections, parse_outline

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
