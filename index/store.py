"""Persistence: an index directory that is swapped in atomically and checked against the corpus and model.

Layout: ``<index_dir>/CURRENT`` names the live build folder ``<index_dir>/build-…/`` holding ``manifest.json``,
``chunks.jsonl``, ``vectors.npy``, ``vectors.faiss`` and ``bm25/``. A build writes a new folder completely, then
replaces ``CURRENT`` with one ``os.replace``; a build killed midway leaves the previous index loadable.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

import bm25s
import faiss
import numpy as np

from index.chunking import Chunk, Unit
from index.tokenize import ANALYZER_VERSION

FORMAT = 1
POINTER = "CURRENT"


class IndexUnavailable(Exception):
    """The index cannot be used; the message says why and what to do."""


class IndexMissing(IndexUnavailable):
    pass


class IndexCorrupt(IndexUnavailable):
    pass


class IndexStale(IndexUnavailable):
    pass


@dataclass
class Index:
    """Everything search needs, in memory."""

    chunks: list[Chunk]
    vectors: np.ndarray
    vector_index: faiss.Index
    bm25: bm25s.BM25
    units: list[Unit]
    unit_vectors: np.ndarray
    manifest: dict


def library_versions() -> dict[str, str]:
    names = ("planqa", "bm25s", "faiss-cpu", "sentence-transformers", "underthesea", "langchain-text-splitters")
    return {n: version(n) for n in names}


def manifest_for(corpus_files: dict[str, str], model: str, chunks: int, units: int) -> dict:
    return {"format": FORMAT, "analyzer": ANALYZER_VERSION, "model": model, "corpus": corpus_files, "chunks": chunks,
            "units": units,
            "libraries": library_versions(), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def current_build(index_dir: Path) -> Path:
    """The live build folder; :class:`IndexMissing` when there is none."""
    pointer = index_dir / POINTER
    if not pointer.is_file():
        raise IndexMissing(f"no index in {index_dir}: run `planqa index`")
    build = index_dir / pointer.read_text(encoding="utf-8").strip()
    if not build.is_dir():
        raise IndexCorrupt(f"index pointer {pointer} names a missing folder: run `planqa index`")
    return build


def _write_jsonl(path: Path, records: list) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")


def _read_jsonl(path: Path, cls: type) -> list:
    with open(path, encoding="utf-8") as f:
        return [cls(**json.loads(line)) for line in f]


def save_index(index_dir: Path, index: Index) -> Path:
    """Write a complete build folder, then make it current atomically; older builds are removed."""
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    tmp = index_dir / f".{name}.partial"
    tmp.mkdir()
    _write_jsonl(tmp / "chunks.jsonl", index.chunks)
    _write_jsonl(tmp / "units.jsonl", index.units)
    np.save(tmp / "vectors.npy", index.vectors)
    np.save(tmp / "unit_vectors.npy", index.unit_vectors)
    faiss.write_index(index.vector_index, str(tmp / "vectors.faiss"))
    index.bm25.save(str(tmp / "bm25"))
    (tmp / "manifest.json").write_text(json.dumps(index.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    for path in tmp.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())
    tmp.rename(index_dir / name)
    pointer_tmp = index_dir / f".{POINTER}.{os.getpid()}"
    pointer_tmp.write_text(name, encoding="utf-8")
    os.replace(pointer_tmp, index_dir / POINTER)
    for old in index_dir.iterdir():
        if old.name != name and (old.name.startswith("build-") or old.name.startswith(".build-")):
            shutil.rmtree(old, ignore_errors=True)
    return index_dir / name


def read_manifest(index_dir: Path) -> dict:
    try:
        manifest = json.loads((current_build(index_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexCorrupt(f"index manifest unreadable ({e}): run `planqa index`") from e
    if manifest.get("format") != FORMAT or manifest.get("analyzer") != ANALYZER_VERSION:
        raise IndexStale(f"index was built by another version of planqa (format {manifest.get('format')}, analyzer "
                         f"{manifest.get('analyzer')}): run `planqa index`")
    return manifest


def load_index(index_dir: Path) -> Index:
    """Load the current build; :class:`IndexMissing` / :class:`IndexCorrupt` / :class:`IndexStale` say why not."""
    manifest = read_manifest(index_dir)
    build = current_build(index_dir)
    try:
        chunks = _read_jsonl(build / "chunks.jsonl", Chunk)
        units = _read_jsonl(build / "units.jsonl", Unit)
        vectors = np.load(build / "vectors.npy")
        unit_vectors = np.load(build / "unit_vectors.npy")
        vector_index = faiss.read_index(str(build / "vectors.faiss"))
        bm25 = bm25s.BM25.load(str(build / "bm25"))
    except Exception as e:  # any damage to any file means the same thing: rebuild
        raise IndexCorrupt(f"index files in {build} are damaged ({type(e).__name__}: {e}): run `planqa index`") from e
    if not (len(chunks) == manifest.get("chunks") == len(vectors) == vector_index.ntotal == bm25.scores["num_docs"]
            and len(units) == manifest.get("units") == len(unit_vectors)):
        raise IndexCorrupt(f"index files in {build} disagree on their sizes: run `planqa index`")
    return Index(chunks=chunks, vectors=vectors, vector_index=vector_index, bm25=bm25, units=units,
                 unit_vectors=unit_vectors, manifest=manifest)
