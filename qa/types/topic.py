"""What the documents say on a topic: the key sentences, extracted, each proposed with its features."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import TOPIC_MIN_COSINE, Extracted, extraction_candidates, scoped_rows
from qa.question import Question

NAME = "topic"


def extracted(found: list[Extracted], name: str) -> list[Candidate]:
    """Extraction proposals as candidates; the first supported one that clears the thresholds is the rule chain's."""
    legacy = next((e for e in found if e.supported), None)
    return [Candidate(e.answer, name, {"cosine": e.cosine, "overlap": e.overlap, "weighted": e.weighted,
                                       "supported": float(e.supported),
                                       "rank": float(e.rank), "confident": float(e.confident),
                                       "section_rank": e.section_rank, "ahead": e.ahead},
                      legacy=e is legacy and e.confident) for e in found]


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    rows = scoped_rows(q, ev)
    rows = ev.rows if rows is None else rows
    return extracted(extraction_candidates(q, ev, rows, "topic", TOPIC_MIN_COSINE, 0.4), NAME)
