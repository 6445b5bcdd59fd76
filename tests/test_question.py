"""What a question asks, read from its text alone: the predicates the handlers route on."""

from __future__ import annotations

import pytest
import yaml

from qa.question import PATTERNS, Question, is_generic


@pytest.mark.parametrize(("text", "counts"), [
    ("Sở Tư pháp chủ trì bao nhiêu nhiệm vụ?", True),
    ("Nhóm I gồm mấy nhiệm vụ?", True),
    ("mấy chỉ tiêu chủ yếu", True),
    ("co may nhiem vu trong phu luc", True),
    ("Dự án nhà máy nhiệt điện LNG do ai chủ trì?", False),  # "máy" is a machine, not "how many"
    ("nha may nhiet dien LNG ai chu tri", False),
    ("Nhiệm vụ 15 phải xong trong quý mấy?", False),  # which quarter, not how many
    ("Cảng hàng không phục vụ máy bay", False),
])
def test_how_many_is_told_from_may_that_is_not_a_number(text: str, counts: bool) -> None:
    assert Question(text).asks_count is counts


@pytest.mark.parametrize("text", ["Nhiệm vụ 15 phải hoàn thành trong quý mấy?", "de an phai trinh vao thang nao",
                                  "Khởi công trong năm nào?", "task 4 deadline?", "by when is it due"])
def test_deadline_questions(text: str) -> None:
    assert Question(text).asks_deadline


@pytest.mark.parametrize(("text", "holder", "name"), [
    ("Ai làm Trưởng Ban Chỉ đạo Trung ương về khoa học, công nghệ?", True, False),
    ("ai la chu tich hoi dong tu van quoc gia", True, False),
    ("Who is the head of the steering committee?", True, False),
    ("Who heads the steering committee the resolution sets up?", True, False),
    ("Who's the chair of the national advisory council?", True, False),
    ("What's the name of the director who heads the data market task?", True, True),
    ("Giám đốc Sở Khoa học và Công nghệ tên là gì?", False, True),
    ("Ai chủ trì nhiệm vụ 25?", False, False),  # a body that leads a task, not the holder of a post
    ("Sở nào làm đầu mối thị trường dữ liệu?", False, False),
])
def test_questions_for_the_holder_of_a_post_or_a_persons_name(text: str, holder: bool, name: bool) -> None:
    assert (Question(text).asks_holder, Question(text).asks_person_name) == (holder, name)


@pytest.mark.parametrize(("text", "named"), [
    ("do đồng chí Tổng Bí thư Ban Chấp hành Trung ương Đảng làm Trưởng Ban", True),
    ("Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định", True),
    ("Sở Khoa học và Công nghệ — chủ trì nhiệm vụ 22", False),
    ("Ban Tuyên giáo Trung ương chủ trì", False),  # "ban" alone is a body's word, not a post
])
def test_a_post_is_named_by_its_title(text: str, named: bool) -> None:
    from qa.handlers import names_position

    assert names_position(text) is named


@pytest.mark.parametrize(("text", "group"), [
    ("Nhóm II có bao nhiêu nhiệm vụ?", "II"), ("How many tasks are in the first group?", "I"),
    ("nhom thu hai gom may nhiem vu", "II"), ("tasks of group 6", "VI"), ("nhóm nhiệm vụ đầu tiên", "I"),
    ("the ninth task group", "IX"), ("How many tasks are there?", None),
])
def test_groups_named_by_numeral_or_ordinal(text: str, group: str | None) -> None:
    assert Question(text).group == group


@pytest.mark.parametrize(("text", "signer", "recipients"), [
    ("Who signed the programme?", True, False),
    ("how many tasks is the Department of Finance assigned", False, False),  # "assigned" is not "signed"
    ("Who receives the programme?", False, True),
    ("How many visitors did the city receive in 2025?", False, False),
    ("Nơi nhận của văn bản gồm những ai?", False, True),
])
def test_signer_and_recipients_are_whole_words(text: str, signer: bool, recipients: bool) -> None:
    q = Question(text)
    assert (q.asks_signer, q.asks_recipients) == (signer, recipients)


@pytest.mark.parametrize(("text", "wording"), [
    ("Phương châm xây dựng lực lượng dân quân là gì?", True), ("What is the city's brand in tourism?", True),
    ("Đồ Sơn sẽ trở thành gì?", True), ("Tỷ lệ đô thị hóa năm 2030?", False),
])
def test_questions_asking_for_a_coined_name(text: str, wording: bool) -> None:
    assert Question(text).asks_wording is wording


def test_a_quantity_asked_as_what_is_the_population_is_a_figure() -> None:
    assert Question("What is the population of the city?").asks_figure
    assert Question("dan so cua thanh pho la bao nhieu").asks_figure


@pytest.mark.parametrize(("phrase", "generic"), [
    ("muc tieu tang truong", True), ("co quan nao", True), ("thanh pho hai phong", True), ("ty trong", True),
    ("tang truong kinh te", False), ("hoc sinh", False), ("", False),
])
def test_a_phrase_made_of_question_words_is_generic(phrase: str, generic: bool) -> None:
    assert is_generic(phrase) is generic


