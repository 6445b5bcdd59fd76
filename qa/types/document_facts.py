"""What a document is: its number, date, issuer, signer, subject, legal bases, when it was adopted and when it takes
effect — for any document of the corpus, read from its metadata and quoted where the metadata was read."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.agencies import english_gloss
from ingest.doc_numbers import kind as document_kind
from ingest.doc_numbers import name_mentions
from ingest.model import Document
from qa.answer import Answer, Citation
from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import _about_itself
from qa.question import Question
from qa.structure import section_ref

NAME = "document_facts"
DATA = Path(__file__).resolve().parent.parent / "data" / "document_facts.yaml"
# The metadata fields each asked field is answered from, in order of preference.
SOURCES = {"effect": ("effective_text", "effective_date"), "adopted": ("adopted_text", "date_text"),
           "subject": ("subject", "title"), "issuer": ("issuer",), "signer": ("signer",),
           "date": ("date_text", "date"), "number": ("number",), "bases": ("bases",)}
# The answer kind of a field that is not plain metadata: its legal bases are the documents it cites.
FIELD_KINDS = {"effect": "effect", "bases": "reference"}


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    return {name: [re.compile(p) for p in patterns] for name, patterns in _data()["fields"].items()}


def asked_fields(folded: str) -> list[str]:
    """The fields a folded question asks for, in the data file's order, without those a field asked with them
    answers already (``excludes``)."""
    asked = [name for name, patterns in _patterns().items() if any(p.search(folded) for p in patterns)]
    excluded = {other for name in asked for other in _data().get("excludes", {}).get(name, ())}
    return [name for name in asked if name not in excluded]


def asking_words(folded: str) -> frozenset[str]:
    """The words of a folded question that ask for a field ("thong qua o ky hop thu may")."""
    spans = [m.group(0) for patterns in _patterns().values() for p in patterns for m in p.finditer(folded)]
    return frozenset(w for span in spans for w in re.findall(r"[a-z0-9]+", span))


def _designation(doc: Document, lang: str) -> str:
    """"Nghị quyết số 57-NQ/TW" / "Resolution 57-NQ/TW"."""
    m = doc.metadata
    kind = document_kind(m.kind) if m.kind else None
    if lang == "en":
        return f"{(kind.english if kind else 'document').capitalize()} {m.number or doc.id}"
    return f"{m.kind or 'Văn bản'} số {m.number or doc.id}"


_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}\.|[a-zđ]\))\s*")


def _printed_clause(doc: Document, field: str) -> str:
    """The printed sentence a field was read from, up to the field's end ("Nghị quyết này có hiệu lực thi hành từ
    ngày được Quốc hội thông qua"), without its item number; empty when the field was not read from the text."""
    span = doc.metadata.span(field)
    if not span:
        return ""
    start, end = span
    line, sentence = doc.source.rfind("\n", 0, start) + 1, doc.source.rfind(". ", 0, start)
    begin = max(line, sentence + 2 if sentence >= 0 else 0)
    return _ITEM_NUMBER.sub("", " ".join(doc.source[begin:end].split()))


def _text(field: str, doc: Document, lang: str) -> str:
    m, name = doc.metadata, _designation(doc, lang)
    if field == "effect":
        adopted = f" (thông qua ngày {m.date_text})" if "thông qua" in m.effective_text and m.date_text else ""
        clause = _printed_clause(doc, "effective_text")
        if lang == "en":
            return f"{name} takes effect {m.effective_text}{adopted}" + (f" — “{clause}”" if clause else "")
        return f"{name}: {clause}{adopted}" if clause else f"{name} có hiệu lực {m.effective_text}{adopted}"
    if field == "adopted":
        return m.adopted_text or f"{name}: {m.date_text}"
    if field == "subject":
        return f"{name} về {m.subject}" if m.subject else f"{name}: {m.title}"
    if field == "issuer":
        gloss = english_gloss(m.issuer)
        return f"{m.issuer} ban hành {name}" if lang != "en" else f"{m.issuer}{f' ({gloss})' if gloss else ''} — {name}"
    if field == "signer":
        return f"{m.signer_title} {m.signer} ký {name}" if m.signer_title else f"{m.signer} ký {name}"
    if field == "bases":
        return f"{name} {'is based on' if lang == 'en' else 'căn cứ'}: {'; '.join(m.bases)}"
    if field == "date":
        return f"{name} ngày {m.date_text or m.date}" + (f" ({m.date})" if m.date and m.date_text else "")
    return name


def _citation(ev: Evidence, doc: Document, fields: tuple[str, ...]) -> list[Citation]:
    """The place the field was read, quoted exactly; the opening when it came from outside the text."""
    for name in fields:
        span = doc.metadata.span(name)
        if span:
            start, end = span
            holder = max((s for s in doc.sections if s.start <= start < s.end or s.start <= start <= s.end),
                         key=lambda s: s.start, default=doc.sections[0])
            return [ev.cite(doc.id, holder.id, start, end)]
    return [ev.cite(doc.id, doc.sections[0].id)]


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    if q.task_numbers or q.target_numbers or len(ev.documents) != 1 and len(ev.documents) != len(ev.all_documents):
        return []
    doc = ev.documents[0]  # the document named, or the corpus's primary document
    if not _about_itself(q, doc, asking_words(q.folded)) or section_ref(q.folded, q.raw) is not None:
        return []  # a question of a part of it ("Điều 14 … nói về gì?") is not one of the whole
    mentions = name_mentions(q.raw)
    if mentions and not any(doc.named_by(m) for m in mentions):
        return []  # it asks of another document ("Kết luận 18-KL/TW ban hành ngày nào?")
    out = []
    for field in [f for f in asked_fields(q.folded) if any(getattr(doc.metadata, s) for s in SOURCES[f])]:
        answer = Answer(question=q.raw, answer=_text(field, doc, q.lang), abstained=False,
                        citations=_citation(ev, doc, SOURCES[field]),
                        kind=FIELD_KINDS.get(field, "metadata"), lang=q.lang)
        out.append(Candidate(answer, NAME, {"rank": float(len(out))}))  # the asked fields in the data file's order
    return out
