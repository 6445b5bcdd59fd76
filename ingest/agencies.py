"""Agencies and bodies: canonical Vietnamese names with a reviewed English gloss (``ingest/data/agencies.tsv``).

Used to split multi-agency cells of the task table and to gloss answers in English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ingest.datafiles import read_tsv

# (canonical Vietnamese name, English gloss), from ingest/data/agencies.tsv. Short Sở names are matched after
# "các Sở:" and after a first "Sở X, …".
GLOSSARY: tuple[tuple[str, str], ...] = tuple((r["vi"], r["en"]) for r in read_tsv("agencies.tsv"))
ALIASES: dict[str, str] = {alias.strip(): r["vi"] for r in read_tsv("agencies.tsv")
                           for alias in r["aliases"].split(";") if alias.strip()}
GENERIC_EN = "the relevant departments, agencies and localities"

_TONE_FIXES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy",
               "uỹ": "ũy", "uỵ": "ụy", "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe"}
# An open syllable, not after "q": "hoà" → "hòa"; "hoạch", "hoàng" and "quý" stay as they are.
_TONE_RE = re.compile(f"(?<![qQ])(?:{'|'.join(_TONE_FIXES)})(?!\\w)")


def canonical_text(text: str) -> str:
    """NFC, one tone-mark convention (hoá → hóa), collapsed spaces: for comparing names, never for storing text."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], text)
    text = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], text.replace("Oà", "Òa"))
    return re.sub(r"\s+", " ", text).strip()


_WORD_START = re.compile(r"(?<!\w)\w")


def _key(name: str) -> str:
    return canonical_text(name).casefold()


_BY_KEY = {_key(vi): vi for vi, _ in GLOSSARY} | {_key(alias): vi for alias, vi in ALIASES.items()}
_SHORT_SO = {_key(vi[len("Sở "):]): vi for vi, _ in GLOSSARY if vi.startswith("Sở ")}
_GLOSS = {vi: en for vi, en in GLOSSARY}


def english_gloss(name: str) -> str:
    """The reviewed English name of an agency, or "" when it is not in the glossary."""
    if name.startswith("các sở"):
        return GENERIC_EN
    return _GLOSS.get(canonical_name(name), "")


def canonical_name(name: str) -> str:
    """The glossary's spelling of a name when known ("Sở Văn hoá, …" → "Sở Văn hóa, …"), else the name tidied."""
    tidy = canonical_text(name).rstrip(" .,;")
    return _BY_KEY.get(tidy.casefold(), tidy)


def short_so_name(piece: str) -> str | None:
    """"Khoa học và Công nghệ" → "Sở Khoa học và Công nghệ" when it names a known Sở."""
    return _SHORT_SO.get(_key(piece.strip(" .,;")))


def known_names() -> list[str]:
    """Every canonical Vietnamese name in the glossary."""
    return [vi for vi, _ in GLOSSARY]


def _fixed_tones(text: str) -> str:
    """``text`` with one tone-mark convention, character for character (offsets stay valid)."""
    return _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], text)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    words = sorted({canonical_text(n) for n in names if n.strip()}, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in words)
    return re.compile(rf"(?:{alternation})(?!\w)", re.IGNORECASE)


class Gazetteer:
    """Body names found in running text: the glossary and its aliases, names a document adds (its table's lead
    cells), and, for bodies no list has, a head word a body's name starts with (``ingest/data/body_heads.tsv``)."""

    def __init__(self, extra_names: Iterable[str] = ()) -> None:
        self._canonical = dict(_BY_KEY)
        for name in extra_names:
            self._canonical.setdefault(_key(name), canonical_name(name))
        self._names = _name_pattern([*known_names(), *ALIASES, *extra_names])
        self._heads = [(_name_pattern([r["head"]]), _name_pattern(r["not_before"].split(";")) if r["not_before"]
                        else None, r["alone"] == "yes") for r in read_tsv("body_heads.tsv")]

    def name_at(self, text: str, pos: int = 0) -> tuple[int, str] | None:
        """(end, canonical name) of a known body name that starts at ``pos``, the longest; None when there is none."""
        m = self._names.match(_fixed_tones(text), pos)
        return (m.end(), self._canonical.get(_key(m.group(0)), canonical_text(m.group(0)))) if m else None

    def starts_body(self, text: str, pos: int = 0) -> bool:
        """Whether a body's name starts at ``pos``: a known name or a head word ("Bộ", "Sở", "Ban" …)."""
        if self.name_at(text, pos) is not None:
            return True
        fixed = _fixed_tones(text)
        for head, not_before, _ in self._heads:
            m = head.match(fixed, pos)
            if m and not (not_before and not_before.match(fixed[m.end():].lstrip())):
                return True
        return False

    def names_a_body(self, text: str) -> bool:
        """Whether a body's name starts at any word of ``text`` (in any case: "các sở, ban, ngành" names bodies)."""
        return any(self.starts_body(text, m.start()) for m in _WORD_START.finditer(text))

    def is_bare_head(self, phrase: str) -> bool:
        """Whether the phrase is a head word that names no body by itself ("Thanh tra", "Bộ"; not "Các sở")."""
        fixed = _fixed_tones(phrase.strip(" ,"))
        return any((m := head.match(fixed)) is not None and m.end() == len(fixed) and not alone
                   for head, _, alone in self._heads)

    def canonical(self, phrase: str) -> str:
        """The gazetteer's spelling of a whole phrase when it is a known name, else the phrase tidied."""
        return self._canonical.get(_key(phrase.strip(" .,;:")), canonical_text(phrase).strip(" .,;:"))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the glossary and the head words alone, built once per process."""
    return Gazetteer()
