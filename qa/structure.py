"""Sections a question names by their printed numbers — "Điều 10", "khoản 3 Điều 5", "Article 12(2)", "mục III.3"
— and the parts a question counts ("bao nhiêu chương?"), from ``qa/data/structure_words.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from index.lexicon import english_terms, gloss_english
from index.tokenize import detect_language
from ingest.folding import fold
from ingest.model import Document, Section

DATA = Path(__file__).resolve().parent / "data" / "structure_words.yaml"
ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"


@lru_cache(maxsize=1)
def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def asking_words() -> frozenset[str]:
    """Folded syllables that name a part of a document or ask what it says ("điều", "khoản", "quy định", "say")."""
    names = [w for key in ("article", "clause", "point", "chapter", "part", "section", "item") for w in data()[key]]
    return frozenset(w for phrase in [*names, *data()["asking"]] for w in re.findall(r"[a-z]+", phrase))


def _words(name: str) -> str:
    return "|".join(data()[name])


def _roman(number: str) -> str:
    """"3" → "III"; a Roman numeral as it is, upper-cased."""
    if not number.isdigit():
        return number.upper()
    n, out = int(number), ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        out += letters * (n // value)
        n %= value
    return out


def section_ref(folded: str, raw: str) -> str | None:
    """The canonical id of the section a question names ("Đ.5.3", "III.3", "C.II"), or None."""
    article = re.search(rf"\b(?:{_words('article')})\s*(?:so\s*|no\.?\s*)?(\d{{1,3}})\b(?:\s*\((\d{{1,2}})\))?"
                        rf"(?:\s*\(([a-z])\))?", folded)
    if article:
        clause = article.group(2) or _number(rf"\b(?:{_words('clause')})\s*(\d{{1,2}})\b", folded)
        point = article.group(3) or _number(rf"\b(?:{_words('point')})\b\s*([a-zđ])\b(?!\w)", raw.lower())
        parts = ["Đ." + article.group(1)] + ([clause] if clause else []) + ([point] if clause and point else [])
        return ".".join(parts)
    part = rf"(?:{_words('part')})\s+(?:so\s+|thu\s+)?((?=[ivx]){ROMAN}|[1-9])\b"
    item = rf"(?:{_words('item')})\s+(?:so\s+|thu\s+)?(\d{{1,2}})\b"
    of = r"(?:(?:cua|thuoc|trong|tai|of|in|under)\s+(?:the\s+)?)?"
    item_first = re.search(rf"\b{item}[\s,]+{of}{part}", folded, re.IGNORECASE)
    part_first = re.search(rf"\b{part}[\s,]+(?:(?:the\s+)?{item})", folded, re.IGNORECASE)
    if item_first or part_first:
        number, roman = (item_first.groups() if item_first else reversed(part_first.groups()))
        return f"{_roman(roman)}.{number}"
    chapter = re.search(rf"\b(?:{_words('chapter')})\s+(?:so\s+)?((?=[ivx]){ROMAN}|\d{{1,2}})\b", folded, re.IGNORECASE)
    if chapter:
        return f"C.{_roman(chapter.group(1))}"
    dotted = re.search(rf"\b(?:{_words('section')}|{_words('part')})\s+((?=[ivx]){ROMAN}(?:\.\d{{1,2}})*|\d{{1,2}}"
                       rf"(?:\.\d{{1,2}})+)(?![\w.,%])(?!\s*(?:ty|trieu|nghin|lan|%))", folded, re.IGNORECASE)
    return dotted.group(1).upper() if dotted else None  # "mục 1.8": the item printed "1.8." (III.1.8)


def _number(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text)
    return m.group(1) if m else None


def counted(folded: str) -> str | None:
    """What a "how many" question counts: "chapter", "article", "target" …, or None. The noun right after "how many"
    decides before one named earlier ("Điều 4 có bao nhiêu khoản?" counts clauses)."""
    nouns = data()["count_nouns"].items()
    for name, words in nouns:
        if re.search(rf"(?:bao nhieu|may|how many|number of|so luong|tong so)\s+(?:\w+\s+)?(?:{'|'.join(words)})\b",
                     folded):
            return name
    for name, words in nouns:
        if re.search(rf"\b(?:{'|'.join(words)})\b.*\b(?:bao nhieu|how many)", folded):
            return name
    return None


_COUNTED = re.compile(r"\b(?:bao nhieu|may|how many|number of)\s+(\w+)(?:\s+(\w+))?")


def counted_nouns(folded: str, english: str = "") -> tuple[str, ...]:
    """What a "how many" question may count, folded, longest first: the two words right after "mấy" / "how many"
    and the first alone ("chuc nang", "chuc"); for an ``english`` question the first lexicon term there, in
    Vietnamese ("functions" → "chuc nang"); () when it asks no count."""
    m = _COUNTED.search(folded)
    if m is None:
        return ()
    if english:
        terms = english_terms(" ".join(w for w in m.groups() if w))
        return (fold(terms[0][1][0].lower()),) if terms else ()
    return (f"{m.group(1)} {m.group(2)}", m.group(1)) if m.group(2) else (m.group(1),)


@lru_cache(maxsize=1)
def _which_part() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    after, before = "|".join(data()["which_after"]), "|".join(data()["which_before"])
    out = []
    for spec in data()["which_part"].values():
        words = "|".join(spec["words"])
        out.append((re.compile(rf"\b(?:{words})\s+(?:{after})\b|\b(?:{before})\s+(?:{words})\b"), tuple(spec["kinds"])))
    return out


def asked_part(folded: str) -> tuple[str, ...]:
    """The section kinds of the part a question asks for by what it says ("Điều nào nói về …" → article; "which
    chapter …" → chapter), or () when it asks for none."""
    return next((kinds for pattern, kinds in _which_part() if pattern.search(folded)), ())


ATTACHED = re.compile(r"quy che|quy dinh (?:kem theo|ban hanh kem)|dieu le|regulation|rules|kem theo|attached")


def matching_sections(doc: Document, wanted: str, attached: bool) -> list[Section]:
    """Sections whose id is ``wanted``, or ``wanted`` under an attached part ("QC.Đ.5"): the attached ones first
    when the question says it asks about the attached text."""
    exact = [s for s in doc.sections if s.id == wanted]
    prefixed = [s for s in doc.sections if s.id.endswith("." + wanted) and s.id.split(".", 1)[0].isupper()
                and not s.id[0].isdigit() and s.id.split(".")[0] not in ("Đ", "C", "P", "M")]
    return (prefixed + exact) if attached else (exact + prefixed)


HEADING_WORDS = 2  # the first words of a part's heading that name it ("quan điểm" of "I- QUAN ĐIỂM CHỈ ĐẠO")


@lru_cache(maxsize=4096)
def _heading_name(heading: str) -> str:
    """A pattern for how a question names a part by its heading: its first words after its number, then the
    others in order, each optional ("quan điểm", "quan điểm chỉ đạo"); "" when the heading is too short."""
    words = re.findall(r"\w+", re.sub(r"^\W*(?:[ivxlc]+|\d+)(?=\W)\W*", "", fold(heading.lower())))
    if len(words) < HEADING_WORDS:
        return ""
    rest = words[HEADING_WORDS:]
    return r"\W+".join(words[:HEADING_WORDS]) + "".join(rf"(?:\W+{w}" for w in rest) + ")?" * len(rest)


def _ordinal(word: str) -> int | None:
    if word[:1].isdigit():
        return int(re.match(r"\d+", word).group(0))
    return data()["ordinals"].get(word) or data()["english_ordinals"].get(word)


@lru_cache(maxsize=1)
def _item_number() -> tuple[str, str]:
    """Patterns of an item's number after its part's name ("thứ ba", "số 5", "no. 5") and before it ("5th",
    "fifth"); the number is the first group."""
    words = "|".join(data()["ordinals"])
    after = rf"(?:(?:so|no|number)\W*)?(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?\b|thu\s+(?:(\d{{1,2}})\b|({words})\b)"
    before = rf"(\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(data()['english_ordinals'])})"
    return after, before


def items_named_by_heading(folded: str, documents: list[Document], glossed: str = "") -> list[tuple[Document,
                                                                                                      Section]]:
    """The numbered items a question names by their part's heading and their number ("quan điểm thứ 3", "ý 1 phần
    tổ chức thực hiện", "mục tiêu số 2"): item N of each top-level part whose heading begins with those words.
    ``glossed``: an English question with its terms in Vietnamese ("guiding viewpoint no. 5" → "quan điểm chỉ đạo
    no 5", :func:`index.lexicon.gloss_english`)."""
    after, before = _item_number()
    texts = [folded, *([fold(glossed)] if glossed else [])]
    connect = "|".join(data()["item_connectors"])
    found = []
    for doc in documents:
        for part in (s for s in doc.sections if s.parent is None and s.heading):
            name = _heading_name(part.heading)
            if not name:
                continue
            for text in texts:  # both ways of naming the item hold the part's name
                m = (re.search(rf"\b{name}\W+(?:{after})", text)
                     or re.search(rf"\b(?:{_words('item')})\W+(?:{after})\W+(?:(?:{connect})\s+)?(?:the\s+)?"
                                  rf"(?:(?:{_words('part')})\s+)?{name}\b", text)
                     or re.search(rf"\b{before}\s+{name}\b", text))
                n = _ordinal(next(g for g in m.groups() if g)) if m else None
                child = next((c for c in doc.children(part.id) if n is not None and c.number == str(n)), None)
                if child is not None:
                    found.append((doc, child))
                    break
    return found


def named_section(folded: str, raw: str, documents: list[Document], scoped: bool,
                  by_heading: bool = True) -> tuple[Document, Section] | None:
    """The one section the question names by number (or, ``by_heading``, as item N of a part it names by its
    heading), in the documents searched; None when it names none, when no document has it, or when several do and
    the question names none of them (``scoped``: it names documents)."""
    wanted = section_ref(folded, raw)
    if wanted is None:
        glossed = gloss_english(raw) if detect_language(raw) == "en" else ""
        found = items_named_by_heading(folded, documents, glossed) if by_heading else []
    else:
        attached = bool(ATTACHED.search(folded))
        found = [(d, s) for d in documents for s in matching_sections(d, wanted, attached)[:1]]
    if len(found) != 1 and not (found and scoped):
        return None
    return found[0]


def list_lead_ins(documents: list[Document]) -> list[tuple[Document, Section, str]]:
    """Every lead-in of a list in the documents — a section whose own text ends in ":" and which has items ("Quỹ …
    thực hiện các chức năng sau đây:") — with that text, its spaces collapsed."""
    return [(doc, s, lead) for doc in documents for s in doc.sections
            if (lead := " ".join(s.text.split())).endswith(":") and doc.children(s.id)]


def unique_best(scored: list[tuple[float, Document, Section]],
                minimum: float) -> tuple[float, Document, Section] | None:
    """The best scored section when it reaches ``minimum`` and no other scores as well; None otherwise."""
    ranked = sorted(scored, key=lambda x: -x[0])
    if not ranked or ranked[0][0] < minimum or len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    return ranked[0]


def descendants(doc: Document, section: Section) -> list[Section]:
    """Every section under ``section``, in document order."""
    out, todo = [], [section.id]
    while todo:
        children = doc.children(todo.pop(0))
        out += children
        todo += [c.id for c in children]
    return sorted(out, key=lambda s: s.start)
