"""Sections a question names by their printed numbers — "Điều 10", "khoản 3 Điều 5", "Article 12(2)", "mục III.3"
— and the parts a question counts ("bao nhiêu chương?"), from ``qa/data/structure_words.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "structure_words.yaml"
ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"


@lru_cache(maxsize=1)
def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _words(name: str) -> str:
    return "|".join(data()[name])


def section_ref(folded: str, raw: str) -> str | None:
    """The canonical id of the section a question names ("Đ.5.3", "III.3"), or None."""
    article = re.search(rf"\b(?:{_words('article')})\s*(?:so\s*|no\.?\s*)?(\d{{1,3}})\b(?:\s*\((\d{{1,2}})\))?"
                        rf"(?:\s*\(([a-z])\))?", folded)
    if article:
        clause = article.group(2) or _number(rf"\b(?:{_words('clause')})\s*(\d{{1,2}})\b", folded)
        point = article.group(3) or _number(rf"\b(?:{_words('point')})\s*([a-zđ])\b(?!\w)", raw.lower())
        parts = ["Đ." + article.group(1)] + ([clause] if clause else []) + ([point] if clause and point else [])
        return ".".join(parts)
    dotted = re.search(rf"\b(?:{_words('section')}|{_words('part')})\s+((?=[ivx]){ROMAN}(?:\.\d{{1,2}})*)(?![\w.])",
                       folded, re.IGNORECASE)
    return dotted.group(1).upper() if dotted else None


def _number(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text)
    return m.group(1) if m else None


def counted(folded: str) -> str | None:
    """What a "how many" question counts: "chapter", "article", "target" …, or None."""
    for name, words in data()["count_nouns"].items():
        if re.search(rf"(?:bao nhieu|may|how many|number of|so luong|tong so)\s+(?:\w+\s+)?(?:{'|'.join(words)})\b",
                     folded) or re.search(rf"\b(?:{'|'.join(words)})\b.*\b(?:bao nhieu|how many)", folded):
            return name
    return None
