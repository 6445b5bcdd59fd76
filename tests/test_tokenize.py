"""Vietnamese text handling for queries: abbreviations, tone marks, numbers named in a query."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.numbering import numbers as item_numbers
from index.search import plain_query
from index.tokenize import expand_abbreviations, fold
from ingest.agencies import canonical_text


@pytest.mark.parametrize(("query", "expanded"), [
    ("QĐ của UBND tp", "quyết định của Ủy ban nhân dân thành phố"),
    ("Nghị quyết của BTV Thành ủy", "Nghị quyết của Ban Thường vụ Thành ủy"),
    ("van ban QPPL cua UBND", "van ban quy pham phap luat cua Uy ban nhan dan"),  # unmarked stays unmarked
    ("Kết luận số 18-KL/TW", "Kết luận số 18-KL/TW"),  # a document number is not an abbreviation
    ("Which agency leads task 22?", "Which agency leads task 22?"),  # English is left alone
    ("bao nhiêu xã đạt chuẩn NTM nâng cao", "bao nhiêu xã đạt chuẩn nông thôn mới nâng cao"),
    ("CTr số 20-CTr/TU", "chương trình số 20-CTr/TU"),
    ("Ban QL KKT chủ trì những NV nào", "Ban quản lý khu kinh tế chủ trì những nhiệm vụ nào"),
    ("DNNVV được miễn thuế TNDN mấy năm", "doanh nghiệp nhỏ và vừa được miễn thuế thu nhập doanh nghiệp mấy năm"),
    ("hkd het nop thue khoan", "ho kinh doanh het nop thue khoan"),
])
def test_abbreviations_are_spelled_out_in_vietnamese_queries(query: str, expanded: str) -> None:
    assert expand_abbreviations(query) == expanded


def test_an_unmarked_query_stays_unmarked() -> None:
    expanded = expand_abbreviations("so luong DN tren dia ban tp")
    assert expanded == fold(expanded)


@pytest.mark.parametrize(("text", "canonical"), [
    ("hoà bình", "hòa bình"), ("Thuỷ sản", "Thủy sản"), ("khoẻ", "khỏe"),
    ("kế hoạch", "kế hoạch"), ("hoàng", "hoàng"), ("Quý II", "Quý II"),  # closed syllables and "qu" keep their marks
])
def test_one_tone_mark_convention_for_open_syllables_only(text: str, canonical: str) -> None:
    assert canonical_text(text) == canonical


@pytest.mark.parametrize(("query", "numbers"), [
    ("Cơ quan nào chủ trì nhiệm vụ 22?", [22]), ("nv 48", [48]), ("task 7 deadline", [7]),
    ("Chương trình hành động số 20-CTr/TU ban hành ngày nào?", []),  # a document number, not task 20
    ("dòng 5 của phụ lục", [5]),
])
def test_task_numbers_named_in_a_query(query: str, numbers: list[int]) -> None:
    assert item_numbers("task", plain_query(query)) == numbers


def test_the_fast_segmenter_and_rules_are_underthesea_own(programme_source: str) -> None:
    """The segmenter model and the normalisation rules read without joblib are the ones underthesea loads itself:
    the same tables, the same segmentation."""
    import sys

    import joblib
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

    import index.tokenize as tokenize

    rules = sys.modules["underthesea.pipeline.text_normalize.text_normalizer"]
    shipped = joblib.load(next(Path(tokenize._word_tokenize_module.__file__).parents[1].glob(
        "text_normalize/tn_rules_*.bin")))
    assert (rules.character_map, rules.token_map) == (shipped["character"], shipped["token"])
    folder = Path(tokenize._word_tokenize_module.__file__).parent / "models" / tokenize.SEGMENTER_MODEL
    theirs = FastCRFSequenceTagger()
    theirs.load(str(folder))
    ours = tokenize._Segmenter(folder)
    lines = [line for line in programme_source.splitlines() if line.strip()][:400]
    for line in lines:
        features = [[t] for t in tokenize._underthesea("pipeline.word_tokenize.regex_tokenize").tokenize(line)]
        assert ours.predict(features) == theirs.predict(features)


def test_analyses_kept_per_text_are_handed_out_as_new_lists_and_sets() -> None:
    """Tokens, compounds and topical syllables are computed once per text; changing what a caller got changes
    nothing for the next caller."""
    from index.tokenize import compounds, tokenize
    from qa.question import content_bigrams, content_syllables

    text = "Sở Khoa học và Công nghệ chủ trì chuyển đổi số"
    for analyse in (tokenize, compounds, content_syllables, content_bigrams):
        first = analyse(text)
        expected = type(first)(first)
        first.clear()
        assert analyse(text) == expected and expected


def test_every_abbreviation_row_is_read() -> None:
    from pathlib import Path

    from index.tokenize import ABBREVIATIONS

    data = Path(__file__).resolve().parent.parent / "index" / "data" / "abbreviations.tsv"
    rows = [line for line in data.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")][1:]
    assert len(ABBREVIATIONS) == len(rows)
    assert all(k == k.lower() and v.strip() for k, v in ABBREVIATIONS.items())
