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
