"""Chunks: pieces of one section each, never crossing a section boundary, sized in the embedding model's tokens."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.model import Document, Section, Task

MAX_TOKENS = 400  # under the model's 512 with the "passage: " prefix and the title path
OVERLAP_TOKENS = 48
SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class Passage:
    """Exact source text ``doc.source[start:end]`` of one section, and ``embed_text``, what is indexed for it."""

    doc: str
    section: str
    text: str
    start: int
    end: int
    embed_text: str

    @property
    def key(self) -> str:
        """Content hash of what is embedded: an unchanged passage keeps its vector across rebuilds."""
        return hashlib.sha256(self.embed_text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Chunk(Passage):
    """A searchable piece of a section, embedded with the section's title path."""

    title: str


@dataclass(frozen=True)
class Unit(Passage):
    """A sentence or clause of a section — the piece an answer is extracted from."""


def task_text(task: Task) -> str:
    """A table row rebuilt as readable text, broken cells joined; co-ordinating bodies and product when the table
    has those columns."""
    text = (f"Nhiệm vụ {task.number}: {task.text}\nThời hạn hoàn thành: {task.deadline}\n"
            f"Cơ quan chủ trì: {task.lead}")
    if task.coordinating:
        text += f"\nCơ quan phối hợp: {task.coordinating}"
    if task.product:
        text += f"\nSản phẩm: {task.product}"
    return text


def _pieces(section: Section, count_tokens: Callable[[str], int], max_tokens: int) -> list[tuple[int, str]]:
    """(offset in section text, piece) — the whole section when it fits."""
    text = section.text
    if count_tokens(text) <= max_tokens:
        return [(0, text)]
    from langchain_text_splitters import RecursiveCharacterTextSplitter  # here: seconds to import, builds only

    splitter = RecursiveCharacterTextSplitter(chunk_size=max_tokens, chunk_overlap=OVERLAP_TOKENS,
                                              length_function=count_tokens, separators=SEPARATORS,
                                              keep_separator="end", strip_whitespace=True)
    pieces, cursor = [], 0
    for piece in splitter.split_text(text):
        at = text.find(piece, max(0, cursor - len(piece)))
        at = at if at >= 0 else text.find(piece)
        pieces.append((at, piece))
        cursor = at + len(piece)
    return pieces


def chunk_document(doc: Document, count_tokens: Callable[[str], int], max_tokens: int = MAX_TOKENS) -> list[Chunk]:
    """Every section of ``doc`` cut into chunks whose embedded text is prefixed by the section's title path."""
    tasks = {t.section: t for t in doc.tasks}
    chunks = []
    for section in doc.sections:
        task = tasks.get(section.id)
        if task is not None:
            chunks.append(Chunk(doc.id, section.id, section.text, section.start, section.end,
                                f"{section.title}\n{task_text(task)}", section.title))
            continue
        for offset, piece in _pieces(section, count_tokens, max_tokens):
            start = section.start + offset
            chunks.append(Chunk(doc.id, section.id, piece, start, start + len(piece), f"{section.title}\n{piece}",
                                section.title))
    return chunks


_BOUNDARY = re.compile(r"[.;:](?=\s)|\n")
MIN_UNIT_CHARS = 12


def split_units(doc: Document) -> list[Unit]:
    """Sentences and ";"-clauses of every section (a task row is one unit), with their context for embedding."""
    tasks = {t.section: t for t in doc.tasks}
    units = []
    for section in doc.sections:
        context = section.title.split(" > ")[-1]
        task = tasks.get(section.id)
        if task is not None:
            units.append(Unit(doc.id, section.id, section.text, section.start, section.end,
                              f"{section.title}\n{task_text(task)}"))
            continue
        pos = 0
        for m in [*_BOUNDARY.finditer(section.text), None]:
            if m and m.group(0) == "\n" and section.text[m.end():].lstrip()[:1].islower():
                continue  # a line the PDF broke mid-sentence
            end = m.end() if m else len(section.text)
            raw = section.text[pos:end]
            text = raw.strip()
            if len(text) >= MIN_UNIT_CHARS:
                start = section.start + pos + (len(raw) - len(raw.lstrip()))
                units.append(Unit(doc.id, section.id, text, start, start + len(text), f"{context}\n{text}"))
            pos = end
    return units
