"""Targets: the 35 of the programme's II.2, a resolution's bullet goals; Vietnamese number parsing."""

from __future__ import annotations

import pytest

from ingest.datafiles import read_tsv
from ingest.figures import GENERAL_HEADING, GOALS_HEADING, TARGETS_HEADING, find_figures, parse_number, parse_targets
from ingest.outline import parse_outline
from tests.corpora import shared_text

# (target, printed figures in order, first value). Checked against II.2 in the corpus file.
EXPECTED = [
    (1, ["13%/năm", "14%/năm", "15,2%/năm", "10,9%/năm", "2%/năm", "8%/năm"], 13.0),
    (2, ["11.247 USD/người"], 11247.0),
    (3, ["35%"], 35.0),
    (4, ["15,5 - 16,5%/năm", "47 - 48%", "60%"], 15.5),
    (5, ["43%", "2,4 triệu tỷ đồng", "10%"], 43.0),
    (6, ["245.500 tỷ đồng", "122.000 tỷ đồng"], 245500.0),
    (7, ["75 tỷ USD"], 75.0),
    (8, ["380 triệu tấn"], 380.0),
    (9, ["25 triệu lượt"], 25.0),
    (10, ["57%"], 57.0),
    (11, ["11%/năm"], 11.0),
    (12, ["23%-25%"], 23.0),
    (13, ["87.000 doanh nghiệp", "9.200 doanh nghiệp"], 87000.0),
    (14, ["03 doanh nghiệp"], 3.0),
    (15, ["40%"], 40.0),
    (16, ["40%-45%"], 40.0),
    (17, ["100%"], 100.0),
    (18, ["45% - 50%"], 45.0),
    (19, ["70% - 75%"], 70.0),
    (20, ["43,5%"], 43.5),
    (21, [], None),
    (22, ["80%", "50%"], 80.0),
    (23, ["55%"], 55.0),
    (24, ["80%"], 80.0),
    (25, ["62%-63%"], 62.0),
    (26, ["0,8"], 0.8),
    (27, ["32.900 căn nhà"], 32900.0),
    (28, ["100%", "01 nhà máy"], 100.0),
    (29, ["40%"], 40.0),
    (30, ["55%"], 55.0),
    (31, ["25 - 30 tiểu đội"], 25.0),
    (32, ["80%", "95%"], 80.0),
    (33, ["10%"], 10.0),
    (34, ["19 người"], 19.0),
    (35, ["21,5 km"], 21.5),
]


def test_there_are_35_targets(programme):
    assert [t.number for t in programme.targets] == list(range(1, 36))
    assert all(t.section == f"II.2.({t.number})" for t in programme.targets)


@pytest.mark.parametrize(("number", "printed", "first_value"), EXPECTED)
def test_every_target_has_its_figures(programme, number, printed, first_value):
    target = programme.targets[number - 1]
    assert [f.text for f in target.figures] == printed
    if first_value is not None:
        assert target.figures[0].value == pytest.approx(first_value)
    for f in target.figures:
        assert f.text in target.text


def test_ranges_units_and_qualifiers(programme):
    t4 = programme.targets[3].figures
    assert (t4[1].value, t4[1].value_max, t4[1].unit) == (47.0, 48.0, "%")
    assert (t4[0].value, t4[0].value_max, t4[0].unit) == (15.5, 16.5, "%/năm")
    assert programme.targets[1].figures[0].unit == "USD/người"
    assert programme.targets[6].figures[0].qualifier == "trở lên"
    assert programme.targets[19].figures[0].qualifier == "ít nhất"
    assert programme.targets[4].figures[1].unit == "triệu tỷ đồng"


@pytest.mark.parametrize(("text", "value"), [("11.247", 11247.0), ("43,5", 43.5), ("2,4", 2.4),
                                             ("245.500", 245500.0), ("1.234.567,89", 1234567.89), ("19", 19.0)])
def test_parse_number_vietnamese_format(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_years_are_not_figures():
    figures = find_figures("giai đoạn 2026 - 2030 đạt 43 giường bệnh/vạn dân, đến năm 2030 đạt 37,17m² sàn/người")
    assert [f.text for f in figures] == ["43 giường bệnh/vạn dân", "37,17m² sàn/người"]


def test_a_unit_per_something_keeps_its_figure_and_a_fraction_or_date_is_none():
    figures = find_figures("bảo đảm bình quân 20 ha/khu công nghiệp, cụm công nghiệp hoặc 5% diện tích đất")
    assert [(f.text, f.unit) for f in figures] == [("20 ha", "ha"), ("5%", "%")]
    assert find_figures("55/67 xã đạt chuẩn") == [] and find_figures("hoàn thành tháng 6/2026") == []
    assert find_figures("từ năm 2026 người dân được khám sức khỏe") == []  # a year, not 2026 people


def test_target_spans_slice_the_source(programme):
    for t in programme.targets:
        assert programme.source[t.start:t.end] == t.text
        assert t.period_text == "" and t.period is None
    assert programme.targets[1].text == "GRDP bình quân đầu người năm 2030 (giá hiện hành) đạt 11.247 USD/người."


def test_bullet_goals_of_a_resolution():
    source = shared_text("corpus/57-NQ-TW.txt")
    targets = parse_targets(parse_outline(source))
    assert [(t.number, t.section, t.period_text) for t in targets] == (
        [(n, "II.1", "Đến năm 2030") for n in range(1, 6)] + [(6, "II.2", "đến năm 2045")])
    assert [f.text for f in targets[1].figures][:3] == ["55%", "50%", "30% GDP"]
    assert targets[2].figures[3].text == "12 người trên một vạn dân"
    assert targets[5].period.label == "Đến năm 2045"
    for t in targets:
        assert source[t.start:t.end] == t.text
        assert not t.text.startswith("-")


@pytest.mark.parametrize("row", read_tsv("units.tsv"), ids=lambda r: r["unit"])
def test_unit_examples(row):
    figures = find_figures(f"đạt {row['example']} vào cuối kỳ")
    assert [(f.text, f.unit) for f in figures] == [(row["example"], row["unit"])]


@pytest.mark.parametrize("row", read_tsv("target_headings.tsv"), ids=lambda r: r["example"])
def test_target_heading_examples(row):
    pattern = {"targets": TARGETS_HEADING, "goals": GOALS_HEADING, "general": GENERAL_HEADING}[row["kind"]]
    assert pattern.search(row["example"])


def test_general_aims_are_not_targets():
    text = ("II. MỤC TIÊU\n1. Mục tiêu tổng quát đến năm 2030\n- Phát triển nhanh, bền vững.\n2. Mục tiêu cụ thể\n"
            "- Tăng trưởng GRDP đạt 10%/năm.\n")
    targets = parse_targets(parse_outline(text))
    assert [(t.number, t.section, t.text) for t in targets] == [(1, "II.2", "Tăng trưởng GRDP đạt 10%/năm.")]
