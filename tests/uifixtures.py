"""One engine for the UI tests: the programme plus a document full of HTML payloads, in a temporary corpus.

Built once per test session (both UI test modules use it). When the default index exists, its folder is copied
first so that unchanged texts reuse their vectors; the result is the index a fresh build would give.
"""

from __future__ import annotations

import shutil
import socket
from dataclasses import replace
from functools import cache
from pathlib import Path

from planqa.app import Engine
from planqa.config import REPO_ROOT, Settings
from qa.answer import Answer, AnswerItem, Citation

PROGRAMME_PATH = REPO_ROOT / "corpus" / "20-CTr-TU_2026-04-24.txt"

PAYLOAD_DOC = "payload"
PAYLOAD_TEXT = """THÔNG BÁO KIỂM THỬ HIỂN THỊ <script>alert(1)</script>
Văn bản mở đầu có <img src=x onerror=alert(1)> và ${alert(1)}.
I. NỘI DUNG KIỂM THỬ <img src=x onerror=alert(1)>
1. Thử nghiệm hiển thị chim cánh cụt <script>alert(1)</script> và <img src=x onerror=alert(1)> cùng ${alert(1)} và `x`.
Chim cánh cụt sống ở Nam Cực <img src=x onerror=alert(1)> <iframe src="javascript:alert(1)"></iframe>.
2. Mục thứ hai về nuôi chim cánh cụt <b>đậm</b> <iframe src="javascript:alert(1)"></iframe>.
"""
# The raw markup that must never reach the page as markup.
INJECTED = ("<script", "<img", "<iframe", "<b>")


@cache
def payload_engine(base: Path) -> Engine:
    """The engine over ``base/corpus`` (programme + ``payload.txt``), index in ``base/index``."""
    corpus_dir, index_dir = base / "corpus", base / "index"
    corpus_dir.mkdir(parents=True)
    shutil.copy(PROGRAMME_PATH, corpus_dir / PROGRAMME_PATH.name)
    (corpus_dir / f"{PAYLOAD_DOC}.txt").write_text(PAYLOAD_TEXT, encoding="utf-8")
    default_index = Settings().index_dir
    if default_index.is_dir():
        shutil.copytree(default_index, index_dir)
    return Engine.load(replace(Settings(), corpus_dir=corpus_dir, index_dir=index_dir), rebuild=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cite(engine: Engine, doc_id: str, section_id: str, quote: str) -> Citation:
    """A citation of ``quote`` as printed in a section (its exact span in the source)."""
    doc = engine.corpus.document(doc_id)
    section = doc.section(section_id)
    start = section.start + section.text.index(quote)
    return Citation(doc_id, section_id, section.title, quote, start, start + len(quote))


def composite_answers(engine: Engine) -> dict[str, Answer]:
    """A list with a co-lead, a fact check and a two-part answer, built from the programme as qa will build them."""
    doc = "20-CTr/TU"
    tasks = {t.number: t for t in engine.corpus.document(doc).tasks}
    listed = [cite(engine, doc, f"PL.{n}", tasks[n].deadline) for n in (10, 11, 12)]
    return {
        LIST_QUESTION: Answer(LIST_QUESTION, "3 nhiệm vụ (10, 11, 12)", False, listed, kind="task_list", items=[
            AnswerItem(str(n), tasks[n].text, tasks[n].deadline, "đồng chủ trì" if n == 11 else "", i)
            for i, n in enumerate((10, 11, 12))]),
        VERDICT_QUESTION: Answer(VERDICT_QUESTION, "Tháng 6/2026", False, [cite(engine, doc, "PL.22", "Tháng 6/2026")],
                                 kind="fact_check", verdict=False),
        PARTS_QUESTION: Answer(PARTS_QUESTION, "", False, kind="parts", parts=[
            Answer(PARTS_QUESTION, "Sở Khoa học và Công nghệ", False,
                   [cite(engine, doc, "PL.22", "Sở Khoa học và Công nghệ")], kind="task_lead"),
            Answer(PARTS_QUESTION, "Tháng 6/2026", False, [cite(engine, doc, "PL.22", "Tháng 6/2026")],
                   kind="task_deadline")]),
    }


LIST_QUESTION = "Sở Tư pháp chủ trì nhiệm vụ nào, thời hạn khi nào?"
VERDICT_QUESTION = "Nhiệm vụ 22 có thời hạn tháng 9/2026 phải không?"
PARTS_QUESTION = "Ai chủ trì nhiệm vụ 22 và thời hạn khi nào?"


class ComposedEngine:
    """The engine, answering the composite questions of :func:`composite_answers` with their fixtures."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.answers = composite_answers(engine)

    def __getattr__(self, name: str):
        return getattr(self.engine, name)

    def ask(self, question: str, question_id: str = "") -> Answer:
        return self.answers.get(question) or self.engine.ask(question, question_id)
