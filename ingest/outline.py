"""Outline parsing: headings of Vietnamese legal and party documents → sections with canonical ids.

Pure functions over text. A heading is a line that starts with a numbering marker (Phần, Chương, Mục, Điều, Roman
"I." or "I-", Arabic "1.", dotted "1.2.", "(3)", "a)"). Nesting is decided by the order markers appear in: a marker
kind already open on the stack closes back to it (a sibling; the open one it continues, "2." after "1.", when the
same kind is open twice), a new kind opens beneath the current one (a child), and a "1." right after a heading of the
same kind that ends in ":" opens a list beneath it. Unnumbered "-" paragraphs stay in their section's text.

Text before the first heading is ``PRE``; "Nơi nhận:" or a "T/M" line opens ``SIG``; "PHỤ LỤC" opens ``PL``, whose
tab-separated table rows become ``PL.<group>`` and ``PL.<n>``; a further numbered "PHỤ LỤC II" opens ``PL2``. A task
table inside a body section (a header row naming its columns, see :mod:`ingest.tables`) gives rows ``<section>.T<n>``
and groups ``<section>.T<group>``. A text attached to a decision ("QUY CHẾ …" over "(Ban hành kèm theo …)") opens a
part whose ids carry its prefix (``QC``, ``QC.C.I``, ``QC.Đ.1``; ``ingest/data/attachment_kinds.tsv``), so articles
numbered from 1 again stay
unique. Any id that would still repeat gets a "~2", "~3" … suffix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.datafiles import read_tsv
from ingest.model import Section, SectionKind
from ingest.tables import header_roles

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
ROMAN_NUMBER = rf"(?=[IVX]){ROMAN}(?!\w)"  # a Roman numeral that is a whole word, never empty
LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese list letters: "đ" follows "d", there is no "f", "j", "w", "z"
K = SectionKind


@dataclass(frozen=True)
class HeadingRule:
    """A kind of numbering marker: how to spot it, what its id token is and what it prints as its number."""

    kind: SectionKind
    pattern: re.Pattern[str]
    token: Callable[[re.Match[str]], str]
    absolute: bool = False  # the id does not take its parent's prefix (Điều numbers run through a whole law)


def _group(name: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m.group(name)


RULES: tuple[HeadingRule, ...] = (
    HeadingRule(K.PART, re.compile(rf"^(?:PHẦN|Phần)\s+(?:(?:thứ|THỨ)\s+)?"
                                   rf"(?P<n>{ROMAN_NUMBER}|\d+|(?<=thứ\s)\w+|(?<=THỨ\s)\w+)\b"),
                lambda m: "P." + m.group("n"), absolute=True),
    HeadingRule(K.CHAPTER, re.compile(rf"^(?:CHƯƠNG|Chương)\s+(?P<n>{ROMAN_NUMBER}|\d+)\b"),
                lambda m: "C." + m.group("n"), absolute=True),
    HeadingRule(K.DIVISION, re.compile(r"^(?:MỤC|Mục)\s+(?P<n>\d+)\b"), lambda m: "M." + m.group("n")),
    HeadingRule(K.ARTICLE, re.compile(r"^Điều\s+(?P<n>\d+)\b"), lambda m: "Đ." + m.group("n"), absolute=True),
    HeadingRule(K.ROMAN, re.compile(rf"^(?P<n>(?=[IVX])({ROMAN}))(?:\.|\s*[-–])\s+\S"), _group("n")),
    HeadingRule(K.DOTTED, re.compile(r"^(?P<a>\d{1,2})\.(?P<n>\d{1,2})\.?\s+\S"), _group("n")),
    HeadingRule(K.ARABIC, re.compile(r"^(?P<n>\d{1,2})\.\s+\S"), _group("n")),
    HeadingRule(K.PAREN, re.compile(r"^\((?P<n>\d{1,3})\)\s+\S"), lambda m: f"({m.group('n')})"),
    HeadingRule(K.LETTER, re.compile(r"^(?P<n>[a-zđ])\)\s+\S"), _group("n")),
)

SIG_START = re.compile(r"^(?:Nơi nhận\s*:|T/M\b|TM\.\s)")
APPENDIX_START = re.compile(rf"^\**\s*PHỤ LỤC\b(?:\s+(?:SỐ\s+)?(?P<n>{ROMAN_NUMBER}|\d+)\b)?")
TABLE_GROUP = re.compile(rf"^(?P<n>(?=[IVX])({ROMAN}))\t")
TABLE_ROW = re.compile(r"^(?P<n>\d{1,3})\t")
ATTACHED_NOTE = re.compile(r"^\(\s*(?:(?:được\s+)?ban hành\s+)?kèm theo\b", re.IGNORECASE)
ATTACHMENT_TITLE_LINES = 4  # how many lines above "(Ban hành kèm theo …)" may hold the attached text's title


@dataclass
class _Open:
    """A section being built while lines are read."""

    id: str
    kind: SectionKind
    heading: str
    parent: str | None
    start: int
    end: int
    number: str = ""
    rule: SectionKind | None = None  # the marker kind that opened it, for nesting (a clause is an ARABIC marker)
    ordinal: int = 0  # its place in its marker's sequence: "3." → 3, "c)" → 3, "IV." → 4


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


def roman_value(numeral: str) -> int:
    """"IV" → 4; 0 for an empty or non-Roman string."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not numeral or any(c not in values for c in numeral):
        return 0
    total = 0
    for a, b in zip(numeral, numeral[1:] + " ", strict=True):
        total += -values[a] if b in values and values[b] > values[a] else values[a]
    return total


