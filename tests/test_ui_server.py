"""The web app's server, driven through gradio_client: the /ask JSON API, the tables and their filters, escaping,
several users at once, authentication and the refusal to listen publicly without it."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AuthenticationError

from planqa.app import Engine
from planqa.config import Settings
from tests.uifixtures import INJECTED, PAYLOAD_DOC, free_port, payload_engine
from ui import render
from ui.app import build_app, is_loopback, launch, parse_auth, serve
from ui.i18n import Lang


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return payload_engine(tmp_path_factory.getbasetemp() / "ui")


@pytest.fixture(scope="module")
def url(engine: Engine):
    app = build_app(engine)
    yield launch(app, port=free_port())
    app.close()


@pytest.fixture(scope="module")
def client(url: str) -> Client:
    return Client(url, verbose=False)


def _numbers(table: dict) -> list[int]:
    return [int(row[0]) for row in table["data"]]


def test_ask_returns_the_answer_json_with_its_citations(client: Client, engine: Engine) -> None:
    result = client.predict("Which agency leads task 22?", api_name="/ask")
    assert "Sở Khoa học và Công nghệ" in result["answer"]
    assert not result["abstained"]
    first = result["citations"][0]
    assert (first["doc"], first["section"]) == ("20-CTr/TU", "PL.22")
    assert first["quote"] in engine.corpus.document("20-CTr/TU").source
    assert set(result) >= {"question", "answer", "abstained", "citations"}


def test_the_tables_hold_every_target_and_task(client: Client) -> None:
    assert _numbers(client.predict("", api_name="/targets")) == list(range(1, 36))
    tasks = client.predict("", "", "", api_name="/tasks")
    assert _numbers(tasks) == list(range(1, 57))
    assert tasks["headers"][:5] == ["No.", "Group", "Task", "Deadline", "Lead agencies"]


def test_target_search_ignores_diacritics(client: Client) -> None:
    typed_plain = _numbers(client.predict("kim ngach xuat khau", api_name="/targets"))
    assert typed_plain == _numbers(client.predict("Kim ngạch xuất khẩu", api_name="/targets"))
    assert 7 in typed_plain and len(typed_plain) < 35


def test_the_agency_filter_lists_that_agencys_tasks(client: Client) -> None:
    assert _numbers(client.predict("Sở Tư pháp", "", "", api_name="/tasks")) == [10, 11, 12, 13, 14]


def test_deadline_and_group_filters(client: Client) -> None:
    picked = client.predict("", "Tháng 12/2026", "", api_name="/tasks")
    assert {row[3] for row in picked["data"]} == {"Tháng 12/2026"} and {12, 13, 14} <= set(_numbers(picked))
    typed = client.predict("", "quy ii/2026", "", api_name="/tasks")
    assert all("2026" in row[3] and "2027" not in row[3] for row in typed["data"])
    assert 32 in _numbers(typed)  # printed "Quý II/ 2026"
    everything = client.predict("", "", "", api_name="/tasks")
    group = everything["data"][0][1]
    in_group = client.predict("", "", group, api_name="/tasks")
    assert _numbers(in_group) == [int(r[0]) for r in everything["data"] if r[1] == group]
    assert client.predict("Sở Tư pháp", "", group, api_name="/tasks")["data"]  # filters combine


def test_document_html_renders_markup_as_text(client: Client) -> None:
    page = client.predict(PAYLOAD_DOC, api_name="/document")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not any(tag in page.lower() for tag in INJECTED)


def test_answers_citations_and_sources_escape_markup(engine: Engine) -> None:
    answer = engine.ask("Thử nghiệm hiển thị chim cánh cụt")
    cited = [c for c in answer.citations if c.doc == PAYLOAD_DOC]
    assert cited, "the payload document should be cited"
    doc = engine.corpus.document(PAYLOAD_DOC)
    pages = [render.answer_html(answer, engine.corpus, Lang.VI), render.documents_html(engine.corpus, Lang.EN),
             render.search_html("chim", engine.search("chim cánh cụt"), engine.corpus, Lang.VI),
             *(render.source_html(doc, c, Lang.VI) for c in cited)]
    for page in pages:
        assert not any(tag in page.lower() for tag in INJECTED)
    assert "<mark>" in pages[-1] and "&lt;" in pages[-1]


def test_several_users_are_answered_at_once(client: Client) -> None:
    questions = ["Which agency leads task 22?", "Sở Tư pháp chủ trì những nhiệm vụ nào?"] * 3
    with ThreadPoolExecutor(len(questions)) as pool:
        results = list(pool.map(lambda q: client.submit(q, api_name="/ask").result(timeout=60), questions))
    assert all(r["question"] == q for r, q in zip(results, questions, strict=True))
    assert {r["citations"][0]["section"] for r in results[::2]} == {"PL.22"}
    assert {r["citations"][0]["section"] for r in results[1::2]} == {"PL.10"}


def test_auth_protects_the_app_and_its_api(engine: Engine) -> None:
    app = build_app(engine)
    url = launch(app, port=free_port(), auth=parse_auth("planqa:pass:word"))
    try:
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(url + "gradio_api/info", timeout=10)
        assert denied.value.code == 401
        with pytest.raises(AuthenticationError):
            Client(url, verbose=False)
        authed = Client(url, verbose=False, auth=("planqa", "pass:word"))
        result = authed.predict("Which agency leads task 22?", api_name="/ask")
        assert result["citations"]
    finally:
        app.close()


def test_serve_refuses_a_public_address_without_auth(tmp_path: Path) -> None:
    settings = replace(Settings(), corpus_dir=tmp_path / "missing", index_dir=tmp_path / "index")
    with pytest.raises(SystemExit, match="refusing to listen on 0.0.0.0"):
        serve(settings, host="0.0.0.0")
    with pytest.raises(SystemExit, match="user:password"):
        serve(settings, host="0.0.0.0", auth="no-password")


def test_loopback_detection() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.org"))


def test_the_page_fetches_nothing_from_outside(url: str) -> None:
    """No CDN, web font or outside script: every script and stylesheet the page names is the app's own."""
    page = urllib.request.urlopen(url, timeout=10).read().decode()
    assert "planqa.recent" in page  # the page's own script, inlined
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources and not [s for s in sources if s.startswith(("http:", "https:", "//"))]
