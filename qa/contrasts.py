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


def contrasted(question: str, answer: str) -> bool:
    """Whether the answer speaks of another term of a group the question names one of, and not of the one asked."""
    asked, said = _words(question), _words(answer)

    def has(forms: tuple[str, ...], text: str) -> bool:
        return any(f" {f} " in text for f in forms)

    for group in _groups():
        named = [i for i, (vi, en) in enumerate(group) if has(vi + en, asked)]
        if len(named) != 1:
            continue  # none of the group, or several of its terms asked together
        vi_asked = group[named[0]][0]
        if not has(vi_asked, said) and any(has(vi, said) for i, (vi, _) in enumerate(group) if i != named[0]):
            return True
    return False
