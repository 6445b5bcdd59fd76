"""Structure of documents of each kind, built by tests/corpora: ids, labels, tasks, targets, definitions,
responsibilities, and spans that slice the source back."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.corpus import load_corpus
from ingest.labels import section_label
from ingest.model import Document, ResponsibilityRole
from ingest.parse import parse_document
from ingest.readers import decode
from tests.corpora import DECISION, DECREE, PARTY_RESOLUTION, PROVINCE_PROGRAMME, write_corpus, write_programme_docx

LEAD, COORDINATE, ASSIGNED, MONITOR = (ResponsibilityRole.LEAD, ResponsibilityRole.COORDINATE,
                                       ResponsibilityRole.ASSIGNED, ResponsibilityRole.MONITOR)


def _parse(text: str, name: str) -> Document:
    return parse_document(text, name, "0" * 64)


def _spans_hold(doc: Document) -> None:
    for s in doc.sections:
        assert doc.source[s.start:s.end] == s.text, s.id
    for record in [*doc.targets, *doc.definitions, *doc.responsibilities]:
        assert doc.source[record.start:record.end] == record.text, record
    assert len({s.id for s in doc.sections}) == len(doc.sections)


def _responsibilities(doc: Document) -> set[tuple[str, str, ResponsibilityRole]]:
    return {(r.section, r.body, r.role) for r in doc.responsibilities}


@pytest.fixture(scope="module")
def province() -> Document:
    return _parse(PROVINCE_PROGRAMME, "15-CTr-TU.txt")


def test_province_programme_ids_and_labels(province):
    assert [s.id for s in province.sections] == [
        "PRE", "I", "I.1", "I.2", "II", "II.1", "II.2", "II.2.(1)", "II.2.(2)", "II.2.(3)", "II.2.(4)",
        "III", "III.1", "III.2", "III.2.T1", "III.2.T2", "IV", "IV.1", "IV.2", "SIG",
        "PL", "PL.I", "PL.1", "PL.2", "PL.II", "PL.3", "PL.4"]
    labels = {s.id: section_label(s, province.sections) for s in province.sections}
    assert labels["I.2"] == "Phần I, mục 2"
    assert labels["II.2.(3)"] == "Mục II.2, chỉ tiêu (3)"
    assert labels["III.2.T1"] == "Phần III, mục 2, nhiệm vụ 1"
    assert labels["PL.3"] == "Phụ lục, nhiệm vụ 3"
    assert section_label(province.section("PL.3"), province.sections, "en") == "Appendix, task 3"
    _spans_hold(province)


def test_province_tasks_read_by_column_roles(province):
    rows = [(t.section, t.group_id, [a.name for a in t.agencies], [a.name for a in t.co_agencies], t.deadline)
            for t in province.tasks]
    assert rows == [
        ("III.2.T1", "III.2", ["Sở Khoa học và Công nghệ"], ["Sở Tài chính", "Công an tỉnh"], "Quý IV/2026"),
        ("III.2.T2", "III.2", ["Sở Khoa học và Công nghệ"], ["các doanh nghiệp viễn thông"], "Năm 2027"),
        ("PL.1", "PL.I", ["Sở Khoa học và Công nghệ"], ["Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh"],
         "Quý II/2026"),
        ("PL.2", "PL.I", ["Sở Tư pháp"], ["các sở, ban, ngành"], "Tháng 9/2026"),
        ("PL.3", "PL.II", ["Sở Giáo dục và Đào tạo"], ["Sở Nội vụ"], "2026-2027"),
        ("PL.4", "PL.II", ["Sở Nội vụ"], [], "Thường xuyên"),
    ]
    broken = province.tasks[3]
    assert broken.text == "Rà soát, cắt giảm thủ tục hành chính trong lĩnh vực đầu tư, đất đai và xây dựng"
    assert broken.group_title == "Nhóm nhiệm vụ về thể chế"
    assert [t.due.label for t in province.tasks] == ["Quý IV/2026", "Năm 2027", "Quý II/2026", "Tháng 9/2026",
                                                      "Giai đoạn 2026-2027", "Thường xuyên"]
    assert province.tasks[2].due.contains(date(2026, 5, 1)) and not province.tasks[2].due.contains(date(2026, 7, 1))


def test_province_targets_under_another_heading(province):
    assert [(t.number, t.section, [f.text for f in t.figures]) for t in province.targets] == [
        (1, "II.2.(1)", ["2%"]), (2, "II.2.(2)", ["30% GDP"]), (3, "II.2.(3)", ["50 doanh nghiệp"]),
        (4, "II.2.(4)", ["80%"])]
    assert province.targets[1].figures[0].qualifier == "tối thiểu"
    assert province.targets[3].text == "Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử đạt trên 80%."


def test_province_responsibilities(province):
    assert _responsibilities(province) == {
        ("III.1", "Sở Khoa học và Công nghệ", LEAD), ("III.1", "Sở Tài chính", COORDINATE),
        ("III.2", "Các sở", ASSIGNED), ("IV.1", "Ủy ban nhân dân tỉnh", ASSIGNED), ("IV.2", "Sở Nội vụ", ASSIGNED)}


def test_province_programme_from_docx_reads_the_same(tmp_path, province):
    path = write_programme_docx(tmp_path / "15-CTr-TU.docx")
    doc = _parse(decode(path.read_bytes(), ".docx"), path.name)
    assert [s.id for s in doc.sections] == [s.id for s in province.sections]
    assert [(t.section, t.text, t.lead, t.coordinating, t.deadline) for t in doc.tasks] == [
        (t.section, t.text, t.lead, t.coordinating, t.deadline) for t in province.tasks]
    _spans_hold(doc)


def test_decree_legal_structure():
    doc = _parse(DECREE, "45-2026-ND-CP.txt")
    ids = [s.id for s in doc.sections]
    assert ids == ["PRE", "C.I", "Đ.1", "Đ.2", "Đ.2.1", "Đ.2.2", "C.II", "C.II.M.1", "Đ.3", "Đ.3.1", "Đ.3.2",
                   "Đ.3.2.a", "Đ.3.2.b", "Đ.3.2.c", "Đ.3.2.d", "Đ.3.2.đ", "C.II.M.2", "Đ.4", "C.III", "Đ.5", "Đ.6",
                   "Đ.6.1", "Đ.6.2", "SIG"]
    kinds = {s.id: (s.kind, s.number) for s in doc.sections}
    assert kinds["Đ.3.2.đ"] == ("point", "đ") and kinds["Đ.3.2"] == ("clause", "2")
    assert kinds["C.II.M.1"] == ("division", "1") and kinds["C.III"] == ("chapter", "III")
    assert doc.section("Đ.4").parent == "C.II.M.2"
    label = {s.id: (section_label(s, doc.sections), section_label(s, doc.sections, "en")) for s in doc.sections}
    assert label["Đ.3.2.đ"] == ("Điều 3, khoản 2, điểm đ", "Article 3(2)(đ)")
    assert label["C.II.M.1"] == ("Chương II, Mục 1", "Chapter II, Section 1")
    assert label["C.II"] == ("Chương II", "Chapter II")
    assert [(d.section, d.term) for d in doc.definitions] == [
        ("Đ.2.1", "Doanh nghiệp khởi nghiệp sáng tạo"), ("Đ.2.2", "Cơ sở ươm tạo")]
    assert doc.definitions[1].text == ("Cơ sở ươm tạo là tổ chức cung cấp hạ tầng và dịch vụ hỗ trợ doanh nghiệp "
                                       "khởi nghiệp.")
    assert _responsibilities(doc) == {
        ("Đ.6.1", "Bộ Tài chính", LEAD), ("Đ.6.1", "Bộ Khoa học và Công nghệ", COORDINATE),
        ("Đ.6.2", "Ủy ban nhân dân cấp tỉnh", ASSIGNED)}
    assert doc.targets == [] and doc.tasks == []
    _spans_hold(doc)


def test_party_resolution_numbered_with_dashes():
    doc = _parse(PARTY_RESOLUTION, "99-NQ-TW.txt")
    assert [s.id for s in doc.sections] == ["PRE", "I", "I.1", "I.2", "II", "II.1", "II.2", "III", "III.1", "IV",
                                            "IV.1", "IV.2", "IV.3", "SIG"]
    assert doc.section("PRE").text.startswith("BAN CHẤP HÀNH TRUNG ƯƠNG")
    assert doc.section("I").heading == "I- QUAN ĐIỂM CHỈ ĐẠO" and doc.section("I").kind == "roman"
    assert "- Rà soát, sửa đổi các luật liên quan đến biển." in doc.section("III.1").text  # "-" items stay in text
    assert [(t.number, t.section, t.period_text, [f.text for f in t.figures]) for t in doc.targets] == [
        (1, "II.1", "Đến năm 2030", ["10% GDP"]), (2, "II.1", "Đến năm 2030", []),
        (3, "II.2", "đến năm 2045", ["15% GDP"])]
    assert doc.targets[0].text == "Kinh tế biển đóng góp khoảng 10% GDP cả nước."
    assert doc.targets[0].period.end == date(2030, 12, 31)
    assert _responsibilities(doc) == {
        ("IV.1", "Các tỉnh ủy, thành ủy ven biển", ASSIGNED), ("IV.2", "Ban Tuyên giáo Trung ương", LEAD),
        ("IV.2", "Văn phòng Trung ương Đảng", COORDINATE), ("IV.3", "Ban Kinh tế Trung ương", MONITOR)}
    assert section_label(doc.section("IV.2"), doc.sections) == "Phần IV, mục 2"
    _spans_hold(doc)


def test_decision_with_attached_regulation():
    doc = _parse(DECISION, "12-2026-QD-UBND.txt")
    assert [s.id for s in doc.sections] == [
        "PRE", "Đ.1", "Đ.2", "Đ.3", "SIG", "QC", "QC.C.I", "QC.Đ.1", "QC.Đ.2", "QC.Đ.2.1", "QC.C.II", "QC.Đ.3",
        "QC.Đ.3.1", "QC.Đ.3.2"]
    assert doc.section("QC").kind == "attachment" and doc.section("QC").heading == "QUY CHẾ"
    assert doc.section("QC.Đ.1").parent == "QC.C.I" and doc.section("QC.C.I").parent == "QC"
    assert doc.section("Đ.1").text.startswith("Điều 1. Ban hành kèm theo Quyết định này Quy chế")
    assert section_label(doc.section("QC.Đ.3.1"), doc.sections) == "Quy chế, Điều 3, khoản 1"
    assert section_label(doc.section("QC.Đ.3.1"), doc.sections, "en") == "Regulation, Article 3(1)"
    assert section_label(doc.section("Đ.3"), doc.sections) == "Điều 3"
    assert [(d.section, d.term) for d in doc.definitions] == [("QC.Đ.2.1", "Cơ quan đầu mối")]
    assert _responsibilities(doc) == {
        ("Đ.3", "Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc các sở", ASSIGNED),
        ("QC.Đ.3.1", "Sở Công Thương", LEAD), ("QC.Đ.3.1", "Sở Xây dựng", COORDINATE),
        ("QC.Đ.3.2", "Công an thành phố", ASSIGNED)}
    _spans_hold(doc)


def test_fixture_corpus_loads_every_document(tmp_path):
    write_corpus(tmp_path / "corpus")
    corpus = load_corpus(tmp_path / "corpus")
    assert corpus.errors == []
    assert sorted(len(d.sections) for d in corpus.documents) == [14, 14, 24, 27]


def test_task_chunks_name_the_coordinating_bodies(province):
    from index.chunking import task_text

    assert task_text(province.tasks[0]).endswith("Cơ quan chủ trì: Sở Khoa học và Công nghệ\n"
                                                 "Cơ quan phối hợp: Sở Tài chính; Công an tỉnh")
