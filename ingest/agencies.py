"""The city's agencies and bodies: canonical Vietnamese names with a reviewed English gloss.

Used to split multi-agency cells of the task table and to gloss answers in English.
"""

from __future__ import annotations

import re
import unicodedata

# (canonical Vietnamese name, English gloss). Short Sở names are matched after "các Sở:" and after a first "Sở X, …".
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Sở Nội vụ", "Department of Home Affairs"),
    ("Sở Tư pháp", "Department of Justice"),
    ("Sở Tài chính", "Department of Finance"),
    ("Sở Công Thương", "Department of Industry and Trade"),
    ("Sở Xây dựng", "Department of Construction"),
    ("Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
    ("Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    ("Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    ("Sở Y tế", "Department of Health"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"),
    ("Sở Ngoại vụ", "Department of Foreign Affairs"),
    ("Sở Dân tộc và Tôn giáo", "Department of Ethnic and Religious Affairs"),
    ("Ban Quản lý Khu kinh tế", "Economic Zone Management Board"),
    ("Công an thành phố", "City Police"),
    ("Ủy ban kiểm tra Thành ủy", "Inspection Committee of the City Party Committee"),
    ("Ban Thường vụ Thành ủy", "Standing Committee of the City Party Committee"),
    ("Ủy ban nhân dân thành phố", "City People's Committee"),
    ("Hội đồng nhân dân thành phố", "City People's Council"),
    ("Ban Tuyên giáo và Dân vận Thành ủy", "Propaganda and Mass Mobilisation Commission of the City Party Committee"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "Vietnam Fatherland Front Committee"),
    ("Văn phòng Thành ủy", "Office of the City Party Committee"),
    ("Bộ Chính trị", "Politburo"),
    ("Ban Bí thư", "Secretariat of the Party Central Committee"),
    ("Ban Chấp hành Trung ương Đảng", "Party Central Committee"),
    ("Quốc hội", "National Assembly"),
    ("Bộ Quốc phòng", "Ministry of National Defence"),
    ("Bộ Tài chính", "Ministry of Finance"),
)
GENERIC_EN = "the relevant departments, agencies and localities"

_TONE_FIXES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy",
               "uỹ": "ũy", "uỵ": "ụy", "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe"}
# An open syllable, not after "q": "hoà" → "hòa"; "hoạch", "hoàng" and "quý" stay as they are.
_TONE_RE = re.compile(f"(?<![qQ])(?:{'|'.join(_TONE_FIXES)})(?!\\w)")


def canonical_text(text: str) -> str:
    """NFC, one tone-mark convention (hoá → hóa), collapsed spaces: for comparing names, never for storing text."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], text)
    text = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], text.replace("Oà", "Òa"))
    return re.sub(r"\s+", " ", text).strip()


def _key(name: str) -> str:
    return canonical_text(name).casefold()


_BY_KEY = {_key(vi): vi for vi, _ in GLOSSARY}
_SHORT_SO = {_key(vi[len("Sở "):]): vi for vi, _ in GLOSSARY if vi.startswith("Sở ")}
_GLOSS = {vi: en for vi, en in GLOSSARY}


def english_gloss(name: str) -> str:
    """The reviewed English name of an agency, or "" when it is not in the glossary."""
    if name.startswith("các sở"):
        return GENERIC_EN
    return _GLOSS.get(canonical_name(name), "")


def canonical_name(name: str) -> str:
    """The glossary's spelling of a name when known ("Sở Văn hoá, …" → "Sở Văn hóa, …"), else the name tidied."""
    tidy = canonical_text(name).rstrip(" .,;")
    return _BY_KEY.get(tidy.casefold(), tidy)


def short_so_name(piece: str) -> str | None:
    """"Khoa học và Công nghệ" → "Sở Khoa học và Công nghệ" when it names a known Sở."""
    return _SHORT_SO.get(_key(piece.strip(" .,;")))


def known_names() -> list[str]:
    """Every canonical Vietnamese name in the glossary."""
    return [vi for vi, _ in GLOSSARY]
