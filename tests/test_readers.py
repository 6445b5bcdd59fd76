"""File readers: text as it is, DOCX paragraphs and tables, the PDF text layer, and plain reasons for failures."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.readers import UnreadableFile, decode, read_text
from planqa.config import Settings
from tests.docfixtures import (
    DOCX_TEXT,
    PDF_PAGES,
    make_unreadable,
    unicode_font,
    write_docx,
    write_pdf,
    write_pdf_without_text,
)

LIMIT = Settings().max_file_bytes


def reason(path: Path, max_bytes: int = LIMIT) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_text(path, max_bytes)
    return caught.value.reason


@pytest.fixture(scope="module")
def font() -> Path:
    return unicode_font()


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_plain_text_drops_bom_and_keeps_newlines(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"note{suffix}"
    path.write_bytes("\ufeffĐiều 1. Phạm vi\r\n\r\n1. Khoản một\n".encode())
    assert read_text(path, LIMIT) == "Điều 1. Phạm vi\r\n\r\n1. Khoản một\n"


def test_non_utf8_text_names_the_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(unicodedata.normalize("NFD", "Hải Phòng").encode("cp1258"))  # Windows Vietnamese: H a 0xd2 i …
    assert reason(path) == "not UTF-8 text (byte 0xd2 at offset 2)"


def test_binary_data_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"abc\x00\x01\x02")
    assert reason(path) == "binary data, not text (NUL byte at offset 3)"


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.md"
    empty.write_bytes(b"")
    blank.write_bytes(b" \n\t\r\n")
    assert reason(empty) == "empty file"
    assert reason(blank) == "no text in file"


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(LIMIT + 1)  # sparse: no disk used, refused before reading
    small = tmp_path / "small.txt"
    small.write_text("mười một byte")
    assert reason(big) == "larger than 50 MB"
    assert reason(small, max_bytes=5) == "larger than 5 bytes"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Điều 1. Bí mật")
    make_unreadable(path, monkeypatch)
    assert reason(path) == "permission denied"


def test_links_and_folders(tmp_path: Path) -> None:
    broken, loop, folder = tmp_path / "gone.txt", tmp_path / "loop.txt", tmp_path / "folder.txt"
    broken.symlink_to(tmp_path / "missing.txt")
    loop.symlink_to(loop)
    folder.mkdir()
    assert reason(broken) == "broken symbolic link (its target does not exist)"
    assert reason(loop) == "symbolic link loop"
    assert reason(folder) == "not a regular file"
    assert reason(tmp_path / "absent.txt") == "file not found"


def test_unsupported_type() -> None:
    with pytest.raises(UnreadableFile, match="unsupported file type '.rtf'"):
        decode(b"{\\rtf1}", ".rtf")


def test_docx_paragraphs_and_table(tmp_path: Path) -> None:
    assert read_text(write_docx(tmp_path / "nq.docx"), LIMIT) == DOCX_TEXT


def test_corrupt_docx(tmp_path: Path) -> None:
    not_zip = tmp_path / "not_zip.docx"
    not_zip.write_bytes(b"PK\x03\x04 this is not really a zip")
    wrong_zip = tmp_path / "wrong_zip.docx"
    with zipfile.ZipFile(wrong_zip, "w") as z:
        z.writestr("notes.txt", "không phải tài liệu Word")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(write_docx(tmp_path / "good.docx").read_bytes()[:2000])
    assert reason(not_zip).startswith("corrupt DOCX: not a ZIP archive")
    assert reason(wrong_zip).startswith("corrupt DOCX: KeyError")
    assert reason(truncated).startswith("corrupt DOCX")


def test_pdf_text_layer_in_vietnamese(tmp_path: Path, font: Path) -> None:
    text = read_text(write_pdf(tmp_path / "qc.pdf", font), LIMIT)
    pages = text.split("\n\n")
    assert [page.splitlines() for page in pages] == [list(lines) for lines in PDF_PAGES]


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    assert reason(write_pdf_without_text(tmp_path / "scan.pdf")) == "PDF has no text layer (scanned images?)"


def test_corrupt_pdf(tmp_path: Path, font: Path) -> None:
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(write_pdf(tmp_path / "good.pdf", font).read_bytes()[:600])
    assert reason(garbage).startswith("corrupt PDF: ")
    assert reason(truncated).startswith("corrupt PDF: ")


def test_docx_text_is_composed_unicode(tmp_path: Path) -> None:
    path = tmp_path / "to-hop.docx"
    document = docx.Document()
    document.add_paragraph(unicodedata.normalize("NFD", "Điều 1. Phạm vi điều chỉnh"))  # "Unicode tổ hợp" typing
    document.save(str(path))
    assert read_text(path, LIMIT) == "Điều 1. Phạm vi điều chỉnh"


# ---- bounds on untrusted files ------------------------------------------------------------------------------------

from dataclasses import replace  # noqa: E402

from ingest.limits import IngestLimits  # noqa: E402


def test_pdf_page_limit(tmp_path: Path, font: Path) -> None:
    path = write_pdf(tmp_path / "qc.pdf", font)  # two pages
    with pytest.raises(UnreadableFile, match="^PDF has 2 pages, more than the limit of 1$"):
        read_text(path, LIMIT, replace(IngestLimits.of(), max_pdf_pages=1))
    assert read_text(path, LIMIT, replace(IngestLimits.of(), max_pdf_pages=2))


def test_docx_part_limit(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "nq.docx")
    with zipfile.ZipFile(path) as archive:
        parts = len(archive.infolist())
    with pytest.raises(UnreadableFile, match=f"^DOCX has {parts} parts, more than the limit of {parts - 1}$"):
        read_text(path, LIMIT, replace(IngestLimits.of(), max_docx_parts=parts - 1))
    assert read_text(path, LIMIT, replace(IngestLimits.of(), max_docx_parts=parts)) == DOCX_TEXT


def test_docx_that_expands_too_far_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (3 * 1024 * 1024))  # 3 MB of zeros, a few KB on disk
    assert bomb.stat().st_size < 20_000
    with pytest.raises(UnreadableFile, match="^DOCX expands to 3 MB, more than the limit of 2 MB$"):
        read_text(bomb, LIMIT, replace(IngestLimits.of(), max_docx_unzipped_bytes=2 * 1024 * 1024))
