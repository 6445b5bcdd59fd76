"""The web app: ask questions with cited, highlighted sources; browse the targets, tasks and documents.

The UI never parses documents: it renders the Engine's corpus model and answers. ``serve`` is what ``planqa serve``
runs; ``build_app`` and ``launch`` let tests start the same app on a free port.
"""

from __future__ import annotations

import os

# Before gradio is imported: no analytics or version check, no model-hub calls.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

import hashlib  # noqa: E402
import ipaddress  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import weakref  # noqa: E402
from datetime import date  # noqa: E402
from html import escape  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import gradio as gr  # noqa: E402

from planqa.config import Settings  # noqa: E402
from ui import charts, names, render, tables  # noqa: E402
from ui.i18n import Lang, t  # noqa: E402

if TYPE_CHECKING:
    from planqa.app import Engine

# Requests answered at once. Gradio's default is 1, which would make every user wait behind whoever asked first;
# no limit would let a burst of requests oversubscribe the CPU and memory. An answer is a few milliseconds to a few
# hundred (mostly one query embedding, which releases the GIL), so 8 keeps several users responsive on a small
# machine while the queue holds the rest in order.
CONCURRENCY = 8

EXAMPLES = [
    "Which agency leads task 22?",
    "Cơ quan nào chủ trì nhiệm vụ 37?",
    "GRDP bình quân đầu người năm 2030?",
    "What is the 2030 export target?",
    "Sở Tư pháp chủ trì những nhiệm vụ nào?",
]

