"""Text folded for matching: lowercase, no Vietnamese diacritics, "đ" → "d"; one character for one character."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """"Quý II năm 2026" → "quy ii nam 2026"; ``len(fold(t)) == len(t)`` for NFC text."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        out.append((base or ch).lower()[:1] or ch)
    return "".join(out)
