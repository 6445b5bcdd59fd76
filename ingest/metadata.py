"""Document metadata read from the text itself, each field with the span of the source it was read from.

One reader per place a Vietnamese official document says what it is: the header block ("Số: …", "Hà Nội, ngày …",
the issuer in capitals), the title lines ("NGHỊ QUYẾT / CỦA … / Về …", or an opening "Nghị quyết số 57-NQ/TW"), a
publisher's lead paragraph ("… Tổng Bí thư Tô Lâm đã ký ban hành Nghị quyết số …"), an attached part's "(Kèm theo
… số …)" line, the effect clause ("… có hiệu lực thi hành từ …"), the closing adoption sentence and the signature
block. Each reader proposes fields; for each field the first origin in its priority order that has one wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date

from ingest.agencies import canonical_name, canonical_text
from ingest.datafiles import column
from ingest.doc_numbers import DOC_NUMBER, KIND_PATTERN, fold, kind_name
from ingest.model import Metadata, MetadataOrigin, Section
from planqa.config import Settings

Origin = MetadataOrigin
HEAD_CHARS = Settings().metadata_head_chars
_DATE = r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}"
# A header's cells end their line or are followed by the other column (a tab, or two spaces or more).
_CELL_END = r"(?=[ \t*]*$|\t| {2,})"
_NUMBER_LINE = re.compile(rf"^[ \t*]*(?:(?:Luật|Bộ luật|Pháp lệnh)\s+)?[Ss]ố\s*:?\s*(?P<id>{DOC_NUMBER}){_CELL_END}",
                          re.MULTILINE)
_PLACE_DATE = re.compile(rf"(?:^|\t| {{2,}})[ \t*]*(?P<place>[^\W\d_][^\t\n,]{{1,40}}),\s*ngày\s+(?P<date>{_DATE})"
                         rf"{_CELL_END}", re.MULTILINE)
_ATTACHED_TO = re.compile(
    rf"Kèm theo\s+(?P<kind>{KIND_PATTERN})\s+số\s+(?P<id>{DOC_NUMBER})(?:,?\s+ngày\s+(?P<date>{_DATE}))?"
    rf"(?:\s+của\s+(?P<issuer>[^)\n]+))?", re.IGNORECASE)
_OPENING_NUMBER = re.compile(rf"[#*\s]*(?P<kind>{KIND_PATTERN})\s+(?:số\s+)?(?P<id>{DOC_NUMBER})[*\s]*",
                             re.IGNORECASE)
_IMPLEMENTS = re.compile(rf"thực\s+hiện\s+(?:{KIND_PATTERN})\s+(?:số\s+)?(?P<id>{DOC_NUMBER})", re.IGNORECASE)
_SIGNED = re.compile(rf"(?:(?:đã|vừa)\s+)?ký(?:\s+ban\s+hành)?\s+(?P<kind>{KIND_PATTERN})\s+(?:số\s+)?"
                     rf"(?P<id>{DOC_NUMBER})", re.IGNORECASE)
_SIGNED_DATE = re.compile(rf"\s*,?\s*\(?\s*(?:ban hành\s+)?ngày\s+(?P<date>{_DATE})\s*\)?")
_SIGNED_ISSUER = re.compile(r"\s*,?\s*của\s+(?P<issuer>[^,.;()\n]+?)(?=\s+về\s|\s*[,.;(]|\s*$)")
_SIGNED_ABOUT = re.compile(r"\s*,?\s*về\s+(?P<about>[^\n]+?)\s*(?:\.(?:\s|$)|$)")
_ON_BEHALF = re.compile(rf"^(?:(?:Ngày\s+(?:{_DATE})|Thay mặt\s+(?P<behalf>[^,]+)|T/M\s+[^,]+),\s*)+")
_EFFECT = re.compile(
    rf"(?P<subject>{KIND_PATTERN}|Văn bản)\s+này\s+(?:chính thức\s+)?có\s+hiệu\s+lực\s+(?:thi\s+hành\s+)?"
    r"(?P<when>(?:kể\s+)?từ\s+[^.;\n]+?|sau\s+[^.;\n]+?)(?=\s*[.;\n]|,\s|\s+và\s+(?:thay thế|bãi bỏ)|\s*$)",
    re.IGNORECASE)
_ADOPTED = re.compile(
    rf"(?P<kind>{KIND_PATTERN}|Pháp lệnh)\s+này\s+(?:đã\s+)?được\s+(?P<body>[^.\n]+?)\s+(?:biểu quyết\s+)?thông\s+"
    rf"qua\s+(?:vào\s+)?ngày\s+(?P<date>{_DATE})[^.\n]*\.?", re.IGNORECASE)
_BODY_END = re.compile(r"\s+nước Cộng hòa xã hội chủ nghĩa Việt Nam|\s+khóa\s+[IVXL]+|,?\s+(?:tại\s+)?Kỳ họp",
                       re.IGNORECASE)
_MOTTOS = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "dang cong san viet nam")
_SUBJECT_PREFIX = re.compile(r"^(?:về\s+việc|v/v|về)\s+", re.IGNORECASE)
_SIGNATURE_OPENERS = tuple(column("signer_titles.tsv", "title"))
_SIGNATURE_OPEN = re.compile("^(?:" + "|".join(re.escape(t) for t in _SIGNATURE_OPENERS) + r")(?=\s|$)")
_SIGNED_MARK = re.compile(r"^[(\[]?\s*(?:da ky|ky|ky ten(?:,? dong dau)?|chu ky)\s*[)\]]?$")
_SURNAMES = frozenset(s.lower() for s in column("surnames.tsv", "surname"))
_ISSUER_NAMES = tuple(canonical_text(n) for n in column("issuers.tsv", "name"))
_ISSUER_WORDS = tuple(sorted((n.split() for n in _ISSUER_NAMES), key=len, reverse=True))
_PLACE_WORDS = tuple(sorted((fold(w).split() for w in column("place_words.tsv", "word")), key=len, reverse=True))
_NOT_PLACE = frozenset({"va", "cua", "ve", "tren", "tai"})

_DEFAULT_ORDER = (Origin.HEADER, Origin.TITLE, Origin.LEAD, Origin.ATTACHED, Origin.EFFECT, Origin.CLOSING,
                  Origin.SIGNATURE)
_PRIORITY = {
    "kind": (Origin.TITLE, Origin.LEAD, Origin.ATTACHED, Origin.CLOSING),
    "issuer": (Origin.TITLE, Origin.HEADER, Origin.LEAD, Origin.ATTACHED, Origin.CLOSING, Origin.SIGNATURE),
    "signer": (Origin.SIGNATURE, Origin.LEAD),
    "signer_title": (Origin.SIGNATURE, Origin.LEAD),
    "subject": (Origin.TITLE, Origin.LEAD),
}
TEXT_FIELDS = ("number", "kind", "date", "date_text", "issuer", "signer", "signer_title", "title", "recipients",
               "implements", "subject", "effective_text", "effective_date", "adopted_text", "bases")
_BASIS = re.compile(r"^[ \t*]*Căn cứ\s+(?P<basis>[^\n]+?)[ \t]*[;.,]?[ \t*]*$", re.MULTILINE)


@dataclass(frozen=True)
class Found:
    """One field a reader found: its value and where (``start``/``end`` into the source, -1 when nowhere)."""

    field: str
    value: str | tuple[str, ...]
    origin: MetadataOrigin
    start: int = -1
    end: int = -1


def iso_date(text: str) -> str:
    """"24 tháng 4 năm 2026" or "24/4/2026" → "2026-04-24"; "" when it is neither or no real day."""
    m = (re.search(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", text)
         or re.search(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", text))
    if not m:
        return ""
    try:
        return Date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return ""


def issuer_case(caps: str) -> str:
    """An issuer printed in capitals, in running-text case: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" → "Ủy ban nhân
    dân thành phố Hải Phòng"; known names keep their spelling, a place after "thành phố", "tỉnh" … is capitalised."""
    words = canonical_text(caps).lower().split()
    out: list[str] = []
    place = False
    i = 0
    while i < len(words):
        name = next((n for n in _ISSUER_WORDS if [w.lower() for w in n] == words[i: i + len(n)]), None)
        place_word = next((p for p in _PLACE_WORDS if p == [fold(w) for w in words[i: i + len(p)]]), None)
        if name or place_word:
            taken = name or words[i: i + len(place_word or [])]
            out += taken
            place = place_word is not None and len(place_word) >= len(taken)
            i += len(taken)
            continue
        word = words[i]
        if fold(word) in _NOT_PLACE:
            place = False
        out.append(word[:1].upper() + word[1:] if place else word)
        i += 1
    text = " ".join(out)
    return canonical_name(text[:1].upper() + text[1:])


