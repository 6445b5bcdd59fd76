"""Claims to verify ("is it true that task 5 is due in Q3 2026?"): the values a claim asserts (agencies, periods,
figures) are read from it, what it is about is answered as a question, and each value is checked against the
answer's printed evidence: confirmed, corrected with the printed value, or — when the evidence states no value of
that kind — left unverified, and then no verdict is given.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

import yaml

from index.lexicon import english_terms, glossed_words
from index.tokenize import detect_language, fold, is_stopword
from ingest.datafiles import column
from ingest.doc_numbers import without_names
from ingest.figures import UNITS, find_figures, parse_number
from ingest.model import Figure
from ingest.periods import Period, PeriodKind, find_periods
from qa.answer import Answer
from qa.evidence import PLACES
from qa.handlers import ALIASES, _plain
from qa.numbers import cardinals
from qa.question import content_syllables, content_syllables_in_order, padded_words

DATA = Path(__file__).resolve().parent / "data" / "claims.yaml"
MIN_STATED_SYLLABLES = 4  # a claim asserting no value is confirmed only on this many topical syllables or more
MAX_UNSTATED_SHARE = 0.2  # … of which the evidence may leave this share unstated, never two standing together
NEAR_SYLLABLES = 5  # topical syllables each side of a printed figure that say what it is a figure of
MIN_ATTRIBUTING_SYLLABLES = 2  # of the claim's, next to another figure while none is in the claimed one's clause
FIGURE_MAGNITUDE = 10.0  # a unitless claimed figure is compared only with printed figures within this factor
DATED = (PeriodKind.DAY, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR, PeriodKind.BY)
ANSWERS_WHO = ("task_lead", "responsibility")  # answer kinds whose text names who is responsible
AGENCY_LISTS = ("agency_tasks",)  # answer kinds listed for an agency the question names
DEADLINE_KINDS = ("task_deadline", "task_lead_deadline")  # answer kinds whose period is what a claim dates


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def loose(pattern: str) -> str:
    """A pattern written with diacritics that also matches its words typed without them ("đúng" matches "đúng" and
    "dung", never "dựng"): each marked letter becomes a class of itself and its bare letter."""
    return "".join(f"[{c}{fold(c)}]" if not c.isascii() and fold(c) != c else c for c in pattern)


@lru_cache(maxsize=8)
def _patterns(key: str) -> list[re.Pattern[str]]:
    """The data file's patterns of ``key``, matched on the lowercased question (:func:`_lower`)."""
    return [re.compile(loose(p)) for p in _data()[key]]


def _lower(text: str) -> str:
    """NFC lowercase, one character per character of ``text`` (so offsets carry over)."""
    return unicodedata.normalize("NFC", text).lower()


def _folded(text: str) -> str:
    """Lowercase, without diacritics, one character per character of ``text`` (so offsets carry over)."""
    return fold(text.lower())


class ValueKind(Enum):
    AGENCY = "agency"
    PERIOD = "period"
    FIGURE = "figure"
    FREQUENCY = "frequency"
    POST = "post"
    PERSON = "person"
    SHARE = "share"  # a share of a whole: "55/67 xã", "55 trên 67"


@dataclass(frozen=True)
class Value:
    """One value a claim asserts: an agency's canonical name, a period, a figure with its unit, how often something
    is done (``number``: months), a post, a person, or a share of a whole (``number`` the part, ``unit`` the whole,
    ``said`` what the claim says of it: "xã đạt chuẩn nông thôn mới nâng cao")."""

    kind: ValueKind
    text: str
    number: float | None = None
    unit: str = ""
    period: Period | None = None
    said: str = ""


@dataclass(frozen=True)
class Claim:
    """What a claim asserts, and what it is about: ``question`` is the claim without the words asking to verify
    it; ``about`` is that without the agencies it names (the agency is what a record answers)."""

    values: tuple[Value, ...]
    question: str
    about: str
    framed: bool  # asked to be verified in so many words; else a yes/no question that asserts a value


def _framed(lowered: str) -> bool:
    return any(p.search(lowered) for p in _patterns("frames"))


