"""HTML for the answer card, citations and sources, search results, documents and tables.

Every piece of document or user text goes through :func:`html.escape` here (via :func:`_text`), so a corpus file
holding ``<script>`` or ``<img onerror=…>`` renders as inert text. Nothing else in the UI builds HTML except
:mod:`ui.charts`, which escapes the same way.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from index.search import SearchResult
from index.tokenize import fold
from ingest.model import Corpus, Document, Section
from qa.answer import Answer, AnswerItem, Citation
from ui import names
from ui.i18n import Lang, t
from ui.tables import TargetRow, TaskRow

QUOTE_PREVIEW_CHARS = 300
ITEM_TITLE_CHARS = 110
CELL_SEPARATOR = "\t"


def _text(text: str) -> str:
    """Document text for display: escaped, without the ``**`` emphasis marks converted files carry."""
    return escape(text.replace("**", ""))


def _one_line(text: str, limit: int = 0) -> str:
    """Table cells joined with " · ", whitespace collapsed, optionally cut at a word boundary before ``limit``."""
    text = " ".join(re.sub(r"\s*\t\s*", " · ", text.replace("**", "")).split())
    return cut(text, limit) if limit else text


def cut(text: str, limit: int) -> str:
    """``text`` cut at the last word boundary before ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:.-–") + "…"


def anchor(doc_id: str, section_id: str | None = None) -> str:
    """The element id of a document (or one of its sections) in the Documents tab."""
    key = doc_id if section_id is None else f"{doc_id}~{section_id}"
    return "d-" + re.sub(r"[^0-9A-Za-z_-]", lambda m: f"_{ord(m.group(0)):x}", key)


def ask_link(question: str, lang: Lang, doc: str = "") -> str:
    """The relative link that opens the Ask view with ``question`` answered."""
    params = {"q": question} | ({"doc": doc} if doc else {}) | ({"lang": "en"} if lang == Lang.EN else {})
    return "?" + urlencode(params)


# ---- the answer card ----------------------------------------------------------------------------------------------

def prompt_html(lang: Lang) -> str:
    return f'<div class="pq-card pq-prompt"><p class="pq-meta">{t("prompt", lang)}</p></div>'


def _numbered(answer: Answer) -> list[tuple[int, Citation]]:
    """The citations shown, numbered 1… in reading order: each part's own for a two-part answer (the whole
    answer's are theirs combined), else the answer's."""
    cites = [c for p in answer.parts for c in p.citations] if answer.parts else list(answer.citations)
    return list(enumerate(cites, 1))


def _cite_attrs(n: int, c: Citation) -> str:
    return f'data-cite="{n}" data-doc="{escape(c.doc)}" data-section="{escape(c.section)}"'


def _marker(n: int, c: Citation, lang: Lang) -> str:
    return (f'<button type="button" class="pq-marker" {_cite_attrs(n, c)} '
            f'aria-label="{t("copy_source", lang)} {n}">{n}</button>')


def _doc_and_section(corpus: Corpus, c: Citation, lang: Lang) -> tuple[Document | None, str]:
    try:
        doc = corpus.document(c.doc)
    except KeyError:
        return None, c.section
    return doc, names.section_label(doc, c.section, lang)


def _citation_item(corpus: Corpus, n: int, c: Citation, lang: Lang) -> str:
    doc, where = _doc_and_section(corpus, c, lang)
    name = names.short_name(doc) if doc else c.doc
    return (f'<li><button type="button" class="pq-cite" {_cite_attrs(n, c)} aria-expanded="false">'
            f'<span class="pq-num">{n}</span> <span class="pq-cite-doc">{escape(name)}</span> · '
            f'<span class="pq-cite-sec">{escape(where)}</span></button>'
            f'<blockquote>{escape(_one_line(c.quote, QUOTE_PREVIEW_CHARS))}</blockquote></li>')


def _citation_list(corpus: Corpus, numbered: list[tuple[int, Citation]], lang: Lang, heading: str) -> str:
    if not numbered:
        return ""
    items = "".join(_citation_item(corpus, n, c, lang) for n, c in numbered)
    return f'<div class="pq-citations"><h3>{heading}</h3><ol>{items}</ol></div>'


