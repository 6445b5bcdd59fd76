"""Another system's answers scored by planqa's rules (no engine is loaded), runs compared, and the eval command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.answers import load_answers
from eval.compare import compare_runs
from eval.harness import run_eval
from eval.report import to_markdown, to_text
from eval.testset import DEFAULT_TESTSET
from planqa.cli import main
from tests.conftest import read_jsonl

CLAIMS = [
    {"id": "c-true", "question": "Sở Khoa học và Công nghệ chủ trì nhiệm vụ 22, đúng không?", "lang": "vi",
     "type": "claim", "answers": ["Sở Khoa học và Công nghệ"], "sections": ["PL.22"], "verdict": True},
    {"id": "c-false", "question": "Is task 22 led by the Department of Finance?", "lang": "en", "type": "claim",
     "answers": [], "sections": ["PL.22"], "verdict": False},
    {"id": "r-only", "question": "Điều 32 phân loại phim", "lang": "vi", "type": "section", "answers": [],
     "answerable": True, "doc": "Luật Điện ảnh 2022", "sections": ["Đ.32"], "label": "No"},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _gold_answer(item: dict) -> dict:
    """What a perfect system says: the gold strings, the verdict, the gold sections cited in the item's document."""
    text = " ; ".join(item.get("answers", [])[:1] + item.get("answers_all", []))
    if item.get("verdict") is not None:
        text = ("Đúng. " if item["verdict"] else "Chưa đúng. ") + text
    doc = item.get("doc", "20-CTr/TU")
    return {"id": item["id"], "answer": text, "abstained": item.get("answerable") is False,
            "citations": [{"doc": doc, "section": s} for s in item["sections"]], "confidence": 0.9, "latency_ms": 3}


@pytest.fixture()
def testset(tmp_path: Path) -> Path:
    return _jsonl(tmp_path / "set.jsonl", read_jsonl(DEFAULT_TESTSET) + CLAIMS)


@pytest.fixture()
def gold_file(tmp_path: Path, testset: Path) -> Path:
    return _jsonl(tmp_path / "gold.jsonl", [_gold_answer(i) for i in read_jsonl(testset)])


@pytest.fixture()
def abstain_file(tmp_path: Path, testset: Path) -> Path:
    return _jsonl(tmp_path / "abstain.jsonl", [{"id": i["id"], "answer": "Không tìm thấy.", "abstained": True,
                                                "citations": []} for i in read_jsonl(testset)])


def test_gold_strings_as_answers_score_one(testset: Path, gold_file: Path) -> None:
    report = run_eval(testsets=[testset], answers=gold_file)
    assert report.system == str(gold_file)
    assert report.overall.questions == 210 and report.overall.accuracy == 1.0
    assert report.overall.citation_accuracy_top3 == 1.0 and report.overall.wrong_answer_rate == 0.0
    assert report.retrieval["citations"].recall_10 == 1.0
    only = report.retrieval_only["citations"]
    assert (only.questions, only.recall_1, only.mrr_10) == (1, 1.0, 1.0)  # "luat-dien-anh-2022" or its name
    assert report.latencies_ms and report.latency_p95_ms == 3


def test_all_abstain_scores_zero_on_answerable_items(testset: Path, abstain_file: Path) -> None:
    report = run_eval(testsets=[testset], answers=abstain_file)
    answerable = [r for r in report.qa_results if r.item.answerable]
    assert answerable and not any(r.correct for r in answerable)
    assert report.overall.correct == report.overall.unanswerable == 27
    assert report.overall.false_abstentions == len(answerable)
    assert report.retrieval_only["citations"].recall_10 == 0.0  # retrieval-only items never pass vacuously
    assert report.risk.operating_point.coverage == 0.0


