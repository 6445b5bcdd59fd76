"""Dense retrieval: a sentence-transformers model and a FAISS inner-product index over normalised vectors."""

from __future__ import annotations

import unicodedata
from functools import cached_property, lru_cache

import faiss
import numpy as np

from index.e5_convert import resolve_model

# Exact search up to this many vectors; above it an HNSW graph (see eval/bench.py for the measurement).
ANN_THRESHOLD = 50_000
BATCH_SIZE = 32


class Embedder:
    """Embeds queries and passages with the configured model ("query: " / "passage: " prompts for e5)."""

    def __init__(self, model: str, models_dir) -> None:
        self.name = model
        self._models_dir = models_dir

    @cached_property
    def _model(self):
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(resolve_model(self.name, self._models_dir), device="cpu")

    @cached_property
    def _tokenizer(self):
        return self._model.tokenizer

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text`` (special tokens included)."""
        encoded = self._tokenizer(unicodedata.normalize("NFC", text), add_special_tokens=True, verbose=False)
        return len(encoded["input_ids"])

    def _encode(self, texts: list[str], prompt_name: str, progress: bool = False) -> np.ndarray:
        prompts = getattr(self._model, "prompts", {}) or {}
        texts = [unicodedata.normalize("NFC", t) for t in texts]
        vectors = self._model.encode(texts, prompt_name=prompt_name if prompt_name in prompts else None,
                                     batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=progress)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, "passage", progress)

    @property
    def dim(self) -> int:
        return int(self._model.get_sentence_embedding_dimension() or 384)

    def encode_query(self, text: str) -> np.ndarray:
        """The query's vector; repeated queries (search then answer) are embedded once."""
        return self._cached_query(text).copy()

    @lru_cache(maxsize=512)  # noqa: B019 - one Embedder per process; the cache is meant to live as long
    def _cached_query(self, text: str) -> np.ndarray:
        return self._encode([text], "query")[0]


def build_vector_index(vectors: np.ndarray) -> faiss.Index:
    """Exact inner product for small collections, HNSW above :data:`ANN_THRESHOLD` vectors."""
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else 384
    if len(vectors) > ANN_THRESHOLD:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors)
    return index


def search_vectors(index: faiss.Index, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    """(row, cosine) best first."""
    if index.ntotal == 0:
        return []
    scores, rows = index.search(query.reshape(1, -1).astype(np.float32), min(k, index.ntotal))
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
