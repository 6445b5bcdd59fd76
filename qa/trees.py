"""Gradient-boosted trees as plain arrays, evaluated with numpy: what the scorer answers with.

scikit-learn fits the trees (:func:`qa.scorer.make_model`); :func:`export_trees` turns the fitted
``HistGradientBoostingClassifier`` into node arrays (feature, threshold, children, leaf values, where a missing
value goes, the baseline), and :class:`TreeEnsemble` walks every tree for every row at once, adding the trees'
values in scikit-learn's order, so a process that answers questions never imports scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The arrays of an exported model (and of its cache file).
FIELDS = ("feature", "threshold", "left", "right", "value", "missing_left", "leaf", "roots", "baseline", "depth")


def export_trees(model) -> dict[str, np.ndarray]:
    """The node arrays of a fitted binary ``HistGradientBoostingClassifier`` on numeric features; children are
    indices into the arrays of all trees together, ``roots`` each tree's first node."""
    if len(model.classes_) != 2 or model.n_trees_per_iteration_ != 1:
        raise ValueError("only a binary classifier's trees can be exported")
    trees = [iteration[0].nodes for iteration in model._predictors]
    if any(t["is_categorical"].any() for t in trees):
        raise ValueError("trees with categorical splits cannot be exported")
    sizes = np.array([len(t) for t in trees], dtype=np.int64)
    roots = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    nodes = np.concatenate(trees)
    offsets = np.repeat(roots, sizes)
    return {"feature": nodes["feature_idx"].astype(np.int64), "threshold": nodes["num_threshold"].astype(np.float64),
            "left": nodes["left"].astype(np.int64) + offsets, "right": nodes["right"].astype(np.int64) + offsets,
            "value": nodes["value"].astype(np.float64), "missing_left": nodes["missing_go_to_left"].astype(bool),
            "leaf": nodes["is_leaf"].astype(bool), "roots": roots,
            "baseline": np.asarray(model._baseline_prediction, dtype=np.float64).reshape(1),
            "depth": np.array([int(nodes["depth"].max())], dtype=np.int64)}


@dataclass(frozen=True)
class TreeEnsemble:
    """``probabilities(x) -> P(right)`` per row of ``x``, as ``predict_proba(x)[:, 1]`` of the fitted model."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    leaf: np.ndarray
    roots: np.ndarray
    baseline: float
    depth: int

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TreeEnsemble:
        missing = [name for name in FIELDS if name not in arrays]
        if missing:
            raise ValueError(f"not an exported tree ensemble: no {', '.join(missing)}")
        fields = {name: np.asarray(arrays[name]) for name in FIELDS}
        return cls(**{**fields, "baseline": float(fields["baseline"][0]), "depth": int(fields["depth"][0])})

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The log-odds of each row: the baseline, then each tree's leaf value added in turn."""
        x = np.asarray(x, dtype=np.float64)
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots)))
        for _ in range(self.depth):
            value = x[rows, self.feature[node]]
            go_left = np.where(np.isnan(value), self.missing_left[node], value <= self.threshold[node])
            node = np.where(self.leaf[node], node, np.where(go_left, self.left[node], self.right[node]))
        steps = np.concatenate([np.full((len(x), 1), self.baseline), self.value[node]], axis=1)
        return np.cumsum(steps, axis=1)[:, -1]  # a running sum: the same additions, in the same order

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(x)))
