"""Numbered items a text names — "nhiệm vụ 22", "việc 19", "#41", "task no. 22", "the fifth one in the appendix",
"chỉ tiêu (8)" — from the nouns and ordinals in ``index/data/item_numbers.yaml``. Matched on folded lowercase text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "item_numbers.yaml"


@lru_cache(maxsize=1)
def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def pattern(kind: str) -> re.Pattern[str]:
    """Noun, optional marker, number — not a document number ("20-CTr/TU") nor a percentage."""
    spec = data()[kind]
    guards = spec.get("not_after", {})
    nouns = "|".join("".join(rf"(?<!\b{re.escape(w)} )" for w in guards.get(noun, [])) + re.escape(noun)
                     for noun in sorted(spec["nouns"], key=len, reverse=True))
    markers = _alternatives(data()["markers"])
    return re.compile(rf"(?:(?<=\W)|^)(?:{nouns})\s*(?:(?:{markers})\s*)?\(?"
                      rf"(\d{{1,3}})\)?(?![-/.,]?\d)(?![-/.]\w)(?!\s*%)")


@lru_cache(maxsize=1)
def _ordinal_pattern() -> re.Pattern[str]:
    numeric = rf"\d{{1,3}}(?:{_alternatives(data()['ordinal_suffixes'])})"
    ordinals = f"{_alternatives(list(data()['ordinals']))}|{numeric}"
    context = _alternatives(data()["ordinal_context"])
    return re.compile(rf"\b({ordinals})\b(?:\s+\w+){{0,2}}?\s+(?:{context})\b|\b(?:{context})\s+({ordinals})\b")


@lru_cache(maxsize=1)
def _context_noun_pattern() -> re.Pattern[str]:
    nouns = _alternatives(data()["task"]["context_nouns"])
    context = _alternatives(data()["ordinal_context"])
    return re.compile(rf"\b(?:{nouns})\s*(?:so\s*)?(\d{{1,3}})\s+(?:{context})\b")


def _ordinal(word: str) -> int:
    return data()["ordinals"].get(word) or int(re.match(r"\d+", word).group(0))


def numbers(kind: str, folded: str) -> list[int]:
    """The numbers of items of ``kind`` ("task" or "target") a folded text names, in order, each once."""
    found = [int(n) for n in pattern(kind).findall(f" {folded}")]
    if kind == "task":
        found += [int(n) for n in _context_noun_pattern().findall(folded)]
        found += [_ordinal(a or b) for a, b in _ordinal_pattern().findall(folded)]
    return list(dict.fromkeys(found))
