"""An :class:`EvalReport` as plain text (the terminal), Markdown (CI) or one self-contained HTML page.

The three share the same tables. The HTML page adds pictures drawn with matplotlib (risk–coverage, recall@k per
retrieval system, latency) embedded as PNG data URIs, and lists every failure; it fetches nothing.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from eval.compare import Comparison, Table
from eval.harness import MISS_K, EvalReport, QuestionResult
from eval.riskcov import RiskCoverage, RiskPoint
from eval.scoring import RETRIEVAL_K, AnswerScores, RetrievalScores

CURVE_ROWS = 11  # risk–coverage points shown in a table; the picture and the JSON have them all


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _summary_rows(report: EvalReport) -> list[list[str]]:
    o = report.overall
    op = report.risk.operating_point
    if not o.questions:
        return [["system", report.system], ["QA items", "none (only retrieval-only items)"]]
    rows = [["system", report.system],
            ["answer accuracy", f"{_pct(o.accuracy)} ({o.correct}/{o.questions})"],
            ["wrong-answer rate (wrong / answered)", f"{_pct(o.wrong_answer_rate)} ({o.wrong}/{o.answered})"],
            ["abstention accuracy (unanswerable)",
             f"{_pct(o.abstention_accuracy)} ({o.abstained_unanswerable}/{o.unanswerable})"],
            ["false abstentions (answerable)", str(o.false_abstentions)],
            ["citation accuracy, top 3", _pct(o.citation_accuracy_top3)],
            ["citation recall", _pct(o.citation_recall)],
            ["coverage at the operating point", f"{_pct(op.coverage)} (confidence ≥ {_threshold(op)})"]]
    if report.missing_answers:
        rows.append(["QA items without an answer (scored as abstentions)", str(report.missing_answers)])
    if report.latencies_ms:
        rows.append(["ask latency p50 / p95", f"{report.latency_p50_ms:.0f} / {report.latency_p95_ms:.0f} ms"])
    return rows


def _group_rows(groups: dict[str, AnswerScores]) -> list[list[str]]:
    return [[name, str(s.questions), str(s.correct), _pct(s.accuracy), _pct(s.wrong_answer_rate)]
            for name, s in groups.items()]


def _retrieval_rows(scores: dict[str, RetrievalScores]) -> list[list[str]]:
    return [[name, f"{s.recall_1:.3f}", f"{s.recall_5:.3f}", f"{s.recall_10:.3f}", f"{s.mrr_10:.3f}",
             str(s.questions)] for name, s in scores.items()]


def _threshold(p: RiskPoint) -> str:
    return "—" if p.threshold is None else f"{p.threshold:.3f}"


def sampled_points(risk: RiskCoverage, n: int = CURVE_ROWS) -> list[RiskPoint]:
    """At most ``n`` points spread along the curve, always with the first and the operating point."""
    points = risk.points
    if len(points) <= n:
        return list(points)
    picks = sorted({round(i * (len(points) - 1) / (n - 1)) for i in range(n)})
    return [points[i] for i in picks]


def _risk_rows(risk: RiskCoverage) -> list[list[str]]:
    op = risk.operating_point
    return [[_threshold(p) + (" (operating point)" if p is op else ""), _pct(p.coverage), str(p.answered),
             _pct(p.accuracy), _pct(p.wrong_answer_rate)] for p in sampled_points(risk)]


def tables(report: EvalReport) -> list[Table]:
    """The report's tables, in order; empty sections are left out."""
    group_head = ["questions", "correct", "accuracy", "wrong-answer rate"]
    ret_head = ["system", "R@1", "R@5", f"R@{RETRIEVAL_K}", f"MRR@{RETRIEVAL_K}", "questions"]
    out: list[Table] = [("Summary", ["metric", "value"], _summary_rows(report))]
    if report.overall.questions:
        out += [("By language", ["language", *group_head], _group_rows(report.by_lang)),
                ("By type", ["type", *group_head], _group_rows(report.by_type)),
                ("Risk–coverage (answer only at confidence ≥ threshold)",
                 ["threshold", "coverage", "answered", "accuracy", "wrong-answer rate"], _risk_rows(report.risk))]
    if any(s.questions for s in report.retrieval.values()):
        out.append((f"Retrieval, QA items (section level, k ≤ {RETRIEVAL_K})", ret_head,
                    _retrieval_rows(report.retrieval)))
    if any(s.questions for s in report.retrieval_only.values()):
        out.append((f"Retrieval-only items (section level, k ≤ {RETRIEVAL_K})", ret_head,
                    _retrieval_rows(report.retrieval_only)))
    return out


def _text_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*headers), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows])


def _markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    def cell(x: str) -> str:
        return x.replace("|", "\\|")

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "---:"
                                                               for i in range(len(headers))) + "|"]
    return "\n".join(lines + ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows])


