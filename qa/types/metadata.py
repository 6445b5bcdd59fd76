"""The document's own identification: number, date, issuer, signer, title, recipients, what it implements."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import answer_metadata
from qa.question import Question

NAME = "metadata"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    answer = answer_metadata(q, ev)
    return [Candidate(answer, NAME)] if answer is not None else []
