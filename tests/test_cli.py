"""The ``planqa`` command run as users run it: a subprocess, its stdout/stderr contract and exit status.

Commands that need the index use the session index (built once by the ``engine`` fixture) with ``--no-rebuild``,
so that nothing is rebuilt here; no command may ever print a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from planqa.app import Engine
from planqa.config import REPO_ROOT

PLANQA = Path(sys.executable).parent / "planqa"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}
ANSWER_KEYS = {"id", "question", "answer", "abstained", "citations", "latency_ms", "kind", "confidence", "lang"}
CITATION_KEYS = {"doc", "section", "title", "quote"}
RESULT_KEYS = {"doc", "section", "title", "score", "text"}

Run = Callable[..., subprocess.CompletedProcess]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(PLANQA), *args], input=stdin, capture_output=True, text=True, encoding="utf-8",
                          env=ENV, cwd=REPO_ROOT, timeout=300)
    assert "Traceback" not in done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def planqa(engine: Engine) -> Run:
    """``planqa <command> <args> --index-dir <session index> --no-rebuild``."""
    index = ["--index-dir", str(engine.settings.index_dir), "--no-rebuild"]
    return lambda command, *args, stdin=None: run(command, *args, *index, stdin=stdin)


def one_error_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1 and not done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planqa: error:"), done.stderr
    return lines[0]


def test_ask_json_follows_the_answer_contract(planqa: Run, engine: Engine) -> None:
    done = planqa("ask", "Which agency leads task 22?", "--json")
    assert done.returncode == 0
    answer = json.loads(done.stdout)
    assert set(answer) == ANSWER_KEYS
    assert answer["question"] == "Which agency leads task 22?" and answer["abstained"] is False
    assert "Sở Khoa học và Công nghệ" in answer["answer"]
    assert isinstance(answer["latency_ms"], int | float) and answer["latency_ms"] >= 0
    first = answer["citations"][0]
    assert set(first) == CITATION_KEYS and (first["doc"], first["section"]) == ("20-CTr/TU", "PL.22")
    assert first["quote"] in engine.corpus.document("20-CTr/TU").source


def test_ask_jsonl_skips_a_malformed_line(planqa: Run) -> None:
    lines = ['{"id": "q1", "question": "Which agency leads task 22?"}', "{not json",
             '{"id": "q3", "question": "Cơ quan nào chủ trì nhiệm vụ 37?", "lang": "vi"}']
    done = planqa("ask", "--jsonl", "-", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["q1", "q3"]
    assert all(set(a) == ANSWER_KEYS for a in answers)
    assert [a["citations"][0]["section"] for a in answers] == ["PL.22", "PL.37"]
    assert "line 2" in done.stderr and "skipped" in done.stderr


def test_search_json_follows_the_results_contract(planqa: Run) -> None:
    done = planqa("search", "nhiệm vụ 22", "--json")
    assert done.returncode == 0
    found = json.loads(done.stdout)
    assert set(found) == {"query", "results"} and found["query"] == "nhiệm vụ 22"
    results = found["results"]
    assert 0 < len(results) <= 10 and all(set(r) == RESULT_KEYS for r in results)
    assert "PL.22" in [r["section"] for r in results[:3]]
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_search_jsonl_answers_each_line(planqa: Run, tmp_path: Path) -> None:
    queries = tmp_path / "queries.jsonl"
    queries.write_text('{"id": "a", "question": "thị trường dữ liệu"}\n\n{"question": "data marketplace"}\n',
                       encoding="utf-8")
    done = planqa("search", "--jsonl", str(queries), "--k", "3")
    assert done.returncode == 0
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", "3"]
    assert all(set(r) == {"id", "results", "latency_ms"} and 0 < len(r["results"]) <= 3 for r in results)


def test_ingest_prints_the_summary() -> None:
    done = run("ingest")
    assert done.returncode == 0
    summary = done.stdout.strip().splitlines()[-1]
    assert summary.startswith("1 documents,") and "56 tasks" in summary and "35 targets" in summary


def test_ingest_json_is_the_document_model() -> None:
    done = run("ingest", "--json")
    assert done.returncode == 0
    model = json.loads(done.stdout)
    assert model["errors"] == []
    (document,) = model["documents"]
    assert document["id"] == "20-CTr/TU" and "source" not in document
    assert (len(document["tasks"]), len(document["targets"])) == (56, 35)


def test_a_closed_pipe_ends_quietly() -> None:
    with subprocess.Popen([str(PLANQA), "ingest", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=ENV, cwd=REPO_ROOT) as child:
        assert child.stdout.read(100).startswith(b'{"documents"')
        child.stdout.close()  # like `| head`: more than a pipe's buffer is still to be written
        assert child.wait(timeout=60) == 0
        assert child.stderr.read() == b""


@pytest.mark.parametrize("command", [["ingest"], ["ask", "Which agency leads task 22?"], ["search", "dữ liệu"]])
def test_a_missing_corpus_folder_is_one_error_line(tmp_path: Path, command: list[str]) -> None:
    line = one_error_line(run(*command, "--corpus", str(tmp_path / "missing"), "--index-dir", str(tmp_path)))
    assert "corpus folder not found" in line and str(tmp_path / "missing") in line


def test_no_rebuild_without_an_index_is_one_error_line(tmp_path: Path) -> None:
    line = one_error_line(run("ask", "Which agency leads task 22?", "--index-dir", str(tmp_path / "index"),
                              "--no-rebuild"))
    assert "no index" in line and "planqa index" in line
    assert not (tmp_path / "index").exists()


def test_an_unreadable_jsonl_file_is_one_error_line(tmp_path: Path) -> None:
    line = one_error_line(run("ask", "--jsonl", str(tmp_path / "none.jsonl"), "--index-dir", str(tmp_path / "index")))
    assert "cannot read" in line and "none.jsonl" in line
    assert not (tmp_path / "index").exists()  # found out before loading or building anything


@pytest.mark.parametrize("command", [["ask", ""], ["ask"], ["ask", "  \t "], ["search", ""], ["search"]])
def test_an_empty_question_gets_a_clear_message(tmp_path: Path, command: list[str]) -> None:
    done = run(*command, "--index-dir", str(tmp_path / "index"), "--no-rebuild")
    assert done.returncode == 0 and not done.stdout
    assert done.stderr.startswith("planqa: nothing to ") and "e.g. planqa " in done.stderr
    assert not (tmp_path / "index").exists()  # said without loading or building anything


@pytest.mark.parametrize("args", [["search", "x", "--k", "0"], ["search", "x", "--k", "ten"], ["frobnicate"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2 and "usage: planqa" in done.stderr


def test_an_unknown_backend_is_one_error_line(tmp_path: Path) -> None:
    done = subprocess.run([str(PLANQA), "ask", "Which agency leads task 22?", "--index-dir", str(tmp_path)],
                          capture_output=True, text=True, env={**ENV, "PLANQA_BACKEND": "onnx"}, timeout=300)
    line = one_error_line(done)
    assert "PLANQA_BACKEND='onnx' names no backend" in line and "onnx-int8" in line


def test_an_unknown_search_mode_is_one_error_line() -> None:
    assert "unknown search mode 'fuzzy'" in one_error_line(run("search", "x", "--mode", "fuzzy"))
