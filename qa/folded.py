"""Texts folded ("Hải Phòng phát triển" → "hai phong phat trien") for the evidence lookups, kept on disk by the hash
of the texts: normalising a corpus's sentences with underthesea costs a new process seconds, reading them back
milliseconds."""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from enum import Enum
from importlib.metadata import version
from pathlib import Path

from index.tokenize import ANALYZER_VERSION, fold, normalize

FORMAT = 1  # bump when a folding changes


class Folding(Enum):
    """TEXT: normalised (NFC, one tone convention, lowercase), diacritics removed; WORDS: its words, space
    separated."""

    TEXT = "text"
    WORDS = "words"

    def apply(self, text: str) -> str:
        folded = fold(normalize(text))
        return folded if self is Folding.TEXT else " ".join(re.findall(r"\w+", folded))


def _digest(texts: list[str], folding: Folding) -> str:
    h = hashlib.sha256(f"{FORMAT} {folding.value} {ANALYZER_VERSION} {version('underthesea')} "
                       f"{unicodedata.unidata_version}".encode())
    for text in texts:
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def cached_folded(texts: list[str], cache_dir: Path | None, folding: Folding = Folding.WORDS) -> list[str]:
    """Each text folded, read from ``cache_dir`` when these texts were folded before (stored there when the folder
    is writable); a damaged cache file is folded again."""
    if cache_dir is None:
        return [folding.apply(t) for t in texts]
    path = cache_dir / f"folded-{_digest(texts, folding)}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, list) and len(cached) == len(texts) and all(isinstance(c, str) for c in cached):
            return cached
    except (OSError, ValueError):
        pass
    out = [folding.apply(t) for t in texts]
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(out), encoding="ascii")
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache: folded per process
    return out
