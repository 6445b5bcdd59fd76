"""Fit the answer scorer (``qa/data/scorer.json``) on the development question sets, and choose its threshold.

Every development question is put to every answer type; each candidate is labelled right or wrong by the eval's
own rule (:func:`eval.scoring.answer_passes`; every candidate of an unanswerable question is wrong). The intent
probabilities a candidate is scored with come from intent models that never saw that question (five folds), so
the scorer does not learn to trust an intent classifier on its own training questions. Gradient-boosted trees are
fitted five times, each time on four fifths of the questions (split by a hash of the question), and scores the
fifth it never saw. On those unseen rankings the answer calibrator (logistic regression on the ranking's features,
:data:`qa.features.ANSWER_FEATURES`) is fitted, again five times on four fifths of another split; the threshold is
the lowest at which its unseen confidences give at most ``--max-wrong`` wrong answers given as fact among the
questions asked; answers from prose documents (no task table: resolutions, laws) get their own threshold, the lowest
at which they give at most ``--max-wrong-prose`` wrong answers among the questions they answer or abstain on (the
issues bound wrong answers at 3% for the programme and 5% for the related documents). All of this is done under
three different five-fold splits and pooled, so that the thresholds do not hang on one split's luck. The file
records those figures (overall and per set), then the model is refitted on every question. A claim to verify is put
as the pipeline puts it (:func:`qa.claims.asked_as`: what it is about, the whole claim, its values asked for),
labelled by the printed value its gold holds. Two-part questions are left
out: their gold needs a composite answer, which no single candidate is.

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
from ingest.corpus import load_corpus
from qa.claims import asked_as, read_claim
from qa.features import FEATURES, answer_vector, consensus, cross, vector
from qa.intent import IntentClassifier, fit, read_rows
from qa.question import Question
from qa.scorer import Calibrator, DocumentFamily, family_of, make_model
from qa.types import RECORD_TYPES

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = (ROOT / "tests" / "data" / "qa_cases.jsonl", ROOT / "eval" / "testset.jsonl",
            ROOT / "eval" / "blind.jsonl", *sorted((ROOT / "eval" / "dev").glob("*.jsonl")))
COMPOSITE = ("two_part",)
TRAINING = "scorer_training.npz"
FOLDS = 5
REPEATS = 3  # five-fold splits each question's unseen ranking and outcome is taken from


def _bucket(salt: str, text: str) -> int:
    """Which of the five folds a question falls in, by a hash of its words after ``salt``."""
    return int(hashlib.sha256((salt + " ".join(text.split())).encode()).hexdigest(), 16) % FOLDS


def _fold(text: str) -> int:
    return _bucket("", text)


def _split(text: str, repeat: int = 0) -> int:
    return _bucket(f"val{repeat or ''}:", text)


def _calibration_split(text: str, repeat: int = 0) -> int:
    return _bucket(f"calibration{repeat or ''}:", text)


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
        q = Question(expand_abbreviations(" ".join(item["question"].split())))
        claim = read_claim(q.raw, q.lang)
        if claim is not None:  # what the claim is about, asked as the pipeline asks it
            out += [dict(item, question=text) for text in asked_as(claim, q.lang, names_task=bool(q.task_numbers))]
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
CALIBRATOR_C = 1.0  # inverse regularisation strength of the answer calibrator


def matrix(data: list[tuple[dict, list]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([vector(c) for _, cands in data for c in cands], dtype=np.float64)
    y = np.array([label(item, c) for item, cands in data for c in cands], dtype=np.int8)
    return x, y


def records_only(data: list[tuple[dict, list]]) -> list[tuple[dict, list]]:
    """Each question's candidates as the pipeline's first, records-only pass sees them (a sure lookup is answered
    without ranking sentences): the record types' alone, their consensus counted among themselves."""
    out = []
    for item, cands in data:
        kept = [replace(c.fresh(), also=tuple(t for t in c.also if t in RECORD_TYPES)) for c in cands
                if c.type in RECORD_TYPES]
        consensus(kept)
        out.append((item, kept))
    return out


def fit_scorer(data: list[tuple[dict, list]]):
    """Fitted on every question's candidates, both as the full ranking and as the records-only pass sees them."""
    return make_model(PARAMS).fit(*matrix(data + records_only(data)))


