"""Benchmarks: a fresh index build, warm ask latency against the bare query forward, cold ``planqa ask``, the
serving process's memory and a many-user load run on ``/api/ask``; optionally a synthetic build and exact vs HNSW
FAISS search (the measurement behind ``index/dense.py``'s ``ANN_THRESHOLD``).

Run: ``planqa bench [--json] [--synthetic N] [--ann]``. It prints one table (``--json``: one object); progress goes
to stderr. Whole-process figures (build, cold start) are wall seconds of child processes, the median of ``runs``.
It is not a test.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import numpy as np
import psutil

from eval.load import serve_and_load
from index import dense
from index.build import open_index
from index.dense import build_vector_index
from index.lexical import build_bm25
from index.search import dense_query
from ingest.corpus import load_corpus
from ingest.model import Corpus
from planqa.app import Engine, make_embedder
from planqa.config import REPO_ROOT, Settings

QUERY_FILES = (REPO_ROOT / "eval" / "testset.jsonl", REPO_ROOT / "tests" / "data" / "qa_cases.jsonl",
               REPO_ROOT / "tests" / "data" / "search_queries.jsonl")
WARMUP = 10
# One answered from the task table alone (no encoder), one that needs the embedding model (search over the index).
COLD_QUESTIONS = {"lookup": "Which agency leads task 22?",
                  "topic": "Hải Phòng cần khôi phục những ngành công nghiệp truyền thống nào?"}
ANN_SIZES = (10_000, 50_000, 200_000)
ANN_QUERIES = 200
ANN_DIM = 384
SEED = 20260424
_SENTENCE = re.compile(r"[^.;:\n]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _ms(seconds: list[float], q: float) -> float:
    return round(float(np.percentile(np.array(seconds) * 1000, q)), 2)


def _median(values: list[float]) -> float:
    return round(float(np.median(values)), 3)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "planqa.cli", *args]


def _child_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PLANQA_CACHE": str(settings.cache_dir),
            "HF_HUB_OFFLINE": "1"}


def bench_build(settings: Settings) -> dict:
    """``planqa index`` as a new process into an empty folder: wall seconds to a usable index, texts embedded."""
    with tempfile.TemporaryDirectory(prefix="planqa-bench-") as tmp:
        cmd = _cli("index", "--corpus", str(settings.corpus_dir), "--index-dir", tmp, "--model", settings.model)
        wall, peak, status, out = _run_child(cmd, _child_env(settings))
    if status != 0:
        raise RuntimeError(f"planqa index failed (status {status})")
    return {"build_s": round(wall, 2), "build_peak_rss_mb": round(peak, 1), "build_output": out.strip()}


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


def bench_warm(settings: Settings) -> dict:
    """Warm ask latency on one query thread, and the bare query forward of the same backend on the same thread
    count (query cache bypassed) over the same questions: what an answer costs beyond embedding its question."""
    engine = Engine.load(settings, rebuild=False).warm(COLD_QUESTIONS["topic"])
    queries = benchmark_queries()
    for q in queries[:WARMUP]:
        engine.ask(q)
    rest = queries[WARMUP:]
    ask_s, forward_s = [], []
    for q in rest:
        started = time.perf_counter()
        engine.ask(q)
        ask_s.append(time.perf_counter() - started)
    embedder = engine.embedder
    for q in rest:
        started = time.perf_counter()
        embedder._encode([dense_query(q)], "query", embedder.query_threads)
        forward_s.append(time.perf_counter() - started)
    ask_p50, forward_p50 = _ms(ask_s, 50), _ms(forward_s, 50)
    return {"backend": embedder.backend.value, "query_threads": embedder.query_threads, "questions": len(rest),
            "ask_p50_ms": ask_p50, "ask_p95_ms": _ms(ask_s, 95), "forward_p50_ms": forward_p50,
            "ask_forward_ratio": round(ask_p50 / forward_p50, 2) if forward_p50 else None}


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


def bench_cold(settings: Settings, runs: int) -> dict:
    """``planqa ask "…"`` as a new process, index present: median wall seconds, and peak RSS, per kind of question."""
    out = {}
    for label, question in COLD_QUESTIONS.items():
        cmd = _cli("ask", question, "--no-rebuild", "--corpus", str(settings.corpus_dir), "--index-dir",
                   str(settings.index_dir), "--model", settings.model)
        results = [_run_child(cmd, _child_env(settings)) for _ in range(runs)]
        if any(r[2] != 0 for r in results):
            raise RuntimeError(f"planqa ask failed on {question!r}")
        out[label] = {"s": _median([r[0] for r in results]), "peak_rss_mb": round(max(r[1] for r in results), 1)}
    return {"cold_ask_s": {k: v["s"] for k, v in out.items()},
            "cold_ask_peak_rss_mb": {k: v["peak_rss_mb"] for k, v in out.items()}}


def bench_synthetic_build(settings: Settings, n: int) -> dict:
    """BM25 + embedding + FAISS over ``n`` synthetic chunks as long as real ones, the model already loaded."""
    corpus = load_corpus(settings.corpus_dir, settings.max_file_bytes)
    engine = Engine.load(settings, rebuild=False)
    texts = synthetic_texts(corpus, [len(c.text.split()) for c in engine.index.chunks], n)
    embedder = make_embedder(settings)
    embedder.encode_passages(texts[:2])  # loads the model
    started = time.perf_counter()
    build_bm25(texts)
    bm25_s = time.perf_counter() - started
    vectors = embedder.encode_passages(texts, progress=sys.stderr.isatty())
    embed_s = time.perf_counter() - started - bm25_s
    build_vector_index(vectors)
    total = time.perf_counter() - started
    return {"chunks": n, "build_s": round(total, 1), "bm25_s": round(bm25_s, 1), "embed_s": round(embed_s, 1),
            "chunks_per_s": round(n / embed_s, 1)}


@contextmanager
def _index_kind(hnsw: bool) -> Iterator[None]:
    """Make :func:`build_vector_index` build HNSW (or exact) whatever the size, with its own parameters."""
    with mock.patch.object(dense, "ANN_THRESHOLD", -1 if hnsw else sys.maxsize):
        yield


@contextmanager
def _faiss_threads(n: int) -> Iterator[None]:
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _unit(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def bench_ann(sizes: tuple[int, ...] = ANN_SIZES, k: int = 10) -> list[dict]:
    """Exact vs HNSW (as :func:`build_vector_index` builds them) on random unit vectors: build time, one-query
    latency (FAISS's default OpenMP threads, and exact search on one thread), and HNSW recall@1 / recall@k against
    exact search. Each query is a stored vector plus noise of norm
    ~0.5 (cosine ~0.9 to it), so it has one true near neighbour, as a real query has; its other neighbours are
    near-ties, the hardest case for a graph index."""
    import faiss

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
            row = {"vectors": n, "index": name, "build_s": round(build_s, 2), "query_p50_ms": _ms(times, 50),
                   "query_p95_ms": _ms(times, 95)}
            if name == "hnsw":
                row |= {"recall_at_1": round(float(recall_1), 3), f"recall_at_{k}": round(float(recall_k), 3)}
            rows.append(row)
    return rows


def run_bench(settings: Settings | None = None, synthetic_chunks: int = 0, users: int = 50, per_user: int = 20,
              runs: int = 3, ann: bool = False) -> dict:
    """Every benchmark as one object (``planqa bench --json``)."""
    settings = settings or Settings()
    _log(f"opening {settings.index_dir} (built if missing or stale)")
    open_index(load_corpus(settings.corpus_dir, settings.max_file_bytes), settings.corpus_dir, settings.index_dir,
               make_embedder(settings))
    _log("fresh build")
    report: dict = bench_build(settings)
    _log("warm latency")
    report |= bench_warm(settings)
    _log("cold start")
    report |= bench_cold(settings, runs)
    if users > 0:
        _log(f"{users} users × {per_user} questions on /api/ask")
        load = serve_and_load(settings, users, per_user)
        report["serve_rss_mb"] = load.pop("serve_rss_mb")
        report["serve_peak_rss_mb"] = load.pop("serve_peak_rss_mb")
        report["load"] = load
    if synthetic_chunks > 0:
        _log(f"synthetic build of {synthetic_chunks} chunks")
        report["synthetic"] = bench_synthetic_build(settings, synthetic_chunks)
    if ann:
        _log("exact vs HNSW")
        report["ann"] = bench_ann()
    return report


def format_report(report: dict) -> str:
    """The report as ``key  value`` lines, nested objects flattened with dots."""
    def flat(prefix: str, value: object) -> Iterator[tuple[str, object]]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield from flat(f"{prefix}.{k}" if prefix else str(k), v)
        else:
            yield prefix, value

    rows = list(flat("", report))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    print(json.dumps(run_bench(Settings()), ensure_ascii=False))
