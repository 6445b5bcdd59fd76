"""A document named by what it is rather than by its number — "nghị quyết của Quốc hội về kinh tế tư nhân", "the
resolution on science and technology", "the Politburo resolution": its kind, and the words of its subject or its
issuer (English words through the lexicon's glosses). The kinds are those of ``ingest/data/document_kinds.tsv``."""

from __future__ import annotations

import re
from functools import lru_cache

from index.lexicon import expand_english
from ingest.doc_numbers import KIND_TABLE, fold, kind
from ingest.model import Document
from qa.handlers import DOCUMENT_WORDS
from qa.question import Question

MIN_SHARED_PAIRS = 2  # word pairs of a subject a question must repeat to name its document
ISSUER_PAIRS = 2  # what naming a document's issuer ("Bộ Chính trị", "the Politburo") counts as, in word pairs


def _names(kinds) -> re.Pattern[str]:
    names = {fold(n) for k in kinds for n in (k.name, k.english, *k.aliases, k.code) if n}
    return re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, names), key=len, reverse=True))})s?\b")


@lru_cache(maxsize=1)
def kind_words() -> re.Pattern[str]:
    """Any kind of document named, on folded text ("nghi quyet", "resolution", "nq", "quyet dinh" …)."""
    return _names(KIND_TABLE)


@lru_cache(maxsize=64)
def _kind_named(kind_name: str) -> re.Pattern[str] | None:
    """How a question names documents of this kind ("nghị quyết", "resolution", "NQ"), None for an unknown kind."""
    found = kind(kind_name)
    return _names([found]) if found else None


def _pairs(text: str) -> set[str]:
    words = re.findall(r"\w+", fold(text))
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _names_issuer(issuer: str, texts: list[str]) -> bool:
    """Whether one of the question's texts (folded) names the issuer as a whole phrase."""
    if not issuer:
        return False
    pattern = re.compile(rf"\b{re.escape(fold(issuer))}\b")
    return any(pattern.search(t) for t in texts)


def described(documents: list[Document], q: Question) -> Document | None:
    """The one document whose subject and issuer the question repeats clearly more than any other's (two word pairs
    at least, twice the next; the issuer counts as two) and whose kind it names, or None."""
    if len(documents) < 2 or not kind_words().search(q.folded):
        return None
    english = expand_english(q.raw) if q.lang == "en" else []
    asked = {p for p in _pairs(q.raw) | set().union(*(_pairs(t) for t in english))
             if not set(p.split()) <= DOCUMENT_WORDS}  # "thực hiện" (implementation) says what is asked of one
    texts = [q.folded, *(fold(t) for t in english)]
    subjects = [_pairs(d.metadata.subject or d.metadata.title) for d in documents]
    common = set.intersection(*subjects)
    shared = sorted(((len((s - common) & asked) + ISSUER_PAIRS * _names_issuer(d.metadata.issuer, texts), n)
                     for n, (s, d) in enumerate(zip(subjects, documents, strict=True))), reverse=True)
    (best, n), (second, _) = shared[0], shared[1]
    named = _kind_named(documents[n].metadata.kind)
    if named is None or not named.search(q.folded):
        return None  # "the programme on digital transformation" names no resolution on it
    return documents[n] if best >= MIN_SHARED_PAIRS and best >= 2 * second else None
