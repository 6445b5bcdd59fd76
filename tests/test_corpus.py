"""Corpus loading: every good file ingests, every bad one is reported with its reason, nothing stops the rest."""

from __future__ import annotations

import hashlib
import shutil
import unicodedata
from pathlib import Path

import pytest

from ingest.corpus import corpus_fingerprint, load_corpus
from tests.docfixtures import make_unreadable, unicode_font, write_docx, write_pdf

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "corpus" / "20-CTr-TU_2026-04-24.txt"


def errors_by_file(corpus_dir: Path, errors: list) -> dict[str, str]:
    return {Path(e.path).relative_to(corpus_dir).as_posix(): e.reason for e in errors}


def test_real_corpus_is_the_programme() -> None:
    corpus = load_corpus(ROOT / "corpus")
    assert corpus.errors == []
    assert [d.id for d in corpus.documents] == ["20-CTr/TU"]
    doc = corpus.documents[0]
    assert doc.sha256 == hashlib.sha256(PROGRAMME.read_bytes()).hexdigest()
    with open(PROGRAMME, encoding="utf-8", newline="") as f:
        assert doc.source == f.read()


@pytest.fixture
def mixed_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Good files, broken files, links and files that are not candidates, side by side."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".drafts").mkdir()
    (root / ".git").mkdir()
    shutil.copy(PROGRAMME, root / PROGRAMME.name)
    shutil.copy(PROGRAMME, root / "zz-copy.txt")
    write_docx(root / "nq.docx")
    (root / "sub" / "ghi-chu.md").write_text("Ghi chú thứ nhất.\n\nGhi chú thứ hai,\nvẫn đoạn hai.\n")
    (root / ".drafts" / "alias-target.md").write_text("Bản nháp được liên kết.\n")
    (root / "alias.md").symlink_to(root / ".drafts" / "alias-target.md")
    (root / "legacy.txt").write_bytes(unicodedata.normalize("NFD", "Hải Phòng").encode("cp1258"))
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (root / "empty.txt").write_bytes(b"")
    (root / "loop").symlink_to(root)
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "locked.txt").write_text("Điều 1. Không đọc được")
    make_unreadable(root / "locked.txt", monkeypatch)
    for skipped in (".hidden.txt", "README.md", "notes.rtf", "~$nq.docx", ".git/HEAD.txt"):
        (root / skipped).write_text("không được đọc")
    return root


def test_mixed_corpus_ingests_the_good_and_reports_the_bad(mixed_corpus: Path) -> None:
    corpus = load_corpus(mixed_corpus)
    assert [(d.id, Path(d.path).relative_to(mixed_corpus).as_posix()) for d in corpus.documents] == [
        ("20-CTr/TU", PROGRAMME.name), ("alias", "alias.md"), ("nq", "nq.docx"), ("ghi-chu", "sub/ghi-chu.md")]
    first = str(mixed_corpus / PROGRAMME.name)
    assert errors_by_file(mixed_corpus, corpus.errors) == {
        "broken.pdf": "corrupt PDF: PdfStreamError: Stream has ended unexpectedly",
        "dangling.txt": "broken symbolic link (its target does not exist)",
        "empty.txt": "empty file",
        "legacy.txt": "not UTF-8 text (byte 0xd2 at offset 2)",
        "locked.txt": "permission denied",
        "loop": "link to a folder, not followed",
        "self.txt": "symbolic link loop",
        "zz-copy.txt": f"duplicate document '20-CTr/TU': an identical copy of {first}, kept that one",
    }
    assert [e.path for e in corpus.errors] == sorted(e.path for e in corpus.errors)


