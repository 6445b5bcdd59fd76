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

import ipaddress  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import weakref  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from planqa.config import Settings  # noqa: E402
from qa.answer import Citation  # noqa: E402
from ui import render, tables  # noqa: E402

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

THEME = gr.themes.Default(primary_hue="blue", font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
                          font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"])

ANY = ""  # the value of every "all …" filter choice


def _frame(headers: list[str], rows: list[list[object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def build_app(engine: Engine) -> gr.Blocks:
    """The Blocks app over a loaded engine, queue configured; launch it with :func:`launch`."""
    corpus = engine.corpus
    target_rows = tables.target_rows(corpus)
    task_rows = tables.task_rows(corpus)
    csv_dir = Path(tempfile.mkdtemp(prefix="planqa-csv-"))
    targets_csv = tables.write_csv(csv_dir / "planqa-targets.csv", tables.TARGET_HEADERS, target_rows)
    tasks_csv = tables.write_csv(csv_dir / "planqa-tasks.csv", tables.TASK_HEADERS, [r.cells() for r in task_rows])

    def ask(question: str) -> dict:
        """Answer a question (Vietnamese or English): answer, abstained, citations (doc, section, title, quote)."""
        return engine.ask(question).to_json()

    def ask_ui(question: str) -> tuple[str, str, gr.Radio, list[Citation], str]:
        if not question.strip():
            return render.prompt_html(), "", gr.Radio(choices=[], value=None, visible=False), [], ""
        answer = engine.ask(question)
        choices = [(render.citation_label(n, c), n - 1) for n, c in enumerate(answer.citations, 1)]
        return (render.answer_html(answer), render.citations_html(answer),
                gr.Radio(choices=choices, value=None, visible=bool(choices)), answer.citations, "")

    def open_citation(index: int | None, citations: list[Citation]) -> str:
        if index is None or not 0 <= index < len(citations):
            return ""
        citation = citations[index]
        return render.source_html(corpus.document(citation.doc), citation)

    def show_targets(query: str) -> pd.DataFrame:
        """The targets whose text holds every word of the query (diacritics optional)."""
        return _frame(tables.TARGET_HEADERS, tables.filter_targets(target_rows, query))

    def show_tasks(agency: str, deadline: str, group: str) -> pd.DataFrame:
        """The tasks led by an agency, due by a deadline, in a group ("" matches all)."""
        return _frame(tables.TASK_HEADERS, [r.cells() for r in tables.filter_tasks(task_rows, agency, deadline,
                                                                                     group)])

    def show_document(doc_id: str) -> str:
        """A document's identification and section tree, as HTML."""
        return render.document_html(corpus.document(doc_id))

    with gr.Blocks(title="planqa · 20-CTr/TU", analytics_enabled=False) as app:
        gr.Markdown(f"## planqa · Hỏi đáp văn bản / Questions on the documents\n"
                    f"{len(corpus.documents)} document(s) · {len(target_rows)} targets · {len(task_rows)} tasks. "
                    f"Answers quote the documents and cite their sections; nothing is generated.")
        with gr.Tabs():
            with gr.Tab("Ask · Hỏi đáp", id="ask"):
                with gr.Row(equal_height=True):
                    question = gr.Textbox(label="Question (Vietnamese or English) · Câu hỏi", scale=5, lines=1,
                                          max_length=engine.settings.max_question_chars, autofocus=True,
                                          placeholder="Cơ quan nào chủ trì nhiệm vụ 22? / What is the 2030 GRDP "
                                                      "per capita target?")
                    ask_button = gr.Button("Ask · Hỏi", variant="primary", scale=1)
                answer_view = gr.HTML(render=False)
                citations_view = gr.HTML(render=False)
                citation_pick = gr.Radio(label="Open a citation in its source · Xem nguồn", visible=False,
                                         render=False)
                source_view = gr.HTML(render=False)
                citations_state = gr.State([])
                ask_outputs = [answer_view, citations_view, citation_pick, citations_state, source_view]
                gr.Examples(EXAMPLES, inputs=question, outputs=ask_outputs, fn=ask_ui, run_on_click=True,
                            cache_examples=False, label="Example questions · Câu hỏi mẫu")
                for view in (answer_view, citations_view, citation_pick, source_view):
                    view.render()
                gr.on([ask_button.click, question.submit], ask_ui, question, ask_outputs, api_visibility="private")
                citation_pick.change(open_citation, [citation_pick, citations_state], source_view,
                                     api_visibility="private").then(
                    None, js="() => document.querySelector('.planqa-source mark')"
                             "?.scrollIntoView({block: 'center', behavior: 'smooth'})")
                gr.api(ask, api_name="ask")

            with gr.Tab("Targets · Chỉ tiêu", id="targets"):
                target_query = gr.Textbox(label="Search the targets (diacritics optional) · Tìm chỉ tiêu",
                                          placeholder="xuất khẩu, GRDP, nha o xa hoi …")
                target_table = gr.Dataframe(_frame(tables.TARGET_HEADERS, target_rows), interactive=False,
                                            wrap=True, max_height=640, elem_classes="planqa-table",
                                            column_widths=["6%", "58%", "20%", "9%", "7%"])
                gr.DownloadButton("Download all targets (CSV)", value=targets_csv, size="sm")
                target_query.change(show_targets, target_query, target_table, api_name="targets")

            with gr.Tab("Tasks · Nhiệm vụ", id="tasks"):
                with gr.Row():
                    agency = gr.Dropdown([("All agencies · Tất cả", ANY)] + tables.agency_choices(task_rows),
                                         value=ANY, label="Lead agency · Cơ quan chủ trì")
                    deadline = gr.Dropdown([("Any deadline · Mọi thời hạn", ANY)]
                                           + tables.deadline_choices(task_rows), value=ANY, allow_custom_value=True,
                                           label="Deadline (pick or type) · Thời hạn")
                    group = gr.Dropdown([("All groups · Tất cả nhóm", ANY)] + tables.group_choices(task_rows),
                                        value=ANY, label="Group · Nhóm nhiệm vụ")
                task_table = gr.Dataframe(show_tasks(ANY, ANY, ANY), interactive=False, wrap=True, max_height=640,
                                          elem_classes="planqa-table",
                                          column_widths=["5%", "18%", "42%", "11%", "16%", "8%"])
                gr.DownloadButton("Download all tasks (CSV)", value=tasks_csv, size="sm")
                gr.on([agency.change, deadline.change, group.change], show_tasks, [agency, deadline, group],
                      task_table, api_name="tasks")

            with gr.Tab("Documents · Văn bản", id="documents"):
                first = corpus.documents[0].id if corpus.documents else None
                document = gr.Dropdown([(f"{d.id} · {Path(d.path).name}", d.id) for d in corpus.documents],
                                       value=first, label="Document · Văn bản")
                document_view = gr.HTML(show_document(first) if first else render.empty_corpus_html())
                gr.HTML(render.skipped_files_html(corpus))
                document.change(show_document, document, document_view, api_name="document")

    app.queue(default_concurrency_limit=CONCURRENCY)
    weakref.finalize(app, shutil.rmtree, csv_dir, True)
    return app


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None) -> str:
    """Start the server in the background and return its local URL; ``app.block_thread()`` waits on it.

    Uploads are capped at 1 kB (the app takes none); no run history (it offers to sync runs to a Hugging Face
    bucket), no SSR node server, no MCP endpoint; ``allowed_paths`` stays empty, so only the app's own CSV files
    are served.
    """
    _, url, _ = app.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=True, theme=THEME,
                           css=render.CSS, ssr_mode=False, mcp_server=False, pwa=False, run_history=False,
                           footer_links=["api", "settings"], max_file_size="1kb", quiet=True)
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
