"""The JSON API: /api/ask and /api/search return the CLI's JSON objects, filter by document, reject bad input with
a 4xx JSON error, ask for HTTP Basic credentials under --auth, describe themselves in OpenAPI, and answer on the
web app's own server."""

from __future__ import annotations

import base64
import json
import urllib.request

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ui.api import MAX_K, mount_api

PROGRAMME = "20-CTr/TU"
LOOKUP = "Which agency leads task 22?"


def _client(engine, auth: tuple[str, str] | None = None) -> TestClient:
    app = FastAPI()
    mount_api(app, engine, auth)
    return TestClient(app)


@pytest.fixture(scope="module")
def api(engine) -> TestClient:
    return _client(engine)


def _without_latency(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "latency_ms"}


def test_ask_returns_the_ask_json_object(api: TestClient, engine) -> None:
    response = api.post("/api/ask", json={"question": LOOKUP, "id": "q1"})
    assert response.status_code == 200
    body = response.json()
    assert _without_latency(body) == _without_latency(engine.ask(LOOKUP, "q1").to_json())
    assert body["id"] == "q1" and body["citations"][0]["section"] == "PL.22"


def test_search_returns_the_search_json_object(api: TestClient, engine) -> None:
    body = api.get("/api/search", params={"q": "nhiệm vụ 22", "k": 3}).json()
    expected = [(r.doc, r.section, r.title, r.score, r.text) for r in engine.search("nhiệm vụ 22", 3)]
    assert body["query"] == "nhiệm vụ 22"
    assert [(r["doc"], r["section"], r["title"], r["score"], r["text"]) for r in body["results"]] == expected
    assert set(body["results"][0]) == {"doc", "section", "title", "score", "text"}


def test_doc_filters_to_one_document(api: TestClient) -> None:
    found = api.get("/api/search", params={"q": "chuyển đổi số", "k": 5, "doc": PROGRAMME}).json()["results"]
    assert found and {r["doc"] for r in found} == {PROGRAMME}
    answer = api.post("/api/ask", json={"question": LOOKUP, "doc": PROGRAMME}).json()
    assert answer["citations"] and {c["doc"] for c in answer["citations"]} == {PROGRAMME}


@pytest.mark.parametrize(("call", "status", "message"), [
    (lambda c: c.post("/api/ask", json={}), 422, "question"),
    (lambda c: c.post("/api/ask", json={"question": "   "}), 422, "question is empty"),
    (lambda c: c.post("/api/ask", json={"question": 7}), 422, "question"),
    (lambda c: c.post("/api/ask", content=b"{not json", headers={"Content-Type": "application/json"}), 400,
     "invalid JSON"),
    (lambda c: c.post("/api/ask", json={"question": "x" * 2001}), 422, "longer than 2000"),
    (lambda c: c.post("/api/ask", json={"question": LOOKUP, "doc": "no-such-doc"}), 404, "unknown document"),
    (lambda c: c.get("/api/search", params={"q": "x", "k": 0}), 422, "k must be between 1"),
    (lambda c: c.get("/api/search", params={"q": "x", "k": MAX_K + 1}), 422, "k must be between 1"),
    (lambda c: c.get("/api/search", params={"q": "x", "k": "ten"}), 422, "k"),
    (lambda c: c.get("/api/search"), 422, "q"),
    (lambda c: c.get("/api/search", params={"q": "x", "doc": "no-such-doc"}), 404, "unknown document"),
], ids=["no question", "blank question", "question not a string", "invalid JSON", "question too long",
        "unknown doc", "k 0", "k too large", "k not a number", "no q", "search unknown doc"])
def test_bad_input_is_a_4xx_json_error(api: TestClient, call, status: int, message: str) -> None:
    response = call(api)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_auth_asks_for_basic_credentials(engine) -> None:
    api = _client(engine, ("planqa", "pass:word"))
    denied = api.post("/api/ask", json={"question": LOOKUP})
    assert denied.status_code == 401 and denied.headers["www-authenticate"].startswith("Basic")
    assert "credentials" in denied.json()["error"]
    assert api.get("/api/search", params={"q": "x"}, auth=("planqa", "wrong")).status_code == 401
    assert api.post("/api/ask", json={"question": LOOKUP}, auth=("planqa", "pass:word")).status_code == 200


def test_openapi_describes_both_routes(api: TestClient) -> None:
    schema = api.get("/api/openapi.json").json()
    assert {"/api/ask", "/api/search"} <= set(schema["paths"])
    assert "question" in schema["components"]["schemas"]["AskRequest"]["properties"]
    assert "swagger" in api.get("/api/docs").text.lower()


def test_the_api_answers_on_the_web_apps_server(engine) -> None:
    from tests.uifixtures import free_port
    from ui.app import CONCURRENCY, build_app, launch

    app = build_app(engine)
    url = launch(app, port=free_port(), auth=("planqa", "secret"))
    try:
        mount_api(app.server_app, engine, ("planqa", "secret"), CONCURRENCY)
        request = urllib.request.Request(url + "api/ask", data=json.dumps({"question": LOOKUP}).encode(),
                                         headers={"Content-Type": "application/json", "Authorization": "Basic "
                                                  + base64.b64encode(b"planqa:secret").decode()})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert json.loads(response.read())["citations"][0]["section"] == "PL.22"
    finally:
        app.close()
