"""Question answering on the real corpus: the development set, every task both ways, abstentions, quotes."""

from __future__ import annotations

import pytest

from eval.scoring import answer_passes, citation_matches
from ingest.doc_numbers import name_mentions
from qa.question import Question
from tests.conftest import ROOT, read_jsonl

CASES = read_jsonl(ROOT / "tests" / "data" / "qa_cases.jsonl")


@pytest.fixture(scope="module")
def answers(engine):
    return {c["id"]: engine.ask(c["question"]) for c in CASES}


def _correct(case: dict, answer) -> bool:
    if not case["answerable"]:
        return answer.abstained
    return not answer.abstained and answer_passes(answer.answer, case["answers"], case["answers_all"])


def test_the_users_example(engine):
    answer = engine.ask("Which agency leads task 22?")
    assert not answer.abstained
    assert "Sở Khoa học và Công nghệ" in answer.answer
    assert answer.citations[0].section == "PL.22"


def test_dev_set_covers_every_type_in_both_languages():
    assert len(CASES) >= 100
    types = {c["type"] for c in CASES}
    assert types == {"task_lead", "task_deadline", "agency_tasks", "count", "target", "body_figure", "topic",
                     "reference", "metadata", "unanswerable"}
    for t in types:
        assert {c["lang"] for c in CASES if c["type"] == t} == {"vi", "en"}, t


def test_answer_accuracy_on_the_dev_set(answers):
    """Measured 153 of 169 (90.5%) with the scorer fitted on r18 too and each family's threshold chosen on its own
    questions (the programme's 0.910); every miss is an abstention. The floor is back at 0.88, where it stood before
    it was lowered to 0.87 for a refit that raised the threshold to 0.916 (148 of 169)."""
    correct = sum(_correct(c, answers[c["id"]]) for c in CASES)
    assert correct / len(CASES) >= 0.88


def test_no_answer_given_as_fact_is_wrong(answers):
    given = [c for c in CASES if c["answerable"] and not answers[c["id"]].abstained]
    assert [c["id"] for c in given if not _correct(c, answers[c["id"]])] == []


def test_no_unanswerable_question_is_answered(answers):
    unanswerable = [c for c in CASES if not c["answerable"]]
    assert all(answers[c["id"]].abstained for c in unanswerable)


def test_citation_accuracy_in_top3(answers):
    gold = [c for c in CASES if c["answerable"] and c["sections"]]
    right = sum(any(citation_matches(x.section, g) for x in answers[c["id"]].citations[:3] for g in c["sections"])
                for c in gold)
    assert right / len(gold) >= 0.95


@pytest.mark.parametrize("number", range(1, 57))
def test_every_task_lead_and_deadline_by_number(engine, number):
    task = engine.corpus.documents[0].tasks[number - 1]
    for question in (f"Cơ quan nào chủ trì nhiệm vụ {number}?", f"Which agency leads task {number}?",
                     f"co quan nao chu tri nhiem vu {number}"):
        answer = engine.ask(question)
        assert answer.citations[0].section == f"PL.{number}"
        assert all(a.name in answer.answer for a in task.agencies if not a.generic) or task.lead in answer.answer
    deadline = engine.ask(f"Thời hạn hoàn thành nhiệm vụ {number} là khi nào?")
    assert task.deadline in deadline.answer
    assert deadline.citations[0].section == f"PL.{number}"


def test_english_answers_gloss_known_agencies(engine):
    answer = engine.ask("Who leads task 37?")
    assert "Ban Quản lý Khu kinh tế (Economic Zone Management Board)" in answer.answer


def test_agency_task_lists_include_co_led_tasks(engine):
    answer = engine.ask("Sở Khoa học và Công nghệ chủ trì những nhiệm vụ nào?")
    for n in ("15", "19", "20", "21", "22", "23", "24", "25"):
        assert answer_passes(answer.answer, [], [n])


@pytest.mark.parametrize("question", [
    "Sở Tư pháp chủ trì bao nhiêu nhiệm vụ có thời hạn Tháng 12/2026?",
    "How many tasks due in December 2026 does the Department of Justice lead?",
])
def test_an_agencys_tasks_in_a_period_are_counted_in_that_period(engine, question):
    """Its tasks due that month, never all of its tasks (5, one due in another month); the task list may still be
    below the threshold for a wording (then it abstains)."""
    answer = engine.ask(question)
    assert not answer_passes(answer.answer, [], ["10"])
    if not answer.abstained:
        assert answer.answer.startswith("3 ") and all(answer_passes(answer.answer, [], [n]) for n in ("12", "13", "14"))


