"""The composition root: corpus → index → searcher → answerer, wired once from :class:`Settings`.

The CLI and the web app both go through :class:`Engine`; neither parses documents nor touches index files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from threading import Lock

import torch

from index.build import build_index, open_index
from index.dense import Embedder
from index.search import Searcher, SearchMode, SearchResult
from index.store import Index
from ingest.corpus import load_corpus
from ingest.model import Corpus
from planqa.config import Settings
from qa.answer import Answer
from qa.pipeline import Answerer


@dataclass
class Engine:
    """Everything a question needs, loaded once and shared by all requests."""

    settings: Settings
    corpus: Corpus
    index: Index
    embedder: Embedder
    answerer: Answerer
    _searchers: dict[SearchMode, Searcher] = field(default_factory=dict)
    _lock: Lock = field(default_factory=Lock)

    @classmethod
    def load(cls, settings: Settings | None = None, rebuild: bool = True, progress: bool = False) -> Engine:
        """Ingest the corpus and open its index, building it when missing or stale (``rebuild``)."""
        settings = settings or Settings()
        corpus = load_corpus(settings.corpus_dir, settings.max_file_bytes)
        embedder = Embedder(settings.model, settings.models_dir)
        index = open_index(corpus, settings.corpus_dir, settings.index_dir, embedder, rebuild=rebuild,
                           progress=progress)
        torch.set_num_threads(settings.query_threads)  # after any build, which uses every core
        searcher = Searcher(index, embedder)
        return cls(settings=settings, corpus=corpus, index=index, embedder=embedder,
                   answerer=Answerer(corpus, searcher, settings.max_question_chars),
                   _searchers={SearchMode.HYBRID: searcher})

    def searcher(self, mode: SearchMode = SearchMode.HYBRID) -> Searcher:
        with self._lock:
            if mode not in self._searchers:
                self._searchers[mode] = Searcher(self.index, self.embedder, mode)
            return self._searchers[mode]

    def search(self, query: str, k: int = 10, mode: SearchMode = SearchMode.HYBRID) -> list[SearchResult]:
        """The ``k`` best sections (none when ``k`` < 1); a long query is cut like a question."""
        if k < 1:
            return []
        return self.searcher(mode).run(query[: self.settings.max_question_chars], k)

    def ask(self, question: str, question_id: str = "") -> Answer:
        started = time.perf_counter()
        answer = self.answerer.run(question)
        answer.id = question_id
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer


def build(settings: Settings | None = None, progress: bool = True) -> tuple[Index, int]:
    """Rebuild the index now (``planqa index``); returns it and how many chunks were embedded anew."""
    settings = settings or Settings()
    corpus = load_corpus(settings.corpus_dir, settings.max_file_bytes)
    return build_index(corpus, settings.corpus_dir, settings.index_dir, Embedder(settings.model, settings.models_dir),
                       progress=progress)
