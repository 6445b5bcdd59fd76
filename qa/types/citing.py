"""Which documents of the corpus cite a document ("văn bản nào dẫn chiếu Nghị quyết 57?", "which documents cite
57-NQ/TW?"): the references resolved to it, each quoted where it is made."""

from __future__ import annotations

import re

from qa.answer import Answer, AnswerItem
from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import _mention_span
from qa.question import Question

NAME = "citing"
ASKS = re.compile(r"(?:van ban|tai lieu|nghi quyet|chuong trinh|ke hoach|quyet dinh|which (?:documents?|texts?|"
                  r"plans?|programmes?|resolutions?)|what (?:documents?|texts?))\b.*\b(?:dan chieu|trich dan|can cu|"
                  r"nhac (?:den|toi)|de cap|thuc hien|trien khai|cite|cites|cited|citing|refer|mention|implement|"
                  r"base[sd]? on)")


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    if not ASKS.search(q.folded) or len(ev.documents) != 1 or len(ev.all_documents) < 2:
        return []
    target = ev.documents[0]
    citing = [(d, r) for d in ev.all_documents for r in d.references if r.resolved == target.id and d is not target]
    if not citing:
        return []
    citations, items = [], []
    for n, (doc, ref) in enumerate(citing):
        section = ref.sections[0]
        quote = _mention_span(doc.section(section).text, ref.id)
        citations.append(ev.cite_text(doc.id, section, quote))
        items.append(AnswerItem(number=doc.metadata.number or doc.id, title=doc.metadata.kind, citation=n))
    names = "; ".join(f"{d.metadata.kind} số {d.metadata.number or d.id}" for d, _ in citing)
    text = (f"{names} — cites {target.id}" if q.lang == "en" else f"{names} — dẫn chiếu {target.id}")
    answer = Answer(question=q.raw, answer=text, abstained=False, citations=citations, kind="reference",
                    lang=q.lang, items=items)
    return [Candidate(answer, NAME, {"items": float(len(items))})]