def _is_authority(line: str) -> bool:
    """Whether a line in capitals names an issuing body or office ("QUỐC HỘI", "BỘ TRƯỞNG BỘ TÀI CHÍNH")."""
    text = issuer_case(line.strip("* "))
    return any(text.startswith(n) for n in _ISSUER_NAMES) or bool(_SIGNATURE_OPEN.match(line.strip("* ")))


def _lines(text: str, base: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, line) of the non-blank lines, stripped, offsets into the source."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append((base + m.start() + lead, base + m.start() + lead + len(stripped), stripped))
    return out


def _paragraphs(text: str, base: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, paragraph) of blank-line separated blocks, stripped, offsets into the source."""
    out = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", text):
        block = m.group(0).rstrip()
        out.append((base + m.start(), base + m.start() + len(block), block))
    return out


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _one_line(text: str) -> str:
    return " ".join(text.replace("*", " ").split())


def _strip_span(source: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span past surrounding spaces and Markdown bold marks."""
    while start < end and source[start] in " \t\r\n*#":
        start += 1
    while end > start and source[end - 1] in " \t\r\n*":
        end -= 1
    return start, end


def _header(source: str, head: str) -> list[Found]:
    """"Số: …", the place-and-date line, and the issuer's lines in capitals above them."""
    found: list[Found] = []
    number = _NUMBER_LINE.search(head)
    placed = _PLACE_DATE.search(head)
    if placed and not (placed.group("place")[:1].isupper() and iso_date(placed.group("date"))):
        placed = None
    if number:
        found.append(Found("number", number["id"], Origin.HEADER, number.start("id"), number.end("id")))
    if placed:
        s, e = placed.span("date")
        found += [Found("date_text", " ".join(placed["date"].split()), Origin.HEADER, s, e),
                  Found("date", iso_date(placed["date"]), Origin.HEADER, s, e)]
    marks = [m.start() for m in (number, placed) if m]
    if marks:
        cells = []
        for start, _, line in _lines(head[: min(marks)]):
            for cell in re.finditer(r"[^\t]+?(?=\t| {2,}|$)", line):
                text = cell.group(0).strip()
                if _is_caps(text) and not fold(text).startswith(_MOTTOS) and len(text) > 2:
                    cells.append((start + cell.start(), start + cell.end(), text))
        if cells:
            found.append(Found("issuer", issuer_case(" ".join(c[2] for c in cells)), Origin.HEADER, cells[0][0],
                               cells[-1][1]))
    return found