def is_claim(question: str, lang: str = "vi") -> bool:
    """The question asks to verify something rather than to be told it: a verifying frame ("… đúng không?", "is it
    true that"), or a yes/no question ("Is the target set at 0.8?") that asserts a value."""
    lowered = _lower(question)
    if _framed(lowered):
        return True
    if any(p.search(lowered) for p in _patterns("mentions")):
        return False  # "does it say anything about …?" asks what a document speaks of
    return any(p.search(lowered) for p in _patterns("yes_no")) and bool(_values(_as_printed(question, lang)))


def _without_frames(text: str) -> str:
    """The claim without the words that ask to verify it ("có phải … không?", "is it true that")."""
    out = text
    for pattern in [*_patterns("frames"), *_patterns("tails")]:
        # the last match: a frame closes the question ("… sở xây dựng chủ trì đúng ko?" typed bare holds "dung chu")
        m = next(reversed(list(pattern.finditer(_lower(out)))), None)
        if m:
            out = out[: m.start()] + " " + out[m.end():]  # lowercasing keeps offsets: one character per character
    return " ".join(out.split()).strip(" ,?:—-")


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _folded(m.group(0))) for m in re.finditer(r"[\w%/.,-]+", text)]


@lru_cache(maxsize=1)
def _unit_aliases() -> list[tuple[re.Pattern[str], str]]:
    """(pattern of a unit as typed after a number, the document's unit), longest first: the data file's aliases,
    and every unit typed without diacritics ("19 nguoi" → "19 người")."""
    aliases = dict(_data()["unit_aliases"])
    for unit in UNITS:
        aliases.setdefault(_folded(unit), unit)
    ordered = sorted(aliases.items(), key=lambda a: -len(a[0]))
    return [(re.compile(rf"(?<=\d)(\s*){re.escape(alias)}(?!\w)"), unit) for alias, unit in ordered]


def _with_units(text: str) -> str:
    """Units typed the way users type them spelled the document's way ("80 ty do" → "80 tỷ USD")."""
    for pattern, unit in _unit_aliases():
        for m in reversed(list(pattern.finditer(_folded(text)))):
            if text[m.start(): m.end()].strip() != unit:
                text = text[: m.start()] + m.group(1) + unit + text[m.end():]
    return text


_SCALED = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(triệu|tỷ|nghìn)(?!\w)")
_BARE = re.compile(r"(?<![\w.,/#-])(\d{1,4})(?![\w.,/%-])")  # not a name that holds a digit ("5G", "4.0")
_NAMED_BY_NUMBER = re.compile(r"(?:nhiem vu|nv|task|viec|#|dieu|article|khoan|clause|muc|part|phan|chuong|chapter|"
                              r"chi tieu|target|so|no\.?|diem|ben|item|row|dong|goal|muc tieu)\s*(?:so\s*)?$")
_WORD_THEN_WORD = re.compile(r"(?<!\w)(\w+)(?:\s+|-)(?=\w)")  # a word another follows ("five years", "five-year")
_FRACTION = re.compile(r"\b(\d+)\s*(?:/|trên|tren|out of)\s*(?!(?:19|20)\d\d\b)(\d{1,3})\b(?!/)", re.IGNORECASE)
_EN_THOUSANDS = re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b")
_EN_DECIMAL = re.compile(r"\b(\d+)\.(\d{1,2})\b")


def _as_printed(text: str, lang: str) -> str:
    """NFC, and numbers written the documents' way: in English "12,500" is twelve thousand five hundred and "43.5" a
    decimal, as "12.500" and "43,5" are in Vietnamese."""
    text = unicodedata.normalize("NFC", text)
    if lang == "en":
        text = _EN_THOUSANDS.sub(lambda m: m.group(0).replace(",", "_").replace(".", ",").replace("_", "."), text)
        text = _EN_DECIMAL.sub(r"\1,\2", text)
    return _with_units(text)


