"""Small official documents of other kinds and places, written for the tests (not copies of real documents)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the project (a git worktree one level deeper finds it beside its parent); $PLANQA_SHARED wins.
SHARED_CANDIDATES = [Path(p) for p in (os.environ.get("PLANQA_SHARED"),) if p] + [ROOT.parent / "shared",
                                                                                     ROOT.parent.parent / "shared"]

DECISION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 12/2025/QĐ-UBND
Hải Phòng, ngày 15 tháng 3 năm 2025

QUYẾT ĐỊNH

Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn thành phố Hải Phòng

ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 2 năm 2025;

Căn cứ Nghị định số 32/2024/NĐ-CP ngày 15 tháng 3 năm 2024 của Chính phủ về quản lý, phát triển cụm công nghiệp;

Theo đề nghị của Giám đốc Sở Công Thương.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp trên địa bàn thành phố Hải Phòng.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 25 tháng 3 năm 2025 và thay thế Quyết định số 05/2020/QĐ-UBND.

Điều 3. Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết định này.

Nơi nhận:
- Như Điều 3;
- Bộ Công Thương;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

(Đã ký)

Nguyễn Văn Tùng

QUY CHẾ
Quản lý cụm công nghiệp trên địa bàn thành phố Hải Phòng
(Ban hành kèm theo Quyết định số 12/2025/QĐ-UBND ngày 15 tháng 3 năm 2025 của Ủy ban nhân dân thành phố Hải Phòng)

Điều 1. Phạm vi điều chỉnh

Quy chế này quy định việc quản lý cụm công nghiệp.

Điều 2. Hiệu lực

Quy chế này có hiệu lực kể từ ngày Quyết định ban hành Quy chế có hiệu lực.
"""

DECREE = """CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 45/2025/NĐ-CP\tHà Nội, ngày 28 tháng 2 năm 2025

NGHỊ ĐỊNH

Quy định chi tiết một số điều của Luật Thủ đô

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 2 năm 2025;

Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Thủ đô.

Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định chi tiết Điều 15 của Luật Thủ đô.

Điều 2. Hiệu lực thi hành

Nghị định này có hiệu lực thi hành từ ngày 15 tháng 4 năm 2025.

TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG

Trần Hồng Hà
"""

PROVINCE_PLAN = """TỈNH ỦY QUẢNG NINH
*
Số 125-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Ninh, ngày 10 tháng 01 năm 2025

KẾ HOẠCH
thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ,
đổi mới sáng tạo và chuyển đổi số quốc gia

Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch
thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Quán triệt sâu sắc nội dung Nghị quyết.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Vũ Đại Thắng
"""

PARTY_RESOLUTION = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 68-NQ/TW

ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 04 tháng 5 năm 2025

NGHỊ QUYẾT
CỦA BỘ CHÍNH TRỊ
về phát triển kinh tế tư nhân

I- TÌNH HÌNH VÀ NGUYÊN NHÂN

1. Kinh tế tư nhân ngày càng khẳng định vai trò.

T/M BỘ CHÍNH TRỊ
TỔNG BÍ THƯ

Tô Lâm
"""

LAW = """QUỐC HỘI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Luật số: 64/2025/QH15

LUẬT

BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;

Quốc hội ban hành Luật Ban hành văn bản quy phạm pháp luật.

Chương I

NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Luật này quy định về việc xây dựng, ban hành văn bản quy phạm pháp luật.

Điều 2. Hiệu lực thi hành

Luật này có hiệu lực thi hành từ ngày 01 tháng 4 năm 2025.

Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp bất thường lần thứ 9 \
thông qua ngày 19 tháng 02 năm 2025.

CHỦ TỊCH QUỐC HỘI

Trần Thanh Mẫn
"""


def shared(name: str) -> Path:
    """A real document from ``../shared/corpus`` (read there, never copied into the project)."""
    for base in SHARED_CANDIDATES:
        if (base / "corpus" / name).is_file():
            return base / "corpus" / name
    pytest.skip(f"../shared/corpus/{name} is not on this machine (set PLANQA_SHARED)")


def copy_programme_and_resolutions(root: Path) -> None:
    """Copy the programme and the two real resolutions of ``../shared/corpus`` into ``root`` (a test's folder)."""
    shutil.copy(ROOT / "corpus" / "20-CTr-TU_2026-04-24.txt", root / "20-CTr-TU_2026-04-24.txt")
    for name in ("57-NQ-TW.txt", "198-2025-QH15.txt"):
        shutil.copy(shared(name), root / name)
