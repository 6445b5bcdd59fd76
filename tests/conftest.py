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


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):
    """Settings over the real corpus with the index in a session folder (built once, shared by the tests). When the
    default index exists it is copied first, so that unchanged texts reuse their vectors."""
    import shutil
    from dataclasses import replace

    from planqa.config import Settings

    index_dir = tmp_path_factory.mktemp("planqa") / "index"
    if Settings().index_dir.is_dir():
        shutil.copytree(Settings().index_dir, index_dir)
    return replace(Settings(), index_dir=index_dir)


@pytest.fixture(scope="session")
def engine(settings):
    from planqa.app import Engine

    return Engine.load(settings)


def read_jsonl(path: Path) -> list[dict]:
    import json

    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
