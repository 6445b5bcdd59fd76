"""Documents named by their kind and subject words, in a corpus of the programme and the two real resolutions."""

from __future__ import annotations

import pytest

from index.tokenize import expand_abbreviations
from ingest.corpus import load_corpus
from ingest.model import Corpus
from qa.described import described
from qa.handlers import _about_itself
from qa.question import Question
from qa.types.document_facts import asking_words
from tests.legalfixtures import copy_programme_and_resolutions


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("described")
    copy_programme_and_resolutions(root)
    return load_corpus(root)


@pytest.mark.parametrize(("question", "doc_id"), [
    ("Nghị quyết của Quốc hội về kinh tế tư nhân là của Quốc hội khóa mấy?", "198/2025/QH15"),
    ("Cơ quan nào thông qua nghị quyết về cơ chế đặc biệt phát triển kinh tế tư nhân?", "198/2025/QH15"),
    ("What does the private economy resolution say about land?", "198/2025/QH15"),
    ("the resolution on science and technology: who signed it?", "57-NQ/TW"),
    ("nghi quyet ve chuyen doi so noi gi ve du lieu", "57-NQ/TW"),
    ("Is it true the Politburo resolution calls for 5G everywhere?", "57-NQ/TW"),  # by its issuer
    ("nghị quyết của Quốc hội có hiệu lực khi nào?", "198/2025/QH15"),
    ("How many chapters does the NA resolution on private business have?", "198/2025/QH15"),  # "NA", by issuer
    ("Who is supposed to supervise implementation of the private economy resolution?", "198/2025/QH15"),  # "thực
    # hiện" (implementation), which the programme's subject holds, says what is asked of a document, not which
])
def test_a_document_named_by_kind_and_subject(corpus: Corpus, question: str, doc_id: str) -> None:
    found = described(corpus.documents, Question(expand_abbreviations(question)))
    assert found is not None and found.id == doc_id


@pytest.mark.parametrize("question", [
    "kinh tế tư nhân được hỗ trợ gì?",  # no kind named: every document is searched
    "chương trình hành động nói gì về chuyển đổi số?",  # the programme's kind, a resolution's subject words
    "nghị quyết nói gì về đất đai?",  # a kind, no subject
    "chương trình của Bộ Chính trị nói gì về đất đai?",  # an issuer, but of a resolution, not of a programme
])
def test_no_document_is_named(corpus: Corpus, question: str) -> None:
    assert described(corpus.documents, Question(expand_abbreviations(question))) is None


@pytest.mark.parametrize(("question", "doc_id", "about_itself"), [
    ("At which National Assembly session was the private economy resolution passed?", "198/2025/QH15", True),
    ("nghị quyết của Quốc hội về kinh tế tư nhân được thông qua ở kỳ họp nào?", "198/2025/QH15", True),
    ("Who signed the Politburo resolution on science and technology?", "57-NQ/TW", True),
    ("What does the private economy resolution say about land rent for startups?", "198/2025/QH15", False),
])
def test_a_document_described_in_english_is_asked_of_itself(corpus: Corpus, question: str, doc_id: str,
                                                             about_itself: bool) -> None:
    """The English words that translate a document's subject or issuer name it, as its Vietnamese words do; the
    other words of the question say what is asked of it."""
    q = Question(expand_abbreviations(question))
    assert _about_itself(q, corpus.document(doc_id), asking_words(q.folded)) is about_itself
