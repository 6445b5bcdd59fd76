"""Load test: many users asking ``POST /api/ask`` of a running ``planqa serve`` at once.

Run: ``python eval/load.py [--users 50] [--questions 20] [--url URL]``. Without ``--url`` it starts ``planqa serve``
as a child process on a free loopback port (corpus and index from ``Settings()``, the index built if missing) and
stops it afterwards; the expected answers come from a first server, the load goes to a fresh one (caches empty).
``--users`` threads, each with its own keep-alive connection, ask ``--questions`` questions each, drawn from
``eval/testset.jsonl``; every answer is checked against the expected one. It prints
requests, errors, throughput, latency percentiles and the server's RSS, and exits 1 when any request failed. The
client threads share the machine's cores with the server, so the latencies are an upper bound. It is not a test.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np
import psutil

from planqa.config import REPO_ROOT, Settings

TESTSET = REPO_ROOT / "eval" / "testset.jsonl"
SEED = 20260424
MIB = 1024 * 1024
READY_TIMEOUT_S = 600  # a first start may build the index


@dataclass
class Tally:
    """What the users saw, added to under a lock."""

    latencies: list[float] = field(default_factory=list)  # seconds, answered requests only
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, latency: float | None = None, error: str = "") -> None:
        with self.lock:
            if latency is not None:
                self.latencies.append(latency)
            if error:
                self.errors[error] += 1


@dataclass(frozen=True)
class LoadResult:
    users: int
    requests: int
    answered: int
    errors: dict[str, int]
    wall_s: float
    answers_per_s: float
    p50_ms: float
    p95_ms: float
    max_ms: float

    def to_json(self) -> dict:
        return {"users": self.users, "requests": self.requests, "answers_per_s": round(self.answers_per_s, 1),
                "p50_ms": round(self.p50_ms, 1), "p95_ms": round(self.p95_ms, 1), "max_ms": round(self.max_ms, 1),
                "errors": sum(self.errors.values()), "error_kinds": self.errors, "wall_s": round(self.wall_s, 2)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def testset_questions() -> list[str]:
    return sorted({json.loads(line)["question"] for line in TESTSET.open(encoding="utf-8") if line.strip()})


class ApiClient:
    """One user's keep-alive connection to ``/api/ask``."""

    def __init__(self, url: str, auth: tuple[str, str] | None = None, timeout: float = 120) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.headers = {"Content-Type": "application/json"}
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"

    def ask(self, question: str) -> dict:
        body = json.dumps({"question": question}).encode()
        try:
            self.connection.request("POST", "/api/ask", body, self.headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # reconnects on the next request
            raise
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        return json.loads(data)

    def close(self) -> None:
        self.connection.close()


def _user(url: str, questions: list[str], expected: dict[str, tuple], count: int, seed: int, tally: Tally,
          auth: tuple[str, str] | None) -> None:
    rng = random.Random(seed)
    client = ApiClient(url, auth)
    try:
        for _ in range(count):
            question = rng.choice(questions)
            started = time.perf_counter()
            try:
                result = client.ask(question)
            except Exception as e:  # timeouts, refused connections and server errors alike: no answer
                tally.add(error=type(e).__name__ if not isinstance(e, RuntimeError) else str(e))
                continue
            latency = time.perf_counter() - started
            if (result.get("answer"), result.get("citations")) != expected[question]:
                tally.add(error="wrong answer")
            else:
                tally.add(latency)
    finally:
        client.close()


def expected_answers(url: str, auth: tuple[str, str] | None = None) -> dict[str, tuple]:
    """Every test-set question asked once, one at a time: the answers the load run must get."""
    client = ApiClient(url, auth)
    try:
        return {q: (r["answer"], r["citations"]) for q in testset_questions() for r in [client.ask(q)]}
    finally:
        client.close()


def run_load(url: str, users: int = 50, per_user: int = 20, auth: tuple[str, str] | None = None,
             expected: dict[str, tuple] | None = None) -> LoadResult:
    """``users`` threads × ``per_user`` questions on ``url``/api/ask; answers checked against ``expected`` (by
    default a first pass on the same server, which also fills its query cache)."""
    questions = testset_questions()
    expected = expected or expected_answers(url, auth)
    tally = Tally()
    started = time.monotonic()
    with ThreadPoolExecutor(users) as pool:
        for u in range(users):
            pool.submit(_user, url, questions, expected, per_user, SEED + u, tally, auth)
    elapsed = time.monotonic() - started
    ms = np.array(tally.latencies) * 1000 if tally.latencies else np.zeros(1)
    return LoadResult(users=users, requests=users * per_user, answered=len(tally.latencies), errors=dict(tally.errors),
                      wall_s=elapsed, answers_per_s=len(tally.latencies) / elapsed,
                      p50_ms=float(np.percentile(ms, 50)), p95_ms=float(np.percentile(ms, 95)),
                      max_ms=float(ms.max()))


class Server:
    """``planqa serve`` as a child process on a free loopback port, the corpus watcher off."""

    def __init__(self, settings: Settings, auth: str | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "planqa.cli", "serve", "--port", str(self.port), "--watch", "0",
               "--corpus", str(settings.corpus_dir), "--index-dir", str(settings.index_dir), "--model", settings.model]
        if auth:
            cmd += ["--auth", auth]
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PLANQA_CACHE": str(settings.cache_dir)}
        self.process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        cwd=REPO_ROOT)

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"planqa serve exited with status {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/api/openapi.json")
                if connection.getresponse().status in (200, 401):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError("planqa serve did not start in time")

    def rss_mib(self) -> float:
        return psutil.Process(self.process.pid).memory_info().rss / MIB

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class PeakRss(threading.Thread):
    """Samples a process's resident memory every 50 ms until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = self.process.memory_info().rss
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            try:
                self.peak = max(self.peak, self.process.memory_info().rss)
            except psutil.Error:
                return


def serve_and_load(settings: Settings, users: int, per_user: int) -> dict:
    """The expected answers from one server, then a fresh one (empty caches: each question's first ask embeds it):
    its idle RSS, the load run, its peak RSS."""
    with Server(settings) as first:
        first.wait_ready()
        expected = expected_answers(first.url)
    with Server(settings) as server:
        server.wait_ready()
        idle = server.rss_mib()
        sampler = PeakRss(server.process.pid)
        sampler.start()
        try:
            result = run_load(server.url, users, per_user, expected=expected)
        finally:
            sampler.done.set()
            sampler.join()
        return {**result.to_json(), "serve_rss_mb": round(idle, 1), "serve_peak_rss_mb": round(sampler.peak / MIB, 1)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--users", type=int, default=50, help="concurrent users (default: 50)")
    p.add_argument("--questions", type=int, default=20, help="questions per user (default: 20)")
    p.add_argument("--url", help="a running server (default: start one)")
    args = p.parse_args()
    if args.url:
        out = run_load(args.url, args.users, args.questions).to_json()
    else:
        out = serve_and_load(Settings(), args.users, args.questions)
    print(json.dumps(out, ensure_ascii=False))
    return 1 if out["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