def _named(text: str, forms) -> list[tuple[str, str]]:
    """(folded form, value) of each of ``forms`` that ``text`` names as whole words, in the order given (longest
    first), not overlapping."""
    plain = f" {_plain(text)} "
    found = []
    for form, value in forms:
        if f" {form} " in plain:
            found.append((form, value))
            plain = plain.replace(f" {form} ", " | ")
    return found


def _agencies(text: str) -> list[tuple[str, str]]:
    """(folded alias, canonical name) of every agency ``text`` names, longest names first, not overlapping."""
    return _named(text, ALIASES)


@lru_cache(maxsize=1)
def _frequency_patterns() -> list[tuple[re.Pattern[str], int]]:
    return [(re.compile(loose(p)), row["months"]) for row in _data()["frequencies"] for p in row["patterns"]]


def frequencies(text: str) -> list[tuple[int, int, int]]:
    """(start, end, months) of every frequency ``text`` states: "định kỳ 6 tháng" → 6."""
    lowered = _lower(text)
    return [(m.start(), m.end(), months) for pattern, months in _frequency_patterns()
            for m in pattern.finditer(lowered)]


@lru_cache(maxsize=1)
def _post_forms() -> tuple[tuple[str, str], ...]:
    """(folded form, post as printed): each post's own words, then its English ones, the longest post first."""
    posts = sorted(_data()["posts"], key=lambda p: -len(_plain(p["vi"])))
    return tuple((form, p["vi"]) for p in posts for form in (_plain(p["vi"]), *(_plain(e) for e in p["en"])))


def _posts_named(text: str) -> list[str]:
    """The posts ``text`` names (as printed), longest first, not overlapping: "Tổng Bí thư" is not "Bí thư"."""
    return list(dict.fromkeys(post for _, post in _named(text, _post_forms())))


_SIGNED = re.compile(r"(?i)\b(?:ký|ky|signed|signs|signatory|signer)\b")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(fold(n) for n in column("surnames.tsv", "surname"))


def persons_named(text: str) -> list[str]:
    """The people ``text`` names ("Lê Ngọc Châu", "Tô Lâm"): runs of capitalised words that begin with a family
    name (``ingest/data/surnames.tsv``), two to four words long."""
    surnames = _surnames()
    out, words = [], re.findall(r"[^\W\d_]+", text)
    i = 0
    while i < len(words):
        run = list(itertools.takewhile(lambda w: w[:1].isupper(), words[i:i + 4]))
        if len(run) >= 2 and fold(run[0]) in surnames:
            out.append(" ".join(run))
            i += len(run)
        else:
            i += 1
    return out


def _values(text: str) -> list[Value]:
    out = [Value(ValueKind.AGENCY, name) for _, name in _agencies(text)]
    out += [Value(ValueKind.POST, post) for post in _posts_named(text)]
    if _SIGNED.search(text):  # who signed: the one claim about a person the metadata settles
        out += [Value(ValueKind.PERSON, person) for person in persons_named(text)]
    for m in _FRACTION.finditer(text):  # "55 trên 67 xã": a share of a whole, not two figures
        end = _CLAUSE_END.search(text, m.end())
        out.append(Value(ValueKind.SHARE, m.group(0), float(m.group(1)), unit=m.group(2),
                         said=text[m.end():end.start() if end else None]))
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for start, end, months in frequencies(text):  # its number is not a figure of its own ("every six months")
        if not text[start:end].strip():
            continue  # inside one found already ("định kỳ hằng năm", "hằng năm")
        out.append(Value(ValueKind.FREQUENCY, text[start:end], float(months)))
        text = text[:start] + " " * (end - start) + text[end:]
    periods = [(start, end, p) for start, end, p in find_periods(text) if p.kind in DATED or p.kind == PeriodKind.RANGE]
    out += [Value(ValueKind.PERIOD, p.label, period=p) for _, _, p in periods]

    def dates(m: re.Match) -> bool:  # the day of "22 December 2023" is not a figure
        return any(start <= m.start() < end for start, end, p in periods if p.kind == PeriodKind.DAY)

    figures = find_figures(text)
    for f in figures:
        if f.unit or ("," in f.text or "." in f.text) and f.value_max is None:
            out.append(Value(ValueKind.FIGURE, f.text, f.value, f.unit))
    taken = " ".join(f.text for f in figures)
    for m in _SCALED.finditer(text):
        if m.group(0) not in taken:
            out.append(Value(ValueKind.FIGURE, m.group(0), parse_number(m.group(1)), m.group(2)))
    for m in _bare_numbers(text):
        if (not re.search(rf"(?<![\d.,]){m.group(1)}(?![\d.,])", taken) and not _SCALED.match(text, m.start())
                and not dates(m)):
            out.append(Value(ValueKind.FIGURE, m.group(1), float(m.group(1))))
    for m in _WORD_THEN_WORD.finditer(text):  # "for five years", "hai lần một năm"; not the "Hai" of "Hai Phong"
        number = cardinals().get(m.group(1).lower())
        if number is None or _NAMED_BY_NUMBER.search(_folded(text[: m.start()]).rstrip(" (")):
            continue
        rest = padded_words(_folded(text[m.start():]))  # folded once, not once per place
        if not any(rest.startswith(f" {place} ") for place in PLACES):
            out.append(Value(ValueKind.FIGURE, m.group(1), float(number)))
    return out


