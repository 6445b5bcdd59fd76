"""Document numbers and kinds: printed forms ("57-NQ/TW", "198/2025/QH15"), loose keys to compare them, the number a
file name carries, and the ways users name a document ("NQ 57", "nghị quyết số 57", "resolution 57").

Kinds and codes come from ``ingest/data/document_kinds.tsv`` and ``ingest/data/issuer_codes.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ingest.datafiles import read_tsv

# A number as printed: "57-NQ/TW", "20-CTr/TU", "198/2025/QH15", "211/2025/QĐ-UBND", "1234/QĐ-TTg".
DOC_NUMBER = r"\d+(?:/\d{4})?[-/][A-ZĐ][A-ZĐa-zđ0-9]*(?:[-/][A-ZĐ][A-ZĐa-zđ0-9]*)*"


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its Vietnamese name, its English family name, the code numbers carry, other names."""

    name: str  # "Nghị quyết"
    english: str  # "resolution"
    code: str  # "NQ" ("" for kinds whose numbers carry no code, e.g. Luật "64/2025/QH15")
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=16384)  # answers and headings are folded again and again
def fold(text: str) -> str:
    """Lower case without tone marks or the bar of đ: "Nghị Quyết Số" → "nghi quyet so"; same length for NFC text."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare).lower()


KIND_TABLE: tuple[DocumentKind, ...] = tuple(
    DocumentKind(row["kind"], row["english"], row["code"], tuple(a.strip() for a in row["aliases"].split(",")
                                                                 if a.strip()))
    for row in read_tsv("document_kinds.tsv"))
KINDS: tuple[str, ...] = tuple(sorted((k.name for k in KIND_TABLE), key=len, reverse=True))  # longest first
KIND_PATTERN = "|".join(KINDS)
_KIND_BY_NAME = {fold(k.name): k for k in KIND_TABLE}
_KIND_BY_CODE: dict[str, DocumentKind] = {}
for _k in KIND_TABLE:
    if _k.code:
        _KIND_BY_CODE.setdefault(fold(_k.code), _k)  # the first row with a code is the generic kind ("Kế hoạch")
_ISSUER_CODES = {fold(row["code"]): row for row in read_tsv("issuer_codes.tsv")}
_PRINTED_CODE = {**{fold(row["code"]): row["code"] for row in _ISSUER_CODES.values()},
                 **{key: k.code for key, k in _KIND_BY_CODE.items()}}


def kind(name: str) -> DocumentKind | None:
    """The kind named (Vietnamese name in any case: "NGHỊ QUYẾT", "nghị quyết"), or None."""
    return _KIND_BY_NAME.get(fold(" ".join(name.split())))


def kind_name(name: str) -> str:
    """The kind's name as printed in running text ("NGHỊ QUYẾT" → "Nghị quyết"); "" when it is not a kind."""
    found = kind(name)
    return found.name if found else ""


def kind_of_number(number: str) -> DocumentKind | None:
    """The kind a number's code says: "57-NQ/TW" → Nghị quyết, "211/2025/QĐ-UBND" → Quyết định; None without one."""
    for token in re.split(r"[-/]", number)[1:]:
        found = _KIND_BY_CODE.get(fold(token))
        if found:
            return found
    return None


def family(kind_text: str, number: str = "") -> str:
    """The English family of a document's kind ("resolution"), from its kind name, else from its number's code."""
    found = kind(kind_text) if kind_text else None
    found = found or kind_of_number(number)
    return found.english if found else ""


def number_key(number: str) -> str:
    """A loose key for comparing numbers: "57-NQ/TW", "57/NQ-TW" and "57 nq tw" all give "57NQTW"; "07-…" = "7-…"."""
    folded = fold(number).upper()
    m = re.match(r"\s*0*(\d+)(.*)", folded, re.DOTALL)
    if not m:
        return re.sub(r"[^0-9A-Z]", "", folded)
    return m.group(1) + re.sub(r"[^0-9A-Z]", "", m.group(2))


def leading_number(number: str) -> int | None:
    m = re.match(r"\s*(\d+)", number)
    return int(m.group(1)) if m else None


