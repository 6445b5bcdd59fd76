"""Evidence: the corpus model, the index's sentence units and the search results a question's answer rests on."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, wraps
from pathlib import Path
from typing import TypeVar

import numpy as np

from index.chunking import Unit
from index.search import Searcher, SearchResult, dense_query
from ingest.agencies import canonical_text
from ingest.datafiles import read_tsv
from ingest.doc_numbers import without_names
from ingest.figures import find_figures
from ingest.model import Document, Figure, Task
from qa.answer import Citation
from qa.folded import Folding, cached_folded
from qa.question import Question
from qa.settings import QASettings

LEXICAL_WEIGHT = {"vi": 0.35, "en": 0.3}  # English questions are matched through their Vietnamese terms
PRIOR_WEIGHT = 0.05
IMPLEMENTATION = re.compile(r"to chuc thuc hien|trach nhiem thuc hien|phan cong thuc hien")
RECENT = 4096  # values kept per question (:func:`per_question`) before the memo starts again
T = TypeVar("T")
_MISSING = object()


def per_question(compute: Callable[[Question, Evidence], T]) -> Callable[[Question, Evidence], T]:
    """``compute(q, ev)`` kept on ``ev`` for the question's text (:meth:`Evidence.memo`)."""
    @wraps(compute)
    def memoised(q: Question, ev: Evidence) -> T:
        return ev.memo(compute, q)

    return memoised


@per_question
def topic_weights(q: Question, ev: Evidence) -> tuple[tuple[str, float], ...]:
    """The question's topical syllables and pairs with their rarity among the index's units (inverse document
    frequency), once per question for :meth:`Evidence.weighted_overlap`; an English word no unit holds is left out."""
    syllables, bigrams = ev._postings[False]
    units = len(ev.units)
    out = []
    for terms, postings in ((q.topic_syllables, syllables), (q.topic_pairs, bigrams)):
        for term in terms:
            hits = postings.get(term)
            if hits is None and q.lang == "en":
                continue
            out.append((term, math.log((units + 1) / ((0 if hits is None else len(hits)) + 0.5))))
    return tuple(out)


def word_bigrams(folded: str) -> set[str]:
    """The pairs of adjacent words of a text folded to words."""
    words = folded.split()
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


PLACES = tuple(row["place"] for row in read_tsv("places.tsv"))
YEAR_RANGE = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b")


@dataclass(frozen=True)
class Candidate:
    """A unit scored against a question: dense cosine, share of the question's topical words it contains."""

    row: int
    score: float
    cosine: float
    overlap: float