def _item_html(item: AnswerItem, numbered: list[tuple[int, Citation]], lang: Lang) -> str:
    marker = _marker(*numbered[item.citation], lang) if 0 <= item.citation < len(numbered) else ""
    value = f' <span class="pq-item-value">{escape(item.value)}</span>' if item.value else ""
    note = item.note.strip()
    colead = (f' <span class="pq-colead">{escape(t("co_lead", lang) if "đồng" in note or "co-" in note else note)}'
              f'</span>') if note else ""
    return (f'<li><span class="pq-item-no">{escape(item.number)}</span>'
            f'<span class="pq-item-body"><span class="pq-item-title">{escape(cut(item.title, ITEM_TITLE_CHARS))}'
            f'</span>{value}{colead} {marker}</span></li>')


def _verdict_html(answer: Answer, lang: Lang) -> str:
    if answer.verdict is None:
        return ""
    key, css = ("verdict_true", "pq-true") if answer.verdict else ("verdict_false", "pq-false")
    return f'<div class="pq-verdict {css}" role="status">{t(key, lang)}</div>'


def _body_html(answer: Answer, numbered: list[tuple[int, Citation]], lang: Lang) -> str:
    """The answer text (a verdict first), its markers, and its items as a numbered list."""
    own = numbered[: len(answer.citations)]
    markers = "" if answer.items else " ".join(_marker(n, c, lang) for n, c in own)
    # a list answer's text is "<count> …: <items>" (qa's frame): its head here, the items as a list below
    text = escape(answer.answer.split(": ", 1)[0] if answer.items else answer.answer)
    items = "".join(_item_html(i, own, lang) for i in answer.items)
    return (f'{_verdict_html(answer, lang)}<p class="pq-answer-text">{text} {markers}</p>'
            + (f'<ol class="pq-items">{items}</ol>' if items else ""))


def copy_text(answer: Answer, corpus: Corpus, lang: Lang) -> str:
    """The answer, then each source in Vietnamese citation style with its quote: what a journalist pastes."""
    lines = [answer.answer]
    for n, c in _numbered(answer):
        doc, where = _doc_and_section(corpus, c, lang)
        reference = f"{names.full_reference(doc)}, {where}" if doc else f"{c.doc}, {c.section}"
        lines.append(f"[{n}] {reference}: “{_one_line(c.quote)}”")
    return "\n".join(lines)


def _source_rows(doc: Document, section: Section) -> list[str] | None:
    """The column headers of a table row section (the appendix's header row), when its text is one such row."""
    cells = section.text.strip().split(CELL_SEPARATOR)
    if len(cells) < 2 or "\n" in section.text.strip():
        return None
    parent = section.parent
    while parent is not None:
        owner = doc.section(parent)
        for line in reversed(owner.text.splitlines()):
            heads = line.split(CELL_SEPARATOR)
            if len(heads) == len(cells) and all(h.strip() for h in heads) and not heads[0].strip().isdigit() \
                    and not re.fullmatch(r"[IVXLC]+", heads[0].strip()):
                return [h.strip() for h in heads]
        parent = owner.parent
    return None


def _marked(source: str, start: int, end: int, quote_start: int, quote_end: int) -> str:
    """``source[start:end]`` escaped, the part inside the quote's span in a <mark>."""
    a, b = max(start, quote_start), min(end, quote_end)
    if a >= b:
        return _text(source[start:end])
    return f"{_text(source[start:a])}<mark>{_text(source[a:b])}</mark>{_text(source[b:end])}"


def source_html(doc: Document, citation: Citation, lang: Lang, n: int = 1) -> str:
    """The cited section as printed with the quote marked; a table row under its column headers."""
    section = doc.section(citation.section)
    head = (f'<div class="pq-source-head"><span class="pq-num">{n}</span> <strong>{escape(names.short_name(doc))}'
            f'</strong> · {escape(names.section_label(doc, section.id, lang))}'
            f'<div class="pq-source-ref">{escape(names.full_reference(doc))}</div>'
            f'<div class="pq-source-title">{_text(section.title)}</div></div>')
    headers = _source_rows(doc, section)
    if headers:
        cells, pos = [], section.start + len(section.text) - len(section.text.lstrip())
        for column, cell in zip(headers, section.text.strip().split(CELL_SEPARATOR), strict=True):
            cells.append(f'<td data-label="{escape(column)}">'
                         f'{_marked(doc.source, pos, pos + len(cell), citation.start, citation.end)}</td>')
            pos += len(cell) + 1
        ths = "".join(f'<th scope="col">{_text(h)}</th>' for h in headers)
        body = f'<table class="pq-row-table"><thead><tr>{ths}</tr></thead><tbody><tr>{"".join(cells)}</tr></tbody>' \
               f'</table>'
        if not any("<mark>" in c for c in cells):
            body += f'<div class="pq-source-text"><mark>{_text(citation.quote)}</mark></div>'
    else:
        start, end = min(section.start, citation.start), max(section.end, citation.end)
        body = f'<div class="pq-source-text">{_marked(doc.source, start, end, citation.start, citation.end)}</div>'
    return (f'<div class="pq-source" data-cite="{n}" data-doc="{escape(doc.id)}" '
            f'data-section="{escape(section.id)}" hidden>{head}{body}'
            f'<a class="pq-open-doc" href="#{anchor(doc.id, section.id)}">{t("open_in_documents", lang)}</a></div>')