def _subject(source: str, start: int, end: int) -> Found:
    text = source[start:end]
    prefix = _SUBJECT_PREFIX.match(text.strip("* \n"))
    s, e = _strip_span(source, start, end)
    if prefix:
        s += prefix.end()
    return Found("subject", _one_line(source[s:e]), Origin.TITLE, s, e)


def _opens_subject(line: str) -> bool:
    """"Về …", "V/v …" or a line in lower case: a trích yếu inside the title block."""
    text = line.strip("* ")
    return bool(_SUBJECT_PREFIX.match(text)) or text[:1].islower()


def _accepts_subject(paragraph: str, bold: bool) -> bool:
    """Whether the paragraph after a title's kind line is its trích yếu rather than the body or the enacting body."""
    text = paragraph.strip("* ")
    if bold or _opens_subject(text):
        return True
    if _is_caps(text):
        return len(text) <= 300 and not _is_authority(text)  # a law's name: "LUẬT / ĐẤT ĐAI"
    return len(text) <= 300 and not text.endswith((".", ":", ";")) and not fold(text).startswith("can cu")


def _title(source: str, head: str) -> list[Found]:
    """The title block (kind line, "CỦA …", trích yếu), the enacting body's line above "Căn cứ", or an opening
    "Nghị quyết số 57-NQ/TW" line."""
    paragraphs = _paragraphs(head)[:12]
    found: list[Found] = []
    for n, (_, _, block) in enumerate(paragraphs):
        if fold(block.lstrip("* ")).startswith("can cu") and n > 0 and _is_caps(paragraphs[n - 1][2]) and \
                _is_authority(paragraphs[n - 1][2]):
            s, e = _strip_span(source, *paragraphs[n - 1][:2])
            found.append(Found("issuer", issuer_case(_one_line(source[s:e])), Origin.HEADER, s, e))
            break
    for n, (p_start, p_end, block) in enumerate(paragraphs):
        first = block.splitlines()[0].strip("* ")
        kind = next((k for k in _kind_prefixes(first)), "")
        if not kind or not _is_caps(first) or first.endswith(":"):
            continue
        bold = block.startswith("**")
        title_end = p_end
        lines = _lines(block, p_start)
        found.append(Found("kind", kind_name(kind), Origin.TITLE, lines[0][0] + (2 if bold else 0),
                           lines[0][0] + (2 if bold else 0) + len(kind)))
        of_line = next((ln for ln in lines[1:] if fold(ln[2].strip("* ")).startswith("cua ")), None)
        inner_subject = next((ln for ln in lines[1:] if ln is not of_line and _opens_subject(ln[2])), None)
        following = paragraphs[n + 1: n + 3]
        if of_line is None and inner_subject is None and following and \
                fold(following[0][2].strip("* ")).startswith("cua "):
            of_line, following = following[0], following[1:]
            title_end = of_line[1]
        if of_line:
            s, e = _strip_span(source, of_line[0], of_line[1])
            s += len("của ")
            words = source[s:e].split()
            run = " ".join(w for w in _leading_caps(words))
            found.append(Found("issuer", issuer_case(run) if _is_caps(run) else canonical_name(run), Origin.TITLE,
                               s, s + len(run)))
        inline_about = re.search(r"\s+VỀ\s+(?P<about>.+)$", first)
        if inline_about:
            s = lines[0][0] + block.splitlines()[0].index(first) + inline_about.start("about")
            found.append(Found("subject", inline_about["about"], Origin.TITLE, s, s + len(inline_about["about"])))
        elif inner_subject:
            found.append(_subject(source, inner_subject[0], p_end))
        elif following and (not bold or following[0][2].startswith("**")) and \
                _accepts_subject(following[0][2], following[0][2].startswith("**")):
            found.append(_subject(source, following[0][0], following[0][1]))
            title_end = following[0][1]
        s, e = _strip_span(source, p_start, title_end)
        found.append(Found("title", _one_line(source[s:e]), Origin.TITLE, s, e))
        return found
    opening = _lines(head)[:1]
    if opening:
        m = _OPENING_NUMBER.fullmatch(opening[0][2])
        if m:
            start = opening[0][0]
            found += [Found("kind", kind_name(m["kind"]), Origin.TITLE, start + m.start("kind"), start + m.end("kind")),
                      Found("number", m["id"], Origin.TITLE, start + m.start("id"), start + m.end("id")),
                      Found("title", _one_line(m.group(0)), Origin.TITLE, *_strip_span(source, start, opening[0][1]))]
    return found