THEME = gr.themes.Default(primary_hue="blue", font=["system-ui", "Segoe UI", "Roboto", "Noto Sans", "DejaVu Sans",
                                                    "sans-serif"],
                          font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"])
STATIC = Path(__file__).parent / "static"

ANY = ""  # the value of every "all …" filter choice
SEARCH_POOL = 40  # passages fetched before the document and kind filters keep the best SEARCH_SHOWN
SEARCH_SHOWN = 10
SECTION_KINDS = ("task", "group", "target", "article", "section")


def _api_table(headers: list[str], rows: list[list[object]]) -> dict:
    return {"headers": headers, "data": rows}


class Exports:
    """Files of the rows shown, one folder per distinct filter, removed with the app."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="planqa-export-"))

    def write(self, name: str, headers: list[str], rows: list[list[object]]) -> tuple[str, str]:
        key = hashlib.sha256(repr((name, headers, rows)).encode()).hexdigest()[:16]
        folder = self.root / key
        folder.mkdir(exist_ok=True)
        csv_path, xlsx_path = folder / f"{name}.csv", folder / f"{name}.xlsx"
        if not xlsx_path.exists():
            tables.write_csv(csv_path, headers, rows)
            tables.write_xlsx(xlsx_path, headers, rows)
        return str(csv_path), str(xlsx_path)


def build_app(engine: Engine, today: date | None = None) -> gr.Blocks:
    """The Blocks app over a loaded engine, queue configured; launch it with :func:`launch`.

    ``today`` fixes the day task statuses are computed for (tests); by default it is the day of each request.
    """
    corpus = engine.corpus
    target_rows = tables.target_rows(corpus)
    task_rows = tables.task_rows(corpus)
    exports = Exports()
    settings = engine.settings
    vi = Lang.VI

    def day() -> date:
        return today or date.today()

    # ---- the JSON API (gradio_client), kept as it was --------------------------------------------------------
    def ask(question: str) -> dict:
        """Answer a question (Vietnamese or English): answer, abstained, citations (doc, section, title, quote)."""
        return engine.ask(question).to_json()

    def targets_api(query: str) -> dict:
        """The targets whose text holds every word of the query (diacritics optional): headers and data."""
        return _api_table(tables.TARGET_HEADERS, [r.cells() for r in tables.filter_targets(target_rows, query)])

    def tasks_api(agency: str, deadline: str, group: str) -> dict:
        """The tasks led by an agency, due in a period, in a group ("" matches all): headers and data."""
        rows = tables.filter_tasks(task_rows, agency, deadline, group, today=day())
        return _api_table(tables.TASK_HEADERS, [r.cells() for r in rows])

    def document_api(doc_id: str) -> str:
        """A document's metadata card and section tree, as HTML."""
        try:
            return render.document_html(corpus.document(doc_id), corpus, vi)
        except KeyError:
            return f"<p>{escape(doc_id)}: {t('empty_corpus', vi)}</p>"

    # ---- the page ------------------------------------------------------------------------------------------
    def answer_view(question: str, lang: str, doc: str = "") -> str:
        lang = Lang.of(lang)
        if not question.strip():
            return render.prompt_html(lang)
        return render.answer_html(engine.ask(question), corpus, lang, open_doc=doc)

    def search_view(query: str, doc: str, kind: str, lang: str) -> str:
        results = engine.search(query, SEARCH_POOL) if query.strip() else []
        results = [r for r in results if (not doc or r.doc == doc)
                   and (not kind or names.section_kind(corpus.document(r.doc), r.section) == kind)]
        return render.search_html(query, results[:SEARCH_SHOWN], corpus, Lang.of(lang))

    def targets_view(query: str, area: str, lang: str) -> tuple[str, str, str]:
        lang = Lang.of(lang)
        rows = tables.filter_targets(target_rows, query, area)
        name = "chi-tieu" if lang == Lang.VI else "targets"
        return (render.targets_html(rows, lang), *exports.write(name, *tables.target_export(rows, lang)))

    def tasks_view(agency: str, deadline: str, group: str, status: str, lang: str) -> tuple[str, str, str]:
        lang = Lang.of(lang)
        rows = tables.filter_tasks(task_rows, agency, deadline, group, status, today=day())
        name = "nhiem-vu" if lang == Lang.VI else "tasks"
        shown_status = t(f"status_{status}", lang) if status else ""
        return (render.tasks_html(rows, lang, day(), (agency, deadline, group, shown_status)),
                *exports.write(name, *tables.task_export(rows, lang, day())))

    def timeline_view(agency: str, lang: str) -> str:
        return charts.timeline_svg(tables.filter_tasks(task_rows, agency, today=day()), Lang.of(lang), day())

    def choices(lang: Lang) -> dict[str, list[tuple[str, str]]]:
        """Every dropdown's choices in ``lang`` (values never change with the language)."""
        index = 0 if lang == Lang.VI else 1
        agencies = [(t("all_agencies", lang), ANY)] + [(a, a) for a in tables.agency_choices(task_rows)]
        return {
            "doc": [(t("all_documents", lang), ANY)] + [(names.short_name(d), d.id) for d in corpus.documents],
            "kind": [(t("all_kinds", lang), ANY)] + [(t(f"kind_{k}", lang), k) for k in SECTION_KINDS],
            "area": [(t("all_areas", lang), ANY)] + [(a[index], a[0]) for a in tables.area_names()],
            "agency": agencies,
            "deadline": [(t("any_deadline", lang), ANY)] + [(d, d) for d in tables.deadline_choices(task_rows)],
            "group": [(t("all_groups", lang), ANY)] + [(g, g) for g in tables.group_choices(task_rows)],
            "status": [(t("any_status", lang), ANY)] + [(t(f"status_{s.value}", lang), s.value)
                                                        for s in tables.Status],
        }

    def header(lang: Lang, ready: bool = False) -> str:
        return render.header_html(corpus, len(target_rows), len(task_rows), lang, ready)

    initial = choices(vi)
    with gr.Blocks(title=t("title", vi), analytics_enabled=False) as app:
        lang_state = gr.State(vi.value)
        header_view = gr.HTML(header(vi))
        with gr.Tabs(overflow_behavior="wrap", elem_id="pq-tabs"):
            with gr.Tab(t("tab_ask", vi), id="ask") as tab_ask:
                with gr.Row(equal_height=True, elem_classes="pq-ask-row"):
                    question = gr.Textbox(label=t("question", vi), placeholder=t("question_hint", vi), scale=5,
                                          lines=1, max_length=settings.max_question_chars, autofocus=True,
                                          elem_id="pq-question")
                    ask_button = gr.Button(t("ask", vi), variant="primary", scale=1, min_width=90)
                answer = gr.HTML(render.prompt_html(vi))
                examples = gr.HTML(render.examples_html(EXAMPLES, vi))
                gr.on([ask_button.click, question.submit], answer_view, [question, lang_state], answer,
                      api_visibility="private")
                gr.api(ask, api_name="ask")

            with gr.Tab(t("tab_search", vi), id="search") as tab_search:
                with gr.Row(equal_height=True):
                    search_query = gr.Textbox(label=t("search_query", vi), placeholder=t("search_hint", vi), scale=4,
                                              max_length=settings.max_question_chars)
                    search_doc = gr.Dropdown(initial["doc"], value=ANY, label=t("document", vi), scale=2)
                    search_kind = gr.Dropdown(initial["kind"], value=ANY, label=t("section_kind", vi), scale=2)
                    search_button = gr.Button(t("search", vi), variant="primary", scale=1, min_width=90)
                search_results = gr.HTML(render.search_html("", [], corpus, vi))
                search_inputs = [search_query, search_doc, search_kind, lang_state]
                gr.on([search_button.click, search_query.submit, search_doc.change, search_kind.change],
                      search_view, search_inputs, search_results, api_visibility="private")

            with gr.Tab(t("tab_targets", vi), id="targets") as tab_targets:
                with gr.Row():
                    target_query = gr.Textbox(label=t("target_query", vi), placeholder=t("target_hint", vi),
                                              scale=3)
                    target_area = gr.Dropdown(initial["area"], value=ANY, label=t("area", vi), scale=2)
                first_targets = targets_view("", ANY, vi.value)
                with gr.Row(elem_classes="pq-downloads"):
                    targets_csv = gr.DownloadButton(t("export_csv", vi), value=first_targets[1], size="sm")
                    targets_xlsx = gr.DownloadButton(t("export_xlsx", vi), value=first_targets[2], size="sm")
                targets_table = gr.HTML(first_targets[0])
                target_inputs = [target_query, target_area, lang_state]
                target_outputs = [targets_table, targets_csv, targets_xlsx]
                gr.on([target_query.change, target_area.change], targets_view, target_inputs, target_outputs,
                      api_visibility="private")
                gr.api(targets_api, api_name="targets")

            with gr.Tab(t("tab_tasks", vi), id="tasks") as tab_tasks:
                with gr.Row():
                    agency = gr.Dropdown(initial["agency"], value=ANY, label=t("agency", vi))
                    deadline = gr.Dropdown(initial["deadline"], value=ANY, label=t("deadline", vi))
                    group = gr.Dropdown(initial["group"], value=ANY, label=t("group", vi))
                    status = gr.Dropdown(initial["status"], value=ANY, label=t("status", vi))
                first_tasks = tasks_view(ANY, ANY, ANY, ANY, vi.value)
                with gr.Row(elem_classes="pq-downloads"):
                    tasks_csv = gr.DownloadButton(t("export_csv", vi), value=first_tasks[1], size="sm")
                    tasks_xlsx = gr.DownloadButton(t("export_xlsx", vi), value=first_tasks[2], size="sm")
                tasks_table = gr.HTML(first_tasks[0])
                task_inputs = [agency, deadline, group, status, lang_state]
                task_outputs = [tasks_table, tasks_csv, tasks_xlsx]
                gr.on([agency.change, deadline.change, group.change, status.change], tasks_view, task_inputs,
                      task_outputs, api_visibility="private")
                gr.api(tasks_api, api_name="tasks")

            with gr.Tab(t("tab_glance", vi), id="glance") as tab_glance:
                timeline_agency = gr.Dropdown(initial["agency"], value=ANY, label=t("timeline_agency", vi))
                timeline = gr.HTML(timeline_view(ANY, vi.value))
                areas = gr.HTML(charts.targets_tiles(target_rows, vi))
                timeline_agency.change(timeline_view, [timeline_agency, lang_state], timeline,
                                       api_visibility="private")

            with gr.Tab(t("tab_documents", vi), id="documents", elem_id="pq-documents") as tab_documents:
                documents = gr.HTML(render.documents_html(corpus, vi))
                gr.api(document_api, api_name="document")

        def on_load(request: gr.Request) -> list:
            """The page in the language its address asks for (?lang=en), and the question it carries (?q=) answered."""
            params = request.query_params
            lang = Lang.of(params.get("lang"))
            asked = (params.get("q") or "")[: settings.max_question_chars]
            c = choices(lang)

            def pick(key: str, label: str) -> dict:
                return gr.update(choices=c[key], label=t(label, lang))

            return [lang.value, header(lang, ready=True),
                    gr.update(label=t("tab_ask", lang)), gr.update(label=t("tab_search", lang)),
                    gr.update(label=t("tab_targets", lang)), gr.update(label=t("tab_tasks", lang)),
                    gr.update(label=t("tab_glance", lang)), gr.update(label=t("tab_documents", lang)),
                    gr.update(value=asked, label=t("question", lang), placeholder=t("question_hint", lang)),
                    gr.update(value=t("ask", lang)), answer_view(asked, lang.value, params.get("doc") or ""),
                    render.examples_html(EXAMPLES, lang),
                    gr.update(label=t("search_query", lang), placeholder=t("search_hint", lang)),
                    pick("doc", "document"), pick("kind", "section_kind"), gr.update(value=t("search", lang)),
                    render.search_html("", [], corpus, lang),
                    gr.update(label=t("target_query", lang), placeholder=t("target_hint", lang)),
                    pick("area", "area"), gr.update(label=t("export_csv", lang)),
                    gr.update(label=t("export_xlsx", lang)),
                    pick("agency", "agency"), pick("deadline", "deadline"), pick("group", "group"),
                    pick("status", "status"), gr.update(label=t("export_csv", lang)),
                    gr.update(label=t("export_xlsx", lang)),
                    pick("agency", "timeline_agency"), timeline_view(ANY, lang.value),
                    charts.targets_tiles(target_rows, lang), render.documents_html(corpus, lang),
                    *targets_view("", ANY, lang.value), *tasks_view(ANY, ANY, ANY, ANY, lang.value)]

        app.load(on_load, None, [lang_state, header_view, tab_ask, tab_search, tab_targets, tab_tasks, tab_glance,
                                 tab_documents, question, ask_button, answer, examples, search_query, search_doc,
                                 search_kind, search_button, search_results, target_query, target_area, targets_csv,
                                 targets_xlsx, agency, deadline, group, status, tasks_csv, tasks_xlsx,
                                 timeline_agency, timeline, areas, documents, *target_outputs, *task_outputs],
                 api_visibility="private")

    app.queue(default_concurrency_limit=CONCURRENCY)
    weakref.finalize(app, shutil.rmtree, exports.root, True)
    return app


def head_html() -> str:
    """The page's own script, inlined: citations, copy buttons, recent questions, the language of <html>."""
    return f"<script>{(STATIC / 'planqa.js').read_text(encoding='utf-8')}</script>"


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None) -> str:
    """Start the server in the background and return its local URL; ``app.block_thread()`` waits on it.

    Uploads are capped at 1 kB (the app takes none); no run history (it offers to sync runs to a Hugging Face
    bucket), no SSR node server, no MCP endpoint; ``allowed_paths`` stays empty, so only the app's own CSV files
    are served.
    """
    _, url, _ = app.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=True, theme=THEME,
                           css=(STATIC / "planqa.css").read_text(encoding="utf-8"), head=head_html(), ssr_mode=False,
                           mcp_server=False, pwa=False, run_history=False, footer_links=["api", "settings"],
                           max_file_size="1kb", quiet=True)
    return url


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses; anything else may be reachable from the network."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_auth(auth: str) -> tuple[str, str]:
    """"user:password" → ("user", "password"); the password may itself contain ":"."""
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise SystemExit("planqa: error: --auth must be user:password, both non-empty")
    return user, password


