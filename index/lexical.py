"""Lexical retrieval: BM25 (bm25s) over the tokens of :mod:`index.tokenize`."""

from __future__ import annotations

import bm25s
import numpy as np

from index.tokenize import tokenize


def build_bm25(texts: list[str]) -> bm25s.BM25:
    """A BM25 index over already-analysed texts; 1-character tokens and Vietnamese stopwords handled upstream."""
    retriever = bm25s.BM25()
    retriever.index([tokenize(t) or [""] for t in texts], show_progress=False)
    return retriever


def bm25_scores(retriever: bm25s.BM25, query: str) -> np.ndarray:
    """A score per indexed text; unknown query tokens are ignored."""
    tokens = [t for t in tokenize(query) if t in retriever.vocab_dict]
    if not tokens:
        return np.zeros(retriever.scores["num_docs"], dtype=np.float32)
    return retriever.get_scores(tokens)
