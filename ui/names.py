"""What the page calls documents and sections: a document's short name and its full reference in Vietnamese
citation style, a section in words (ingest's :func:`ingest.labels.section_label`), a section's kind for the search
filter. Everything is read from the document model."""

from __future__ import annotations

from ingest.labels import section_label as _section_label
from ingest.model import Document, SectionKind

# The search filter's kinds of section, each the SectionKind values it covers; "target" is a section that holds a
# target of the document, whatever its numbering.
SEARCH_KINDS = {
    "task": (SectionKind.TABLE_ROW,),
    "group": (SectionKind.TABLE_GROUP,),
    "article": (SectionKind.ARTICLE, SectionKind.CLAUSE, SectionKind.POINT),
}


def short_name(doc: Document) -> str:
    """What a reader calls the document: its number ("20-CTr/TU"), else its id."""
    return doc.metadata.number or doc.id


def full_reference(doc: Document) -> str:
    """Vietnamese citation style: "Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của Ban Thường vụ Thành ủy"."""
    m = doc.metadata
    parts = [f"{m.kind} số {m.number}" if m.kind and m.number else m.number or doc.id]
    if m.date:
        year, month, day = (int(p) for p in m.date.split("-"))
        parts.append(f"ngày {day}/{month}/{year}")
    if m.issuer:
        parts.append(f"của {m.issuer}")
    return " ".join(parts)


def section_label(doc: Document, section_id: str, lang: str = "vi") -> str:
    """A section in words: "PL.22" → "Phụ lục, nhiệm vụ 22", "II.2.(7)" → "Mục II.2, chỉ tiêu (7)"."""
    try:
        return _section_label(doc.section(section_id), doc.sections, lang)
    except KeyError:
        return section_id


def section_kind(doc: Document, section_id: str) -> str:
    """The search filter's kind of a section: task, group, article, target or section."""
    if any(t.section == section_id for t in doc.targets):
        return "target"
    try:
        kind = doc.section(section_id).kind
    except KeyError:
        return "section"
    return next((name for name, kinds in SEARCH_KINDS.items() if kind in kinds), "section")
