"""Fitted models kept on disk by the hash of what they were fitted from: fitted once per machine, then loaded."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path


def cached_fit(cache_dir: Path | None, name: str, fit: Callable[[], object]) -> object:
    """The model cached as ``<cache_dir>/<name>.pkl``, else ``fit()`` (stored there when the folder is writable);
    a damaged or foreign cache file is fitted again."""
    cached = cache_dir / f"{name}.pkl" if cache_dir else None
    if cached is not None and cached.is_file():
        try:
            with open(cached, "rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    model = fit()
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{id(model)}.tmp")
            with open(tmp, "wb") as f:
                pickle.dump(model, f)
            tmp.replace(cached)
        except OSError:
            pass  # a read-only cache: fit per process
    return model
