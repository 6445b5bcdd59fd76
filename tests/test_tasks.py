"""The appendix task table: all 56 rows, rows broken across page breaks, multi-agency cells."""

from __future__ import annotations

import pytest

from ingest.datafiles import read_tsv
from ingest.outline import parse_outline
from ingest.tables import ColumnRole, cell_role, header_roles
from ingest.tasks import join_cell, parse_tasks, split_agencies

ABBR = {
    "NV": "Sở Nội vụ", "TP": "Sở Tư pháp", "TC": "Sở Tài chính", "CT": "Sở Công Thương", "XD": "Sở Xây dựng",
    "NNMT": "Sở Nông nghiệp và Môi trường", "KHCN": "Sở Khoa học và Công nghệ", "GDDT": "Sở Giáo dục và Đào tạo",
    "YT": "Sở Y tế", "VHTTDL": "Sở Văn hóa, Thể thao và Du lịch", "NGV": "Sở Ngoại vụ",
    "BQLKKT": "Ban Quản lý Khu kinh tế", "CA": "Công an thành phố", "UBKT": "Ủy ban kiểm tra Thành ủy",
}
# (number, group, deadline as printed — first 40 characters when longer, named lead agencies; "*" = the generic
# "các sở, ban, ngành, địa phương …" entry). Checked row by row against the table in the corpus file.
EXPECTED = [
    (1, "PL.I", "Quý II/2026", "NV"),
    (2, "PL.I", "Quý II/2026", "*"),
    (3, "PL.I", "Quý II/2026", "NNMT"),
    (4, "PL.I", "Quý III/2026", "UBKT *"),
    (5, "PL.I", "Quý II/2026", "CT"),
    (6, "PL.I", "Quý II/2026", "*"),
    (7, "PL.I", "Quý II/2026", "NNMT *"),
    (8, "PL.I", "Quý II/2026", "TC"),
    (9, "PL.I", "Quý II/2026", "*"),
    (10, "PL.I", "Tháng 4/2026", "TP"),
    (11, "PL.I", "Tháng 5/2026", "TP"),
    (12, "PL.I", "Tháng 12/2026", "TP"),
    (13, "PL.I", "Tháng 12/2026", "TP"),
    (14, "PL.I", "Tháng 12/2026", "TP"),
    (15, "PL.I", "Quý III/2026", "NV KHCN CT TC NNMT BQLKKT"),
    (16, "PL.I", "Quý III/2026", "NV"),
    (17, "PL.II", "Quý II/2026", "VHTTDL NGV CA"),
    (18, "PL.II", "Năm 2026", "NNMT"),
    (19, "PL.II", "Trong năm 2026", "TC KHCN *"),
    (20, "PL.II", "Tháng 4/2026", "TC KHCN *"),
    (21, "PL.III", "Tháng 6/2026", "KHCN *"),
    (22, "PL.III", "Tháng 6/2026", "KHCN"),
    (23, "PL.III", "Tháng 4/2026", "KHCN"),
    (24, "PL.III", "Quý III/2026", "KHCN CA *"),
    (25, "PL.III", "Quý II/2026", "KHCN"),
    (26, "PL.IV", "Tháng 4/2026", "VHTTDL"),
    (27, "PL.IV", "Quý II/2026", "VHTTDL"),
    (28, "PL.IV", "Quý II/2026", "VHTTDL"),
    (29, "PL.IV", "Quý II/2026", "VHTTDL"),
    (30, "PL.IV", "Quý II/2026", "VHTTDL"),
    (31, "PL.V", "Trong năm 2026", "GDDT"),
    (32, "PL.VI", "Quý II/ 2026", "CT"),
    (33, "PL.VI", "Tháng 12/2026", "CT"),
    (34, "PL.VI", "Quý II/2026", "CT"),
    (35, "PL.VI", "Giai đoạn 2026-2030", "BQLKKT"),
    (36, "PL.VI", "Giai đoạn 2026-2030", "BQLKKT"),
    (37, "PL.VI", "Năm 2026", "BQLKKT"),
    (38, "PL.VI", "Hoàn thành trước năm 2030", "BQLKKT"),
    (39, "PL.VI", "Ban hành năm 2026; Triển khai giai đoạn 2026-2030", "BQLKKT"),
    (40, "PL.VI", "Giai đoạn 2026-2030", "BQLKKT"),
    (41, "PL.VI", "Giai đoạn 2026-2030", "BQLKKT"),
    (42, "PL.VI", "Giai đoạn 2026-2030", "BQLKKT"),
    (43, "PL.VI", "Phần đầu khởi công bến 7-8 trong Quý II/", "BQLKKT"),
    (44, "PL.VII", "Năm 2026", "YT"),
    (45, "PL.VII", "Quý II năm 2026", "YT"),
    (46, "PL.VII", "Trong năm 2026", "YT"),
    (47, "PL.VII", "Quý II/2026", "NV"),
    (48, "PL.VIII", "Quý II/2027", "XD"),
    (49, "PL.VIII", "Giai đoạn 2026-2030", "XD"),
    (50, "PL.VIII", "Giai đoạn 2026-2030", "XD"),
    (51, "PL.VIII", "Giai đoạn 2026-2030", "XD"),
    (52, "PL.VIII", "Giai đoạn 2026-2030", "XD"),
    (53, "PL.VIII", "Giai đoạn 2026-2030", "NNMT"),
    (54, "PL.IX", "Năm 2026", "*"),
    (55, "PL.IX", "Tháng 4/2026", "TC *"),
    (56, "PL.IX", "Năm 2026", "TC"),
]


