"""Question → answer with citations: every answer type proposes candidates, one scorer ranks them and decides.

No language model: answers are extracted and composed from the document model, so the same question always gets
the same answer, and a question the documents do not answer gets an abstention rather than a guess. Composite
questions are handled here: a claim to verify (:mod:`qa.claims`) and two questions in one (:mod:`qa.parts`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from index.search import Searcher, plain_query
from index.tokenize import expand_abbreviations
from ingest.model import Corpus, Document
from qa import claims, parts
from qa.answer import Answer
from qa.candidates import Candidate
from qa.compose import frame
from qa.contrasts import contrasted
from qa.described import described
from qa.evidence import Evidence
from qa.features import annotate, missing_item
from qa.handlers import abstain, names_a_place, names_another_body, names_position, says_asked_action, unknown_terms
from qa.intent import IntentClassifier
from qa.numbers import states_a_number, states_unit
from qa.question import YEAR, Question
from qa.scorer import Scorer, family_of
from qa.settings import QASettings
from qa.types import ANSWER_TYPES, RECORD_TYPES

LOOKUP_KINDS = ("task_lead", "task_deadline", "task_lead_deadline", "target", "metadata", "agency_tasks", "task_list",
                "count", "article", "definition")
FIGURE_KINDS = ("target", "body_figure")  # answers that state a figure


def primary_document(corpus: Corpus, wanted: str = "") -> Document | None:
    """The document a question that names none is about: the configured one, else the one that cites most of the
    other documents of the corpus (an action programme cites what it implements), the longest on a tie."""
    if not corpus.documents:
        return None
    if wanted:
        found = corpus.find(wanted)
        if found is not None:
            return found
    return max(corpus.documents, key=lambda d: (sum(bool(r.resolved) for r in d.references), len(d.source)))


def legacy_choice(q: Question, ev: Evidence, by_type: dict[str, list[Candidate]]) -> Candidate | None:
    """The candidate the rule chain (planqa before the scorer) answered with, or None where it abstained."""
    def first(name: str) -> Candidate | None:
        return next(iter(by_type.get(name, [])), None)

    if q.task_numbers and (q.asks_lead or q.asks_deadline) and not any(t.number == q.task_numbers[0]
                                                                        for t in ev.tasks):
        return None
    for name in ("metadata", "reference", "task_record", "agency_tasks", "count"):
        if by_type.get(name):
            return first(name)
    if q.target_numbers:
        return first("target")
    if q.asks_person_name or unknown_terms(q, ev):
        return None
    if q.asks_lead and not q.asks_figure:
        return first("body")
    name = "figure" if (q.asks_figure or q.asks_which_year or q.asks_deadline) else "topic"
    return next((c for c in by_type.get(name, []) if c.legacy), None)


class Answerer:
    """Answers questions over one corpus and its index: ``run(question) -> Answer``."""

    def __init__(self, corpus: Corpus, searcher: Searcher, max_question_chars: int = 2000,
                 settings: QASettings | None = None, intents: IntentClassifier | None = None) -> None:
        self.settings = settings or QASettings(max_question_chars=max_question_chars)
        self.corpus = corpus
        primary = primary_document(corpus, self.settings.primary_document)
        documents = [primary, *(d for d in corpus.documents if d is not primary)] if primary else []
        self.evidence = Evidence(documents, searcher, cache_dir=self.settings.cache_dir,
                                 own_place_mentions=self.settings.own_place_mentions)
        self._scopes: dict[tuple[str, ...], Evidence] = {}
        self.intents = intents or IntentClassifier(self.settings.intents, self.settings.cache_dir)

    @cached_property
    def scorer(self) -> Scorer:
        """Loaded when first needed: collecting candidates to fit a new one never reads the old."""
        return Scorer.load(self.settings.scorer, self.settings.cache_dir)

    @cached_property
    def _with_tasks(self) -> frozenset[str]:
        """The documents with a task table: answers from the others are of the prose family."""
        return frozenset(d.id for d in self.corpus.documents if d.tasks)

    def threshold(self, best: Candidate | None = None) -> float:
        """The answer threshold for a ranking whose best candidate is ``best``: the configured one, else the
        scorer's for the family of the document it cites."""
        if self.settings.answer_threshold is not None:
            return self.settings.answer_threshold
        if best is None or not best.answer.citations:
            return self.scorer.threshold
        return self.scorer.threshold_for(family_of(best.answer.citations[0].doc in self._with_tasks))

    def run(self, question: str) -> Answer:
        """The answer, or an abstention; never raises on any text."""
        typed = " ".join(str(question)[: self.settings.max_question_chars].split())
        q = Question(expand_abbreviations(typed))
        if not q.words or not self.evidence.documents:
            answer = Answer(question=typed, answer="Hãy đặt một câu hỏi. / Please ask a question.", abstained=True,
                            kind="empty")
        else:
            answer = self._claim(q, typed) or self._composite_or_single(q, typed)
        return replace(answer, question=typed, lang=q.lang)

    # ---- one question ----------------------------------------------------------------------------------------

    def scope(self, q: Question, typed: str) -> Evidence:
        """The evidence of the documents the question names ("NQ 57", "Nghị quyết 198", "the resolution on science
        and technology"), else of them all."""
        named = self.corpus.find_all(typed) if len(self.corpus.documents) > 1 else []
        if not named and not q.asks_which_document:  # "which NA resolution …?" describes what it asks for
            found = described(self.corpus.documents, q)
            named = [found] if found is not None else []
        if not named:
            return self.evidence
        key = tuple(d.id for d in named)
        if key not in self._scopes:
            self._scopes[key] = self.evidence.scoped(named)
        return self._scopes[key]

    def candidates(self, q: Question, typed: str, records_only: bool = False,
                   within: tuple[Question, str] | None = None,
                   proposed: dict[str, list[Candidate]] | None = None, claimed: bool = False) -> list[Candidate]:
        """Every candidate the answer types propose, annotated with its features (not yet scored); ``within``: the
        whole question a part of it belongs to, whose documents scope the part. ``proposed`` keeps each type's
        proposals as proposed, so that asking again for the same question reuses them. ``claimed``: the question is
        a claim put as one, whose bodies are what it asserts (the answer may name them)."""
        ev = self.scope(*(within or (q, typed)))
        proposed = {} if proposed is None else proposed
        by_type: dict[str, list[Candidate]] = {}
        for answer_type in ANSWER_TYPES:
            if records_only and answer_type.NAME not in RECORD_TYPES:
                continue
            if answer_type.NAME not in proposed:
                proposed[answer_type.NAME] = [c.fresh() for c in answer_type.propose(q, ev)]
            by_type[answer_type.NAME] = [c.fresh() for c in proposed[answer_type.NAME]]
        chosen = legacy_choice(q, ev, by_type)  # a record type the chain answered with stays its choice
        merged: dict[tuple[str, str, str], Candidate] = {}
        for found in by_type.values():
            for c in found:
                c.legacy = c.legacy or c is chosen
                if c.key in merged:
                    kept = merged[c.key]
                    kept.legacy = kept.legacy or c.legacy
                    kept.also = (*kept.also, c.type) if c.type != kept.type else kept.also
                else:
                    merged[c.key] = c
        out = list(merged.values())
        if q.asks_amount:  # an answer to "how many", "how much" states a number
            out = [c for c in out if states_a_number(c.answer.answer)]
        if q.asked_unit:  # an answer to "bao nhiêu tiền" states a sum of money, to "mấy năm" a number of years
            out = [c for c in out if states_unit(plain_query(c.answer.answer), q.asked_unit)]
        if q.asks_which_body:  # an answer to "which department" names a body, one the question does not name
            asked = set() if claimed else q.topic_syllables
            out = [c for c in out if names_another_body(c.answer.answer, asked)]
        if q.asks_which_place:  # an answer to "which communes" names one, not "các xã, phường được công nhận"
            out = [c for c in out if names_a_place(c.answer.answer)]
        if q.asks_signer and not (claimed or q.asks_date):  # an answer to "who signed it" names a person
            out = [c for c in out if claims.persons_named(c.answer.answer)]
        if q.asks_holder:  # an answer to "who heads it" names a post
            out = [c for c in out if names_position(c.answer.answer)]
        out = [c for c in out if not contrasted(q.raw, c.answer.answer)]  # imports asked, exports printed
        if q.asked_action:  # "who pays back …" is not answered by the body that "quyết định" something
            out = [c for c in out if c.answer.kind != "responsibility"
                   or says_asked_action(q, plain_query(c.answer.answer))]
        annotate(q, ev, out, self.intents.run(typed))
        return out

    def _ranked(self, q: Question, typed: str, within: tuple[Question, str] | None = None,
                claimed: bool = False) -> list[Candidate]:
        """The candidates, most probable first: the record types' alone when one of them is sure of a lookup."""
        proposed: dict[str, list[Candidate]] = {}
        ranked = self.scorer.rank(self.candidates(q, typed, records_only=True, within=within, proposed=proposed,
                                                  claimed=claimed))
        lookup = (ranked and ranked[0].answer.kind in LOOKUP_KINDS and ranked[0].probability >= self.settings.early_exit
                  and self.scorer.confidence(ranked) >= self.threshold(ranked[0]))  # an early answer must pass it
        return ranked if lookup else self.scorer.rank(self.candidates(q, typed, within=within, proposed=proposed,
                                                                      claimed=claimed))

    def _single(self, q: Question, typed: str, within: tuple[Question, str] | None = None) -> Answer:
        ranked = self._ranked(q, typed, within)
        confidence = self.scorer.confidence(ranked)
        if not ranked or confidence < self.threshold(ranked[0]):
            return self._abstain(q, confidence)
        best = replace(ranked[0].answer, confidence=confidence)
        other = self._other_documents_figure(q, typed, ranked) if within is None else None
        return _per_document(q, best, other.answer) if other is not None else best

    def _other_documents_figure(self, q: Question, typed: str, ranked: list[Candidate]) -> Candidate | None:
        """For a figure asked of no document in particular, the likeliest figure another document states on it
        (:attr:`~qa.settings.QASettings.other_document_probability`, the question's key terms), else None."""
        first = ranked[0].answer
        if (first.kind not in FIGURE_KINDS or not first.citations or q.task_numbers or q.target_numbers
                or self.scope(q, typed) is not self.evidence):
            return None  # a document named, or a target numbered in one, asks that document's
        return next((c for c in ranked[1:] if c.probability >= self.settings.other_document_probability
                     and c.answer.kind in FIGURE_KINDS and c.features.get("supported", 0.0) > 0
                     and c.answer.citations and c.answer.citations[0].doc != first.citations[0].doc), None)

    def _abstain(self, q: Question, probability: float) -> Answer:
        scope = self.scope(q, q.raw)  # the closest sections come from the documents the question names
        answer = abstain(q, scope)
        missing = missing_item(q, scope)
        if missing is not None:  # say what the documents have instead
            kind, number, count = missing
            answer = replace(answer, answer=frame(f"no_such_{kind}", q.lang, number=number, count=count))
        if probability < self.settings.closest_min_probability:
            answer = replace(answer, citations=[])  # nothing near enough to be worth showing
        return replace(answer, confidence=probability)

    # ---- composite questions ---------------------------------------------------------------------------------

    def _claim(self, q: Question, typed: str) -> Answer | None:
        """A claim to verify: "Đúng" / "Chưa đúng" with the printed value; an abstention when the documents settle
        no value it asserts; None when it is not a claim (a yes/no question it cannot settle is answered as one)."""
        claim = claims.read_claim(q.raw, q.lang)
        if claim is None:
            return None
        pooled = self._claim_candidates(q, typed, claim)
        for sure, c in pooled:
            found = claims.verdict(claim, c.answer)
            if found is None and claim.values:  # a value printed in the next clause of the same paragraph corrects
                widened = claims.verdict(claim, c.answer, self._in_its_paragraph(c.answer))  # it, never confirms
                found = widened if widened is not None and not widened[0] else None
            if found is None:
                continue
            right, printed = found
            confirms_values = right and bool(claim.values)  # a claim of no value is confirmed as an answer is
            if sure < (self.settings.claim_confirm_probability if confirms_values else self.threshold(c)):
                break  # the likeliest candidate that settles the claim is not sure enough
            share = claims.stated_share(claim, c.answer) if confirms_values and sure < self.threshold(c) else None
            if share is not None and share < self.settings.claim_confirm_stated_share:
                continue  # a figure printed in a sentence about something else confirms nothing
            said = (frame("verdict_true", q.lang, answer=c.answer.answer) if right
                    else frame("verdict_false", q.lang, printed=printed, answer=c.answer.answer))
            return replace(c.answer, answer=said, verdict=right, kind=f"fact_check:{c.answer.kind}", confidence=sure)
        if not claim.framed:
            return None
        return self._abstain(q, max((sure for sure, _ in pooled), default=0.0))

    def _in_its_paragraph(self, answer: Answer) -> Answer:
        """``answer`` quoting the whole paragraph (source line) its first citation stands in: a claim's value may be
        printed in the clause after the one that answers what it is about ("… theo dõi, đánh giá kết quả thực hiện
        Nghị quyết; định kỳ 6 tháng báo cáo kết quả …")."""
        if not answer.citations:
            return answer
        first = answer.citations[0]
        source = self.evidence.document(first.doc).source
        start, end = source.rfind("\n", 0, first.start) + 1, source.find("\n", first.end)
        end = len(source) if end < 0 else end
        widened = replace(first, quote=source[start:end], start=start, end=end)
        return replace(answer, citations=[widened, *answer.citations[1:]])

    def _claim_candidates(self, q: Question, typed: str, claim: claims.Claim) -> list[tuple[float, Candidate]]:
        """The best candidates for each way of asking the claim (:func:`qa.claims.asked_as`, then the question as
        typed), one per answer with how sure the best asking is of it — the ranking's confidence for the answer it
        ranks first (what an answer is held to), else the candidate's probability — surest first."""
        pooled: dict[tuple[str, str, str], tuple[float, Candidate]] = {}
        for text in dict.fromkeys([*claims.asked_as(claim, q.lang, names_task=bool(q.task_numbers)), typed]):
            rest = Question(expand_abbreviations(text))
            if not rest.words:
                continue
            ranked = self._ranked(rest, text, claimed=True)
            for n, c in enumerate(ranked[: self.settings.claim_candidates]):
                sure = max(c.probability, self.scorer.confidence(ranked)) if n == 0 else c.probability
                if c.key not in pooled or sure > pooled[c.key][0]:
                    pooled[c.key] = (sure, c)
        return sorted(pooled.values(), key=lambda p: -p[0])

    def _composite_or_single(self, q: Question, typed: str) -> Answer:
        """Two questions in one, answered part by part, else one; a task's lead and deadline asked together come
        from its one record, before any split."""
        single = self._single(q, typed) if q.asks_lead and q.asks_deadline else None
        if single is not None and single.kind == "task_lead_deadline":
            return single
        years = parts.by_years(q)
        if years is not None:
            return self._per_year(q, typed, years)
        cuts = parts.splits(q, self.evidence.corpus_padded)
        answer = self._two_parts(q, typed, cuts) or single or self._single(q, typed)
        if answer.kind != "two_part" and not answer.abstained and not parts.states_each_year(answer.answer, cuts):
            return self._abstain(q, answer.confidence)  # one year's answer would be read as the other's too
        return answer

    def _halves(self, q: Question, typed: str, halves: tuple[str, str]) -> tuple[Answer, Answer]:
        first, second = (self._single(Question(expand_abbreviations(h)), h, (q, typed)) for h in halves)
        return first, second

    def _two_parts(self, q: Question, typed: str, cuts: list[tuple[str, str]]) -> Answer | None:
        """Two questions in one (``cuts``: the ways to cut it, :func:`qa.parts.splits`), each answered with its own
        citations; None when the question is one question."""
        for cut in cuts:
            first, second = self._halves(q, typed, cut)
            if first.abstained or second.abstained:
                continue
            if (first.kind, first.citations[:1]) == (second.kind, second.citations[:1]):
                continue  # one answer twice: the question asks one thing
            return _joined(q, first, second)
        return None

    def _per_year(self, q: Question, typed: str, halves: tuple[str, str]) -> Answer:
        """A question asked of two years: both answered, or one answer that states both years; else an abstention
        (what one year's answer says would be read as the other's)."""
        first, second = self._halves(q, typed, halves)
        if first.abstained or second.abstained:
            return self._abstain(q, min(first.confidence, second.confidence))
        if (first.kind, first.citations[:1]) != (second.kind, second.citations[:1]):
            return _joined(q, first, second)
        years = [m.group(0) for m in YEAR.finditer(q.raw)]
        return first if all(y in first.answer for y in years) else self._abstain(q, first.confidence)


def _per_document(q: Question, first: Answer, second: Answer) -> Answer:
    """One figure as two documents state it, each named and cited."""
    text = " ".join(frame("per_document", q.lang, doc=a.citations[0].doc, answer=a.answer) for a in (first, second))
    citations = first.citations[:1] + second.citations[:1] + first.citations[1:2]
    return replace(first, answer=text, citations=citations, parts=[first, second])


def _joined(q: Question, first: Answer, second: Answer) -> Answer:
    """Two answers as one, each with its own citations."""
    text = " ".join(frame("part", q.lang, n=n, answer=a.answer) for n, a in enumerate((first, second), 1))
    citations = first.citations[:1] + second.citations[:1] + first.citations[1:2] + second.citations[1:2]
    return Answer(question=q.raw, answer=text, abstained=False, citations=citations, kind="two_part",
                  confidence=min(first.confidence, second.confidence), lang=q.lang, parts=[first, second])
