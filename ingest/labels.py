"""Sections named in words, from a section and its ancestors: "Điều 10, khoản 2, điểm a" / "Article 10(2)(a)".

Independent of :class:`~ingest.model.Document`: every function takes the section list. Words live in
``ingest/data/section_labels.tsv`` and ``ingest/data/attachment_kinds.tsv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from ingest.datafiles import read_tsv
from ingest.figures import TARGETS_HEADING
from ingest.model import Section, SectionKind
from ingest.outline import ancestors

K = SectionKind
LEGAL = (K.ARTICLE, K.CLAUSE, K.POINT)
DIVISIONS = (K.PART, K.CHAPTER, K.DIVISION)
TABLE = (K.TABLE_GROUP, K.TABLE_ROW)
BLOCKS = (K.PRE, K.SIG, K.APPENDIX, K.PARAGRAPH)


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


def _word(name: str, lang: Lang) -> str:
    return next(r[lang.value] for r in read_tsv("section_labels.tsv") if r["word"] == name)


def _attachment_name(prefix: str, lang: Lang) -> str:
    rows = read_tsv("attachment_kinds.tsv")
    row = next((r for r in rows if r["prefix"] == prefix.split("~")[0]), None)
    return (row or next(r for r in rows if r["title"] == "*"))[lang.value]


def _legal(chain: list[Section], lang: Lang) -> str:
    """From the Điều down: "Điều 10, khoản 2, điểm a" / "Article 10(2)(a)"."""
    article, below = chain[0], chain[1:]
    if lang is Lang.EN:
        return f"{_word('article', lang)} {article.number}" + "".join(f"({s.number})" for s in below)
    words = [f"{_word('article', lang)} {article.number}"]
    for s in below:
        name = s.kind if s.kind in (K.CLAUSE, K.POINT) else ("point" if s.kind == K.LETTER else "item")
        words.append(f"{_word(name, lang)} {s.number}")
    return ", ".join(words)


def _divisions(chain: list[Section], lang: Lang) -> str:
    """"Chương II, Mục 1" / "Chapter II, Section 1"."""
    return ", ".join(f"{_word(s.kind, lang)} {s.number}" for s in chain)


def _outline(chain: list[Section], lang: Lang, prefix: str) -> str:
    """Party and programme numbering: "Phần I", "Phần I, mục 2", "Mục II.2, chỉ tiêu (7)", "Mục III.1.3, điểm đ"."""
    leaf = chain[-1]
    path = leaf.id[len(prefix):]
    top = chain[0]
    if len(chain) == 1:
        name = "part" if top.kind == K.ROMAN else "outline"
        return f"{_word(name, lang)} {top.number}"
    if len(chain) == 2 and top.kind == K.ROMAN and leaf.kind in (K.ARABIC, K.DOTTED):
        return f"{_word('part', lang)} {top.number}, {_word('subsection', lang)} {leaf.number}"
    if leaf.kind in (K.PAREN, K.LETTER):
        parent = chain[-2]
        base = f"{_word('outline', lang)} {parent.id[len(prefix):]}"
        if leaf.kind == K.LETTER:
            return f"{base}, {_word('point', lang)} {leaf.number}"
        item = "target" if TARGETS_HEADING.search(parent.heading) else "item"
        return f"{base}, {_word(item, lang)} ({leaf.number})"
    return f"{_word('outline', lang)} {path}"


def section_label(section: Section, sections: Sequence[Section], lang: Lang | str = Lang.VI) -> str:
    """The section named in words from its numbering and its ancestors'.

    "Điều 10, khoản 2, điểm a" / "Article 10(2)(a)"; "Phụ lục, nhiệm vụ 22" / "Appendix, task 22"; "Mục II.2, chỉ
    tiêu (7)"; "Chương II"; "Phần I, mục 2"; an attached regulation's "Quy chế, Điều 1".
    """
    lang = Lang(lang)
    chain = ancestors(section, sections)
    words: list[str] = []
    prefix = ""
    if chain[0].kind == K.ATTACHMENT:
        words.append(_attachment_name(chain[0].id, lang))
        prefix = chain[0].id + "."
        chain = chain[1:]
    table_at = next((i for i, s in enumerate(chain) if s.kind in TABLE), None)
    host, rows = (chain[:table_at], chain[table_at:]) if table_at is not None else (chain, [])
    if host:
        words.append(_host_label(host, lang, prefix))
    if rows:  # a task's number is unique in its table: its group is left out
        words.append(f"{_word(rows[-1].kind, lang)} {rows[-1].number}")
    return ", ".join(w for w in words if w)


def _host_label(chain: list[Section], lang: Lang, prefix: str) -> str:
    leaf = chain[-1]
    if leaf.kind in BLOCKS:
        return f"{_word(leaf.kind, lang)} {leaf.number}".strip()
    legal_at = next((i for i, s in enumerate(chain) if s.kind == K.ARTICLE), None)
    if legal_at is not None:
        return _legal(chain[legal_at:], lang)
    if all(s.kind in DIVISIONS for s in chain):
        return _divisions(chain, lang)
    numbered = [s for s in chain if s.kind not in DIVISIONS]
    return _outline(numbered, lang, prefix)
