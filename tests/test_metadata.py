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
