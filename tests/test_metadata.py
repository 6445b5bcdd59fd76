"""Document metadata read from the text: number, date, issuer, signer, title, recipients."""

from __future__ import annotations

from ingest.metadata import iso_date
from ingest.parse import parse_document


def test_programme_metadata(programme):
    m = programme.metadata
    assert programme.id == "20-CTr/TU" == m.number
    assert (m.date, m.date_text) == ("2026-04-24", "24 tháng 4 năm 2026")
    assert m.kind == "Chương trình hành động"
    assert m.issuer == "Ban Thường vụ Thành ủy"
    assert m.signer == "Lê Ngọc Châu"
    assert m.signer_title == "T/M BAN THƯỜNG VỤ BÍ THƯ"
    assert m.title.startswith("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA BAN THƯỜNG VỤ THÀNH ỦY thực hiện Kết luận số 18-KL/TW")
    assert len(m.recipients) == 8
    assert m.recipients[0] == "Bộ Chính trị, Ban Bí thư TW Đảng (để báo cáo)"
    assert m.recipients[-1] == "Lưu Văn phòng Thành ủy"


def test_id_is_the_number_stated_in_a_header_else_the_file_name():
    numbered = parse_document("Số: 15/2025/NQ-HĐND\n\nHải Phòng, ngày 3 tháng 7 năm 2025\n\nĐiều 1. Nội dung\n",
                              "corpus/abc.txt", "x")
    assert numbered.id == "15/2025/NQ-HĐND"
    assert numbered.metadata.date == "2025-07-03"
    unnamed = parse_document("Ghi chú không có số hiệu.\n", "corpus/ghi-chu.md", "x")
    assert unnamed.id == "ghi-chu"


def test_iso_date():
    assert iso_date("24 tháng 4 năm 2026") == "2026-04-24"
    assert iso_date("02/4/2026") == "2026-04-02"
    assert iso_date("không có ngày") == ""


# ---- documents of other kinds and places ----------------------------------------------------------------------

import pytest  # noqa: E402

from ingest.doc_numbers import fold  # noqa: E402
from ingest.metadata import issuer_case  # noqa: E402
from ingest.model import MetadataOrigin  # noqa: E402
from tests.legalfixtures import DECISION, DECREE, LAW, PARTY_RESOLUTION, PROVINCE_PLAN, shared  # noqa: E402

