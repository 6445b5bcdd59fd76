"""Claims to verify ("is it true that task 5 is due in Q3 2026?"): the claimed value is taken out of the question,
the rest is answered as a question, and the printed value confirms or corrects the claim.

A claim names one value: an agency, a deadline (month, quarter or year) or a figure. Without one, or when the
rest of the question cannot be answered, there is nothing to verify and the pipeline answers it as a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from index.tokenize import fold
from ingest.agencies import canonical_text
from ingest.figures import find_figures
from qa.answer import Answer
from qa.handlers import _DEADLINE, ALIASES, _plain, _vietnamese_dates

DATA = Path(__file__).resolve().parent / "data" / "claims.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _frames() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _data()["frames"]]


def _folded(text: str) -> str:
    return fold(canonical_text(text).lower())


def is_claim(question: str) -> bool:
    """The question asks to verify something rather than to be told it."""
    folded = _folded(question)
    return any(p.search(folded) for p in _frames())


@dataclass(frozen=True)
class Claim:
    """What a claim asserts, and the question that is left when the value is taken out."""

    kind: str  # "agency", "deadline" or "figure"
    value: str  # canonical agency name, folded deadline ("quy iii/2026"), or the figure as typed
    number: float | None  # a figure's value
    unit: str  # a figure's unit in the document's spelling ("tỷ USD"), "" when none
    question: str  # the rest, to be answered


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _folded(m.group(0))) for m in re.finditer(r"[\w%/.,-]+", text)]


def _remove(text: str, folded_phrase: str) -> str | None:
    """``text`` without the words that fold to ``folded_phrase`` (matched word by word), or None."""
    words = _words(text)
    wanted = folded_phrase.split()
    for i in range(len(words) - len(wanted) + 1):
        if [w for _, _, w in words[i:i + len(wanted)]] == wanted:
            return " ".join((text[: words[i][0]] + " " + text[words[i + len(wanted) - 1][1]:]).split())
    return None


TAIL = re.compile(r"\s+(?:khong|ko|k|chu|ha|nhi|vay)\s*\W*$")


def _without_frames(text: str) -> str:
    """The claim without the words that ask to verify it ("có phải … không?", "is it true that")."""
    out = text
    for pattern in _frames():
        m = pattern.search(_folded(out))
        if m:
            out = out[: m.start()] + " " + out[m.end():]  # folding keeps offsets: one character per character
    out = " ".join(out.split()).strip(" ,?")
    tail = TAIL.search(_folded(out))
    return out[: tail.start()].strip(" ,?") if tail else out


def _with_units(text: str) -> str:
    """Units typed the way users type them spelled the document's way ("80 tỷ đô" → "80 tỷ USD")."""
    for alias, unit in sorted(_data()["unit_aliases"].items(), key=lambda a: -len(a[0])):
        words = _words(text)
        wanted = alias.split()
        for i in range(len(words) - len(wanted) + 1):
            if [w for _, _, w in words[i:i + len(wanted)]] == wanted:
                text = text[: words[i][0]] + unit + text[words[i + len(wanted) - 1][1]:]
                break
    return text


def read_claim(question: str) -> Claim | None:
    """The claim a question makes, or None when it makes none this module can check."""
    if not is_claim(question):
        return None
    rest = _without_frames(question)
    plain = f" {_plain(rest)} "
    for alias, name in ALIASES:
        if f" {alias} " in plain:
            left = _remove(rest, alias)
            if left:
                return Claim("agency", name, None, "", left)
    rest = _with_units(rest)
    for figure in find_figures(rest):
        if figure.value and figure.unit:
            at = rest.find(figure.text)
            left = (rest[:at] + " " + rest[at + len(figure.text):]).strip()
            return Claim("figure", figure.text, figure.value, figure.unit, " ".join(left.split()))
    deadline = _DEADLINE.search(_vietnamese_dates(_folded(rest)))
    if deadline:
        phrase = deadline.group(1)
        left = _remove(_vietnamese_dates(_folded(rest)), phrase)
        if left:
            return Claim("deadline", phrase, None, "", left)
    return None


def _deadline_key(text: str) -> str:
    """"Quý II năm 2026", "Quý II/ 2026" and "quy ii/2026" alike: "quyii/2026"."""
    return re.sub(r"\s+", "", _folded(text)).replace("nam", "/").replace("//", "/")


def _same_deadline(claimed: str, printed: str) -> bool:
    return _deadline_key(claimed) in _deadline_key(printed)


def verdict(claim: Claim, answer: Answer) -> tuple[bool, str] | None:
    """(is the claim right, the printed value) from the answer to the rest of the question; None when the answer
    does not state a value of the claimed kind."""
    if answer.abstained:
        return None
    if claim.kind == "agency":
        printed = answer.answer.split(" — ")[0] if answer.kind == "task_lead" else answer.answer
        return f" {_plain(claim.value)} " in f" {_plain(printed)} ", printed
    if claim.kind == "deadline" and answer.kind == "task_deadline":
        printed = answer.answer.split(" — ")[0]
        return _same_deadline(claim.value, printed), printed
    if claim.kind == "figure" and answer.citations:
        evidence = answer.answer + " " + answer.citations[0].quote
        figures = find_figures(evidence)
        same_unit = [f for f in figures if not claim.unit or f.unit == claim.unit]
        if not same_unit:
            return None
        right = any(f.value == claim.number or (f.value_max is not None and f.value <= claim.number <= f.value_max)
                    for f in same_unit)
        shown = next((f for f in same_unit if f.value == claim.number), same_unit[0])
        return right, shown.text + (f" {shown.unit}" if shown.unit and not shown.text.endswith(shown.unit) else "")
    return None
