"""A section named by its number — "Điều 10 quy định gì?", "khoản 3 Điều 5", "Article 12(2)", "mục III.3" — answered
with what it says: its heading and text, each of its clauses opened, cited to the section itself; when the question
also asks about something in it ("Điều 15 gồm những chương trình nào?"), its clauses and points that speak of it are
proposed too. A list asked for without its number ("Quỹ … làm những việc gì?") is the lead-in that says it, with its
items."""

from __future__ import annotations

from ingest.labels import section_label
from ingest.model import Document, Section
from qa.answer import Answer
from qa.candidates import Candidate
from qa.compose import cut_title
from qa.evidence import Evidence
from qa.handlers import asked_in_section, best_unit_answer
from qa.question import Question, content_syllables
from qa.structure import descendants, list_lead_ins, named_section, unique_best

NAME = "article"
ANSWER_CHARS = 700
OPENING_CHARS = 160  # of each clause, in the answer for a whole section
PARTS_PROPOSED = 2  # clauses or points proposed for what the question asks about


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    found = named_section(q.folded, q.raw, ev.documents, len(ev.documents) < len(ev.all_documents),
                          by_heading=not (q.target_numbers or (q.task_numbers and ev.tasks)))  # "nhiệm vụ 4" of a
    # table is its task 4; of a resolution, item 4 of its part "Nhiệm vụ, giải pháp"
    if found is None and q.asks_items and not (q.task_numbers or q.target_numbers):
        found = _list_asked(q, ev)  # "Quỹ … làm những việc gì?": the list whose lead-in says what the question does
    if found is None:
        return []
    doc, section = found
    parts = [section, *descendants(doc, section)]
    asked = asked_in_section(q)
    lang = "en" if q.lang == "en" else "vi"
    own = " ".join(section.text.split())
    opened = [cut_title(" ".join(c.text.split()), OPENING_CHARS) for c in doc.children(section.id)]
    answer = Answer(question=q.raw, answer=f"{section_label(section, doc.sections, lang)}: "
                                           f"{cut_title(' '.join([own, *opened]), ANSWER_CHARS)}",
                    abstained=False, citations=[ev.cite(doc.id, p.id) for p in parts[:3]], kind="article", lang=q.lang)
    out = [Candidate(answer, NAME, {"items": float(len(parts)), "overlap": _overlap(asked, ev, doc, parts)})]
    speaking = sorted(((_overlap(asked, ev, doc, [p]), p) for p in parts[1:]), key=lambda x: -x[0]) if asked else []
    for share, part in [x for x in speaking if x[0] > 0][:PARTS_PROPOSED]:
        text = " ".join(" ".join(p.text.split()) for p in [part, *descendants(doc, part)])
        answer = Answer(question=q.raw, answer=f"{section_label(part, doc.sections, lang)}: "
                                               f"{cut_title(text, ANSWER_CHARS)}",
                        abstained=False, citations=[ev.cite(doc.id, part.id)], kind="article", lang=q.lang)
        out.append(Candidate(answer, NAME, {"items": 1.0, "overlap": share}))
    if asked and len(parts) == 1:  # no clauses: the sentence of the section that speaks of what is asked
        share, row = _best_unit(asked, ev, doc, parts)
        if share > 0 and row != ev.section_units(doc.id, section.id)[0]:
            answer = Answer(question=q.raw, answer=f"{section_label(section, doc.sections, lang)}: "
                                                   f"{best_unit_answer(ev, q, row)}",
                            abstained=False, citations=[ev.cite_unit(row)], kind="article", lang=q.lang)
            out.append(Candidate(answer, NAME, {"items": 1.0, "overlap": share}))
    return out


def _best_unit(asked: set[str], ev: Evidence, doc: Document, parts: list[Section]) -> tuple[float, int]:
    """The best share of the asked syllables one sentence of these parts holds, and that sentence's row (the last
    of a tie); (0, -1) when nothing is asked or there is no sentence."""
    if not asked:
        return 0.0, -1
    rows = [row for p in parts for row in ev.section_units(doc.id, p.id)]
    return max(((len(asked & ev.unit_syllables[row]) / len(asked), row) for row in rows), default=(0.0, -1))


def _overlap(asked: set[str], ev: Evidence, doc: Document, parts: list[Section]) -> float:
    """The best share of the asked syllables one sentence of these parts holds (0 when nothing is asked)."""
    return _best_unit(asked, ev, doc, parts)[0]


MIN_LEAD_SHARE = 0.6  # of what a question asks about, the share a list's lead-in must say to be the list it asks for


def _list_asked(q: Question, ev: Evidence) -> tuple[Document, Section] | None:
    """The one list (a lead-in ending in ":" with its items) whose lead-in says most of what the question asks
    about, at least :data:`MIN_LEAD_SHARE` of it; None when none does or two say as much."""
    asked = asked_in_section(q)
    if not asked:
        return None
    best = unique_best([(len(asked & content_syllables(s.text)) / len(asked), doc, s)
                        for doc, s, _ in list_lead_ins(ev.documents)], MIN_LEAD_SHARE)
    return (best[1], best[2]) if best else None