def check_bind(host: str, auth: tuple[str, str] | None, allow_public: bool) -> str | None:
    """The warning to print before listening on ``host`` (None on loopback); :class:`SystemExit` when refused.

    A non-loopback address is refused without credentials unless ``allow_public`` says the exposure is wanted.
    """
    if is_loopback(host):
        return None
    if auth is None and not allow_public:
        raise SystemExit(f"planqa: error: refusing to listen on {host} without --auth: anyone on the network "
                         f"could use the app. Pass --auth user:password, or --allow-public to accept that.")
    exposure = "without authentication: anyone who can reach it can use the app" if auth is None \
        else "with password authentication over plain HTTP: put it behind an HTTPS reverse proxy"
    return f"planqa: warning: listening on {host} {exposure}"


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None,
          allow_public: bool = False) -> None:
    """Load the engine (building the index on first start) and serve the app until interrupted."""
    credentials = parse_auth(auth) if auth else None
    warning = check_bind(host, credentials, allow_public)
    if warning:
        print(warning, file=sys.stderr)
    from planqa.app import Engine, LiveEngine
    from ui.api import mount_api

    print(f"planqa: loading the corpus from {settings.corpus_dir} and the index from {settings.index_dir} "
          f"(rebuilt if missing or stale; a first build takes a few minutes)", file=sys.stderr, flush=True)
    engine = LiveEngine(Engine.load(settings, rebuild=True, progress=True).warm(EXAMPLES[0]), settings.watch_seconds,
                        EXAMPLES[0]).start()  # warm: the model loads now; a changed corpus is re-indexed meanwhile
    app = build_app(engine)
    try:
        url = launch(app, host, port, credentials)
        mount_api(app.server_app, engine, credentials, CONCURRENCY)  # /api/ask, /api/search on the same server
    except OSError as e:
        raise SystemExit(f"planqa: error: cannot listen on {host}:{port}: {e}") from e
    print(f"planqa: {len(engine.corpus.documents)} document(s); serving on {url} (Ctrl+C to stop)", file=sys.stderr,
          flush=True)
    app.block_thread()
