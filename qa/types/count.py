"""How many: tasks (in all, in a group, by deadline), targets, groups, the points of a section."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import answer_count
from qa.question import Question

NAME = "count"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    answer = answer_count(q, ev)
    return [Candidate(answer, NAME)] if answer is not None else []
