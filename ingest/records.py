"""Records read from a document's prose: the terms it defines and the bodies it gives something to do.

Both work on sentences of sections' own text, with exact spans (``source[start:end] == text``). Cue words live in
``ingest/data/definition_cues.tsv`` and ``ingest/data/responsibility_roles.tsv``; body names in
``ingest/data/agencies.tsv`` and ``ingest/data/body_heads.tsv`` (see :class:`ingest.agencies.Gazetteer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ingest.agencies import Gazetteer
from ingest.datafiles import read_tsv
from ingest.model import Definition, Responsibility, ResponsibilityRole, Section, SectionKind
from ingest.outline import Span

K = SectionKind
TITLE_KINDS = (K.PART, K.CHAPTER, K.DIVISION, K.ROMAN, K.APPENDIX, K.ATTACHMENT)  # their headings are titles
SKIPPED_KINDS = (K.PRE, K.SIG, K.TABLE_ROW, K.TABLE_GROUP)  # no prose of their own (tasks cover table rows)
MARKER = re.compile(r"(?:Điều\s+\d+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|\(\d+\)|[-–+•])\s+")
SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=\S)")
MAX_TERM_WORDS = 15  # a defined term longer than this is a sentence, not a term
MAX_BODY_WORDS = 16  # a body's name (or a short list of bodies) before its verb
MAX_PIECE_WORDS = 10  # each name of a longer list of bodies ("Chính phủ, Hội đồng thẩm phán …, chính quyền …")
MAX_LIST_WORDS = 60


def _words(table: str, kind: str) -> list[str]:
    return [r["words"] for r in read_tsv(table) if r["kind"] == kind]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in word.split())
                    for word in sorted(set(words), key=len, reverse=True))


def sentences(section: Section) -> Iterator[Span]:
    """The sentences of a section's own text (its title heading left out), list markers left off, with spans."""
    text, offset = section.text, 0
    if section.kind in TITLE_KINDS and section.heading and text.startswith(section.heading):
        offset = len(section.heading)
    for line in re.finditer(r"[^\n]+", text[offset:]):
        base, body = offset + line.start(), line.group(0)
        lead = len(body) - len(body.lstrip())
        marker = MARKER.match(body, lead)
        pos = marker.end() if marker else lead
        for piece in SENTENCE_END.split(body[pos:]):
            at = body.index(piece, pos)
            pos = at + len(piece)
            piece = piece.rstrip()
            if piece:
                yield Span(section.start + base + at, section.start + base + at + len(piece), piece)


# ---- definitions --------------------------------------------------------------------------------------------------

DEFINITIONS_HEADING = re.compile(_alternation(_words("definition_cues.tsv", "heading")), re.IGNORECASE)
IN_ARTICLE = re.compile(rf"^(?P<term>.+?)\s+(?:{_alternation(_words('definition_cues.tsv', 'in_article'))})"
                        r"\s+\S")
ANYWHERE = re.compile(rf"^(?P<term>.+?)\s+(?:{_alternation(_words('definition_cues.tsv', 'anywhere'))})"
                      r"\s+\S")
QUOTED = re.compile(r"^[“\"](?P<term>[^”\"]{2,120})[”\"]\s+(?:là|được hiểu là)\s+\S")
STATED = re.compile(rf"(?P<term>[^;:.]+?)\s+(?:{_alternation(_words('definition_cues.tsv', 'stated'))})\s+\S")
STATED_AFTER = re.compile(rf"(?<!\w)(?:{_alternation(_words('definition_cues.tsv', 'stated_after'))})\s+")
NOT_STATED = re.compile(rf"(?<!\w)(?:{_alternation(_words('definition_cues.tsv', 'stated_not'))})$"
                        rf"|(?<!\w)(?:{_alternation(_words('definition_cues.tsv', 'stated_not_within'))})(?!\w)",
                        re.IGNORECASE)
MIN_STATED_TERM_WORDS = 2  # "Đây là …" says nothing of a term
MAX_STATED_TERM_WORDS = 20  # "Phát triển khoa học, công nghệ, … quốc gia là đột phá …": the subject of a viewpoint


def _definition(span: Span, section: Section, pattern: re.Pattern[str]) -> Definition | None:
    m = pattern.match(span.text)
    if not m:
        return None
    term = m.group("term").strip(" “”\"")
    if len(term.split()) > MAX_TERM_WORDS or term[:1].islower() or re.search(r"[,;:]", term):
        return None
    return Definition(term=term, text=span.text, section=section.id, start=span.start, end=span.end)


