"""Generate ``qa/data/intents.tsv``, the intent classifier's training rows, from their sources.

Sources: the labelled development sets (their ``type`` mapped to an intent; unanswerable questions carry no intent
and are left out) and the ``train`` rows of ``qa/data/intent_examples.yaml``. Frozen sets (``eval/frozen/``) are
never read. ``python eval/build_intents.py`` rewrites the file; ``--check`` exits 1 when it is out of date.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tests" / "data" / "qa_cases.jsonl", ROOT / "eval" / "testset.jsonl", ROOT / "eval" / "blind.jsonl",
           *sorted((ROOT / "eval" / "dev").glob("*.jsonl")))
EXAMPLES = ROOT / "qa" / "data" / "intent_examples.yaml"
TARGET = ROOT / "qa" / "data" / "intents.tsv"
TYPE_TO_INTENT = {"task_lead": "lead", "task_deadline": "deadline", "agency_tasks": "list", "count": "count",
                  "target": "figure", "body_figure": "figure", "topic": "topic", "reference": "reference",
                  "metadata": "metadata", "list": "list", "figure": "figure", "article": "article",
                  "definition": "definition", "responsibility": "lead"}


def rows() -> list[tuple[str, str, str]]:
    out = []
    for path in SOURCES:
        with open(path, encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                intent = TYPE_TO_INTENT.get(item["type"])
                if intent and item.get("answerable", True):
                    out.append((item["question"], intent, path.name))
    examples = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    for intent, block in examples.items():
        out += [(q, intent, EXAMPLES.name) for q in block["train"]]
    return out


def render() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["question", "intent", "source"])
    writer.writerows((" ".join(q.split()), i, s) for q, i, s in rows())
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python eval/build_intents.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
