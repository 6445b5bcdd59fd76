"""A document the text cites: what it is, its date, issuer and subject, and which document implements which."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import answer_reference
from qa.question import Question

NAME = "reference"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    answer = answer_reference(q, ev)
    return [Candidate(answer, NAME)] if answer is not None else []
