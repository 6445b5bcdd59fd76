"""The features a candidate is scored on: which type proposed it, how well that fits what the question asks (the
intent classifier and the rule chain's choice), slot agreement (the task, target and year asked), retrieval and
key-term support, consensus, whether an answer to "who" begins with the name of a body, whether the text it cites
names the place the question names, and whether it names a document the question does not (a sentence citing another
resolution matches a question that describes one by the same words)."""

from __future__ import annotations

import math

from ingest.agencies import default_gazetteer
from ingest.doc_numbers import NameMention, fold, name_mentions
from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import names_year_alone, places_in, single_years, unknown_terms
from qa.question import YEAR, Question
from qa.types import NAMES

# The intent an answer of each kind answers.
KIND_INTENT = {"task_lead": "lead", "task_deadline": "deadline", "task_lead_deadline": "lead", "agency_tasks": "list",
               "task_list": "list",
               "count": "count", "target": "figure", "body_figure": "figure", "topic": "topic",
               "reference": "reference", "metadata": "metadata", "article": "article", "definition": "definition",
               "responsibility": "lead", "effect": "metadata"}
EXTRACTED = ("cosine", "overlap", "weighted", "supported", "rank", "confident", "section_rank", "ahead")
BASE = (*(f"type:{n}" for n in NAMES), "legacy", "intent", "intent_top", *EXTRACTED, "task_slot", "target_slot",
        "year_slot",
        "unknown_terms", "person_name", "proposers", "agree", "margin", "scoped", "missing_item",
        "missing_document", "length", "items", "names_body", "also_proposed", "other_place", "other_document")
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


def year_slot(q: Question, c: Candidate) -> float:
    """+1 when the answer or the title of the section it cites names a year the question asks about, -1 when they
    name years but none of the question's ("đến năm 2030" asked, "Tầm nhìn đến năm 2045" cited; "in 2026 alone"
    asked, "2026 - 2030" printed), 0 otherwise."""
    asked = set(YEAR.findall(q.raw))
    if not asked:
        return 0.0
    first = c.answer.citations[0].title if c.answer.citations else ""
    text = f"{c.answer.answer} {first}"
    named = set(YEAR.findall(text))
    if not named:
        return 0.0
    alone = {str(y) for y in single_years(q)}  # "in 2026 alone" is not named by "2026 - 2030"
    return 1.0 if any(y not in alone or names_year_alone(text, int(y)) for y in asked & named) else -1.0


def annotate(q: Question, ev: Evidence, candidates: list[Candidate], intents: dict[str, float]) -> None:
    """Fill every candidate's features (in place)."""
    top_intent = max(intents, key=intents.get) if intents else ""
    unknown = min(len(unknown_terms(q, ev)), 3) if candidates else 0
    lacks_item, lacks_document = float(missing_item(q, ev) is not None), _missing_document(q, ev)
    places = places_in(q)
    asked = name_mentions(q.raw)
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
        f["year_slot"] = year_slot(q, c)
        f["unknown_terms"] = float(unknown)
        f["person_name"] = float(q.asks_person_name)
        f["scoped"] = float(len(ev.documents) < len(ev.all_documents))
        f["missing_item"], f["missing_document"] = lacks_item, lacks_document
        f["length"] = math.log1p(len(c.answer.answer))
        f["items"] = math.log1p(c.features.get("items", 0.0))
        f["names_body"] = float(q.asks_lead and default_gazetteer().starts_body(c.answer.answer))
        f["other_place"] = float(bool(places) and not _names_places(ev, c, places))
        f["other_document"] = float(_names_other_document(c.answer.answer, asked))
        cross(f, c.type)
        c.features = f
    consensus(candidates)


def _names_other_document(answer: str, asked: list[NameMention]) -> bool:
    """Whether the answer writes the full number of a document the question does not name, however the question
    names its own ("NQ 57" names the "57-NQ/TW" an answer writes; "68-NQ/TW" is another)."""
    folded = fold(answer)
    return any(m.key and not any(a.names(folded[m.start:m.end], "") for a in asked) for m in name_mentions(answer))


