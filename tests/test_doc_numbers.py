"""Document numbers: loose keys, numbers in file names, the ways users name a document, the kinds data file."""

from __future__ import annotations

import pytest

from ingest.datafiles import read_tsv
from ingest.doc_numbers import (
    KIND_TABLE,
    fold,
    kind_of_number,
    name_mentions,
    number_from_filename,
    number_key,
)


@pytest.mark.parametrize(("stem", "number"), [
    ("198-2025-QH15", "198/2025/QH15"),
    ("57-NQ-TW", "57-NQ/TW"),
    ("211-2025-QD-UBND", "211/2025/QĐ-UBND"),
    ("20-CTr-TU_2026-04-24", "20-CTr/TU"),
    ("15_2025_nq_hdnd", "15/2025/NQ-HĐND"),
    ("nghi-quyet-68-NQ-TW", "68-NQ/TW"),
    ("1234-QD-TTg", "1234/QĐ-TTg"),
    ("12-2025-QD-SKHCN", "12/2025/QĐ-SKHCN"),
    ("0-aaa", ""),
    ("2024-report", ""),
    ("nghi-quyet", ""),
    ("ghi chú 2025", ""),
])
def test_number_from_filename(stem: str, number: str) -> None:
    assert number_from_filename(stem) == number


@pytest.mark.parametrize("row", read_tsv("issuer_codes.tsv"), ids=lambda r: r["code"])
def test_every_issuer_code_reads_back_from_a_file_name(row: dict[str, str]) -> None:
    code = row["code"]
    if row["party"] == "yes":
        assert number_from_filename(f"12-NQ-{fold(code)}") == f"12-NQ/{code}"
    else:
        assert number_from_filename(f"12-2025-QD-{fold(code)}") == f"12/2025/QĐ-{code}"


def test_loose_keys() -> None:
    assert number_key("57-NQ/TW") == number_key("57/nq-tw") == number_key("057-NQ/TW") == "57NQTW"
    assert number_key("211/2025/QĐ-UBND") == number_key("211-2025-QD-UBND")
    assert number_key("57-NQ/TW") != number_key("57-KL/TW")


@pytest.mark.parametrize("kind", KIND_TABLE, ids=lambda k: k.name)
def test_every_kind_is_named_by_its_vietnamese_english_and_code_names(kind) -> None:
    for name in (kind.name, kind.name.upper(), kind.english, kind.code, *kind.aliases):
        if name:
            mentions = name_mentions(f"điều 3 của {name} số 12 nói gì")
            assert [(m.family, m.number) for m in mentions] == [(kind.english, 12)], name
    if kind.code:
        assert kind_of_number(f"12/2025/{kind.code}-UBND").english == kind.english


@pytest.mark.parametrize(("text", "expected"), [
    ("57-NQ/TW", [("57NQTW", "", None)]),
    ("NQ 57", [("", "resolution", 57)]),
    ("nq57", [("", "resolution", 57)]),
    ("Nghị quyết số 57", [("", "resolution", 57)]),
    ("resolution No. 57", [("", "resolution", 57)]),
    ("Nghị quyết số 57-NQ/TW về khoa học", [("57NQTW", "", None)]),
    ("nghị quyết 198/2025/QH15", [("1982025QH15", "", None)]),
    ("Quyết định 211 và Kế hoạch 37", [("", "decision", 211), ("", "plan", 37)]),
    ("nhiệm vụ 22 quý II/2026", []),
    ("Res 57 goals", [("", "resolution", 57)]),
    ("resolution 198/2025 on land", [("", "resolution", 198)]),
])
def test_name_mentions(text: str, expected: list) -> None:
    assert [(m.key, m.family, m.number) for m in name_mentions(text)] == expected


@pytest.mark.parametrize(("text", "number", "named"), [
    ("resolution 198/2025", "198/2025/QH15", True),
    ("resolution 198/2024", "198/2025/QH15", False),  # the year written must be the number's
    ("Res 57", "57-NQ/TW", True),
])
def test_a_number_written_with_its_year_names_that_years_document(text: str, number: str, named: bool) -> None:
    assert any(m.names(number, "Nghị quyết") for m in name_mentions(text)) is named