def _ordinal(rule: HeadingRule, number: str) -> int:
    if number.isdigit():
        return int(number)
    if rule.kind is K.LETTER:
        return LETTERS.index(number) + 1 if number in LETTERS else 0
    return roman_value(number)


def _printed_number(rule: HeadingRule, m: re.Match[str]) -> str:
    return f"{m.group('a')}.{m.group('n')}" if rule.kind is K.DOTTED else m.group("n")


def _close(stack: list[_Open], rule: HeadingRule, ordinal: int) -> list[_Open]:
    """The stack once the sections a new heading of this kind ends are closed."""
    same = [i for i, s in enumerate(stack) if s.rule is rule.kind]
    if not same:
        return stack
    top = stack[-1]
    if top.rule is rule.kind and ordinal == 1 and top.heading.rstrip().endswith(":"):
        return stack  # a list the heading introduces
    for i in reversed(same):
        if stack[i].ordinal + 1 == ordinal:
            return stack[:i]
    return stack[: same[0]]


def _reported_kind(rule: HeadingRule, parent: _Open | None) -> SectionKind:
    """Khoản and điểm are the "1." and "a)" of a law's articles."""
    if rule.kind is K.ARABIC and parent is not None and parent.kind is K.ARTICLE:
        return K.CLAUSE
    if rule.kind is K.LETTER and parent is not None and parent.kind is K.CLAUSE:
        return K.POINT
    return rule.kind


def _attachment_kinds() -> list[dict[str, str]]:
    return sorted(read_tsv("attachment_kinds.tsv"), key=lambda r: -len(r["title"]))


def attachment_prefix(title: str) -> str:
    """The id prefix of an attached text from its title line: "QUY CHẾ TỔ CHỨC …" → "QC"; unknown kinds "KT"."""
    rows = _attachment_kinds()
    found = next((r for r in rows if r["title"] != "*" and title.startswith(r["title"])), None)
    return (found or next(r for r in rows if r["title"] == "*"))["prefix"]


def _attachment_starts(lines: list[tuple[int, int, str]]) -> dict[int, str]:
    """Line index → prefix, for each line that begins a text attached by "(Ban hành kèm theo …)"."""
    titles = tuple(r["title"] for r in _attachment_kinds() if r["title"] != "*")
    starts: dict[int, str] = {}
    for i, (_, _, text) in enumerate(lines):
        if not ATTACHED_NOTE.match(text.strip()):
            continue
        above = [j for j in range(i - 1, -1, -1) if lines[j][2].strip()][:ATTACHMENT_TITLE_LINES]
        named = next((j for j in above if lines[j][2].strip().startswith(titles)), None)
        if named is None:
            caps = []
            for j in above:
                line = lines[j][2].strip()
                if not (line.upper() == line and any(c.isalpha() for c in line)):
                    break
                caps.append(j)
            named = caps[-1] if caps else None
        if named is not None and not APPENDIX_START.match(lines[named][2].strip()):
            starts[named] = attachment_prefix(lines[named][2].strip())
    return starts


