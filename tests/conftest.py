"""Shared fixtures: the real programme, parsed once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from ingest.model import Document  # noqa: E402
from ingest.parse import parse_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME_PATH = ROOT / "corpus" / "20-CTr-TU_2026-04-24.txt"


@pytest.fixture(scope="session")
def programme_source() -> str:
    with open(PROGRAMME_PATH, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture(scope="session")
def programme(programme_source: str) -> Document:
    return parse_document(programme_source, str(PROGRAMME_PATH), "test")