def answer_html(answer: Answer, corpus: Corpus, lang: Lang, open_doc: str = "") -> str:
    """The answer card: the answer with numbered markers, its list or verdict, its parts with their own citations,
    the numbered sources, copy buttons; beside it (below on a phone) the sources, opened by a click, or at once for
    the first citation of ``open_doc``. An abstention lists the closest sections qa kept (only those near enough,
    ``qa.settings.QASettings.closest_min_probability``)."""
    numbered = _numbered(answer)
    if answer.abstained:
        main = (f'<p class="pq-answer-text">{t("not_found", lang)}</p>'
                + _citation_list(corpus, numbered, lang, t("closest", lang)))
    elif answer.parts:
        main, offset = "", 0
        for k, part in enumerate(answer.parts, 1):
            own = numbered[offset: offset + len(part.citations)]
            offset += len(part.citations)
            main += (f'<section class="pq-part" aria-label="({k})"><span class="pq-part-no">({k})</span>'
                     f'{_body_html(part, own, lang)}'
                     f'{_citation_list(corpus, own, lang, t("sources", lang))}</section>')
    else:
        main = _body_html(answer, numbered, lang) + _citation_list(corpus, numbered, lang, t("sources", lang))
    sources = "".join(source_html(corpus.document(c.doc), c, lang, n) for n, c in numbered
                      if any(d.id == c.doc for d in corpus.documents))
    meta = t("meta", lang, n=len(numbered), ms=f"{answer.latency_ms:.0f}")
    state = " pq-abstained" if answer.abstained else ""
    tools = (f'<div class="pq-tools"><button type="button" class="pq-copy" '
             f'data-copy="{escape(copy_text(answer, corpus, lang))}">{t("copy_answer", lang)}</button>'
             f'<button type="button" class="pq-copy-link" data-link="{escape(ask_link(answer.question, lang))}">'
             f'{t("copy_link", lang)}</button><span class="pq-copied" role="status" aria-live="polite"></span></div>')
    hint = f'<p class="pq-source-hint">{t("source_hint", lang)}</p>' if sources else ""
    opened = next((n for n, c in numbered if open_doc and c.doc == open_doc), 0)
    return (f'<div class="pq-card{state}" lang="{answer.lang or lang.value}" data-open="{opened}" '
            f'data-question="{escape(answer.question)}"><div class="pq-main" aria-live="polite">{main}'
            f'<p class="pq-meta">{meta}</p>{tools}</div>'
            f'<aside class="pq-sources" aria-label="{t("sources", lang)}">{hint}{sources}</aside></div>')


def examples_html(questions: list[str], lang: Lang) -> str:
    links = "".join(f'<li><a href="{escape(ask_link(q, lang))}">{escape(q)}</a></li>' for q in questions)
    return (f'<nav class="pq-examples" aria-label="{t("examples", lang)}"><h3>{t("examples", lang)}</h3>'
            f'<ul>{links}</ul></nav><nav class="pq-recent" aria-label="{t("recent", lang)}" '
            f'data-lang="{lang.value}"><h3>{t("recent", lang)}</h3><ul></ul></nav>')


