"""``planqa add``: a file is checked with the corpus loader, duplicates are refused, the copy and its sidecar land."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest.corpus import load_corpus
from planqa.cli import main
from tests.legalfixtures import DECISION, shared

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "corpus" / "20-CTr-TU_2026-04-24.txt"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(PROGRAMME, root / PROGRAMME.name)
    return root


def add(corpus_dir: Path, *args: str) -> int:
    return main(["add", *args, "--corpus", str(corpus_dir)])


def test_add_copies_the_file_and_writes_its_sidecar(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = shared("198-2025-QH15.txt")
    assert add(corpus_dir, str(source), "--meta", "signer=Trần Thanh Mẫn", "--meta",
               "signer_title=CHỦ TỊCH QUỐC HỘI") == 0
    out = capsys.readouterr().out
    assert out.startswith("added 198/2025/QH15 (Nghị quyết, Quốc hội, 2025-05-17) as ")
    assert (corpus_dir / source.name).read_bytes() == source.read_bytes()
    assert json.loads((corpus_dir / "198-2025-QH15.txt.meta.json").read_text(encoding="utf-8")) == {
        "signer": "Trần Thanh Mẫn", "signer_title": "CHỦ TỊCH QUỐC HỘI"}
    doc = load_corpus(corpus_dir).document("198/2025/QH15")
    assert (doc.metadata.signer, doc.metadata.origin("signer").value) == ("Trần Thanh Mẫn", "sidecar")


def test_a_duplicate_id_is_refused(corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    renamed = tmp_path / "ban-sao.txt"
    renamed.write_text(PROGRAMME.read_text(encoding="utf-8").replace("Mục đích", "Mục đích (sửa)", 1),
                       encoding="utf-8")
    assert add(corpus_dir, str(renamed)) == 1
    assert capsys.readouterr().err.strip() == (
        f"planqa: error: not added: document 20-CTr/TU is already in the corpus as {corpus_dir / PROGRAMME.name}")
    assert not (corpus_dir / "ban-sao.txt").exists()


def test_an_identical_copy_and_a_taken_name_are_refused(corpus_dir: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert add(corpus_dir, str(PROGRAMME)) == 1
    assert "not added: an identical copy is already in the corpus" in capsys.readouterr().err
    (tmp_path / PROGRAMME.name).write_text(DECISION, encoding="utf-8")
    assert add(corpus_dir, str(tmp_path / PROGRAMME.name)) == 1
    assert "already exists in the corpus folder; rename the file to add it" in capsys.readouterr().err


@pytest.mark.parametrize(("meta", "message"), [
    ("datee=2025-01-01", "--meta: unknown field 'datee'"),
    ("date=2025-13-01", "--meta: field 'date': '2025-13-01' is not a date"),
    ("kind", "--meta: 'kind' is not KEY=VALUE"),
])
def test_bad_meta_is_refused_before_anything_is_copied(corpus_dir: Path, tmp_path: Path, meta: str, message: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "qd.txt").write_text(DECISION, encoding="utf-8")
    assert add(corpus_dir, str(tmp_path / "qd.txt"), "--meta", meta) == 1
    assert capsys.readouterr().err.startswith(f"planqa: error: {message}")
    assert sorted(p.name for p in corpus_dir.iterdir()) == [PROGRAMME.name]


def test_an_unreadable_file_is_refused(corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "legacy.txt").write_bytes("Hải Phòng".encode("utf-16"))
    assert add(corpus_dir, str(tmp_path / "legacy.txt")) == 1
    assert capsys.readouterr().err.startswith(f"planqa: error: cannot add {tmp_path / 'legacy.txt'}: not UTF-8 text")
    assert add(corpus_dir, str(tmp_path / "missing.pdf")) == 1
    assert capsys.readouterr().err.strip().endswith("missing.pdf: file not found")
