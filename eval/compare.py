"""Two evaluation runs side by side (``planqa eval --compare RUN.json``): the metrics of each, and the questions the
newer run fixed (wrong before, right now) and broke (right before, wrong now). A run is the JSON ``planqa eval
--json`` prints; old runs without the newer keys compare on what they have.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

Table = tuple[str, list[str], list[list[str]]]  # title, headers, rows

_METRICS = (("answer accuracy", ("overall", "accuracy")), ("wrong-answer rate", ("overall", "wrong_answer_rate")),
            ("abstention accuracy", ("overall", "abstention_accuracy")),
            ("citation accuracy, top 3", ("overall", "citation_accuracy_top3")),
            ("citation recall", ("overall", "citation_recall")))


@dataclass(frozen=True)
class Change:
    """One question whose verdict changed between the runs."""

    id: str
    question: str
    before: str  # the older run's answer
    after: str


@dataclass(frozen=True)
class Comparison:
    """The metrics of both runs and the questions that changed."""

    before: str
    after: str
    metrics: tuple[tuple[str, float | None, float | None], ...]
    fixed: tuple[Change, ...]
    broken: tuple[Change, ...]
    only_before: tuple[str, ...]  # ids in the older run only
    only_after: tuple[str, ...]

    def tables(self) -> list[Table]:
        def fmt(x: float | None) -> str:
            return "—" if x is None else f"{x:.3f}"

        def delta(a: float | None, b: float | None) -> str:
            return "—" if a is None or b is None else f"{b - a:+.3f}"

        out: list[Table] = [(f"Compared with {self.before}", ["metric", "before", "now", "change"],
                             [[name, fmt(a), fmt(b), delta(a, b)] for name, a, b in self.metrics])]
        for title, changes in ((f"Fixed ({len(self.fixed)})", self.fixed), (f"Broken ({len(self.broken)})",
                                                                            self.broken)):
            out.append((title, ["id", "question", "before", "now"],
                        [[c.id, c.question, " ".join(c.before.split()), " ".join(c.after.split())] for c in changes]))
        if self.only_before or self.only_after:
            out.append(("Questions in one run only", ["run", "ids"],
                        [["before", ", ".join(self.only_before) or "—"], ["now", ", ".join(self.only_after) or "—"]]))
        return out

    def to_json(self) -> dict:
        return {"before": self.before, "after": self.after,
                "metrics": [{"metric": m, "before": a, "after": b} for m, a, b in self.metrics],
                "fixed": [asdict(c) for c in self.fixed], "broken": [asdict(c) for c in self.broken],
                "only_before": list(self.only_before), "only_after": list(self.only_after)}


def load_run(path: Path) -> dict:
    """A run written by ``planqa eval --json``; ValueError when the file is not one."""
    if not path.is_file():
        raise FileNotFoundError(f"run to compare with not found: {path}")
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise ValueError(f"{path} is not JSON ({e}); give a file written by planqa eval --json") from e
    results = run.get("results") if isinstance(run, dict) else None
    if not isinstance(results, list) or not all(isinstance(r, dict) and isinstance(r.get("id"), str)
                                                for r in results):
        raise ValueError(f"{path} is not a planqa eval --json output (no 'results' with ids)")
    return run


def _value(run: dict, keys: tuple[str, ...]) -> float | None:
    node: object = run
    for k in keys:
        node = node.get(k) if isinstance(node, dict) else None
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


def _metric_keys(before: dict, after: dict) -> list[tuple[str, tuple[str, ...]]]:
    keys = list(_METRICS)
    for group, label in (("retrieval", "QA items"), ("retrieval_only", "retrieval-only")):
        systems = dict.fromkeys(name for run in (before, after) for name, scores in (run.get(group) or {}).items()
                                if isinstance(scores, dict) and scores.get("questions"))
        for system in systems:
            keys += [(f"{system} {m} ({label})", (group, system, key))
                     for m, key in (("R@5", "recall_5"), ("MRR@10", "mrr_10"))]
    return keys + [("ask latency p50 (ms)", ("latency_ms", "p50"))]


def compare_runs(before: dict, after: dict, before_label: str, after_label: str = "this run") -> Comparison:
    """``before`` and ``after`` side by side (both ``planqa eval --json`` outputs)."""
    scored = {}
    for name, run in (("before", before), ("after", after)):
        scored[name] = {r["id"]: r for r in run.get("results", []) if isinstance(r.get("correct"), bool)}
    old, new = scored["before"], scored["after"]
    common = [qid for qid in new if qid in old]

    def change(qid: str) -> Change:
        return Change(qid, str(new[qid].get("question", "")), str(old[qid].get("answer", "")),
                      str(new[qid].get("answer", "")))

    return Comparison(
        before=before_label, after=after_label,
        metrics=tuple((name, _value(before, keys), _value(after, keys)) for name, keys in _metric_keys(before, after)),
        fixed=tuple(change(q) for q in common if new[q]["correct"] and not old[q]["correct"]),
        broken=tuple(change(q) for q in common if old[q]["correct"] and not new[q]["correct"]),
        only_before=tuple(q for q in old if q not in new), only_after=tuple(q for q in new if q not in old))
