"""The answer types, registered in one place. Each module has ``NAME`` and ``propose(q, ev) -> list[Candidate]``;
every type that applies proposes, and one scorer ranks them all (:mod:`qa.scorer`).
"""

from __future__ import annotations

from qa.types import (
    agency_tasks,
    body,
    count,
    figure,
    metadata,
    reference,
    target,
    task_list,
    task_record,
    topic,
)

ANSWER_TYPES = (metadata, reference, task_record, agency_tasks, task_list, count, target, body, figure, topic)
NAMES = tuple(t.NAME for t in ANSWER_TYPES)
