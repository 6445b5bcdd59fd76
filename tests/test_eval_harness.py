"""The evaluation harness end to end: a tiny test set against the real engine, with the baseline; another
system's answers scored by the same rules; runs compared; the reports and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.harness import EvalReport, run_eval
from eval.report import to_text, write_report
from eval.testset import load_testset, parse_item
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
# Retrieval-only: gold sections and nothing else. The second names another document, so nothing can match it.
RETRIEVAL_ONLY = [
    {"id": "r-task22", "question": "Xây dựng và vận hành thị trường dữ liệu", "lang": "vi", "type": "section",
     "sections": ["PL.22"]},
    {"id": "r-other-doc", "question": "Xây dựng và vận hành thị trường dữ liệu", "lang": "vi", "type": "section",
     "sections": ["PL.22"], "doc": "Luật Điện ảnh 2022"},
]
MALFORMED = [
    "this is not json",
    json.dumps(["a", "list"]),
    json.dumps({"id": "bad-question", "question": 5, "answerable": True, "answers": ["x"]}),
    json.dumps({"id": "no-answers", "question": "Ai chủ trì nhiệm vụ 1?", "answerable": True, "answers": []}),
    json.dumps({"id": "t-lead", "question": "duplicate id", "answerable": False}),
    json.dumps({"id": "bad-doc", "question": "Ai?", "sections": ["PL.1"], "doc": 5}),
    json.dumps({"id": "claim-none", "question": "Đúng không?", "answerable": False, "verdict": True}),
    json.dumps({"id": "claim-bad", "question": "Đúng không?", "verdict": "yes", "sections": ["PL.1"]}),
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _write(path: Path) -> Path:
    lines = [json.dumps(ITEMS[0], ensure_ascii=False), MALFORMED[0], json.dumps(ITEMS[1], ensure_ascii=False), "",
             MALFORMED[1], MALFORMED[2], json.dumps(ITEMS[2], ensure_ascii=False), MALFORMED[3], MALFORMED[4],
             json.dumps(ITEMS[3], ensure_ascii=False), *MALFORMED[5:],
             *(json.dumps(r, ensure_ascii=False) for r in RETRIEVAL_ONLY)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> tuple[EvalReport, Path]:
    """One run against the real engine; the index lives in the session's folder (conftest), built once."""
    tmp = tmp_path_factory.mktemp("eval")
    report_path = tmp / "reports" / "failures.md"
    report = run_eval(settings, [_write(tmp / "testset.jsonl")], baseline=True)
    write_report(report_path, report)
    return report, report_path


def test_malformed_lines_are_skipped_with_reasons(tmp_path: Path) -> None:
    items, skipped = load_testset(_write(tmp_path / "t.jsonl"))
    assert [i.id for i in items] == [i["id"] for i in ITEMS + RETRIEVAL_ONLY]
    assert [s.line for s in skipped] == [2, 5, 6, 8, 9, 11, 12, 13]
    assert all(s.reason and s.path.endswith("t.jsonl") for s in skipped)
    assert "duplicate" in skipped[4].reason
    assert "'doc'" in skipped[5].reason
    assert "verdict" in skipped[6].reason and "verdict" in skipped[7].reason
    assert [i.retrieval_only for i in items] == [False] * 4 + [True] * 2
    assert items[-1].doc == "Luật Điện ảnh 2022" and items[-1].answerable


def test_nested_gold_keeps_the_outer_section_and_an_empty_doc_is_the_default() -> None:
    item = parse_item(json.dumps({"question": "Điều 17?", "sections": ["Đ.17.1", "Đ.17"], "doc": ""}), 3)
    assert item.sections == ("Đ.17",) and item.doc == "20-CTr/TU" and item.id == "line-3"


def test_several_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "sets"
    folder.mkdir()
    _jsonl(folder / "b.jsonl", ITEMS[2:])
    _jsonl(folder / "a.jsonl", ITEMS[:2])
    (folder / "notes.txt").write_text("not a test set", encoding="utf-8")
    extra = _jsonl(tmp_path / "extra.jsonl", [RETRIEVAL_ONLY[0], ITEMS[0]])
    items, skipped = load_testset(folder, extra)
    assert [i.id for i in items] == ["t-lead", "t-wrong-gold", "t-target", "t-none", "r-task22"]
    assert len(skipped) == 1 and "duplicate" in skipped[0].reason and skipped[0].path == str(extra)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match="no .jsonl"):
        load_testset(empty)


def test_missing_testset_is_a_clear_error(tmp_path: Path, settings: Settings) -> None:
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        run_eval(settings, [missing])


def test_report_structure(evaluated: tuple[EvalReport, Path]) -> None:
    report, _ = evaluated
    assert [r.item.id for r in report.results] == [i["id"] for i in ITEMS + RETRIEVAL_ONLY]
    assert len(report.skipped) == len(MALFORMED)
    assert report.overall.questions == 4 and report.overall.unanswerable == 1  # retrieval-only items apart
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
    assert 0.0 <= report.risk.operating_point.coverage <= 1.0 and report.risk.questions == 4


def test_retrieval_only_items_score_recall_and_never_pass(evaluated: tuple[EvalReport, Path]) -> None:
    report, _ = evaluated
    task22, other = report.results[4:]
    assert task22.got is None and task22.correct is None  # searched, not asked
    assert "PL.22" in task22.rankings["hybrid"][:5]
    # another document's gold: planqa's sections are keyed by their own document and can never match
    assert all(s.startswith("20-CTr/TU ") for ranking in other.rankings.values() for s in ranking)
    assert list(report.retrieval_only) == ["hybrid", "bm25", "dense", "baseline"]
    hybrid = report.retrieval_only["hybrid"]
    assert hybrid.questions == 2 and hybrid.recall_5 == 0.5
    assert report.retrieval_misses == [other]
    assert task22 not in report.failures and other not in report.failures


def test_text_and_json_outputs(evaluated: tuple[EvalReport, Path]) -> None:
    report, _ = evaluated
    text = to_text(report)
    for label in ("answer accuracy", "wrong-answer rate", "abstention accuracy", "citation accuracy, top 3",
                  "citation recall", "p50", "baseline", "MRR@10", "task_lead", "Risk–coverage", "operating point",
                  "Retrieval-only items"):
        assert label in text
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert data["answer_accuracy"] == report.answer_accuracy
    assert set(data["retrieval"]) == set(data["retrieval_only"]) == {"hybrid", "bm25", "dense", "baseline"}
    assert [r["id"] for r in data["results"]] == [i["id"] for i in ITEMS + RETRIEVAL_ONLY]
    assert [r["scored"] for r in data["results"]] == ["answer"] * 4 + ["retrieval"] * 2
    assert len(data["skipped"]) == len(MALFORMED)
    assert data["risk_coverage"]["operating_point"]["answered"] == report.overall.answered


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
    assert "## Retrieval-only misses" in markdown and "r-other-doc" in markdown


def test_planqa_answers_rescored_as_an_answers_file_agree(evaluated: tuple[EvalReport, Path],
                                                          tmp_path: Path) -> None:
    report, _ = evaluated
    rows = [{"id": r.item.id, "answer": r.answer, "abstained": r.abstained, "confidence": r.got.confidence,
             "citations": [{"doc": d, "section": s} for d, s in r.got.citations]}
            for r in report.results if r.got is not None]
    peer = run_eval(testsets=[_write(tmp_path / "t.jsonl")], answers=_jsonl(tmp_path / "answers.jsonl", rows))
    assert [r.correct for r in peer.results] == [r.correct for r in report.results]
    assert peer.overall == report.overall
