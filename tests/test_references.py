"""References to other documents: normalised ids, kinds, dates, issuers, subjects, sections."""

from __future__ import annotations


def _refs(programme):
    return {r.id: r for r in programme.references}


def test_every_referenced_document_is_found(programme):
    assert list(_refs(programme)) == [
        "18-KL/TW", "06-CTr/TU", "66-NQ/TW", "226/2025/QH15", "07-NQ/TU", "07-KH/TU", "68-NQ/TW", "37-KH/TU",
        "79-NQ/TW", "57-NQ/TW", "18-CTr/TU", "80-NQ/TW", "02-CTr/TU", "71-NQ/TW", "03-CTr/TU", "72-NQ/TW",
        "05-CTr/TU", "59-NQ/TW", "08/2024/NQ-HĐND",
    ]


def test_the_document_itself_is_not_a_reference(programme):
    assert "20-CTr/TU" not in _refs(programme)


def test_kinds_dates_issuers(programme):
    refs = _refs(programme)
    kl = refs["18-KL/TW"]
    assert (kl.kind, kl.date, kl.issuer) == ("Kết luận", "02/4/2026", "Ban Chấp hành Trung ương Đảng khóa XIV")
    assert kl.about.startswith("kế hoạch phát triển kinh tế - xã hội, tài chính quốc gia")
    assert refs["226/2025/QH15"].issuer == "Quốc hội"
    assert refs["226/2025/QH15"].about.startswith("thí điểm một số cơ chế, chính sách đặc thù phát triển thành phố")
    assert refs["37-KH/TU"].kind == "Kế hoạch hành động"
    assert refs["79-NQ/TW"].issuer == "Bộ Chính trị"
    assert refs["79-NQ/TW"].about == "phát triển kinh tế nhà nước"


def test_subject_survives_a_pdf_line_break(programme):
    assert _refs(programme)["66-NQ/TW"].about.startswith("đổi mới công tác xây dựng và thi hành pháp luật đáp ứng")


def test_implementing_programmes(programme):
    refs = _refs(programme)
    assert refs["06-CTr/TU"].implements == "66-NQ/TW"
    assert refs["02-CTr/TU"].implements == "71-NQ/TW"
    assert refs["37-KH/TU"].implements == "79-NQ/TW"
    assert programme.metadata.implements == "18-KL/TW"


def test_sections_that_mention_each_reference(programme):
    refs = _refs(programme)
    assert refs["226/2025/QH15"].sections == ("III.1.3.d", "III.1.4", "III.2", "III.3", "PL.41")
    assert refs["18-KL/TW"].sections[0] == "PRE"
    assert refs["08/2024/NQ-HĐND"].sections == ("PL.12",)
    assert refs["72-NQ/TW"].sections == ("III.1.6", "PL.45")
