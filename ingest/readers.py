"""Corpus files → text: plain text and Markdown as they are, DOCX paragraphs and tables, the PDF text layer.

Every failure is one exception type, :class:`UnreadableFile`, whose ``reason`` says in plain words what is wrong.
python-docx and pypdf are imported when a file of theirs is read (a process reading plain text never loads them).
"""

from __future__ import annotations

import errno
import io
import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.limits import IngestLimits

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table

SUFFIXES = (".txt", ".md", ".docx", ".pdf")
MIB = 1024 * 1024


class UnreadableFile(Exception):
    """A file whose text cannot be read; ``reason`` is a short human explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_text(path: Path, max_bytes: int, limits: IngestLimits | None = None) -> str:
    """The text of a ``.txt``/``.md``/``.docx``/``.pdf`` file; raises :class:`UnreadableFile`."""
    return decode(read_bytes(path, max_bytes), path.suffix, limits)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The raw bytes of a regular file no larger than ``max_bytes``; raises :class:`UnreadableFile`."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file")
        if info.st_size > max_bytes:
            raise UnreadableFile(f"larger than {_size(max_bytes)}")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise UnreadableFile(_os_reason(e, path)) from e
    if len(data) > max_bytes:
        raise UnreadableFile(f"larger than {_size(max_bytes)}")
    if not data:
        raise UnreadableFile("empty file")
    return data


def decode(data: bytes, suffix: str, limits: IngestLimits | None = None) -> str:
    """Text from a file's bytes, by its suffix (``.txt``, ``.md``, ``.docx``, ``.pdf``), within ``limits``."""
    limits = limits or IngestLimits.of()
    suffix = suffix.lower()
    if suffix in (".txt", ".md"):
        text = _plain_text(data)
    elif suffix == ".docx":
        _check_zip(data, limits.max_docx_parts, limits.max_docx_unzipped_bytes)
        text = _docx_text(data)
    elif suffix == ".pdf":
        text = _pdf_text(data, limits.max_pdf_pages)
    else:
        raise UnreadableFile(f"unsupported file type {suffix or '(no extension)'!r}")
    if not text.strip():
        raise UnreadableFile("no text in file")
    return text


def _size(n: int) -> str:
    return f"{n // MIB} MB" if n >= MIB and n % MIB == 0 else f"{n} bytes"


def _os_reason(e: OSError, path: Path) -> str:
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if e.errno == errno.ENOENT:
        return "broken symbolic link (its target does not exist)" if path.is_symlink() else "file not found"
    if e.errno == errno.EISDIR:
        return "is a folder"
    return f"cannot read: {e.strerror or e}"


def _plain_text(data: bytes) -> str:
    """Strict UTF-8, a leading BOM dropped, newlines kept as they are."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UnreadableFile(f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})") from e
    nul = text.find("\0")
    if nul >= 0:
        raise UnreadableFile(f"binary data, not text (NUL byte at offset {len(text[:nul].encode('utf-8'))})")
    return text.removeprefix("\ufeff")


def _check_zip(data: bytes, max_parts: int, max_unzipped: int) -> None:
    """Refuse a DOCX with too many ZIP members or that expands to too much (a "zip bomb") before opening it; the
    sizes its directory declares bound what reading can produce, since :mod:`zipfile` stops there."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as e:
        raise UnreadableFile(f"corrupt DOCX: not a ZIP archive ({e})") from e
    if len(members) > max_parts:
        raise UnreadableFile(f"DOCX has {len(members)} parts, more than the limit of {max_parts}")
    unzipped = sum(m.file_size for m in members)
    if unzipped > max_unzipped:
        raise UnreadableFile(f"DOCX expands to {_size(unzipped)}, more than the limit of {_size(max_unzipped)}")


def _docx_text(data: bytes) -> str:
    """Body paragraphs one per line with blank lines between; each table row one line, cells joined by tabs."""
    from docx import Document as open_docx

    try:
        doc = open_docx(io.BytesIO(data))
        blocks = [block for block in _docx_blocks(doc) if block.strip()]
    except zipfile.BadZipFile as e:
        raise UnreadableFile(f"corrupt DOCX: not a ZIP archive ({e})") from e
    except Exception as e:  # damaged parts raise many types: KeyError, ValueError, XMLSyntaxError…
        raise UnreadableFile(f"corrupt DOCX: {type(e).__name__}: {e}") from e
    return unicodedata.normalize("NFC", "\n\n".join(blocks))


def _docx_blocks(doc: DocxDocument) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            yield "\n".join(_table_rows(item))


def _table_rows(table: Table) -> Iterator[str]:
    """Rows as tab-joined cells: a cell spanning columns counts once, a cell spanning rows is read on each of them."""
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            if cell._tc is not last:  # python-docx yields a column-spanning cell once per grid column
                cells.append(" ".join(cell.text.split()))
            last = cell._tc
        if any(cells):
            yield "\t".join(cells).rstrip("\t")


def _pdf_text(data: bytes, max_pages: int) -> str:
    """The text layer, pages joined with blank lines; a PDF of more than ``max_pages`` pages is refused."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("PDF is encrypted (password required)")
        if len(reader.pages) > max_pages:
            raise UnreadableFile(f"PDF has {len(reader.pages)} pages, more than the limit of {max_pages}")
        pages = [(page.extract_text() or "").strip("\n") for page in reader.pages]
    except UnreadableFile:
        raise
    except Exception as e:  # pypdf raises PdfReadError, but also ValueError, KeyError… on damaged files
        raise UnreadableFile(f"corrupt PDF: {type(e).__name__}: {e}") from e
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned images?)")
    return unicodedata.normalize("NFC", text)
