"""The JSON HTTP API, served by the web app's own server: ``POST /api/ask`` and ``GET /api/search``.

``/api/ask`` takes ``{"question", "id"?, "doc"?}`` and returns what ``planqa ask --json`` prints; ``/api/search``
takes ``q``, ``k`` and ``doc`` and returns what ``planqa search --json`` prints. Bad input gets a 4xx with
``{"error": "…"}``; with ``--auth`` every call needs HTTP Basic credentials. OpenAPI: ``/api/openapi.json``, browsable
at ``/api/docs``. The web UI keeps Gradio's queue; these calls run in the server's thread pool, at most
``concurrency`` at once like the UI's queue.
"""
# No ``from __future__ import annotations``: FastAPI reads the routes' annotations, which name local dependencies.

import secrets
import threading
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from planqa.app import Engine

PREFIX = "/api"
MAX_K = 50
SEARCH_FIELDS = ("doc", "section", "title", "score", "text")


class AskRequest(BaseModel):
    """A question; ``doc`` restricts the answer to one document id."""

    question: str = Field(description="Vietnamese or English, with or without diacritics")
    id: str = Field("", description="echoed back as the answer's id")
    doc: str | None = Field(None, description="a document id (e.g. 20-CTr/TU): answer from that document only")


class ApiError(BaseModel):
    error: str


class ApiConfig:
    """What the routes need: the live engine (read once per request), credentials, limits."""

    def __init__(self, engine: Any, auth: tuple[str, str] | None, concurrency: int) -> None:
        self.engine = engine  # an Engine, or anything with one's attributes (a LiveEngine)
        self.auth = auth
        self.slots = threading.BoundedSemaphore(concurrency)


def _fail(status: int, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail=message)


def _live(engine: Any) -> "Engine":
    """The engine to answer this request from: a :class:`~planqa.app.LiveEngine`'s current one, read once."""
    return getattr(engine, "current", engine)


def _check_doc(engine: "Engine", doc: str | None) -> str | None:
    if doc is None:
        return None
    if not any(d.id == doc for d in engine.corpus.documents):
        known = ", ".join(d.id for d in engine.corpus.documents)
        raise _fail(404, f"unknown document {doc!r}; the corpus holds: {known}")
    return doc


def router(config: ApiConfig) -> APIRouter:
    """The API's routes over ``config``."""
    basic = HTTPBasic(auto_error=False, realm="planqa")

    def authorised(credentials: Annotated[HTTPBasicCredentials | None, Depends(basic)]) -> None:
        if config.auth is None:
            return
        ok = credentials is not None and all(secrets.compare_digest(a.encode(), b.encode()) for a, b in
                                             zip((credentials.username, credentials.password), config.auth,
                                                 strict=True))
        if not ok:
            raise HTTPException(401, "HTTP Basic credentials required", headers={"WWW-Authenticate": "Basic"})

    errors: dict[int | str, dict[str, Any]] = {code: {"model": ApiError} for code in (400, 401, 404, 422)}
    api = APIRouter(prefix=PREFIX, dependencies=[Depends(authorised)], responses=errors, tags=["planqa"],
                    route_class=ApiRoute)

    @api.post("/ask", summary="Answer a question with citations")
    def ask(request: AskRequest) -> dict:
        """The ``planqa ask --json`` object: id, question, answer, abstained, citations (doc, section, title,
        quote), latency_ms, kind, confidence, lang (verdict, items, parts when present)."""
        engine = _live(config.engine)
        question = request.question
        if not question.strip():
            raise _fail(422, "question is empty")
        limit = engine.settings.max_question_chars
        if len(question) > limit:
            raise _fail(422, f"question is longer than {limit} characters")
        doc = _check_doc(engine, request.doc)
        with config.slots:
            answer = engine.ask(question, request.id, doc=doc)
        return answer.to_json()

    @api.get("/search", summary="Sections that match a query, best first")
    def search(q: Annotated[str, Query(description="the query")],
               k: Annotated[int, Query(description=f"results, 1 to {MAX_K}")] = 10,
               doc: Annotated[str | None, Query(description="a document id: its sections only")] = None) -> dict:
        """The ``planqa search --json`` object: query, results (doc, section, title, score, text)."""
        engine = _live(config.engine)
        if not q.strip():
            raise _fail(422, "q is empty")
        if not 1 <= k <= MAX_K:
            raise _fail(422, f"k must be between 1 and {MAX_K}, not {k}")
        limit = engine.settings.max_question_chars
        if len(q) > limit:
            raise _fail(422, f"q is longer than {limit} characters")
        doc = _check_doc(engine, doc)
        with config.slots:
            found = engine.search(q, k, doc=doc)
        return {"query": q, "results": [{f: v for f, v in asdict(r).items() if f in SEARCH_FIELDS} for r in found]}

    @api.get("/openapi.json", include_in_schema=False)
    def openapi() -> dict:
        return get_openapi(title="planqa API", version="1", routes=api.routes,
                           description=__doc__.split("\n\n")[1].replace("\n", " "))

    @api.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=f"{PREFIX}/openapi.json", title="planqa API")

    return api


def _error_body(exc: Exception) -> str:
    if isinstance(exc, RequestValidationError):
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query"))
            problems.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return "; ".join(problems) or "invalid request"
    return str(getattr(exc, "detail", exc))


class ApiRoute(APIRoute):
    """A route whose errors are ``{"error": "…"}``: invalid JSON 400, wrong or missing fields 422, and the
    routes' own 4xx, whatever handlers the app around it has."""

    def get_route_handler(self) -> Callable:
        handle = super().get_route_handler()

        async def route(request: Request):
            try:
                return await handle(request)
            except RequestValidationError as exc:
                invalid_json = any(e.get("type") == "json_invalid" for e in exc.errors())
                return _json(400 if invalid_json else 422, "invalid JSON" if invalid_json else _error_body(exc))
            except HTTPException as exc:
                return _json(exc.status_code, _error_body(exc), exc.headers)

        return route


def mount_api(app: FastAPI, engine: Any, auth: tuple[str, str] | None = None, concurrency: int = 8) -> None:
    """Add the API to a server's FastAPI ``app`` (a launched Gradio app's ``server_app``)."""
    app.include_router(router(ApiConfig(engine, auth, concurrency)))


def _json(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)
