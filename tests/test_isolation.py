"""Parse deadline: a file that hangs the parser is stopped and reported, and the files after it still load."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import isolation
from ingest.corpus import load_corpus
from ingest.limits import IngestLimits
from ingest.model import Document

NOTE = "Điều 1. Nội dung\n\nNội dung thử nghiệm.\n"


def parse_or_hang(data: bytes, *args) -> Document:
    """Stands in for a parser that never finishes on one file (runs in the worker process)."""
    if b"TREO" in data:
        time.sleep(600)
    return isolation.parse_file(data, *args)


def test_a_file_over_its_deadline_is_reported_and_the_rest_load(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-treo.txt").write_text("TREO\n\n" + NOTE, encoding="utf-8")
    (tmp_path / "b-tot.txt").write_text(NOTE, encoding="utf-8")
    monkeypatch.setattr(isolation, "parse_file", parse_or_hang)
    corpus = load_corpus(tmp_path, limits=replace(IngestLimits.of(), parse_timeout_s=3.0))
    assert [d.id for d in corpus.documents] == ["b-tot"]
    assert [(Path(e.path).name, e.reason) for e in corpus.errors] == [
        ("a-treo.txt", "took longer than 3 s to read and parse")]


def test_parser_errors_come_back_from_the_worker(tmp_path: Path) -> None:
    (tmp_path / "trong.txt").write_text("\n\n  \n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(Path(e.path).name, e.reason) for e in corpus.errors] == [("trong.txt", "no text in file")]