def test_verdicts_and_documents_count(tmp_path: Path) -> None:
    testset = _jsonl(tmp_path / "claims.jsonl", CLAIMS)
    rows = [_gold_answer(i) for i in CLAIMS]
    rows[0]["answer"] = "Chưa đúng. Sở Khoa học và Công nghệ"  # the strings, but the wrong verdict
    rows[1] = {**rows[1], "answer": "The lead is Sở Khoa học và Công nghệ", "verdict": False}  # the field counts
    rows[2]["citations"] = [{"doc": "Luật Giáo dục 2019", "section": "Đ.32"}]  # the right article of another law
    report = run_eval(testsets=[testset], answers=_jsonl(tmp_path / "a.jsonl", rows))
    assert [r.correct for r in report.results] == [False, True, None]
    assert report.retrieval_only["citations"].recall_10 == 0.0


def test_missing_and_malformed_answers(tmp_path: Path, testset: Path, gold_file: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    lines = gold_file.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(["not json", json.dumps({"id": "x", "answer": "a"}),
                                 json.dumps({"id": "ev-001", "answer": "a", "abstained": False, "confidence": 2}),
                                 *lines[1:], lines[1], json.dumps({"id": "zz", "answer": "", "abstained": True})])
                      + "\n", encoding="utf-8")
    loaded = load_answers(broken)
    assert [s.line for s in loaded.skipped] == [1, 2, 3, len(lines) + 3]
    assert "confidence" in loaded.skipped[2].reason and "duplicate" in loaded.skipped[3].reason
    report = run_eval(testsets=[testset], answers=broken)
    assert report.missing_answers == 1 and report.overall.correct == report.overall.questions - 1
    err = capsys.readouterr().err
    assert "1 QA items have no answer" in err and "not in the test set" in err
    with pytest.raises(FileNotFoundError, match="answers file not found"):
        run_eval(testsets=[testset], answers=tmp_path / "nope.jsonl")


def test_compare_lists_fixed_and_broken(testset: Path, gold_file: Path, abstain_file: Path) -> None:
    gold = run_eval(testsets=[testset], answers=gold_file).to_json()
    abstain = run_eval(testsets=[testset], answers=abstain_file)
    comparison = compare_runs(gold, abstain.to_json(), "gold.json")
    answerable = {r.item.id for r in abstain.qa_results if r.item.answerable}
    assert {c.id for c in comparison.broken} == answerable and not comparison.fixed
    assert {c.id for c in compare_runs(abstain.to_json(), gold, "abstain.json").fixed} == answerable
    metrics = {name: (a, b) for name, a, b in comparison.metrics}
    assert metrics["answer accuracy"] == (1.0, 27 / 210)
    assert metrics["citations R@5 (retrieval-only)"] == (1.0, 0.0)
    assert "Broken (183)" in to_text(abstain, comparison) and "## Fixed (0)" in to_markdown(abstain, comparison)


def test_eval_command_scores_answers_compares_and_fails_clearly(tmp_path: Path, testset: Path, gold_file: Path,
                                                                abstain_file: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--testset", str(testset), "--answers", str(gold_file), "--json",
                 "--min-accuracy", "1.0", "--report", str(tmp_path / "r.md")]) == 0
    run = tmp_path / "gold-run.json"
    run.write_text(capsys.readouterr().out, encoding="utf-8")
    assert json.loads(run.read_text(encoding="utf-8"))["answer_accuracy"] == 1.0
    assert "## Failures (0)" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert main(["eval", "--testset", str(testset), "--answers", str(abstain_file), "--compare", str(run),
                 "--json", "--min-accuracy", "0.5"]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)["compare"]["broken"]) == 183 and "below the floor" in err
    only = _jsonl(tmp_path / "only.jsonl", CLAIMS[2:])
    assert main(["eval", "--testset", str(only), "--answers", str(gold_file), "--min-accuracy", "0.9"]) == 1
    assert "no QA items" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert main(["eval", "--answers", str(gold_file), "--compare", str(tmp_path / "bad.json")]) == 1
    assert "not a planqa eval --json output" in capsys.readouterr().err
    assert main(["eval", "--testset", str(tmp_path / "nope.jsonl"), "--answers", str(gold_file)]) == 1
    assert "test set not found" in capsys.readouterr().err
