"""The web app in a real browser (Debian's headless Chromium): asking, opening a cited source, filtering tasks,
and documents full of HTML payloads that must stay inert."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from planqa.app import Engine
from tests.uifixtures import PAYLOAD_DOC, free_port, payload_engine
from ui.app import build_app, launch

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")]

ASK = "Ask · Hỏi"
QUESTION = "Question (Vietnamese or English)"
# Markup the payload document would create if any of it were rendered as HTML.
INJECTED_SELECTOR = "img[src='x'], iframe[src^='javascript'], .planqa-tree b, .planqa-answer b, .planqa-source b"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return payload_engine(tmp_path_factory.getbasetemp() / "ui")


@pytest.fixture(scope="module")
def url(engine: Engine) -> Iterator[str]:
    app = build_app(engine)
    yield launch(app, port=free_port())
    app.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page plus every dialog it opened and every request it sent elsewhere than the app."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.dialogs: list[str] = []
        self.foreign_requests: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on("request", lambda r: None if r.url.startswith((url, "data:", "blob:"))
                     else self.foreign_requests.append(r.url))
        self.page.goto(url)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def ask(self, question: str) -> None:
        self.page.get_by_label(QUESTION).fill(question)
        self.page.get_by_role("button", name=ASK, exact=True).click()
        self.page.locator(".planqa-answer-text").wait_for()

    def table_numbers(self) -> list[str]:
        rows = self.page.locator(".planqa-table [role=row]:has([role=gridcell])")
        return [row.locator("[role=gridcell]").first.inner_text().strip() for row in rows.all()]


@pytest.fixture
def watched(browser, url: str) -> Iterator[Watched]:
    w = Watched(browser, url)
    yield w
    w.page.close()


def test_ask_shows_the_answer_and_opens_the_cited_source_highlighted(watched: Watched, engine: Engine) -> None:
    page = watched.page
    watched.ask("Which agency leads task 22?")
    assert "Sở Khoa học và Công nghệ" in page.locator(".planqa-answer-text").inner_text()
    assert page.locator(".planqa-citations .planqa-sec").first.inner_text() == "PL.22"
    page.get_by_role("radio", name=re.compile(r"\[1\] PL\.22 ")).check()
    mark = page.locator(".planqa-source mark")
    mark.wait_for()
    assert mark.text_content() == engine.ask("Which agency leads task 22?").citations[0].quote
    assert watched.dialogs == [] and watched.foreign_requests == []


def test_an_example_question_answers_in_one_click(watched: Watched) -> None:
    watched.page.get_by_text("Cơ quan nào chủ trì nhiệm vụ 37?", exact=True).click()
    watched.page.locator(".planqa-citations").wait_for()
    assert watched.page.locator(".planqa-citations .planqa-sec").first.inner_text() == "PL.37"


def test_the_tasks_tab_filters_by_agency(watched: Watched) -> None:
    page = watched.page
    page.get_by_role("tab", name="Tasks · Nhiệm vụ").click()
    page.get_by_label("Lead agency · Cơ quan chủ trì").click()
    page.get_by_role("option", name="Sở Tư pháp", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('.planqa-table .virtual-row').length === 5")
    numbers = watched.table_numbers()
    assert numbers == ["10", "11", "12", "13", "14"] and "15" not in numbers


def test_the_tables_download_as_csv(watched: Watched) -> None:
    page = watched.page
    page.get_by_role("tab", name="Tasks · Nhiệm vụ").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download all tasks (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][:5] == ["No.", "Group", "Task", "Deadline", "Lead agencies"]
    assert [int(r[0]) for r in rows[1:]] == list(range(1, 57))


def test_markup_in_documents_never_runs(watched: Watched) -> None:
    page = watched.page

    def assert_inert() -> None:
        page.wait_for_timeout(300)  # time for an injected image to fail and its handler to fire
        assert page.locator(INJECTED_SELECTOR).count() == 0
        assert watched.dialogs == []

    watched.ask("Thử nghiệm hiển thị chim cánh cụt")
    assert "<img src=x onerror=alert(1)>" in page.locator(".planqa-citations").inner_text()
    assert_inert()
    options = page.get_by_role("radio")
    for n in range(options.count()):
        options.nth(n).check()
        page.locator(".planqa-source mark").wait_for()
        assert_inert()
    page.get_by_role("tab", name="Documents · Văn bản").click()
    page.get_by_label("Document · Văn bản").click()
    page.get_by_role("option", name=re.compile(f"^{PAYLOAD_DOC} ")).click()
    tree = page.locator(".planqa-tree")
    tree.get_by_text("<img src=x onerror=alert(1)>", exact=False).first.wait_for()
    page.evaluate("() => document.querySelectorAll('.planqa-tree details').forEach(d => d.open = true)")
    assert "${alert(1)}" in tree.inner_text()
    assert_inert()
    assert watched.foreign_requests == []
