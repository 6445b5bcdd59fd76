"""The web app's pieces without a server: the answer card (markers, lists, verdicts, parts, abstentions), sources
with their column headers, tables, periods and statuses, exports, the pictures and the page's two languages."""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from ingest.corpus import load_corpus
from ingest.model import Corpus
from qa.answer import Answer, AnswerItem, Citation
from tests.uifixtures import PROGRAMME_PATH
from ui import charts, names, render, tables
from ui.i18n import STRINGS, Lang, t

DOC = "20-CTr/TU"
TODAY = date(2026, 12, 1)


@cache
def _corpus() -> Corpus:
    return load_corpus(PROGRAMME_PATH.parent)


@pytest.fixture
def corpus() -> Corpus:
    return _corpus()


def _cite(corpus: Corpus, section_id: str, quote: str) -> Citation:
    section = corpus.document(DOC).section(section_id)
    start = section.start + section.text.index(quote)
    return Citation(DOC, section_id, section.title, quote, start, start + len(quote))


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Xây dựng và vận hành thị trường dữ liệu", 20, "Xây dựng và vận…"),
    ("Xây dựng và vận hành", 40, "Xây dựng và vận hành"),
    ("Tăng trưởng, bình quân", 13, "Tăng trưởng…"),
])
def test_titles_are_cut_at_a_word_boundary(text: str, limit: int, expected: str) -> None:
    assert render.cut(text, limit) == expected


def test_the_full_reference_is_in_vietnamese_citation_style(corpus: Corpus) -> None:
    assert names.full_reference(corpus.document(DOC)) == \
        "Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của Ban Thường vụ Thành ủy"


def test_one_deadline_choice_per_period(corpus: Corpus) -> None:
    rows = tables.task_rows(corpus)
    choices = tables.deadline_choices(rows)
    assert choices.count("Quý II/2026") == 1 and "Quý II năm 2026" not in choices
    q2 = tables.filter_tasks(rows, deadline="Quý II/2026")
    printed = {r.task.deadline for r in q2}
    assert {"Quý II/2026", "Quý II/ 2026", "Quý II năm 2026"} <= printed
    assert tables.filter_tasks(rows, deadline="quy ii nam 2026") == q2


@pytest.mark.parametrize(("deadline", "status"), [
    ("Tháng 4/2026", tables.Status.OVERDUE), ("Tháng 12/2026", tables.Status.DUE), ("Năm 2026", tables.Status.DUE),
    ("Quý II/2027", tables.Status.LATER), ("Giai đoạn 2026-2030", tables.Status.LATER),
    ("Thường xuyên", tables.Status.NONE),
])
def test_status_as_of_a_day(deadline: str, status: tables.Status) -> None:
    assert tables.status_of(tables.periods_of(deadline), TODAY) == status


def test_the_status_filter(corpus: Corpus) -> None:
    rows = tables.task_rows(corpus)
    overdue = tables.filter_tasks(rows, status="overdue", today=TODAY)
    assert overdue and all(r.status(TODAY) == tables.Status.OVERDUE for r in overdue)
    assert len(overdue) < len(rows)


def test_the_answer_card_numbers_its_citations_and_marks_the_quote(corpus: Corpus) -> None:
    answer = Answer("Which agency leads task 22?", "Sở Khoa học và Công nghệ", False,
                    [_cite(corpus, "PL.22", "Sở Khoa học và Công nghệ")])
    page = render.answer_html(answer, corpus, Lang.VI)
    assert re.search(r'class="pq-marker" data-cite="1" data-doc="20-CTr/TU" data-section="PL.22"', page)
    assert 'class="pq-cite" data-cite="1"' in page and "Phụ lục, nhiệm vụ 22" in page
    # the appendix row under its column headers, the quote marked in its cell
    assert '<th scope="col">Cơ quan chủ trì</th>' in page and "</strong> · Phụ lục, nhiệm vụ 22<div" in page
    assert '<td data-label="Cơ quan chủ trì"><mark>Sở Khoa học và Công nghệ</mark></td>' in page
    copied = re.search(r'data-copy="([^"]*)"', page).group(1)
    assert "Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của Ban Thường vụ Thành ủy, Phụ lục, nhiệm vụ 22" \
        in copied and "“Sở Khoa học và Công nghệ”" in copied
    assert 'data-link="?q=Which+agency+leads+task+22%3F"' in page


def test_lists_verdicts_and_parts(corpus: Corpus) -> None:
    tasks = {t.number: t for t in corpus.document(DOC).tasks}
    cites = [_cite(corpus, f"PL.{n}", tasks[n].deadline) for n in (10, 11)]
    listed = Answer("q", "2 nhiệm vụ", False, cites, items=[
        AnswerItem("10", tasks[10].text, tasks[10].deadline, "", 0),
        AnswerItem("11", render.cut(tasks[11].text, 60), tasks[11].deadline, "đồng chủ trì", 1)])
    page = render.answer_html(listed, corpus, Lang.VI)
    items = re.findall(r'<li><span class="pq-item-no">(\d+)</span>', page)
    assert items == ["10", "11"] and page.count('class="pq-colead"') == 1
    assert "Tháng 5/2026" in page and 'data-cite="2" data-doc="20-CTr/TU" data-section="PL.11"' in page
    verdict = Answer("q", "Tháng 6/2026", False, [_cite(corpus, "PL.22", "Tháng 6/2026")], verdict=False)
    assert 'class="pq-verdict pq-false" role="status">Chưa đúng<' in render.answer_html(verdict, corpus, Lang.VI)
    assert ">Not correct<" in render.answer_html(verdict, corpus, Lang.EN)
    parts = Answer("q", "", False, parts=[
        Answer("q", "Sở Khoa học và Công nghệ", False, [_cite(corpus, "PL.22", "Sở Khoa học và Công nghệ")]),
        Answer("q", "Tháng 6/2026", False, [_cite(corpus, "PL.22", "Tháng 6/2026")])])
    page = render.answer_html(parts, corpus, Lang.VI)
    assert page.count('class="pq-part"') == 2 and page.count('class="pq-citations"') == 2
    assert re.findall(r'class="pq-cite" data-cite="(\d)"', page) == ["1", "2"]