def _kind_prefixes(line: str) -> list[str]:
    """The kind a title line opens with ("NGHỊ QUYẾT", "CHƯƠNG TRÌNH HÀNH ĐỘNG"), as printed; [] when none."""
    m = re.match(rf"(?:{KIND_PATTERN})(?=\s|$)", line, re.IGNORECASE)
    return [m.group(0)] if m else []


def _leading_caps(words: list[str]) -> list[str]:
    out = []
    for w in words:
        if not _is_caps(w) and any(c.isalpha() for c in w):
            break
        out.append(w)
    return out


def _person(words: list[str]) -> tuple[str, str]:
    """(title, name) from "Tổng Bí thư Tô Lâm": the name is the trailing capitalised run, from its surname."""
    run = 0
    while run < min(len(words), 5) and words[len(words) - 1 - run][:1].isupper():
        run += 1
    tail = words[len(words) - run:]
    start = next((i for i, w in enumerate(tail) if w.lower() in _SURNAMES), None)
    if start is None or len(tail) - start < 2:
        return "", ""
    return " ".join(words[: len(words) - run + start]), " ".join(tail[start:])


def _lead(source: str, head: str) -> list[Found]:
    """A publisher's lead: "Thay mặt Bộ Chính trị, Tổng Bí thư Tô Lâm đã ký ban hành Nghị quyết số 57-NQ/TW (ngày
    22/12/2024) của Bộ Chính trị về …"."""
    for p_start, _, block in _paragraphs(head)[:8]:
        m = _SIGNED.search(block)
        if not m:
            continue
        found = [Found("number", m["id"], Origin.LEAD, p_start + m.start("id"), p_start + m.end("id")),
                 Found("kind", kind_name(m["kind"]), Origin.LEAD, p_start + m.start("kind"), p_start + m.end("kind"))]
        sentence_start = max(block.rfind(". ", 0, m.start()) + 2, 0) if ". " in block[: m.start()] else 0
        before = block[sentence_start: m.start()]
        behalf = _ON_BEHALF.match(before)
        who_start = behalf.end() if behalf else 0
        words = before[who_start:].split()
        title, name = _person(words)
        if name:
            name_start = p_start + sentence_start + before.rindex(name)
            found.append(Found("signer", name, Origin.LEAD, name_start, name_start + len(name)))
            if title:
                t_start = p_start + sentence_start + before.index(title, who_start)
                found.append(Found("signer_title", title, Origin.LEAD, t_start, t_start + len(title)))
        pos = m.end()
        dated = _SIGNED_DATE.match(block, pos)
        if dated:
            s, e = p_start + dated.start("date"), p_start + dated.end("date")
            found += [Found("date_text", dated["date"], Origin.LEAD, s, e),
                      Found("date", iso_date(dated["date"]), Origin.LEAD, s, e)]
            pos = dated.end()
        issuer = _SIGNED_ISSUER.match(block, pos)
        if issuer:
            found.append(Found("issuer", canonical_name(issuer["issuer"]), Origin.LEAD,
                               p_start + issuer.start("issuer"), p_start + issuer.end("issuer")))
            pos = issuer.end()
        elif behalf and behalf["behalf"]:
            s = p_start + sentence_start + behalf.start("behalf")
            found.append(Found("issuer", canonical_name(behalf["behalf"]), Origin.LEAD, s, s + len(behalf["behalf"])))
        about = _SIGNED_ABOUT.match(block, pos)
        if about:
            found.append(Found("subject", about["about"].strip(), Origin.LEAD, p_start + about.start("about"),
                               p_start + about.end("about")))
        return [f for f in found if f.value]
    return []


