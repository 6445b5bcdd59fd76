"""Periods of deadlines and questions: the examples in ingest/data/period_examples.tsv, and the period methods."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.datafiles import read_tsv
from ingest.periods import PeriodKind, find_periods, parse_period, quarter_period, year_period


@pytest.mark.parametrize("row", read_tsv("period_examples.tsv"), ids=lambda r: r["text"])
def test_examples(row):
    period = parse_period(row["text"])
    assert period is not None
    assert (period.kind.value, period.label, period.start.isoformat(), period.end.isoformat()) == (
        row["kind"], row["label"], row["start"], row["end"])


@pytest.mark.parametrize("text", ["", "Quý II", "tháng 13/2026", "bến 7-8", "Điều 12", "khoản 2030a"])
def test_no_period(text):
    assert parse_period(text) is None


def test_every_period_in_a_deadline_in_order():
    text = "Phần đầu khởi công bến 7-8 trong Quý II/2026; Phần đầu khởi công bến 9-12 trong Quý IV năm 2026."
    assert [p.label for _, _, p in find_periods(text)] == ["Quý II/2026", "Quý IV/2026"]
    start, end, _ = find_periods(text)[1]
    assert text[start:end] == "Quý IV năm 2026"


def test_contains_overlaps_within():
    q2 = quarter_period(2026, 2)
    april = parse_period("Tháng 4/2026")
    assert q2.contains(date(2026, 4, 1)) and q2.contains(date(2026, 6, 30)) and not q2.contains(date(2026, 7, 1))
    assert april.within(q2) and april.within(year_period(2026)) and not q2.within(april)
    assert q2.overlaps(april) and not q2.overlaps(quarter_period(2026, 3))
    by_june = parse_period("Trước 30/6/2026")
    assert by_june.kind is PeriodKind.BY and by_june.overlaps(q2) and not by_june.within(q2)
    ongoing = parse_period("Thường xuyên")
    assert ongoing.overlaps(q2) and q2.within(ongoing)


def test_question_words_and_printed_deadlines_meet():
    asked = parse_period("nhiệm vụ nào phải xong trong quý 2 năm 2026?")
    assert asked == parse_period("Quý II/2026") == parse_period("Q2 2026")
    assert parse_period("which tasks are due in April 2026") == parse_period("Tháng 4/2026")


def test_task_due_is_the_deadline_period(programme):
    task = next(t for t in programme.tasks if t.number == 10)
    assert task.deadline == "Tháng 4/2026" and task.due == parse_period("Tháng 4/2026")
    # 18 "Quý II/2026" (as printed three ways), 5 "Tháng 4/2026", 1 "Tháng 5/2026", 2 "Tháng 6/2026", and task 43
    # whose deadline starts "… trong Quý II/2026"
    assert sum(1 for t in programme.tasks if t.due and t.due.within(quarter_period(2026, 2))) == 27
