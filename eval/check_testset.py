"""Validate a test set (default eval/testset.jsonl) against the contract and the corpus; print type × language counts.

Run: ``.venv/bin/python eval/check_testset.py [testset.jsonl] [corpus.txt]``. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTSET = ROOT / "eval" / "testset.jsonl"
CORPUS = ROOT / "corpus" / "20-CTr-TU_2026-04-24.txt"

TYPES = ("task_lead", "task_deadline", "agency_tasks", "list", "count", "target", "body_figure", "figure", "topic",
         "reference", "metadata", "article", "definition", "responsibility", "two_part", "fact_check", "unanswerable")
FIELDS = {"id": str, "question": str, "lang": str, "type": str, "answers": list, "answers_all": list,
          "answerable": bool, "sections": list}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")


def canonical_sections() -> set[str]:
    """Every canonical section id of 20-CTr/TU, as fixed by the project's contract."""
    ids = {"PRE", "I", "I.1", "I.2", "II", "II.1", "II.2", "III", "III.1", "III.2", "III.3", "III.4", "IV", "SIG",
           "PL"}
    ids |= {f"II.2.({n})" for n in range(1, 36)}
    ids |= {f"III.1.{n}" for n in range(1, 13)}
    ids |= {f"III.1.3.{c}" for c in ("a", "b", "c", "d", "đ", "e", "g")}
    ids |= {f"IV.{n}" for n in range(1, 7)}
    ids |= {f"PL.{r}" for r in ROMAN} | {f"PL.{n}" for n in range(1, 57)}
    return ids


def normalise(text: str) -> str:
    """NFC, lowercase, whitespace collapsed: the scorer's view of a text."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).lower()).strip()


def occurs(answer: str, text: str) -> bool:
    """Whether an answer occurs in a normalised text; digit-only answers match whole numbers."""
    needle = normalise(answer)
    if needle.isdigit():
        return any(int(m) == int(needle) for m in re.findall(r"\d+", text))
    return needle in text


def has_diacritics(text: str) -> bool:
    return any(unicodedata.decomposition(ch) or ch in "đĐ" for ch in text if not ch.isascii())


def check_item(item: dict, sections: set[str], corpus: str) -> list[str]:
    """Problems of one test item; empty when it is sound."""
    problems = [f"field {k} missing or not {t.__name__}" for k, t in FIELDS.items() if not isinstance(item.get(k), t)]
    if problems:
        return problems
    if not re.fullmatch(r"[a-z0-9]+-\d{3}", item["id"]):
        problems.append("bad id")
    if item["lang"] not in ("vi", "en"):
        problems.append(f"bad lang {item['lang']}")
    if item["type"] not in TYPES:
        problems.append(f"bad type {item['type']}")
    problems += [f"unknown section {s}" for s in item["sections"] if s not in sections]
    if len(set(item["sections"])) != len(item["sections"]):
        problems.append("duplicate section ids")
    if not item["answerable"]:
        if item["answers"] or item["answers_all"] or item["type"] != "unanswerable":
            problems.append("unanswerable item with answers or another type")
        return problems
    if not (item["answers"] or item["answers_all"]) or not item["sections"]:
        problems.append("answerable item without answers or sections")
    if item["type"] != "count":
        if item["answers"] and not any(occurs(a, corpus) for a in item["answers"]):
            problems.append(f"no answer found in corpus: {item['answers']}")
        problems += [f"answers_all item not in corpus: {a}" for a in item["answers_all"] if not occurs(a, corpus)]
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Check a test set's format, gold strings and section ids.")
    parser.add_argument("testset", nargs="?", type=Path, default=TESTSET)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS, help="the document the gold strings are in")
    args = parser.parse_args(argv[1:])
    for path in (args.testset, args.corpus):
        if not path.is_file():
            parser.error(f"no such file: {path}")
    testset = args.testset
    corpus = normalise(args.corpus.read_text(encoding="utf-8"))
    sections = canonical_sections()
    items, failures = [], 0
    for n, line in enumerate(testset.read_text(encoding="utf-8").splitlines(), 1):
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            print(f"line {n}: bad JSON: {exc}")
            failures += 1
    for id_, k in Counter(i.get("id") for i in items).items():
        if k > 1:
            print(f"duplicate id {id_}")
            failures += 1
    for item in items:
        for problem in check_item(item, sections, corpus):
            print(f"{item.get('id')}: {problem}")
            failures += 1
    table = Counter((i.get("type"), i.get("lang")) for i in items)
    print(f"{'type':<15}{'vi':>5}{'en':>5}{'all':>6}")
    for t in TYPES:
        print(f"{t:<15}{table[t, 'vi']:>5}{table[t, 'en']:>5}{table[t, 'vi'] + table[t, 'en']:>6}")
    plain = sum(1 for i in items if i.get("lang") == "vi" and not has_diacritics(i.get("question", "")))
    langs = Counter(i.get("lang") for i in items)
    print(f"{'total':<15}{langs['vi']:>5}{langs['en']:>5}{len(items):>6}   vi without diacritics: {plain}")
    print("OK" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
