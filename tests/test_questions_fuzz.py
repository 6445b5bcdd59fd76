"""Any text at all, as a question or a search: an answer (or an abstention) with exact quotes, never an exception."""

from __future__ import annotations

import json
import time
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planqa.app import Engine
from qa.answer import Answer

MAX_ANSWER_CHARS = 1000

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

VIETNAMESE = ["Cơ quan nào chủ trì nhiệm vụ 22?", "Sở Tư pháp chủ trì những nhiệm vụ nào?", "nhiệm vụ 37",
              "GRDP bình quân đầu người năm 2030?", "Tỷ lệ đô thị hóa", "kinh tế tư nhân", "chỉ tiêu 7", "Phụ lục"]
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "' OR 1=1; --", "'; DROP TABLE tasks; --",
            "\" UNION SELECT * FROM users --", "${7*7}", "{{7*7}}", "../../etc/passwd", "%00", "\\u0000", "NULL",
            "javascript:alert(1)", "1e309", "-1", "nhiệm vụ 999999999999999999999", "chỉ tiêu (0)", "task -3"]

whitespace = st.text(alphabet=" \t\n\r\x0b\x0c\x85\xa0\u1680\u2003\u2028\u202f\u3000\ufeff\u200b", max_size=30)
controls = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=20)
emoji = st.text(alphabet=st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), min_size=1, max_size=10)
scripts = st.text(alphabet=st.sampled_from("abcđơưạấảẫệỳАБВЖя中文字한국어العربيةעבריתΩψ\u0301\u0323"), max_size=40)
nfd_vietnamese = st.sampled_from(VIETNAMESE).map(lambda s: unicodedata.normalize("NFD", s))
fragments = st.one_of(st.sampled_from(VIETNAMESE), nfd_vietnamese, st.sampled_from(PAYLOADS), emoji, controls, scripts,
                      st.just("\x00"), st.text(max_size=20))
questions = st.one_of(st.text(), whitespace, controls, nfd_vietnamese,
                      st.lists(fragments, min_size=1, max_size=6).map(" ".join),
                      st.lists(fragments, min_size=1, max_size=6).map("".join))


def check_answer(engine: Engine, answer: Answer) -> None:
    assert isinstance(answer, Answer) and isinstance(answer.abstained, bool)
    assert answer.answer.strip() and len(answer.answer) <= MAX_ANSWER_CHARS
    for c in answer.citations:
        assert engine.corpus.document(c.doc).source[c.start:c.end] == c.quote
    json.dumps(answer.to_json(), ensure_ascii=False)


@FUZZ
@given(question=questions)
def test_any_question_gets_an_answer_with_exact_quotes(engine: Engine, question: str) -> None:
    check_answer(engine, engine.ask(question))


@FUZZ
@given(query=questions, k=st.integers(min_value=-3, max_value=25))
def test_any_search_returns_at_most_k_exact_passages(engine: Engine, query: str, k: int) -> None:
    results = engine.search(query, k)
    assert len(results) <= max(k, 0)
    for r in results:
        assert engine.corpus.document(r.doc).source[r.start:r.end] == r.text


def test_an_empty_or_blank_question_asks_for_a_question(engine: Engine) -> None:
    for blank in ("", " ", "\n\t", "\x00", "\u200b\ufeff"):
        answer = engine.ask(blank)
        check_answer(engine, answer)
        assert answer.abstained and not answer.citations
    assert engine.search("   ", 5) == []


def test_a_100_kb_question_is_cut_and_answered_in_bounded_time(engine: Engine) -> None:
    question = "Cơ quan nào chủ trì nhiệm vụ 22? " + "dữ liệu số " * 10_000
    assert len(question) > 100_000
    started = time.perf_counter()
    answer = engine.ask(question)
    assert time.perf_counter() - started < 30
    check_answer(engine, answer)
    assert len(answer.question) <= engine.settings.max_question_chars
    started = time.perf_counter()
    assert len(engine.search(question, 5)) <= 5
    assert time.perf_counter() - started < 30


def test_decomposed_vietnamese_gets_the_same_answer(engine: Engine) -> None:
    composed = "Cơ quan nào chủ trì nhiệm vụ 22?"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    nfc, nfd = engine.ask(composed), engine.ask(decomposed)
    assert not nfc.abstained and nfc.citations[0].section == "PL.22"
    assert (nfd.answer, nfd.abstained, nfd.citations) == (nfc.answer, nfc.abstained, nfc.citations)
    assert [r.section for r in engine.search(decomposed, 5)] == [r.section for r in engine.search(composed, 5)]
