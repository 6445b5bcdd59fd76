"""Files built on the fly for the reader and corpus tests: small DOCX and PDF documents, an unreadable file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

# Searched in order; Debian's fonts-dejavu-core provides the first one.
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)

DOCX_PARAGRAPHS = (
    "NGHỊ QUYẾT THỬ NGHIỆM VỀ TỔ CHỨC THỰC HIỆN",
    "Điều 1. Phạm vi điều chỉnh",
    "1. Quy định này áp dụng trên địa bàn thành phố Hải Phòng.",
    "a) Các sở, ban, ngành thành phố;",
    "b) Ủy ban nhân dân các xã, phường, đặc khu.",
    "2. Nghị quyết có hiệu lực từ ngày ký.",
    "Điều 2. Tổ chức thực hiện",
    "Giao Ủy ban nhân dân thành phố tổ chức thực hiện.",
    "PHỤ LỤC",
)
# The table under "PHỤ LỤC" as it should read: a group row spanning three columns (read once), and a deadline cell
# spanning tasks 1 and 2 (read on both rows, so each task keeps its deadline).
DOCX_TABLE_TEXT = (
    "TT\tNhiệm vụ\tThời hạn\tCơ quan chủ trì\n"
    "I\tNhóm nhiệm vụ về thể chế\n"
    "1\tRà soát quy hoạch đô thị\tQuý II/2026\tSở Xây dựng\n"
    "2\tBan hành quy định phân cấp\tQuý II/2026\tSở Tư pháp"
)
DOCX_TEXT = "\n\n".join(DOCX_PARAGRAPHS) + "\n\n" + DOCX_TABLE_TEXT

PDF_PAGES = (
    ("QUY CHẾ THỬ NGHIỆM", "Điều 1. Đối tượng áp dụng", "1. Cơ quan, đơn vị thuộc thành phố Hải Phòng.",
     "a) Sở Khoa học và Công nghệ;", "b) Sở Tài chính."),
    ("Điều 2. Hiệu lực", "Quy chế có hiệu lực kể từ ngày ký ban hành."),
)


def unicode_font() -> Path:
    """A TrueType font with Vietnamese glyphs; the test is skipped when the machine has none."""
    found = next((p for p in FONT_CANDIDATES if p.is_file()), None)
    if found is None:
        pytest.skip("no Unicode TrueType font on this machine (apt-get install fonts-dejavu-core)")
    return found


def write_docx(path: Path) -> Path:
    """A DOCX with Điều/khoản/điểm paragraphs and an appendix table with merged cells."""
    document = docx.Document()
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=4)
    rows = [line.split("\t") for line in DOCX_TABLE_TEXT.split("\n")]
    table.cell(1, 1).merge(table.cell(1, 3))
    table.cell(2, 2).merge(table.cell(3, 2))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if not (r == 3 and c == 2):  # the merged deadline cell is written once, on row 2
                table.cell(r, c).text = text
    document.add_paragraph("")  # an empty paragraph adds no text
    document.save(str(path))
    return path


def write_pdf(path: Path, font: Path, pages: tuple[tuple[str, ...], ...] = PDF_PAGES) -> Path:
    """A PDF with a real text layer, one line per string, in a Unicode font."""
    pdf = FPDF()
    pdf.add_font("body", fname=str(font))
    pdf.set_font("body", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_pdf_without_text(path: Path) -> Path:
    """A PDF whose only page is a drawing, like a scan: no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


def make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; as root, who reads anything, opening it is made to fail the way it does for any other user."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object):
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
