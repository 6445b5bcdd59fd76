"""Test sets: JSONL files of questions with gold answers and sections (format: ``eval/README.md``).

Three kinds of item share one format: QA items (gold answer strings, a verdict for a claim, or ``answerable`` false),
scored on the answer; retrieval-only items (gold ``sections`` and nothing else to check), scored on the ranked
sections only; and either may name its document in ``doc``.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from eval.scoring import outermost

DEFAULT_TESTSET = Path(__file__).resolve().parent / "testset.jsonl"
DEFAULT_DOC = "20-CTr/TU"


@dataclass(frozen=True)
class EvalItem:
    """One test question with its gold answer strings, verdict and sections."""

    id: str
    question: str
    lang: str
    type: str
    answers: tuple[str, ...]
    answers_all: tuple[str, ...]
    answerable: bool
    sections: tuple[str, ...]
    doc: str = DEFAULT_DOC
    verdict: bool | None = None  # a claim to verify: the answer must say it is right (True) or not (False)

    @property
    def retrieval_only(self) -> bool:
        """Nothing to check in the answer: scored on retrieval alone, never counted as a correct answer."""
        return self.answerable and not (self.answers or self.answers_all) and self.verdict is None


@dataclass(frozen=True)
class Skipped:
    """A test set line that could not be used, and why."""

    line: int
    reason: str
    path: str = ""


def _string_list(item: dict, key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' is not a list of strings")
    return tuple(value)


def _optional_bool(item: dict, key: str, default: bool | None) -> bool | None:
    value = item.get(key, default)
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"'{key}' is not true, false or null")
    return value


def json_object(line: str) -> dict:
    """One JSONL line as a JSON object; ValueError when it is not one."""
    try:
        obj = json.loads(line)
    except ValueError as e:
        raise ValueError(f"not valid JSON ({e.msg})") from e
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    return obj


def parse_item(line: str, n: int) -> EvalItem:
    """An :class:`EvalItem` from one JSONL line; ValueError says what is wrong."""
    item = json_object(line)
    question = item.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError("'question' missing or not a non-empty string")
    answerable = _optional_bool(item, "answerable", True)
    if answerable is None:
        raise ValueError("'answerable' is not true or false")
    verdict = _optional_bool(item, "verdict", None)
    answers, answers_all = _string_list(item, "answers"), _string_list(item, "answers_all")
    sections = _string_list(item, "sections")
    if not answerable and (answers or answers_all or verdict is not None):
        raise ValueError("unanswerable but carries answers or a verdict")
    if answerable and not (answers or answers_all or sections) and verdict is None:
        raise ValueError("nothing to score: no 'answers', 'answers_all', 'verdict' or gold 'sections'")
    strings = {k: item.get(k, default) for k, default in (("id", f"line-{n}"), ("lang", "?"), ("type", "?"))}
    if not all(isinstance(v, str) and v for v in strings.values()):
        raise ValueError("'id', 'lang' or 'type' is not a non-empty string")
    doc = item.get("doc") or DEFAULT_DOC  # "" or null: no document named
    if not isinstance(doc, str):
        raise ValueError("'doc' is not a string")
    return EvalItem(id=strings["id"], question=question, lang=strings["lang"], type=strings["type"], answers=answers,
                    answers_all=answers_all, answerable=answerable, sections=outermost(sections), doc=doc,
                    verdict=verdict)


def testset_files(paths: list[Path]) -> list[Path]:
    """The JSONL files named: each file itself, each folder's ``*.jsonl`` (sorted, not recursive).
    FileNotFoundError for a path that does not exist or a folder without any."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise FileNotFoundError(f"no .jsonl test set in folder: {path}")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"test set not found: {path}")
    return files


def load_testset(*paths: Path) -> tuple[list[EvalItem], list[Skipped]]:
    """The usable items of every file or folder named, and the skipped lines (ids must be unique across all)."""
    items: list[EvalItem] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for path in testset_files(list(paths)):
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    item = parse_item(line, n)
                    if item.id in seen:
                        raise ValueError(f"duplicate id {item.id!r}")
                except ValueError as e:
                    skipped.append(Skipped(n, str(e), str(path)))
                    continue
                seen.add(item.id)
                items.append(item)
    return items, skipped


def doc_key(name: str) -> str:
    """A document name as compared across systems: accents, case and punctuation dropped ("Luật Điện ảnh 2022",
    "luat-dien-anh-2022" → "luat dien anh 2022"; "20-CTr/TU" → "20 ctr tu")."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def section_key(doc: str, section: str, wanted_doc: str) -> str:
    """``section`` when ``doc`` is the item's document, else "doc section" (which matches no gold section)."""
    return section if doc_key(doc) == doc_key(wanted_doc) else f"{doc} {section}"
