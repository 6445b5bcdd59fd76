"""Bilingual sentence frames for composite answers (verdicts, parts, lists), read from ``qa/data/templates.yaml``.

The frames hold no facts; :func:`frame` fills one in the question's language with values from the documents.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

TEMPLATES = Path(__file__).resolve().parent / "data" / "templates.yaml"


@lru_cache(maxsize=1)
def templates() -> dict[str, dict[str, str]]:
    return yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))


def frame(name: str, lang: str, **values: object) -> str:
    """The frame ``name`` in ``lang`` ("vi" or "en"; anything else reads as "vi"), filled with ``values``."""
    frames = templates()[name]
    return frames.get(lang, frames["vi"]).format(**values)


LIST_TITLE_CHARS = 110  # a listed task's title is cut at a word boundary within this many characters at least
LIST_CHARS = 1200  # what the titles of a short list share: three titles are cut at 400 characters, not 110


def list_title_chars(items: int) -> int:
    """How long each title of a list of ``items`` may be: a few items show more of their titles."""
    return max(LIST_TITLE_CHARS, LIST_CHARS // max(items, 1))


def cut_title(text: str, limit: int = 80) -> str:
    """A title cut at a word boundary, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:–-") + "…"
