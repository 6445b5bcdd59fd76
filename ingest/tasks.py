"""The appendix task table: rows rebuilt across page breaks, lead-agency cells split into agencies."""

from __future__ import annotations

import re

from ingest.agencies import canonical_name, short_so_name
from ingest.model import Agency, Section, Task

# "các sở, ban, ngành, địa phương (liên quan)" and its shorter forms, closing a segment
_GENERIC = re.compile(r"các sở(?:,\s*ban)?(?:,\s*ngành)?(?:,\s*địa phương)?(?:\s+liên quan)?$")
_LIST_INTRO = re.compile(r"^các (?:Sở|sở, ngành|sở, ban, ngành)\s*:\s*(?P<items>.+)$")
# Sở names that contain a comma, protected from splitting
_COMMA_NAMES = re.compile(r"Văn h(?:oá|óa), Thể thao và Du lịch")


def join_cell(first: str, more: str) -> str:
    """Join a cell's text with its continuation after a page break.

    "…giai đoạn 2026-" + "2030" → "…2026-2030"; a word the PDF repeated across the break is kept once
    ("Môi trường" + "trường; …" → "Môi trường; …").
    """
    first, more = first.strip(), more.strip()
    if not first or not more:
        return first or more
    if first.endswith("-"):
        return first + more
    last_word = first.split()[-1]
    head = re.match(r"[^\s,;.]+", more)
    if head and head.group(0) == last_word:
        return first + more[len(last_word):]
    return f"{first} {more}"


def split_agencies(cell: str) -> tuple[Agency, ...]:
    """Split a lead cell: "các Sở: Nội vụ, Khoa học và Công nghệ" → Sở Nội vụ, Sở Khoa học và Công nghệ."""
    agencies: list[Agency] = []
    text = re.sub(r"\s+", " ", cell).strip().rstrip(".")
    for segment in (s.strip() for s in text.split(";")):
        if not segment:
            continue
        intro = _LIST_INTRO.match(segment)
        items = intro.group("items") if intro else segment
        generic = _GENERIC.search(items)
        tail = ""
        if generic:
            items, tail = items[: generic.start()].strip(" ,"), generic.group(0)
        protected = _COMMA_NAMES.sub(lambda m: m.group(0).replace(",", "\x00"), items)
        previous_so = bool(intro)
        for piece in (p.replace("\x00", ",").strip() for p in protected.split(",")):
            if not piece:
                continue
            so = short_so_name(piece) if previous_so else None
            name = so or canonical_name(piece)
            previous_so = name.startswith("Sở ")
            agencies.append(Agency(name=name))
        if tail:
            agencies.append(Agency(name=tail, generic=True))
    return tuple(dict.fromkeys(agencies))


def _cells(line: str) -> list[str]:
    cells = line.split("\t")
    return (cells + [""] * 4)[:4]


def parse_tasks(sections: list[Section]) -> list[Task]:
    """Tasks from the ``PL.<n>`` sections that :func:`ingest.outline.parse_outline` cut from the appendix table."""
    titles = {s.id: s.heading.split("\t")[1].strip() for s in sections
              if s.id.startswith("PL.") and not s.id[3:].isdigit() and "\t" in s.heading}
    tasks = []
    for s in sections:
        if not (s.id.startswith("PL.") and s.id[3:].isdigit()):
            continue
        lines = [ln for ln in s.text.splitlines() if ln.strip()]
        number, task, deadline, lead = _cells(lines[0])
        for line in lines[1:]:
            _, more_task, more_deadline, more_lead = _cells(line)
            task, deadline, lead = join_cell(task, more_task), join_cell(deadline, more_deadline), join_cell(
                lead, more_lead)
        group = s.parent or ""
        tasks.append(Task(number=int(number), group_id=group, group_title=titles.get(group, ""), text=task.strip(),
                          deadline=deadline.strip(), lead=lead.strip(), agencies=split_agencies(lead),
                          section=s.id))
    return tasks
