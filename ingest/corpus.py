"""A corpus folder → :class:`Corpus`: every readable document parsed, every failure reported, none fatal."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.isolation import ParseWorker
from ingest.limits import IngestLimits
from ingest.model import Corpus, Document, IngestError
from ingest.parse_cache import ParseCache, cache_key
from ingest.readers import SUFFIXES, UnreadableFile, read_bytes
from ingest.references import link_references
from ingest.sidecar import SUFFIX as SIDECAR_SUFFIX
from ingest.sidecar import Sidecar, SidecarError, read_sidecar, sidecar_path


@dataclass
class _Listing:
    """Candidate files and sidecars (relative paths, sorted) and the entries that could not be walked."""

    files: list[str] = field(default_factory=list)
    sidecars: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def load_corpus(corpus_dir: Path, max_file_bytes: int | None = None, limits: IngestLimits | None = None,
                cache_dir: Path | None = None) -> Corpus:
    """Ingest every ``.txt``/``.md``/``.docx``/``.pdf`` under ``corpus_dir`` with its sidecar, within ``limits``
    (``max_file_bytes`` overrides their size bound); failures become :class:`IngestError`; references to documents
    of the corpus are linked. With ``cache_dir``, files parsed before are read back from there (no parse worker is
    started when every file was)."""
    limits = limits or IngestLimits.of()
    if max_file_bytes is not None:
        limits = replace(limits, max_file_bytes=max_file_bytes)
    listing = _list(corpus_dir)
    documents: list[Document] = []
    errors = list(listing.errors)
    first_by_id: dict[str, Document] = {}
    cache = ParseCache(cache_dir) if cache_dir is not None else None
    with ParseWorker(limits.parse_timeout_s) as worker:
        for rel in listing.files:
            path = corpus_dir / rel
            try:
                doc = read_document(path, limits, worker, cache=cache)
            except (UnreadableFile, SidecarError) as e:
                errors.append(IngestError(str(path), str(e)))
                continue
            except Exception as e:  # a parser failure on one file must not stop the others
                errors.append(IngestError(str(path), f"could not parse: {type(e).__name__}: {e}"))
                continue
            first = first_by_id.get(doc.id)
            if first is not None:
                same = "an identical copy of" if first.sha256 == doc.sha256 else "the same document as"
                errors.append(IngestError(str(path), f"duplicate document {doc.id!r}: {same} {first.path}, "
                                                     "kept that one"))
                continue
            first_by_id[doc.id] = doc
            documents.append(doc)
    candidates = set(listing.files)
    for rel in listing.sidecars:
        document = rel[: -len(SIDECAR_SUFFIX)]
        if document not in candidates:
            errors.append(IngestError(str(corpus_dir / rel), f"sidecar without its document {Path(document).name}"))
    errors.sort(key=lambda e: e.path)
    link_references(documents)
    return Corpus(documents=documents, errors=errors)


def read_document(path: Path, limits: IngestLimits, worker: ParseWorker, sidecar: Sidecar | None = None,
                  cache: ParseCache | None = None) -> Document:
    """One file with its sidecar (``sidecar``, else the one beside it), bounded by ``limits``, from ``cache`` when
    parsed before; raises :class:`UnreadableFile`, :class:`SidecarError` (its message names the sidecar) or what
    parsing raised."""
    data = read_bytes(path, limits.max_file_bytes)
    if sidecar is None and sidecar_path(path).is_file():
        try:
            sidecar = read_sidecar(sidecar_path(path))
        except SidecarError as e:
            raise SidecarError(f"sidecar {sidecar_path(path).name}: {e}") from e
        except OSError as e:
            raise SidecarError(f"sidecar {sidecar_path(path).name}: cannot read: {e.strerror or e}") from e
    sha256 = hashlib.sha256(data).hexdigest()
    key = cache_key(sha256, str(path), sidecar, limits) if cache is not None else ""
    doc = cache.get(key) if cache is not None else None
    if doc is None:
        doc = worker.run(data, str(path), sha256, sidecar, limits)
        if cache is not None:
            cache.put(key, doc)
    return doc


def corpus_fingerprint(corpus_dir: Path) -> dict[str, str]:
    """Relative path → sha256 of every candidate file and sidecar ("" for one that cannot be read), for the index
    manifest."""
    out: dict[str, str] = {}
    listing = _list(corpus_dir)
    for rel in sorted(listing.files + listing.sidecars):
        try:
            with (corpus_dir / rel).open("rb") as f:
                out[rel] = hashlib.file_digest(f, "sha256").hexdigest()
        except OSError:
            out[rel] = ""
    return out


def _list(corpus_dir: Path) -> _Listing:
    """Walk the folder without following linked folders; skip hidden entries, README.md and Office lock files."""
    if not corpus_dir.exists():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    if not corpus_dir.is_dir():
        raise NotADirectoryError(f"corpus path is not a folder: {corpus_dir}")
    listing = _Listing()

    def unwalkable(e: OSError) -> None:
        listing.errors.append(IngestError(e.filename or str(corpus_dir), f"cannot list folder: {e.strerror or e}"))

    for top, dirs, files in os.walk(corpus_dir, onerror=unwalkable):
        base = Path(top)
        for name in sorted(dirs):
            if not name.startswith(".") and (base / name).is_symlink():
                listing.errors.append(IngestError(str(base / name), "link to a folder, not followed"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
        for name in files:
            if _is_candidate(name):
                listing.files.append((base / name).relative_to(corpus_dir).as_posix())
            elif name.lower().endswith(SIDECAR_SUFFIX) and not name.startswith("."):
                listing.sidecars.append((base / name).relative_to(corpus_dir).as_posix())
    listing.files.sort()
    listing.sidecars.sort()
    return listing


def _is_candidate(name: str) -> bool:
    return (name.lower().endswith(SUFFIXES) and not name.startswith((".", "~$"))
            and name.lower() != "readme.md")