def _attached(source: str) -> list[Found]:
    """"(Kèm theo Chương trình hành động số 20-CTr/TU ngày 24 tháng 4 năm 2026 của Ban Thường vụ Thành ủy)"."""
    m = _ATTACHED_TO.search(source)
    if not m:
        return []
    found = [Found("number", m["id"], Origin.ATTACHED, *m.span("id")),
             Found("kind", kind_name(m["kind"]), Origin.ATTACHED, *m.span("kind"))]
    if m["date"] and iso_date(m["date"]):
        found += [Found("date_text", m["date"], Origin.ATTACHED, *m.span("date")),
                  Found("date", iso_date(m["date"]), Origin.ATTACHED, *m.span("date"))]
    if m["issuer"]:
        s, e = _strip_span(source, *m.span("issuer"))
        found.append(Found("issuer", canonical_name(source[s:e]), Origin.ATTACHED, s, e))
    return found


def _effect(source: str, kind: str) -> list[Found]:
    """"Nghị quyết này có hiệu lực thi hành từ ngày được Quốc hội thông qua": the clause of the document's own kind
    when there are several ("Quyết định này …" before "Quy chế này …")."""
    matches = list(_EFFECT.finditer(source))
    if not matches:
        return []
    m = next((m for m in matches if kind_name(m["subject"]) == kind), matches[0])
    found = [Found("effective_text", " ".join(m["when"].split()), Origin.EFFECT, *m.span("when"))]
    if iso_date(m["when"]):
        found.append(Found("effective_date", iso_date(m["when"]), Origin.EFFECT, *m.span("when")))
    return found