def test_duplicate_id_keeps_the_first_file_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    shutil.copy(PROGRAMME, tmp_path / "b" / "chuong-trinh.txt")
    edited = PROGRAMME.read_text(encoding="utf-8").replace("Mục đích", "Mục đích (bản sửa)", 1)
    (tmp_path / "a-ban-sua.txt").write_text(edited, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [Path(d.path).name for d in corpus.documents] == ["a-ban-sua.txt"]
    assert errors_by_file(tmp_path, corpus.errors) == {
        "b/chuong-trinh.txt": f"duplicate document '20-CTr/TU': the same document as {tmp_path / 'a-ban-sua.txt'}, "
                              "kept that one"}


def test_docx_and_pdf_ingest_with_their_structure(tmp_path: Path) -> None:
    write_docx(tmp_path / "nghi-quyet.docx")
    write_pdf(tmp_path / "quy-che.pdf", unicode_font())
    corpus = load_corpus(tmp_path)
    assert corpus.errors == []
    docx_doc, pdf_doc = corpus.document("nghi-quyet"), corpus.document("quy-che")
    assert [s.id for s in docx_doc.sections] == [
        "PRE", "Đ.1", "Đ.1.1", "Đ.1.1.a", "Đ.1.1.b", "Đ.1.2", "Đ.2", "PL", "PL.I", "PL.1", "PL.2"]
    assert docx_doc.section("Đ.1.1.b").parent == "Đ.1.1"
    assert [(t.number, t.group_id, t.deadline, t.lead) for t in docx_doc.tasks] == [
        (1, "PL.I", "Quý II/2026", "Sở Xây dựng"), (2, "PL.I", "Quý II/2026", "Sở Tư pháp")]
    assert [s.id for s in pdf_doc.sections] == ["PRE", "Đ.1", "Đ.1.1", "Đ.1.1.a", "Đ.1.1.b", "Đ.2"]
    assert pdf_doc.section("Đ.2").body == "Quy chế có hiệu lực kể từ ngày ký ban hành."
    for doc in (docx_doc, pdf_doc):
        assert all(doc.source[s.start:s.end] == s.text for s in doc.sections)
        assert doc.sha256 == hashlib.sha256(Path(doc.path).read_bytes()).hexdigest()


def test_unstructured_text_falls_back_to_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "ghi-chu.txt").write_text("Đoạn thứ nhất.\n\nĐoạn thứ hai\nhai dòng.\n")
    doc = load_corpus(tmp_path).document("ghi-chu")
    assert [(s.id, s.text) for s in doc.sections] == [("¶1", "Đoạn thứ nhất."), ("¶2", "Đoạn thứ hai\nhai dòng.")]


def test_size_limit_is_reported(tmp_path: Path) -> None:
    shutil.copy(PROGRAMME, tmp_path / PROGRAMME.name)
    corpus = load_corpus(tmp_path, max_file_bytes=1000)
    assert corpus.documents == []
    assert errors_by_file(tmp_path, corpus.errors) == {PROGRAMME.name: "larger than 1000 bytes"}


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="corpus folder not found: .*nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_fingerprint_covers_every_candidate(mixed_corpus: Path) -> None:
    prints = corpus_fingerprint(mixed_corpus)
    assert sorted(prints) == [PROGRAMME.name, "alias.md", "broken.pdf", "dangling.txt", "empty.txt", "legacy.txt",
                              "locked.txt", "nq.docx", "self.txt", "sub/ghi-chu.md", "zz-copy.txt"]
    assert prints[PROGRAMME.name] == prints["zz-copy.txt"] == hashlib.sha256(PROGRAMME.read_bytes()).hexdigest()
    assert prints["dangling.txt"] == prints["self.txt"] == ""
    (mixed_corpus / "sub" / "ghi-chu.md").write_text("Đã sửa.\n")
    changed = corpus_fingerprint(mixed_corpus)
    assert {k for k in prints if prints[k] != changed[k]} == {"sub/ghi-chu.md"}


# ---- a corpus of several documents: each keeps its own metadata; references link; users' names find them ----------

from ingest.model import Corpus  # noqa: E402
from ingest.parse import parse_document  # noqa: E402
from tests.legalfixtures import DECISION, PROVINCE_PLAN, copy_programme_and_resolutions, shared  # noqa: E402


def test_documents_sorting_before_the_programme_leave_its_metadata_unchanged(tmp_path: Path) -> None:
    (tmp_path / "0-aaa.txt").write_text(DECISION, encoding="utf-8")
    shutil.copy(shared("198-2025-QH15.txt"), tmp_path / "198-2025-QH15.txt")
    shutil.copy(PROGRAMME, tmp_path / PROGRAMME.name)
    corpus = load_corpus(tmp_path)
    assert corpus.errors == []
    assert [d.id for d in corpus.documents] == ["12/2025/QĐ-UBND", "198/2025/QH15", "20-CTr/TU"]
    alone = parse_document(PROGRAMME.read_text(encoding="utf-8"), str(tmp_path / PROGRAMME.name),
                           corpus.document("20-CTr/TU").sha256)
    m = corpus.document("20-CTr/TU").metadata
    assert m == alone.metadata
    assert (m.number, m.kind, m.date, m.issuer, m.signer, m.signer_title, len(m.recipients)) == (
        "20-CTr/TU", "Chương trình hành động", "2026-04-24", "Ban Thường vụ Thành ủy", "Lê Ngọc Châu",
        "T/M BAN THƯỜNG VỤ BÍ THƯ", 8)
    assert corpus.document("198/2025/QH15").metadata.issuer == "Quốc hội"
    assert corpus.document("12/2025/QĐ-UBND").metadata.signer == "Nguyễn Văn Tùng"