def header_html(corpus: Corpus, targets: int, tasks: int, lang: Lang, ready: bool = False) -> str:
    """Title, counts and the language switch; ``ready`` once the page has been set for its address."""
    other = Lang.VI if lang == Lang.EN else Lang.EN
    return (f'<header class="pq-header"{" data-ready=1" if ready else ""}><div><h1>{t("title", lang)}</h1><p>'
            f'{t("subtitle", lang, docs=len(corpus.documents), targets=targets, tasks=tasks)}</p></div>'
            f'<a class="pq-lang" href="?lang={other.value}" data-lang="{other.value}" hreflang="{other.value}" '
            f'aria-label="{t("switch_label", lang)}">{t("switch", lang)}</a></header>')


# ---- search -------------------------------------------------------------------------------------------------------

def _highlighted(text: str, words: set[str]) -> str:
    """``text`` escaped, each word whose folded form is a query word in a <mark>."""
    out, pos = [], 0
    for m in re.finditer(r"\w+", text):
        out.append(_text(text[pos:m.start()]))
        word = _text(m.group(0))
        out.append(f"<mark>{word}</mark>" if fold(m.group(0)).casefold() in words else word)
        pos = m.end()
    out.append(_text(text[pos:]))
    return "".join(out)


def search_html(query: str, results: list[SearchResult], corpus: Corpus, lang: Lang) -> str:
    """Ranked passages, the query's words highlighted, each with its document and section in words."""
    if not query.strip():
        return f'<p class="pq-meta">{t("search_prompt", lang)}</p>'
    if not results:
        return f'<p class="pq-empty">{t("search_empty", lang)}</p>'
    words = {w for w in fold(query).casefold().split() if len(w) > 1}
    items = []
    for r in results:
        doc = corpus.document(r.doc)
        items.append(f'<li><div class="pq-hit-head"><strong>{escape(names.short_name(doc))}</strong> · '
                     f'<a href="#{anchor(doc.id, r.section)}" class="pq-open-doc">'
                     f'{escape(names.section_label(doc, r.section, lang))}</a>'
                     f'<span class="pq-hit-title">{_text(r.title.split(" > ")[-1])}</span></div>'
                     f'<p>{_highlighted(_one_line(r.text, 600), words)}</p></li>')
    return f'<p class="pq-count">{t("search_count", lang, n=len(results))}</p><ol class="pq-hits">{"".join(items)}' \
           f'</ol>'


# ---- tables -------------------------------------------------------------------------------------------------------

def _cell(label: str, html: str, css: str = "") -> str:
    return f'<td data-label="{escape(label)}"{f" class={css}" if css else ""}>{html}</td>'


def tasks_html(rows: list[TaskRow], lang: Lang, today: date, filters: tuple[str, ...] = ()) -> str:
    """The tasks shown, grouped (each group's title once), with a status column, a count and the filters applied."""
    applied = "".join(f" · {escape(f)}" for f in filters if f)
    count = f'<p class="pq-count" role="status">{t("tasks_count", lang, n=len(rows))}{applied} · ' \
            f'{t("as_of", lang, date=today.strftime("%d/%m/%Y"))}</p>'
    if not rows:
        return count + f'<p class="pq-empty">{t("tasks_empty", lang)}</p>'
    heads = [t(k, lang) for k in ("col_no", "col_task", "col_deadline", "col_lead", "col_status")]
    body, group = [], None
    for r in rows:
        if r.group != group:
            group = r.group
            body.append(f'<tr class="pq-group"><th colspan="5" scope="rowgroup">{_text(group)}</th></tr>')
        status = r.status(today).value
        body.append("<tr>" + _cell(heads[0], str(r.task.number), "pq-no") + _cell(heads[1], _text(r.task.text))
                    + _cell(heads[2], _text(r.task.deadline)) + _cell(heads[3], _text(r.leads))
                    + _cell(heads[4], f'<span class="pq-status pq-{status}">{t(f"status_{status}", lang)}</span>')
                    + "</tr>")
    ths = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return f'{count}<table class="pq-table pq-tasks"><thead><tr>{ths}</tr></thead><tbody>{"".join(body)}</tbody>' \
           f'</table>'


def targets_html(rows: list[TargetRow], lang: Lang) -> str:
    count = f'<p class="pq-count" role="status">{t("targets_count", lang, n=len(rows))}</p>'
    if not rows:
        return count + f'<p class="pq-empty">{t("targets_empty", lang)}</p>'
    heads = [t(k, lang) for k in ("col_no", "col_indicator", "col_value", "col_area")]
    index = 0 if lang == Lang.VI else 1
    body = "".join("<tr>" + _cell(heads[0], str(r.target.number), "pq-no") + _cell(heads[1], _text(r.target.text))
                   + _cell(heads[2], _text(r.figures)) + _cell(heads[3], escape(r.area[index])) + "</tr>"
                   for r in rows)
    ths = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return f'{count}<table class="pq-table pq-targets"><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>'