def _heading(report: EvalReport) -> str:
    only = sum(r.item.retrieval_only for r in report.results)
    return (f"Evaluation on {report.testset}: {report.overall.questions} QA items"
            + (f", {only} retrieval-only items" if only else "")
            + (f", {len(report.skipped)} lines skipped" if report.skipped else ""))


def to_text(report: EvalReport, comparison: Comparison | None = None) -> str:
    parts = [_heading(report)]
    parts += [f"{title}\n{_text_table(head, rows)}" for title, head, rows in tables(report)]
    if comparison is not None:
        parts += [f"{title}\n{_text_table(head, rows)}" for title, head, rows in comparison.tables()]
    parts += [f"skipped {s.path} line {s.line}: {s.reason}" for s in report.skipped]
    return "\n\n".join(parts)


def _got(r: QuestionResult) -> str:
    if r.got is None:
        return "(not asked: retrieval-only)"
    text = " ".join(r.answer.split())
    return f"(abstained) {text}" if r.abstained else text


def to_markdown(report: EvalReport, comparison: Comparison | None = None) -> str:
    lines = [f"# planqa evaluation — {report.testset}", "", _heading(report), ""]
    for title, head, rows in tables(report):
        lines += [f"## {title}", "", _markdown_table(head, rows), ""]
    if comparison is not None:
        for title, head, rows in comparison.tables():
            lines += [f"## {title}", "", _markdown_table(head, rows), ""]
    if report.skipped:
        lines += ["## Skipped lines", ""] + [f"- {s.path} line {s.line}: {s.reason}" for s in report.skipped] + [""]
    lines += [f"## Failures ({len(report.failures)})", ""]
    for r in report.failures:
        lines += [f"### {r.item.id} · {r.item.type} · {r.item.lang}", "",
                  f"- **question:** {r.item.question}", f"- **expected:** {r.expected()}", f"- **got:** {_got(r)}",
                  f"- **cited:** {', '.join(r.cited) or '—'}; gold: {', '.join(r.item.sections) or '—'}",
                  f"- **{report.primary} top 5:** {', '.join(r.rankings.get(report.primary, [])[:5]) or '—'}", ""]
    misses = report.retrieval_misses
    if misses:
        lines += [f"## Retrieval-only misses: no gold section in {report.primary} top {MISS_K} ({len(misses)})", ""]
        lines += [f"- **{r.item.id}** {r.item.question} — gold {', '.join(r.item.sections)}; got "
                  f"{', '.join(r.rankings.get(report.primary, [])[:MISS_K]) or '—'}" for r in misses]
        lines.append("")
    return "\n".join(lines)


# ---- pictures ----

def _png(fig: Figure) -> str:
    """The figure as a PNG data URI."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def risk_coverage_figure(risk: RiskCoverage) -> Figure:
    """Wrong-answer rate and accuracy against coverage, the operating point marked."""
    fig = Figure(figsize=(6.4, 4))
    ax = fig.add_subplot()
    cov = [p.coverage for p in risk.points]
    ax.plot(cov, [p.wrong_answer_rate for p in risk.points], ".-", markersize=3, label="wrong-answer rate (risk)",
            color="#c0392b")
    ax.plot(cov, [p.accuracy for p in risk.points], ".-", markersize=3, label="accuracy", color="#2471a3")
    op = risk.operating_point
    ax.plot([op.coverage], [op.wrong_answer_rate], "o", color="#c0392b")
    ax.plot([op.coverage], [op.accuracy], "o", color="#2471a3")
    ax.annotate(f"operating point\nconfidence ≥ {_threshold(op)}", (op.coverage, op.accuracy),
                textcoords="offset points", xytext=(-10, -40), ha="right", fontsize=8,
                arrowprops={"arrowstyle": "->", "color": "#555"})
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("coverage (share of questions answered)")
    ax.set_ylabel("rate")
    ax.set_title("Risk–coverage")
    ax.grid(alpha=0.3)
    ax.legend(loc="center left", fontsize=8)
    return fig


def retrieval_figure(scores: dict[str, RetrievalScores], title: str) -> Figure:
    """Grouped bars: R@1, R@5, R@10 and MRR@10 for every retrieval system."""
    fig = Figure(figsize=(6.4, 3.6))
    ax = fig.add_subplot()
    metrics = [("R@1", "recall_1"), ("R@5", "recall_5"), (f"R@{RETRIEVAL_K}", "recall_10"),
               (f"MRR@{RETRIEVAL_K}", "mrr_10")]
    width = 0.8 / max(len(scores), 1)
    for n, (name, s) in enumerate(scores.items()):
        xs = [i + n * width for i in range(len(metrics))]
        bars = ax.bar(xs, [getattr(s, key) for _, key in metrics], width, label=name)
        ax.bar_label(bars, fmt="%.2f", fontsize=6, rotation=90, padding=2)
    ax.set_xticks([i + width * (len(scores) - 1) / 2 for i in range(len(metrics))], [m for m, _ in metrics])
    ax.set_ylim(0, 1.15)
    ax.set_title(title)
    ax.legend(fontsize=8, ncols=max(len(scores), 1), loc="upper center", bbox_to_anchor=(0.5, -0.1))
    return fig


def latency_figure(latencies_ms: Sequence[float], p50: float, p95: float) -> Figure:
    """Histogram of answer latencies on a log scale (a few slow answers would flatten a linear one), p50 and p95
    marked."""
    fig = Figure(figsize=(6.4, 3.2))
    ax = fig.add_subplot()
    low = max(min(latencies_ms), 0.1)
    ax.hist(latencies_ms, bins=np.geomspace(low, max(max(latencies_ms), low * 1.01), 40), color="#7f8c8d")
    ax.set_xscale("log")
    for name, value, style in (("p50", p50, "-"), ("p95", p95, "--")):
        ax.axvline(value, color="#c0392b", linestyle=style, label=f"{name} {value:.0f} ms")
    ax.set_xlabel("latency per question (ms, log scale)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    ax.legend(fontsize=8)
    return fig


# ---- HTML ----

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5em 0; } td, th { border: 1px solid #ddd; padding: 3px 8px; }
th { background: #f4f4f4; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.failures td { vertical-align: top; font-size: 13px; } img { max-width: 100%; display: block; margin: .5em 0; }
.fig { display: flex; flex-wrap: wrap; gap: 1em; } .muted { color: #777; }
"""


