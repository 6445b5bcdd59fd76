"""English → Vietnamese term lexicon for socio-economic planning documents (plans, resolutions, action programmes).

The multilingual embedding model matches English questions poorly against Vietnamese text, so English terms are
expanded to the Vietnamese forms this genre uses ("hospital beds" → "giường bệnh"). Terms the programme does not
contain (inflation, unemployment, exchange rate …) are listed too, so callers can tell that a question asks about
something the document does not cover. The terms are data: ``index/data/en_vi.tsv`` (english, its Vietnamese forms
separated by " | ", the field it belongs to); values are NFC with the "hòa/hóa/thủy" tone-mark convention.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "en_vi.tsv"


def _read_lexicon(path: Path = DATA) -> dict[str, tuple[str, ...]]:
    """The lexicon's rows in file order, each English phrase to its Vietnamese forms."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {row["english"].strip(): tuple(v.strip() for v in row["vietnamese"].split("|")) for row in rows}


EN_VI = _read_lexicon()

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:[&'][^\W_]+)*")
_POSSESSIVE = re.compile(r"'s$")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _build_index() -> tuple[dict[tuple[str, ...], str], frozenset[tuple[str, ...]], frozenset[str]]:
    """The lexicon's phrases (as token tuples, to their keys), every leading part of one, and their words."""
    phrases: dict[tuple[str, ...], str] = {}
    for key in EN_VI:
        phrases.setdefault(tuple(_tokens(key)), key)
    prefixes = frozenset(phrase[:n] for phrase in phrases for n in range(1, len(phrase) + 1))
    vocabulary = frozenset(word for phrase in phrases for word in phrase)
    return phrases, prefixes, vocabulary


_PHRASES, _PREFIXES, _VOCABULARY = _build_index()


def _forms(token: str) -> tuple[str, ...]:
    """The token as written, then its possessive-stripped and singular forms that occur in the lexicon."""
    forms = [token]
    base = _POSSESSIVE.sub("", token)
    candidates = [base]
    if base.endswith("ies"):
        candidates.append(base[:-3] + "y")
    if base.endswith("es"):
        candidates.append(base[:-2])
    if base.endswith("s") and not base.endswith("ss"):
        candidates.append(base[:-1])
    for candidate in candidates:
        if candidate not in forms and candidate in _VOCABULARY:
            forms.append(candidate)
    return tuple(forms)


def _longest_at(forms: list[tuple[str, ...]], start: int) -> tuple[int, str] | None:
    """The longest phrase starting at token ``start``, as (tokens, key): of one length, the first combination of
    the words' forms in order (the text as written first). Combinations no phrase begins with are not extended."""
    first: dict[int, str] = {}
    stack = [((), start)]
    while stack:
        prefix, at = stack.pop()
        if prefix and prefix in _PHRASES:
            first.setdefault(len(prefix), _PHRASES[prefix])
        if at < len(forms):  # pushed in reverse, so that combinations are visited in order
            stack.extend((longer, at + 1) for form in reversed(forms[at]) if (longer := (*prefix, form)) in _PREFIXES)
    if not first:
        return None
    length = max(first)
    return length, first[length]


def _match(tokens: list[str]) -> Iterator[tuple[int, int, str]]:
    """Greedy longest-first, non-overlapping scan; yields (first token, tokens, lexicon key) of each match."""
    forms = [_forms(token) for token in tokens]
    i = 0
    while i < len(tokens):
        found = _longest_at(forms, i)
        if found is None:
            i += 1
            continue
        yield i, found[0], found[1]
        i += found[0]


def english_terms(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The lexicon terms found in `text`, in order of appearance, each once, with their Vietnamese equivalents."""
    return list(_english_terms(text))


@lru_cache(maxsize=4096)
def _english_terms(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    keys = dict.fromkeys(key for _, _, key in _match(_tokens(text)))
    return tuple((key, EN_VI[key]) for key in keys)


@lru_cache(maxsize=4096)
def glossed_words(text: str) -> frozenset[str]:
    """The words of `text` (lowercase, as written) inside a lexicon term: what its Vietnamese equivalents stand
    for."""
    tokens = _tokens(text)
    return frozenset(t for start, length, _ in _match(tokens) for t in tokens[start:start + length])


@lru_cache(maxsize=4096)
def gloss_english(text: str) -> str:
    """`text` as lowercase words with each lexicon term replaced by its first Vietnamese form ("guiding viewpoint
    no. 5" → "quan điểm chỉ đạo no 5"): English word order, Vietnamese names of things."""
    tokens, out, at = _tokens(text), [], 0
    for start, length, key in _match(tokens):
        out += [*tokens[at:start], EN_VI[key][0]]
        at = start + length
    return " ".join([*out, *tokens[at:]])


def expand_english(text: str) -> list[str]:
    """Vietnamese equivalents of the English terms in `text`, in order of appearance, without repeats."""
    return list(dict.fromkeys(vi for _, values in english_terms(text) for vi in values))
