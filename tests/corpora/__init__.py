"""Fixture documents of each kind the corpus holds, written by the tests into a tmp folder.

Each is a short, made-up text in the form real ones are printed in (numbering, tables, header and signature
blocks), so the structure rules are tested on documents they were not written from:

- :data:`PROVINCE_PROGRAMME` — another province's action programme: targets under "Mục tiêu cụ thể", a task table
  inside a body section and an appendix table, both STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
  hoàn thành, one row broken across a page break;
- :data:`DECREE` — a decree with Chương / Mục / Điều / khoản / điểm and a "Giải thích từ ngữ" article;
- :data:`PARTY_RESOLUTION` — a party resolution with parts numbered "I-" and "-" goals under "MỤC TIÊU";
- :data:`DECISION` — a city decision with an attached regulation whose articles run from Điều 1 again.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

PROVINCE_PROGRAMME = """TỈNH ỦY NINH BÌNH
*
Số 15-CTr/TU
Ninh Bình, ngày 10 tháng 5 năm 2026

CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích
Quán triệt sâu sắc Nghị quyết số 57-NQ/TW trong toàn Đảng bộ tỉnh.

2. Yêu cầu
Xác định rõ nhiệm vụ, thời hạn và cơ quan chủ trì.

II. MỤC TIÊU

1. Mục tiêu tổng quát
Đưa khoa học, công nghệ trở thành động lực chính của tăng trưởng, đạt 10% trong năm đầu.

2. Mục tiêu cụ thể
(1) Kinh phí chi cho nghiên cứu phát triển đạt 2% GRDP.
(2) Quy mô kinh tế số đạt tối thiểu 30% GDP của tỉnh.
(3) Có ít nhất 50 doanh nghiệp công nghệ số.
(4) Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử đạt trên 80%.

III. NHIỆM VỤ, GIẢI PHÁP

1. Hoàn thiện cơ chế, chính sách
Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính tham mưu cơ chế tài chính cho khoa học.

2. Phát triển hạ tầng số
Các nhiệm vụ cụ thể như sau:
STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành
1\tXây dựng trung tâm dữ liệu của tỉnh\tSở Khoa học và Công nghệ\tSở Tài chính; Công an tỉnh\tQuý IV/2026
2\tPhủ sóng 5G toàn tỉnh\tSở Khoa học và Công nghệ\tcác doanh nghiệp viễn thông\tNăm 2027
Các sở bảo đảm kinh phí theo phân cấp.

IV. TỔ CHỨC THỰC HIỆN

1. Ủy ban nhân dân tỉnh chịu trách nhiệm xây dựng kế hoạch thực hiện Chương trình.
2. Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện; định kỳ báo cáo Ban Thường vụ Tỉnh ủy.

Nơi nhận:
- Ban Bí thư Trung ương Đảng,
- Lưu Văn phòng Tỉnh ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn An

PHỤ LỤC
DANH MỤC NHIỆM VỤ TRỌNG TÂM
(Kèm theo Chương trình hành động số 15-CTr/TU ngày 10/5/2026 của Ban Thường vụ Tỉnh ủy)

STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành
I\tNhóm nhiệm vụ về thể chế\t\t\t
1\tBan hành quy chế quản lý dữ liệu\tSở Khoa học và Công nghệ\tSở Tư pháp; Văn phòng Ủy ban nhân dân tỉnh\tQuý II/2026
2\tRà soát, cắt giảm thủ tục hành chính trong lĩnh vực đầu tư, đất\tSở Tư pháp\tcác sở, ban, ngành\tTháng 9/2026

\tđai và xây dựng\t\t\t
II\tNhóm nhiệm vụ về nhân lực\t\t\t
3\tĐào tạo nhân lực công nghệ số\tSở Giáo dục và Đào tạo\tSở Nội vụ\t2026-2027
4\tThu hút chuyên gia công nghệ\tSở Nội vụ\t\tThường xuyên
"""

DECREE = """CHÍNH PHỦ
Số: 45/2026/NĐ-CP
Hà Nội, ngày 20 tháng 3 năm 2026

