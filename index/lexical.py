"""Lexical retrieval: BM25 (bm25s) over the tokens of :mod:`index.tokenize`.

bm25s builds and saves the index; a query is scored by :class:`Bm25Scores` with numpy alone, as bm25s's numpy backend
scores it (the precomputed score of each query token summed per text), so searching never imports bm25s, whose
import brings scipy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.lexicon import expand_english
from index.tokenize import detect_language, tokenize

if TYPE_CHECKING:
    import bm25s

# bm25s's file names in a saved index folder.
PARAMS, VOCAB = "params.index.json", "vocab.index.json"
DATA, INDICES, INDPTR = "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy"
NONOCCURRENCE = "nonoccurrence_array.index.npy"


def build_bm25(texts: list[str]) -> bm25s.BM25:
    """A BM25 index over already-analysed texts; 1-character tokens and Vietnamese stopwords handled upstream."""
    import bm25s  # here: building only

    retriever = bm25s.BM25()
    retriever.index([tokenize(t) or [""] for t in texts], show_progress=False)
    return retriever


def mapped(path: Path) -> np.ndarray:
    """A saved array, memory-mapped, as a plain array: a ``np.memmap``'s every slice costs a Python call."""
    return np.asarray(np.load(path, mmap_mode="r"))


@dataclass(frozen=True)
class Bm25Scores:
    """A bm25s index's vocabulary and score matrix (one column of per-text scores for each token, CSC)."""

    vocab: dict[str, int]
    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    num_docs: int
    dtype: np.dtype
    int_dtype: np.dtype
    nonoccurrence: np.ndarray | None = None  # BM25L and BM25+ only

    @classmethod
    def of(cls, retriever: bm25s.BM25) -> Bm25Scores:
        """The arrays of an index just built."""
        s = retriever.scores
        return cls(retriever.vocab_dict, s["data"], s["indices"], s["indptr"], int(s["num_docs"]),
                   np.dtype(retriever.dtype), np.dtype(retriever.int_dtype), retriever.nonoccurrence_array)

    @classmethod
    def load(cls, folder: Path) -> Bm25Scores:
        """A saved index, its arrays memory-mapped."""
        params = json.loads((folder / PARAMS).read_text(encoding="utf-8"))
        vocab = json.loads((folder / VOCAB).read_text(encoding="utf-8"))
        arrays = [mapped(folder / name) for name in (DATA, INDICES, INDPTR)]
        nonoccurrence = np.load(folder / NONOCCURRENCE) if (folder / NONOCCURRENCE).is_file() else None
        return cls(vocab, *arrays, int(params["num_docs"]), np.dtype(params["dtype"]), np.dtype(params["int_dtype"]),
                   nonoccurrence)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """A score per indexed text; unknown tokens are ignored, a repeated one counts each time."""
        ids = np.asarray([self.vocab[t] for t in tokens if t in self.vocab], dtype=self.int_dtype)
        scores = np.zeros(self.num_docs, dtype=self.dtype)
        for start, end in zip(self.indptr[ids].tolist(), self.indptr[ids + 1].tolist(), strict=True):
            scores[self.indices[start:end]] += self.data[start:end]  # a column's texts are distinct
        if self.nonoccurrence is not None and len(ids):
            scores += self.nonoccurrence[ids].sum()
        return scores


def query_tokens(query: str) -> list[str]:
    """The query's tokens; an English query also gets the Vietnamese terms of its English ones (the lexicon)."""
    lang = detect_language(query)
    if lang != "en":
        return tokenize(query, lang)
    return tokenize(query, "en") + tokenize(" ; ".join(expand_english(query)), "vi")


def bm25_scores(bm25: Bm25Scores, query: str) -> np.ndarray:
    """A score per indexed text; unknown query tokens are ignored."""
    return bm25.scores(query_tokens(query))