def _names_places(ev: Evidence, c: Candidate, places: list[str]) -> bool:
    """Whether the section a candidate cites first names every place the question names ("Đà Nẵng" asked, a target
    of Hải Phòng cited: it does not)."""
    if not c.answer.citations:
        return False
    first = c.answer.citations[0]
    return ev.names_places(first.doc, first.section, places)


def missing_item(q: Question, ev: Evidence) -> tuple[str, int, int] | None:
    """("task" | "target", the number, how many there are) when the question names a task or target by a number the
    documents in scope do not have ("task 70" of a table of 56); None otherwise."""
    tasks = {t.number for t in ev.tasks}
    targets = {t.number for d in ev.documents for t in d.targets}
    for kind, numbers, have in (("task", q.task_numbers, tasks), ("target", q.target_numbers, targets)):
        missing = [n for n in numbers if n not in have]
        if have and missing:
            return kind, missing[0], len(have)
    return None


def _missing_document(q: Question, ev: Evidence) -> float:
    """1 when the question names documents by number and none of them is in the corpus ("Nghị quyết 68-NQ/TW …"
    over a corpus without it): only what the corpus says of that document can answer it."""
    mentions = name_mentions(q.raw)
    named = any(d.named_by(m) for m in mentions for d in ev.all_documents)
    return float(bool(mentions) and not named)


def consensus(candidates: list[Candidate]) -> None:
    """Set how many types proposed, how many other types proposed the same answer, how many other candidates cite
    the same section and how much closer to the question the candidate is than the closest one citing elsewhere (in
    place): the features that depend on which other candidates there are."""
    firsts = [c.answer.citations[0].section if c.answer.citations else "" for c in candidates]
    proposers = float(len({c.type for c in candidates}))
    for c, first in zip(candidates, firsts, strict=True):
        c.features["proposers"] = proposers
        c.features["also_proposed"] = float(len(set(c.also)))
        c.features["agree"] = float(sum(1 for other in firsts if other and other == first) - 1)
        elsewhere = [o.features.get("cosine", 0.0) for o, f in zip(candidates, firsts, strict=True) if f != first]
        c.features["margin"] = c.features.get("cosine", 0.0) - max(elsewhere, default=0.0)


def cross(features: dict[str, float], type_name: str) -> None:
    """Add the crossed features of a candidate of ``type_name`` (in place)."""
    for name in CROSSED:
        features[f"type:{type_name}*{name}"] = features.get(name, 0.0)


def vector(c: Candidate) -> list[float]:
    return [c.features.get(name, 0.0) for name in FEATURES]


# What the answer's confidence is read from: the ranking's two best probabilities and the best candidate's own
# features (the probability alone does not know how crowded the ranking is, or what kind of answer won).
BEST = ("intent", "intent_top", "unknown_terms", "person_name", "scoped", "missing_item", "missing_document",
        "cosine", "margin", "legacy", "supported", "weighted", "task_slot", "target_slot", "year_slot",
        "section_rank", "ahead", "names_body", "also_proposed", "other_place", "other_document")
ANSWER_FEATURES = ("best", "second", "gap", "candidates", "second_agrees", *(f"best:{n}" for n in BEST),
                   *(f"best:type:{n}" for n in NAMES))


def _nested(a, b) -> bool:
    """Two citations of one place: the same section of one document, or one inside the other (Đ.7 and Đ.7.2)."""
    return a.doc == b.doc and (a.section == b.section or a.section.startswith(b.section + ".")
                               or b.section.startswith(a.section + "."))


def answer_vector(probabilities: list[float], ranked: list[Candidate]) -> list[float]:
    """The features of a ranking (most probable first, with its probabilities) that its answer's confidence is
    read from."""
    best = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    agrees = bool(second and best.answer.citations and second.answer.citations
                  and _nested(best.answer.citations[0], second.answer.citations[0]))
    p2 = probabilities[1] if len(probabilities) > 1 else 0.0
    return [probabilities[0], p2, probabilities[0] - p2, math.log1p(len(ranked)), float(agrees),
            *(best.features.get(n, 0.0) for n in BEST), *(float(best.type == n) for n in NAMES)]


