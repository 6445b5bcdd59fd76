"""Whether an answer states a number, and which kind of quantity a question asks for and an answer states: every
example row of ``qa/data/number_words.yaml`` and ``qa/data/asked_units.yaml`` runs here."""

from __future__ import annotations

import pytest
import yaml

from index.search import plain_query
from qa.numbers import UNITS, asked_unit, data, states_a_number, states_unit

UNIT_EXAMPLES = yaml.safe_load(UNITS.read_text(encoding="utf-8"))["examples"]


@pytest.mark.parametrize(("text", "states"), data()["examples"])
def test_states_a_number(text: str, states: bool) -> None:
    assert states_a_number(text) is states


@pytest.mark.parametrize(("question", "kind"), UNIT_EXAMPLES["asked"])
def test_the_kind_of_quantity_asked(question: str, kind: str | None) -> None:
    assert asked_unit(plain_query(question)) == kind


@pytest.mark.parametrize(("text", "kind", "states"), UNIT_EXAMPLES["stated"])
def test_the_kind_of_quantity_stated(text: str, kind: str, states: bool) -> None:
    assert states_unit(plain_query(text), kind) is states
