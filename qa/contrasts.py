"""Terms of one kind that exclude each other (``qa/data/contrast_terms.yaml``): a question about imports is not
answered by a text about exports."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from index.tokenize import fold
from qa.question import padded_words

DATA = Path(__file__).resolve().parent / "data" / "contrast_terms.yaml"


def _words(text: str) -> str:
    return padded_words(fold(text.lower()))


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], ...]:
    """Each group's terms: (folded Vietnamese forms, folded English forms)."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple(tuple((tuple(_words(v).strip() for v in term["vi"]), tuple(_words(e).strip() for e in term["en"]))
                       for term in group) for group in data["groups"])


@lru_cache(maxsize=512)
def _asked(question: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """For each group the question names exactly one term of: (that term's Vietnamese forms, the other terms'
    forms); a group of which it names none, or several together, asks nothing to contrast."""
    asked, out = _words(question), []
    for group in _groups():
        named = [i for i, (vi, en) in enumerate(group) if _has(vi + en, asked)]
        if len(named) == 1:
            out.append((group[named[0]][0], tuple(f for i, (vi, _) in enumerate(group) if i != named[0] for f in vi)))
    return tuple(out)


def _has(forms: tuple[str, ...], padded: str) -> bool:
    return any(f" {f} " in padded for f in forms)


def contrasted(question: str, answer: str) -> bool:
    """Whether the answer speaks of another term of a group the question names one of, and not of the one asked."""
    asked = _asked(question)
    if not asked:
        return False
    said = _words(answer)
    return any(not _has(term, said) and _has(others, said) for term, others in asked)
