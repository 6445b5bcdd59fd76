"""The naive pipeline a user would assemble in an afternoon, as a retrieval baseline.

Each document's raw source is cut with langchain's ``RecursiveCharacterTextSplitter(chunk_size=800,
chunk_overlap=100)``, chunks are embedded with the same :class:`Embedder` as planqa and searched with an exact FAISS
inner-product index. No structure, no BM25, no title paths. For scoring, a chunk is attributed to the section that
holds most of its characters (sections' own spans do not overlap), so a chunk counts for the section it is mostly about.
"""

from __future__ import annotations

from dataclasses import dataclass

import faiss
from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.dense import Embedder, search_vectors
from ingest.model import Corpus, Document

CHUNK_SIZE = 800
CHUNK_OVERLAP = 100
CANDIDATES = 50  # chunks fetched per query before collapsing them to distinct sections


@dataclass(frozen=True)
class BaselineChunk:
    doc: str
    section: str
    start: int
    text: str


def section_at(doc: Document, start: int, end: int | None = None) -> str:
    """The section holding most of ``[start, end)`` (default: the one character at ``start``); in a gap, the last
    section before it."""
    end = start + 1 if end is None else end
    overlaps = [(min(end, s.end) - max(start, s.start), s.id) for s in doc.sections]
    best = max(overlaps, default=(0, ""))
    if best[0] > 0:
        return best[1]
    before = [s for s in doc.sections if s.start <= start]
    if before:
        return max(before, key=lambda s: s.start).id
    return doc.sections[0].id if doc.sections else ""


def split_corpus(corpus: Corpus) -> list[BaselineChunk]:
    """Fixed-size character chunks of every document's source, each attributed to a section."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
                                              add_start_index=True)
    chunks = []
    for doc in corpus.documents:
        for piece in splitter.create_documents([doc.source]):
            start = piece.metadata["start_index"]
            start = start if start >= 0 else max(doc.source.find(piece.page_content), 0)
            end = start + len(piece.page_content)
            chunks.append(BaselineChunk(doc.id, section_at(doc, start, end), start, piece.page_content))
    return chunks


class Baseline:
    """Dense-only search over naive chunks: ``search(query, k)`` → distinct (doc, section), best first."""

    def __init__(self, corpus: Corpus, embedder: Embedder) -> None:
        self.chunks = split_corpus(corpus)
        self.embedder = embedder
        self.index = faiss.IndexFlatIP(embedder.encode_query("").shape[0])
        if self.chunks:
            self.index.add(embedder.encode_passages([c.text for c in self.chunks]))

    def search(self, query: str, k: int = 10) -> list[tuple[str, str]]:
        ranked: list[tuple[str, str]] = []
        for row, _ in search_vectors(self.index, self.embedder.encode_query(query), CANDIDATES):
            key = (self.chunks[row].doc, self.chunks[row].section)
            if key not in ranked:
                ranked.append(key)
            if len(ranked) == k:
                break
        return ranked