def _bare_numbers(text: str) -> list[re.Match]:
    """The bare whole numbers of ``text`` that may be figures ("top 30", "nhóm 30 nước"): not years, not 0 or 1, not
    numbers that name a task, an article or a part."""
    return [m for m in _BARE.finditer(text) if 1 < int(m.group(1)) and not 1900 <= int(m.group(1)) <= 2100
            and not _NAMED_BY_NUMBER.search(_folded(text[: m.start()]).rstrip(" ("))]


def _remove(text: str, folded_phrase: str) -> str:
    """``text`` without the words that fold to ``folded_phrase`` (matched word by word)."""
    words = [(s, e, " ".join(re.findall(r"[a-z0-9]+", w))) for s, e, w in _words(text)]
    wanted = folded_phrase.split()
    for i in range(len(words) - len(wanted) + 1):
        if [w for _, _, w in words[i:i + len(wanted)]] == wanted:
            return " ".join((text[: words[i][0]] + " " + text[words[i + len(wanted) - 1][1]:]).split())
    return text


def asked_as(claim: Claim, lang: str, names_task: bool) -> list[str]:
    """The claim put as questions: what it is about, the whole claim, and — when it names a task, whose record
    holds its lead and deadline — what it is about asked for the kind of each value it asserts (``asked_as`` in
    the data file: a period is asked as the task's deadline)."""
    asks = _data()["asked_as"] if names_task else {}
    kinds = [v.kind.value for v in claim.values if v.kind.value in asks]
    return list(dict.fromkeys([claim.about, claim.question,
                               *(f"{claim.about} {asks[k]['en' if lang == 'en' else 'vi']}" for k in kinds),
                               *_values_asked(claim, lang)]))


_LEADING_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*\s*")


def _values_asked(claim: Claim, lang: str) -> list[str]:
    """What the claim is about with each figure or period it asserts replaced by the words that ask for it
    (``value_asked`` in the data file): a figure's number is asked, its unit kept."""
    asking = _data()["value_asked"]
    out = []
    for v in claim.values:
        if v.kind.value not in asking:
            continue
        at = claim.about.lower().find(v.text.lower())
        if at < 0:
            continue
        unit = _LEADING_NUMBER.sub("", v.text) if v.kind is ValueKind.FIGURE else ""
        words = f"{asking[v.kind.value]['en' if lang == 'en' else 'vi']} {unit}".strip()
        out.append(" ".join(f"{claim.about[:at]} {words} {claim.about[at + len(v.text):]}".split()))
    return out


def read_claim(question: str, lang: str = "vi") -> Claim | None:
    """The claim a question makes (its values may be none this module can check), or None when it makes none."""
    if not is_claim(question, lang):
        return None
    rest = _as_printed(_without_frames(question), lang)
    about = rest
    for alias, _ in _agencies(rest):
        about = _remove(about, alias)
    return Claim(tuple(_values(without_names(rest))), rest, about, _framed(_lower(question)))


