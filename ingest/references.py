"""Mentions of other documents: "Nghị quyết số 66-NQ/TW, ngày 30/4/2025 của Bộ Chính trị về …"."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.doc_numbers import DOC_NUMBER, KIND_PATTERN, kind_name, number_key
from ingest.model import Document, Reference, Section

MENTION = re.compile(rf"(?P<kind>{KIND_PATTERN})\s+(?:số\s+)?(?P<id>{DOC_NUMBER})", re.IGNORECASE)
_DATE = re.compile(r"^[\s,]*ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4})")
_ISSUER = re.compile(r"^[\s,]*của\s+(?P<issuer>(?:Ban Chấp hành Trung ương Đảng(?: khóa [IVXL]+)?|Bộ Chính trị|"
                     r"Ban Bí thư|Quốc hội|Chính phủ|Thủ tướng Chính phủ|Ban Thường vụ Thành ủy|"
                     r"Ban Chấp hành Đảng bộ thành phố|Hội đồng nhân dân thành phố|Ủy ban nhân dân thành phố))")
_ABOUT = re.compile(r"^[\s,]*về\s+(?P<about>[^;.()\n\t]+)")
_TRAILING_ISSUER = re.compile(
    r"\s+của\s+(?P<issuer>Bộ Chính trị|Ban Bí thư|Quốc hội|Chính phủ|Ban Thường vụ Thành ủy)$")
_IMPLEMENTS = re.compile(r"^[\s,]*(?:để\s+)?(?:triển khai\s+)?thực hiện\s+$")


def _clip(about: str) -> str:
    """Cut "về …" where the next clause begins."""
    about = re.split(r",\s+(?:tạo|bảo đảm|để|nhằm|thực hiện|gắn với)\s|\s+(?:và|và các) Chương trình\s", about)[0]
    return re.sub(r"\s+và$", "", about.strip(" ,"))


def _unwrap(text: str) -> str:
    """Join lines the PDF broke mid-sentence ("thi hành pháp\n\nluật" → "thi hành pháp luật")."""
    return re.sub(r"\s*\n\s*(?=\w)", lambda m: " " if text[m.end()].islower() else m.group(0), text)


def find_references(sections: list[Section], own_id: str = "") -> list[Reference]:
    """Every document mentioned, merged by normalised id, in order of first mention; ``own_id`` excluded."""
    found: dict[str, Reference] = {}
    implements: dict[str, str] = {}
    for s in sections:
        text = _unwrap(s.text)
        mentions = list(MENTION.finditer(text))
        for i, m in enumerate(mentions):
            ref_id = m.group("id")
            if ref_id.upper() == own_id.upper():
                continue
            rest = text[m.end(): mentions[i + 1].start() if i + 1 < len(mentions) else len(text)]
            date = _DATE.match(rest)
            rest2 = rest[date.end():] if date else rest
            issuer = _ISSUER.match(rest2)
            rest3 = rest2[issuer.end():] if issuer else rest2
            about = _ABOUT.match(rest3)
            if i + 1 < len(mentions) and _IMPLEMENTS.match(rest3):
                implements.setdefault(ref_id, mentions[i + 1].group("id"))
            about_text = _clip(about.group("about")) if about else ""
            issuer_text = issuer.group("issuer") if issuer else ""
            trailing = _TRAILING_ISSUER.search(about_text)
            if trailing:
                about_text, issuer_text = about_text[: trailing.start()], issuer_text or trailing.group("issuer")
            kind = kind_name(m.group("kind"))
            new = Reference(id=ref_id, kind=kind, mention=f"{kind} số {ref_id}",
                            date=date.group("date") if date else "", issuer=issuer_text, about=about_text,
                            sections=(s.id,))
            old = found.get(ref_id)
            if old is None:
                found[ref_id] = new
            else:
                found[ref_id] = replace(old, date=old.date or new.date, issuer=old.issuer or new.issuer,
                                        about=old.about or new.about,
                                        sections=old.sections + ((s.id,) if s.id not in old.sections else ()))
    return [replace(r, implements=implements.get(r.id, "")) for r in found.values()]


def link_references(documents: list[Document]) -> None:
    """Set each reference's ``resolved`` to the id of the corpus document it names (numbers compared loosely:
    "57-NQ/TW" = "57/NQ-TW" = "57-nq/tw"); references to documents outside the corpus stay unresolved."""
    by_key: dict[str, str] = {}
    for d in documents:
        for number in (d.metadata.number, d.id):
            if number:
                by_key.setdefault(number_key(number), d.id)
    for d in documents:
        d.references = [replace(r, resolved=target if (target := by_key.get(number_key(r.id), "")) != d.id else "")
                        for r in d.references]
