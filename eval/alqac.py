"""Retrieval on the ALQAC 2023 sample (five Vietnamese laws, 101 retrieval-only questions; see its SOURCES.md).

Run: ``python eval/alqac.py [--benchmark DIR] [--report FILE] [--json] [--no-baseline]``. The benchmark folder also
holds SOURCES.md, which the corpus loader would read as a sixth document, so the laws' ``.txt`` files are copied to
a corpus folder of their own under the planqa cache (``alqac2023/corpus``, index beside it, built once). The test
set names each law in ``doc`` ("Luật Điện ảnh 2022", matched to the document ``luat-dien-anh-2022``) and its gold
article as ``Đ.<n>``, the ids the ingest gives articles; both are checked before scoring. It prints recall@1/5/10
and MRR@10 for hybrid, BM25-only, dense-only search and the naive baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

from eval.harness import EvalReport, run_eval  # noqa: E402
from eval.report import to_text, write_report  # noqa: E402
from eval.testset import EvalItem, doc_key, load_testset  # noqa: E402
from ingest.corpus import load_corpus  # noqa: E402
from planqa.config import REPO_ROOT, Settings  # noqa: E402

# shared/ lies beside the checkout (a clone, CI) or beside the folder of worktrees ($PLANQA_SHARED overrides)
SHARED = Path(os.environ.get("PLANQA_SHARED") or next(
    (p for p in (REPO_ROOT.parent / "shared", REPO_ROOT.parent.parent / "shared") if p.is_dir()),
    REPO_ROOT.parent / "shared"))
BENCHMARK = SHARED / "benchmarks" / "alqac2023"
TESTSET = "alqac2023_retrieval_testset.jsonl"


def law_corpus(benchmark: Path, target: Path) -> Path:
    """``target`` holding exactly the benchmark's ``.txt`` laws (copied only when changed)."""
    laws = sorted(benchmark.glob("*.txt"))
    if not laws:
        raise FileNotFoundError(f"no .txt laws in {benchmark}")
    target.mkdir(parents=True, exist_ok=True)
    for stale in set(target.iterdir()) - {target / p.name for p in laws}:
        stale.unlink()
    for law in laws:
        copy = target / law.name
        if not copy.is_file() or copy.read_bytes() != law.read_bytes():
            shutil.copyfile(law, copy)
    return target


def unmatched_gold(items: list[EvalItem], corpus_dir: Path) -> list[str]:
    """Every item whose ``doc`` names no document of the corpus, or whose gold section that document lacks."""
    sections = {doc_key(d.id): {s.id for s in d.sections} for d in load_corpus(corpus_dir).documents}
    problems = []
    for item in items:
        known = sections.get(doc_key(item.doc))
        if known is None:
            problems.append(f"{item.id}: no document {item.doc!r}")
        problems += [f"{item.id}: {item.doc} has no section {s}" for s in item.sections
                     if known is not None and s not in known]
    return problems


def run(benchmark: Path, baseline: bool) -> EvalReport:
    base = Settings()
    home = base.cache_dir / "alqac2023"
    settings = replace(base, corpus_dir=law_corpus(benchmark, home / "corpus"), index_dir=home / "index")
    testset = benchmark / TESTSET
    items, _ = load_testset(testset)
    problems = unmatched_gold(items, settings.corpus_dir)
    if problems:
        raise ValueError(f"{len(problems)} gold sections do not match the ingest, e.g. {problems[0]}")
    return run_eval(settings, [testset], baseline=baseline)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--benchmark", type=Path, default=BENCHMARK, help=f"benchmark folder (default: {BENCHMARK})")
    p.add_argument("--report", type=Path, help="write a report here: HTML for .html, else Markdown")
    p.add_argument("--json", action="store_true", help="print the run as JSON (as planqa eval --json)")
    p.add_argument("--no-baseline", action="store_true", help="skip the naive-pipeline baseline")
    args = p.parse_args()
    try:
        report = run(args.benchmark, baseline=not args.no_baseline)
    except (OSError, ValueError) as e:
        print(f"alqac: error: {e}", file=sys.stderr)
        return 1
    if args.report:
        write_report(args.report, report)
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else to_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
