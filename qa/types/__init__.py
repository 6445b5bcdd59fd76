"""The answer types, registered in one place. Each module has ``NAME`` and ``propose(q, ev) -> list[Candidate]``;
every type that applies proposes, and one scorer ranks them all (:mod:`qa.scorer`).
"""

from __future__ import annotations

from qa.types import (
    agency_tasks,
    article,
    body,
    citing,
    count,
    definition,
    document_facts,
    figure,
    metadata,
    reference,
    responsibility,
    structure_count,
    target,
    task_list,
    task_record,
    topic,
    which_part,
)

ANSWER_TYPES = (metadata, document_facts, reference, citing, task_record, agency_tasks, task_list, count,
                structure_count, target, article, which_part, definition, body, responsibility, figure, topic)
NAMES = tuple(t.NAME for t in ANSWER_TYPES)
# Types that read records of the document model; the others rank sentences (and need the query's embedding).
RECORD_TYPES = ("metadata", "document_facts", "reference", "citing", "task_record", "agency_tasks", "task_list",
                "count", "structure_count", "target", "article", "definition")