NGHỊ ĐỊNH
Quy định về hỗ trợ doanh nghiệp khởi nghiệp sáng tạo

Căn cứ Luật Tổ chức Chính phủ;
Chính phủ ban hành Nghị định quy định về hỗ trợ doanh nghiệp khởi nghiệp sáng tạo.

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định việc hỗ trợ doanh nghiệp khởi nghiệp sáng tạo.

Điều 2. Giải thích từ ngữ
Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:
1. Doanh nghiệp khởi nghiệp sáng tạo là doanh nghiệp được thành lập để thực hiện ý tưởng từ tài sản trí tuệ.
2. Cơ sở ươm tạo là tổ chức cung cấp hạ tầng và dịch vụ hỗ trợ doanh nghiệp khởi nghiệp.

Chương II
CÁC BIỆN PHÁP HỖ TRỢ

Mục 1
HỖ TRỢ TÀI CHÍNH

Điều 3. Hỗ trợ chi phí thuê mặt bằng
1. Doanh nghiệp được hỗ trợ 50% chi phí thuê mặt bằng trong 3 năm đầu.
2. Mức hỗ trợ tối đa cho mỗi doanh nghiệp như sau:
a) Không quá 100 triệu đồng mỗi năm đối với doanh nghiệp nhỏ;
b) Không quá 200 triệu đồng mỗi năm đối với doanh nghiệp vừa;
c) Không quá 50 triệu đồng mỗi năm đối với hộ kinh doanh;
d) Không quá 20 triệu đồng mỗi năm đối với cá nhân kinh doanh;
đ) Không quá 300 triệu đồng mỗi năm đối với cơ sở ươm tạo.

Mục 2
HỖ TRỢ ĐÀO TẠO

Điều 4. Hỗ trợ đào tạo
Doanh nghiệp được miễn phí tham gia các khóa đào tạo về quản trị doanh nghiệp.

Chương III
ĐIỀU KHOẢN THI HÀNH

Điều 5. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành từ ngày 01 tháng 5 năm 2026.

Điều 6. Trách nhiệm thi hành
1. Bộ Tài chính chủ trì, phối hợp với Bộ Khoa học và Công nghệ hướng dẫn thi hành Nghị định này.
2. Ủy ban nhân dân cấp tỉnh chịu trách nhiệm bố trí kinh phí hỗ trợ.

Nơi nhận:
- Ban Bí thư Trung ương Đảng;
TM. CHÍNH PHỦ
THỦ TƯỚNG
Trần Văn Bình
"""

PARTY_RESOLUTION = """BAN CHẤP HÀNH TRUNG ƯƠNG
BỘ CHÍNH TRỊ
Số 99-NQ/TW
Hà Nội, ngày 15 tháng 1 năm 2026

NGHỊ QUYẾT
CỦA BỘ CHÍNH TRỊ
về phát triển kinh tế biển

Kinh tế biển có vai trò quan trọng đối với sự phát triển của đất nước.

I- QUAN ĐIỂM CHỈ ĐẠO

1. Phát triển kinh tế biển là nhiệm vụ chiến lược của cả hệ thống chính trị.

2. Bảo đảm hài hòa giữa phát triển kinh tế và bảo vệ môi trường biển.

II- MỤC TIÊU

1. Đến năm 2030

- Kinh tế biển đóng góp khoảng 10% GDP cả nước.

- Có ít nhất 5 trung tâm kinh tế biển mạnh tầm khu vực.

2. Tầm nhìn đến năm 2045

Việt Nam trở thành quốc gia biển mạnh, kinh tế biển đóng góp tối thiểu 15% GDP.

III- NHIỆM VỤ, GIẢI PHÁP

1. Hoàn thiện thể chế về phát triển bền vững kinh tế biển