def test_there_are_56_tasks_numbered_in_order(programme):
    assert [t.number for t in programme.tasks] == list(range(1, 57))


@pytest.mark.parametrize(("number", "group", "deadline", "agencies"), EXPECTED)
def test_every_task_has_its_group_deadline_and_agencies(programme, number, group, deadline, agencies):
    task = programme.tasks[number - 1]
    assert task.section == f"PL.{number}"
    assert task.group_id == group
    assert task.deadline.startswith(deadline)
    assert [a.name if not a.generic else "*" for a in task.agencies] == [
        ABBR[a] if a != "*" else "*" for a in agencies.split()
    ]


def test_broken_rows_are_rebuilt_completely(programme):
    t = {task.number: task for task in programme.tasks}
    assert t[7].text.endswith("kiên quyết thu hồi các dự án không triển khai theo cam kết")
    assert "dự án sử dụng đất đô thị và công nghiệp" in t[7].text
    assert t[7].lead == "Sở Nông nghiệp và Môi trường; các sở, ban, ngành, địa phương liên quan"
    assert t[15].text.endswith("các dự án ưu tiên thu hút đầu tư tại Khu thương mại tự do, các khu công nghiệp, "
                               "cụm công nghiệp")
    assert "Định hướng phát triển công nghiệp thành phố, trọng tâm" in t[15].text
    assert t[22].text == "Xây dựng và vận hành thị trường dữ liệu"
    assert t[22].lead == "Sở Khoa học và Công nghệ" and t[22].deadline == "Tháng 6/2026"
    assert t[30].text.endswith("thể thao thành phố Hải Phòng đến năm 2030, định hướng đến năm 2045”")
    assert t[30].lead == "Sở Văn hóa, Thể thao và Du lịch"
    assert t[39].deadline == "Ban hành năm 2026; Triển khai giai đoạn 2026-2030"
    assert t[43].deadline.endswith("Hoàn thành các bến, đưa vào khai thác trước năm 2030")
    assert t[43].deadline.startswith("Phần đầu khởi công bến 7-8 trong Quý II/2026")