def _code(token: str) -> str | None:
    """A file-name token read as a number code, in its printed form ("QD" → "QĐ", "qh15" → "QH15"), or None."""
    key = fold(token)
    if key in _PRINTED_CODE:
        return _PRINTED_CODE[key]
    term = re.fullmatch(r"([a-z]+)(\d+)", key)
    if term and term.group(1) in _ISSUER_CODES:
        return _PRINTED_CODE[term.group(1)] + term.group(2)
    if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9]{1,9}", token):
        return token
    return None


def _is_party(code: str) -> bool:
    row = _ISSUER_CODES.get(fold(code))
    return bool(row and row["party"] == "yes")


def number_from_filename(stem: str) -> str:
    """The number a file name spells with dashes: "198-2025-QH15" → "198/2025/QH15", "57-NQ-TW" → "57-NQ/TW",
    "211-2025-QD-UBND" → "211/2025/QĐ-UBND"; "" when it carries none."""
    tokens = [t for t in re.split(r"[\s._-]+", stem) if t]
    for i, token in enumerate(tokens):
        if not token.isdigit():
            continue
        rest = tokens[i + 1:]
        year = rest[0] if rest and re.fullmatch(r"(?:19|20)\d\d", rest[0]) else ""
        codes: list[str] = []
        for t in rest[1 if year else 0:]:
            printed = _code(t)
            if printed is None:
                break
            codes.append(printed)
        if not codes or not (year or any(fold(c) in _KIND_BY_CODE for c in codes)):
            continue
        if year:
            return f"{token}/{year}/{'-'.join(codes)}"
        if len(codes) >= 2 and _is_party(codes[-1]):
            return f"{token}-{'-'.join(codes[:-1])}/{codes[-1]}"
        return f"{token}/{'-'.join(codes)}"
    return ""


@dataclass(frozen=True)
class NameMention:
    """A way a text names a document: a full number (``key``), or a kind with a bare number ("nghị quyết 57")."""

    start: int
    end: int
    key: str = ""  # number_key of a full number
    family: str = ""  # English kind family, with ``number``
    number: int | None = None
    year: int | None = None  # the year written after the number ("resolution 198/2025"), if any

    def names(self, number: str, kind_text: str) -> bool:
        """True when a document with this number and kind is the one named."""
        if self.key:
            return number_key(number) == self.key
        if self.year is not None and f"/{self.year}/" not in f"{number}/":
            return False
        return leading_number(number) == self.number and family(kind_text, number) == self.family


def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_alias: dict[str, str] = {}
    for k in KIND_TABLE:
        for alias in (k.name, k.english, k.code, *k.aliases):
            if alias:
                by_alias.setdefault(fold(alias), k.english)
    alternation = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(by_alias, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?P<kind>{alternation})\s*(?:so hieu\s+|so\s+|no\.?\s*|number\s+|#\s*|-\s*)?"
                         r"(?P<n>\d+)(?:/(?P<year>(?:19|20)\d\d))?(?![\w/]|[-.]\w)")
    return pattern, by_alias


_KIND_NUMBER, _FAMILY_BY_ALIAS = _alias_pattern()
_FULL_NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d{4})?[-/][a-z][a-z0-9]*(?:[-/][a-z0-9]+)*")


@lru_cache(maxsize=8192)
def name_mentions(text: str) -> tuple[NameMention, ...]:
    """Every way ``text`` names a document, in reading order: "57-NQ/TW", "NQ 57", "nghị quyết số 57", "resolution 57",
    "resolution 198/2025"."""
    folded = fold(text)
    mentions = [NameMention(m.start(), m.end(), key=number_key(m.group(0))) for m in _FULL_NUMBER.finditer(folded)]
    for m in _KIND_NUMBER.finditer(folded):
        family_name = _FAMILY_BY_ALIAS[re.sub(r"\s+", " ", m.group("kind"))]
        mentions.append(NameMention(m.start(), m.end(), family=family_name, number=int(m.group("n")),
                                    year=int(m.group("year")) if m.group("year") else None))
    return tuple(sorted(mentions, key=lambda n: n.start))


def without_names(text: str) -> str:
    """``text`` with the documents it names by number blanked out, offsets kept ("NQ 57 …" → "      …")."""
    for m in name_mentions(text):
        text = text[:m.start] + " " * (m.end - m.start) + text[m.end:]
    return text
