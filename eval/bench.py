"""Benchmarks: index build time (real and synthetic corpus), warm search/ask latency, cold start, memory, and exact
vs HNSW FAISS search (the measurement behind ``index/dense.py``'s ``ANN_THRESHOLD``).

Run: ``planqa bench [--synthetic N]`` or ``python eval/bench.py [N]``. It prints one table of numbers; it is not a
test. Progress goes to stderr.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import faiss
import numpy as np
import psutil

from index import dense
from index.build import build_index, open_index
from index.dense import Embedder, build_vector_index
from index.lexical import build_bm25
from ingest.corpus import load_corpus
from ingest.model import Corpus
from planqa.app import Engine
from planqa.config import REPO_ROOT, Settings

QUERY_FILES = (REPO_ROOT / "eval" / "testset.jsonl", REPO_ROOT / "tests" / "data" / "qa_cases.jsonl",
               REPO_ROOT / "tests" / "data" / "search_queries.jsonl")
WARMUP = 10
COLD_RUNS = 3
# One answered from the task table alone, one that needs the embedding model (search over the index).
COLD_QUESTIONS = {"task lookup": "Cơ quan nào chủ trì nhiệm vụ 22?",
                  "topic search": "Hải Phòng cần khôi phục những ngành công nghiệp truyền thống nào?"}
ANN_SIZES = (10_000, 50_000, 200_000)
ANN_QUERIES = 200
ANN_DIM = 384
SEED = 20260424
_SENTENCE = re.compile(r"[^.;:\n]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Row:
    """One measurement."""

    measure: str
    value: str
    note: str = ""


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def _percentiles_ms(seconds: list[float]) -> str:
    ms = np.array(seconds) * 1000
    return f"{np.percentile(ms, 50):.1f} / {np.percentile(ms, 95):.1f} ms"


def bench_real_build(settings: Settings, embedder: Embedder) -> tuple[list[Row], Corpus, list[int]]:
    """Ingest and full index build of the real corpus into an empty temporary folder (model already loaded)."""
    corpus, ingest_s = _timed(lambda: load_corpus(settings.corpus_dir, settings.max_file_bytes))
    assert isinstance(corpus, Corpus)
    with tempfile.TemporaryDirectory(prefix="planqa-bench-") as tmp:
        (index, embedded), build_s = _timed(lambda: build_index(corpus, settings.corpus_dir, Path(tmp), embedder))
    words = [len(c.text.split()) for c in index.chunks]
    rows = [Row("ingest real corpus", f"{ingest_s:.2f} s", f"{len(corpus.documents)} documents"),
            Row("index build, real corpus", f"{build_s:.1f} s",
                f"{len(index.chunks)} chunks; {embedded} texts embedded, {embedded / build_s:.1f} texts/s")]
    return rows, corpus, words


def synthetic_texts(corpus: Corpus, lengths: list[int], n: int, seed: int = SEED) -> list[str]:
    """``n`` Vietnamese-like chunks: sentences of the real corpus with shuffled words and re-drawn numbers, each
    chunk as long (in words) as a randomly chosen real chunk."""
    rng = random.Random(seed)
    sentences = [s.split() for d in corpus.documents for s in _SENTENCE.findall(d.source) if len(s.split()) >= 4]
    texts = []
    for _ in range(n):
        target, words = rng.choice(lengths), []
        while len(words) < target:
            sentence = list(rng.choice(sentences))
            rng.shuffle(sentence)
            words += [_NUMBER.sub(lambda _: str(rng.randint(1, 2050)), w) for w in sentence]
        texts.append(" ".join(words[:target]))
    return texts


def bench_synthetic_build(corpus: Corpus, lengths: list[int], embedder: Embedder, n: int) -> list[Row]:
    """BM25 + embedding + FAISS build time over ``n`` synthetic chunks."""
    texts = synthetic_texts(corpus, lengths, n)
    _, bm25_s = _timed(lambda: build_bm25(texts))
    vectors, embed_s = _timed(lambda: embedder.encode_passages(texts, progress=sys.stderr.isatty()))
    assert isinstance(vectors, np.ndarray)
    _, faiss_s = _timed(lambda: build_vector_index(vectors))
    total = bm25_s + embed_s + faiss_s
    return [Row(f"index build, synthetic {n} chunks", f"{total:.1f} s",
                f"BM25 {bm25_s:.1f} s, embedding {embed_s:.1f} s ({n / embed_s:.1f} chunks/s), FAISS {faiss_s:.2f} s")]


def benchmark_queries() -> list[str]:
    """Distinct questions of the evaluation and test query sets."""
    questions: list[str] = []
    for path in QUERY_FILES:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    questions.append(str(json.loads(line)["question"]))
                except (ValueError, KeyError, TypeError):
                    continue
    return list(dict.fromkeys(q for q in questions if q.strip()))


def bench_warm(engine: Engine, load_s: float) -> list[Row]:
    """Warm latency of search and ask on disjoint halves of the query sets (no shared query cache), after a
    warm-up whose first query loads the model; then the serving process's memory."""
    queries = benchmark_queries()
    _, first_s = _timed(lambda: engine.search(queries[0]))
    for q in queries[1:WARMUP]:
        engine.search(q)
        engine.ask(q)
    rest = queries[WARMUP:]
    search_s = [_timed(lambda q=q: engine.search(q, 10))[1] for q in rest[0::2]]
    ask_s = [_timed(lambda q=q: engine.ask(q))[1] for q in rest[1::2]]
    rss = psutil.Process().memory_info().rss / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [Row("engine load (index present)", f"{load_s:.1f} s"),
            Row("first search (loads the model)", f"{first_s:.1f} s"),
            Row("search latency p50 / p95 (warm, hybrid, k=10)", _percentiles_ms(search_s), f"{len(search_s)} queries"),
            Row("ask latency p50 / p95 (warm)", _percentiles_ms(ask_s), f"{len(ask_s)} questions"),
            Row("memory of the serving process", f"{rss:.0f} MiB RSS", f"peak {peak:.0f} MiB, after warm queries")]


