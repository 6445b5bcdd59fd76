"""Safe serving defaults: loopback unless told otherwise, no public server without a password (or an explicit
``--allow-public``), credentials enforced on the API and the files, and no file served beyond the app's own."""

from __future__ import annotations

import http.client
import inspect
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from gradio_client import Client
from gradio_client.exceptions import AuthenticationError

from planqa.app import Engine
from planqa.cli import parser
from planqa.config import REPO_ROOT
from tests.uifixtures import free_port
from ui.app import build_app, check_bind, launch, serve

PLANQA = Path(sys.executable).parent / "planqa"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PLANQA_AUTH": ""}
PUBLIC = ["0.0.0.0", "::", "192.168.1.10", "example.org"]
LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]"]


@pytest.mark.parametrize("host", PUBLIC)
def test_a_public_address_needs_a_password_or_an_explicit_allowance(host: str) -> None:
    with pytest.raises(SystemExit, match=f"refusing to listen on {host} without --auth"):
        check_bind(host, None, allow_public=False)
    assert "without authentication" in check_bind(host, None, allow_public=True)
    assert "HTTPS" in check_bind(host, ("user", "pass"), allow_public=False)


@pytest.mark.parametrize("host", LOOPBACK)
def test_loopback_needs_nothing(host: str) -> None:
    assert check_bind(host, None, allow_public=False) is None


def test_the_default_host_is_loopback() -> None:
    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(launch).parameters["host"].default == "127.0.0.1"


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _serve(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([str(PLANQA), "serve", *args], capture_output=True, text=True, env=ENV, cwd=REPO_ROOT,
                          timeout=120)
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_planqa_serve_refuses_a_public_address_without_auth() -> None:
    port = free_port()
    done = _serve("--host", "0.0.0.0", "--port", str(port))
    assert done.returncode != 0 and not done.stdout
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("planqa: error: refusing to listen on 0.0.0.0 without --auth")
    assert not _listening(port)


def test_planqa_serve_warns_when_public_is_allowed(tmp_path: Path) -> None:
    """With --allow-public the warning comes first; a missing corpus then stops it before anything listens."""
    port = free_port()
    done = _serve("--host", "0.0.0.0", "--port", str(port), "--allow-public", "--corpus", str(tmp_path / "none"),
                  "--index-dir", str(tmp_path / "index"))
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1
    assert lines[0].startswith("planqa: warning: listening on 0.0.0.0 without authentication")
    assert lines[-1].startswith("planqa: error: corpus folder not found")
    assert not _listening(port)


@pytest.fixture(scope="module")
def url(engine: Engine):
    app = build_app(engine)
    yield launch(app, port=free_port())
    app.close()


def _status(url: str, path: str) -> tuple[int, bytes]:
    """GET ``path`` sent exactly as written (no client-side normalisation of ``..`` or ``%2e``)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _csv_urls(url: str) -> list[str]:
    config = json.load(urllib.request.urlopen(url + "config", timeout=30))
    return [c["props"]["value"]["url"] for c in config["components"] if c.get("type") == "downloadbutton"]


def test_the_app_serves_its_own_csv_files(url: str) -> None:
    files = _csv_urls(url)  # the targets' and the tasks' rows shown, as CSV and as XLSX
    assert len(files) == 4 and files[0].endswith(".csv") and files[1].endswith(".xlsx")
    status, body = _status(url, urlsplit(files[0]).path)
    assert status == 200 and body.decode("utf-8-sig").startswith("TT,")


def test_no_file_outside_the_app_is_served(url: str) -> None:
    own = urlsplit(_csv_urls(url)[0]).path  # /gradio_api/file=/tmp/gradio/<hash>/chi-tieu.csv
    cache = own.rsplit("/", 2)[0]
    port = urlsplit(url).port
    attempts = ["/file=/etc/passwd", "/gradio_api/file=/etc/passwd", "/gradio_api/file=%2Fetc%2Fpasswd",
                f"{cache}/../../../etc/passwd", f"{cache}/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/gradio_api/file=..%2f..%2f..%2f..%2fetc%2fpasswd", "/gradio_api/file=/proc/self/environ",
                "/static/../../../../etc/passwd", "/assets/../../../etc/passwd",
                "/gradio_api/file=pyproject.toml", f"/gradio_api/file={REPO_ROOT}/pyproject.toml",
                "/gradio_api/file=corpus/20-CTr-TU_2026-04-24.txt", f"/gradio_api/file=http://127.0.0.1:{port}/config"]
    for path in attempts:
        status, body = _status(url, path)
        assert status in (403, 404), (path, status)
        assert b"root:" not in body and b"[project]" not in body and b"PATH=" not in body, path


def test_uploads_are_capped_at_1_kb(url: str) -> None:
    response = requests.post(url + "gradio_api/upload", files={"files": ("big.txt", b"x" * 2048)}, timeout=30)
    assert response.status_code == 413


def test_auth_is_required_by_the_api_and_the_files(engine: Engine) -> None:
    app = build_app(engine)
    url = launch(app, port=free_port(), auth=("planqa", "s3cret:pass"))
    try:
        with pytest.raises(AuthenticationError):
            Client(url, verbose=False)
        with pytest.raises((AuthenticationError, ValueError), match="login"):  # gradio answers 400 to a wrong one
            Client(url, verbose=False, auth=("planqa", "wrong"))
        for path in ("gradio_api/info", "config", "gradio_api/file=/etc/passwd"):
            with pytest.raises(urllib.error.HTTPError) as denied:
                urllib.request.urlopen(url + path, timeout=30)
            assert denied.value.code in (401, 403)
        result = Client(url, verbose=False, auth=("planqa", "s3cret:pass")).predict(
            "Which agency leads task 22?", api_name="/ask")
        assert result["citations"][0]["section"] == "PL.22"
    finally:
        app.close()
