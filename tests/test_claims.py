"""Claims to verify: how they are recognised (the data file's examples), what value they assert, the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from qa.answer import Answer, Citation
from qa.claims import Claim, is_claim, read_claim, verdict

DATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "qa" / "data" / "claims.yaml").read_text("utf-8"))


@pytest.mark.parametrize("question", DATA["examples"]["claims"])
def test_claims_are_recognised(question: str) -> None:
    assert is_claim(question)


@pytest.mark.parametrize("question", DATA["examples"]["not_claims"])
def test_questions_are_not_claims(question: str) -> None:
    assert not is_claim(question)


def test_an_agency_claim_leaves_the_question_about_the_task() -> None:
    claim = read_claim("Có phải nhiệm vụ 12 do Sở Tư pháp chủ trì không?")
    assert claim is not None and claim.kind == "agency" and claim.value == "Sở Tư pháp"
    assert "12" in claim.question and "Tư pháp" not in claim.question


def test_a_deadline_claim_in_english() -> None:
    claim = read_claim("Is it true that task 5 is due in Q3 2026?")
    assert claim is not None and claim.kind == "deadline" and claim.value == "quy iii/2026"
    assert "task 5" in claim.question and "2026" not in claim.question


def test_a_figure_claim_with_a_colloquial_unit() -> None:
    claim = read_claim("chi tieu xuat khau 2030 la 80 ty do dung ko")
    assert claim is not None and claim.kind == "figure" and claim.number == 80 and claim.unit == "tỷ USD"


def _answer(text: str, kind: str, quote: str = "") -> Answer:
    return Answer("q", text, False, [Citation("d", "s", "t", quote or text, 0, len(quote or text))], kind=kind)


def test_verdicts_confirm_or_correct_with_the_printed_value() -> None:
    lead = _answer("Sở Tư pháp — chủ trì nhiệm vụ 12: …", "task_lead")
    assert verdict(Claim("agency", "Sở Tư pháp", None, "", ""), lead) == (True, "Sở Tư pháp")
    assert verdict(Claim("agency", "Sở Nội vụ", None, "", ""), lead) == (False, "Sở Tư pháp")
    due = _answer("Quý II/2026 — thời hạn hoàn thành nhiệm vụ 5: …", "task_deadline")
    assert verdict(Claim("deadline", "quy iii/2026", None, "", ""), due) == (False, "Quý II/2026")
    assert verdict(Claim("deadline", "quy ii nam 2026", None, "", ""), due)[0] is True
    target = _answer("(7) Kim ngạch xuất khẩu phấn đấu đến năm 2030 đạt 75 tỷ USD trở lên.", "target")
    assert verdict(Claim("figure", "80", 80.0, "tỷ USD", ""), target) == (False, "75 tỷ USD")
    assert verdict(Claim("figure", "75", 75.0, "tỷ USD", ""), target)[0] is True


def test_no_verdict_without_a_value_of_the_claimed_kind() -> None:
    assert verdict(Claim("deadline", "quy iii/2026", None, "", ""), _answer("Sở Tư pháp — …", "task_lead")) is None
    assert verdict(Claim("figure", "80", 80.0, "tỷ USD", ""), _answer("Không có số liệu.", "topic")) is None
