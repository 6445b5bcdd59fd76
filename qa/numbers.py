"""Whether an answer states a number — digits, or a number word of ``qa/data/number_words.yaml`` — so that an
answer to "how many" that states none (a sentence announcing a list, a body's name) is not taken for one."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "number_words.yaml"


@lru_cache(maxsize=1)
def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    return frozenset(data()["words"])


@lru_cache(maxsize=1)
def cardinals() -> dict[str, int]:
    """Number words a claim may state a figure in ("five" → 5)."""
    return dict(data()["cardinals"])


def states_a_number(text: str) -> bool:
    """Digits, or a number word standing as a whole word ("hai con số"; "năm", not "Nam")."""
    if re.search(r"\d", text):
        return True
    return any(word in _number_words() for word in re.findall(r"[^\W\d_]+", text.lower()))
