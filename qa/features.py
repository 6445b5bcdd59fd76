"""The features a candidate is scored on: which type proposed it, how well that fits what the question asks (the
intent classifier and the rule chain's choice), slot agreement, retrieval and key-term support, consensus."""

from __future__ import annotations

import math

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import unknown_terms
from qa.question import Question
from qa.types import NAMES

# The intent an answer of each kind answers.
KIND_INTENT = {"task_lead": "lead", "task_deadline": "deadline", "task_lead_deadline": "lead", "agency_tasks": "list",
               "task_list": "list",
               "count": "count", "target": "figure", "body_figure": "figure", "topic": "topic",
               "reference": "reference", "metadata": "metadata", "article": "article", "definition": "definition",
               "responsibility": "lead", "effect": "effect"}
EXTRACTED = ("cosine", "overlap", "supported", "rank", "confident")
BASE = (*(f"type:{n}" for n in NAMES), "legacy", "intent", "intent_top", *EXTRACTED, "task_slot", "target_slot",
        "unknown_terms", "person_name", "proposers", "agree", "length", "items")
# How much each type's proposals gain from the rule chain's choice, the intent, key-term support and similarity:
# the same evidence weighs differently for a table lookup and for a sentence.
CROSSED = ("legacy", "intent", "supported", "cosine")
FEATURES = (*BASE, *(f"type:{n}*{f}" for f in CROSSED for n in NAMES))


def _cited_sections(c: Candidate) -> set[str]:
    return {x.section for x in c.answer.citations}


def _slot(numbers: tuple[int, ...], cited: set[str], pattern: str) -> float:
    """+1 when the candidate cites what the question numbers, -1 when it cites none of it, 0 when none is named."""
    if not numbers:
        return 0.0
    return 1.0 if any(pattern.format(n) in cited for n in numbers) else -1.0


def annotate(q: Question, ev: Evidence, candidates: list[Candidate], intents: dict[str, float]) -> None:
    """Fill every candidate's features (in place)."""
    top_intent = max(intents, key=intents.get) if intents else ""
    unknown = min(len(unknown_terms(q, ev)), 3) if candidates else 0
    for c in candidates:
        intent = KIND_INTENT.get(c.answer.kind, "")
        cited = _cited_sections(c)
        f = {name: 0.0 for name in FEATURES}
        f[f"type:{c.type}"] = 1.0
        f["legacy"] = float(c.legacy)
        f["intent"] = intents.get(intent, 0.0)
        f["intent_top"] = float(intent == top_intent)
        for name in EXTRACTED:
            f[name] = c.features.get(name, 0.0)
        f["task_slot"] = _slot(q.task_numbers, cited, "PL.{}")
        f["target_slot"] = _slot(q.target_numbers, cited, "II.2.({})")
        f["unknown_terms"] = float(unknown)
        f["person_name"] = float(q.asks_person_name)
        f["length"] = math.log1p(len(c.answer.answer))
        f["items"] = math.log1p(c.features.get("items", 0.0))
        cross(f, c.type)
        c.features = f
    consensus(candidates)


def consensus(candidates: list[Candidate]) -> None:
    """Set how many types proposed and how many other candidates cite the same section (in place): the features
    that depend on which other candidates there are."""
    firsts = [c.answer.citations[0].section if c.answer.citations else "" for c in candidates]
    proposers = float(len({c.type for c in candidates}))
    for c, first in zip(candidates, firsts, strict=True):
        c.features["proposers"] = proposers
        c.features["agree"] = float(sum(1 for other in firsts if other and other == first) - 1)


def cross(features: dict[str, float], type_name: str) -> None:
    """Add the crossed features of a candidate of ``type_name`` (in place)."""
    for name in CROSSED:
        features[f"type:{type_name}*{name}"] = features.get(name, 0.0)


def vector(c: Candidate) -> list[float]:
    return [c.features.get(name, 0.0) for name in FEATURES]


