"""What a term means in a document ("doanh nghiệp khởi nghiệp sáng tạo là gì?", "what is a household business?"):
the definition the document gives (Giải thích từ ngữ, "X là …", "X được hiểu là …"), quoted whole; or what a
sentence says the term is ("nq 57 xác định nhà khoa học là gì?" → "nhà khoa học là nhân tố then chốt")."""

from __future__ import annotations

import re

from index.lexicon import expand_english
from index.tokenize import fold
from ingest.agencies import canonical_text
from qa.answer import Answer
from qa.candidates import Candidate
from qa.compose import cut_title
from qa.evidence import Evidence
from qa.question import Question

NAME = "definition"
ANSWER_CHARS = 400
MIN_SHARE = 0.6  # of a defined term's words the question must hold
ASKS = re.compile(r"\bla gi\b|\bla sao\b|duoc hieu|hieu (?:the nao|la)|nghia la|dinh nghia|khai niem|the nao la|"
                  r"giai thich|what (?:is|are) (?:meant by|a |an |the )?|\bdefin|\bmeaning\b|\bmeans?\b|counts? as|"
                  r"what does .* mean")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(canonical_text(text).lower()))


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    if not ASKS.search(q.folded):
        return []
    asked = set(_words(q.raw))
    if q.lang == "en":
        asked |= {w for term in expand_english(q.raw) for w in _words(term)}
    out = []
    for doc in ev.documents:
        for d in doc.definitions:
            term = _words(d.term)
            share = sum(w in asked for w in term) / len(term) if term else 0.0
            if share < (1.0 if d.stated else MIN_SHARE):  # said of a term in passing: every word of it asked
                continue
            answer = Answer(question=q.raw, answer=cut_title(" ".join(d.text.split()), ANSWER_CHARS),
                            abstained=False, citations=[ev.cite(doc.id, d.section, d.start, d.end)],
                            kind="definition", lang=q.lang)
            out.append(Candidate(answer, NAME, {"overlap": share, "supported": float(share == 1.0),
                                                "confident": float(not d.stated)}))
    return sorted(out, key=lambda c: (-c.features["overlap"], -c.features["confident"]))[:3]
