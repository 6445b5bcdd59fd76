"""Sidecar files: checked fields with errors that name them, filling what the text lacks, overriding on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.corpus import corpus_fingerprint, load_corpus
from ingest.model import MetadataOrigin
from ingest.parse import parse_document
from ingest.sidecar import SidecarError, parse_sidecar, read_sidecar, sidecar_from_pairs, sidecar_path
from tests.legalfixtures import DECREE

NOTE = "Ghi chú về việc thử nghiệm.\n\nĐiều 1. Nội dung\n\nNội dung thử nghiệm.\n"


@pytest.mark.parametrize(("data", "message"), [
    ({"numbr": "1/QĐ-UBND"}, "unknown field 'numbr'"),
    ({"date": "2025-13-01"}, "field 'date': '2025-13-01' is not a date"),
    ({"effective_date": "mai"}, "field 'effective_date': 'mai' is not a date"),
    ({"number": "số 12"}, "field 'number': 'số 12' is not a document number"),
    ({"kind": "bài báo"}, "field 'kind': 'bài báo' is not a known kind of document"),
    ({"issuer": 12}, "field 'issuer': must be a non-empty string"),
    ({"recipients": "Sở Tư pháp"}, "field 'recipients': must be a list of non-empty strings"),
    ({"issuer": "Quốc hội", "override": ["number"]}, "field 'override': 'number' is not a field this sidecar sets"),
    (["number"], "must be a JSON object"),
])
def test_bad_fields_are_named(data: object, message: str) -> None:
    with pytest.raises(SidecarError, match=message):
        parse_sidecar(data)  # type: ignore[arg-type]


def test_bad_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "x.txt.meta.json"
    path.write_text('{"number": "1/QĐ-UBND",}', encoding="utf-8")
    with pytest.raises(SidecarError, match="not valid JSON: .* line 1, column 24"):
        read_sidecar(path)


def test_sidecar_fills_what_the_text_lacks() -> None:
    sidecar = parse_sidecar({"number": "7/2025/QĐ-UBND", "kind": "decision", "date": "17/5/2025",
                             "issuer": "Ủy ban nhân dân thành phố Hải Phòng"})
    doc = parse_document(NOTE, "corpus/ghi-chu.txt", "x", sidecar)
    m = doc.metadata
    assert doc.id == "7/2025/QĐ-UBND"
    assert (m.kind, m.date, m.date_text, m.issuer) == ("Quyết định", "2025-05-17", "17/5/2025",
                                                       "Ủy ban nhân dân thành phố Hải Phòng")
    assert m.origin("number") is MetadataOrigin.SIDECAR and m.span("number") is None


def test_text_wins_unless_the_sidecar_overrides() -> None:
    kept = parse_document(DECREE, "corpus/nd.txt", "x", parse_sidecar({"number": "99/2025/NĐ-CP"}))
    assert kept.id == "45/2025/NĐ-CP" and kept.metadata.origin("number") is MetadataOrigin.HEADER
    overridden = parse_document(DECREE, "corpus/nd.txt", "x",
                                parse_sidecar({"number": "99/2025/NĐ-CP", "override": ["number"]}))
    assert overridden.id == "99/2025/NĐ-CP" and overridden.metadata.span("number") is None


def test_key_value_pairs_round_trip_through_json() -> None:
    sidecar = sidecar_from_pairs(["number=198/2025/QH15", "recipients=Sở Tư pháp; Sở Nội vụ", "override=number"])
    assert dict(sidecar.values)["recipients"] == ("Sở Tư pháp", "Sở Nội vụ")
    assert parse_sidecar(json.loads(sidecar.to_json())) == sidecar
    with pytest.raises(SidecarError, match="'issuer' is not KEY=VALUE"):
        sidecar_from_pairs(["issuer"])


def test_corpus_reads_sidecars_and_reports_bad_and_orphan_ones(tmp_path: Path) -> None:
    (tmp_path / "ghi-chu.txt").write_text(NOTE, encoding="utf-8")
    sidecar_path(tmp_path / "ghi-chu.txt").write_text('{"number": "3/KH-UBND"}', encoding="utf-8")
    (tmp_path / "hong.txt").write_text(NOTE, encoding="utf-8")
    sidecar_path(tmp_path / "hong.txt").write_text('{"date": "32/1/2025"}', encoding="utf-8")
    (tmp_path / "mo-coi.docx.meta.json").write_text("{}", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["3/KH-UBND"]
    assert corpus.documents[0].metadata.kind == "Kế hoạch"
    assert {Path(e.path).name: e.reason for e in corpus.errors} == {
        "hong.txt": "sidecar hong.txt.meta.json: field 'date': '32/1/2025' is not a date "
                    "(write it as 2025-05-17, 17/5/2025 or 17 tháng 5 năm 2025)",
        "mo-coi.docx.meta.json": "sidecar without its document mo-coi.docx"}


def test_fingerprint_changes_with_a_sidecar(tmp_path: Path) -> None:
    (tmp_path / "ghi-chu.txt").write_text(NOTE, encoding="utf-8")
    before = corpus_fingerprint(tmp_path)
    sidecar_path(tmp_path / "ghi-chu.txt").write_text('{"number": "3/KH-UBND"}', encoding="utf-8")
    after = corpus_fingerprint(tmp_path)
    assert sorted(after) == ["ghi-chu.txt", "ghi-chu.txt.meta.json"] and after["ghi-chu.txt"] == before["ghi-chu.txt"]
