"""Which part of a document speaks of something — "Điều nào nói về phá sản?", "Which article covers tax breaks?",
"nhiệm vụ số mấy nói về hợp tác quốc tế" — answered with the part's label and its heading as printed, cited to it.
The parts are the sections of the kind asked whose sentences are closest to the question and whose heading holds
what it asks about."""

from __future__ import annotations

from ingest.labels import section_label
from ingest.model import Document, Section
from ingest.outline import ancestors
from qa.answer import Answer
from qa.candidates import Candidate
from qa.compose import cut_title
from qa.evidence import Evidence
from qa.handlers import DOCUMENT_WORDS, describing_words, scoped_rows
from qa.question import Question, content_syllables
from qa.structure import asked_part, asking_words, section_ref

NAME = "which_part"
PROPOSED = 3  # parts proposed, best first
UNITS_RANKED = 40  # the sentences whose parts are considered
HEADING_CHARS = 160
HEADING_WEIGHT = 0.3  # of the share of the asked syllables a part's heading holds, beside its best sentence's score


def asked_kinds(q: Question) -> tuple[str, ...]:
    """The section kinds of the part asked for, or () when the question names its part by number, or asks for tasks
    by their lead or deadline ("which tasks does … lead?")."""
    kinds = asked_part(q.folded)
    if not kinds or section_ref(q.folded, q.raw) or q.task_numbers or q.asks_lead or q.asks_deadline:
        return ()
    return kinds


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    kinds = asked_kinds(q)
    if not kinds:
        return []
    rows = scoped_rows(q, ev)
    results = ev.search(q, 8)
    ranked = ev.rank_units(q, ev.rows if rows is None else rows, prior=[(r.doc, r.section) for r in results],
                           headings=True, limit=UNITS_RANKED)
    best: dict[tuple[str, str], tuple[float, float]] = {}  # part → its best sentence's score and cosine
    for c in ranked:
        unit = ev.units[c.row]
        doc = ev.document(unit.doc)
        part = next((s for s in reversed(ancestors(doc.section(unit.section), doc.sections)) if s.kind in kinds),
                    None)  # the sentence's section or its nearest ancestor of the kind asked
        if part is not None and (doc.id, part.id) not in best:
            best[(doc.id, part.id)] = (c.score, c.cosine)
    scored = []
    for doc in ev.documents:
        asked = set(q.topic_syllables) - describing_words(q, doc) - DOCUMENT_WORDS - asking_words()
        for part in (s for s in doc.sections if s.kind in kinds):
            score, cosine = best.get((doc.id, part.id), (0.0, 0.0))
            heading = len(asked & content_syllables(part.heading)) / len(asked) if asked else 0.0
            if score or heading:
                scored.append((score + HEADING_WEIGHT * heading, cosine, heading, doc, part))
    scored.sort(key=lambda x: -x[0])
    lang = "en" if q.lang == "en" else "vi"
    out = []
    for rank, (score, cosine, heading, doc, part) in enumerate(scored[:PROPOSED]):
        answer = Answer(question=q.raw, answer=_named(part, doc, lang), abstained=False,
                        citations=[ev.cite(doc.id, part.id)], kind="article", lang=q.lang)
        ahead = score - (scored[1][0] if rank == 0 and len(scored) > 1 else scored[0][0])
        out.append(Candidate(answer, NAME, {"cosine": cosine, "overlap": heading, "rank": float(rank),
                                            "ahead": ahead}))
    return out


def _named(part: Section, doc: Document, lang: str) -> str:
    """"Điều 11. Ưu đãi trong lựa chọn nhà thầu"; the label first when the heading does not begin with it
    ("Phần III, mục 7: 7. Tăng cường hợp tác quốc tế …")."""
    heading = cut_title(part.heading or part.text, HEADING_CHARS)
    label = section_label(part, doc.sections, lang)
    return heading if heading.lower().startswith(label.lower()) else f"{label}: {heading}"
