"""Claims to verify: how they are recognised (the data file's examples), what value they assert, the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from qa.answer import Answer, Citation
from qa.claims import ValueKind, is_claim, read_claim, stated_share, verdict

DATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "qa" / "data" / "claims.yaml").read_text("utf-8"))


@pytest.mark.parametrize("question", DATA["examples"]["claims"])
def test_claims_are_recognised(question: str) -> None:
    assert is_claim(question)


@pytest.mark.parametrize("question", DATA["examples"]["not_claims"])
def test_questions_are_not_claims(question: str) -> None:
    assert not is_claim(question)


def _kinds(claim) -> list[tuple[str, str]]:
    return [(v.kind.value, v.text) for v in claim.values]


def test_an_agency_claim_is_about_the_task_without_the_agency() -> None:
    claim = read_claim("Có phải nhiệm vụ 12 do Sở Tư pháp chủ trì không?")
    assert claim is not None and _kinds(claim) == [("agency", "Sở Tư pháp")] and claim.framed
    assert "12" in claim.about and "Tư pháp" not in claim.about and "Tư pháp" in claim.question


def test_a_deadline_claim_in_english() -> None:
    claim = read_claim("Is it true that task 5 is due in Q3 2026?", "en")
    assert claim is not None and _kinds(claim) == [("period", "Quý III/2026")]
    assert claim.question == "task 5 is due in Q3 2026"


def test_figures_as_users_type_them() -> None:
    claim = read_claim("chi tieu xuat khau 2030 la 80 ty do dung ko")
    assert claim is not None and ("figure", "80 tỷ USD") in _kinds(claim)
    assert ("figure", "19 người") in _kinds(read_claim("bac si tren van dan den 2030 la 19 nguoi dung k"))
    english = read_claim("GRDP per capita of about 12,500 USD in 2030, right?", "en")
    assert [v.number for v in english.values if v.kind.value == "figure"] == [12500.0]
    visitors = read_claim("the city wants 25 million visitors by 2030, correct?", "en")
    assert ("figure", "25 triệu lượt") in _kinds(visitors)
    assert ("figure", "25 triệu") in _kinds(read_claim("the city wants 25 million foreign guests, right?", "en"))


def test_numbers_that_name_things_are_not_claimed_figures() -> None:
    claim = read_claim("nhiệm vụ 41 và điều 12 hạn quý II/2026 đúng không?")
    assert _kinds(claim) == [("period", "Quý II/2026")]
    assert _kinds(read_claim("NQ 57 đặt mục tiêu 2% GDP cho nghiên cứu, đúng không?")) == [("figure", "2% GDP")]
    assert _kinds(read_claim("Is it true that Resolution 198/2025/QH15 caps bid packages at 20 billion VND?",
                             "en")) == [("figure", "20 tỷ")]


def test_a_yes_no_question_is_a_claim_only_when_it_asserts_a_value() -> None:
    assert is_claim("Is the human development index target for 2026-2030 set at 0.8?", "en")
    assert not is_claim("Is there a target for forest cover?", "en")
    assert not read_claim("Is the HDI target 0.8?", "en").framed


def _answer(text: str, kind: str, quote: str = "") -> Answer:
    return Answer("q", text, False, [Citation("d", "s", "t", quote or text, 0, len(quote or text))], kind=kind)


def test_verdicts_confirm_or_correct_with_the_printed_value() -> None:
    lead = _answer("Sở Tư pháp — chủ trì nhiệm vụ 12: …", "task_lead")
    assert verdict(read_claim("Có phải nhiệm vụ 12 do Sở Tư pháp chủ trì không?"), lead) == (True, "Sở Tư pháp")
    assert verdict(read_claim("Có phải nhiệm vụ 12 do Sở Nội vụ chủ trì không?"), lead) == (False, "Sở Tư pháp")
    due = _answer("Quý II/2026 — thời hạn hoàn thành nhiệm vụ 5: …", "task_deadline")
    assert verdict(read_claim("nhiệm vụ 5 hạn quý III/2026 đúng không?"), due) == (False, "Quý II/2026")
    assert verdict(read_claim("nhiệm vụ 5 hạn quý II năm 2026 đúng không?"), due)[0] is True
    target = _answer("(7) Kim ngạch xuất khẩu phấn đấu đến năm 2030 đạt 75 tỷ USD trở lên.", "target")
    assert verdict(read_claim("xuất khẩu năm 2030 đạt 80 tỷ USD phải không?"), target) == (False, "75 tỷ USD")
    assert verdict(read_claim("xuất khẩu năm 2030 đạt 75 tỷ USD phải không?"), target)[0] is True


def test_a_claimed_frequency_is_compared_with_the_printed_one() -> None:
    said = _answer("Văn phòng Trung ương Đảng theo dõi, định kỳ 6 tháng báo cáo Bộ Chính trị.", "body")
    assert verdict(read_claim("Có đúng là Văn phòng TW Đảng báo cáo hằng quý không?"), said) == (False,
                                                                                             "định kỳ 6 tháng")
    assert verdict(read_claim("Is it true the office reports every six months?", "en"), said)[0] is True
    assert verdict(read_claim("Văn phòng TW Đảng báo cáo theo quý, đúng không?"), said) == (False, "định kỳ 6 tháng")
    assert verdict(read_claim("bao cao hang quy dung ko"), _answer("Văn phòng theo dõi, báo cáo.", "body")) is None


def test_claimed_values_are_looked_for_in_the_paragraph_the_words_stand_in() -> None:
    clause = "Văn phòng Trung ương Đảng theo dõi, đánh giá kết quả thực hiện Nghị quyết;"
    paragraph = f"{clause} định kỳ 6 tháng báo cáo kết quả với Bộ Chính trị."
    said, around = _answer(clause, "body"), _answer(clause, "body", paragraph)
    claim = read_claim("Văn phòng TW Đảng báo cáo kết quả thực hiện theo quý, đúng không?")
    assert verdict(claim, said) is None and verdict(claim, said, around) == (False, "định kỳ 6 tháng")


def test_a_bare_claimed_number_is_compared_with_the_bare_numbers_of_the_answer() -> None:
    """"top 50" against "nhóm 30 nước": find_figures leaves small bare numbers out, the claim check does not."""
    said = _answer("Đến năm 2045, Việt Nam thuộc nhóm 30 nước dẫn đầu thế giới về đổi mới sáng tạo.", "target")
    assert verdict(read_claim("Is it true Vietnam aims for the top 50 by 2045?", "en"), said) == (False, "30 nước")
    assert verdict(read_claim("Is it true Vietnam aims for the top 30 by 2045?", "en"), said)[0] is True


def test_a_claimed_figure_printed_for_something_else_is_corrected_by_the_figure_of_what_is_claimed() -> None:
    """Two figures in one target: the claim is checked against the one whose clause states what it is about."""
    said = _answer("(13) Đến năm 2030, có khoảng 87.000 doanh nghiệp đang hoạt động trên địa bàn; số doanh nghiệp "
                   "thành lập mới hằng năm khoảng 9.200 doanh nghiệp.", "target")
    assert verdict(read_claim("is it true HP wants 87,000 new businesses set up every year?", "en"), said) == (
        False, "9.200 doanh nghiệp")
    assert verdict(read_claim("có phải mỗi năm thành lập mới 87.000 doanh nghiệp không?"), said) == (
        False, "9.200 doanh nghiệp")
    assert verdict(read_claim("Có đúng là có khoảng 87.000 doanh nghiệp đang hoạt động không?"), said)[0] is True
    assert verdict(read_claim("is it true there will be 87,000 businesses by 2030?", "en"), said)[0] is True
    assert verdict(read_claim("có đúng mỗi năm thành lập mới 9.200 doanh nghiệp không?"), said)[0] is True
    crimes = _answer("(32) Tỷ lệ điều tra khám phá các loại tội phạm đạt tỷ lệ trên 80%, các loại tội phạm rất nghiêm "
                     "trọng và đặc biệt nghiêm trọng đạt trên 95%.", "target")
    assert verdict(read_claim("án rất nghiêm trọng, đặc biệt nghiêm trọng phải trên 80%, đúng chứ?"), crimes) == (
        False, "95%")
    assert verdict(read_claim("án rất nghiêm trọng, đặc biệt nghiêm trọng phải trên 95%, đúng chứ?"), crimes)[0]


def test_a_claimed_figure_is_kept_where_its_clause_states_what_is_claimed() -> None:
    """The head a sentence opens with is what each of its figures is of; two claimed figures are each claimed."""
    saving = _answer("54 Triệt để tiết kiệm chi thường xuyên, đặc biệt là chi hội nghị, hội thảo, đi công tác trong và "
                     "ngoài nước để tiết kiệm 10% và phấn đấu tiết kiệm thêm trên 5% chi thường xuyên", "task_record")
    assert verdict(read_claim("is it true they have to save 10% of recurrent spending?", "en"), saving)[0] is True
    tax = _answer("Miễn thuế thu nhập cá nhân trong thời hạn 02 năm và giảm 50% số thuế phải nộp trong 04 năm tiếp "
                  "theo đối với thu nhập từ tiền lương", "body_figure")
    assert verdict(read_claim("is it true experts get 2 years income tax exemption", "en"), tax)[0] is True
    growth = _answer("(1) Tăng trưởng GRDP giai đoạn 2026 - 2030 đạt bình quân 13%/năm trở lên, phấn đấu đạt 14%/năm;",
                     "target")
    assert verdict(read_claim("Có phải GRDP bình quân từ 13%/năm trở lên, phấn đấu 14% không?"), growth)[0] is True


def test_no_verdict_when_the_evidence_states_no_value_of_the_claimed_kind() -> None:
    assert verdict(read_claim("xuất khẩu năm 2030 đạt 80 tỷ USD phải không?"), _answer("Sở Tư pháp — …", "topic")) \
        is None
    assert verdict(read_claim("Có phải nhiệm vụ 12 do Sở Nội vụ chủ trì không?"), _answer("Không có.", "topic")) is None


@pytest.mark.parametrize(("claim", "expected"), [
    ("Có đúng là 60 trên 67 xã đạt nông thôn mới nâng cao không?", (False, "55/67")),
    ("dung la 55/67 xa dat nong thon moi nang cao ko", (True, "55/67")),
    ("Is it true that 60 out of 67 communes reach the advanced standard?", (False, "55/67")),
    ("Có đúng là 55/67 xã đạt chuẩn nông thôn mới kiểu mẫu không?", (False, "34/67")),  # the other share's words
])
def test_a_share_of_a_whole_is_checked_against_the_share_printed_for_what_it_claims(claim: str,
                                                                                     expected: tuple) -> None:
    said = _answer("(22) Phấn đấu đến năm 2030: 80% số xã (tương ứng 55/67 xã) đạt chuẩn nông thôn mới nâng cao; 50% số"
                   " xã (tương ứng 34/67 xã) đạt chuẩn nông thôn mới kiểu mẫu.", "target")
    assert verdict(read_claim(claim, "en" if claim.startswith("Is") else "vi"), said) == expected


def test_a_year_that_only_dates_the_claim_confirms_nothing() -> None:
    said = _answer("Phấn đấu đến năm 2030 đi đầu cả nước về y học biển.", "topic")
    assert verdict(read_claim("Hải Phòng đến năm 2030 đi đầu về y học cổ truyền, có phải không?"), said) is None


def test_a_claim_of_no_value_is_confirmed_only_when_the_evidence_states_what_it_asserts() -> None:
    said = _answer("Nghiêm cấm cơ quan truyền thông, báo chí đưa thông tin sai lệch, ảnh hưởng đến doanh nghiệp.",
                   "topic")
    assert verdict(read_claim("NQ 198 nghiêm cấm báo chí đưa thông tin sai lệch về doanh nghiệp, đúng không?"),
                   said) == (True, "")
    assert verdict(read_claim("NQ 198 khuyến khích báo chí đưa tin về doanh nghiệp, đúng không?"), said) is None
    # a lone syllable the evidence paraphrases ("cấm" claimed, "không được" printed) leaves the claim stated; a word
    # of two syllables it lacks ("dẫn đầu" claimed, "trên trung bình" printed) does not
    retro = _answer("Không được áp dụng hồi tố quy định pháp luật để xử lý bất lợi cho doanh nghiệp, hộ kinh doanh.",
                    "topic")
    assert verdict(read_claim("co phai nq 198 cam ap dung hoi to de xu ly bat loi cho doanh nghiep khong"),
                   retro) == (True, "")
    level = _answer("Năng lực công nghệ, đổi mới sáng tạo của doanh nghiệp đạt mức trên trung bình của thế giới.",
                    "topic")
    assert verdict(read_claim("Có phải NQ 57 muốn năng lực công nghệ, đổi mới sáng tạo của doanh nghiệp đạt mức dẫn "
                              "đầu thế giới?"), level) is None
    assert verdict(read_claim("Is it true that resolution 198 bans false reporting on businesses?", "en"),
                   said) is None


def test_a_year_dates_a_claim_whose_words_the_evidence_states() -> None:
    said = _answer("Phủ sóng 5G toàn quốc đến năm 2030.", "target")
    claim = read_claim("Có đúng là đến năm 2030 phủ sóng 5G toàn quốc không?")
    assert _kinds(claim) == [("period", "Đến năm 2030")]  # "5G" names a network, it claims no figure 5
    assert verdict(claim, said) is not None and verdict(claim, said)[0] is True


def test_a_figure_claimed_in_words_is_compared_with_the_printed_one() -> None:
    said = _answer("Miễn thuế thu nhập doanh nghiệp cho doanh nghiệp nhỏ và vừa trong 03 năm.", "figure")
    claim = read_claim("Is it true that resolution 198 exempts SMEs from corporate income tax for five years?", "en")
    assert _kinds(claim) == [("figure", "five")]
    assert verdict(claim, said) == (False, "03 năm")
    hyphenated = read_claim("Is it true small and medium firms get a five-year corporate income tax exemption?", "en")
    assert _kinds(hyphenated) == [("figure", "five")] and verdict(hyphenated, said) == (False, "03 năm")


def test_a_list_of_the_claimed_agencys_tasks_does_not_confirm_it() -> None:
    said = _answer("Sở Tài chính chủ trì 6 nhiệm vụ: 8, 15, 19, 20, 55, 56", "agency_tasks")
    claim = read_claim("Is it true the free trade zone tasks are led by the Department of Finance?", "en")
    assert verdict(claim, said) is None


def test_a_claimed_day_is_compared_with_the_printed_date() -> None:
    claim = read_claim("nghe noi bo thue khoan ho kinh doanh tu 1/1/2027 dung ko")
    assert _kinds(claim) == [("period", "1/1/2027")]
    printed = _answer("Hộ kinh doanh không áp dụng phương pháp khoán thuế từ ngày 01 tháng 01 năm 2026.", "topic")
    assert verdict(claim, printed) == (False, "1/1/2026")
    signed = read_claim("Is it true that resolution 57 was signed on 22 December 2023?", "en")
    assert _kinds(signed) == [("period", "22/12/2023")]


def test_a_claimed_value_is_also_asked_for() -> None:
    from qa.claims import asked_as

    claim = read_claim("NQ 198 miễn thuế TNDN cho DN nhỏ và vừa 5 năm đầu phải không?")
    assert asked_as(claim, "vi", names_task=False)[-1] == "NQ 198 miễn thuế TNDN cho DN nhỏ và vừa bao nhiêu năm đầu"
    dated = read_claim("Is it true that the fee is abolished from 1/1/2026?", "en")
    assert asked_as(dated, "en", names_task=False)[-1] == "the fee is abolished from when"


def test_a_claimed_day_the_evidence_prints_confirms_the_claim() -> None:
    claim = read_claim("lệ phí môn bài bỏ từ 1/1/2026 đúng ko")
    printed = _answer("Chấm dứt việc thu, nộp lệ phí môn bài từ ngày 01 tháng 01 năm 2026.", "topic")
    assert verdict(claim, printed) == (True, "1/1/2026")
    year = read_claim("lệ phí môn bài bỏ trong năm 2026 đúng ko")  # a year only dates it: the words must be there
    assert verdict(year, printed) is None


def test_the_frame_that_closes_a_bare_claim_is_the_one_taken_away() -> None:
    """Typed without diacritics, "sở xây dựng chủ trì" holds "dung chu", which reads as "đúng chứ": the frame is the
    one that closes the question, so the agency the claim asserts stays in it."""
    claim = read_claim("de an khoi phuc nganh dong tau do so xay dung chu tri dung ko?")
    assert _kinds(claim) == [("agency", "Sở Xây dựng")]


def test_a_share_of_something_is_compared_as_a_share() -> None:
    """"60% xã" prints a share of the communes: a claimed 60% agrees with it, a claimed 70% does not."""
    printed = _answer("phấn đấu đến năm 2030 có 60% xã, phường không có ma túy.", "topic")
    right = read_claim("I read they want 60% of communes and wards drug-free by 2030. True?", "en")
    wrong = read_claim("I read they want 70% of communes and wards drug-free by 2030. True?", "en")
    assert verdict(right, printed)[0] is True
    assert verdict(wrong, printed) == (False, "60% xã")


def test_a_statement_with_a_question_mark_asserting_a_value_is_a_claim() -> None:
    assert _kinds(read_claim("They're targeting 35 km of expressway completed by 2030?", "en")) == [
        ("period", "Đến năm 2030"), ("figure", "35 km")]
    assert read_claim("Hospital beds per 10,000 people by 2030?", "en") is None  # no verb: a question, not a claim


@pytest.mark.parametrize("example", DATA["reporting_examples"])
def test_a_claim_of_no_value_is_confirmed_on_its_words_beside_those_reporting_what_a_document_does(example) -> None:
    said = _answer(example["evidence"], "body")
    claim = read_claim(example["claim"])
    assert claim is not None and verdict(claim, said) == (True, "")
    assert verdict(read_claim("Có đúng là NQ 57 đặt mục tiêu phủ sóng 6G toàn quốc không?"), said) is None


def test_the_share_of_a_claims_words_its_evidence_states() -> None:
    """What a figure below the answer threshold confirms a claim with must speak of what the claim is about."""
    claim = read_claim("Có phải Chính phủ phải cắt giảm tối thiểu 30% điều kiện kinh doanh không?")
    projects = _answer("giảm số lượng dự án tối thiểu 30% so với giai đoạn 2021 - 2025", "topic")
    conditions = _answer("cắt giảm ít nhất 30% điều kiện kinh doanh; Chính phủ chỉ đạo", "body")
    assert stated_share(claim, projects) < 0.5 <= stated_share(claim, conditions)
    assert stated_share(read_claim("is it true 30% of business conditions must be cut?", "en"), projects) is None


@pytest.mark.parametrize("example", DATA["post_examples"])
def test_a_claimed_post_is_checked_against_the_post_the_evidence_names(example) -> None:
    claim = read_claim(example["claim"], "en" if example["claim"].startswith("Is") else "vi")
    assert verdict(claim, _answer(example["evidence"], "metadata")) == tuple(example["verdict"])



def test_an_english_claim_of_no_value_is_confirmed_term_by_term() -> None:
    said = _answer("Đẩy nhanh xây dựng Nhà ga hành khách T2, Nhà ga hàng hóa và mở rộng sân đỗ máy bay tại Cảng hàng "
                   "không quốc tế Cát Bi;", "topic")
    assert verdict(read_claim("True or false: there will be a T2 passenger terminal at Cát Bi airport.", "en"),
                   said) == (True, "")
    assert verdict(read_claim("Is it true the programme calls for closing Cát Bi airport?", "en"), said) is None
    assert verdict(read_claim("Is it true the programme calls for a T3 passenger terminal at Cát Bi airport?", "en"),
                   said) is None  # a name the evidence does not print


def test_the_hai_of_hai_phong_is_not_the_number_two() -> None:
    claim = read_claim("Is it true Hai Phong's LNG power plant has to be in use before 2030?", "en")
    assert _kinds(claim) == [("period", "Trước năm 2030")]


@pytest.mark.parametrize(("text", "persons"), [
    ("văn bản do đồng chí Lê Ngọc Châu ký", ["Lê Ngọc Châu"]),
    ("Is it true that To Lam signed Resolution 57?", ["To Lam"]),
    ("Sở Khoa học và Công nghệ chủ trì", []),  # capitalised, no family name first
])
def test_the_people_a_text_names(text: str, persons: list[str]) -> None:
    from qa.claims import persons_named

    assert persons_named(text) == persons


def test_a_person_is_a_claimed_value_only_of_who_signed() -> None:
    signed = read_claim("Có phải Bí thư Lê Ngọc Châu ký chương trình này không?", "vi")
    assert [(v.kind, v.text) for v in signed.values if v.kind is ValueKind.PERSON] == [(ValueKind.PERSON,
                                                                                        "Lê Ngọc Châu")]
    other = read_claim("Có đúng là Hà Nội đạt 5% không?", "vi")
    assert not [v for v in other.values if v.kind is ValueKind.PERSON]
