"""Task tables: rows rebuilt across page breaks, read by column role, agency cells split into agencies."""

from __future__ import annotations

import re

from ingest.agencies import canonical_name, short_so_name
from ingest.model import Agency, Section, SectionKind, Task
from ingest.tables import ColumnRole, header_roles

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


LEGACY_ROLES = (ColumnRole.NUMBER, ColumnRole.TASK, ColumnRole.DEADLINE, ColumnRole.LEAD)  # a table without header


def _by_role(line: str, roles: tuple[ColumnRole | None, ...]) -> dict[ColumnRole, str]:
    cells = line.split("\t")
    out: dict[ColumnRole, str] = {}
    for role, cell in zip(roles, cells + [""] * (len(roles) - len(cells)), strict=False):
        if role is not None:
            out[role] = join_cell(out[role], cell) if role in out else cell
    return out


def _row_cells(section: Section, roles: tuple[ColumnRole | None, ...]) -> dict[ColumnRole, str]:
    """The cells of a table row by role, its continuation lines (after page breaks) joined cell by cell."""
    lines = [ln for ln in section.text.splitlines() if ln.strip()]
    cells = _by_role(lines[0], roles)
    for line in lines[1:]:
        for role, more in _by_role(line, roles).items():
            cells[role] = join_cell(cells.get(role, ""), more)
    return {role: text.strip() for role, text in cells.items()}


def _header_in(section: Section) -> tuple[ColumnRole | None, ...] | None:
    found = None
    for line in section.text.splitlines():
        found = header_roles(line) or found
    return found


def parse_tasks(sections: list[Section]) -> list[Task]:
    """Tasks from the table-row sections :func:`ingest.outline.parse_outline` cut from task tables.

    Each row's cells are read by the roles the table's header row names (task, lead, co-ordinating bodies,
    deadline, product); a table with no header row reads as TT | Nhiệm vụ | Thời hạn | Cơ quan chủ trì.
    """
    titles = {s.id: s.heading.split("\t")[1].strip() for s in sections
              if s.kind == SectionKind.TABLE_GROUP and "\t" in s.heading}
    roles: tuple[ColumnRole | None, ...] = LEGACY_ROLES
    tasks = []
    for s in sections:
        if s.kind != SectionKind.TABLE_ROW:
            roles = _header_in(s) or roles
            continue
        cells = _row_cells(s, roles)
        group = s.parent or ""
        lead, coordinating = cells.get(ColumnRole.LEAD, ""), cells.get(ColumnRole.COORDINATE, "")
        tasks.append(Task(number=int(s.number), group_id=group, group_title=titles.get(group, ""),
                          text=cells.get(ColumnRole.TASK, ""), deadline=cells.get(ColumnRole.DEADLINE, ""),
                          lead=lead, agencies=split_agencies(lead), section=s.id, coordinating=coordinating,
                          co_agencies=split_agencies(coordinating), product=cells.get(ColumnRole.PRODUCT, "")))
    return tasks