- Rà soát, sửa đổi các luật liên quan đến biển.

IV- TỔ CHỨC THỰC HIỆN

1. Các tỉnh ủy, thành ủy ven biển tổ chức quán triệt Nghị quyết.

2. Ban Tuyên giáo Trung ương chủ trì, phối hợp với Văn phòng Trung ương Đảng hướng dẫn việc tuyên truyền.

3. Ban Kinh tế Trung ương theo dõi, kiểm tra việc thực hiện Nghị quyết.

T/M BỘ CHÍNH TRỊ
TỔNG BÍ THƯ
"""

DECISION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 12/2026/QĐ-UBND
Hải Phòng, ngày 5 tháng 6 năm 2026

QUYẾT ĐỊNH
Ban hành Quy chế phối hợp quản lý cụm công nghiệp trên địa bàn thành phố

ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG
Căn cứ Luật Tổ chức chính quyền địa phương;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý cụm công nghiệp trên địa bàn thành phố.

Điều 2. Quyết định này có hiệu lực thi hành từ ngày 15 tháng 6 năm 2026.

Điều 3. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.

Nơi nhận:
- Như Điều 3;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Cường

ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG

QUY CHẾ
Phối hợp quản lý cụm công nghiệp trên địa bàn thành phố Hải Phòng
(Ban hành kèm theo Quyết định số 12/2026/QĐ-UBND ngày 5 tháng 6 năm 2026 của Ủy ban nhân dân thành phố)

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc phối hợp quản lý cụm công nghiệp.

Điều 2. Giải thích từ ngữ
Trong Quy chế này, các từ ngữ dưới đây được hiểu như sau:
1. Cơ quan đầu mối là Sở Công Thương, cơ quan giúp Ủy ban nhân dân thành phố quản lý cụm công nghiệp.

Chương II
TRÁCH NHIỆM PHỐI HỢP

Điều 3. Trách nhiệm của các cơ quan
1. Sở Công Thương chủ trì, phối hợp với Sở Xây dựng thẩm định quy hoạch cụm công nghiệp trong thời hạn 15 ngày.
2. Giao Công an thành phố kiểm tra công tác phòng cháy tại cụm công nghiệp.
"""

DOCUMENTS = {
    "15-CTr-TU.txt": PROVINCE_PROGRAMME,
    "45-2026-ND-CP.txt": DECREE,
    "99-NQ-TW.txt": PARTY_RESOLUTION,
    "12-2026-QD-UBND.txt": DECISION,
}


def write_corpus(folder: Path) -> dict[str, Path]:
    """Every fixture document as a UTF-8 text file in ``folder``; file name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in DOCUMENTS.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def write_programme_docx(path: Path) -> Path:
    """The province programme as a DOCX: paragraphs, and its task tables as real tables (a row per table row)."""
    document = docx.Document()
    rows: list[list[str]] = []
    for line in PROVINCE_PROGRAMME.splitlines():
        if not line.strip():
            continue
        if "\t" in line and line.split("\t")[0].strip():
            rows.append(line.split("\t"))
            continue
        if "\t" in line:  # a page-break continuation: in a DOCX the cell is whole
            cells = line.split("\t")
            rows[-1] = [f"{a} {b.strip()}" if b.strip() else a for a, b in zip(rows[-1], cells, strict=True)]
            continue
        if rows:
            _add_table(document, rows)
            rows = []
        document.add_paragraph(line)
    if rows:
        _add_table(document, rows)
    document.save(str(path))
    return path


def _add_table(document: docx.document.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text


def shared_text(name: str) -> str:
    """A real document from the shared folder (``../shared/corpus/`` beside the project, or beside the worktree
    folder it is checked out in); the test is skipped where the folder is not there."""
    root = Path(__file__).resolve().parents[2]
    for shared in (root.parent / "shared", root.parent.parent / "shared"):
        path = shared / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.skip(f"../shared/{name} is not on this machine")