BLOCK_TITLES = {"PRE": "Mở đầu", "SIG": "Nơi nhận và chữ ký"}


def _title(heading: str, limit: int = 90) -> str:
    """A short printable title: a table row "7\tTask…\t…" reads "7. Task…"; long headings are cut."""
    cells = [c.strip() for c in heading.split("\t")]
    heading = f"{cells[0]}. {cells[1]}" if len(cells) > 1 else " ".join(cells[0].strip("*").split())
    return heading if len(heading) <= limit else heading[: limit - 1].rstrip() + "…"


class _Builder:
    """Reads lines into open sections; one per call of :func:`parse_outline`."""

    def __init__(self) -> None:
        self.opened: list[_Open] = []
        self.stack: list[_Open] = []
        self.used: set[str] = set()
        self.table_host: _Open | None = None  # the body section whose task table is being read

    def unique(self, sid: str) -> str:
        k, out = 1, sid
        while out in self.used:
            k += 1
            out = f"{sid}~{k}"
        self.used.add(out)
        return out

    def open(self, node: _Open, push: bool = True) -> _Open:
        node.id = self.unique(node.id)
        self.opened.append(node)
        if push:
            self.stack.append(node)
        return node

    def heading(self, rule: HeadingRule, m: re.Match[str], text: str, start: int, end: int, prefix: str) -> None:
        number = _printed_number(rule, m)
        ordinal = _ordinal(rule, m.group("n"))
        self.stack = _close(self.stack, rule, ordinal)
        parent = self.stack[-1] if self.stack else None
        token = rule.token(m)
        block = parent is None or parent.kind in (K.PRE, K.ATTACHMENT)
        sid = prefix + token if rule.absolute or block else f"{parent.id}.{token}"  # type: ignore[union-attr]
        if parent is not None and parent.kind is K.PRE:
            self.stack, parent = [], None
        self.open(_Open(sid, _reported_kind(rule, parent), text, parent.id if parent else None, start, end,
                        number=number, rule=rule.kind, ordinal=ordinal))

    def table_line(self, text: str, start: int, end: int, host: _Open, id_prefix: str) -> bool:
        """A group or numbered row of a task table under ``host``; False for any other line."""
        group, row = TABLE_GROUP.match(text), TABLE_ROW.match(text)
        if not (group or row):
            return False
        base = self.stack.index(host) + 1
        if group:
            self.stack = self.stack[:base]
            kind, number = K.TABLE_GROUP, group.group("n")
        else:
            self.stack = [s for s in self.stack[:base + 1] if s.kind is not K.TABLE_ROW]
            kind, number = K.TABLE_ROW, row.group("n")  # type: ignore[union-attr]
        self.open(_Open(id_prefix + number, kind, text, self.stack[-1].id, start, end, number=number))
        return True


