"""A section named by its number — "Điều 10 quy định gì?", "khoản 3 Điều 5", "Article 12(2)", "mục III.3" — answered
with what it says: its heading and text (its clauses and points included), cited to the section itself."""

from __future__ import annotations

import re

from ingest.labels import section_label
from ingest.model import Document, Section
from qa.answer import Answer
from qa.candidates import Candidate
from qa.compose import cut_title
from qa.evidence import Evidence
from qa.question import Question
from qa.structure import section_ref

NAME = "article"
ANSWER_CHARS = 500
ATTACHED = re.compile(r"quy che|quy dinh (?:kem theo|ban hanh kem)|dieu le|regulation|rules|kem theo|attached")


def _descendants(doc: Document, section: Section) -> list[Section]:
    out, todo = [], [section.id]
    while todo:
        children = doc.children(todo.pop(0))
        out += children
        todo += [c.id for c in children]
    return sorted(out, key=lambda s: s.start)


def _matches(doc: Document, wanted: str, attached: bool) -> list[Section]:
    """Sections whose id is ``wanted``, or ``wanted`` under an attached part ("QC.Đ.5"): the attached ones first
    when the question says it asks about the attached text."""
    exact = [s for s in doc.sections if s.id == wanted]
    prefixed = [s for s in doc.sections if s.id.endswith("." + wanted) and s.id.split(".", 1)[0].isupper()
                and not s.id[0].isdigit() and s.id.split(".")[0] not in ("Đ", "C", "P", "M")]
    return (prefixed + exact) if attached else (exact + prefixed)


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    wanted = section_ref(q.folded, q.raw)
    if wanted is None:
        return []
    attached = bool(ATTACHED.search(q.folded))
    found = [(d, s) for d in ev.documents for s in _matches(d, wanted, attached)[:1]]
    if len(found) != 1 and not (found and len(ev.documents) < len(ev.all_documents)):
        return []  # no such section, or several documents have one and the question names none of them
    doc, section = found[0]
    parts = [section, *_descendants(doc, section)]
    text = " ".join(" ".join(p.text.split()) for p in parts)
    label = section_label(section, doc.sections, "en" if q.lang == "en" else "vi")
    answer = Answer(question=q.raw, answer=f"{label}: {cut_title(text, ANSWER_CHARS)}", abstained=False,
                    citations=[ev.cite(doc.id, p.id) for p in parts[:3]], kind="article", lang=q.lang)
    return [Candidate(answer, NAME, {"items": float(len(parts))})]
