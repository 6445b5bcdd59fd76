"""Untrusted files are decoded and parsed in a worker process with a deadline.

A file that hangs the parser (a pathological PDF, a pattern gone quadratic) is stopped when its time is up and
reported; the worker is replaced and the other files still load. The worker is forked from a clean server process
(``forkserver``), never from the caller, which may hold threads (torch, the web server).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.pool import Pool
from pathlib import Path

from ingest.limits import IngestLimits
from ingest.model import Document
from ingest.parse import parse_document
from ingest.readers import UnreadableFile, decode
from ingest.sidecar import Sidecar

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["ingest.isolation"])


def parse_file(data: bytes, path: str, sha256: str, sidecar: Sidecar | None, limits: IngestLimits) -> Document:
    """One file's bytes → :class:`Document` (what the worker runs)."""
    return parse_document(decode(data, Path(path).suffix, limits), path, sha256, sidecar)


class ParseWorker:
    """A worker process that runs :func:`parse_file` with a deadline per file; use it as a context manager."""

    def __init__(self, timeout_s: float, parse: Callable[..., Document] | None = None) -> None:
        self.timeout_s = timeout_s
        self._parse = parse or parse_file
        self._pool: Pool | None = None

    def run(self, data: bytes, path: str, sha256: str, sidecar: Sidecar | None, limits: IngestLimits) -> Document:
        """The parsed document; raises what parsing raised, or :class:`UnreadableFile` when time ran out."""
        if self._pool is None:
            self._pool = _CONTEXT.Pool(1)
            self._pool.apply(os.getpid)  # the worker is up: its start-up is not charged to the file
        pending = self._pool.apply_async(self._parse, (data, path, sha256, sidecar, limits))
        try:
            return pending.get(self.timeout_s)
        except multiprocessing.TimeoutError:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            raise UnreadableFile(f"took longer than {self.timeout_s:g} s to read and parse") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> ParseWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