def test_wording_frames_say_how_the_document_introduces_a_name() -> None:
    assert "tro thanh" in Question("Hải Phòng phấn đấu trở thành thành phố gì?").wording_frames
    assert "phuong cham" in Question("What motto guides the armed forces?").wording_frames
    assert Question("Tỷ lệ đô thị hóa năm 2030?").wording_frames == ()


@pytest.mark.parametrize("question, asks", [
    ("ai quyet dinh muc giam tien thue lai dat trong kcn", True),  # "quyết định": a role verb of the data file
    ("Cơ quan nào quy định nguyên tắc hỗ trợ thuê nhà, đất công?", True),
    ("Who decides the land rent cut?", True),
    ("Who has to issue detailed guidance?", True),
    ("Who is the signer?", False),
    ("Mục tiêu tăng trưởng GRDP là bao nhiêu?", False),
])
def test_who_does_what_asks_for_a_body(question: str, asks: bool) -> None:
    assert Question(question).asks_lead is asks


_PATTERN_EXAMPLES = yaml.safe_load(PATTERNS.read_text(encoding="utf-8"))["examples"]


# Each pattern of qa/data/question_patterns.yaml and the Question property that reads it.
PATTERN_PROPERTIES = {"amount": "asks_amount", "lead": "asks_lead", "deadline": "asks_deadline", "items": "asks_items",
                      "which_place": "asks_which_place", "which_body": "asks_which_body",
                      "which_document": "asks_which_document"}


def test_every_pattern_has_examples_and_a_property() -> None:
    assert set(_PATTERN_EXAMPLES) == set(PATTERN_PROPERTIES)


@pytest.mark.parametrize(("kind", "question", "expected"),
                         [(kind, q, e) for kind in PATTERN_PROPERTIES for q, e in _PATTERN_EXAMPLES[kind]])
def test_what_each_pattern_example_asks(kind: str, question: str, expected: bool) -> None:
    assert getattr(Question(question), PATTERN_PROPERTIES[kind]) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("thí điểm tại xã Cát Hải và phường Đồ Sơn", True),
    ("thành phố Hải Phòng", True),
    ("Hải Phòng", True),  # a city places.tsv knows
    ("ở các xã, phường, đặc khu được Bộ Quốc phòng công nhận", False),  # the kind of place, none named
    ("ở các địa phương", False),
])
def test_an_answer_to_which_place_names_one(text: str, expected: bool) -> None:
    from qa.handlers import names_a_place

    assert names_a_place(text) is expected


@pytest.mark.parametrize(("question", "agency"), [
    ("list everything the Construction Dept leads in the annex", "Sở Xây dựng"),
    ("which tasks does the Dept of Health lead?", "Sở Y tế"),
    ("Finance Department tasks", "Sở Tài chính"),
    ("so y te chu tri nhiem vu nao", "Sở Y tế"),
])
def test_an_agency_is_found_however_it_is_written(question: str, agency: str) -> None:
    from qa.handlers import find_agency

    assert find_agency(Question(question)) == agency


def test_places_are_folded_unique_and_found_as_whole_words() -> None:
    from ingest.datafiles import read_tsv
    from qa.handlers import places_in

    rows = read_tsv("places.tsv")
    names = [r["place"] for r in rows]
    assert len(names) == len(set(names)) and {r["kind"] for r in rows} == {"Viet Nam", "abroad"}
    assert all(n == n.lower() and n.isascii() for n in names)
    assert places_in(Question("Hải Phòng đặt mục tiêu GRDP bao nhiêu?")) == ["hai phong"]
    assert places_in(Question("Đà Nẵng đặt mục tiêu GRDP bao nhiêu?")) == ["da nang"]
    assert places_in(Question("hòa bình và hợp tác")) == []  # a common word is not a place


def test_an_english_questions_topic_is_its_terms_vietnamese_and_its_unglossed_words() -> None:
    """A term's English words never occur in a Vietnamese text: they stand for its Vietnamese forms; a word the
    lexicon lacks stays."""
    topic = Question("What corporate income tax holiday do new firms get?").topic_syllables
    assert {"thue", "thu", "nhap", "doanh", "nghiep", "holiday"} <= topic
    assert not topic & {"corporate", "income", "tax", "firms"}


@pytest.mark.parametrize(("question", "terms"), [
    ("who pays back the land rent discount to park developers", ("hoàn trả",)),
    ("Who must oversee the resolution's implementation?", ("giám sát",)),
    ("Who is supposed to keep watch over how it is implemented?", ("giám sát", "theo dõi")),  # a term of two words
    ("Who is supposed to supervise implementation of it?", ("giám sát",)),  # the verb alone, not the next term
    ("Which agency leads task 22?", ()),  # no "who" that does something
    ("ai hoàn trả tiền thuê đất?", ()),  # Vietnamese: the words are the document's own
])
def test_what_an_english_who_question_asks_someone_does(question: str, terms: tuple[str, ...]) -> None:
    assert Question(question).asked_action == terms
