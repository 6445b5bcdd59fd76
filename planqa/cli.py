"""The ``planqa`` command: ingest, add, index, search, ask, eval, bench, serve.

Real errors (a missing corpus, an unusable index with ``--no-rebuild``, an unreadable input file) print one line
on stderr and exit 1; usage errors exit 2 (argparse); everything else exits 0.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import TextIO

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on every command

from planqa.config import Settings  # noqa: E402


class CliError(Exception):
    """A real error: one line on stderr, exit status 1."""


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if getattr(args, "corpus", None):
        settings = replace(settings, corpus_dir=Path(args.corpus))
    if getattr(args, "index_dir", None):
        settings = replace(settings, index_dir=Path(args.index_dir))
    if getattr(args, "model", None):
        settings = replace(settings, model=args.model)
    if settings.backend:
        from index.dense import Backend  # the engine imports it anyway

        names = [b.value for b in Backend]
        if settings.backend not in names:
            raise CliError(f"PLANQA_BACKEND={settings.backend!r} names no backend (one of {', '.join(names)})")
    return settings


def _engine(args: argparse.Namespace):
    from planqa.app import Engine

    return Engine.load(_settings(args), rebuild=not getattr(args, "no_rebuild", False), progress=sys.stderr.isatty())


def _open_jsonl(path: str) -> TextIO:
    """A JSONL file or stdin ("-"), opened before anything slow is loaded; bytes that are not UTF-8 become U+FFFD,
    so one damaged line cannot stop the rest."""
    try:
        return (io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace") if path == "-"
                else open(path, encoding="utf-8", errors="replace"))  # noqa: SIM115
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror}") from e


def _read_jsonl(stream: TextIO) -> Iterator[tuple[str, str]]:
    """(id, question) from each line; other fields ignored; bad lines reported, not fatal."""
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question = item["question"]
                if not isinstance(question, str):
                    raise TypeError("question is not a string")
                yield str(item.get("id", n)), question
            except (ValueError, KeyError, TypeError, AttributeError):
                print(f"line {n}: not a JSON object with a 'question' string; skipped", file=sys.stderr)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def cmd_ingest(args: argparse.Namespace) -> None:
    from ingest.corpus import load_corpus

    settings = _settings(args)
    corpus = load_corpus(settings.corpus_dir, settings.max_file_bytes)
    if args.json:
        _print_json({"documents": [{k: v for k, v in asdict(d).items() if k != "source"} for d in corpus.documents],
                     "errors": [asdict(e) for e in corpus.errors]})
        return
    for d in corpus.documents:
        print(f"{d.id}\t{Path(d.path).name}\t{len(d.sections)} sections, {len(d.tasks)} tasks, "
              f"{len(d.targets)} targets, {len(d.references)} references")
    print(f"{len(corpus.documents)} documents, {sum(len(d.sections) for d in corpus.documents)} sections, "
          f"{sum(len(d.tasks) for d in corpus.documents)} tasks, {sum(len(d.targets) for d in corpus.documents)} "
          f"targets, {sum(len(d.references) for d in corpus.documents)} references")
    for e in corpus.errors:
        print(f"skipped {e.path}: {e.reason}", file=sys.stderr)


def cmd_add(args: argparse.Namespace) -> None:
    """Check a file with the corpus loader, refuse a duplicate, copy it into the corpus with its sidecar."""
    import hashlib
    import shutil

    from ingest.corpus import load_corpus, read_document
    from ingest.doc_numbers import number_key
    from ingest.isolation import ParseWorker
    from ingest.limits import IngestLimits
    from ingest.readers import UnreadableFile
    from ingest.sidecar import SidecarError, read_sidecar, sidecar_from_pairs, sidecar_path

    settings = _settings(args)
    limits = IngestLimits.of(settings)
    source = Path(args.file)
    beside = sidecar_path(source)
    try:
        sidecar = sidecar_from_pairs(args.meta) if args.meta else None
    except SidecarError as e:
        raise CliError(f"--meta: {e}") from None
    try:  # without --meta, a sidecar beside the file comes with it
        sidecar = sidecar or (read_sidecar(beside) if beside.is_file() else None)
    except (SidecarError, OSError) as e:
        raise CliError(f"cannot add {source}: sidecar {beside.name}: {e}") from None
    try:
        with ParseWorker(limits.parse_timeout_s) as worker:
            doc = read_document(source, limits, worker, sidecar)
    except (UnreadableFile, SidecarError) as e:
        raise CliError(f"cannot add {source}: {e}") from None
    except Exception as e:  # what a parser raised on this file
        raise CliError(f"cannot add {source}: could not parse: {type(e).__name__}: {e}") from None
    settings.corpus_dir.mkdir(parents=True, exist_ok=True)
    target = settings.corpus_dir / source.name
    for d in load_corpus(settings.corpus_dir, limits=limits).documents:
        if number_key(d.id) == number_key(doc.id) or d.sha256 == doc.sha256:
            what = "an identical copy" if d.sha256 == doc.sha256 else f"document {d.id}"
            raise CliError(f"not added: {what} is already in the corpus as {d.path}")
    for taken in (target, sidecar_path(target)):
        if taken.exists() or taken.is_symlink():
            raise CliError(f"not added: {taken} already exists in the corpus folder; rename the file to add it")
    shutil.copyfile(source, target)
    with target.open("rb") as f:
        if hashlib.file_digest(f, "sha256").hexdigest() != doc.sha256:
            target.unlink()
            raise CliError(f"not added: {source} changed while it was being added; try again")
    if sidecar is not None:
        sidecar_path(target).write_text(sidecar.to_json(), encoding="utf-8")
    m = doc.metadata
    facts = ", ".join(v for v in (m.kind, m.issuer, m.date) if v)
    print(f"added {doc.id}{f' ({facts})' if facts else ''} as {target}"
          f"{f' with {sidecar_path(target).name}' if sidecar is not None else ''}")


def cmd_index(args: argparse.Namespace) -> None:
    from planqa.app import build

    index, embedded = build(_settings(args), progress=True)
    texts = len(index.chunks) + len(index.units)
    print(f"indexed {len(index.chunks)} chunks and {len(index.units)} sentences ({embedded} embedded, "
          f"{texts - embedded} reused) into {_settings(args).index_dir}")


def _nothing_to_do(args: argparse.Namespace, text: str | None, what: str, example: str) -> bool:
    """True (after saying so on stderr) when a single query is empty: no index or model is loaded for it."""
    if args.jsonl or args.json or (text or "").strip():
        return False
    print(f"planqa: nothing to {what}: give one, e.g. planqa {example}", file=sys.stderr)
    return True


def cmd_search(args: argparse.Namespace) -> None:
    import time

    if _nothing_to_do(args, args.query, "search for", 'search "nhiệm vụ 22"'):
        return
    from index.search import SearchMode

    try:
        mode = SearchMode(args.mode)
    except ValueError:
        raise CliError(f"unknown search mode {args.mode!r}: use one of "
                       f"{', '.join(m.value for m in SearchMode)}") from None
    stream = _open_jsonl(args.jsonl) if args.jsonl else None
    engine = _engine(args)

    def results(query: str) -> list[dict]:
        return [{k: v for k, v in asdict(r).items() if k in ("doc", "section", "title", "score", "text")}
                for r in engine.search(query, args.k, mode)]

    if stream:
        for qid, question in _read_jsonl(stream):
            started = time.perf_counter()
            found = results(question)
            _print_json({"id": qid, "results": found, "latency_ms": round((time.perf_counter() - started) * 1000, 1)})
        return
    found = results(args.query or "")
    if args.json:
        _print_json({"query": args.query or "", "results": found})
        return
    if not found:
        print("no results")
    for n, r in enumerate(found, 1):
        text = " ".join(r["text"].split())
        print(f"{n:2}. [{r['doc']} {r['section']}] {r['score']:.4f}  {r['title']}\n    {text[:200]}")


def cmd_ask(args: argparse.Namespace) -> None:
    if _nothing_to_do(args, args.question, "ask", 'ask "Which agency leads task 22?"'):
        return
    stream = _open_jsonl(args.jsonl) if args.jsonl else None
    engine = _engine(args)
    if stream:
        for qid, question in _read_jsonl(stream):
            _print_json(engine.ask(question, qid).to_json())
        return
    answer = engine.ask(args.question or "")
    if args.json:
        _print_json(answer.to_json())
        return
    print(("Not found in the documents: " if answer.abstained else "") + answer.answer)
    for c in answer.citations:
        print(f"  [{c.doc} {c.section}] {c.title}\n      “{' '.join(c.quote.split())[:240]}”")


def cmd_eval(args: argparse.Namespace) -> None:
    from eval.compare import compare_runs, load_run
    from eval.harness import run_eval
    from eval.report import to_text, write_report

    try:
        before = load_run(Path(args.compare)) if args.compare else None
    except ValueError as e:
        raise CliError(str(e)) from None
    report = run_eval(_settings(args), [Path(t) for t in args.testset] if args.testset else None,
                      baseline=not args.no_baseline, answers=Path(args.answers) if args.answers else None)
    comparison = compare_runs(before, report.to_json(), args.compare) if before is not None else None
    if args.report:
        write_report(Path(args.report), report, comparison)
    if args.json:
        _print_json({**report.to_json(), **({"compare": comparison.to_json()} if comparison else {})})
    else:
        print(to_text(report, comparison))
    if args.min_accuracy is not None:
        if not report.overall.questions:
            raise CliError("--min-accuracy: the test set has no QA items (only retrieval-only ones)")
        if report.answer_accuracy < args.min_accuracy:
            raise CliError(f"answer accuracy {report.answer_accuracy:.3f} is below the floor {args.min_accuracy:.3f}")


def cmd_bench(args: argparse.Namespace) -> None:
    from eval.bench import format_report, run_bench

    report = run_bench(_settings(args), synthetic_chunks=args.synthetic, users=args.users, per_user=args.questions,
                       runs=args.runs, ann=args.ann)
    if args.json:
        _print_json(report)
    else:
        print(format_report(report))


def cmd_serve(args: argparse.Namespace) -> None:
    from ui.app import serve

    settings = _settings(args)
    if args.watch is not None:
        settings = replace(settings, watch_seconds=args.watch)
    serve(settings, host=args.host, port=args.port, auth=args.auth or os.environ.get("PLANQA_AUTH"),
          allow_public=args.allow_public)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planqa", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", help="corpus folder (default: ./corpus or $PLANQA_CORPUS)")
    common.add_argument("--index-dir", help="index folder (default: ./.planqa/index or $PLANQA_INDEX)")
    common.add_argument("--model", help="sentence-transformers model name or path (default: the embedded e5-small)")
    common.add_argument("--no-rebuild", action="store_true", help="fail instead of rebuilding a missing/stale index")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", parents=[common], help="parse the corpus and print a summary")
    s.add_argument("--json", action="store_true", help="print the document model as JSON")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("add", parents=[common], help="check a document and copy it into the corpus")
    s.add_argument("file", help="a .txt, .md, .docx or .pdf file")
    s.add_argument("--meta", action="append", metavar="KEY=VALUE", default=[],
                   help="metadata the text does not print, written to its sidecar (number=198/2025/QH15, "
                        "issuer=Quốc hội, date=2025-05-17, override=number …); repeatable")
    s.set_defaults(func=cmd_add)

    s = sub.add_parser("index", parents=[common], help="build the search index")
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("search", parents=[common], help="search sections")
    s.add_argument("query", nargs="?")
    s.add_argument("--k", type=_positive, default=10, help="results to show (default: 10)")
    s.add_argument("--mode", default="hybrid", help="hybrid (default), bm25 or dense")
    s.add_argument("--json", action="store_true")
    s.add_argument("--jsonl", metavar="FILE", help="questions as JSONL (id, question); '-' for stdin")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("ask", parents=[common], help="answer a question with citations")
    s.add_argument("question", nargs="?")
    s.add_argument("--json", action="store_true")
    s.add_argument("--jsonl", metavar="FILE", help="questions as JSONL (id, question); '-' for stdin")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("eval", parents=[common], help="score the system (or another's answers) on test sets")
    s.add_argument("--testset", nargs="+", metavar="PATH",
                   help="JSONL test sets, files or folders of *.jsonl (default: eval/testset.jsonl)")
    s.add_argument("--answers", metavar="FILE",
                   help="score another system's answers (JSONL: id, answer, abstained, citations) instead of planqa")
    s.add_argument("--report", metavar="FILE", help="write a report here: HTML for .html, else Markdown")
    s.add_argument("--compare", metavar="RUN.json", help="a previous eval --json output to set beside this run")
    s.add_argument("--json", action="store_true")
    s.add_argument("--no-baseline", action="store_true", help="skip the naive-pipeline baseline")
    s.add_argument("--min-accuracy", type=float, help="exit 1 when answer accuracy is below this")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("bench", parents=[common], help="benchmark build time, latency, memory")
    s.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    s.add_argument("--synthetic", type=int, default=0, help="also build N synthetic chunks, e.g. 10000 (default: 0)")
    s.add_argument("--users", type=int, default=50, help="concurrent users of the /api/ask load run (0: skip)")
    s.add_argument("--questions", type=int, default=20, help="questions per user in the load run")
    s.add_argument("--runs", type=_positive, default=3, help="runs of each cold-start timing (median)")
    s.add_argument("--ann", action="store_true", help="also measure exact vs HNSW FAISS search (minutes)")
    s.set_defaults(func=cmd_bench)

    s = sub.add_parser("serve", parents=[common], help="start the web app")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7860)
    s.add_argument("--auth", help="user:password (or $PLANQA_AUTH)")
    s.add_argument("--allow-public", action="store_true",
                   help="allow listening on a non-loopback address without --auth")
    s.add_argument("--watch", type=float, metavar="SECONDS",
                   help="look for a changed corpus every SECONDS and re-index it meanwhile (default 5, or "
                        "$PLANQA_WATCH; 0: never)")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.func(args)
        sys.stdout.flush()  # here, so that a closed pipe is handled below rather than at exit
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, and do not flush into the pipe again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("planqa: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if not _is_real_error(e):
            raise
        print(f"planqa: error: {e}", file=sys.stderr)
        return 1
    return 0


def _is_real_error(e: Exception) -> bool:
    """A problem the user can act on (rather than a bug): :class:`CliError`, an OS error, an unusable index."""
    store = sys.modules.get("index.store")  # raising IndexUnavailable imported it; importing it here costs seconds
    return isinstance(e, CliError | OSError) or (store is not None and isinstance(e, store.IndexUnavailable))


if __name__ == "__main__":
    sys.exit(main())