def test_groups_carry_their_titles(programme):
    task = programme.tasks[21]
    assert task.group_id == "PL.III"
    assert task.group_title.startswith("Nhóm nhiệm vụ về thúc đẩy phát triển mạnh mẽ nghiên cứu")
    assert {t.group_id for t in programme.tasks} == {f"PL.{g}" for g in
                                                     ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]}


@pytest.mark.parametrize(("first", "more", "joined"), [
    ("Triển khai giai đoạn 2026-", "2030", "Triển khai giai đoạn 2026-2030"),
    ("Sở Nông nghiệp và Môi trường", "trường; các sở", "Sở Nông nghiệp và Môi trường; các sở"),
    ("Sở Văn hóa, Thể thao và", "Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("đưa vào khai", "thác trước năm 2030", "đưa vào khai thác trước năm 2030"),
    ("", "Du lịch", "Du lịch"),
    ("Quý II/2026", "", "Quý II/2026"),
])
def test_join_cell(first, more, joined):
    assert join_cell(first, more) == joined


def test_split_agencies_expands_so_lists():
    names = [a.name for a in split_agencies("các Sở: Nội vụ , Khoa học và Công nghệ, Công Thương; Ban Quản lý Khu "
                                            "kinh tế.")]
    assert names == ["Sở Nội vụ", "Sở Khoa học và Công nghệ", "Sở Công Thương", "Ban Quản lý Khu kinh tế"]
    mixed = split_agencies("các sở, ngành: Văn hoá, Thể thao và Du lịch, Ngoại vụ, Công an Thành phố")
    assert [a.name for a in mixed] == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ", "Công an thành phố"]
    generic = split_agencies("Sở Tài chính, các sở, ngành, địa phương")
    assert [(a.name, a.generic) for a in generic] == [("Sở Tài chính", False), ("các sở, ngành, địa phương", True)]


@pytest.mark.parametrize("row", read_tsv("table_columns.tsv"), ids=lambda r: r["example"])
def test_column_role_examples(row):
    assert cell_role(row["example"]) == ColumnRole(row["role"])


def test_header_rows_by_role():
    R = ColumnRole
    assert header_roles("TT\tNhiệm vụ\tThời hạn hoàn thành\tCơ quan chủ trì") == (
        R.NUMBER, R.TASK, R.DEADLINE, R.LEAD)
    assert header_roles("STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm") == (
        R.NUMBER, R.TASK, R.LEAD, R.COORDINATE, R.DEADLINE, R.PRODUCT)
    assert header_roles("Số TT\tNội dung công việc\tĐơn vị thực hiện\tTiến độ") == (R.NUMBER, R.TASK, R.LEAD,
                                                                                    R.DEADLINE)
    assert header_roles("TT\tNhiệm vụ\tCơ quan chủ trì\tGhi chú") == (R.NUMBER, R.TASK, R.LEAD, R.NOTE)
    assert header_roles("1\tRà soát quy hoạch\tQuý II/2026\tSở Xây dựng") is None  # a data row
    assert header_roles("Nhiệm vụ") is None and header_roles("Cơ quan chủ trì\tCơ quan phối hợp") is None


def test_programme_tasks_have_no_coordinating_column(programme):
    assert all(t.coordinating == "" and t.co_agencies == () and t.product == "" for t in programme.tasks)


def test_columns_in_any_order_with_a_product():
    text = ("PHỤ LỤC\nSTT\tThời gian hoàn thành\tCơ quan phối hợp\tNhiệm vụ\tSản phẩm\tCơ quan chủ trì\n"
            "1\tQuý III/2026\tSở Tài chính\tLập đề án\tQuyết định của UBND\tSở Nội vụ\n")
    (task,) = parse_tasks(parse_outline(text))
    assert (task.text, task.lead, task.coordinating, task.deadline, task.product) == (
        "Lập đề án", "Sở Nội vụ", "Sở Tài chính", "Quý III/2026", "Quyết định của UBND")
    assert [a.name for a in task.co_agencies] == ["Sở Tài chính"] and task.due.label == "Quý III/2026"
