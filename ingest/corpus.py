"""A corpus folder → :class:`Corpus`: every readable document parsed, every failure reported, none fatal."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model import Corpus, Document, IngestError
from ingest.parse import parse_document
from ingest.readers import SUFFIXES, UnreadableFile, decode, read_bytes
from planqa.config import Settings


@dataclass
class _Listing:
    """Candidate files (relative paths, sorted) and the entries that could not be walked."""

    files: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def load_corpus(corpus_dir: Path, max_file_bytes: int = Settings().max_file_bytes) -> Corpus:
    """Ingest every ``.txt``/``.md``/``.docx``/``.pdf`` under ``corpus_dir``; failures become :class:`IngestError`."""
    listing = _list(corpus_dir)
    documents: list[Document] = []
    errors = list(listing.errors)
    first_by_id: dict[str, Document] = {}
    for rel in listing.files:
        path = corpus_dir / rel
        try:
            data = read_bytes(path, max_file_bytes)
            doc = parse_document(decode(data, path.suffix), str(path), hashlib.sha256(data).hexdigest())
        except UnreadableFile as e:
            errors.append(IngestError(str(path), e.reason))
            continue
        except Exception as e:  # a parser failure on one file must not stop the others
            errors.append(IngestError(str(path), f"could not parse: {type(e).__name__}: {e}"))
            continue
        first = first_by_id.get(doc.id)
        if first is not None:
            same = "an identical copy of" if first.sha256 == doc.sha256 else "the same document as"
            errors.append(IngestError(str(path), f"duplicate document {doc.id!r}: {same} {first.path}, kept that one"))
            continue
        first_by_id[doc.id] = doc
        documents.append(doc)
    errors.sort(key=lambda e: e.path)
    return Corpus(documents=documents, errors=errors)


def corpus_fingerprint(corpus_dir: Path) -> dict[str, str]:
    """Relative path → sha256 of every candidate file ("" for one that cannot be read), for the index manifest."""
    out: dict[str, str] = {}
    for rel in _list(corpus_dir).files:
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
    listing.files.sort()
    return listing


def _is_candidate(name: str) -> bool:
    return (name.lower().endswith(SUFFIXES) and not name.startswith((".", "~$"))
            and name.lower() != "readme.md")
