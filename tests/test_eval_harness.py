"""The evaluation harness end to end: a tiny test set against the real engine, with the baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.harness import EvalReport, load_testset, run_eval
from planqa.config import Settings

ITEMS = [
    {"id": "t-lead", "question": "Which agency leads task 22?", "lang": "en", "type": "task_lead",
     "answers": ["Sở Khoa học và Công nghệ"], "answers_all": [], "answerable": True, "sections": ["PL.22"]},
    # A deliberately wrong gold answer: this question must be reported as a failure.
    {"id": "t-wrong-gold", "question": "Cơ quan nào chủ trì nhiệm vụ 37?", "lang": "vi", "type": "task_lead",
     "answers": ["Sở Không Tồn Tại"], "answers_all": [], "answerable": True, "sections": ["PL.37"]},
    {"id": "t-target", "question": "Mục tiêu tỷ lệ đô thị hóa của thành phố là bao nhiêu?", "lang": "vi",
     "type": "target", "answers": ["55%"], "answers_all": [], "answerable": True, "sections": ["II.2.(30)"]},
    {"id": "t-none", "question": "What is the exchange rate of the US dollar in Hai Phong?", "lang": "en",
     "type": "unanswerable", "answers": [], "answers_all": [], "answerable": False, "sections": []},
]
MALFORMED = [
    "this is not json",
    json.dumps(["a", "list"]),
    json.dumps({"id": "bad-question", "question": 5, "answerable": True, "answers": ["x"]}),
    json.dumps({"id": "no-answers", "question": "Ai chủ trì nhiệm vụ 1?", "answerable": True, "answers": []}),
    json.dumps({"id": "t-lead", "question": "duplicate id", "answerable": False}),
]


def _write(path: Path) -> Path:
    lines = [json.dumps(ITEMS[0], ensure_ascii=False), MALFORMED[0], json.dumps(ITEMS[1], ensure_ascii=False), "",
             MALFORMED[1], MALFORMED[2], json.dumps(ITEMS[2], ensure_ascii=False), MALFORMED[3], MALFORMED[4],
             json.dumps(ITEMS[3], ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> tuple[EvalReport, Path]:
    """One run against the real engine; the index lives in the session's folder (conftest), built once."""
    tmp = tmp_path_factory.mktemp("eval")
    report_path = tmp / "reports" / "failures.md"
    return run_eval(settings, _write(tmp / "testset.jsonl"), report_path, baseline=True), report_path


def test_malformed_lines_are_skipped_with_reasons(tmp_path: Path) -> None:
    items, skipped = load_testset(_write(tmp_path / "t.jsonl"))
    assert [i.id for i in items] == [i["id"] for i in ITEMS]
    assert [s.line for s in skipped] == [2, 5, 6, 8, 9]
    assert all(s.reason for s in skipped)
    assert "duplicate" in skipped[-1].reason


def test_missing_testset_is_a_clear_error(tmp_path: Path, settings: Settings) -> None:
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        run_eval(settings, missing)


def test_report_structure(evaluated: tuple[EvalReport, Path]) -> None:
    report, _ = evaluated
    assert [r.item.id for r in report.results] == [i["id"] for i in ITEMS]
    assert len(report.skipped) == len(MALFORMED)
    assert report.overall.questions == 4 and report.overall.unanswerable == 1
    assert set(report.by_lang) == {"en", "vi"}
    assert set(report.by_type) == {"task_lead", "target", "unanswerable"}
    assert list(report.retrieval) == ["hybrid", "bm25", "dense", "baseline"]
    assert all(s.questions == 3 for s in report.retrieval.values())
    for scores in report.retrieval.values():
        assert 0.0 <= scores.recall_1 <= scores.recall_5 <= scores.recall_10 <= 1.0
        assert 0.0 <= scores.mrr_10 <= 1.0
    assert 0.0 <= report.answer_accuracy <= 0.75  # the wrong gold answer can never pass
    assert 0.0 < report.latency_p50_ms <= report.latency_p95_ms
    assert all(len(ranking) <= 10 for r in report.results for ranking in r.rankings.values())
    assert report.results[3].rankings == {}  # no retrieval for unanswerable questions


def test_text_and_json_outputs(evaluated: tuple[EvalReport, Path]) -> None:
    report, _ = evaluated
    text = report.to_text()
    for label in ("answer accuracy", "wrong-answer rate", "abstention accuracy", "citation accuracy, top 3",
                  "citation recall", "p50", "baseline", "MRR@10", "task_lead"):
        assert label in text
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert data["answer_accuracy"] == report.answer_accuracy
    assert set(data["retrieval"]) == {"hybrid", "bm25", "dense", "baseline"}
    assert [r["id"] for r in data["results"]] == [i["id"] for i in ITEMS]
    assert len(data["skipped"]) == len(MALFORMED)


def test_failure_report_lists_the_wrong_gold_answer(evaluated: tuple[EvalReport, Path]) -> None:
    report, report_path = evaluated
    wrong = next(r for r in report.results if r.item.id == "t-wrong-gold")
    assert not wrong.correct and wrong in report.failures
    markdown = report_path.read_text(encoding="utf-8")
    section = markdown.split("### t-wrong-gold", 1)[1].split("\n### ", 1)[0]
    assert "Cơ quan nào chủ trì nhiệm vụ 37?" in section
    assert "Sở Không Tồn Tại" in section
    assert "**got:**" in section and "**cited:**" in section and "PL.37" in section
    assert "## Retrieval" in markdown and "| baseline |" in markdown
    assert "## Skipped lines" in markdown
    assert all(f"### {r.item.id} " not in markdown for r in report.results if r.correct)
