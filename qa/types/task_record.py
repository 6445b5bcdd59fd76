"""A task's lead agency or deadline, the task named by its number or described; both when both are asked."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import answer_task
from qa.question import Question

NAME = "task_record"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    found = answer_task(q, ev)
    return [Candidate(found[0], NAME, found[1])] if found is not None else []