def unseen_probabilities(data: list[tuple[dict, list]], repeat: int = 0) -> list[np.ndarray]:
    """Every question's candidate probabilities from trees fitted without it (five folds of split ``repeat``), in
    ``data``'s order."""
    out: list[np.ndarray] = [np.zeros(0)] * len(data)
    for k in range(FOLDS):
        model = fit_scorer([d for d in data if _split(d[0]["question"], repeat) != k])
        for i, (item, cands) in enumerate(data):
            if _split(item["question"], repeat) == k and cands:
                out[i] = model.predict_proba(np.array([vector(c) for c in cands]))[:, 1]
    return out


def rankings(data: list[tuple[dict, list]], probabilities: list[np.ndarray]) -> list[tuple[list[float], bool, bool]]:
    """(answer features, best is right, answerable) per question, in ``data``'s order; a question without
    candidates has no features (an empty list)."""
    out = []
    for (item, cands), p in zip(data, probabilities, strict=True):
        answerable = item.get("answerable", True)
        if not cands:
            out.append(([], False, answerable))
            continue
        order = np.argsort(-p, kind="stable")
        ranked = [cands[i] for i in order]
        out.append((answer_vector([float(p[i]) for i in order], ranked), bool(label(item, ranked[0])), answerable))
    return out


def fit_calibrator(rows: list[tuple[list[float], bool, bool]]) -> Calibrator:
    """Logistic regression on standardised answer features (scikit-learn), kept as plain weights."""
    from sklearn.linear_model import LogisticRegression

    x = np.array([f for f, _, _ in rows if f], dtype=np.float64)
    y = np.array([right for f, right, _ in rows if f], dtype=np.int8)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=CALIBRATOR_C, max_iter=5000).fit((x - mean) / scale, y)
    return Calibrator(mean, scale, model.coef_[0], float(model.intercept_[0]))


def calibrated(calibrator: Calibrator, rows: list[tuple[list[float], bool, bool]]) -> list[tuple[float, bool, bool]]:
    """(confidence, best is right, answerable) per question."""
    return [(calibrator.probability(f) if f else 0.0, right, ok) for f, right, ok in rows]


def unseen_outcomes(data: list[tuple[dict, list]], rows: list[tuple[list[float], bool, bool]], repeat: int = 0):
    """Every question's outcome from a calibrator fitted without it (five folds of another split)."""
    out: list[tuple[float, bool, bool] | None] = [None] * len(rows)
    for k in range(FOLDS):
        calibrator = fit_calibrator([r for (item, _), r in zip(data, rows, strict=True)
                                     if _calibration_split(item["question"], repeat) != k])
        for i, ((item, _), row) in enumerate(zip(data, rows, strict=True)):
            if _calibration_split(item["question"], repeat) == k:
                out[i] = calibrated(calibrator, [row])[0]
    return out  # type: ignore[return-value]


def at_threshold(results: list[tuple[float, bool, bool]], t: float, each: list[float] | None = None) -> dict:
    """The figures of answering at threshold ``t``, or at each question's own threshold ``each``."""
    limits = each if each is not None else [t] * len(results)
    answered = [(right, ok) for (p, right, ok), lim in zip(results, limits, strict=True) if p >= lim]
    wrong = sum(not right for right, _ in answered)
    unanswerable = [(p, lim) for (p, _, ok), lim in zip(results, limits, strict=True) if not ok]
    correct = sum(right for right, _ in answered) + sum(p < lim for p, lim in unanswerable)
    return {"threshold": round(t, 4), "questions": len(results), "answered": len(answered), "wrong": wrong,
            "wrong_among_answered": round(wrong / len(answered), 4) if answered else 0.0,
            "wrong_among_questions": round(wrong / len(results), 4) if results else 0.0,
            "accuracy": round(correct / len(results), 4) if results else 0.0,
            "abstention_accuracy": round(sum(p < lim for p, lim in unanswerable) / len(unanswerable), 4)
            if unanswerable else 1.0}


def best_family(cands: list, probabilities: np.ndarray, with_tasks: set[str]) -> DocumentFamily:
    """The family of the document the most probable candidate cites (table: it has a task table)."""
    if not cands:
        return DocumentFamily.TABLE
    best = cands[int(np.argmax(probabilities))]
    return family_of(bool(best.answer.citations) and best.answer.citations[0].doc in with_tasks)


