"""Build the index from a corpus, re-embedding only texts that changed, and open it safely."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from index.chunking import Passage, chunk_document, split_units
from index.dense import Backend, Embedder, build_vector_index, default_backend
from index.lexical import build_bm25
from index.store import Index, IndexStale, IndexUnavailable, load_index, manifest_for, save_index
from ingest.model import Corpus


def corpus_fingerprint(corpus: Corpus, corpus_dir: Path) -> dict[str, str]:
    """Relative path → sha256 of every ingested document: what the index was built from."""
    out = {}
    for d in corpus.documents:
        path = Path(d.path)
        try:
            key = str(path.resolve().relative_to(corpus_dir.resolve()))
        except ValueError:
            key = str(path)
        out[key] = d.sha256
    return dict(sorted(out.items()))


def _previous_vectors(index_dir: Path, embedder: Embedder) -> dict[str, np.ndarray]:
    """Vectors of the current index by text key, when it was built with the same model and backend."""
    try:
        old = load_index(index_dir)
    except IndexUnavailable:
        return {}
    if (old.manifest.get("model"), old.manifest.get("backend")) != (embedder.name, embedder.backend.value):
        return {}
    pairs = [*zip(old.chunks, old.vectors, strict=True), *zip(old.units, old.unit_vectors, strict=True)]
    return {item.key: vector for item, vector in pairs}


def embed_all(items: list[Passage], embedder: Embedder, reuse: dict[str, np.ndarray],
              progress: bool = False) -> tuple[np.ndarray, int]:
    """One vector per item, reusing vectors of unchanged texts and embedding each distinct new text once (a task
    row is both a chunk and a unit); returns the matrix and how many texts were embedded."""
    todo = list(dict.fromkeys(item.key for item in items if item.key not in reuse))
    if todo:
        text_of = {item.key: item.embed_text for item in items}
        fresh = embedder.encode_passages([text_of[key] for key in todo], progress=progress)
        reuse = {**reuse, **dict(zip(todo, fresh, strict=True))}
    dim = len(next(iter(reuse.values()))) if reuse else embedder.dim
    vectors = np.zeros((len(items), dim), dtype=np.float32)
    for i, item in enumerate(items):
        vectors[i] = reuse[item.key]
    return vectors, len(todo)


def build_index(corpus: Corpus, corpus_dir: Path, index_dir: Path, embedder: Embedder,
                progress: bool = False) -> tuple[Index, int]:
    """Build and persist; returns the index and how many texts were embedded anew."""
    chunks = [c for d in corpus.documents for c in chunk_document(d, embedder.count_tokens)]
    if not chunks:
        skipped = f" ({len(corpus.errors)} file(s) skipped: `planqa ingest` says why)" if corpus.errors else ""
        raise IndexUnavailable(f"nothing to index: no readable document in {corpus_dir}{skipped}")
    units = [u for d in corpus.documents for u in split_units(d)]
    reuse = _previous_vectors(index_dir, embedder)
    # BM25 analyses the chunks (Python, underthesea) while the encoder, which releases the GIL, embeds them.
    with ThreadPoolExecutor(1, thread_name_prefix="planqa-bm25") as pool:
        bm25 = pool.submit(build_bm25, [c.embed_text for c in chunks])
        all_vectors, fresh = embed_all([*chunks, *units], embedder, reuse, progress)
        vectors, unit_vectors = all_vectors[: len(chunks)], all_vectors[len(chunks) :]
        vector_index = build_vector_index(vectors)
        bm25_index = bm25.result()
    index = Index(chunks=chunks, vectors=vectors, vector_index=vector_index, bm25=bm25_index, units=units,
                  unit_vectors=unit_vectors,
                  manifest=manifest_for(corpus_fingerprint(corpus, corpus_dir), embedder.name,
                                        embedder.backend.value, len(chunks), len(units)))
    index.folder = save_index(index_dir, index)
    return index, fresh


def check_fresh(index: Index, corpus: Corpus, corpus_dir: Path, model: str, backend: Backend | None = None) -> None:
    """:class:`IndexStale` when the index was built from other files, another model or another backend (by default
    the model's default backend): query vectors must come from the engine that made the index's."""
    if index.manifest.get("model") != model:
        raise IndexStale(f"index was built with model {index.manifest.get('model')!r}, not {model!r}")
    backend = backend or default_backend(model)
    if index.manifest.get("backend") != backend.value:
        raise IndexStale(f"index was built with the {index.manifest.get('backend')!r} backend, not "
                         f"{backend.value!r}")
    if index.manifest.get("corpus") != corpus_fingerprint(corpus, corpus_dir):
        raise IndexStale("the corpus changed since the index was built")


def open_index(corpus: Corpus, corpus_dir: Path, index_dir: Path, embedder: Embedder, rebuild: bool = True,
               progress: bool = False) -> Index:
    """The current index when it is fresh; otherwise rebuilt (``rebuild``) or :class:`IndexUnavailable`."""
    try:
        index = load_index(index_dir)
        check_fresh(index, corpus, corpus_dir, embedder.name, embedder.backend)
        return index
    except IndexUnavailable:
        if not rebuild:
            raise
    return build_index(corpus, corpus_dir, index_dir, embedder, progress=progress)[0]


def document_index(index: Index, doc: str) -> Index:
    """The chunks, sentences and vectors of one document, with BM25 and FAISS over them alone (in memory)."""
    rows = [i for i, c in enumerate(index.chunks) if c.doc == doc]
    unit_rows = [i for i, u in enumerate(index.units) if u.doc == doc]
    chunks = [index.chunks[i] for i in rows]
    vectors = np.ascontiguousarray(index.vectors[rows], dtype=np.float32)
    return Index(chunks=chunks, vectors=vectors, units=[index.units[i] for i in unit_rows],
                 unit_vectors=np.ascontiguousarray(index.unit_vectors[unit_rows], dtype=np.float32),
                 manifest={**index.manifest, "chunks": len(chunks), "units": len(unit_rows)},
                 bm25=build_bm25([c.embed_text for c in chunks] or [""]), vector_index=build_vector_index(vectors))