def _stated(span: Span, section: Section) -> list[Definition]:
    """What a sentence, and each of its clauses after "trong đó", says a term is: "nhà khoa học là nhân tố then
    chốt". An article's title states nothing ("Hỗ trợ thuê nhà, đất là tài sản công")."""
    if section.kind in (*TITLE_KINDS, K.ARTICLE) and section.heading.strip().endswith(span.text):
        return []
    out = []
    for pos in [0, *(m.end() for m in STATED_AFTER.finditer(span.text))]:
        m = STATED.match(span.text, pos)
        if not m:
            continue
        term = m.group("term").strip(" “”\"-–")
        if NOT_STATED.search(term) or not MIN_STATED_TERM_WORDS <= len(term.split()) <= MAX_STATED_TERM_WORDS:
            continue
        out.append(Definition(term=term, text=span.text[pos:], section=section.id, start=span.start + pos,
                              end=span.end, stated=True))
    return out


def parse_definitions(sections: list[Section]) -> list[Definition]:
    """Terms defined: the items of a "Giải thích từ ngữ" article ("1. X là …"), and anywhere "X được hiểu là …" or
    “X” là …; and, marked ``stated``, what a sentence says a term is ("X là …", "…, trong đó X là …"). One
    definition per sentence; the first sentence of a defining item holds its term."""
    defining = {s.id for s in sections if DEFINITIONS_HEADING.search(s.heading)}
    found = []
    for s in sections:
        if s.kind in SKIPPED_KINDS:
            continue
        in_article = s.parent in defining
        for i, span in enumerate(sentences(s)):
            pattern = IN_ARTICLE if in_article and i == 0 else ANYWHERE
            found_one = _definition(span, s, pattern) or _definition(span, s, QUOTED)
            found += [found_one] if found_one is not None else _stated(span, s)
    return found


# ---- responsibilities ---------------------------------------------------------------------------------------------

ROLE_WORDS = {r["words"]: ResponsibilityRole(r["role"]) for r in read_tsv("responsibility_roles.tsv")}
ROLE_VERB = re.compile(rf"(?<!\w)(?:{_alternation(ROLE_WORDS)})(?!\w)")  # lowercase: "Xây dựng" in a name is no verb
COORDINATE_WITH = re.compile(r"(?<!\w)phối hợp(?:\s+chặt chẽ)?\s+với\s+", re.IGNORECASE)
GIAO = re.compile(r"(?<!\w)giao\s+(?:cho\s+)?", re.IGNORECASE)
AFTER_OPENER = re.compile(r",\s+")  # "Căn cứ …, Ủy ban nhân dân cấp tỉnh quy định …": a subject after a lead-in
CLAUSE_END = re.compile(r"[;.:]")
JOINT = re.compile(r"\s*(?:,|;|\svà\s)\s*")  # between the names of a list of bodies
NOT_A_NAME = re.compile(r"(?<!\w)(?:là|được|gồm|nếu|khi|thì)(?!\w)")  # a copula, condition or make-up: a sentence
TRIMS = re.compile(rf"(?:[\s,]+(?:{_alternation(r['words'] for r in read_tsv('body_trims.tsv'))}))+[\s,]*$")


def _role(verb: str) -> ResponsibilityRole:
    return ROLE_WORDS[" ".join(verb.split())]


def _body_before_verb(text: str, pos: int, gazetteer: Gazetteer) -> tuple[str, re.Match[str]] | None:
    """The body named at ``pos`` and the role verb after it; None when no body starts there."""
    if not text[pos:pos + 1].isupper() or not gazetteer.starts_body(text, pos):
        return None
    known = gazetteer.name_at(text, pos)
    verb = ROLE_VERB.search(text, known[0] if known else pos + 1)
    if verb is None:
        return None
    phrase = TRIMS.sub("", text[pos:verb.start()]).strip(" ,")
    if not phrase or CLAUSE_END.search(phrase) or NOT_A_NAME.search(phrase) or not (
            len(phrase.split()) <= MAX_BODY_WORDS or _is_list_of_bodies(phrase, gazetteer)):
        return None
    if known is None and gazetteer.is_bare_head(phrase):
        return None  # "Thanh tra, kiểm tra …": a head word alone names an activity, not a body
    return gazetteer.canonical(phrase), verb


