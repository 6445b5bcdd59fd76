"""Which body the implementation part assigns a piece of work to (not a task of the table)."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import body_extraction
from qa.question import Question

NAME = "body"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    found = body_extraction(q, ev)
    return [] if found is None else [Candidate(found.answer, NAME)]