FIXTURES = {
    "decision": (DECISION, {
        "number": "12/2025/QĐ-UBND", "kind": "Quyết định", "date": "2025-03-15",
        "issuer": "Ủy ban nhân dân thành phố Hải Phòng", "signer": "Nguyễn Văn Tùng",
        "signer_title": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "subject": "Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn thành phố Hải Phòng",
        "effective_text": "kể từ ngày 25 tháng 3 năm 2025", "effective_date": "2025-03-25",
        "recipients": ("Như Điều 3", "Bộ Công Thương", "Lưu: VT"),
        "bases": ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 2 năm 2025",
                  "Nghị định số 32/2024/NĐ-CP ngày 15 tháng 3 năm 2024 của Chính phủ về quản lý, phát triển cụm công "
                  "nghiệp")}),
    "decree": (DECREE, {
        "number": "45/2025/NĐ-CP", "kind": "Nghị định", "date": "2025-02-28", "issuer": "Chính phủ",
        "signer": "Trần Hồng Hà", "signer_title": "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG",
        "subject": "Quy định chi tiết một số điều của Luật Thủ đô",
        "effective_text": "từ ngày 15 tháng 4 năm 2025", "effective_date": "2025-04-15",
        "bases": ("Luật Tổ chức Chính phủ ngày 18 tháng 2 năm 2025",)}),
    "province plan": (PROVINCE_PLAN, {
        "number": "125-KH/TU", "kind": "Kế hoạch", "date": "2025-01-10", "issuer": "Tỉnh ủy Quảng Ninh",
        "signer": "Vũ Đại Thắng", "signer_title": "T/M BAN THƯỜNG VỤ BÍ THƯ", "implements": "57-NQ/TW", "bases": ()}),
    "party resolution": (PARTY_RESOLUTION, {
        "number": "68-NQ/TW", "kind": "Nghị quyết", "date": "2025-05-04", "issuer": "Bộ Chính trị",
        "signer": "Tô Lâm", "signer_title": "T/M BỘ CHÍNH TRỊ TỔNG BÍ THƯ", "subject": "phát triển kinh tế tư nhân",
        "title": "NGHỊ QUYẾT CỦA BỘ CHÍNH TRỊ về phát triển kinh tế tư nhân"}),
    "law": (LAW, {
        "number": "64/2025/QH15", "kind": "Luật", "date": "2025-02-19", "issuer": "Quốc hội",
        "signer": "Trần Thanh Mẫn", "signer_title": "CHỦ TỊCH QUỐC HỘI",
        "title": "LUẬT BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT", "effective_date": "2025-04-01",
        "bases": ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",)}),
}


@pytest.mark.parametrize("name", FIXTURES)
def test_metadata_of_other_kinds_of_document(name: str) -> None:
    text, expected = FIXTURES[name]
    doc = parse_document(text, f"corpus/{name}.txt", "x")
    assert doc.id == expected["number"]
    assert {field: getattr(doc.metadata, field) for field in expected} == expected


@pytest.mark.parametrize("name", FIXTURES)
def test_every_field_read_from_the_text_has_its_span(name: str) -> None:
    text, _ = FIXTURES[name]
    m = parse_document(text, f"corpus/{name}.txt", "x").metadata
    for field, origin in m.origins:
        span = m.span(field)
        assert span is not None, field
        quoted = " ".join(text[span[0]:span[1]].split())
        value = getattr(m, field)
        if field in ("number", "signer", "effective_text", "adopted_text", "date_text", "subject"):
            assert quoted == value, field
        elif field == "issuer" and MetadataOrigin(origin) is MetadataOrigin.HEADER:
            assert fold(quoted) == fold(value), field


def test_closing_sentence_gives_the_adoption_date_and_issuer() -> None:
    m = parse_document(LAW, "corpus/luat.txt", "x").metadata
    assert m.adopted_text.startswith("Luật này đã được Quốc hội") and m.adopted_text.endswith("năm 2025.")
    assert m.origin("date") is MetadataOrigin.CLOSING
    assert LAW[slice(*m.span("date_text"))] == "19 tháng 02 năm 2025"


def test_effect_clause_of_the_document_itself_wins_over_its_attached_regulation() -> None:
    m = parse_document(DECISION, "corpus/qd.txt", "x").metadata
    assert m.effective_text == "kể từ ngày 25 tháng 3 năm 2025"


def test_effect_from_signing_takes_the_document_date() -> None:
    text = DECREE.replace("từ ngày 15 tháng 4 năm 2025", "kể từ ngày ký")
    m = parse_document(text, "corpus/nd.txt", "x").metadata
    assert (m.effective_text, m.effective_date) == ("kể từ ngày ký", "2025-02-28")


def test_body_text_is_not_taken_for_a_header() -> None:
    text = ("Hội nghị ngày 3 tháng 7 năm 2025 bàn về Số liệu.\n\nTại Hải Phòng, ngày 3 tháng 7 năm 2025 đã họp.\n\n"
            "Nghị quyết số 15/2024/NQ-HĐND đã được ban hành.\n\nSố 12/2025/QĐ-UBND ngày 3/7/2025 quy định.\n\n"
            "Điều 1. Nội dung\n\nCHỦ TỊCH nói rằng.\n")
    m = parse_document(text, "corpus/ghi-chu.txt", "x").metadata
    assert (m.number, m.date, m.issuer, m.signer) == ("", "", "", "")


@pytest.mark.parametrize(("caps", "expected"), [
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("TỈNH ỦY QUẢNG NINH", "Tỉnh ủy Quảng Ninh"),
    ("HỘI ĐỒNG NHÂN DÂN HUYỆN THỦY NGUYÊN", "Hội đồng nhân dân huyện Thủy Nguyên"),
    ("BỘ TRƯỞNG BỘ TÀI CHÍNH", "Bộ trưởng Bộ Tài chính"),
    ("BAN THƯỜNG VỤ THÀNH ỦY", "Ban Thường vụ Thành ủy"),
])
def test_issuer_case(caps: str, expected: str) -> None:
    assert issuer_case(caps) == expected


def test_every_known_issuer_keeps_its_spelling() -> None:
    from ingest.datafiles import column

    for name in column("issuers.tsv", "name"):
        assert issuer_case(name.upper()) == name


def test_every_signature_opener_opens_a_signature_block() -> None:
    from ingest.datafiles import column

    for opener in column("signer_titles.tsv", "title"):
        text = f"Điều 1. Nội dung\n\n{opener} ỦY BAN NHÂN DÂN\n\nNguyễn Văn An\n"
        m = parse_document(text, "corpus/x.txt", "x").metadata
        assert (m.signer, m.signer_title) == ("Nguyễn Văn An", f"{opener} ỦY BAN NHÂN DÂN"), opener


def test_every_surname_starts_a_signers_name_in_a_lead() -> None:
    from ingest.datafiles import column

    for surname in column("surnames.tsv", "surname"):
        text = (f"Phó Thủ tướng {surname} Văn An đã ký Quyết định số 5/QĐ-TTg ngày 2/1/2025 về thử nghiệm.\n\n"
                "Điều 1. Nội dung\n")
        m = parse_document(text, "corpus/x.txt", "x").metadata
        assert (m.signer, m.signer_title) == (f"{surname} Văn An", "Phó Thủ tướng"), surname


# ---- the two real resolutions, read from ../shared/corpus -------------------------------------------------------

def _real(name: str):
    path = shared(name)
    return parse_document(path.read_text(encoding="utf-8"), str(path), "x")


def test_politburo_resolution_from_its_publishers_lead() -> None:
    doc = _real("57-NQ-TW.txt")
    m = doc.metadata
    assert doc.id == "57-NQ/TW"
    assert (m.kind, m.issuer, m.signer, m.signer_title, m.date) == (
        "Nghị quyết", "Bộ Chính trị", "Tô Lâm", "Tổng Bí thư", "2024-12-22")
    assert m.subject == "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    assert m.origin("signer") is MetadataOrigin.LEAD
    assert doc.source[slice(*m.span("date_text"))] == "22/12/2024"


def test_national_assembly_resolution_without_its_header() -> None:
    doc = _real("198-2025-QH15.txt")
    m = doc.metadata
    assert doc.id == "198/2025/QH15"
    assert m.origin("number") is MetadataOrigin.FILENAME and m.span("number") is None
    assert (m.kind, m.issuer, m.date) == ("Nghị quyết", "Quốc hội", "2025-05-17")
    assert m.origin("date") is MetadataOrigin.CLOSING
    assert m.adopted_text.endswith("Kỳ họp thứ 9 thông qua ngày 17 tháng 5 năm 2025.")
    assert m.subject == "một số cơ chế, chính sách đặc biệt phát triển kinh tế tư nhân"
    assert (m.effective_text, m.effective_date) == ("từ ngày được Quốc hội thông qua", "2025-05-17")
    assert m.signer == ""
    assert [b.split(" số ")[0] for b in m.bases] == [
        "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "Luật Tổ chức Quốc hội",
        "Luật Ban hành văn bản quy phạm pháp luật"]
    start, end = m.span("bases")
    assert doc.source[start:end].startswith("Căn cứ Hiến pháp") and doc.source[start:end].endswith("số 64/2025/QH15")


def test_programme_spans_quote_its_metadata(programme) -> None:
    m = programme.metadata
    assert programme.source[slice(*m.span("signer"))] == "Lê Ngọc Châu"
    assert programme.source[slice(*m.span("number"))] == "20-CTr/TU"
    assert m.origin("number") is MetadataOrigin.ATTACHED
    assert m.subject.startswith("thực hiện Kết luận số 18-KL/TW")


def test_every_place_word_capitalises_the_place_after_it() -> None:
    from ingest.datafiles import column

    for word in column("place_words.tsv", "word"):
        cased = issuer_case(f"ỦY BAN NHÂN DÂN {word.upper()} HẢI PHÒNG")
        assert cased.endswith(" Hải Phòng") and fold(cased) == fold(f"Ủy ban nhân dân {word} Hải Phòng"), word