def choose_threshold(results: list[tuple[float, bool, bool]], max_wrong: float) -> float:
    """The lowest threshold at which wrong answers given as fact are at most ``max_wrong`` of the questions."""
    for t in sorted({round(p, 4) for p, _, _ in results} | {0.5}):
        if at_threshold(results, t)["wrong_among_questions"] <= max_wrong:
            return t
    return 1.0


BUDGETS = (0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05)  # wrong answers among questions


def budgets(unseen: list[tuple[float, bool, bool]], families: list[DocumentFamily]) -> dict[str, dict[str, float]]:
    """Per document family, the accuracy at the lowest threshold giving at most each budget of wrong answers: a
    change is judged on the whole curve, not on one threshold's luck."""
    out = {}
    for family in DocumentFamily:
        results = [o for o, f in zip(unseen, families, strict=True) if f is family]
        out[family.value] = {f"{b:.3f}": at_threshold(results, choose_threshold(results, b))["accuracy"]
                             for b in BUDGETS}
    return out


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
    parser.add_argument("--max-wrong", type=float, default=0.02,
                        help="wrong answers given as fact, as a share of the questions answered from documents with a "
                             "task table, at the threshold chosen")
    parser.add_argument("--max-wrong-prose", type=float, default=0.035,
                        help="the same bound for answers from prose documents (no task table), whose wrong answers "
                             "issue 11 bounds at 5%% of the questions")
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
    # Calibrated on rankings by trees that never saw them; every question is put REPEATS times, under other splits,
    # so that the threshold and the figures do not hang on one split's luck.
    with_tasks = {d.id for d in load_corpus(settings.corpus_dir, settings.max_file_bytes,
                                            cache_dir=settings.documents_dir).documents if d.tasks}
    rows, unseen, families = [], [], []
    for repeat in range(REPEATS):
        probabilities = unseen_probabilities(data, repeat)
        ranked = rankings(data, probabilities)
        rows += ranked
        unseen += unseen_outcomes(data, ranked, repeat)
        families += [best_family(cands, p, with_tasks) for (_, cands), p in zip(data, probabilities, strict=True)]
    pooled = data * REPEATS  # the questions in the order of ``unseen``
    # Each family's threshold is chosen on its own questions: more wrong answers among the other family's must not
    # move it.
    threshold = choose_threshold([o for o, f in zip(unseen, families, strict=True) if f is DocumentFamily.TABLE],
                                 args.max_wrong)
    prose = [o for o, f in zip(unseen, families, strict=True) if f is DocumentFamily.PROSE]
    thresholds = {DocumentFamily.PROSE.value: choose_threshold(prose, args.max_wrong_prose)}
    each = [thresholds.get(f.value, threshold) for f in families]
    validation = at_threshold(unseen, threshold, each)
    validation["repeats"] = REPEATS
    validation["prose_at_its_threshold"] = at_threshold(prose, thresholds[DocumentFamily.PROSE.value])
    validation["by_set"] = {name: at_threshold([o for o, (item, _) in zip(unseen, pooled, strict=True)
                                                if item["id"].split("-")[0] == name], threshold,
                                               [t for t, (item, _) in zip(each, pooled, strict=True)
                                                if item["id"].split("-")[0] == name])
                            for name in sorted({item["id"].split("-")[0] for item, _ in data})}
    validation["by_budget"] = budgets(unseen, families)
    final = fit_scorer(data)
    calibrator = fit_calibrator(rows)
    validation["calibration_error_training"] = round(calibration_error(final, data), 4)
    target = Path(args.out)
    x, y = matrix(data + records_only(data))
    np.savez_compressed(target.with_name(TRAINING), x=x, y=y)
    in_sample = rankings(data, [final.predict_proba(np.array([vector(c) for c in cands]))[:, 1] if cands
                                else np.zeros(0) for _, cands in data])
    out = {"features": list(FEATURES), "model": "sklearn HistGradientBoostingClassifier", "params": PARAMS,
           "training": TRAINING, "threshold": threshold, "thresholds": thresholds, "calibrator": calibrator.to_json(),
           "fitted": {"sets": [p.name for p in DEV_SETS if p.exists()], "questions": len(data),
                      "candidates": sum(len(c) for _, c in data), "max_wrong": args.max_wrong,
                      "max_wrong_prose": args.max_wrong_prose,
                      "unseen_at_threshold": validation,
                      "training_at_threshold": at_threshold(calibrated(calibrator, in_sample), threshold)}}
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out["fitted"], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