def test_an_agencys_count_in_a_period_is_not_its_count_in_all_periods(engine):
    from qa.handlers import answer_agency, answer_count
    from qa.question import Question

    q = Question("Sở Tư pháp chủ trì bao nhiêu nhiệm vụ có thời hạn Tháng 12/2026?")
    ev = engine.answerer.evidence
    assert answer_agency(q, ev) is None and answer_count(q, ev) is None  # the task list filters by both


@pytest.mark.parametrize("question", [
    "Who leads task 57?", "Cơ quan nào chủ trì nhiệm vụ 0?", "What does target (36) say?",
    "GRDP bình quân đầu người năm 2040 là bao nhiêu?", "What GRDP per capita does Da Nang target for 2030?",
    "Chủ tịch Ủy ban nhân dân thành phố tên là gì?", "What is the inflation target?",
])
def test_abstains_when_the_corpus_does_not_say(engine, question):
    answer = engine.ask(question)
    assert answer.abstained and answer.kind == "unanswerable"
    said = ("The documents do not state this.", "Tài liệu không nêu thông tin này.", "The documents have no",
            "Tài liệu không có")
    assert answer.answer.startswith(said), answer.answer


def test_quotes_are_exact_source_text(answers, engine):
    sources = {d.id: d.source for d in engine.corpus.documents}
    for answer in answers.values():
        for c in answer.citations:
            assert sources[c.doc][c.start:c.end] == c.quote


def test_answers_are_short_and_deterministic(engine, answers):
    for c in CASES[:20]:
        again = engine.ask(c["question"])
        assert again.answer == answers[c["id"]].answer
    lists = ("agency_tasks", "task_list", "two_part", "article", "definition")  # every item, or the text itself
    assert all(len(a.answer) <= 300 for a in answers.values() if a.kind not in lists and "fact_check" not in a.kind)


def test_json_contract(engine):
    obj = engine.ask("GRDP bình quân đầu người năm 2030?", "q1").to_json()
    assert set(obj) == {"id", "question", "answer", "abstained", "citations", "latency_ms", "kind", "confidence",
                        "lang"}
    assert obj["id"] == "q1" and "11.247 USD/người" in obj["answer"]
    assert set(obj["citations"][0]) == {"doc", "section", "title", "quote"}
    assert obj["citations"][0]["section"] == "II.2.(2)"


def test_a_task_number_the_table_lacks_is_an_abstention_that_says_what_there_is(engine):
    count = len(engine.corpus.documents[0].tasks)
    for question in (f"Ai chủ trì nhiệm vụ {count + 14}?", f"Which agency leads task {count + 43}?"):
        answer = engine.ask(question)
        assert answer.abstained and str(count) in answer.answer, answer.answer


@pytest.mark.parametrize(("number", "other"), [(5, "Quý III/2026"), (12, "Tháng 6/2026"), (22, "Quý IV/2026"),
                                               (48, "Quý II/2026")])
def test_a_claimed_deadline_is_confirmed_or_corrected_from_the_task_record(engine, number, other):
    task = engine.corpus.documents[0].tasks[number - 1]
    right = engine.ask(f"Có đúng là nhiệm vụ {number} hạn {task.deadline} không?")
    assert right.verdict is True and task.deadline in right.answer
    wrong = engine.ask(f"Is it true that task {number} is due in {other}?")
    assert wrong.verdict is False and task.deadline in wrong.answer
    assert wrong.citations[0].section == f"PL.{number}"


@pytest.mark.parametrize("question", ["Sở nào chủ trì việc tăng tổng vốn đầu tư trên địa bàn?",
                                      "Which department is in charge of the 2030 export target?"])
def test_an_answer_to_which_body_names_a_body(engine, question):
    from ingest.agencies import Gazetteer
    from qa.question import Question

    answerer = engine.answerer
    candidates = answerer.candidates(Question(question), question)
    assert Question(question).asks_which_body
    assert all(Gazetteer().names_a_body(c.answer.answer) for c in candidates)


@pytest.mark.parametrize("number", [21, 45, 53])
def test_a_described_tasks_lead_and_timeframe_come_from_its_record(engine, number):
    task = engine.corpus.documents[0].tasks[number - 1]
    subject = " ".join(task.text.split()[:9])
    for question in (f"{subject}: ai chủ trì, hạn khi nào?", f"{subject} do cơ quan nào chủ trì, trong thời gian nào?"):
        answer = engine.ask(question)
        assert task.deadline in answer.answer, (question, answer.answer)
        assert answer.citations[0].section == f"PL.{number}"


