"""The intent classifier and its data: examples it never trained on are read right; the data file is current; the
exported model gives scikit-learn's probabilities."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from qa.intent import INTENTS, IntentClassifier, fit, folded_question, read_rows
from qa.tfidf import TextModel, char_wb_ngrams, export_text_model, word_ngrams

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
    cached = list(tmp_path.glob("intents-*.npz"))
    assert len(cached) == 1
    cached[0].write_bytes(b"damaged")  # a damaged cache is fitted again, not an error
    assert IntentClassifier(cache_dir=tmp_path).run("Điều 10 quy định gì?")["article"] > 0.3


@pytest.fixture(scope="module")
def fitted():
    return fit(read_rows())


def test_exported_model_gives_sklearns_probabilities(fitted) -> None:
    """On every training question, the held-out examples and odd text (empty, spaces only, unknown words, digits,
    marks the folding keeps), to 1e-9."""
    exported = TextModel.from_arrays(export_text_model(fitted))
    assert exported.classes == tuple(fitted.classes_)
    odd = ["", "   ", "a", "zzqx", "nv 22  ai\tchu tri", "Điều 10?", "2025–2030 ½ ™", "ab " * 40]
    texts = [folded_question(q) for q, _ in read_rows()] + [folded_question(q) for q, _ in HELD_OUT] + odd
    mine = np.array([exported.probabilities(t) for t in texts])
    np.testing.assert_allclose(mine, fitted.predict_proba(texts), rtol=0, atol=1e-9)


@pytest.mark.parametrize("text", ["", "a", "ab", "abc de", "  x   yz\n", "nhiem vu 22"])
def test_analyzers_are_sklearns(text: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    for low, high in ((1, 1), (2, 4), (1, 3)):
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(low, high)).build_analyzer()
        word = TfidfVectorizer(analyzer="word", ngram_range=(low, high), token_pattern=r"[a-z0-9]+").build_analyzer()
        assert char_wb_ngrams(text.lower(), low, high) == char(text)
        assert word_ngrams(re.findall(r"[a-z0-9]+", text.lower()), low, high) == word(text)


def test_an_unsupported_vectoriser_is_not_exported() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    model = make_pipeline(make_union(TfidfVectorizer(stop_words=["ai"])), LogisticRegression())
    model.fit(["ai lo", "khi nao", "bao nhieu"], ["lead", "deadline", "count"])
    with pytest.raises(ValueError, match="stop_words"):
        export_text_model(model)