# ---- documents ----------------------------------------------------------------------------------------------------

def _section_html(doc: Document, section: Section, children: dict[str | None, list[Section]], lang: Lang,
                  open_: bool) -> str:
    label = section.heading or section.title or section.id
    body = section.body
    inner = (f'<div class="pq-section-text">{_text(body)}</div>' if body else "") + "".join(
        _section_html(doc, child, children, lang, False) for child in children.get(section.id, []))
    return (f'<details id="{anchor(doc.id, section.id)}"{" open" if open_ else ""}><summary>'
            f'<span class="pq-sec" title="{escape(names.section_label(doc, section.id, lang))}">'
            f'{escape(section.id)}</span> {escape(_one_line(label, 200))}</summary>{inner}</details>')


def _references_html(doc: Document, corpus: Corpus, lang: Lang) -> str:
    items = []
    for ref in doc.references:
        target = ref.resolved
        name = escape(ref.mention) + (f" ({escape(ref.date)})" if ref.date else "")
        items.append(f'<li><a href="#{anchor(target)}">{name}</a></li>' if target and target != doc.id
                     else f"<li>{name}</li>")
    return f'<h3>{t("doc_references", lang)}</h3><ul class="pq-refs">{"".join(items)}</ul>' if items else ""


def document_html(doc: Document, corpus: Corpus, lang: Lang) -> str:
    """What identifies the document (a metadata card), the documents it refers to, then its section tree."""
    m = doc.metadata
    facts = [("doc_number", m.number), ("doc_kind", m.kind), ("doc_date", m.date_text or m.date),
             ("doc_issuer", m.issuer), ("doc_signer", " ".join(p for p in (m.signer_title, m.signer) if p)),
             ("doc_implements", m.implements), ("doc_recipients", "; ".join(m.recipients)),
             ("doc_file", Path(doc.path).name),
             ("doc_contents", t("doc_counts", lang, sections=len(doc.sections), targets=len(doc.targets),
                                tasks=len(doc.tasks)))]
    rows = "".join(f"<tr><th scope=row>{t(key, lang)}</th><td>{_text(value)}</td></tr>" for key, value in facts
                   if value)
    children: dict[str | None, list[Section]] = {}
    for s in doc.sections:
        children.setdefault(s.parent, []).append(s)
    tree = "".join(_section_html(doc, s, children, lang, True) for s in children.get(None, []))
    title = _text(_one_line(m.title) or names.short_name(doc))
    return (f'<article class="pq-document" id="{anchor(doc.id)}"><h2>{title}</h2>'
            f'<table class="pq-facts">{rows}</table>{_references_html(doc, corpus, lang)}'
            f'<div class="pq-tree">{tree}</div></article>')


def documents_html(corpus: Corpus, lang: Lang) -> str:
    """Every document of the corpus: a list of links, then each document's card and tree; skipped files last."""
    if not corpus.documents:
        return f'<p class="pq-empty">{t("empty_corpus", lang)}</p>' + skipped_files_html(corpus, lang)
    links = "".join(f'<li><a href="#{anchor(d.id)}">{escape(names.short_name(d))}</a> '
                    f'<span class="pq-meta">{escape(cut(_one_line(d.metadata.title), 120))}</span></li>'
                    for d in corpus.documents)
    return (f'<nav class="pq-doc-list" aria-label="{t("doc_list", lang)}"><h2>{t("doc_list", lang)}</h2>'
            f'<ul>{links}</ul></nav>' + "".join(document_html(d, corpus, lang) for d in corpus.documents)
            + skipped_files_html(corpus, lang))


def skipped_files_html(corpus: Corpus, lang: Lang) -> str:
    """Files of the corpus folder that could not be ingested, and why."""
    if not corpus.errors:
        return ""
    items = "".join(f"<li>{escape(Path(e.path).name)}: {escape(e.reason)}</li>" for e in corpus.errors)
    return f'<div class="pq-skipped"><h3>{t("skipped", lang)}</h3><ul>{items}</ul></div>'
