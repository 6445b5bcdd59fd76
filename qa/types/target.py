"""A target named by its number ("chỉ tiêu (8)", "target 8")."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import answer_target_number
from qa.question import Question

NAME = "target"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    answer = answer_target_number(q, ev)
    return [Candidate(answer, NAME)] if answer is not None else []
