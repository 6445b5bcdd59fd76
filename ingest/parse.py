"""Text → :class:`Document`: outline, records and metadata. Pure: no file access."""

from __future__ import annotations

from pathlib import PurePath

from ingest.doc_numbers import kind_of_number, number_from_filename
from ingest.figures import parse_targets
from ingest.metadata import read_metadata, with_field
from ingest.model import Document, Metadata, MetadataOrigin
from ingest.outline import paragraph_sections, parse_outline
from ingest.records import parse_definitions, parse_responsibilities
from ingest.references import find_references
from ingest.sidecar import Sidecar, apply_sidecar
from ingest.tasks import parse_tasks


def complete_metadata(meta: Metadata, path: str, sidecar: Sidecar | None = None) -> Metadata:
    """What the text says, then the sidecar's values, then the number the file name carries, then the kind the
    number's code says ("57-NQ/TW" → Nghị quyết)."""
    if sidecar is not None:
        meta = apply_sidecar(meta, sidecar)
    if not meta.number:
        from_name = number_from_filename(PurePath(path).stem)
        if from_name:
            meta = with_field(meta, "number", from_name, MetadataOrigin.FILENAME)
    coded = kind_of_number(meta.number) if not meta.kind else None
    if coded is not None:
        meta = with_field(meta, "kind", coded.name, meta.origin("number") or MetadataOrigin.FILENAME,
                          meta.span("number"))
    return meta


def parse_document(source: str, path: str, sha256: str, sidecar: Sidecar | None = None) -> Document:
    """Parse one document. Its id is its number as printed ("57-NQ/TW"), else the sidecar's, else one its file name
    carries ("198-2025-QH15.txt" → "198/2025/QH15"), else the file name stem."""
    sections = parse_outline(source) or paragraph_sections(source)
    if not sections:
        raise ValueError("no text to ingest")
    metadata = complete_metadata(read_metadata(source, sections), path, sidecar)
    doc_id = metadata.number or PurePath(path).stem
    tasks = parse_tasks(sections)
    table_bodies = [a.name for t in tasks for a in (*t.agencies, *t.co_agencies) if not a.generic]
    return Document(id=doc_id, path=path, sha256=sha256, source=source, metadata=metadata, sections=sections,
                    tasks=tasks, targets=parse_targets(sections),
                    references=find_references(sections, own_id=doc_id),
                    definitions=parse_definitions(sections),
                    responsibilities=parse_responsibilities(sections, table_bodies))
