"""Fitted models kept on disk as plain arrays, by the hash of what they were fitted from: fitted (with
scikit-learn) and exported once per machine, then loaded with numpy alone."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

EXPORT_VERSION = 1  # bump when an export's arrays change: older cache files are then fitted again
Model = TypeVar("Model")


def cached_model(cache_dir: Path | None, name: str, fit_export: Callable[[], dict[str, np.ndarray]],
                 load: Callable[[dict[str, np.ndarray]], Model]) -> Model:
    """``load`` of the arrays cached as ``<cache_dir>/<name>-v<EXPORT_VERSION>.npz``, else of ``fit_export()``
    (stored there when the folder is writable); a damaged or foreign cache file is fitted again. ``load`` raises
    ValueError on arrays that are not its model's."""
    cached = cache_dir / f"{name}-v{EXPORT_VERSION}.npz" if cache_dir else None
    if cached is not None and cached.is_file():
        try:
            with np.load(cached, allow_pickle=False) as f:
                return load({key: f[key] for key in f.files})
        except (OSError, ValueError, EOFError, zipfile.BadZipFile):
            pass
    arrays = fit_export()
    model = load(arrays)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp.npz")
            np.savez(tmp, **arrays)
            tmp.replace(cached)
        except OSError:
            pass  # a read-only cache: fit per process
    return model
