"""TF-IDF n-grams and a logistic regression as plain arrays, evaluated with numpy: what the intent classifier
answers with.

scikit-learn fits the pipeline (:func:`qa.intent.fit`); :func:`export_text_model` keeps each vectoriser's
vocabulary, idf and analyser settings and the regression's coefficients, and :class:`TextModel` computes the same
probabilities, its analysers reproducing scikit-learn's for the settings export accepts (``word`` and ``char_wb``
n-grams, lowercasing, sublinear tf, l2 norm; no stop words, accent stripping or custom callables).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

ANALYZERS = ("word", "char_wb")
_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's, for char_wb
WORDS_KEPT = 100_000  # words whose n-gram columns a vectoriser keeps


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside words padded with one space, as scikit-learn's ``char_wb`` analyser."""
    out = []
    for w in _WHITE_SPACES.sub(" ", text).split():
        w = f" {w} "
        for n in range(low, high + 1):
            offset = 0
            out.append(w[offset: offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset: offset + n])
            if offset == 0:  # a word shorter than n counts once
                break
    return out


def word_ngrams(tokens: list[str], low: int, high: int) -> list[str]:
    """Token n-grams, as scikit-learn's ``word`` analyser (unigrams first, then pairs …)."""
    out = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high + 1, len(tokens) + 1)):
        out += [" ".join(tokens[i: i + n]) for i in range(len(tokens) - n + 1)]
    return out


@dataclass(frozen=True)
class Vectorizer:
    """One TF-IDF vectoriser: ``analyzer`` settings, ``terms`` by column, ``idf`` (empty when not used)."""

    analyzer: str
    ngram_range: tuple[int, int]
    lowercase: bool
    token_pattern: str
    sublinear_tf: bool
    norm: str | None
    terms: dict[str, int]
    idf: np.ndarray
    # char_wb: each word's known n-grams (columns), as n-grams never cross words; a question's words recur
    _word_columns: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def ngrams(self, text: str) -> list[str]:
        text = text.lower() if self.lowercase else text
        low, high = self.ngram_range
        if self.analyzer == "char_wb":
            return char_wb_ngrams(text, low, high)
        return word_ngrams(re.findall(self.token_pattern, text), low, high)

    def known(self, text: str) -> list[int]:
        """The columns of the text's n-grams the vocabulary has, one per occurrence."""
        if self.analyzer != "char_wb":
            return [self.terms[g] for g in self.ngrams(text) if g in self.terms]
        if len(self._word_columns) >= WORDS_KEPT:
            self._word_columns.clear()
        low, high = self.ngram_range
        out: list[int] = []
        for word in _WHITE_SPACES.sub(" ", text.lower() if self.lowercase else text).split():
            columns = self._word_columns.get(word)
            if columns is None:
                columns = tuple(self.terms[g] for g in char_wb_ngrams(word, low, high) if g in self.terms)
                self._word_columns[word] = columns
            out += columns
        return out

    def transform(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, weights) of the text's known n-grams, columns ascending."""
        counts = Counter(self.known(text))
        columns = np.array(sorted(counts), dtype=np.int64)
        weights = np.array([counts[c] for c in columns], dtype=np.float64)
        if self.sublinear_tf:
            weights = np.log(weights) + 1
        if len(self.idf):
            weights = weights * self.idf[columns]
        if self.norm == "l2" and len(weights):
            norm = np.sqrt(np.dot(weights, weights))
            weights = weights / norm if norm > 0 else weights
        return columns, weights


def _vectorizer_settings(v) -> dict:
    unsupported = {"input": "content", "preprocessor": None, "tokenizer": None, "stop_words": None,
                   "strip_accents": None, "binary": False, "vocabulary": None}
    for name, default in unsupported.items():
        if getattr(v, name) != default:
            raise ValueError(f"cannot export a vectoriser with {name}={getattr(v, name)!r}")
    if v.analyzer not in ANALYZERS or v.norm not in ("l2", None):
        raise ValueError(f"cannot export a vectoriser with analyzer={v.analyzer!r}, norm={v.norm!r}")
    if v.analyzer == "word" and re.compile(v.token_pattern).groups:
        raise ValueError("cannot export a token pattern with groups")
    return {"analyzer": v.analyzer, "ngram_range": list(v.ngram_range), "lowercase": bool(v.lowercase),
            "token_pattern": v.token_pattern, "sublinear_tf": bool(v.sublinear_tf), "norm": v.norm}


def export_text_model(pipeline) -> dict[str, np.ndarray]:
    """The arrays of a fitted ``make_pipeline(make_union(TfidfVectorizer …), LogisticRegression)``."""
    union, regression = pipeline.steps[0][1], pipeline.steps[-1][1]
    if len(pipeline.steps) != 2 or getattr(union, "transformer_weights", None) is not None:
        raise ValueError("only a union of TF-IDF vectorisers followed by a logistic regression can be exported")
    arrays: dict[str, np.ndarray] = {}
    settings = []
    for n, (_, v) in enumerate(union.transformer_list):
        settings.append(_vectorizer_settings(v))
        terms = sorted(v.vocabulary_, key=v.vocabulary_.get)
        arrays[f"terms{n}"] = np.array(terms, dtype=str)
        if [str(t) for t in arrays[f"terms{n}"]] != terms:
            raise ValueError("a vocabulary term does not survive a numpy string array")
        arrays[f"idf{n}"] = np.asarray(v.idf_ if v.use_idf else [], dtype=np.float64)
    arrays["settings"] = np.array(json.dumps(settings))
    arrays["coef"] = np.asarray(regression.coef_, dtype=np.float64)
    arrays["intercept"] = np.asarray(regression.intercept_, dtype=np.float64)
    arrays["classes"] = np.array([str(c) for c in regression.classes_], dtype=str)
    return arrays


@dataclass(frozen=True)
class TextModel:
    """``probabilities(text)`` over ``classes``, as ``predict_proba([text])[0]`` of the fitted pipeline."""

    vectorizers: tuple[Vectorizer, ...]
    coef: np.ndarray
    intercept: np.ndarray
    classes: tuple[str, ...]

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TextModel:
        try:
            settings = json.loads(str(arrays["settings"]))
            vectorizers = tuple(
                Vectorizer(s["analyzer"], tuple(s["ngram_range"]), s["lowercase"], s["token_pattern"],
                           s["sublinear_tf"], s["norm"], {str(t): i for i, t in enumerate(arrays[f"terms{n}"])},
                           np.asarray(arrays[f"idf{n}"], dtype=np.float64))
                for n, s in enumerate(settings))
            coef, intercept = np.asarray(arrays["coef"]), np.asarray(arrays["intercept"])
            classes = tuple(str(c) for c in arrays["classes"])
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"not an exported text model: {e}") from None
        if coef.shape[1] != sum(len(v.terms) for v in vectorizers):
            raise ValueError("not an exported text model: coefficients and vocabularies disagree")
        return cls(vectorizers, coef, intercept, classes)

    def probabilities(self, text: str) -> np.ndarray:
        columns, weights, offset = [], [], 0
        for v in self.vectorizers:
            c, w = v.transform(text)
            columns.append(c + offset)
            weights.append(w)
            offset += len(v.terms)
        x_columns, x_weights = np.concatenate(columns), np.concatenate(weights)
        decision = self.coef[:, x_columns] @ x_weights + self.intercept
        if len(self.classes) == 2:  # one coefficient row: the second class's log-odds
            p = 1.0 / (1.0 + np.exp(-decision[0]))
            return np.array([1.0 - p, p])
        exp = np.exp(decision - decision.max())
        return exp / exp.sum()
