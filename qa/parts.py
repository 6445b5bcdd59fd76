"""Questions that ask two things at once ("ai chủ trì nhiệm vụ 22 và hạn khi nào?", "export and tourism targets
for 2030?"): the places a question may be cut in two, each half given what it shares with the other.

A conjunction that joins words the documents themselves join ("khoa học và công nghệ", "Văn hóa, Thể thao") is part
of a name and never a place to cut; a half after the cut without a question word of its own, when the half before
has one, continues the first question ("ai là trung tâm, chủ thể …"). The question words are in
``qa/data/parts.yaml``. The pipeline keeps a cut only when both halves are answered, differently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from index.tokenize import expand_abbreviations, fold
from qa.described import kind_words
from qa.question import YEAR, Question, content_syllables, is_generic

DATA = Path(__file__).resolve().parent / "data" / "parts.yaml"

SEPARATORS = re.compile(r"\s+(?:và|va|and|còn|con|cùng với|also|as well as|plus)\s+|\s*[,;&]\s+|\?\s+(?=\S)",
                        re.IGNORECASE)
# What one half shares with the other: the things it names by number and the years.
NAMED = (r"(?:nhiệm vụ|nhiem vu|task|việc|viec|chỉ tiêu|chi tieu|target|điều|dieu|article)\s*(?:số|so|no\.?|#)?\s*"
         r"\(?\d{1,3}\)?|\b\d+[-/][\w/-]+\b")  # a task, target, article or document named by its number
SHARED = re.compile(rf"{NAMED}|\b(?:19|20)\d\d\b", re.IGNORECASE)
NAMED_BY_NUMBER = re.compile(NAMED, re.IGNORECASE)
LEADING_CONJUNCTION = re.compile(r"^(?:và|va|and|còn|con)\s+", re.IGNORECASE)
# A half that speaks of the other's subject by a pronoun ("… and how often do they report?") asks about it too.
BACK_REFERENCE = re.compile(r"\b(?:they|them|their|it|its|he|she|this body|these|those|họ|nó|cơ quan này|đơn vị này)\b",
                            re.IGNORECASE)


# Two years asked at once ("đến 2030 và đến 2045", "by 2030 and 2045"): the question is asked once for each.
TWO_YEARS = re.compile(r"\b((?:19|20)\d\d)(\s*(?:,\s*)?(?:và|va|and|hay|or|,)\s+"
                       r"(?:(?:đến|den|by|in|to|until|vào|vao)\s+)?(?:(?:năm|nam)\s+)?)((?:19|20)\d\d)\b",
                       re.IGNORECASE)


@lru_cache(maxsize=1)
def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _question_word() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(data()['question_words'])})\b")


def has_question_word(text: str) -> bool:
    """The text asks with a word of its own ("bao nhiêu", "ai", "when", "deadline")."""
    return bool(_question_word().search(fold(text.lower())))


def _joined_by_documents(left: str, right: str, corpus_padded: str) -> bool:
    """The words either side of the cut stand together in the documents ("học và công")."""
    before = re.findall(r"\w+", fold(left.lower()))[-1:]
    after = re.findall(r"\w+", fold(right.lower()))[:1]
    if not before or not after:
        return True
    return any(f" {' '.join(filter(None, (before[0], joiner, after[0])))} " in corpus_padded
               for joiner in ("va", "and", ""))


def _frame_words(text: str) -> str:
    """The question words of a half ("bao nhiêu", "ai chủ trì", "when"): what the other half may lack."""
    words = text.split()
    return " ".join(w for w in words if is_generic(re.sub(r"[^\w]", "", w.lower())) or YEAR.fullmatch(w)
                    or has_question_word(w))


@lru_cache(maxsize=1)
def _frame_syllables() -> frozenset[str]:
    return frozenset(data()["frame_words"])


def _subject(half: str) -> str:
    """The words of a half that say what it asks about ("CSDL địa phương … quốc gia:" of "… : ai chủ trì"); empty
    for a half of question words only ("hạn khi nào")."""
    topic = (Question(expand_abbreviations(half)).topic_syllables | content_syllables(half)) - _frame_syllables()
    return " ".join(w for w in half.split() if fold(re.sub(r"[^\w]", "", w.lower())) in topic)


def _prefix(subject: str, text: str) -> str:
    return f"{subject} {text}" if subject else text


def _subject_before_question(half: str) -> str:
    """The first half's words before its question ("CSDL … quốc gia:" of "CSDL … quốc gia: ai chủ trì"), as typed;
    its subject words when the question comes first."""
    m = _question_word().search(fold(half.lower()))
    before = half[: m.start()].strip() if m else ""  # folding keeps the length of the text
    return before if _subject(before) else _subject(half)


def _asks_something(half: str) -> bool:
    """A half that names a topic, a numbered item or the year it asks of ("how many by 2045"), not only question
    words ("Theo chương trình") nor only the document it is asked of ("Theo NQ 198", "In the science and tech
    resolution")."""
    q = Question(expand_abbreviations(half))
    if q.task_numbers or q.target_numbers or (YEAR.search(half) and has_question_word(half)):
        return True
    return bool(q.topic_syllables) and (has_question_word(half) or not kind_words().search(q.folded))


def splits(q: Question, corpus_padded: str) -> list[tuple[str, str]]:
    """Every way to cut the question in two halves that each stand as a question; cuts between two halves that
    each ask with their own words first."""
    text = q.raw.strip()
    out = []
    for m in SEPARATORS.finditer(text):
        left, right = text[: m.start()].strip(" ,;?"), LEADING_CONJUNCTION.sub("", text[m.end():].strip(" ,;?"))
        if len(left.split()) < 2 or len(right.split()) < 2 or not (_asks_something(left) and _asks_something(right)):
            continue
        asks_left, asks_right = has_question_word(left), has_question_word(right)
        if asks_left and not asks_right:
            continue  # what follows continues the first question
        if ":" in right and not asks_left and not has_question_word(right.split(":")[0]):
            continue  # a cut in the topic a colon puts before the question ("X, Y: who leads how many?")
        if not (asks_left and asks_right) and _joined_by_documents(left, right, corpus_padded):
            continue  # words the documents join, unless each half asks its own question
        shared_left = " ".join(SHARED.findall(left))
        shared_right = " ".join(SHARED.findall(right))
        frame_left, frame_right = _frame_words(left), _frame_words(right)
        left_q = " ".join(f"{left} {shared_right if not SHARED.search(left) else ''} "
                          f"{frame_right if not frame_left else ''}".split())
        right_q = " ".join(f"{right} {shared_left if not SHARED.search(right) else ''} "
                           f"{frame_left if not frame_right else ''}".split())
        if not (NAMED_BY_NUMBER.search(left) or NAMED_BY_NUMBER.search(right)):  # no number names what both ask about
            subject_right = _subject(right)
            if not subject_right or BACK_REFERENCE.search(right):
                right_q = _prefix(_subject_before_question(left), right_q)
            elif not _subject(left):
                left_q = _prefix(subject_right, left_q)
        if not re.search(r"\?\s*$", right_q):
            right_q += "?"
        out.append((not (asks_left and asks_right), (left_q + "?", right_q)))
    return [cut for _, cut in sorted(out, key=lambda x: x[0])]  # two questions with their own words first


def states_each_year(answer: str, cuts: list[tuple[str, str]]) -> bool:
    """False when the question is two questions each asked of its own year (a cut whose halves name different years:
    "… by 2030, and how many more by 2045?") and one answer states not all of them; True otherwise."""
    for left, right in cuts:
        years_left, years_right = set(YEAR.findall(left)), set(YEAR.findall(right))
        if years_left and years_right and years_left != years_right:
            return all(year in answer for year in years_left | years_right)
    return True


def by_years(q: Question) -> tuple[str, str] | None:
    """A question asked of two years at once, as one question per year ("Đến 2030 và đến 2045 có bao nhiêu …?" →
    "Đến 2030 có bao nhiêu …?", "Đến 2045 có bao nhiêu …?"); None when it names no two years so joined."""
    m = TWO_YEARS.search(q.raw)
    if m is None or m.group(1) == m.group(3):
        return None
    before, after = q.raw[: m.start()], q.raw[m.end():]
    return f"{before}{m.group(1)}{after}", f"{before}{m.group(3)}{after}"
