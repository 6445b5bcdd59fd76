"""The part of a long sentence an extracted answer shows: the run of its pieces that shares most with the question."""

from __future__ import annotations

from qa.handlers import MAX_ANSWER, focus
from qa.question import Question

LONG = ("Đối với khu công nghiệp thành lập mới, Ủy ban nhân dân cấp tỉnh căn cứ vào tình hình thực tế, xác định "
        "diện tích đất đối với từng khu công nghiệp đã đầu tư xây dựng hệ thống kết cấu hạ tầng, " * 2
        + "bảo đảm bình quân 20 ha/khu công nghiệp để dành cho doanh nghiệp nhỏ và vừa, doanh nghiệp khởi nghiệp "
        "sáng tạo thuê, thuê lại.")


def test_a_long_sentence_is_cut_to_the_pieces_the_question_asks_about() -> None:
    shown = focus(LONG, Question("20 ha dành cho doanh nghiệp nhỏ và vừa hay khởi nghiệp sáng tạo thuê?"))
    assert len(shown) <= MAX_ANSWER and "doanh nghiệp nhỏ và vừa" in shown and shown in " ".join(LONG.split())


def test_a_short_text_is_shown_whole() -> None:
    assert focus("Ngắn gọn, rõ ràng.", Question("gì?")) == "Ngắn gọn, rõ ràng."


def test_asked_for_a_figure_the_pieces_shown_state_one() -> None:
    """The question's words are all in the sentence's opening; the figure it asks for stands at its end."""
    sentence = ("Đối với khu công nghiệp thành lập mới, diện tích đất dành cho doanh nghiệp được xác định theo quy "
                "hoạch, căn cứ vào tình hình thực tế của địa phương, nhu cầu thuê của các nhà đầu tư trong nước và "
                "nước ngoài, khả năng đáp ứng của hệ thống hạ tầng kỹ thuật đã đầu tư, bảo đảm công khai, minh bạch, "
                "đúng trình tự, thủ tục theo quy định của pháp luật hiện hành, tối thiểu 20 ha cho mỗi khu.")
    question = Question("Khu công nghiệp thành lập mới phải dành bao nhiêu diện tích đất cho doanh nghiệp?")
    assert question.asks_figure and len(sentence) > MAX_ANSWER
    assert "20 ha" in focus(sentence, question)


def test_asked_for_a_figure_the_pieces_shown_do_not_cut_between_two_alternatives() -> None:
    """"20 ha …, hoặc 5% …": a run that starts at the second figure would show one alternative as the answer."""
    sentence = ("Đối với khu công nghiệp, cụm công nghiệp thành lập mới sau ngày Nghị quyết này có hiệu lực thi hành, "
                "Ủy ban nhân dân cấp tỉnh căn cứ vào tình hình thực tế, xác định diện tích đất đối với từng khu công "
                "nghiệp, cụm công nghiệp đã đầu tư xây dựng hệ thống kết cấu hạ tầng bảo đảm bình quân 20 ha/khu công "
                "nghiệp, cụm công nghiệp hoặc 5% diện tích đất khu công nghiệp, cụm công nghiệp trên địa bàn để dành "
                "cho doanh nghiệp công nghệ cao thuộc khu vực kinh tế tư nhân, doanh nghiệp nhỏ và vừa, doanh nghiệp "
                "khởi nghiệp sáng tạo thuê, thuê lại.")
    question = Question("Khu công nghiệp mới phải dành bao nhiêu đất cho doanh nghiệp công nghệ cao, doanh nghiệp nhỏ"
                        " và vừa, khởi nghiệp sáng tạo?")
    shown = focus(sentence, question)
    assert "20 ha" in shown and "5%" in shown