def test_an_answer_two_types_propose_is_one_candidate_that_knows_it(engine):
    from qa.question import Question

    question = "Cơ quan nào chủ trì hướng dẫn việc tổ chức tuyên truyền Chương trình hành động?"
    candidates = engine.answerer.candidates(Question(question), question)
    keys = [c.key for c in candidates]
    assert len(keys) == len(set(keys))
    shared = [c for c in candidates if c.also]
    assert shared and all(c.features["also_proposed"] == len(set(c.also)) and c.type not in c.also for c in shared)


def test_a_place_the_cited_text_does_not_name_is_a_feature(engine) -> None:
    """Asked of another city, every candidate citing a Hải Phòng text carries it; asked of Hải Phòng, none does."""
    answerer = engine.answerer
    for typed, other in (("What GRDP per capita does Da Nang target for 2030?", 1.0),
                         ("What GRDP per capita does Hai Phong target for 2030?", 0.0)):
        found = answerer.candidates(Question(typed), typed)
        assert found and {c.features["other_place"] for c in found} == {other}


def test_an_answer_naming_a_document_the_question_does_not_is_a_feature(engine) -> None:
    """The programme's sentences that cite Nghị quyết 57-NQ/TW carry it for a question that names no document, and
    not for one that names 57-NQ/TW, by its full number or as "Nghị quyết 57"."""
    answerer = engine.answerer
    for typed, other in (("Chương trình thực hiện nghị quyết nào của Bộ Chính trị về khoa học công nghệ?", 1.0),
                         ("Chương trình thực hiện Nghị quyết 57-NQ/TW như thế nào?", 0.0),
                         ("Nghị quyết 57 là của cơ quan nào?", 0.0)):
        found = [c for c in answerer.candidates(Question(typed), typed)
                 if {m.key for m in name_mentions(c.answer.answer) if m.key} == {"57NQTW"}]  # it names that one only
        assert found and {c.features["other_document"] for c in found} == {other}, typed



@pytest.mark.parametrize(("question", "section"), [
    ("Mục 1.8 của chương trình nói về gì?", "III.1.8"),
    ("What does section 1.3 say?", "III.1.3"),
])
def test_an_item_named_by_its_printed_dotted_number(engine, question, section):
    from qa.question import Question
    from qa.types import article

    q = Question(question)
    found = article.propose(q, engine.answerer.scope(q, question))
    assert found and found[0].answer.citations[0].section == section


def test_a_share_is_not_a_dotted_item_number() -> None:
    from qa.question import Question
    from qa.structure import section_ref

    q = Question("phần 1.5 tỷ đồng dành cho việc gì?")
    assert section_ref(q.folded, q.raw) is None


@pytest.mark.parametrize(("question", "verdict", "printed"), [
    ("Có phải Bí thư Lê Ngọc Châu ký chương trình này không?", True, "Lê Ngọc Châu"),
    ("văn bản do đồng chí Nguyễn Văn An ký đúng không?", False, "Lê Ngọc Châu"),
])
def test_a_claim_of_who_signed_is_settled_by_the_signature(engine, question, verdict, printed):
    answer = engine.ask(question)
    assert answer.verdict is verdict and printed in answer.answer
    assert answer.citations[0].section == "SIG"


@pytest.mark.parametrize(("question", "verdict", "printed"), [
    ("có đúng là 55 trên 67 xã đạt chuẩn nông thôn mới nâng cao đến 2030 không?", True, "55/67"),
    ("có đúng là 34/67 xã đạt chuẩn nông thôn mới nâng cao không?", False, "55/67"),  # the other share's figure
    ("có phải 55/67 xã đạt chuẩn nông thôn mới kiểu mẫu?", False, "34/67"),
])
def test_a_claimed_share_of_a_whole_is_checked_against_the_share_of_what_it_claims(engine, question, verdict,
                                                                                   printed):
    answer = engine.ask(question)
    assert answer.verdict is verdict and printed in answer.answer


def test_an_acronym_the_documents_spell_out_is_a_known_term(engine):
    """acronyms.tsv: "AI" stands for "trí tuệ nhân tạo", which the programme prints; "CPI" the corpus never uses."""
    from qa.handlers import ACRONYMS, unknown_terms
    from qa.question import Question

    assert all(forms and all(forms) for forms in ACRONYMS.values())
    ev = engine.answerer.evidence
    assert "AI" not in unknown_terms(Question("Chương trình nói gì về AI?"), ev)
    assert "CPI" in unknown_terms(Question("Chỉ số CPI mục tiêu là bao nhiêu?"), ev)
