"""Outline parsing: headings of Vietnamese legal and party documents → sections with canonical ids.

Pure functions over text. A heading is a line that starts with a numbering marker (Phần, Chương, Mục, Điều, Roman
"I.", Arabic "1.", dotted "1.2.", "(3)", "a)"). Nesting is decided by the order markers appear in: a marker kind
already open on the stack closes back to it (a sibling), a new kind opens beneath the current one (a child).
Text before the first heading is ``PRE``; "Nơi nhận:" or a "T/M" line opens ``SIG``; "PHỤ LỤC" opens ``PL``, whose
tab-separated table rows become ``PL.<group>`` and ``PL.<n>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.model import Section

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"


@dataclass(frozen=True)
class HeadingRule:
    """A kind of numbering marker: how to spot it and what its id token is."""

    kind: str
    pattern: re.Pattern[str]
    token: Callable[[re.Match[str]], str]
    absolute: bool = False  # the id does not take its parent's prefix (Điều numbers run through a whole law)


def _group(name: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m.group(name)


RULES: tuple[HeadingRule, ...] = (
    HeadingRule("part", re.compile(rf"^(?:PHẦN|Phần)\s+(?:thứ\s+)?(?P<n>{ROMAN}|\d+|[^\s.:]+)\b"),
                lambda m: "P." + m.group("n"), absolute=True),
    HeadingRule("chapter", re.compile(rf"^(?:CHƯƠNG|Chương)\s+(?P<n>{ROMAN}|\d+)\b"),
                lambda m: "C." + m.group("n"), absolute=True),
    HeadingRule("division", re.compile(r"^(?:MỤC|Mục)\s+(?P<n>\d+)\b"), lambda m: "M." + m.group("n")),
    HeadingRule("article", re.compile(r"^Điều\s+(?P<n>\d+)\b"), lambda m: "Đ." + m.group("n"), absolute=True),
    HeadingRule("roman", re.compile(rf"^(?P<n>(?=[IVX])({ROMAN}))\.\s+\S"), _group("n")),
    HeadingRule("dotted", re.compile(r"^(?P<a>\d{1,2})\.(?P<n>\d{1,2})\.?\s+\S"), _group("n")),
    HeadingRule("arabic", re.compile(r"^(?P<n>\d{1,2})\.\s+\S"), _group("n")),
    HeadingRule("paren", re.compile(r"^\((?P<n>\d{1,3})\)\s+\S"), lambda m: f"({m.group('n')})"),
    HeadingRule("letter", re.compile(r"^(?P<n>[a-zđ])\)\s+\S"), _group("n")),
)

SIG_START = re.compile(r"^(?:Nơi nhận\s*:|T/M\b|TM\.\s)")
APPENDIX_START = re.compile(r"^\**\s*PHỤ LỤC\b")
TABLE_GROUP = re.compile(rf"^(?P<n>(?=[IVX])({ROMAN}))\t")
TABLE_ROW = re.compile(r"^(?P<n>\d{1,3})\t")


@dataclass
class _Open:
    """A section being built while lines are read."""

    id: str
    kind: str
    heading: str
    parent: str | None
    start: int
    end: int


def _lines(source: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every line, offsets into ``source``, end excluding the newline."""
    out = []
    pos = 0
    for raw in source.splitlines(keepends=True):
        text = raw.rstrip("\r\n")
        out.append((pos, pos + len(text), text))
        pos += len(raw)
    return out


def _match_heading(line: str) -> tuple[HeadingRule, re.Match[str]] | None:
    for rule in RULES:
        m = rule.pattern.match(line)
        if m:
            return rule, m
    return None


BLOCK_TITLES = {"PRE": "Mở đầu", "SIG": "Nơi nhận và chữ ký"}


def _title(heading: str, limit: int = 90) -> str:
    """A short printable title: a table row "7\tTask…\t…" reads "7. Task…"; long headings are cut."""
    cells = [c.strip() for c in heading.split("\t")]
    heading = f"{cells[0]}. {cells[1]}" if len(cells) > 1 else " ".join(cells[0].strip("*").split())
    return heading if len(heading) <= limit else heading[: limit - 1].rstrip() + "…"


def parse_outline(source: str) -> list[Section]:
    """Sections of a document in reading order; empty when no numbered heading is found."""
    lines = _lines(source)
    opened: list[_Open] = []
    stack: list[_Open] = []
    zone = "body"  # body → sig → appendix
    for start, end, text in lines:
        stripped = text.strip()
        if not stripped:
            continue
        if zone != "appendix" and APPENDIX_START.match(stripped):
            zone = "appendix"
            stack = [_Open("PL", "appendix", stripped, None, start, end)]
            opened.append(stack[0])
            continue
        if zone == "body" and SIG_START.match(stripped) and opened:
            zone = "sig"
            stack = [_Open("SIG", "sig", "", None, start, end)]
            opened.append(stack[0])
            continue
        if zone == "appendix":
            group, row = TABLE_GROUP.match(text), TABLE_ROW.match(text)
            if group or row:
                if group:
                    stack = stack[:1]
                    kind, sid = "table_group", "PL." + group.group("n")
                else:
                    stack = [s for s in stack if s.kind != "table_row"]
                    kind, sid = "table_row", "PL." + row.group("n")  # type: ignore[union-attr]
                node = _Open(sid, kind, text, stack[-1].id, start, end)
                opened.append(node)
                stack.append(node)
                continue
        elif zone == "body":
            found = _match_heading(stripped)
            if found:
                rule, m = found
                kinds = [s.kind for s in stack]
                if rule.kind in kinds:
                    stack = stack[: kinds.index(rule.kind)]
                parent = stack[-1] if stack else None
                token = rule.token(m)
                sid = token if rule.absolute or parent is None or parent.kind == "pre" else f"{parent.id}.{token}"
                node = _Open(sid, rule.kind, stripped, parent.id if parent and parent.kind != "pre" else None,
                             start, end)
                if parent and parent.kind == "pre":
                    stack = []
                opened.append(node)
                stack.append(node)
                continue
            if not stack:
                node = _Open("PRE", "pre", "", None, start, end)
                opened.append(node)
                stack.append(node)
                continue
        if stack:
            stack[-1].end = end
    if not any(o.kind not in ("pre", "sig", "appendix") for o in opened):
        return []
    by_id = {o.id: o for o in opened}
    sections = []
    for o in opened:
        path, cur = [], o
        while cur is not None:
            path.append(_title(cur.heading) if cur.heading else BLOCK_TITLES.get(cur.id, cur.id))
            cur = by_id.get(cur.parent) if cur.parent else None
        sections.append(Section(id=o.id, heading=o.heading if o.kind != "sig" else "", text=source[o.start:o.end],
                                parent=o.parent, start=o.start, end=o.end, title=" > ".join(reversed(path))))
    return sections


def paragraph_sections(source: str) -> list[Section]:
    """Fallback for unrecognised structure: each paragraph (blank-line separated) is ``¶1``, ``¶2``, …"""
    sections: list[Section] = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", source):
        text = m.group(0).rstrip()
        n = len(sections) + 1
        sections.append(Section(id=f"¶{n}", heading="", text=text, parent=None, start=m.start(),
                                end=m.start() + len(text), title=f"¶{n} {_title(text, 60)}"))
    return sections
