"""Bounds on one untrusted corpus file: its size, a PDF's pages, a DOCX's ZIP members and their size, parse time."""

from __future__ import annotations

from dataclasses import dataclass

from planqa.config import Settings


@dataclass(frozen=True)
class IngestLimits:
    """What a file may cost before it is reported and skipped; the defaults are :class:`Settings`'s."""

    max_file_bytes: int
    max_pdf_pages: int
    max_docx_parts: int
    max_docx_unzipped_bytes: int
    parse_timeout_s: float

    @classmethod
    def of(cls, settings: Settings | None = None) -> IngestLimits:
        s = settings or Settings()
        return cls(max_file_bytes=s.max_file_bytes, max_pdf_pages=s.max_pdf_pages, max_docx_parts=s.max_docx_parts,
                   max_docx_unzipped_bytes=s.max_docx_unzipped_bytes, parse_timeout_s=s.parse_timeout_s)
