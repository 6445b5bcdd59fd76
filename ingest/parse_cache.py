"""Parsed documents kept on disk by the hash of everything a parse depends on: a process that loads an unchanged
corpus reads them back instead of starting a parse worker and parsing every file again.

The key covers the file's bytes and path, its sidecar, the limits, the ingest code and data (every file of this
package) and, for DOCX and PDF, the reader library's version; anything else changed is a new key. What is stored is
the document as parsed, before references between documents are linked. A cache file that cannot be read is parsed
again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ingest.limits import IngestLimits
from ingest.model import Document
from ingest.sidecar import Sidecar

PACKAGE = Path(__file__).resolve().parent
READER_LIBRARIES = {".docx": "python-docx", ".pdf": "pypdf"}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The hash of every source and data file of the ingest package."""
    h = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".pyc",)):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _reader_version(suffix: str) -> str:
    library = READER_LIBRARIES.get(suffix.lower())
    if library is None:
        return ""
    try:
        return f"{library} {version(library)}"
    except PackageNotFoundError:
        return library


def cache_key(sha256: str, path: str, sidecar: Sidecar | None, limits: IngestLimits) -> str:
    parts = (sha256, path, sidecar.to_json() if sidecar else "", repr(limits), code_digest(),
             _reader_version(Path(path).suffix))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


class ParseCache:
    """``get(key)`` → the cached document or None; ``put(key, document)`` stores it (when the folder is writable)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> Document | None:
        path = self.folder / f"{key}.pickle"
        try:
            with open(path, "rb") as f:
                document = pickle.load(f)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None  # damaged, or written by other code: parsed again
        return document if isinstance(document, Document) else None

    def put(self, key: str, document: Document) -> None:
        path = self.folder / f"{key}.pickle"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{key}.{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                pickle.dump(document, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass  # a read-only cache: parsed again next time
