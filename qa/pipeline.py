"""Question → answer with citations: the handlers tried from the most specific to the most general.

No language model: answers are extracted and composed from the document model, so the same question always gets
the same answer, and a question the documents do not answer gets an abstention rather than a guess.
"""

from __future__ import annotations

from dataclasses import replace

from index.search import Searcher
from index.tokenize import expand_abbreviations
from ingest.model import Corpus
from qa.answer import Answer
from qa.evidence import Evidence
from qa.handlers import (
    abstain,
    answer_agency,
    answer_body,
    answer_count,
    answer_figure,
    answer_metadata,
    answer_reference,
    answer_target_number,
    answer_task,
    answer_topic,
    unknown_terms,
)
from qa.question import Question


class Answerer:
    """Answers questions over one corpus and its index: ``run(question) -> Answer``."""

    def __init__(self, corpus: Corpus, searcher: Searcher, max_question_chars: int = 2000) -> None:
        self.evidence = Evidence(corpus.documents, searcher)
        self.max_question_chars = max_question_chars

    def run(self, question: str) -> Answer:
        """The answer, or an abstention; never raises on any text."""
        typed = " ".join(str(question)[: self.max_question_chars].split())
        answer = self._answer(Question(expand_abbreviations(typed)))
        return replace(answer, question=typed)

    def _answer(self, q: Question) -> Answer:
        if not q.words or not self.evidence.documents:
            return Answer(question=q.raw, answer="Hãy đặt một câu hỏi. / Please ask a question.", abstained=True,
                          kind="empty")
        ev = self.evidence
        if q.task_numbers and (q.asks_lead or q.asks_deadline) and not any(t.number == q.task_numbers[0]
                                                                            for t in ev.tasks):
            return abstain(q, ev)
        structured = (answer_metadata, answer_reference, answer_task, answer_agency, answer_count)
        for handler in structured:
            answer = handler(q, ev)
            if answer is not None:
                return answer
        if q.target_numbers:
            return answer_target_number(q, ev) or abstain(q, ev)
        if q.asks_person_name or unknown_terms(q, ev):
            return abstain(q, ev)
        if q.asks_lead and not q.asks_figure:  # not a task of the table: a body the implementation part names
            return answer_body(q, ev) or abstain(q, ev)
        if q.asks_figure or q.asks_which_year or q.asks_deadline:
            return answer_figure(q, ev) or abstain(q, ev)
        return answer_topic(q, ev) or abstain(q, ev)
