"""Fit the answer scorer (``qa/data/scorer.json``) on the development question sets, and choose its threshold.

Every development question is put to every answer type; each candidate is labelled right or wrong by the eval's
own rule (:func:`eval.scoring.answer_passes`; every candidate of an unanswerable question is wrong). The intent
probabilities a candidate is scored with come from intent models that never saw that question (five folds), so
the scorer does not learn to trust an intent classifier on its own training questions. Gradient-boosted trees are
fitted five times, each time on four fifths of the questions (split by a hash of the question), and scores the
fifth it never saw; the threshold is the lowest at which those unseen scores give at most ``--max-wrong`` wrong
answers given as fact among the questions asked. The file records those figures (overall and per set), then the model is
refitted on every question. A claim to verify is put as the pipeline puts it: what it is about, labelled by the
printed value its gold holds. Two-part questions are left out: their gold needs a composite answer, which no
single candidate is.

    python eval/train_scorer.py --corpus DIR [--index-dir DIR] [--max-wrong 0.02]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from eval.scoring import answer_passes
from index.tokenize import expand_abbreviations
from qa.claims import read_claim
from qa.features import FEATURES, consensus, cross, vector
from qa.intent import IntentClassifier, fit, read_rows
from qa.pipeline import RECORD_TYPES
from qa.question import Question
from qa.scorer import make_model

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = (ROOT / "tests" / "data" / "qa_cases.jsonl", ROOT / "eval" / "testset.jsonl",
            ROOT / "eval" / "blind.jsonl", *sorted((ROOT / "eval" / "dev").glob("*.jsonl")))
COMPOSITE = ("two_part",)
TRAINING = "scorer_training.npz"
FOLDS = 5


def _fold(text: str) -> int:
    return int(hashlib.sha256(" ".join(text.split()).encode()).hexdigest(), 16) % FOLDS


def _split(text: str) -> int:
    return int(hashlib.sha256(("val:" + " ".join(text.split())).encode()).hexdigest(), 16) % FOLDS


def load_items() -> list[dict]:
    items = []
    for path in DEV_SETS:
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            items += [json.loads(line) for line in f if line.strip()]
    out = []
    for item in items:
        if item.get("type") in COMPOSITE:
            continue
        if item.get("type") != "fact_check":
            out.append(item)
            continue
        claim = read_claim(item["question"], item.get("lang", "vi"))
        if claim is not None and claim.values:  # what the claim is about, asked as the pipeline asks it
            out += [dict(item, question=text) for text in dict.fromkeys((claim.about, claim.question))]
    return out


def collect(engine, items: list[dict]) -> list[tuple[dict, list]]:
    """(item, candidates) for every item, candidates annotated with out-of-fold intent probabilities."""
    rows = read_rows(engine.answerer.settings.intents)
    models = [IntentClassifier(fitted=fit([r for r in rows if _fold(r[0]) != k])) for k in range(FOLDS)]
    answerer = engine.answerer
    out = []
    for n, item in enumerate(items, 1):
        answerer.intents = models[_fold(item["question"])]
        typed = " ".join(item["question"].split())
        out.append((item, answerer.candidates(Question(expand_abbreviations(typed)), typed)))
        if n % 100 == 0:
            print(f"  {n}/{len(items)} questions", file=sys.stderr)
    return out


def label(item: dict, candidate) -> int:
    if not item.get("answerable", True):
        return 0
    return int(answer_passes(candidate.answer.answer, item.get("answers", []), item.get("answers_all", [])))


PARAMS = {"max_depth": 4, "learning_rate": 0.08, "max_iter": 300, "l2_regularization": 1.0, "random_state": 0}


def matrix(data: list[tuple[dict, list]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([vector(c) for _, cands in data for c in cands], dtype=np.float64)
    y = np.array([label(item, c) for item, cands in data for c in cands], dtype=np.int8)
    return x, y


def records_only(data: list[tuple[dict, list]]) -> list[tuple[dict, list]]:
    """Each question's candidates as the pipeline's first, records-only pass sees them (a sure lookup is answered
    without ranking sentences): the record types' alone, their consensus counted among themselves."""
    out = []
    for item, cands in data:
        kept = [replace(c, features=dict(c.features)) for c in cands if c.type in RECORD_TYPES]
        consensus(kept)
        out.append((item, kept))
    return out


def fit_scorer(data: list[tuple[dict, list]]):
    """Fitted on every question's candidates, both as the full ranking and as the records-only pass sees them."""
    return make_model(PARAMS).fit(*matrix(data + records_only(data)))


