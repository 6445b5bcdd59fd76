"""Text → :class:`Document`: outline, records and metadata. Pure: no file access."""

from __future__ import annotations

from pathlib import PurePath

from ingest.figures import parse_targets
from ingest.metadata import read_metadata
from ingest.model import Document
from ingest.outline import paragraph_sections, parse_outline
from ingest.records import parse_definitions, parse_responsibilities
from ingest.references import find_references
from ingest.tasks import parse_tasks


def parse_document(source: str, path: str, sha256: str) -> Document:
    """Parse one document; its id is its own number ("20-CTr/TU") when it states one, else the file name stem."""
    sections = parse_outline(source) or paragraph_sections(source)
    if not sections:
        raise ValueError("no text to ingest")
    metadata = read_metadata(source, sections)
    doc_id = metadata.number or PurePath(path).stem
    tasks = parse_tasks(sections)
    table_bodies = [a.name for t in tasks for a in (*t.agencies, *t.co_agencies) if not a.generic]
    return Document(id=doc_id, path=path, sha256=sha256, source=source, metadata=metadata, sections=sections,
                    tasks=tasks, targets=parse_targets(sections),
                    references=find_references(sections, own_id=doc_id),
                    definitions=parse_definitions(sections),
                    responsibilities=parse_responsibilities(sections, table_bodies))
