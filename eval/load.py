"""Load test: many users asking the web app at once, through its /ask API.

Run: ``python eval/load.py [--users 50] [--questions 20] [--time-limit 540]``. It starts the app in this process on
a free loopback port (corpus and index from ``Settings()``, the index built if missing), then ``--users`` threads,
each with its own gradio_client, ask ``--questions`` questions each, drawn from ``eval/testset.jsonl``. It prints
requests, errors, throughput, latency percentiles and the process's peak RSS, and exits 1 when any request failed,
timed out, got an answer other than the one the engine gives in-process, or was not sent within the time limit.
Client threads share the server's two cores and GIL, so the latencies are an upper bound. It is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import numpy as np  # noqa: E402
import psutil  # noqa: E402
from gradio_client import Client  # noqa: E402

from planqa.app import Engine  # noqa: E402
from planqa.config import REPO_ROOT, Settings  # noqa: E402
from ui.app import CONCURRENCY, build_app, launch  # noqa: E402

TESTSET = REPO_ROOT / "eval" / "testset.jsonl"
SEED = 20260424
MIB = 1024 * 1024


@dataclass
class Tally:
    """What the users saw, added to under a lock."""

    latencies: list[float] = field(default_factory=list)  # seconds, answered requests only
    errors: Counter[str] = field(default_factory=Counter)
    unsent: int = 0  # requests not sent before the time limit
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, latency: float | None = None, error: str = "", unsent: int = 0) -> None:
        with self.lock:
            if latency is not None:
                self.latencies.append(latency)
            if error:
                self.errors[error] += 1
            self.unsent += unsent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PeakRss(threading.Thread):
    """Samples this process's resident memory every 50 ms until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process()
        self.peak = self.process.memory_info().rss
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)


def user(url: str, questions: list[str], expected: dict[str, dict], count: int, seed: int, deadline: float,
         timeout: float, tally: Tally) -> None:
    """One user: its own client, ``count`` questions in a row, each checked against the in-process answer."""
    rng = random.Random(seed)
    try:
        client = Client(url, verbose=False)
    except Exception as e:  # a user who cannot connect counts once, with all its requests unsent
        tally.add(error=f"connect: {type(e).__name__}", unsent=count)
        return
    for n in range(count):
        if time.monotonic() > deadline:
            tally.add(unsent=count - n)
            return
        question = rng.choice(questions)
        started = time.perf_counter()
        try:
            result = client.submit(question, api_name="/ask").result(timeout=timeout)
        except Exception as e:  # timeouts and server errors alike: the user got no answer
            tally.add(error=type(e).__name__)
            continue
        latency = time.perf_counter() - started
        want = expected[question]
        if (result.get("answer"), result.get("citations")) != (want["answer"], want["citations"]):
            tally.add(error="wrong answer")
        else:
            tally.add(latency)


def run(users: int, per_user: int, time_limit: float, timeout: float) -> int:
    questions = sorted({json.loads(line)["question"] for line in TESTSET.open(encoding="utf-8") if line.strip()})
    settings = Settings()
    print(f"loading the engine (index {settings.index_dir}) …", file=sys.stderr, flush=True)
    engine = Engine.load(settings, rebuild=True)
    expected = {q: engine.ask(q).to_json() for q in questions}  # also warms the model and the query cache
    app = build_app(engine)
    url = launch(app, "127.0.0.1", free_port())
    rss = PeakRss()
    idle = rss.peak
    rss.start()
    tally = Tally()
    print(f"{users} users × {per_user} questions against {url} …", file=sys.stderr, flush=True)
    started = time.monotonic()
    deadline = started + time_limit
    try:
        with ThreadPoolExecutor(users) as pool:
            for u in range(users):
                pool.submit(user, url, questions, expected, per_user, SEED + u, deadline, timeout, tally)
        elapsed = time.monotonic() - started
    finally:
        rss.done.set()
        rss.join()
        app.close()

    answered = len(tally.latencies)
    errors = sum(tally.errors.values())
    ms = np.array(tally.latencies) * 1000 if answered else np.zeros(1)
    print(f"users                {users} (server concurrency limit {CONCURRENCY})")
    print(f"requests             {users * per_user} planned, {answered + errors} sent, {answered} answered")
    print(f"errors               {errors}" + (f" ({dict(tally.errors)})" if errors else ""))
    print(f"unsent (time limit)  {tally.unsent}")
    print(f"wall time            {elapsed:.1f} s")
    print(f"throughput           {answered / elapsed:.1f} answers/s")
    print(f"latency ms           p50 {np.percentile(ms, 50):.0f} · p95 {np.percentile(ms, 95):.0f} · "
          f"max {ms.max():.0f}")
    print(f"RSS                  {idle / MIB:.0f} MiB before the load, peak {rss.peak / MIB:.0f} MiB")
    return 1 if errors or tally.unsent else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--users", type=int, default=50, help="concurrent users (default: 50)")
    p.add_argument("--questions", type=int, default=20, help="questions per user (default: 20)")
    p.add_argument("--time-limit", type=float, default=540, help="no request is sent after this many seconds")
    p.add_argument("--timeout", type=float, default=120, help="seconds one request may take")
    args = p.parse_args()
    return run(args.users, args.questions, args.time_limit, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