def html_table(headers: list[str], rows: list[list[str]], numeric: bool = True) -> str:
    """A table; with ``numeric`` every column but the first is right-aligned, else it is a table of texts."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if numeric and i else ""}>{html.escape(c)}</td>'
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f'<table{"" if numeric else " class=failures"}><tr>{head}</tr>{body}</table>'


def _img(fig: Figure, alt: str) -> str:
    return f'<img src="{_png(fig)}" alt="{html.escape(alt)}">'


def _failure_rows(report: EvalReport) -> str:
    headers = ["id", "type · lang", "question", "expected", "got", "cited", "gold"]
    rows = [[r.item.id, f"{r.item.type} · {r.item.lang}", r.item.question, r.expected(), _got(r),
             ", ".join(r.cited) or "—", ", ".join(r.item.sections) or "—"] for r in report.failures]
    return html_table(headers, rows, numeric=False)


def to_html(report: EvalReport, comparison: Comparison | None = None) -> str:
    """One self-contained page: every table, the pictures as data URIs, and every failure."""
    parts = [f"<h1>planqa evaluation</h1><p>{html.escape(_heading(report))}</p>"]
    for title, head, rows in tables(report):
        parts.append(f"<h2>{html.escape(title)}</h2>{html_table(head, rows)}")
        if title.startswith("Risk"):
            parts.append(_img(risk_coverage_figure(report.risk), "risk–coverage curve"))
        elif title.startswith("Retrieval, QA"):
            parts.append(_img(retrieval_figure(report.retrieval, "Recall@k, QA items"), "retrieval, QA items"))
        elif title.startswith("Retrieval-only"):
            parts.append(_img(retrieval_figure(report.retrieval_only, "Recall@k, retrieval-only items"),
                              "retrieval, retrieval-only items"))
    if report.latencies_ms:
        figure = latency_figure(report.latencies_ms, report.latency_p50_ms, report.latency_p95_ms)
        parts.append(f"<h2>Latency</h2>{_img(figure, 'latency histogram')}")
    if comparison is not None:
        parts += [f"<h2>{html.escape(title)}</h2>{html_table(head, rows, numeric=n == 0)}"
                  for n, (title, head, rows) in enumerate(comparison.tables())]
    if report.skipped:
        parts.append("<h2>Skipped lines</h2><ul>" + "".join(
            f"<li>{html.escape(f'{s.path} line {s.line}: {s.reason}')}</li>" for s in report.skipped) + "</ul>")
    if report.overall.questions:
        parts.append(f"<h2>Failures ({len(report.failures)})</h2>"
                     + (_failure_rows(report) if report.failures else '<p class="muted">none</p>'))
    misses = report.retrieval_misses
    if misses:
        rows = [[r.item.id, r.item.question, ", ".join(r.item.sections),
                 ", ".join(r.rankings.get(report.primary, [])[:MISS_K]) or "—"] for r in misses]
        parts.append(f"<h2>Retrieval-only misses: no gold section in {report.primary} top {MISS_K} "
                     f"({len(misses)})</h2>" + html_table(["id", "question", "gold", "got"], rows, numeric=False))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>planqa evaluation</title>'
            f"<style>{_CSS}</style></head><body>{''.join(parts)}</body></html>")


def write_report(path: Path, report: EvalReport, comparison: Comparison | None = None) -> None:
    """HTML for ``.html``/``.htm``, Markdown otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    html_page = path.suffix.lower() in (".html", ".htm")
    text = to_html(report, comparison) if html_page else to_markdown(report, comparison)
    path.write_text(text, encoding="utf-8")