# ---- checking a value against the answer's evidence ---------------------------------------------------------

class Finding(Enum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"


def _evidence(answer: Answer) -> str:
    return " ".join([answer.answer, *(c.quote for c in answer.citations[:1])])


def _check_agency(value: Value, answer: Answer) -> tuple[Finding, str]:
    if answer.kind in AGENCY_LISTS:
        return Finding.UNKNOWN, ""  # a list of the claimed agency's own tasks names it whatever the claim says
    if f" {_plain(value.text)} " in f" {_plain(_evidence(answer))} ":
        return Finding.SUPPORTED, value.text
    if answer.kind in (*ANSWERS_WHO, "task_lead_deadline"):
        return Finding.CONTRADICTED, answer.answer.split(" — ")[0]
    return Finding.UNKNOWN, ""


def _same_period(claimed: Period, printed: Period) -> bool:
    if (claimed.start, claimed.end) == (printed.start, printed.end):
        return True
    if PeriodKind.BY in (claimed.kind, printed.kind):
        return printed.end == claimed.end  # "by 2030", "in 2030" and the printed "đến năm 2030"
    return claimed.kind == PeriodKind.YEAR and printed.kind in DATED and printed.within(claimed)  # "due in 2026"


def _check_period(value: Value, answer: Answer) -> tuple[Finding, str]:
    printed = [p for _, _, p in find_periods(_evidence(answer))]
    if not printed and answer.citations:  # a sentence its heading dates ("2. Tầm nhìn đến năm 2045" > "…")
        printed = [p for _, _, p in find_periods(answer.citations[0].title)]
    if any(_same_period(value.period, p) for p in printed):
        return Finding.SUPPORTED, value.text
    if value.period.kind not in DATED:
        return Finding.UNKNOWN, ""
    dated = [p for p in printed if p.kind in DATED]
    if not dated:
        return Finding.UNKNOWN, ""
    nearest = min(dated, key=lambda p: abs((p.end - value.period.end).days))
    return Finding.CONTRADICTED, nearest.label


def _units_agree(claimed: str, printed: str) -> bool:
    return claimed == printed or bool(claimed and printed and (claimed.startswith(printed)
                                                               or printed.startswith(claimed)))


_PERCENT = re.compile(r"^[\d.,\s–-]+%")


def _unit(figure: Figure) -> str:
    """A printed figure's unit; a share is a share of whatever follows it ("60% xã" is 60%, of the communes)."""
    return "%" if _PERCENT.match(figure.text) else figure.unit


def _comparable(value: Value, answer: Answer) -> list[Figure]:
    """The printed figures a claimed one is compared with: of its unit, or, unitless, of its magnitude."""
    figures = find_figures(_evidence(answer))
    if value.unit:
        return [f for f in figures if _units_agree(value.unit, _unit(f))]
    return [f for f in figures + _bare_figures(answer.answer) if f.value and value.number
            and abs(math.log(f.value / value.number)) <= math.log(FIGURE_MAGNITUDE)]


def _states(figure: Figure, number: float | None) -> bool:
    """Whether a printed figure states ``number`` (or a range of it that holds it)."""
    return figure.value == number or (figure.value_max is not None and number is not None
                                      and figure.value <= number <= figure.value_max)


def _check_figure(value: Value, answer: Answer) -> tuple[Finding, str]:
    comparable = _comparable(value, answer)
    if not comparable:
        return Finding.UNKNOWN, ""
    for f in comparable:
        if _states(f, value.number):
            return Finding.SUPPORTED, f.text
    nearest = min(comparable, key=lambda f: abs(math.log((f.value or 1e-9) / (value.number or 1e-9))))
    unit = f" {nearest.unit}" if nearest.unit and not nearest.text.endswith(nearest.unit) else ""
    return Finding.CONTRADICTED, f"{nearest.text}{unit}"


def _check_frequency(value: Value, answer: Answer) -> tuple[Finding, str]:
    evidence = _evidence(answer)
    printed = frequencies(evidence)
    if any(months == value.number for _, _, months in printed):
        return Finding.SUPPORTED, value.text
    return (Finding.CONTRADICTED, evidence[printed[0][0]:printed[0][1]]) if printed else (Finding.UNKNOWN, "")


def _bare_figures(text: str) -> list[Figure]:
    """The bare numbers of the answer's own text, each with the word after it ("30 nước" of "nhóm 30 nước dẫn
    đầu"): what a unitless claimed number ("top 30") is compared with; find_figures leaves small ones out."""
    out = []
    for m in _bare_numbers(text):
        after = re.match(r"\s+(\w+)", text[m.end():])
        out.append(Figure(text=f"{m.group(1)} {after.group(1)}" if after else m.group(1), value=float(m.group(1)),
                          unit=""))
    return out


_CLAUSE_END = re.compile(r"[;:\n]|\.(?!\d)")  # not the dot of "87.000"


def _stretches(text: str, pieces: list[str]) -> list[tuple[str, str]]:
    """The text before and after each of ``pieces`` (figures as printed, in order, each once) within its clause, not
    past the piece before or after it."""
    spans, at = [], 0
    for piece in pieces:
        start = text.find(piece, at)
        start = at if start < 0 else start
        spans.append((start, start + len(piece)))
        at = start + len(piece)
    out = []
    for i, (start, end) in enumerate(spans):
        left = max([spans[i - 1][1] if i else 0, *(m.end() for m in _CLAUSE_END.finditer(text, 0, start))])
        after = _CLAUSE_END.search(text, end)
        right = min(spans[i + 1][0] if i + 1 < len(spans) else len(text), after.start() if after else len(text))
        out.append((text[left:start], text[end:right]))
    return out


def _near(before: str, after: str) -> set[str]:
    """What a figure is a figure of: the topical syllables next to it, at most :data:`NEAR_SYLLABLES` each side ("rất
    nghiêm trọng và đặc biệt nghiêm trọng đạt trên 95%"); in English, those of the Vietnamese terms of its English
    ones."""
    if detect_language(f"{before} {after}") != "vi":
        return content_syllables(" ".join(vi for _, terms in english_terms(f"{before} {after}") for vi in terms))
    return {*content_syllables_in_order(before)[-NEAR_SYLLABLES:], *content_syllables_in_order(after)[:NEAR_SYLLABLES]}


def _attributed(claim: Claim, value: Value, answer: Answer, finding: Finding, printed: str) -> tuple[Finding, str]:
    """A claimed figure the evidence prints is confirmed only where it is the figure of what the claim says it is:
    when none of the claim's words next to it stand anywhere in the printed figure's clause, and some stand next to
    another printed figure of its kind that nothing else claims ("87.000 doanh nghiệp đang hoạt động" printed,
    "87,000 new businesses every year" claimed, "9.200" printed for the new ones), that one corrects it."""
    if value.kind != ValueKind.FIGURE or finding != Finding.SUPPORTED:
        return finding, printed
    evidence = _evidence(answer)
    figures = list({f.text: f for f in _comparable(value, answer) if f.text in evidence}.values())
    claimed_figures = [v for v in claim.values if v.kind == ValueKind.FIGURE]
    others = [f for f in figures if f.text != printed and not any(_states(f, v.number) for v in claimed_figures)]
    if printed not in {f.text for f in figures} or not others:
        return finding, printed
    units = set().union(*(content_syllables(f.text) for f in figures))  # "doanh nghiệp" of each: no distinction
    topic = _near(*_stretches(claim.question, [v.text for v in claimed_figures])[claimed_figures.index(value)]) - units
    stretches = dict(zip((f.text for f in figures), _stretches(evidence, [f.text for f in figures]), strict=True))
    before, after = stretches[printed]
    if topic & content_syllables(f"{before} {after.split(',')[0]}"):  # what it is of: before it, or up to a comma
        return finding, printed
    shared = {f.text: len(topic & _near(*stretches[f.text])) for f in others}
    best = max(others, key=lambda f: shared[f.text])
    return (Finding.CONTRADICTED, best.text) if shared[best.text] >= MIN_ATTRIBUTING_SYLLABLES else (finding, printed)


def stated_share(claim: Claim, answer: Answer) -> float | None:
    """The share of what a Vietnamese claim is about (its topical words, less its values and the words reporting what
    a document does) that the answer's evidence states; None for an English claim (its terms' glosses also name the
    kind of document it is about, which the evidence need not) or one with no such words."""
    if detect_language(claim.about) != "vi":
        return None
    said = _asserted(claim.about, tuple(_folded(v.text) for v in claim.values))
    topic = content_syllables(said) - {w for v in claim.values for w in content_syllables(v.text)}
    if not topic:
        return None
    return len(topic & content_syllables(_evidence(answer))) / len(topic)


def _asserted(text: str, also: tuple[str, ...] = ()) -> str:
    """What a claim's text asserts: without the documents it names, the words reporting what a document does, and
    the folded phrases ``also``."""
    said = without_names(text)
    for phrase in (*_reporting_words(), *also):
        said = _remove(said, phrase)
    return said


@lru_cache(maxsize=1)
def _reporting_words() -> tuple[str, ...]:
    """What a document is said to do ("đặt mục tiêu", "nêu"), folded, longest first."""
    return tuple(sorted((_folded(w) for w in _data()["reporting_words"]), key=lambda w: -len(w.split())))


def states_enough(claim: Claim, answer: Answer, unstated_share: float = 0.0) -> bool:
    """The answer's evidence states what a Vietnamese claim asserts: its topical syllables (at least
    :data:`MIN_STATED_SYLLABLES`; the documents it names and the words reporting what a document does left out), all
    but ``unstated_share`` of them, and never two that stand together in the claim (a word of its own: "dẫn đầu"
    claimed, "trên trung bình" printed) nor one holding a digit ("6G" claimed, "5G" printed). A lone syllable left
    unstated is a particle or a paraphrase ("cấm" claimed, "không được" printed)."""
    if detect_language(claim.question) != "vi":
        return _states_in_english(claim, answer, unstated_share)
    words = [w for w in _asserted(claim.question).split() if not is_stopword(w.lower())]  # "về", typed so
    asserted = content_syllables_in_order(" ".join(words))
    if len(set(asserted)) < MIN_STATED_SYLLABLES:
        return False
    stated = content_syllables(_evidence(answer))
    unstated = [s not in stated for s in asserted]
    together = any(a and b for a, b in zip(unstated, unstated[1:], strict=False))
    numbered = any(u and any(ch.isdigit() for ch in s) for s, u in zip(asserted, unstated, strict=True))
    return not together and not numbered and sum(unstated) <= unstated_share * len(asserted)


_PERIOD_WORDS = frozenset("before after until till since by from within during".split())


def _states_in_english(claim: Claim, answer: Answer, unstated_share: float) -> bool:
    """:func:`states_enough` for an English claim, term by term: a lexicon term is stated when one of its Vietnamese
    forms stands in the evidence, a word no term covers when it stands there as written (a name: "T2", "UNESCO");
    at least :data:`MIN_STATED_SYLLABLES` of them, all but ``unstated_share``."""
    said = _asserted(claim.question)
    evidence = _evidence(answer)
    stated, written = content_syllables(evidence), set(re.findall(r"[^\W_]+", fold(evidence).lower()))
    units = [any(content_syllables(v) <= stated for v in forms) for _, forms in english_terms(said)]
    glossed = glossed_words(said)
    dated = any(v.kind == ValueKind.PERIOD for v in claim.values)  # "before", "by" belong to the period checked
    own = [w for w in re.findall(r"[^\W_]+", said.lower()) if w not in glossed and not is_stopword(w, "en")
           and not w.isdigit() and not (dated and w in _PERIOD_WORDS)]
    if any(fold(w) not in written and any(ch.isdigit() for ch in w) for w in own):
        return False  # a name with a number the evidence does not print ("T3" claimed, "T2" printed)
    units += [fold(w) in written for w in own]
    return len(units) >= MIN_STATED_SYLLABLES and sum(not u for u in units) <= unstated_share * len(units)


def _check_post(value: Value, answer: Answer) -> tuple[Finding, str]:
    named = _posts_named(_evidence(answer))
    if value.text in named:
        return Finding.SUPPORTED, value.text
    return (Finding.CONTRADICTED, named[0]) if named else (Finding.UNKNOWN, "")


def _check_share(value: Value, answer: Answer) -> tuple[Finding, str]:
    """A share of the same whole printed ("55/67 xã" for "55 trên 67"): of those, the one whose clause says most of
    what the claim says of its share; the same part confirms, another corrects."""
    evidence = _evidence(answer)
    printed = [m for m in _FRACTION.finditer(evidence) if m.group(2) == value.unit]
    if not printed:
        return Finding.UNKNOWN, ""
    wanted = content_syllables(value.said)

    def said(m: re.Match) -> tuple[int, bool]:
        end = _CLAUSE_END.search(evidence, m.end())
        return len(wanted & content_syllables(evidence[m.end():end.start() if end else None])), \
            float(m.group(1)) == value.number

    best = max(printed, key=said)
    return (Finding.SUPPORTED if float(best.group(1)) == value.number else Finding.CONTRADICTED), best.group(0)


def _check_person(value: Value, answer: Answer) -> tuple[Finding, str]:
    """The person is named in the evidence, or the answer (who signed) names another."""
    if f" {fold(value.text.lower())} " in f" {fold(_evidence(answer).lower())} ":
        return Finding.SUPPORTED, value.text
    named = persons_named(answer.answer) if answer.kind == "metadata" else []
    return (Finding.CONTRADICTED, named[0]) if named else (Finding.UNKNOWN, "")


CHECKS = {ValueKind.AGENCY: _check_agency, ValueKind.PERIOD: _check_period, ValueKind.FIGURE: _check_figure,
          ValueKind.FREQUENCY: _check_frequency, ValueKind.POST: _check_post, ValueKind.PERSON: _check_person,
          ValueKind.SHARE: _check_share}


def verdict(claim: Claim, answer: Answer, values_in: Answer | None = None) -> tuple[bool, str] | None:
    """(is the claim right, the printed value) from the answer about it; None when the answer does not settle it:
    it abstained, or some agency or figure the claim asserts is stated neither way. A claim that asserts no such
    value is confirmed when the evidence states what it asserts (:func:`states_enough`), else not settled.
    ``values_in``: the same answer quoting more around it (its paragraph), where the claimed values are looked for;
    what the claim asserts besides them must still stand in the answer's own evidence."""
    if answer.abstained:
        return None
    if not claim.values:  # confirmed at the answer threshold only: a syllable it paraphrases may be left unstated
        return (True, "") if states_enough(claim, answer, MAX_UNSTATED_SHARE) else None
    seen = values_in or answer
    findings = [(v, *_attributed(claim, v, seen, *CHECKS[v.kind](v, seen))) for v in claim.values]
    wrong = [(v, printed) for v, finding, printed in findings if finding == Finding.CONTRADICTED]
    if wrong:  # a figure or an agency says more than the year it is dated with
        return False, min(wrong, key=lambda w: w[0].kind == ValueKind.PERIOD)[1]
    supported = [(v, printed) for v, finding, printed in findings if finding == Finding.SUPPORTED]
    unsettled = [v for v, finding, _ in findings if finding == Finding.UNKNOWN and v.kind != ValueKind.PERIOD]
    if not supported or unsettled:
        return None
    dates_only = all(v.kind == ValueKind.PERIOD and v.period.kind != PeriodKind.DAY for v, _ in supported)
    if dates_only and answer.kind not in DEADLINE_KINDS:
        # a year that only dates what is claimed ("… by 2030?") confirms nothing by itself: the words must be there too;
        # a day ("từ 1/1/2026") is asserted as a figure is
        return (True, supported[0][1]) if states_enough(claim, answer) else None
    return True, supported[0][1]
