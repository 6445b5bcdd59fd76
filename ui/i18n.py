"""The page's words in Vietnamese (first) and English, kept in ``ui/data/strings.json``."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from pathlib import Path

STRINGS = Path(__file__).parent / "data" / "strings.json"


class Lang(StrEnum):
    VI = "vi"
    EN = "en"

    @classmethod
    def of(cls, value: str | None) -> Lang:
        """``"en"`` → English; anything else (missing, unknown) → Vietnamese."""
        return cls.EN if (value or "").strip().lower() == "en" else cls.VI


@cache
def _strings() -> dict[str, dict[str, str]]:
    return {k: v for k, v in json.loads(STRINGS.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def t(key: str, lang: Lang | str, **values: object) -> str:
    """The words for ``key`` in ``lang``, with ``{placeholders}`` filled."""
    return _strings()[key][Lang.of(lang).value].format(**values)