def _is_list_of_bodies(phrase: str, gazetteer: Gazetteer) -> bool:
    """A long subject that is a list of short names, most of them starting like a body ("Chính phủ, các Bộ, cơ quan
    ngang Bộ, cơ quan khác ở trung ương và địa phương"), not a clause that happens to begin with one."""
    pieces = [p for p in JOINT.split(phrase) if p]
    if len(phrase.split()) > MAX_LIST_WORDS or any(len(p.split()) > MAX_PIECE_WORDS for p in pieces):
        return False
    bodies = sum(gazetteer.starts_body(p[:1].upper() + p[1:]) for p in pieces)
    return len(pieces) > 1 and 2 * bodies > len(pieces)


def _co_bodies(text: str, start: int, gazetteer: Gazetteer) -> list[str]:
    """The bodies after "phối hợp với" at ``start``, up to the next role verb or the clause's end: known names, and
    the other pieces of a list joined by ",", "và", ";" when each starts like a body ("Bộ Tư pháp và Bộ Nội vụ")."""
    names, pos = [], start
    while (known := gazetteer.name_at(text, pos)) is not None:
        names.append(known[1])
        joint = JOINT.match(text, known[0])
        if joint is None:
            return names
        pos = joint.end()
    verb, stop = ROLE_VERB.search(text, pos), CLAUSE_END.search(text, pos)
    end = min(m.start() for m in (verb, stop) if m) if verb or stop else len(text)
    phrase = text[pos:end].strip(" ,")
    if not phrase or len(phrase.split()) > MAX_BODY_WORDS or not (
            gazetteer.starts_body(phrase) or phrase.lower().startswith("các ")):
        return names
    pieces = [p for p in JOINT.split(phrase) if p]
    if all(p[:1].isupper() and gazetteer.starts_body(p) and not gazetteer.is_bare_head(p) for p in pieces):
        return names + [gazetteer.canonical(p) for p in pieces]
    return names + [gazetteer.canonical(phrase)]


def _in_sentence(span: Span, section: Section, gazetteer: Gazetteer) -> list[Responsibility]:
    text = span.text
    starts = sorted([(0, False)] + [(m.end(), True) for m in GIAO.finditer(text)]
                    + [(m.end(), False) for m in AFTER_OPENER.finditer(text)])
    out: list[tuple[str, ResponsibilityRole]] = []
    covered = 0  # the end of the clause of the last subject found: a comma inside it starts no other
    for pos, given in starts:
        if pos < covered:
            continue
        found = _body_before_verb(text, pos, gazetteer)
        if found is None:
            if given and gazetteer.starts_body(text, pos):
                end = CLAUSE_END.search(text, pos)
                out.append((gazetteer.canonical(text[pos:end.start() if end else len(text)]),
                            ResponsibilityRole.ASSIGNED))
            continue
        body, verb = found
        end = CLAUSE_END.search(text, verb.end())
        covered = end.end() if end else len(text)
        role = _role(verb.group(0))
        with_ = COORDINATE_WITH.match(text, verb.start())
        if role is ResponsibilityRole.COORDINATE and with_:
            co = _co_bodies(text, with_.end(), gazetteer)
            out += [(c, ResponsibilityRole.COORDINATE) for c in co]
            after = ROLE_VERB.search(text, with_.end())
            role = _role(after.group(0)) if after and after.group(0) != "phối hợp" else role
        elif role is ResponsibilityRole.LEAD:
            later = COORDINATE_WITH.search(text, verb.end())
            if later and not CLAUSE_END.search(text, verb.end(), later.start()):
                out += [(c, ResponsibilityRole.COORDINATE) for c in _co_bodies(text, later.end(), gazetteer)]
        if given and role is not ResponsibilityRole.LEAD:
            role = ResponsibilityRole.ASSIGNED
        out.insert(0 if pos == 0 else len(out), (body, role))
    return [Responsibility(body=b, text=text, section=section.id, start=span.start, end=span.end, role=r)
            for b, r in dict.fromkeys(out)]


def parse_responsibilities(sections: list[Section], known_bodies: Iterable[str] = ()) -> list[Responsibility]:
    """Bodies given something to do in prose, one record per body and sentence, in document order.

    "Bộ Tài chính chủ trì, phối hợp với các bộ …" gives Bộ Tài chính (lead) and "các bộ …" (coordinate); "giao Sở Y
    …" gives Sở Y (assigned); "5. Ban Tuyên giáo Trung ương chủ trì …" as an item of an implementation part gives its
    body. ``known_bodies`` adds names the document itself uses (its task table's lead cells) to the gazetteer.
    """
    gazetteer = Gazetteer(known_bodies)
    found = []
    for s in sections:
        if s.kind in SKIPPED_KINDS:
            continue
        for span in sentences(s):
            found += _in_sentence(span, s, gazetteer)
    return found
