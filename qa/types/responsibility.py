"""Who is responsible for what in prose ("Ban Tuyên giáo Trung ương chủ trì …", "Giao Chính phủ: …", "Ủy ban nhân dân
cấp tỉnh quyết định …"): the responsibility records of the documents, ranked against the question."""

from __future__ import annotations

from qa.answer import Answer
from qa.candidates import Candidate
from qa.compose import cut_title
from qa.evidence import Evidence
from qa.handlers import says_asked_action, supported
from qa.question import Question

NAME = "responsibility"
ANSWER_CHARS = 320


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    if not q.asks_lead or q.task_numbers:
        return []
    records = {}
    for doc in ev.documents:
        for r in doc.responsibilities:
            row = next((i for i in ev.section_units(doc.id, r.section) if ev.units[i].end > r.start), None)
            if row is not None and row not in records:
                records[row] = (doc, r)
    if q.asked_action:  # "who supervises …": the records that say it, when there are any, are the ones ranked
        records = {row: r for row, r in records.items() if says_asked_action(q, ev.unit_folded(row))} or records
    results = ev.search(q, 8)
    ranked = ev.rank_units(q, list(records), prior=[(r.doc, r.section) for r in results], headings=True, limit=3)
    out = []
    for rank, (c, (section_rank, ahead)) in enumerate(zip(ranked, ev.standing(ranked, results), strict=True)):
        doc, r = records[c.row]
        text = " ".join(r.text.split())
        if text.endswith(":"):  # "Giao Chính phủ:" — what it is given follows in the items below
            text += " " + " ".join(" ".join(s.text.split()) for s in doc.children(r.section)[:3])
        lead = r.body if text.startswith(r.body) else f"{r.body} — "
        shown = text if text.startswith(r.body) else lead + text
        answer = Answer(question=q.raw, answer=cut_title(shown, ANSWER_CHARS), abstained=False,
                        citations=[ev.cite(doc.id, r.section, r.start, r.end)], kind="responsibility", lang=q.lang)
        out.append(Candidate(answer, NAME, {"cosine": c.cosine, "overlap": c.overlap,
                                            "weighted": ev.weighted_overlap(q, c.row),
                                            "supported": float(supported(q, ev, c.row)), "rank": float(rank),
                                            "section_rank": section_rank, "ahead": ahead}))
    return out