def unseen_outcomes(data: list[tuple[dict, list]]) -> list[tuple[float, bool, bool]]:
    """Outcomes of every question scored by a model fitted without it (five folds), in ``data``'s order."""
    out: list[tuple[float, bool, bool] | None] = [None] * len(data)
    for k in range(FOLDS):
        model = fit_scorer([d for d in data if _split(d[0]["question"]) != k])
        held = [(i, d) for i, d in enumerate(data) if _split(d[0]["question"]) == k]
        for (i, _), result in zip(held, outcomes(model, [d for _, d in held]), strict=True):
            out[i] = result
    return out  # type: ignore[return-value]


def outcomes(model, data: list[tuple[dict, list]]) -> list[tuple[float, bool, bool]]:
    """(best probability, best is right, answerable) per question."""
    out = []
    for item, cands in data:
        if not cands:
            out.append((0.0, False, item.get("answerable", True)))
            continue
        p = model.predict_proba(np.array([vector(c) for c in cands]))[:, 1]
        best = int(np.argmax(p))
        out.append((float(p[best]), bool(label(item, cands[best])), item.get("answerable", True)))
    return out


def at_threshold(results: list[tuple[float, bool, bool]], t: float) -> dict:
    answered = [(right, ok) for p, right, ok in results if p >= t]
    wrong = sum(not right for right, _ in answered)
    unanswerable = [p for p, _, ok in results if not ok]
    correct = sum(right for right, _ in answered) + sum(p < t for p in unanswerable)
    return {"threshold": round(t, 4), "questions": len(results), "answered": len(answered), "wrong": wrong,
            "wrong_among_answered": round(wrong / len(answered), 4) if answered else 0.0,
            "wrong_among_questions": round(wrong / len(results), 4) if results else 0.0,
            "accuracy": round(correct / len(results), 4) if results else 0.0,
            "abstention_accuracy": round(sum(p < t for p in unanswerable) / len(unanswerable), 4)
            if unanswerable else 1.0}


def choose_threshold(results: list[tuple[float, bool, bool]], max_wrong: float) -> float:
    """The lowest threshold at which wrong answers given as fact are at most ``max_wrong`` of the questions."""
    for t in sorted({round(p, 4) for p, _, _ in results} | {0.5}):
        if at_threshold(results, t)["wrong_among_questions"] <= max_wrong:
            return t
    return 1.0


def calibration_error(model, data: list[tuple[dict, list]], bins: int = 10) -> float:
    """Expected calibration error of the candidates' probabilities."""
    p = np.array([model.predict_proba(np.array([vector(c)]))[0, 1] for _, cands in data for c in cands])
    y = np.array([label(item, c) for item, cands in data for c in cands])
    edges = np.linspace(0, 1, bins + 1)
    error = 0.0
    for lo, hi in zip(edges, edges[1:], strict=False):
        mask = (p >= lo) & (p < hi if hi < 1 else p <= hi)
        if mask.any():
            error += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="corpus folder: the programme and the related resolutions")
    parser.add_argument("--index-dir", help="index folder for that corpus")
    parser.add_argument("--max-wrong", type=float, default=0.02)
    parser.add_argument("--out", default=str(ROOT / "qa" / "data" / "scorer.json"))
    parser.add_argument("--cache", help="keep the collected candidates in this file and reuse them (refits only)")
    args = parser.parse_args(argv)
    from planqa.app import Engine
    from planqa.config import Settings

    settings = replace(Settings(), corpus_dir=Path(args.corpus))
    if args.index_dir:
        settings = replace(settings, index_dir=Path(args.index_dir))
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        with open(cache, "rb") as f:
            data = pickle.load(f)
    else:
        data = collect(Engine.load(settings), load_items())
        if cache is not None:
            with open(cache, "wb") as f:
                pickle.dump(data, f)
    for _, cands in data:
        for c in cands:
            cross(c.features, c.type)
    unseen = unseen_outcomes(data)
    threshold = choose_threshold(unseen, args.max_wrong)
    validation = at_threshold(unseen, threshold)
    validation["by_set"] = {name: at_threshold([o for o, (item, _) in zip(unseen, data, strict=True)
                                                if item["id"].split("-")[0] == name], threshold)
                            for name in sorted({item["id"].split("-")[0] for item, _ in data})}
    final = fit_scorer(data)
    validation["calibration_error_training"] = round(calibration_error(final, data), 4)
    target = Path(args.out)
    x, y = matrix(data + records_only(data))
    np.savez_compressed(target.with_name(TRAINING), x=x, y=y)
    out = {"features": list(FEATURES), "model": "sklearn HistGradientBoostingClassifier", "params": PARAMS,
           "training": TRAINING, "threshold": threshold,
           "fitted": {"sets": [p.name for p in DEV_SETS if p.exists()], "questions": len(data),
                      "candidates": sum(len(c) for _, c in data), "max_wrong": args.max_wrong,
                      "unseen_at_threshold": validation,
                      "training_at_threshold": at_threshold(outcomes(final, data), threshold)}}
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out["fitted"], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