def test_an_abstention_says_so_in_the_pages_language(corpus: Corpus) -> None:
    bare = Answer("Thủ đô của Pháp?", "Tài liệu không nêu thông tin này.", True)
    page = render.answer_html(bare, corpus, Lang.VI)
    assert "Không tìm thấy câu trả lời trong các văn bản." in page and "pq-cite" not in page
    assert "Not found in the documents." in render.answer_html(bare, corpus, Lang.EN)
    near = Answer("Nhiệm vụ 22 do ai phối hợp?", "Tài liệu không nêu thông tin này.", True,
                  [_cite(corpus, "PL.22", "Sở Khoa học và Công nghệ")])
    assert "Các mục gần nhất" in render.answer_html(near, corpus, Lang.VI)


def test_tables_group_once_count_and_say_when_empty(corpus: Corpus) -> None:
    rows = tables.task_rows(corpus)
    page = render.tasks_html(rows, Lang.VI, TODAY)
    groups = tables.group_choices(rows)
    assert page.count('class="pq-group"') == len(groups) and f"{len(rows)} nhiệm vụ" in page
    assert 'data-label="Tình trạng"' in page and "Quá hạn" in page
    assert "Không có nhiệm vụ nào khớp bộ lọc." in render.tasks_html([], Lang.VI, TODAY)
    targets = tables.target_rows(corpus)
    assert f"{len(targets)} chỉ tiêu" in render.targets_html(targets, Lang.VI)


def test_exports_hold_the_rows_given(tmp_path: Path, corpus: Corpus) -> None:
    from openpyxl import load_workbook

    rows = tables.filter_tasks(tables.task_rows(corpus), agency="Sở Tư pháp")
    headers, cells = tables.task_export(rows, Lang.VI, TODAY)
    tables.write_csv(tmp_path / "t.csv", headers, cells)
    tables.write_xlsx(tmp_path / "t.xlsx", headers, cells)
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert read[0][:3] == ["TT", "Nhóm", "Nhiệm vụ"] and [r[0] for r in read[1:]] == ["10", "11", "12", "13", "14"]
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert [c.value for c in sheet[1]] == headers and [r[0].value for r in sheet.iter_rows(min_row=2)] == \
        [10, 11, 12, 13, 14]


def test_targets_have_areas(corpus: Corpus) -> None:
    areas = {r.target.number: r.area[0] for r in tables.target_rows(corpus)}
    assert (areas[7], areas[20], areas[35], areas[32]) == ("Kinh tế", "Môi trường, năng lượng",
                                                           "Hạ tầng, đô thị, nông thôn", "Quốc phòng, an ninh")


def test_the_timeline_counts_every_task_with_a_deadline(corpus: Corpus) -> None:
    rows = tables.task_rows(corpus)
    svg = charts.timeline_svg(rows, Lang.VI, TODAY)
    dots = sum(int(n) for n in re.findall(r'font-weight="600">(\d+)</text></g>', svg))
    bars = sum(int(n) for n in re.findall(rf'font-size="11" fill="{charts.SPAN_COLOUR}">(\d+)<', svg))
    assert dots + bars == sum(1 for r in rows if r.periods) and 'class="pq-today"' in svg
    assert svg.count("<circle") < len(rows)  # tasks due in one quarter share a dot
    tiles = charts.targets_tiles(tables.target_rows(corpus), Lang.VI)
    assert tiles.count('class="pq-tile"') == len(corpus.document(DOC).targets)
    assert '<span class="pq-tile-no">(7)</span> 75 tỷ USD' in tiles


def test_documents_render_without_markup_and_with_anchors(corpus: Corpus) -> None:
    page = render.documents_html(corpus, Lang.VI)
    doc = corpus.document(DOC)
    assert "**" not in page and "Ngày ban hành" in page
    assert all(f'id="{render.anchor(DOC, s.id)}"' in page for s in doc.sections)


def test_every_word_has_both_languages() -> None:
    import json

    strings = {k: v for k, v in json.loads(STRINGS.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    assert all(set(v) == {"vi", "en"} and all(v.values()) for v in strings.values())
    assert t("tasks_count", "vi", n=3) == "3 nhiệm vụ" and t("tasks_count", "en", n=3) == "3 task(s)"
    assert Lang.of("EN") == Lang.EN and Lang.of("fr") == Lang.VI and Lang.of(None) == Lang.VI
