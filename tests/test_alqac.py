"""The ALQAC 2023 sample: its gold articles are sections the ingest gives its laws, and the laws get a corpus of
their own (without SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.alqac import BENCHMARK, TESTSET, law_corpus, unmatched_gold
from eval.testset import EvalItem, load_testset

pytestmark = pytest.mark.skipif(not (BENCHMARK / TESTSET).is_file(), reason=f"no ALQAC sample at {BENCHMARK}")


def test_every_gold_article_is_a_section_of_its_law(tmp_path: Path) -> None:
    items, skipped = load_testset(BENCHMARK / TESTSET)
    assert len(items) == 101 and not skipped
    assert all(i.retrieval_only for i in items)  # gold articles only: scored on retrieval, never as answers
    corpus = law_corpus(BENCHMARK, tmp_path / "laws")
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in BENCHMARK.glob("*.txt"))
    assert unmatched_gold(items, corpus) == []
    wrong = [EvalItem("x", "q", "vi", "t", (), (), True, ("Đ.999",), "Luật Thanh niên 2020"),
             EvalItem("y", "q", "vi", "t", (), (), True, ("Đ.1",), "Luật Không Có")]
    assert unmatched_gold(wrong, corpus) == ["x: Luật Thanh niên 2020 has no section Đ.999",
                                             "y: no document 'Luật Không Có'"]


def test_the_law_corpus_is_refreshed(tmp_path: Path) -> None:
    target = tmp_path / "laws"
    target.mkdir()
    (target / "SOURCES.md").write_text("stale", encoding="utf-8")
    law_corpus(BENCHMARK, target)
    assert not (target / "SOURCES.md").exists()
    first = sorted(BENCHMARK.glob("*.txt"))[0]
    (target / first.name).write_text("changed", encoding="utf-8")
    law_corpus(BENCHMARK, target)
    assert (target / first.name).read_bytes() == first.read_bytes()
