"""Whether an answer states a number — digits, or a number word of ``qa/data/number_words.yaml`` — so that an
answer to "how many" that states none (a sentence announcing a list, a body's name) is not taken for one; and the
kind of quantity a question asks for and whether an answer states one of it (``qa/data/asked_units.yaml``: a sum
of money, a number of years, a percentage)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "number_words.yaml"
UNITS = Path(__file__).resolve().parent / "data" / "asked_units.yaml"


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


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    data = yaml.safe_load(UNITS.read_text(encoding="utf-8"))
    return {kind: tuple(re.compile("|".join(f"(?:{p})" for p in spec[side])) for side in ("question", "answer"))
            for kind, spec in data.items() if kind != "examples"}


def asked_unit(folded: str) -> str | None:
    """The kind of quantity a folded question asks for ("money", "years", "percent"), or None."""
    return next((kind for kind, (asking, _) in _units().items() if asking.search(folded)), None)


def states_unit(folded: str, kind: str) -> bool:
    """Whether a folded answer states a quantity of this kind ("5 tỷ đồng" is money, "03 năm" years)."""
    return _units()[kind][1].search(folded) is not None
