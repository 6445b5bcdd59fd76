"""Composite answers: the frames (no facts in them), titles cut at word boundaries, where a question is cut in two."""

from __future__ import annotations

import re

import pytest

from qa.compose import LIST_TITLE_CHARS, cut_title, frame, list_title_chars, templates
from qa.parts import by_years, splits, states_each_year
from qa.parts import data as parts_data
from qa.question import Question


def test_every_frame_has_both_languages_and_no_digits() -> None:
    for name, frames in templates().items():
        assert set(frames) == {"vi", "en"}, name
        assert not any(re.search(r"\d", text) for text in frames.values()), name  # figures come from the documents


def test_frames_fill_in_the_question_language() -> None:
    assert frame("verdict_true", "en", answer="X") == "Correct. X"
    assert frame("verdict_false", "vi", printed="75 tỷ USD", answer="X").startswith("Chưa đúng: văn bản ghi 75 tỷ USD")


def test_titles_are_cut_at_a_word_boundary() -> None:
    text = "Hoàn thành phương án xử lý vướng mắc cho các dự án năng lượng tái tạo trên địa bàn thành phố Hải Phòng"
    cut = cut_title(text, 40)
    assert cut.endswith("…") and text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert cut_title("ngắn", 40) == "ngắn"


CORPUS = " so khoa hoc va cong nghe chu tri xuat khau du lich "


def test_a_lead_and_a_deadline_are_cut_and_share_the_task_number() -> None:
    halves = splits(Question("Ai chủ trì nhiệm vụ 22 và hạn khi nào?"), CORPUS)
    assert ("Ai chủ trì nhiệm vụ 22?", "hạn khi nào nhiệm vụ 22?") in halves


def test_a_name_the_documents_join_is_never_cut() -> None:
    assert splits(Question("Sở Khoa học và Công nghệ chủ trì những nhiệm vụ nào?"), CORPUS) == []


def test_a_half_without_a_topic_is_not_a_question() -> None:
    assert splits(Question("Theo chương trình, xuất khẩu năm 2030 đạt bao nhiêu?"), CORPUS) == []


@pytest.mark.parametrize(("question", "cut"), parts_data()["examples"]["cut"])
def test_a_question_is_cut_only_where_a_second_question_begins(question: str, cut: bool) -> None:
    corpus = " nganh linh vuc khoa hoc cong nghe chuyen doi so "
    assert bool(splits(Question(question), corpus)) == cut


def test_two_halves_that_each_ask_come_first() -> None:
    halves = splits(Question("Việc 24 (hạ tầng số, dịch vụ công) ai chủ trì, hạn khi nào?"), CORPUS)
    assert halves[0][1].startswith("hạn khi nào")


@pytest.mark.parametrize(("question", "halves"), parts_data()["examples"]["years"])
def test_two_years_asked_at_once_are_asked_one_by_one(question: str, halves: list[str] | None) -> None:
    assert by_years(Question(question)) == (tuple(halves) if halves else None)


@pytest.mark.parametrize(("question", "halves"), parts_data()["examples"]["shared_subject"])
def test_a_half_of_question_words_asks_about_the_other_halfs_subject(question: str, halves: list[str]) -> None:
    assert splits(Question(question), CORPUS)[0] == tuple(halves)


def test_a_short_list_shows_more_of_each_title() -> None:
    """Three items share the list's room (400 characters each: a title is read whole); twenty keep the least a title
    is given."""
    assert list_title_chars(3) == 400 and list_title_chars(20) == LIST_TITLE_CHARS
    title = " ".join(["nhiệm vụ"] * 40)
    assert len(cut_title(title, list_title_chars(3))) > len(cut_title(title, list_title_chars(20)))


def test_one_answer_to_two_questions_of_two_years_must_state_both() -> None:
    """"… by 2030, and how many more by 2045?" answered by one sentence stating 2045 alone would be read as 2030's
    answer too: it does not stand; a sentence stating both does, and so does any answer to a question of one year."""
    two = splits(Question("How many firms should come by 2030, and how many more by 2045?"), CORPUS)
    said, both = "Đến năm 2045, thu hút ít nhất 5 tổ chức.", "Đến năm 2030 ít nhất 3, đến năm 2045 ít nhất 5."
    assert not states_each_year(said, two) and states_each_year(both, two)
    assert states_each_year(said, splits(Question("How many firms should come by 2045?"), CORPUS))
