"""The HTML evaluation report in a real browser (Debian's headless Chromium): it loads from the file alone, fetches
nothing, and every picture decodes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from eval.harness import run_eval
from eval.report import write_report
from eval.testset import DEFAULT_TESTSET
from tests.conftest import read_jsonl

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")]


def _peer_answers(path: Path) -> Path:
    """A made-up system: right on most questions, wrong on some, abstaining on a few, with confidences that
    mostly rank its right answers first, and latencies."""
    rng = random.Random(15)
    rows = []
    for item in read_jsonl(DEFAULT_TESTSET):
        roll = rng.random()
        right = item["answers"][:1] + item["answers_all"]
        answer = " ; ".join(right) if roll < 0.8 else "Sở Tài chính"
        rows.append({"id": item["id"], "answer": answer, "abstained": not item["answerable"] or roll > 0.95,
                     "citations": [{"doc": "20-CTr/TU", "section": s} for s in item["sections"][: int(roll < 0.9)]],
                     "confidence": round(min(1.0, max(0.0, rng.gauss(0.75 if roll < 0.8 else 0.45, 0.15))), 3),
                     "latency_ms": round(rng.lognormvariate(3.5, 0.6), 1)})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_html_report_opens_and_shows_its_pictures(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    report = run_eval(testsets=[DEFAULT_TESTSET], answers=_peer_answers(tmp_path / "peer.jsonl"))
    page_path = tmp_path / "report.html"
    write_report(page_path, report)
    html = page_path.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html  # nothing to fetch
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
            headings = page.eval_on_selector_all("h2", "hs => hs.map(h => h.textContent)")
            failures = page.eval_on_selector_all("table.failures tr", "rows => rows.length")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        finally:
            browser.close()
    assert len(widths) == 3 and all(w > 0 for w in widths)  # risk–coverage, recall@k, latency
    assert [r for r in requests if not r.startswith("data:")] == [page_path.as_uri()]
    assert any(h.startswith("Risk–coverage") for h in headings) and "Latency" in headings
    assert any(h.startswith("By type") for h in headings) and any(h.startswith("By language") for h in headings)
    assert failures == len(report.failures) + 1 > 1  # a header row, then every failure
    assert (tmp_path / "report.png").stat().st_size > 10_000
