"""Sections named by number and parts counted: every example row of ``qa/data/structure_words.yaml`` and
``qa/data/document_facts.yaml`` runs here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from index.lexicon import gloss_english
from index.search import plain_query
from index.tokenize import detect_language, expand_abbreviations
from qa.question import Question
from qa.structure import asked_part, counted, data, items_named_by_heading, section_ref
from qa.types.document_facts import asked_fields
from qa.types.which_part import asked_kinds
from tests.legalfixtures import shared

FACTS = yaml.safe_load((Path(__file__).resolve().parent.parent / "qa" / "data" / "document_facts.yaml").read_text(
    encoding="utf-8"))


@pytest.mark.parametrize(("question", "wanted"), data()["examples"]["refs"])
def test_section_references(question: str, wanted: str) -> None:
    assert section_ref(plain_query(question), question) == wanted


@pytest.mark.parametrize(("question", "part"), data()["examples"]["which_part"])
def test_which_part_asked(question: str, part: str) -> None:
    assert asked_part(plain_query(question)) == tuple(data()["which_part"][part]["kinds"])


@pytest.mark.parametrize("question", [row[0] for row in data()["examples"]["no_part"]])
def test_no_part_asked(question: str) -> None:
    """A part named by its number, or tasks asked by who leads them, is not a question of which part."""
    assert asked_kinds(Question(expand_abbreviations(question))) == ()


@pytest.mark.parametrize(("question", "wanted"), data()["examples"]["counts"])
def test_counted_parts(question: str, wanted: str) -> None:
    assert counted(plain_query(question)) == wanted


@pytest.mark.parametrize("question", ["Ai chủ trì nhiệm vụ 22?", "mục tiêu tăng trưởng 2030", "phần trăm kinh tế số"])
def test_no_section_named(question: str) -> None:
    assert section_ref(plain_query(question), question) is None


@pytest.mark.parametrize(("question", "field"), FACTS["examples"])
def test_document_fields_asked(question: str, field: str) -> None:
    assert asked_fields(plain_query(question))[:1] == [field]


@pytest.mark.parametrize(("question", "fields"), FACTS["fields_asked"])
def test_every_document_field_asked(question: str, fields: list[str]) -> None:
    assert asked_fields(plain_query(question)) == fields


@pytest.mark.parametrize("question", FACTS["asks_none"])
def test_no_document_field_asked(question: str) -> None:
    assert asked_fields(plain_query(question)) == []


def test_asking_words_are_not_what_a_question_asks_about() -> None:
    from qa.structure import asking_words

    assert {"dieu", "khoan", "quy", "dinh", "article", "say"} <= asking_words()
    assert not {"dat", "thue", "land"} & asking_words()


@pytest.mark.parametrize(("question", "wanted"), data()["examples"]["headed_items"])
def test_items_named_by_their_parts_heading(question: str, wanted: str | None) -> None:
    from ingest.parse import parse_document

    path = shared("57-NQ-TW.txt")
    doc = parse_document(path.read_text(encoding="utf-8"), str(path), "test")
    glossed = gloss_english(question) if detect_language(question) == "en" else ""
    found = [section.id for _, section in items_named_by_heading(plain_query(question), [doc], glossed)]
    assert found == ([wanted] if wanted else [])


@pytest.mark.parametrize(("question", "nouns"), [
    ("Quỹ có mấy chức năng?", ("chuc nang", "chuc")),
    ("quy co bao nhieu chuc nang theo nq 198", ("chuc nang", "chuc")),
    ("How many functions does the fund have?", ("chuc nang",)),
    ("Quỹ thực hiện những chức năng gì?", ()),
])
def test_what_a_how_many_question_counts(question: str, nouns: tuple[str, ...]) -> None:
    from qa.structure import counted_nouns

    english = question if detect_language(question) == "en" else ""
    assert counted_nouns(plain_query(question).rstrip("?"), english) == nouns
