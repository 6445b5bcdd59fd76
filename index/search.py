"""Search: BM25 and dense rankings fused, exact ids and numbers in the query honoured, one result per section."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

import numpy as np

from index.dense import Embedder, search_vectors
from index.lexical import bm25_scores
from index.lexicon import expand_english
from index.numbering import numbers as item_numbers
from index.store import Index
from index.tokenize import DOC_NUMBER, detect_language, expand_abbreviations, fold
from ingest.agencies import canonical_text

RRF_K = 60
CANDIDATES = 50
EXACT_BONUS = 100.0  # above any fused score: an id the user typed comes first
RECENT = 512  # queries whose ranked sections a searcher keeps (an answer searches its question several times)
# Share of the lexical ranker in score fusion, by how the query is written: BM25 is strongest on Vietnamese typed
# without diacritics (the embedding model is weakest there), the dense model on English.
LEXICAL_WEIGHT = {"vi": 0.5, "vi_unmarked": 0.7, "en": 0.5}


def dense_query(query: str) -> str:
    """What the embedding model sees: an English query carries its Vietnamese terms too (the lexicon), which the
    multilingual model matches far better than the English alone."""
    if detect_language(query) != "en":
        return query
    terms = expand_english(query)
    return f"{query} ({'; '.join(terms)})" if terms else query


def query_style(query: str) -> str:
    """"vi", "vi_unmarked" (Vietnamese typed without diacritics) or "en"."""
    lang = detect_language(query)
    if lang == "vi" and fold(query) == query:
        return "vi_unmarked"
    return lang



def plain_query(query: str) -> str:
    """Folded, lowercase, tone marks normalised, punctuation left where it stands: what id patterns match on."""
    return fold(canonical_text(query).lower())


class Fusion(Enum):
    """How the two rankings are combined."""

    RRF = "rrf"  # reciprocal rank fusion
    SCORE = "score"  # relative score fusion: each ranker's scores scaled to [0, 1], weighted by the query's language


class SearchMode(Enum):
    """Which rankings are used."""

    HYBRID = "hybrid"
    BM25 = "bm25"
    DENSE = "dense"


@dataclass(frozen=True)
class SearchResult:
    """One section that matches, with the best-matching chunk's text and span."""

    doc: str
    section: str
    title: str
    score: float
    text: str
    start: int
    end: int


def exact_sections(query: str, index: Index, lowered: list[str] | None = None) -> list[str]:
    """Section ids the query names outright: "nhiệm vụ 22" / "task 22" → PL.22, "chỉ tiêu (8)" → II.2.(8),
    a document number → the sections that mention it. ``lowered``: the chunks' texts in lowercase, when at hand."""
    folded = plain_query(query)
    wanted = ([f"PL.{n}" for n in item_numbers("task", folded)]
              + [f"II.2.({n})" for n in item_numbers("target", folded)])
    found = [s for s in dict.fromkeys(wanted) if s in index.chunk_rows]
    numbers = DOC_NUMBER.findall(query)
    if numbers and lowered is None:
        lowered = [c.text.lower() for c in index.chunks]
    for number in numbers:
        needle = number.lower()
        found += [c.section for c, text in zip(index.chunks, lowered, strict=True)
                  if needle in text and c.section not in found]
    return found


class Searcher:
    """Hybrid search over an :class:`Index`: ``run(query, k)`` → results best first."""

    def __init__(self, index: Index, embedder: Embedder | None, mode: SearchMode = SearchMode.HYBRID,
                 fusion: Fusion = Fusion.SCORE, rrf_k: int = RRF_K) -> None:
        if mode is not SearchMode.BM25 and embedder is None:
            raise ValueError(f"{mode.value} search needs an embedding model")
        self.index = index
        self.embedder = embedder
        self.mode = mode
        self.fusion = fusion
        self.rrf_k = rrf_k
        self._recent: dict[tuple[str, SearchMode, str | None], list[tuple[float, int]]] = {}

    @cached_property
    def _lowered(self) -> list[str]:
        return [c.text.lower() for c in self.index.chunks]

    def _rankings(self, query: str, mode: SearchMode) -> list[tuple[float, list[tuple[int, float]]]]:
        """(weight, [(chunk row, score)] best first) for each ranker in use."""
        rankings = []
        lexical_weight = LEXICAL_WEIGHT[query_style(query)]
        if mode is not SearchMode.DENSE:
            scores = bm25_scores(self.index.bm25, query)
            top = np.argsort(-scores)[:CANDIDATES]
            rankings.append((lexical_weight, [(int(i), float(scores[i])) for i in top if scores[i] > 0]))
        if mode is not SearchMode.BM25:
            if self.embedder is None:
                raise ValueError(f"{mode.value} search needs an embedding model")
            hits = search_vectors(self.index.vector_index, self.embedder.encode_query(dense_query(query)), CANDIDATES)
            rankings.append((1.0 - lexical_weight, hits))
        return rankings

    def _fuse(self, rankings: list[tuple[float, list[tuple[int, float]]]]) -> dict[int, float]:
        fused: dict[int, float] = {}
        if len(rankings) == 1:  # one ranker: its own scores
            return {row: score for row, score in rankings[0][1]}
        for weight, ranking in rankings:
            if not ranking:
                continue
            if self.fusion is Fusion.RRF:
                for rank, (row, _) in enumerate(ranking):
                    fused[row] = fused.get(row, 0.0) + 1.0 / (self.rrf_k + rank + 1)
                continue
            top, low = ranking[0][1], ranking[-1][1]
            span = (top - low) or 1.0
            for row, score in ranking:
                fused[row] = fused.get(row, 0.0) + weight * (score - low) / span
        return fused

    def run(self, query: str, k: int = 10, mode: SearchMode | None = None,
            doc: str | None = None) -> list[SearchResult]:
        """The ``k`` best sections for ``query`` (of document ``doc`` only, when given). ``mode`` overrides the
        searcher's own: ``SearchMode.BM25`` never loads the embedding model."""
        if not query.strip() or not self.index.chunks:
            return []
        key = (query, mode or self.mode, doc)
        ranked = self._recent.get(key)
        if ranked is None:  # kept in a local: another request may clear the dictionary meanwhile
            if len(self._recent) >= RECENT:
                self._recent.clear()
            ranked = self._recent[key] = self._ranked(expand_abbreviations(query), mode or self.mode, doc)
        return [SearchResult(doc=c.doc, section=c.section, title=c.title, score=round(score, 6), text=c.text,
                             start=c.start, end=c.end)
                for score, c in ((s, self.index.chunks[r]) for s, r in ranked[:k])]

    def _ranked(self, query: str, mode: SearchMode, doc: str | None) -> list[tuple[float, int]]:
        """(score, chunk row) of the best chunk of every matching section, best first."""
        fused = self._fuse(self._rankings(query, mode))
        best: dict[str, tuple[float, int]] = {}
        for row, score in fused.items():
            if doc is not None and self.index.chunks[row].doc != doc:
                continue
            key = f"{self.index.chunks[row].doc}\x00{self.index.chunks[row].section}"
            if key not in best or score > best[key][0]:
                best[key] = (score, row)
        for n, section in enumerate(exact_sections(query, self.index, self._lowered)):
            rows = [i for i in self.index.chunk_rows[section] if doc in (None, self.index.chunks[i].doc)]
            for row in rows[:1]:
                c = self.index.chunks[row]
                key = f"{c.doc}\x00{c.section}"
                base = best[key][0] if key in best else 0.0
                best[key] = (base + EXACT_BONUS - n * 1e-3, best[key][1] if key in best else row)
        return sorted(best.values(), key=lambda sr: -sr[0])
