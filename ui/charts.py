"""Pictures for "At a glance", drawn by the app (nothing fetched): the tasks on a timeline of quarters by group
(inline SVG), and the targets as tiles by area. Text goes through :func:`html.escape`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from ingest.periods import PeriodKind
from ui.i18n import Lang, t
from ui.render import cut
from ui.tables import Status, TargetRow, TaskRow, area_names, status_of

FIRST_YEAR, LAST_YEAR = 2026, 2030
QUARTERS = ("I", "II", "III", "IV")
LABEL_WIDTH, COLUMN, ROW, TOP = 330, 34, 36, 46
LABEL_CHARS = 44
STATUS_COLOURS = {Status.OVERDUE: "#b42318", Status.DUE: "#9a4a00", Status.LATER: "#1d4ed8"}
SPAN_COLOUR = "#0f766e"


def _quarter_index(day: date) -> float:
    """Quarters since the first one, with the fraction of the quarter elapsed."""
    quarter = (day.month - 1) // 3
    start = date(day.year, 3 * quarter + 1, 1)
    end = date(day.year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1)
    return (day.year - FIRST_YEAR) * 4 + quarter + (day - start).days / (end - start).days


def _column(day: date) -> int:
    """The quarter column a day falls in, clamped to the timeline."""
    return min(max(int(_quarter_index(day)), 0), (LAST_YEAR - FIRST_YEAR + 1) * 4 - 1)


@dataclass
class _Cell:
    numbers: list[int]
    status: Status
    label: str


def timeline_svg(rows: list[TaskRow], lang: Lang, today: date) -> str:
    """Each group a row, each quarter of 2026–2030 a column: a dot counts the tasks due that quarter, a bar is a
    task for a whole period; a red line marks today."""
    if not rows:
        return f'<p class="pq-empty">{t("no_tasks", lang)}</p>'
    groups = list(dict.fromkeys(r.group for r in rows))
    columns = (LAST_YEAR - FIRST_YEAR + 1) * 4
    width, height = LABEL_WIDTH + columns * COLUMN + 24, TOP + len(groups) * ROW + 10
    out = [f'<svg class="pq-timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(t("timeline", lang))}" xmlns="http://www.w3.org/2000/svg" '
           f'font-family="system-ui, sans-serif" font-size="13">']
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        x = LABEL_WIDTH + (year - FIRST_YEAR) * 4 * COLUMN
        out.append(f'<rect x="{x}" y="0" width="{4 * COLUMN}" height="{height}" '
                   f'fill="{"#f3f4f6" if year % 2 else "#ffffff"}"/>'
                   f'<text x="{x + 2 * COLUMN}" y="16" text-anchor="middle" font-weight="600" fill="#111827">{year}'
                   f'</text>')
        for q, name in enumerate(QUARTERS):
            out.append(f'<text x="{x + q * COLUMN + COLUMN / 2}" y="34" text-anchor="middle" font-size="11" '
                       f'fill="#374151">{name}</text>')
    for g, group in enumerate(groups):
        y = TOP + g * ROW
        in_group = [r for r in rows if r.group == group]
        out.append(f'<line x1="0" x2="{width}" y1="{y}" y2="{y}" stroke="#d1d5db"/>'
                   f'<text x="4" y="{y + ROW / 2 + 4}" fill="#111827"><title>{escape(group)}</title>'
                   f'{escape(cut(group, LABEL_CHARS))} ({len(in_group)})</text>')
        cells: dict[int, _Cell] = {}
        spans = [r for r in in_group if r.periods and r.periods[0].kind in (PeriodKind.RANGE, PeriodKind.BY)]
        for r in in_group:
            if not r.periods or r in spans or r.periods[0].kind == PeriodKind.ONGOING:
                continue
            column = _column(r.periods[0].end)
            cell = cells.setdefault(column, _Cell([], status_of(list(r.periods), today), r.periods[0].label))
            cell.numbers.append(r.task.number)
        bars: dict[tuple[int, int], list[TaskRow]] = {}
        for r in spans:
            bars.setdefault((_column(r.periods[0].start), _column(r.periods[0].end)), []).append(r)
        for b, ((first, last), tasks) in enumerate(bars.items()):
            x1, x2 = LABEL_WIDTH + first * COLUMN + 4, LABEL_WIDTH + (last + 1) * COLUMN - 4
            bar_y = y + ROW - 10 - 7 * (b % 2)
            listed = "; ".join(f"{r.task.number}. {cut(r.task.text, 60)}" for r in tasks)
            out.append(f'<g><title>{escape(tasks[0].periods[0].label)}: {escape(listed)}</title>'
                       f'<rect x="{x1}" y="{bar_y}" width="{x2 - x1}" height="6" rx="3" fill="{SPAN_COLOUR}"/>'
                       f'<text x="{x2 + 3}" y="{bar_y + 6}" font-size="11" fill="{SPAN_COLOUR}">{len(tasks)}'
                       f'</text></g>')
        for column, cell in cells.items():
            n = len(cell.numbers)
            radius = min(8 + 2.5 * (n - 1), ROW / 2 - 3)
            cx, cy = LABEL_WIDTH + column * COLUMN + COLUMN / 2, y + ROW / 2 - 3
            numbers = ", ".join(map(str, cell.numbers))
            out.append(f'<g><title>{escape(cell.label)}: {escape(t("col_task", lang))} {numbers}</title>'
                       f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{STATUS_COLOURS[cell.status]}"/>'
                       f'<text x="{cx}" y="{cy + 4}" text-anchor="middle" fill="#ffffff" font-size="12" '
                       f'font-weight="600">{n}</text></g>')
    x = LABEL_WIDTH + _quarter_index(today) * COLUMN
    if LABEL_WIDTH <= x <= width:
        out.append(f'<line class="pq-today" x1="{x:.1f}" x2="{x:.1f}" y1="20" y2="{height}" stroke="#dc2626" '
                   f'stroke-width="2" stroke-dasharray="4 3"/>')
    out.append("</svg>")
    legend = "".join(f'<span class="pq-legend-item"><span class="pq-dot" style="background:{colour}"></span>'
                     f'{t(f"status_{status.value}", lang)}</span>' for status, colour in STATUS_COLOURS.items())
    legend += (f'<span class="pq-legend-item"><span class="pq-bar" style="background:{SPAN_COLOUR}"></span>'
               f'{t("whole_period", lang)}</span>')
    return (f'<figure class="pq-figure"><figcaption>{t("timeline", lang)}</figcaption>'
            f'<div class="pq-scroll">{"".join(out)}</div><p class="pq-legend">{legend}</p>'
            f'<p class="pq-meta">{t("timeline_note", lang)}</p></figure>')


def targets_tiles(rows: list[TargetRow], lang: Lang) -> str:
    """The targets as tiles grouped by area, each tile the target's number and its first printed figure, its text
    on hover; tiles wrap to the screen's width."""
    index = 0 if lang == Lang.VI else 1
    blocks = []
    for area in area_names():
        in_area = [r for r in rows if r.area == area]
        if not in_area:
            continue
        tiles = "".join(f'<li class="pq-tile" title="({r.target.number}) {escape(r.target.text)}">'
                        f'<span class="pq-tile-no">({r.target.number})</span> '
                        f'{escape(cut(r.target.figures[0].text, 22) if r.target.figures else "…")}</li>'
                        for r in in_area)
        blocks.append(f'<h3>{escape(area[index])} ({len(in_area)})</h3><ul class="pq-tiles">{tiles}</ul>')
    return (f'<figure class="pq-figure pq-areas" role="group" aria-label="{escape(t("targets_by_area", lang))}">'
            f'<figcaption>{t("targets_by_area", lang)}</figcaption>{"".join(blocks)}</figure>')
