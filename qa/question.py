"""A question, read once: language, normalised and folded forms, numbers and ids it names, what it asks for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from index.lexicon import english_terms, expand_english, glossed_words
from index.numbering import numbers as item_numbers
from index.search import plain_query
from index.tokenize import DOC_NUMBER, detect_language, fold, is_stopword
from ingest.agencies import canonical_text
from ingest.records import ROLE_WORDS
from qa.numbers import asked_unit

PATTERNS = Path(__file__).resolve().parent / "data" / "question_patterns.yaml"

YEAR = re.compile(r"(?<![\d/.,])(19\d\d|20\d\d|21\d\d)(?![\d%])")
ROMAN_GROUP = re.compile(r"\b(?:nhom|group)\s+(?:nhiem vu\s+)?([ivx]{1,4})\b")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "1st": 1, "2nd": 2, "3rd": 3, "nhat": 1, "dau tien": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5,
            "sau": 6, "bay": 7, "tam": 8, "chin": 9}
# "quý mấy" (which quarter), "nhà máy" (factory), "máy bay" (aircraft): "mấy"/"may" that does not ask how many.
NOT_COUNTED_BEFORE = frozenset("quy thang nam ngay luc nha thu lan".split())
NOT_COUNTED_AFTER = frozenset("moc bay tinh anh man gio".split())
# How a name the document coins is introduced, and how a question asks for it.
WORDING_FRAMES = ((r"tro thanh|\bbecome|\bbecoming", "tro thanh"), (r"phuong cham|\bmotto", "phuong cham"),
                  (r"khau hieu|slogan", "khau hieu"), (r"vi nhu|compared to|likened", "vai tro"),
                  (r"\brole\b|vai tro", "vai tro"), (r"hinh anh|\bimage\b|\bbrand|thuong hieu", "tro thanh"),
                  (r"phong trao|movement", "phong trao"), (r"goi la|duoc goi|\bcalled\b|known as", "goi la"))
ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
ORDINAL_GROUP = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|1st|2nd|3rd)\s+(?:task\s+)?"
                           r"group\b|\b(?:nhom|group)\s+(?:nhiem vu\s+)?(?:thu\s+(nhat|hai|ba|tu|nam|sau|bay|tam|chin)"
                           r"|(dau tien)|(?:no\.?\s*|number\s+)?(\d))\b")


# Words and phrases that say what kind of question it is, not what it is about: they do not count towards topical
# overlap. Phrases are matched where they stand ("mục tiêu" is generic; "mục" in "mức lương" is not).
GENERIC_PHRASES = frozenset(p.strip() for p in """
muc tieu, chi tieu, phan dau, bao nhieu, bao nhiu, ty le, ti le, phan tram, thanh pho, hai phong, chuong trinh,
hanh dong, nhiem vu, chu tri, thoi han, hoan thanh, so luong, giai doan, binh quan, it nhat, hien nay, du kien,
dat ra, la gi, the nao, tang truong, yeu cau, can phai, bao gio, khi nao, luc nao, thoi gian, thoi diem,
cham nhat, muon nhat, truoc thoi diem, van ban, noi gi, noi ve, de cap, nhu the nao, ra sao, cai gi, vi nhu,
duoc vi, phuong cham, dinh huong, tro thanh, dau viec, cong viec, phu luc, the hien, nhu nao, hinh anh, thuong hieu,
khau hieu, ten goi, goi la, co quan, don vi, hang nam, ty trong, ti trong, chu truong, hang muc
""".split(","))
GENERIC_WORDS = frozenset("""
nam den ty khoang tren duoi nao gi nhiu bn tong total
target targets targeted figure rate share percent percentage number how many much what which city programme
program plan document by year should will aim set be reach goal level per brand motto slogan image nickname called
become field area sector
""".split())


def is_generic(phrase: str) -> bool:
    """A folded word or phrase that only says what kind of question it is: made of generic words and phrases
    ("mục tiêu tăng trưởng" is "mục tiêu" + "tăng trưởng")."""
    words = phrase.split()
    covered = [True] + [False] * len(words)  # covered[i]: words[:i] is made of generic pieces
    for i in range(len(words)):
        if covered[i]:
            for j in range(i + 1, min(i + 4, len(words)) + 1):
                piece = " ".join(words[i:j])
                if piece in GENERIC_PHRASES or (j == i + 1 and piece in GENERIC_WORDS):
                    covered[j] = True
    return bool(words) and covered[-1]


def padded_words(folded: str) -> str:
    """A folded text as its words, one space between and around them: where whole-word phrases are looked up."""
    return f" {' '.join(re.findall(r'[a-z0-9]+', folded))} "


def generic_parts(folded: str) -> list[str]:
    """The generic phrases standing in a folded question: a word segmented out of one is not a topic."""
    padded = padded_words(folded)
    return [p for p in GENERIC_PHRASES if f" {p} " in padded]


def _syllables(text: str) -> list[str]:
    return re.findall(r"\w+", fold(canonical_text(text).lower()))


def _topical(words: list[str], lang: str) -> list[bool]:
    keep = [not is_stopword(w, lang) and w not in GENERIC_WORDS and not w.isdigit() for w in words]
    for i in range(len(words) - 1):
        if f"{words[i]} {words[i + 1]}" in GENERIC_PHRASES:
            keep[i] = keep[i + 1] = False
    return keep


def content_syllables(text: str) -> set[str]:
    """Folded syllables that carry topic."""
    return set(_content_syllables(text))


def content_syllables_in_order(text: str) -> tuple[str, ...]:
    """Folded syllables that carry topic, in the order they stand."""
    return _content_syllables(text)


@lru_cache(maxsize=8192)
def _content_syllables(text: str) -> tuple[str, ...]:
    """In the order a set of them is built (so that it iterates alike)."""
    words = _syllables(text)
    return tuple(w for w, k in zip(words, _topical(words, detect_language(text)), strict=True) if k)


def content_bigrams(text: str) -> set[str]:
    """Adjacent pairs of topical syllables: "dan so" (population) is not "dan" and "so" apart."""
    return set(_content_bigrams(text))


@lru_cache(maxsize=4096)
def _content_bigrams(text: str) -> tuple[str, ...]:
    words = _syllables(text)
    keep = _topical(words, detect_language(text))
    return tuple(f"{a} {b}" for a, b, ka, kb in zip(words, words[1:], keep, keep[1:], strict=False) if ka and kb)


@lru_cache(maxsize=1)
def _who_does() -> re.Pattern[str]:
    """"who" and, within two words, a verb that gives a body its part (``ingest/data/responsibility_roles.tsv``:
    "ai quyết định …", "cơ quan nào quy định …"), or an English "who" that does something ("who decides …")."""
    verbs = "|".join(sorted({re.escape(fold(w)) for w in ROLE_WORDS}, key=len, reverse=True))
    return re.compile(rf"\b(?:ai|co quan nao|ben nao)\b(?:\s+\w+){{0,2}}?\s+(?:{verbs})\b"
                      r"|\bwho (?:must|should|has to|can|may|(?:\w+ly )?(?!is\b|was\b|does\b|has\b)\w+s)\b")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(PATTERNS.read_text(encoding="utf-8"))
    return {name: re.compile("|".join(f"(?:{p})" for p in ps)) for name, ps in data.items() if name != "examples"}


def asks(kind: str, folded: str) -> bool:
    """Whether a folded question asks what ``kind`` of ``qa/data/question_patterns.yaml`` names."""
    return _patterns()[kind].search(folded) is not None


def asks_property(kind: str, doc: str) -> cached_property:
    """A :class:`Question` property: whether it asks what the pattern ``kind`` names."""
    def read(q: Question) -> bool:
        return asks(kind, q.folded)

    read.__doc__ = doc
    return cached_property(read)


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


@dataclass(frozen=True)
class Question:
    """What a question says and asks, derived from its text alone."""

    raw: str

    @cached_property
    def text(self) -> str:
        """NFC, tone marks normalised, lowercase, whitespace collapsed; punctuation left where it stands."""
        return canonical_text(self.raw).lower()

    @cached_property
    def folded(self) -> str:
        """Diacritics removed, punctuation kept: the form patterns are matched on."""
        return plain_query(self.raw)

    @cached_property
    def vietnamese_terms(self) -> list[str]:
        """For an English question, the Vietnamese terms of its English ones (the lexicon); else none."""
        return expand_english(self.raw) if self.lang == "en" else []

    @cached_property
    def topic_syllables(self) -> set[str]:
        """Folded topical syllables; an English question's come from its Vietnamese terms and from its words no term
        covers (names, words the lexicon lacks): a term's English words never occur in a Vietnamese text."""
        if self.lang == "en":
            glossed = {fold(w) for w in glossed_words(self.raw)}
            own = {w for w in content_syllables(self.raw) if w not in glossed}
            return own.union(*(content_syllables(t) for t in self.vietnamese_terms))
        return content_syllables(self.raw)

    @cached_property
    def topic_pairs(self) -> set[str]:
        if self.lang == "en":
            return set().union(*(content_bigrams(t) for t in self.vietnamese_terms))
        return content_bigrams(self.raw)

    @cached_property
    def words(self) -> list[str]:
        return re.findall(r"[a-z0-9]+", self.folded)

    @cached_property
    def lang(self) -> str:
        """"vi" or "en": Vietnamese marks decide; unmarked text is English when English words outnumber Vietnamese."""
        return detect_language(self.text)

    @cached_property
    def task_numbers(self) -> tuple[int, ...]:
        return tuple(item_numbers("task", self.folded))

    @cached_property
    def target_numbers(self) -> tuple[int, ...]:
        explicit = item_numbers("target", self.folded)
        bracketed = [int(n) for n in re.findall(r"\((\d{1,3})\)", self.folded) if _has(r"chi tieu|target", self.folded)]
        return tuple(dict.fromkeys(explicit + bracketed))

    @cached_property
    def doc_numbers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.group(0) for m in DOC_NUMBER.finditer(self.raw)))

    @cached_property
    def years(self) -> tuple[int, ...]:
        found = [int(y) for y in YEAR.findall(self.folded)]
        for doc_number in self.doc_numbers:  # "226/2025/QH15" names a document, not a year
            found = [y for y in found if str(y) not in doc_number]
        return tuple(dict.fromkeys(found))

    @cached_property
    def group(self) -> str | None:
        """The task group named by its numeral: "nhóm II", "group 2", "nhóm thứ hai", "the second group"."""
        m = ROMAN_GROUP.search(self.folded)
        if m:
            return m.group(1).upper()
        m = ORDINAL_GROUP.search(self.folded)
        if not m:
            return None
        word = next(w for w in m.groups() if w)
        n = int(word) if word.isdigit() else ORDINALS.get(word, 0)
        return ROMANS[n - 1] if 1 <= n <= len(ROMANS) else None

    # What is asked. Patterns run on the folded text, so they hold with or without diacritics.
    @cached_property
    def asks_lead(self) -> bool:
        """Asks who is in charge or does something (``qa/data/question_patterns.yaml`` ``lead``; "who" or "ai" with
        a verb that gives a body its part)."""
        return asks("lead", self.folded) or bool(_who_does().search(self.folded))

    @cached_property
    def asks_amount(self) -> bool:
        """The question asks for a quantity ("bao nhiêu tỷ đồng", "how much", "bao lâu"): its answer states a
        number (``qa/data/question_patterns.yaml``)."""
        return self.asks_count or asks("amount", self.folded)

    @cached_property
    def asked_unit(self) -> str | None:
        """The kind of quantity asked for ("bao nhiêu tiền" money, "mấy năm" years, "what share" percent): its
        answer states one of that kind (``qa/data/asked_units.yaml``)."""
        return asked_unit(self.folded)

    # What the question asks, read by a pattern of ``qa/data/question_patterns.yaml``.
    asks_items = asks_property("items", 'Asks for the items of something ("làm những việc gì", "which sectors").')
    asks_which_place = asks_property("which_place", "Asks which communes, wards, provinces …: its answer names one.")
    asks_which_body = asks_property("which_body", 'Asks which body ("sở nào", "which department", "ai chủ trì"): its '
                                                  "answer names one.")
    asks_deadline = asks_property("deadline", "Asks by when something is due.")
    asks_which_document = asks_property("which_document", 'Asks which document ("nghị quyết nào", "which '
                                                          'resolution", "số mấy"): a document it describes is what it '
                                                          "asks for, not where to look.")

    @cached_property
    def asks_count(self) -> bool:
        """"How many": "bao nhiêu", or "mấy" as a number — not "nhà máy", not "quý mấy"."""
        if _has(r"bao nhieu|how many|number of|so luong|\bcount\b|tong so", self.folded):
            return True
        marked = self.folded != self.text  # then "mấy" is not "máy" (machine) or "mây" (cloud)
        text = self.text if marked else self.folded
        for m in re.finditer(r"\b(\w+)\s+(mấy|may)\b(?:\s+(\w+))?" if marked else r"\b(\w+)\s+(may)\b(?:\s+(\w+))?",
                             f"_ {text}"):
            before, word, after = fold(m.group(1)), m.group(2), fold(m.group(3) or "")
            if marked and word != "mấy":
                continue
            if before not in NOT_COUNTED_BEFORE and after not in NOT_COUNTED_AFTER:
                return True
        return False

    @cached_property
    def asks_list(self) -> bool:
        return _has(r"nhiem vu nao|nhung viec gi|viec gi|viec nao|cong viec nao|nhung nhiem vu|cac nhiem vu|which tasks"
                    r"|\bliet ke\b|de an nao|nhung de an|cac de an"
                    r"|what tasks|which task|what task|list (?:the |all )?(?:appendix )?tasks|tasks (?:led|does|is|are)"
                    r"|responsible for\??$|in charge of\??$|\btasks(?: (?:in |for )?20\d\d)?\W*$|\bcac nhiem vu\W*$"
                    r"|\b(?:which|what) (?:\w+ ){1,3}tasks\b", self.folded)

    @cached_property
    def asks_figure(self) -> bool:
        return _has(r"bao nhieu|bao nhiu|\bbn\b|muc nao|ty trong|toc do|kim ngach|san luong|\bchi so\b|\bso km\b|"
                    r"dien tich|\bshare\b|\brate\b|\bgrowth\b|how (?:many|much|high|large|big|fast)|what "
                    r"(?:share|percent|percentage|proportion|rate|level|number|amount|value|figure|target|growth)"
                    r"|\bty le\b|\bti le\b|phan tram|\bchi tieu\b|\bmuc tieu\b(?! (?:gi|nao)\b)|\btarget|\bratio\b"
                    r"|\btong von\b|tong muc dau tu|\bchi phi\b|\bdien tich\b"
                    r"|\bby how much|per capita|dau nguoi|\breach\b|\bbudget|\bcosts?\b|kinh phi|how long|bao lau"
                    r"|what (?:is|are) the (?:\w+ )?(?:value|amount|level|population|area|size|capacity|total)\b"
                    r"|\bdan so (?:la|hien|cua)|dien tich (?:la|cua)", self.folded)

    @cached_property
    def asks_which_year(self) -> bool:
        return _has(r"nam nao|\bwhich year|\bwhat year|\bby when\b|\bin what year", self.folded)

    @cached_property
    def asks_implements(self) -> bool:
        return _has(r"thuc hien (?:nghi quyet|ket luan|chi thi|van ban)|\bimplement|carry out|trien khai (?:nghi "
                    r"quyet|ket luan)", self.folded)

    @cached_property
    def asks_date(self) -> bool:
        return _has(r"ngay nao|ngay ban hanh|ban hanh ngay|ngay thang|\bdate\b|dated|\bwhen\b.*\b(?:issued|adopted|"
                    r"signed|promulgated|released|dated)|ban hanh khi nao|ky ngay|ban hanh luc nao", self.folded)

    @cached_property
    def asks_issuer(self) -> bool:
        return _has(r"co quan nao ban hanh|ai ban hanh|\bcua ai\b|do ai|who issued|which (?:body|organ|agency|"
                    r"authority) (?:issued|adopted)|issued by|\bissuer|ban hanh boi|co quan ban hanh|"
                    r"do co quan nao", self.folded)

    @cached_property
    def asks_wording(self) -> bool:
        """Asks for a name, motto or image the document coins — which it prints in quotation marks."""
        return _has(r"phuong cham|khau hieu|vi nhu|duoc goi|goi la|ten goi|thanh gi\b|tro thanh(?: \w+){0,3} (?:gi|nao|"
                    r"nhu the nao)\b|"
                    r"hinh anh|thuong hieu|phong trao|\bmotto|slogan|\bbrand|\bcalled\b|known as|nickname|"
                    r"\bimage\b|\bmovement\b|\brole\b|\bbecome\b|described as|compared to|likened", self.folded)

    @cached_property
    def wording_frames(self) -> tuple[str, ...]:
        """The folded Vietnamese words that introduce the coined name asked for ("trở thành", "phương châm")."""
        return tuple(vi for pattern, vi in WORDING_FRAMES if _has(pattern, self.folded))

    @cached_property
    def asks_about(self) -> bool:
        return _has(r"ve (?:van de|viec|noi dung) gi|ve gi|noi dung|\babout\b|concern|\bon what\b|what (?:is|does)"
                    r" .* (?:cover|address|deal)|subject|chu de", self.folded)

    @cached_property
    def asks_signer(self) -> bool:
        return _has(r"\bai ky\b|nguoi ky|\bnao ky\b|\bky\b.*\bboi\b|who signed|\bsign(?:ed|er|atory)|\bky ten\b"
                    r"|ky van ban", self.folded)

    @cached_property
    def asked_action(self) -> tuple[str, ...]:
        """The Vietnamese terms of what an English "who" question asks someone does ("who pays back …" → "hoàn trả");
        none for other questions, or a verb the lexicon lacks."""
        m = re.search(r"\bwho (?:must |should |has to |have to |is to |will |can |is supposed to |is meant to )?"
                      r"(\w+(?: \w+){0,2})", self.raw.lower())
        if m is None or self.lang != "en":
            return ()
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # the longest run of its first words that is one term ("keep watch")
            run = " ".join(words[:n])
            found = english_terms(run)
            if len(found) == 1 and glossed_words(run) == set(words[:n]):
                return found[0][1]
        return ()

    @cached_property
    def asks_of_the_document(self) -> bool:
        """Asks what identifies a document (its date, issuer, signer, recipients), not what it says."""
        return self.asks_date or self.asks_issuer or self.asks_signer or self.asks_recipients

    @cached_property
    def asks_position(self) -> bool:
        return _has(r"chuc vu|chuc danh|position|\btitle\b.*\bsign|\brole\b", self.folded)

    @cached_property
    def asks_recipients(self) -> bool:
        return _has(r"noi nhan|gui (?:den|toi|cho)|recipient|sent to|distribut|de bao cao|for reporting|who receives?\b"
                    r"|receiv\w* (?:the|this|it|a copy|copies)\b",
                    self.folded)

    @cached_property
    def asks_person_name(self) -> bool:
        return _has(r"ten (?:la )?gi|ten cua|what is the name|name of", self.folded)

    @cached_property
    def asks_holder(self) -> bool:
        """Who holds a post ("ai làm Trưởng Ban", "who chairs …"): a position or a person answers it, not a body."""
        return _has(r"\bwho(?: i|\W?)s\b (?:the )?(?:chair|director|head|secretary|president|mayor|minister|"
                    r"leader)|\bwho (?:heads|chairs)\b|\bla ai\b|\bai (?:lam|la|giu chuc) (?:pho )?"
                    r"(?:truong ban|chu tich|giam doc|bi thu|chu nhiem|thu truong|truong)\b", self.folded)

    @cached_property
    def about_this_document(self) -> bool:
        """The question is about the programme itself ("this programme", "văn bản này") rather than its content."""
        return _has(r"chuong trinh(?: hanh dong)?(?: nay| nay)?\b|van ban nay|tai lieu nay|this (?:action )?program"
                    r"|the (?:action )?program|this document|the document|\bctr\b", self.folded)