def _closing(source: str) -> list[Found]:
    """"Nghị quyết này được Quốc hội … khóa XV, Kỳ họp thứ 9 thông qua ngày 17 tháng 5 năm 2025." (the last one)."""
    matches = list(_ADOPTED.finditer(source))
    if not matches:
        return []
    m = matches[-1]
    found = [Found("adopted_text", m.group(0).strip(), Origin.CLOSING, *m.span()),
             Found("kind", kind_name(m["kind"]), Origin.CLOSING, *m.span("kind"))]
    if iso_date(m["date"]):
        found += [Found("date_text", " ".join(m["date"].split()), Origin.CLOSING, *m.span("date")),
                  Found("date", iso_date(m["date"]), Origin.CLOSING, *m.span("date"))]
    body = m["body"]
    cut = _BODY_END.search(body)
    issuer = body[: cut.start()] if cut else body
    start = m.start("body")
    found.append(Found("issuer", canonical_name(issuer), Origin.CLOSING, start, start + len(issuer)))
    return found


def _is_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return False
    return not _SIGNATURE_OPEN.match(line) and (words[0].lower() in _SURNAMES or not _is_caps(line))


def _signature(source: str) -> list[Found]:
    """The first signature block ("T/M BAN THƯỜNG VỤ / BÍ THƯ / … / Lê Ngọc Châu") and the "Nơi nhận:" list."""
    lines = _lines(source)
    found: list[Found] = []
    for i, (start, end, text) in enumerate(lines):
        if not (_is_caps(text) and len(text) <= 80 and _SIGNATURE_OPEN.match(text)):
            continue
        titles = [(start, end, text)]
        for s, e, t in lines[i + 1: i + 12]:
            if _is_name(t):
                title = " ".join(x[2] for x in titles)
                found += [Found("signer", t, Origin.SIGNATURE, s, e),
                          Found("signer_title", title, Origin.SIGNATURE, titles[0][0], titles[-1][1])]
                behalf = re.match(r"(?:T/M|TM\.?)\s+(?P<body>.+)", titles[0][2])
                if behalf:
                    found.append(Found("issuer", issuer_case(behalf["body"]), Origin.SIGNATURE,
                                       titles[0][0] + behalf.start("body"), titles[0][1]))
                break
            if _is_caps(t) and len(t) <= 80 and not _SIGNED_MARK.match(fold(t)):
                titles.append((s, e, t))
            elif not (_SIGNED_MARK.match(fold(t)) or t.startswith("-") or fold(t).startswith("noi nhan")):
                break
        if found:
            break
    opened = next((n for n, (_, _, t) in enumerate(lines) if re.match(r"Nơi nhận\s*:", t)), None)
    if opened is not None:
        items = []
        for s, e, t in lines[opened + 1:]:
            if not t.startswith("-"):
                break
            items.append((s, e, t.lstrip("- ").rstrip(",.;")))
        if items:
            found.append(Found("recipients", tuple(x[2] for x in items), Origin.SIGNATURE, items[0][0], items[-1][1]))
    return found


