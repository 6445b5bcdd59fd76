"""Folded texts kept on disk: what is read back is what folding gives, a damaged file is folded again, and evidence
built from the cache has the values it computes without one; overlaps computed for all rows at once are the same."""

from __future__ import annotations

import json

from qa.evidence import Evidence
from qa.folded import Folding, cached_folded

TEXTS = ["Sở Khoa học và Công nghệ chủ trì.", "Hoà bình, THUỶ lợi; đất/đạt", "", "  \n\t"]


def test_each_folding() -> None:
    assert Folding.TEXT.apply("Hoà bình, THUỶ lợi") == "hoa binh , thuy loi"
    assert Folding.WORDS.apply("Hoà bình, THUỶ lợi") == "hoa binh thuy loi"


def test_folded_texts_are_read_back_from_the_cache(tmp_path) -> None:
    expected = [Folding.WORDS.apply(t) for t in TEXTS]
    assert cached_folded(TEXTS, tmp_path) == expected == cached_folded(TEXTS, None)
    (cached,) = tmp_path.glob("folded-*.json")
    cached.write_text(json.dumps(["read", "from", "the", "file"]), encoding="ascii")
    assert cached_folded(TEXTS, tmp_path) == ["read", "from", "the", "file"]
    assert cached_folded(TEXTS, tmp_path, Folding.TEXT) == [Folding.TEXT.apply(t) for t in TEXTS]  # its own file
    cached.write_text("[damaged", encoding="ascii")
    assert cached_folded(TEXTS, tmp_path) == expected


def test_evidence_from_the_cache_is_the_evidence_computed_without_it(engine, tmp_path) -> None:
    plain = engine.answerer.evidence
    fresh = Evidence(plain.documents, plain.searcher)
    for cache in (tmp_path, tmp_path):  # written, then read back
        cached = Evidence(plain.documents, plain.searcher, cache_dir=cache)
        for name in ("unit_syllables", "unit_bigrams", "_unit_folded", "heading_syllables", "heading_bigrams",
                     "corpus_folded", "implementation_rows"):
            assert getattr(cached, name) == getattr(fresh, name), name
        sections = [(d.id, s.id) for d in plain.documents for s in d.sections]
        assert [cached.section_folded(*k) for k in sections] == [fresh.section_folded(*k) for k in sections]


def test_overlaps_of_all_rows_at_once_are_each_rows_overlap(engine) -> None:
    from qa.question import Question

    ev = engine.answerer.evidence
    for text in ("Hải Phòng cần khôi phục những ngành công nghiệp truyền thống nào?", "chuyen doi so va du lieu",
                 "What are the targets for seaports?", "ai?"):
        q = Question(text)
        for headings in (False, True):
            assert ev.overlaps(q, ev.rows, headings).tolist() == [ev.overlap(q, r, headings) for r in ev.rows]
