"""Document metadata read from the text itself: number, date, issuer, signer, title, recipients."""

from __future__ import annotations

import re

from ingest.agencies import canonical_name
from ingest.model import Metadata, Section
from ingest.references import DOC_NUMBER, KINDS, MENTION

_KIND = "|".join(KINDS)
# "Số: 20-CTr/TU" in a header, or "(Kèm theo Chương trình hành động số 20-CTr/TU ngày 24 tháng 4 năm 2026 của …)"
_NUMBER_LINE = re.compile(rf"^\s*Số\s*:\s*(?P<id>{DOC_NUMBER})", re.MULTILINE)
_ATTACHED_TO = re.compile(
    rf"Kèm theo\s+(?P<kind>{_KIND})\s+số\s+(?P<id>{DOC_NUMBER})(?:,?\s+ngày\s+(?P<date>\d{{1,2}} tháng \d{{1,2}} năm "
    rf"\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}))?(?:\s+của\s+(?P<issuer>[^)\n]+))?", re.IGNORECASE)
_PLACE_DATE = re.compile(r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_TITLE_KIND = re.compile(rf"^\W*(?P<kind>{_KIND})\b(?:\s+CỦA\s+(?P<issuer>[^*\n]+))?", re.IGNORECASE)
_IMPLEMENTS = re.compile(r"thực hiện\s+" + MENTION.pattern, re.IGNORECASE)


def iso_date(text: str) -> str:
    """"24 tháng 4 năm 2026" or "24/4/2026" → "2026-04-24"; "" when it is neither."""
    m = _PLACE_DATE.search(text) or re.search(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", text)
    return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}" if m else ""


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:].lower() if text.isupper() else text


def read_metadata(source: str, sections: list[Section]) -> Metadata:
    """What the document says about itself; fields it does not state stay empty."""
    by_id = {s.id: s for s in sections}
    pre = by_id.get("PRE")
    head = pre.text if pre else source[:2000]
    title_lines = [ln.strip().strip("*").strip() for ln in head.split("\n\n")[0:3] if ln.strip().startswith("**")]
    title = " ".join(" ".join(t.split()) for t in title_lines)
    number = kind = date_text = issuer = ""
    attached = _ATTACHED_TO.search(source)
    if attached:
        number, kind = attached["id"], attached["kind"]
        date_text, issuer = attached["date"] or "", (attached["issuer"] or "").strip()
    numbered = _NUMBER_LINE.search(source[:3000])
    if numbered and not number:
        number = numbered["id"]
    if not date_text:
        placed = _PLACE_DATE.search(source[:3000])
        date_text = placed.group(0).removeprefix("ngày ") if placed else ""
    title_kind = _TITLE_KIND.search(title)
    if title_kind:
        kind = kind or _sentence_case(title_kind["kind"])
        issuer = issuer or canonical_name(_sentence_case(title_kind["issuer"] or ""))
    implements = _IMPLEMENTS.search(" ".join(head.split()))
    sig = by_id.get("SIG")
    signer = signer_title = ""
    recipients: tuple[str, ...] = ()
    if sig:
        lines = [ln.strip() for ln in sig.text.splitlines() if ln.strip()]
        recipients = tuple(ln.lstrip("- ").rstrip(",.;") for ln in lines if ln.startswith("-"))
        tail = [ln for ln in lines if not ln.startswith("-") and not ln.startswith("Nơi nhận")]
        if tail:
            signer = tail[-1]
            signer_title = " ".join(tail[:-1])
    return Metadata(number=number, kind=kind, date=iso_date(date_text), date_text=date_text, issuer=issuer,
                    signer=signer, signer_title=signer_title, title=title, recipients=recipients,
                    implements=implements["id"] if implements else "")