@dataclass
class Evidence:
    """Lookups over one corpus and its index, built once per :class:`~qa.pipeline.Answerer`."""

    documents: list[Document]
    searcher: Searcher
    all_documents: list[Document] = field(default_factory=list)  # the whole corpus, when ``documents`` is a scope
    cache_dir: Path | None = None  # where folded texts are kept (:mod:`qa.folded`); None: folded per process
    own_place_mentions: int = QASettings.own_place_mentions  # see :class:`qa.settings.QASettings`
    _units_by_section: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _search_cache: dict[tuple[str, int], list[SearchResult]] = field(default_factory=dict)
    _memo: dict[tuple[Callable, str], object] = field(default_factory=dict)
    _task_docs: dict[int, Document] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.all_documents = self.all_documents or list(self.documents)
        for i, u in enumerate(self.searcher.index.units):
            self._units_by_section.setdefault((u.doc, u.section), []).append(i)

    # Per-unit values computed over the whole index, shared by every scope.
    SHARED = ("unit_syllables", "unit_figures", "_unit_context", "_unit_folded", "_unit_marked", "unit_bigrams",
              "heading_syllables", "heading_bigrams", "_unit_text_folded", "_source_folded", "_heading_folded",
              "_section_folded", "_postings", "own_place", "own_period")

    def scoped(self, documents: list[Document]) -> Evidence:
        """The same evidence limited to ``documents``: their units, tasks and search results only."""
        child = Evidence(documents, self.searcher, self.all_documents, self.cache_dir, self.own_place_mentions)
        for name in self.SHARED:
            if name in self.__dict__:
                child.__dict__[name] = self.__dict__[name]
        return child

    @cached_property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.documents)

    @cached_property
    def rows(self) -> list[int]:
        """The units of the documents in scope."""
        return [i for i, u in enumerate(self.units) if u.doc in self.doc_ids]

    @property
    def units(self) -> list[Unit]:
        return self.searcher.index.units

    @cached_property
    def _unit_text_folded(self) -> list[str]:
        return cached_folded([u.text for u in self.units], self.cache_dir)

    @cached_property
    def unit_syllables(self) -> list[set[str]]:
        return [set(text.split()) for text in self._unit_text_folded]

    @cached_property
    def _source_folded(self) -> dict[str, str]:
        """Each document of the corpus folded to words, by id."""
        return dict(zip((d.id for d in self.all_documents),
                        cached_folded([d.source for d in self.all_documents], self.cache_dir), strict=True))

    @cached_property
    def corpus_folded(self) -> str:
        """All documents folded to words, space separated."""
        return " ".join(self._source_folded[d.id] for d in self.documents)

    @cached_property
    def corpus_padded(self) -> str:
        """:attr:`corpus_folded` between spaces, so that ``f" {words} " in corpus_padded`` matches whole words."""
        return f" {self.corpus_folded} "

    @cached_property
    def corpus_words(self) -> frozenset[str]:
        return frozenset(self.corpus_folded.split())

    def names_places(self, doc: str, section: str, places: list[str]) -> bool:
        """Whether a section names every one of ``places`` ("hue" is not in "thue"), its document's own place
        standing named in each of its sections (the programme of Hải Phòng need not repeat the city's name)."""
        padded = f" {self.section_folded(doc, section)} "
        return all(p == self.own_place.get(doc) or f" {p} " in padded for p in places)

    @cached_property
    def own_place(self) -> dict[str, str]:
        """The place each document is about, by id: the one its text names most, when it names it at least
        ``own_place_mentions`` times and more often than all other places together."""
        out = {}
        for doc, folded in self._source_folded.items():
            padded = f" {folded} "
            counts = sorted(((padded.count(f" {p} "), p) for p in PLACES), reverse=True)
            (most, place), rest = counts[0], sum(n for n, _ in counts[1:])
            if most >= self.own_place_mentions and most > rest:
                out[doc] = place
        return out

    @cached_property
    def own_period(self) -> dict[str, tuple[int, int]]:
        """The period each document is for, by id: the range of years its title or subject names ("… 5 năm 2026 -
        2030")."""
        out = {}
        for d in self.all_documents:
            found = YEAR_RANGE.search(f"{d.metadata.title} {d.metadata.subject}")
            if found:
                out[d.id] = (int(found.group(1)), int(found.group(2)))
        return out

    def section_folded(self, doc: str, section: str) -> str:
        """A section's text folded to words ("Hải Phòng" → "hai phong")."""
        return self._section_folded[(doc, section)]

    @cached_property
    def _section_folded(self) -> dict[tuple[str, str], str]:
        return self._by_section(cached_folded([s.text for d in self.all_documents for s in d.sections],
                                              self.cache_dir))

    def _by_section(self, values: list[str]) -> dict[tuple[str, str], str]:
        """Values given in the order of every document's sections, by (document, section); the first of a repeated
        id, as :meth:`Document.section` finds it."""
        keys = [(d.id, s.id) for d in self.all_documents for s in d.sections]
        out: dict[tuple[str, str], str] = {}
        for key, value in zip(keys, values, strict=True):
            out.setdefault(key, value)
        return out

    @cached_property
    def unit_figures(self) -> list[tuple[Figure, ...]]:
        """The figures each unit states."""
        return [tuple(find_figures(u.text)) for u in self.units]

    def unit_folded(self, row: int) -> str:
        """A unit with its section's heading, folded to words."""
        return self._unit_folded[row]

    @cached_property
    def _unit_context(self) -> list[str]:
        """What a unit's words are checked against: its embedded text and its section's whole heading (a title path
        shortens long headings)."""
        return [f"{self.document(u.doc).section(u.section).heading}\n{u.embed_text}" for u in self.units]

    @cached_property
    def _unit_folded(self) -> list[str]:
        return cached_folded(self._unit_context, self.cache_dir)

    def unit_marked(self, row: int) -> str:
        """A unit with its section's heading, lowercased to words with their marks ("đạt" is not "đất")."""
        return self._unit_marked[row]

    @cached_property
    def _unit_marked(self) -> list[str]:
        return [" ".join(re.findall(r"\w+", canonical_text(text).lower())) for text in self._unit_context]

    @cached_property
    def corpus_raw(self) -> str:
        return "\n".join(d.source for d in self.documents)

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.all_documents if d.id == doc_id)

    @cached_property
    def tasks(self) -> list[Task]:
        return [t for d in self.documents for t in d.tasks]

    @cached_property
    def task_sections(self) -> frozenset[str]:
        """The section ids of the task table's rows."""
        return frozenset(t.section for t in self.tasks)

    def task_doc(self, task: Task) -> Document:
        found = self._task_docs.get(id(task))
        if found is None:
            found = self._task_docs[id(task)] = next(d for d in self.documents if task in d.tasks)
        return found

    def memo(self, compute: Callable[[Question, Evidence], T], q: Question) -> T:
        """``compute(q, self)``, computed once per question text (the values are shared: not to be changed)."""
        key = (compute, q.raw)
        found = self._memo.get(key, _MISSING)  # kept in a local: another request may clear the memo meanwhile
        if found is _MISSING:
            if len(self._memo) >= RECENT:
                self._memo.clear()
            found = self._memo[key] = compute(q, self)
        return found  # type: ignore[return-value]

    def search(self, q: Question, k: int = 10) -> list[SearchResult]:
        """Search results for the question, computed once per question and size."""
        key = (q.raw, k)
        kept = self._search_cache.get(key)  # read once: a concurrent request may clear the store
        if kept is None:
            if len(self._search_cache) > 256:
                self._search_cache.clear()
            scoped = len(self.doc_ids) < len(self.all_documents)
            # within the documents a question names, their numbers ("NQ 57") say nothing of what it asks, unless it
            # asks what identifies one (its date, issuer, signer): that is printed beside the number
            text = q.raw if not scoped or q.asks_of_the_document else " ".join(without_names(q.raw).split()) or q.raw
            found = self.searcher.run(text, k * 4 if scoped else k)
            kept = self._search_cache[key] = [r for r in found if r.doc in self.doc_ids][:k]
        return kept

    def query_vector(self, q: Question) -> np.ndarray | None:
        if self.searcher.embedder is None:
            return None
        return self.searcher.embedder.encode_query(dense_query(q.raw))

    @cached_property
    def _heading_folded(self) -> dict[tuple[str, str], str]:
        """Every section's heading, folded (:attr:`Folding.TEXT`), by (document, section)."""
        return self._by_section(cached_folded([s.heading for d in self.all_documents for s in d.sections],
                                              self.cache_dir, Folding.TEXT))

    @cached_property
    def implementation_rows(self) -> list[int]:
        """Units of the parts that assign the work to bodies ("Tổ chức thực hiện"): each item begins with a body."""
        def assigns(doc: Document, section_id: str) -> bool:
            while section_id:
                section = doc.section(section_id)
                if IMPLEMENTATION.search(self._heading_folded[(doc.id, section_id)]):
                    return True
                section_id = section.parent or ""
            return False

        return [i for i in self.rows if assigns(self.document(self.units[i].doc), self.units[i].section)]

    def section_units(self, doc: str, section: str) -> list[int]:
        return self._units_by_section.get((doc, section), [])

    @cached_property
    def unit_bigrams(self) -> list[set[str]]:
        return [word_bigrams(text) for text in self._unit_text_folded]

    @cached_property
    def heading_syllables(self) -> list[set[str]]:
        """A unit's syllables with its section's heading's."""
        return [set(text.split()) for text in self._unit_folded]

    @cached_property
    def heading_bigrams(self) -> list[set[str]]:
        return [word_bigrams(text) for text in self._unit_folded]

    def overlap(self, q: Question, row: int, headings: bool = False) -> float:
        """Share of the question's topical syllables (and, in Vietnamese, syllable pairs) found in the unit (with
        its section's heading when ``headings``)."""
        words = q.topic_syllables
        if not words:
            return 0.0
        syllables, bigrams = ((self.heading_syllables, self.heading_bigrams) if headings
                              else (self.unit_syllables, self.unit_bigrams))
        syllable = len(words & syllables[row]) / len(words)
        pairs = q.topic_pairs
        if not pairs:
            return syllable
        return 0.5 * syllable + 0.5 * len(pairs & bigrams[row]) / len(pairs)

    @cached_property
    def _postings(self) -> dict[bool, tuple[dict[str, np.ndarray], dict[str, np.ndarray]]]:
        """For units alone (False) and with their headings (True): the rows each syllable and each pair occurs in."""
        def rows_of(sets: list[set[str]]) -> dict[str, np.ndarray]:
            found: dict[str, list[int]] = {}
            for row, terms in enumerate(sets):
                for term in terms:
                    found.setdefault(term, []).append(row)
            return {term: np.array(rows, dtype=np.int64) for term, rows in found.items()}

        return {False: (rows_of(self.unit_syllables), rows_of(self.unit_bigrams)),
                True: (rows_of(self.heading_syllables), rows_of(self.heading_bigrams))}

    def weighted_overlap(self, q: Question, row: int) -> float:
        """Share of the question's topical syllables and pairs found in the unit, each weighed by its rarity among
        the units (inverse document frequency): holding the question's rare words says more than holding its common
        ones. A Vietnamese word no unit holds weighs most (the question asks of something else); an English word no
        unit holds is left out (it was asked through its Vietnamese terms)."""
        weights = topic_weights(q, self)
        held = self.unit_syllables[row] | self.unit_bigrams[row]
        total = sum(weight for _, weight in weights)
        found = sum(weight for term, weight in weights if term in held)
        return found / total if total else 0.0

    def overlaps(self, q: Question, rows: list[int] | np.ndarray, headings: bool = False) -> np.ndarray:
        """:meth:`overlap` of each of ``rows`` at once (the same arithmetic, so the same values)."""
        words = q.topic_syllables
        if not words:
            return np.zeros(len(rows))
        syllables, bigrams = self._postings[headings]

        def counts(terms: set[str], postings: dict[str, np.ndarray]) -> np.ndarray:
            hits = np.zeros(len(self.units), dtype=np.int64)
            for term in terms:
                if term in postings:
                    hits[postings[term]] += 1
            return hits[rows]

        syllable = counts(words, syllables) / len(words)
        pairs = q.topic_pairs
        if not pairs:
            return syllable
        return 0.5 * syllable + 0.5 * counts(pairs, bigrams) / len(pairs)

    def rank_units(self, q: Question, rows: list[int] | None = None, prior: list[tuple[str, str]] = (),
                   headings: bool = False, limit: int | None = None) -> list[Candidate]:
        """Units (all, or ``rows``) scored by cosine to the question, topical overlap (counting the section's heading
        when ``headings``) and the search's section ranking ``prior`` (best first); the best ``limit`` (or all),
        best first, a tie in the order of ``rows``."""
        rows = self.rows if rows is None else rows
        if not rows:
            return []
        at = np.asarray(rows, dtype=np.int64)
        vector = self.query_vector(q)
        cosines = (self.searcher.index.unit_vectors[at] @ vector if vector is not None
                   else np.zeros(len(at), dtype=np.float32)).astype(np.float64)
        boosts = np.zeros(len(self.units))
        for key, rank in {key: rank for rank, key in enumerate(prior)}.items():
            boosts[self.section_units(*key)] = PRIOR_WEIGHT / (rank + 1)
        overlaps = self.overlaps(q, at, headings)
        scores = cosines + LEXICAL_WEIGHT[q.lang] * overlaps + boosts[at]
        best = np.argsort(-scores, kind="stable")[:limit]
        return [Candidate(row, score, cos, overlap) for row, score, cos, overlap in
                zip(at[best].tolist(), scores[best].tolist(), cosines[best].tolist(), overlaps[best].tolist(),
                    strict=True)]

    def standing(self, ranked: list[Candidate], results: list[SearchResult]) -> list[tuple[float, float]]:
        """Per ranked unit: the reciprocal rank of its section among the search ``results`` (0 when absent), and
        its lead in score over the best other unit (negative for all but the first)."""
        ranks = {(r.doc, r.section): n for n, r in enumerate(results)}
        scores = [c.score for c in ranked]
        out = []
        for n, c in enumerate(ranked):
            u = self.units[c.row]
            at = ranks.get((u.doc, u.section))
            other = max((s for m, s in enumerate(scores) if m != n), default=0.0)
            out.append((0.0 if at is None else 1.0 / (at + 1), c.score - other))
        return out

    def cite_unit(self, row: int) -> Citation:
        u = self.units[row]
        return self.cite(u.doc, u.section, u.start, u.end)

    def cite(self, doc_id: str, section_id: str, start: int | None = None, end: int | None = None) -> Citation:
        """A citation of a section, quoting ``source[start:end]`` (default: the whole section)."""
        doc = self.document(doc_id)
        section = doc.section(section_id)
        start = section.start if start is None else start
        end = section.end if end is None else end
        return Citation(doc=doc_id, section=section_id, title=section.title, quote=doc.source[start:end],
                        start=start, end=end)

    def cite_text(self, doc_id: str, section_id: str, needle: str) -> Citation:
        """A citation quoting ``needle`` where it stands in the section, else the whole section."""
        section = self.document(doc_id).section(section_id)
        at = section.text.find(needle) if needle else -1
        if at < 0:
            return self.cite(doc_id, section_id)
        return self.cite(doc_id, section_id, section.start + at, section.start + at + len(needle))
