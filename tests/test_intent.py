"""The intent classifier and its data: examples it never trained on are read right; the data file is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from qa.intent import INTENTS, IntentClassifier, read_rows

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = yaml.safe_load((ROOT / "qa" / "data" / "intent_examples.yaml").read_text(encoding="utf-8"))
HELD_OUT = [(q, intent) for intent, block in EXAMPLES.items() for q in block["test"]]


@pytest.fixture(scope="module")
def classifier(tmp_path_factory) -> IntentClassifier:
    return IntentClassifier(cache_dir=tmp_path_factory.mktemp("intents"))


def test_training_file_is_generated_from_its_sources() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "eval" / "build_intents.py"), "--check"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr


def test_every_intent_has_training_rows_and_held_out_examples_are_not_trained_on() -> None:
    rows = read_rows()
    assert {i for _, i in rows} == set(INTENTS)
    trained = {" ".join(q.split()) for q, _ in rows}
    assert not [q for q, _ in HELD_OUT if " ".join(q.split()) in trained]


@pytest.mark.parametrize(("question", "intent"), HELD_OUT)
def test_held_out_examples(classifier: IntentClassifier, question: str, intent: str) -> None:
    probabilities = classifier.run(question)
    assert max(probabilities, key=probabilities.get) == intent


def test_probabilities_cover_every_intent_and_sum_to_one(classifier: IntentClassifier) -> None:
    p = classifier.run("viec 19 ai lo?")
    assert set(p) == set(INTENTS) and abs(sum(p.values()) - 1) < 1e-6 and max(p, key=p.get) == "lead"


def test_cached_model_is_reused(tmp_path) -> None:
    IntentClassifier(cache_dir=tmp_path).run("Điều 10 quy định gì?")
    cached = list(tmp_path.glob("intents-*.pkl"))
    assert len(cached) == 1
    cached[0].write_bytes(b"damaged")  # a damaged cache is fitted again, not an error
    assert IntentClassifier(cache_dir=tmp_path).run("Điều 10 quy định gì?")["article"] > 0.3