def parse_outline(source: str) -> list[Section]:
    """Sections of a document in reading order; empty when no numbered heading is found."""
    lines = _lines(source)
    attachments = _attachment_starts(lines)
    b = _Builder()
    zone = "body"  # body → sig → appendix; an attached text opens a body again
    prefix = ""  # "QC." inside an attached regulation
    for index, (start, end, text) in enumerate(lines):
        stripped = text.strip()
        if not stripped:
            continue
        if index in attachments and zone != "appendix":
            zone, b.table_host = "body", None
            node = _Open(attachments[index], K.ATTACHMENT, stripped, None, start, end)
            b.stack = []
            prefix = b.open(node).id + "."
            continue
        appendix = APPENDIX_START.match(stripped)
        if appendix and (zone != "appendix" or appendix.group("n")):
            zone, b.table_host = "appendix", None
            b.stack = []
            count = sum(1 for o in b.opened if o.kind is K.APPENDIX)  # "PHỤ LỤC II" after "PHỤ LỤC I" is PL2
            b.open(_Open(prefix + "PL" + (str(count + 1) if count else ""), K.APPENDIX, stripped, None, start, end,
                         number=appendix.group("n") or ""))
            continue
        if zone == "body" and SIG_START.match(stripped) and b.opened:
            zone, b.table_host = "sig", None
            b.stack = []
            b.open(_Open(prefix + "SIG", K.SIG, "", None, start, end))
            continue
        if zone == "appendix":
            if b.table_line(text, start, end, b.stack[0], b.stack[0].id + "."):
                continue
        elif zone == "body":
            host = b.table_host
            if host is not None:
                if "\t" in text:
                    if not b.table_line(text, start, end, host, f"{host.id}.T"):
                        b.stack[-1].end = end
                    continue
                b.stack, b.table_host = b.stack[: b.stack.index(host) + 1], None
            found = _match_heading(stripped)
            if found:
                b.heading(*found, stripped, start, end, prefix)
                continue
            if not b.stack:
                b.open(_Open("PRE", K.PRE, "", None, start, end))
                continue
            if header_roles(text) is not None:
                b.table_host = b.stack[-1]
        if b.stack:
            b.stack[-1].end = end
    if not any(o.kind not in (K.PRE, K.SIG, K.APPENDIX, K.ATTACHMENT) for o in b.opened):
        return []
    return _sections(source, b.opened)


def _sections(source: str, opened: list[_Open]) -> list[Section]:
    by_id = {o.id: o for o in opened}
    sections = []
    for o in opened:
        path, cur = [], o
        while cur is not None:
            path.append(_title(cur.heading) if cur.heading else BLOCK_TITLES.get(cur.id.split(".")[-1], cur.id))
            cur = by_id.get(cur.parent) if cur.parent else None
        sections.append(Section(id=o.id, heading=o.heading if o.kind is not K.SIG else "",
                                text=source[o.start:o.end], parent=o.parent, start=o.start, end=o.end,
                                title=" > ".join(reversed(path)), kind=o.kind.value, number=o.number))
    return sections


def paragraph_sections(source: str) -> list[Section]:
    """Fallback for unrecognised structure: each paragraph (blank-line separated) is ``¶1``, ``¶2``, …"""
    sections: list[Section] = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", source):
        text = m.group(0).rstrip()
        n = len(sections) + 1
        sections.append(Section(id=f"¶{n}", heading="", text=text, parent=None, start=m.start(),
                                end=m.start() + len(text), title=f"¶{n} {_title(text, 60)}",
                                kind=K.PARAGRAPH.value, number=str(n)))
    return sections


DASH_ITEM = re.compile(r"^[ \t]*[-–+•][ \t]+(?P<text>\S.*?)[ \t]*$", re.MULTILINE)
PARAGRAPH = re.compile(r"^[ \t]*(?P<text>\S.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Span:
    """A piece of a document's source: ``source[start:end] == text``."""

    start: int
    end: int
    text: str


def dash_items(section: Section) -> list[Span]:
    """The unnumbered "-" paragraphs of a section's own text, marker left out, spans into the source."""
    return [Span(section.start + m.start("text"), section.start + m.end("text"), m.group("text"))
            for m in DASH_ITEM.finditer(section.text)]


def body_paragraphs(section: Section) -> list[Span]:
    """The non-empty lines of a section's own text after its heading line, spans into the source."""
    skip = len(section.heading) if section.heading and section.text.startswith(section.heading) else 0
    return [Span(section.start + m.start("text"), section.start + m.end("text"), m.group("text"))
            for m in PARAGRAPH.finditer(section.text, skip)]


def ancestors(section: Section, sections: Sequence[Section]) -> list[Section]:
    """The section's chain from its top-level ancestor down to itself."""
    by_id = {s.id: s for s in sections}
    chain = [section]
    while chain[-1].parent and chain[-1].parent in by_id and len(chain) <= len(sections):
        chain.append(by_id[chain[-1].parent])
    return list(reversed(chain))