def _peak_rss_mib(pid: int) -> float:
    """The process's own peak RSS so far (Linux VmHWM; psutil's RSS elsewhere), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        try:
            return psutil.Process(pid).memory_info().rss / 2**20
        except psutil.Error:
            return 0.0


def _run_child(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS (MiB, sampled every 20 ms), exit status and stdout of one child process.

    ``getrusage(RUSAGE_CHILDREN)`` would report this process's size: Linux carries the parent's high-water mark
    through fork and exec."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        peak = 0.0
        while child.poll() is None:
            peak = max(peak, _peak_rss_mib(child.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - started
        out.seek(0)
        return wall, peak, child.returncode, out.read().decode("utf-8", "replace")


def bench_cold_start(settings: Settings) -> list[Row]:
    """``planqa ask "…"`` as a fresh process with the index already built: wall clock to the printed answer, and
    the process's peak memory."""
    env = {**os.environ, "PLANQA_CACHE": str(settings.cache_dir), "HF_HUB_OFFLINE": "1"}
    rows, peaks = [], []
    for label, question in COLD_QUESTIONS.items():
        cmd = [sys.executable, "-m", "planqa", "ask", question, "--no-rebuild", "--corpus", str(settings.corpus_dir),
               "--index-dir", str(settings.index_dir), "--model", settings.model]
        runs = [_run_child(cmd, env) for _ in range(COLD_RUNS)]
        failed = sum(r[2] != 0 for r in runs)
        walls = sorted(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        peaks.append(peak)
        answer = " ".join(runs[-1][3].split())[:50]
        rows.append(Row(f"cold start: planqa ask as a new process ({label})", f"{walls[len(walls) // 2]:.1f} s",
                        f"median of {COLD_RUNS}, min {walls[0]:.1f} s, peak RSS {peak:.0f} MiB"
                        + (f", {failed} failed" if failed else "") + f"; “{answer}…”"))
    rows.append(Row("peak RSS of a planqa ask process", f"{max(peaks):.0f} MiB", "VmHWM of the child, sampled"))
    return rows


@contextmanager
def _index_kind(hnsw: bool) -> Iterator[None]:
    """Make :func:`build_vector_index` build HNSW (or exact) whatever the size, with its own parameters."""
    with mock.patch.object(dense, "ANN_THRESHOLD", -1 if hnsw else sys.maxsize):
        yield


@contextmanager
def _faiss_threads(n: int) -> Iterator[None]:
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _unit(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def bench_ann(sizes: tuple[int, ...] = ANN_SIZES, k: int = 10) -> list[Row]:
    """Exact vs HNSW (as :func:`build_vector_index` builds them) on random unit vectors: build time, one-query
    latency (FAISS's default OpenMP threads, and exact search on one thread), and HNSW recall@1 / recall@k against
    exact search. Each query is a stored vector plus noise of norm
    ~0.5 (cosine ~0.9 to it), so it has one true near neighbour, as a real query has; its other neighbours are
    near-ties, the hardest case for a graph index."""
    rng = np.random.default_rng(SEED)
    base = _unit(rng.standard_normal((max(sizes), ANN_DIM), dtype=np.float32))
    rows = []
    for n in sizes:
        vectors = base[:n]
        noise = rng.standard_normal((ANN_QUERIES, ANN_DIM), dtype=np.float32) * (0.5 / np.sqrt(ANN_DIM))
        queries = _unit(vectors[rng.integers(0, n, ANN_QUERIES)] + noise)
        results = {}
        for name in ("exact", "exact, 1 thread", "hnsw"):
            started = time.perf_counter()
            with _index_kind(name == "hnsw"):
                index = build_vector_index(vectors)
            build_s = time.perf_counter() - started
            times, found = [], []
            with _faiss_threads(1 if "1 thread" in name else faiss.omp_get_max_threads()):
                for q in queries:
                    started = time.perf_counter()
                    _, ids = index.search(q.reshape(1, -1), k)
                    times.append(time.perf_counter() - started)
                    found.append(ids[0].tolist())
            results[name] = (build_s, times, found)
        pairs = list(zip(results["hnsw"][2], results["exact"][2], strict=True))
        recall_1 = np.mean([e[0] in h for h, e in pairs])
        recall_k = np.mean([len(set(h) & set(e)) / k for h, e in pairs])
        for name, (build_s, times, _) in results.items():
            note = f"build {build_s:.1f} s"
            if name == "hnsw":
                note += f", recall@1 {recall_1:.3f}, recall@{k} {recall_k:.3f}"
            rows.append(Row(f"FAISS {n // 1000}k vectors, {name}: query p50 / p95", _percentiles_ms(times), note))
    return rows


def format_table(rows: list[Row]) -> str:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("measure", "value")]
    lines = [f"{'measure':<{widths[0]}}  {'value':>{widths[1]}}  note",
             f"{'-' * widths[0]}  {'-' * widths[1]}  ----"]
    lines += [f"{r.measure:<{widths[0]}}  {r.value:>{widths[1]}}  {r.note}" for r in rows]
    return "\n".join(lines)


def run_bench(settings: Settings | None = None, synthetic_chunks: int = 10_000) -> list[Row]:
    """Run every benchmark, print the table, return its rows. ``synthetic_chunks=0`` skips the synthetic build."""
    settings = settings or Settings()
    _log(f"loading the engine (building {settings.index_dir} if missing or stale)")
    open_index(load_corpus(settings.corpus_dir, settings.max_file_bytes), settings.corpus_dir, settings.index_dir,
               Embedder(settings.model, settings.models_dir))
    engine, load_s = _timed(lambda: Engine.load(settings, rebuild=False))
    assert isinstance(engine, Engine)
    _log("warm latency")
    rows = bench_warm(engine, load_s)
    _log("cold start")
    rows += bench_cold_start(settings)
    _log("building the real corpus index into a temporary folder")
    built, corpus, lengths = bench_real_build(settings, engine.embedder)
    rows += built
    if synthetic_chunks > 0:
        _log(f"building a synthetic corpus of {synthetic_chunks} chunks")
        rows += bench_synthetic_build(corpus, lengths, engine.embedder, synthetic_chunks)
    _log("exact vs HNSW")
    rows += bench_ann()
    print(format_table(rows))
    return rows


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    run_bench(Settings(), synthetic_chunks=int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
