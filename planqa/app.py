"""The composition root: corpus → index → searcher → answerer, wired once from :class:`Settings`.

The CLI and the web app both go through :class:`Engine`; neither parses documents nor touches index files. Loading
an engine loads no model: the encoder starts on the first query that needs a vector (see :class:`Embedder`).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from index.build import build_index, document_index, open_index
from index.dense import DEFAULT_MODEL, Backend, Embedder
from index.search import Searcher, SearchMode, SearchResult
from index.store import Index
from ingest.corpus import corpus_fingerprint, load_corpus
from ingest.model import Corpus
from planqa.config import Settings
from qa.answer import Answer
from qa.pipeline import Answerer


def make_embedder(settings: Settings) -> Embedder:
    backend = Backend(settings.backend) if settings.backend and settings.model == DEFAULT_MODEL else None
    return Embedder(settings.model, settings.models_dir, backend=backend, query_threads=settings.query_threads)


@dataclass
class Engine:
    """Everything a question needs, loaded once and shared by all requests."""

    settings: Settings
    corpus: Corpus
    index: Index
    embedder: Embedder
    answerer: Answerer
    fingerprint: dict[str, str] = field(default_factory=dict)  # the corpus files it was loaded from
    _searchers: dict[SearchMode, Searcher] = field(default_factory=dict)
    _document_answerers: dict[str, Answerer] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, settings: Settings | None = None, rebuild: bool = True, progress: bool = False,
             embedder: Embedder | None = None) -> Engine:
        """Ingest the corpus and open its index, building it when missing or stale (``rebuild``). ``embedder``
        reuses a loaded model (a reload after the corpus changed)."""
        settings = settings or Settings()
        fingerprint = corpus_fingerprint(settings.corpus_dir)
        corpus = load_corpus(settings.corpus_dir, settings.max_file_bytes, cache_dir=settings.documents_dir)
        embedder = embedder or make_embedder(settings)
        index = open_index(corpus, settings.corpus_dir, settings.index_dir, embedder, rebuild=rebuild,
                           progress=progress)
        searcher = Searcher(index, embedder)
        return cls(settings=settings, corpus=corpus, index=index, embedder=embedder,
                   answerer=Answerer(corpus, searcher, settings.max_question_chars), fingerprint=fingerprint,
                   _searchers={SearchMode.HYBRID: searcher})

    def searcher(self, mode: SearchMode = SearchMode.HYBRID) -> Searcher:
        with self._lock:
            if mode not in self._searchers:
                self._searchers[mode] = Searcher(self.index, self.embedder, mode)
            return self._searchers[mode]

    def search(self, query: str, k: int = 10, mode: SearchMode = SearchMode.HYBRID,
               doc: str | None = None) -> list[SearchResult]:
        """The ``k`` best sections (none when ``k`` < 1), of document ``doc`` only when given; a long query is cut
        like a question."""
        if k < 1:
            return []
        query = query[: self.settings.max_question_chars]
        return self.searcher(mode).run(query, k, doc=doc)

    def answerer_for(self, doc: str | None = None) -> Answerer:
        """The answerer over the whole corpus, or over document ``doc`` alone (its own small index, built once)."""
        if doc is None:
            return self.answerer
        with self._lock:
            if doc not in self._document_answerers:
                corpus = Corpus(documents=[self.corpus.document(doc)])
                searcher = Searcher(document_index(self.index, doc), self.embedder)
                self._document_answerers[doc] = Answerer(corpus, searcher, self.settings.max_question_chars)
            return self._document_answerers[doc]

    def ask(self, question: str, question_id: str = "", doc: str | None = None) -> Answer:
        """The answer from the whole corpus, or from document ``doc`` only (:class:`KeyError` when unknown)."""
        answerer = self.answerer_for(doc)
        started = time.perf_counter()
        answer = answerer.run(question)
        answer.id = question_id
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def warm(self, question: str) -> Engine:
        """Open everything a request may need now (BM25, FAISS, the encoder), so the first user does not wait and a
        newer build replacing the index folder cannot pull it away."""
        self.index.preload()
        self.ask(question)
        self.search(question)
        return self


class LiveEngine:
    """The engine a server answers from, reloaded when the corpus folder changes.

    A watcher thread compares the corpus files' fingerprint every ``poll_s`` seconds; on a change it builds a new
    engine in the background (re-embedding only the texts that changed) while requests keep going to the old one,
    then swaps the reference in one assignment. ``current`` is what each request reads once; other attributes
    (``ask``, ``search``, ``corpus`` …) are the current engine's, so a LiveEngine stands in for an Engine."""

    def __init__(self, engine: Engine, poll_s: float, warm_question: str,
                 on_swap: Callable[[Engine], None] | None = None) -> None:
        self.current = engine
        self.poll_s = poll_s
        self.warm_question = warm_question
        self.on_swap = on_swap
        self.error = ""  # the last reload's failure; the old engine keeps serving
        self._seen = engine.fingerprint
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="planqa-corpus-watcher", daemon=True)

    def __getattr__(self, name: str):
        if name == "current":  # not set yet
            raise AttributeError(name)
        return getattr(self.current, name)

    def start(self) -> LiveEngine:
        if self.poll_s > 0:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def changed(self) -> bool:
        """Whether the corpus files differ from when they were last looked at (a folder that cannot be listed
        now, being replaced, is looked at again next time)."""
        try:
            now = corpus_fingerprint(self.current.settings.corpus_dir)
        except OSError:
            return False
        seen, self._seen = self._seen, now
        return now != seen

    def reload(self) -> Engine:
        """Build and swap in an engine over the corpus as it is now."""
        old = self.current
        fresh = Engine.load(old.settings, rebuild=True, embedder=old.embedder).warm(self.warm_question)
        self.current = fresh
        if self.on_swap:
            self.on_swap(fresh)
        return fresh

    def _watch(self) -> None:
        while not self._stop.wait(self.poll_s):
            if not self.changed():
                continue
            try:
                self.reload()
                self.error = ""
                print(f"planqa: corpus changed; now serving {len(self.current.corpus.documents)} document(s)",
                      file=sys.stderr, flush=True)
            except Exception as e:  # keep serving the old engine; try again when the folder changes again
                self.error = f"{type(e).__name__}: {e}"
                print(f"planqa: corpus changed but could not be re-indexed ({self.error}); still serving the "
                      f"previous index", file=sys.stderr, flush=True)


def build(settings: Settings | None = None, progress: bool = True) -> tuple[Index, int]:
    """Rebuild the index now (``planqa index``); returns it and how many chunks were embedded anew."""
    settings = settings or Settings()
    corpus = load_corpus(settings.corpus_dir, settings.max_file_bytes, cache_dir=settings.documents_dir)
    return build_index(corpus, settings.corpus_dir, settings.index_dir, make_embedder(settings), progress=progress)