@pytest.fixture(scope="module")
def related(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The programme, the two real resolutions, a province's plan citing 57-NQ/TW and a decision named by its file."""
    root = tmp_path_factory.mktemp("related")
    copy_programme_and_resolutions(root)
    (root / "ke-hoach-quang-ninh.txt").write_text(PROVINCE_PLAN, encoding="utf-8")
    unnumbered = DECISION.replace("Số: 12/2025/QĐ-UBND\n", "").replace("Quyết định số 12/2025/QĐ-UBND ", "")
    (root / "211-2025-QD-UBND.txt").write_text(unnumbered, encoding="utf-8")
    return load_corpus(root)


@pytest.mark.parametrize(("name", "doc_id"), [
    ("57-NQ/TW", "57-NQ/TW"), ("NQ 57", "57-NQ/TW"), ("nghị quyết 57", "57-NQ/TW"), ("Nghị quyết số 57", "57-NQ/TW"),
    ("resolution 57", "57-NQ/TW"), ("NGHI QUYET SO 57", "57-NQ/TW"), ("198/2025/QH15", "198/2025/QH15"),
    ("nghị quyết 198", "198/2025/QH15"), ("Quyết định 211", "211/2025/QĐ-UBND"), ("decision 211", "211/2025/QĐ-UBND"),
    ("kế hoạch 125", "125-KH/TU"), ("chương trình hành động số 20", "20-CTr/TU"), ("the programme 20", "20-CTr/TU"),
    ("Điều 5 của Nghị quyết 198 quy định gì?", "198/2025/QH15"),
])
def test_find_by_a_users_name(related: Corpus, name: str, doc_id: str) -> None:
    found = related.find(name)
    assert found is not None and found.id == doc_id


@pytest.mark.parametrize("name", ["nghị quyết 68", "quyết định 57", "68-NQ/TW", "57", "chuyển đổi số"])
def test_find_nothing_for_documents_not_in_the_corpus(related: Corpus, name: str) -> None:
    assert related.find(name) is None


def test_references_resolve_to_corpus_documents(related: Corpus) -> None:
    assert related.errors == []
    programme = related.document("20-CTr/TU")
    resolved = {r.id: r.resolved for r in programme.references if r.resolved}
    assert resolved == {"57-NQ/TW": "57-NQ/TW"}
    assert [(d.id, r.mention) for d, r in related.cited_by("57-NQ/TW")] == [
        ("20-CTr/TU", "Nghị quyết số 57-NQ/TW"), ("125-KH/TU", "Nghị quyết số 57-NQ/TW")]
    assert related.cited_by("198/2025/QH15") == []
    assert related.document("211/2025/QĐ-UBND").metadata.origin("number").value == "filename"


def test_parsed_documents_are_cached_and_read_back_without_a_parse_worker(tmp_path: Path, monkeypatch) -> None:
    from ingest.isolation import ParseWorker

    corpus_dir, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus_dir.mkdir()
    shutil.copy(PROGRAMME, corpus_dir / PROGRAMME.name)
    first = load_corpus(corpus_dir, cache_dir=cache)
    assert len(list(cache.glob("*.pickle"))) == 1

    def no_worker(*args, **kwargs):
        raise AssertionError("a cached file was parsed again")

    with monkeypatch.context() as m:
        m.setattr(ParseWorker, "run", no_worker)
        again = load_corpus(corpus_dir, cache_dir=cache)
    assert again.documents == first.documents and again.documents[0] is not first.documents[0]


def test_a_changed_file_or_a_damaged_cache_file_is_parsed_again(tmp_path: Path) -> None:
    corpus_dir, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus_dir.mkdir()
    (corpus_dir / "ghi-chu.txt").write_text("Ghi chú\n\n1. Một việc cần làm.\n", encoding="utf-8")
    load_corpus(corpus_dir, cache_dir=cache)
    (corpus_dir / "ghi-chu.txt").write_text("Ghi chú\n\n1. Một việc khác.\n", encoding="utf-8")
    assert "việc khác" in load_corpus(corpus_dir, cache_dir=cache).documents[0].source
    assert len(list(cache.glob("*.pickle"))) == 2
    for cached in cache.glob("*.pickle"):
        cached.write_bytes(b"damaged")
    assert "việc khác" in load_corpus(corpus_dir, cache_dir=cache).documents[0].source
