"""Lexical retrieval: BM25 (bm25s) over the tokens of :mod:`index.tokenize`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from index.lexicon import expand_english
from index.tokenize import detect_language, tokenize

if TYPE_CHECKING:
    import bm25s


def build_bm25(texts: list[str]) -> bm25s.BM25:
    """A BM25 index over already-analysed texts; 1-character tokens and Vietnamese stopwords handled upstream."""
    import bm25s  # here: searching needs only the loaded index's methods

    retriever = bm25s.BM25()
    retriever.index([tokenize(t) or [""] for t in texts], show_progress=False)
    return retriever


def query_tokens(query: str) -> list[str]:
    """The query's tokens; an English query also gets the Vietnamese terms of its English ones (the lexicon)."""
    lang = detect_language(query)
    if lang != "en":
        return tokenize(query, lang)
    return tokenize(query, "en") + tokenize(" ; ".join(expand_english(query)), "vi")


def bm25_scores(retriever: bm25s.BM25, query: str) -> np.ndarray:
    """A score per indexed text; unknown query tokens are ignored."""
    tokens = [t for t in query_tokens(query) if t in retriever.vocab_dict]
    if not tokens:
        return np.zeros(retriever.scores["num_docs"], dtype=np.float32)
    return retriever.get_scores(tokens)
