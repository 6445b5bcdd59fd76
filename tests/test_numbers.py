"""Whether an answer states a number: every example row of ``qa/data/number_words.yaml`` runs here."""

from __future__ import annotations

import pytest

from qa.numbers import data, states_a_number


@pytest.mark.parametrize(("text", "states"), data()["examples"])
def test_states_a_number(text: str, states: bool) -> None:
    assert states_a_number(text) is states