def _bases(head: str) -> list[Found]:
    """The preamble's "Căn cứ …" lines (a law's, a decree's, a decision's legal bases), the first run of them."""
    found = list(_BASIS.finditer(head))
    run = found[:1]
    for m in found[1:]:
        if head[run[-1].end():m.start()].strip():
            break  # text between: the run has ended
        run.append(m)
    if not run:
        return []
    return [Found("bases", tuple(m["basis"] for m in run), Origin.TITLE, run[0].start("basis") - len("Căn cứ "),
                  run[-1].end("basis"))]


def _implements(head: str) -> list[Found]:
    m = _IMPLEMENTS.search(head)
    return [Found("implements", m["id"], Origin.TITLE, *m.span("id"))] if m else []


def _merge(found: list[Found]) -> dict[str, Found]:
    chosen: dict[str, Found] = {}
    for name in TEXT_FIELDS:
        order = _PRIORITY.get(name, _DEFAULT_ORDER)
        candidates = [f for f in found if f.field == name and f.value and f.origin in order]
        if candidates:
            chosen[name] = min(candidates, key=lambda f: order.index(f.origin))
    return chosen


def read_metadata(source: str, sections: list[Section]) -> Metadata:
    """What the document says about itself; fields it does not state stay empty."""
    pre = next((s for s in sections if s.id == "PRE"), None)
    head = source[: max(HEAD_CHARS, pre.end if pre and pre.start == 0 else 0)]
    found = _header(source, head) + _title(source, head) + _lead(source, head) + _attached(source)
    found += _closing(source) + _signature(source) + _implements(head) + _bases(head)
    chosen = _merge(found)
    chosen = _merge(found + _effect(source, chosen["kind"].value if "kind" in chosen else ""))
    effect = chosen.get("effective_text")
    if effect and "effective_date" not in chosen and "date" in chosen and \
            re.search(r"\bngay ky\b|thong qua", fold(str(effect.value))):  # "kể từ ngày ký", "từ ngày … thông qua"
        chosen["effective_date"] = replace(chosen["date"], field="effective_date", origin=Origin.EFFECT,
                                           start=effect.start, end=effect.end)
    return _metadata(chosen)


def _metadata(chosen: dict[str, Found]) -> Metadata:
    values = {name: f.value for name, f in chosen.items()}
    return Metadata(**values,  # type: ignore[arg-type]
                    spans=tuple((n, f.start, f.end) for n, f in chosen.items() if f.start >= 0),
                    origins=tuple((n, f.origin.value) for n, f in chosen.items()))


def with_field(meta: Metadata, name: str, value: str | tuple[str, ...], origin: MetadataOrigin,
               span: tuple[int, int] | None = None) -> Metadata:
    """The metadata with one field set from elsewhere (a sidecar, the file name), its old span and origin dropped."""
    spans = tuple(s for s in meta.spans if s[0] != name) + (((name, *span),) if span else ())
    origins = tuple(o for o in meta.origins if o[0] != name) + ((name, origin.value),)
    return replace(meta, **{name: value}, spans=spans, origins=origins)
