"""Tasks listed by a condition: due in a period (a month, a quarter, a year), led only by generic bodies, in a
group, optionally of one agency — every item with its number, its title cut at a word boundary and the asked field.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.model import Task
from ingest.periods import parse_period
from qa.answer import Answer, AnswerItem
from qa.candidates import Candidate
from qa.compose import cut_title, frame, list_title_chars
from qa.evidence import Evidence
from qa.handlers import _cite_task, due_in, find_agency, lead_names
from qa.question import Question

NAME = "task_list"
ASKS_TASKS = re.compile(r"\b(?:nhiem vu|viec|dau viec|cong viec|tasks?|items?)\b")
GENERIC_LEAD = re.compile(r"chung chung|generic|chi (?:giao )?(?:chung|cho cac so)|cac so, ban, nganh|"
                          r"no (?:single|specific) (?:lead|agency)|without a (?:named|specific) (?:lead|agency)")


def _period_filter(q: Question) -> tuple[Callable[[Task], bool], str] | None:
    """A filter on the deadline period the question names ("Quý II/2026"), the one model the Tasks tab filters by."""
    period = parse_period(q.raw)
    if period is None:
        return None
    return (lambda t: due_in(t, period)), period.label


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    if q.task_numbers or q.target_numbers or not ASKS_TASKS.search(q.folded):
        return []
    filters: list[Callable[[Task], bool]] = []
    condition = []
    period = _period_filter(q)
    if period:
        filters.append(period[0])
        condition.append(period[1])
    if GENERIC_LEAD.search(q.folded):
        filters.append(lambda t: all(a.generic for a in t.agencies))
        condition.append("generic lead" if q.lang == "en" else "giao chung")
    if not filters:
        return []  # an agency's tasks alone: the agency type
    agency = find_agency(q)
    if agency:
        filters.append(lambda t: any(a.name == agency and not a.generic for a in t.agencies))
        condition.append(agency)
    if q.group:
        filters.append(lambda t: t.group_id == f"PL.{q.group}")
        condition.append(f"nhóm {q.group}")
    tasks = [t for t in ev.tasks if all(f(t) for f in filters)]
    shown = f" ({'; '.join(condition)})"
    if not tasks:
        answer = Answer(question=q.raw, answer=frame("task_list_none", q.lang, condition=shown), abstained=False,
                        kind="task_list", lang=q.lang)
        return [Candidate(answer, NAME, {"items": 0.0})]
    citations = [_cite_task(ev, t) for t in tasks]
    items = [AnswerItem(number=str(t.number), title=cut_title(t.text, list_title_chars(len(tasks))),
                        value=t.deadline if not period else lead_names(t, q),
                        note=frame("co_lead", q.lang) if agency and len(t.agencies) > 1 else "", citation=i)
             for i, t in enumerate(tasks)]
    listed = "; ".join(frame("list_item", q.lang, number=i.number, title=i.title, value=i.value) for i in items)
    answer = Answer(question=q.raw, answer=frame("task_list", q.lang, count=len(tasks), condition=shown,
                                                 items=listed), abstained=False, citations=citations,
                    kind="task_list", lang=q.lang, items=items)
    return [Candidate(answer, NAME, {"items": float(len(items))})]
