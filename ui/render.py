"""HTML for answers, citations, source passages and document trees.

Every piece of document or user text goes through :func:`html.escape` here, so a corpus file holding ``<script>``
or ``<img onerror=…>`` renders as inert text. Nothing else in the UI builds HTML.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from ingest.model import Corpus, Document, Section
from qa.answer import Answer, Citation

NOT_FOUND = "Not found in the documents"
QUOTE_PREVIEW_CHARS = 400


def _one_line(text: str, limit: int = 0) -> str:
    """Table cells joined with " · ", whitespace collapsed, optionally cut to ``limit`` characters."""
    text = " ".join(re.sub(r"\s*\t\s*", " · ", text).split())
    return text if not limit or len(text) <= limit else text[:limit].rstrip() + "…"


def answer_html(answer: Answer) -> str:
    """The answer in large type, or the abstention stated plainly."""
    meta = f"{len(answer.citations)} citation(s) · {answer.latency_ms:.0f} ms"
    if answer.abstained:
        return (f'<div class="planqa-answer planqa-abstained"><div class="planqa-answer-text">{NOT_FOUND}</div>'
                f'<div class="planqa-answer-note">{escape(answer.answer)}</div>'
                f'<div class="planqa-meta">{meta}</div></div>')
    return (f'<div class="planqa-answer"><div class="planqa-answer-text">{escape(answer.answer)}</div>'
            f'<div class="planqa-meta">{meta}</div></div>')


def prompt_html() -> str:
    return '<div class="planqa-answer"><div class="planqa-meta">Type a question above, in Vietnamese or English. · ' \
           'Hãy nhập câu hỏi.</div></div>'


def citations_html(answer: Answer) -> str:
    """Numbered citations: section id, document, title path and quote; "closest sections" for an abstention."""
    if not answer.citations:
        return ""
    heading = "Closest sections" if answer.abstained else "Sources"
    items = "".join(
        f'<li><span class="planqa-sec">{escape(c.section)}</span> <span class="planqa-doc">{escape(c.doc)}</span>'
        f' <span class="planqa-title">{escape(c.title)}</span>'
        f'<blockquote>{escape(_one_line(c.quote, QUOTE_PREVIEW_CHARS))}</blockquote></li>'
        for c in answer.citations)
    return f'<div class="planqa-citations"><h4>{heading}</h4><ol>{items}</ol></div>'


def citation_label(n: int, citation: Citation) -> str:
    """A short choice label: "[1] PL.22 · III. Nhóm nhiệm vụ …"."""
    last = citation.title.split(" > ")[-1]
    return f"[{n}] {citation.section} · {_one_line(last, 80)}"


def source_html(doc: Document, citation: Citation) -> str:
    """The cited section's text as printed, with the quote marked; the span widens to cover the quote if needed."""
    section = doc.section(citation.section)
    start, end = min(section.start, citation.start), max(section.end, citation.end)
    before = doc.source[start:citation.start]
    quote = doc.source[citation.start:citation.end]
    after = doc.source[citation.end:end]
    return (f'<div class="planqa-source-head"><span class="planqa-sec">{escape(section.id)}</span> '
            f'<span class="planqa-doc">{escape(doc.id)}</span> <span class="planqa-title">{escape(section.title)}'
            f'</span></div><div class="planqa-source">{escape(before)}<mark>{escape(quote)}</mark>'
            f'{escape(after)}</div>')


def _section_html(section: Section, children: dict[str | None, list[Section]], open_: bool) -> str:
    label = section.heading or section.title or section.id
    body = section.body
    inner = (f'<div class="planqa-section-text">{escape(body)}</div>' if body else "") + "".join(
        _section_html(child, children, False) for child in children.get(section.id, []))
    return (f'<details{" open" if open_ else ""}><summary><span class="planqa-sec">{escape(section.id)}</span> '
            f'{escape(_one_line(label, 200))}</summary>{inner}</details>')


def document_html(doc: Document) -> str:
    """What identifies the document, then its section tree (top level open, deeper levels folded)."""
    m = doc.metadata
    facts = [("Number", m.number), ("Kind", m.kind), ("Date", m.date_text or m.date), ("Issuer", m.issuer),
             ("Signed by", " ".join(p for p in (m.signer_title, m.signer) if p)), ("Implements", m.implements),
             ("File", Path(doc.path).name),
             ("Contents", f"{len(doc.sections)} sections, {len(doc.targets)} targets, {len(doc.tasks)} tasks")]
    rows = "".join(f"<tr><th>{name}</th><td>{escape(value)}</td></tr>" for name, value in facts if value)
    children: dict[str | None, list[Section]] = {}
    for s in doc.sections:
        children.setdefault(s.parent, []).append(s)
    tree = "".join(_section_html(s, children, True) for s in children.get(None, []))
    title = f"<h3>{escape(m.title)}</h3>" if m.title else ""
    return f'<div class="planqa-document">{title}<table class="planqa-facts">{rows}</table>' \
           f'<div class="planqa-tree">{tree}</div></div>'


def empty_corpus_html() -> str:
    return "<p>No documents in the corpus folder. · Chưa có văn bản nào.</p>"


def skipped_files_html(corpus: Corpus) -> str:
    """Files of the corpus folder that could not be ingested, and why."""
    if not corpus.errors:
        return ""
    items = "".join(f"<li>{escape(Path(e.path).name)}: {escape(e.reason)}</li>" for e in corpus.errors)
    return f'<div class="planqa-skipped"><h4>Skipped files</h4><ul>{items}</ul></div>'


CSS = """
.planqa-answer { padding: 14px 18px; border-radius: 10px; border: 1px solid var(--border-color-primary);
  background: var(--background-fill-secondary); }
.planqa-answer-text { font-size: 1.35em; font-weight: 600; line-height: 1.45; }
.planqa-abstained { border-left: 5px solid #d97706; }
.planqa-answer-note, .planqa-meta { margin-top: 6px; }
.planqa-meta { font-size: .85em; color: var(--body-text-color-subdued); }
.planqa-citations h4 { margin-top: 0; }
.planqa-citations ol { padding-left: 1.4em; }
.planqa-citations li { margin: 6px 0; }
.planqa-citations blockquote { margin: 4px 0 0; padding-left: 10px; border-left: 3px solid var(--color-accent);
  color: var(--body-text-color); }
.planqa-sec { font-family: var(--font-mono); font-weight: 600; padding: 0 5px; border-radius: 4px;
  background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.planqa-doc, .planqa-title { color: var(--body-text-color); opacity: .75; font-size: .9em; }
.planqa-table td, .planqa-table th, .planqa-table input { font-family: var(--font) !important; }
.planqa-source { white-space: pre-wrap; tab-size: 4; max-height: 420px; overflow-y: auto; margin-top: 8px;
  padding: 10px 14px; border: 1px solid var(--border-color-primary); border-radius: 8px; line-height: 1.55; }
.planqa-source mark { background: #ffe58a; color: #000; padding: 1px 0; }
.planqa-facts th { text-align: left; padding-right: 14px; font-weight: 600; vertical-align: top; }
.planqa-tree details { margin: 2px 0 2px 14px; }
.planqa-tree summary { cursor: pointer; padding: 2px 0; }
.planqa-section-text { white-space: pre-wrap; tab-size: 4; margin: 4px 0 8px 18px; line-height: 1.5; }
"""
