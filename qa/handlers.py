"""One function per question type: each reads the document model and returns an :class:`Answer`, or ``None`` when
the question is not of its type. Answers quote the document's own words and figures and cite canonical sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from index.lexicon import english_terms
from index.search import plain_query
from index.tokenize import compounds, fold
from ingest.agencies import ALIASES as AGENCY_ALIASES
from ingest.agencies import GLOSSARY, canonical_text, default_gazetteer, english_gloss
from ingest.datafiles import read_tsv
from ingest.figures import find_figures
from ingest.model import Document, Reference, Section, Task
from ingest.periods import Period, find_periods, parse_period
from qa.answer import Answer, Citation
from qa.compose import LIST_CHARS, cut_title, list_title_chars
from qa.evidence import PLACES, YEAR_RANGE, Evidence, per_question
from qa.question import Question, content_bigrams, content_syllables, generic_parts, is_generic, padded_words
from qa.structure import asking_words

MAX_ANSWER = 300
TASK_MIN_COSINE = 0.83  # below this (and without shared words) a described task is not in the table
TASK_MIN_OVERLAP = 0.5


def say(q: Question, vi: str, en: str) -> str:
    """The answer sentence in the question's language (figures and names stay as printed)."""
    return en if q.lang == "en" else vi


def clip(text: str, limit: int = MAX_ANSWER) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;") + "…"


def _answer(q: Question, text: str, citations: list[Citation], kind: str) -> Answer:
    return Answer(question=q.raw, answer=text, abstained=False, citations=citations, kind=kind)


# ---- agencies -------------------------------------------------------------------------------------------------

def _aliases() -> list[tuple[str, str]]:
    """(folded alias, canonical name), longest first: Vietnamese names with and without "Sở", English glosses, and
    the abbreviations and other forms the agency list prints ("Sở VHTTDL", "BQL KKT")."""
    out = list(AGENCY_ALIASES.items())
    for vi, en in GLOSSARY:
        out += [(vi, vi), (en, vi)]
        if en.startswith("Department of "):
            topic = en[len("Department of "):]
            out += [(f"{topic} Department", vi), (f"Dept of {topic}", vi), (f"{topic} Dept", vi)]
    return sorted({(_plain(alias), name) for alias, name in out}, key=lambda a: -len(a[0]))


def _plain(text: str) -> str:
    """Folded, lowercase, words only: how names are compared."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(canonical_text(text)).lower()))


ALIASES = _aliases()


def find_agency(q: Question) -> str | None:
    """The agency the question names, by its Vietnamese name (with or without diacritics) or English gloss."""
    text = f" {_plain(q.raw)} "
    for alias, name in ALIASES:
        if f" {alias} " in text:
            return name
    return None


def lead_names(task: Task, q: Question) -> str:
    """The lead agencies: one as printed, several by their full names ("các Sở: Nội vụ, …" → "Sở Nội vụ; …");
    in English, known agencies glossed."""
    if q.lang != "en":
        return task.lead.rstrip(".") if len(task.agencies) == 1 else "; ".join(a.name for a in task.agencies)
    glossed = [f"{a.name} ({english_gloss(a.name)})" if english_gloss(a.name) else a.name for a in task.agencies]
    return "; ".join(glossed)


def _short(task: Task, limit: int = 110) -> str:
    return clip(task.text, limit)


# ---- the document itself ----------------------------------------------------------------------------------------

def _quote_line(ev: Evidence, doc: Document, needle: str, fallback: str) -> Citation:
    for section in doc.sections:
        if needle and needle in section.text:
            return ev.cite_text(doc.id, section.id, needle)
    return ev.cite(doc.id, fallback)


def answer_metadata(q: Question, ev: Evidence) -> Answer | None:
    """Number, date, issuer, signer and title, recipients, the conclusion it implements, people named."""
    doc = ev.documents[0]
    m = doc.metadata
    other_docs = [n for n in q.doc_numbers if n.upper() != doc.id.upper()]
    if other_docs or q.task_numbers or q.target_numbers:
        return None
    sig = "SIG" if any(s.id == "SIG" for s in doc.sections) else doc.sections[-1].id
    if (q.asks_person_name or q.asks_holder) and not q.asks_signer:
        role = q.folded
        if m.signer and re.search(r"bi thu|secretary", role) and not re.search(r"pho bi thu|deputy", role):
            return _answer(q, f"{m.signer} ({m.signer_title})",
                           [_quote_line(ev, doc, m.signer, sig)], "metadata")
        return None  # a person the document does not name: the pipeline abstains
    if re.search(r"thay mat|on (?:whose )?behalf|\bt/m\b", q.folded) and m.signer_title:
        return _answer(q, f"{m.signer_title} {m.signer}", [_quote_line(ev, doc, m.signer_title.split()[0], sig)],
                       "metadata")
    if m.recipients and re.search(r"(?<!trung )\bluu\b|archiv|\bkept\b|\bfiled\b", q.folded) and _about_itself(q):
        kept = [r for r in m.recipients if fold(r).lower().startswith("luu")]
        if kept:
            return _answer(q, kept[0], [_quote_line(ev, doc, kept[0], sig)], "metadata")
    if m.recipients and re.search(r"de lam gi|\bwhy\b|purpose|\bfor what\b", q.folded):
        named = [r for r in m.recipients if "(" in r and any(w in _plain(r) for w in _plain(q.raw).split()
                                                              if len(w) > 3)]
        if named:
            return _answer(q, named[0], [_quote_line(ev, doc, named[0], sig)], "metadata")
    if re.search(r"loai (?:van ban )?(?:gi|nao)|what (?:kind|type|sort) of (?:document|text)|la (?:nghi quyet|"
                 r"chuong trinh|ket luan) hay", q.folded) and m.kind and _about_itself(q):
        first_line = doc.sections[0].text.strip().splitlines()[0]
        return _answer(q, say(q, f"{m.kind} (số {m.number})", f"{m.kind} No. {m.number}"),
                       [_quote_line(ev, doc, first_line, doc.sections[0].id)], "metadata")
    if re.search(r"phu luc|appendix|annex", q.folded) and re.search(r"tieu de|ten|title|heading|called|named",
                                                                     q.folded):
        appendix = next((s for s in doc.sections if s.id == "PL"), None)
        if appendix is not None:
            lines = [ln.strip() for ln in appendix.text.splitlines() if ln.strip()][1:3]
            return _answer(q, clip(" ".join(lines)), [ev.cite_text(doc.id, "PL", lines[0])], "metadata")
    if q.asks_signer and m.signer and not q.asks_date:  # "when was it signed" asks the date
        return _answer(q, say(q, f"{m.signer_title} {m.signer} ký", f"Signed by {m.signer_title} {m.signer}"),
                       [_quote_line(ev, doc, m.signer, sig)], "metadata")
    if q.asks_position and m.signer_title and re.search(r"ky|sign", q.folded):
        return _answer(q, f"{m.signer_title} {m.signer}",
                       [_quote_line(ev, doc, m.signer_title.split()[-1], sig)], "metadata")
    if q.asks_recipients and m.recipients:
        listed = "; ".join(m.recipients)
        if re.search(r"bao cao|report", q.folded):
            hits = [r for r in m.recipients if "báo cáo" in r]
            listed = "; ".join(hits) or listed
        listed = clip(listed, LIST_CHARS)  # the list is what is asked: every recipient, not the first few
        return _answer(q, say(q, f"Nơi nhận: {listed}", f"Recipients: {listed}"),
                       [ev.cite(doc.id, sig)], "metadata")
    if not (q.about_this_document or re.search(r"van ban|document|programme|program|chuong trinh", q.folded)):
        return None
    if not _about_itself(q):
        return None  # it names something else ("the plan reviewing legal documents … issued when?"): not the programme
    if q.asks_implements and m.implements and not re.search(r"nao thuc hien|which .*implements? (?:it|this)",
                                                          q.folded):
        ref = next((r for r in doc.references if r.id == m.implements), None)
        detail = _describe_reference(ref, q) if ref else m.implements
        return _answer(q, clip(say(q, f"{m.kind} số {m.number} thực hiện {detail}", f"It implements {detail}")),
                       [_quote_line(ev, doc, m.implements, doc.sections[0].id)], "metadata")
    if q.asks_issuer and m.issuer:
        return _answer(q, say(q, f"{m.issuer} ban hành {m.kind} số {m.number}",
                              f"{m.issuer} (the {english_gloss(m.issuer) or 'issuing body'}) issued {m.number}"),
                       [_quote_line(ev, doc, m.issuer, doc.sections[0].id)], "metadata")
    if q.asks_date and m.date_text:
        return _answer(q, say(q, f"Ngày {m.date_text} ({m.date})", f"{m.date_text} ({m.date})"),
                       [_quote_line(ev, doc, m.date_text, doc.sections[0].id)], "metadata")
    if re.search(r"so hieu|ky hieu|\bso (?:cua|la)|\bnumber\b|so bao nhieu|mang so", q.folded) and m.number:
        return _answer(q, say(q, f"{m.kind} số {m.number}", f"{m.kind} No. {m.number}"),
                       [_quote_line(ev, doc, m.number, doc.sections[0].id)], "metadata")
    if re.search(r"tieu de|ten (?:day du|cua) (?:chuong trinh|van ban)|\btitle\b", q.folded) and m.title:
        return _answer(q, clip(m.title), [ev.cite(doc.id, doc.sections[0].id)], "metadata")
    return None


def asked_in_section(q: Question) -> set[str]:
    """What the question asks about in a section it names: its topical syllables that neither name a part ("điều",
    "khoản"), nor the document, nor ask what it says ("quy định gì")."""
    return set(q.topic_syllables) - DOCUMENT_WORDS - asking_words()


# Words a question about the programme itself uses: what it is, who issued or signed it, when, what it implements.
DOCUMENT_WORDS = frozenset("""
van ban chuong trinh hanh dong tai lieu nay ke hoach thuc hien ket luan kl ctr tu thanh uy thuong vu ngay thang
ban hanh ky ten so hieu ky hieu loai co quan tieu de day du trung uong bo chinh tri
document programme program action plan implement implements implementing conclusion issued issue issuing signed
sign date dated number title full kind type body organ authority official archive archived copy copies kept filed
stored luu recipients recipient receives nhan noi gui
nghi quyet quyet dinh nghi dinh thong tu luat chi thi quy che resolution decision decree law circular directive
regulation hieu luc thi hanh thong qua ky hop quoc hoi effect effective force enter take takes adopted passed session
subject about ve trich yeu noi
""".split())


def _other_words(q: Question, known: set[str] = frozenset()) -> set[str]:
    """The question's topical words that say neither what a document is nor anything in ``known``."""
    return content_syllables(q.raw) - DOCUMENT_WORDS - known


def _about_itself(q: Question, doc: Document | None = None, asking: frozenset[str] = frozenset()) -> bool:
    """The question names nothing but the document and what it asks of it (two other words at most, besides the
    ``asking`` words that say what is asked); the words of ``doc``'s subject name the document ("nghị quyết về kinh
    tế tư nhân … do ai ban hành?")."""
    known = describing_words(q, doc) if doc is not None else frozenset()
    return len(_other_words(q, known | asking)) <= 2


def describing_words(q: Question, doc: Document) -> set[str]:
    """The syllables of a document's subject, title and issuer, and the English words of the question that
    translate them (the lexicon): what names the document in "the private economy resolution", "nghị quyết của
    Quốc hội về kinh tế tư nhân"."""
    m = doc.metadata
    known = content_syllables(f"{m.subject} {m.title} {m.issuer}")
    if q.lang == "en":
        known |= {w for english, forms in english_terms(q.raw) if any(content_syllables(f) <= known for f in forms)
                  for w in content_syllables(english)}
    return known


# ---- references -------------------------------------------------------------------------------------------------

def _find_reference(ev: Evidence, number: str) -> Reference | None:
    wanted = number.upper()
    for d in ev.documents:
        for r in d.references:
            if r.id.upper() == wanted:
                return r
    return None


def _all_references(ev: Evidence) -> list[Reference]:
    return [r for d in ev.documents for r in d.references]


def _describe_reference(r: Reference, q: Question) -> str:
    parts = [r.mention]
    if r.date:
        parts.append(f"ngày {r.date}")
    if r.issuer:
        parts.append(f"của {r.issuer}")
    if r.about:
        parts.append(f"về {r.about}")
    text = clip(" ".join(parts), 260)
    gloss = english_gloss(r.issuer) if r.issuer else ""
    return f"{text} (issued by the {gloss})" if q.lang == "en" and gloss else text


def _cite_reference(ev: Evidence, r: Reference) -> list[Citation]:
    cites = []
    for section_id in r.sections[:3]:
        for d in ev.documents:
            if any(s.id == section_id for s in d.sections) and r.id in d.section(section_id).text:
                cites.append(ev.cite_text(d.id, section_id, _mention_span(d.section(section_id).text, r.id)))
                break
    return cites


def _mention_span(text: str, ref_id: str) -> str:
    """The sentence of ``text`` that mentions ``ref_id``: what a citation quotes."""
    at = text.find(ref_id)
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find(". ", at), text.find("\n", at), text.find(";", at)) if e >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()


_SHORT_NUMBER = re.compile(r"(?:nghi quyet|ket luan|resolution|conclusion|chuong trinh hanh dong|ke hoach hanh "
                           r"dong|action programme|action program|action plan|programme|program|plan)\s+"
                           r"(?:so\s+|no\.?\s*)?(\d{1,3})\b(?![./-]\d)")
_ASKS_DOCUMENT = re.compile(r"nghi quyet|ket luan|van ban|chuong trinh|ke hoach|resolution|conclusion|programme|"
                            r"program\b|action plan|decision|quyet dinh")
DOER_KINDS = ("Chương trình hành động", "Kế hoạch hành động")  # the documents that implement a resolution
_KIND_WORDS = (("Nghị quyết", r"nghi quyet|resolution"), ("Kết luận", r"ket luan|conclusion"),
               ("Chương trình hành động", r"chuong trinh|programme|program\b"),
               ("Kế hoạch hành động", r"ke hoach|action plan"))


@per_question
def referenced(q: Question, ev: Evidence) -> list[Reference]:
    """Documents the question names, by full number ("72-NQ/TW") or short ("Nghị quyết 72")."""
    own = {d.id.upper() for d in ev.documents}
    refs = [r for n in q.doc_numbers if n.upper() not in own and (r := _find_reference(ev, n)) is not None]
    by_short = {}
    for r in _all_references(ev):
        by_short.setdefault(re.split(r"[-/]", r.id)[0].lstrip("0"), r)
    refs += [by_short[n.lstrip("0")] for n in _SHORT_NUMBER.findall(q.folded) if n.lstrip("0") in by_short]
    return list(dict.fromkeys(refs))


def _reference_in_units(q: Question, ev: Evidence) -> Reference | None:
    """For "which resolution …" without a number: the reference in the best-matching sentence that mentions one."""
    kinds = [kind for kind, words in _KIND_WORDS if re.search(words, q.folded)]
    refs = [r for r in _all_references(ev) if not kinds or r.kind in kinds]
    issuers = [r.issuer for r in refs if r.issuer and (_plain(r.issuer) in _plain(q.raw) or any(
        en.lower() in q.text for vi, en in GLOSSARY if vi == r.issuer))]
    if issuers:
        refs = [r for r in refs if r.issuer in issuers]
    rows = [i for i in ev.rows if any(r.id in ev.units[i].text for r in refs)]
    ranked = ev.rank_units(q, rows, prior=[(r.doc, r.section) for r in ev.search(q, 8)], limit=1)
    if not ranked or (ranked[0].cosine < TOPIC_MIN_COSINE[q.lang] and ranked[0].overlap < 0.4):
        return None
    text = ev.units[ranked[0].row].text
    return min((r for r in refs if r.id in text), key=lambda r: text.find(r.id))


def answer_reference(q: Question, ev: Evidence) -> Answer | None:
    """What a referenced document is, its date, issuer, subject, and which programme implements which resolution."""
    refs = referenced(q, ev)
    if q.task_numbers and _ASKS_DOCUMENT.search(q.folded) and not (q.asks_lead or q.asks_deadline):
        in_task = [r for r in _all_references(ev) if any(f"PL.{n}" in r.sections for n in q.task_numbers)]
        if in_task:
            return _answer(q, _describe_reference(in_task[0], q), _cite_reference(ev, in_task[0]), "reference")
    about_document = q.asks_issuer or q.asks_date or q.asks_about
    if refs and (q.asks_deadline or q.asks_lead) and not about_document and any(
            s.startswith("PL.") for r in refs for s in r.sections):
        return None  # about the task that names the document
    if not refs:
        if not q.asks_which_document:
            return None
        ref = _reference_in_units(q, ev)
        if ref is None:
            return None
        return _answer(q, _describe_reference(ref, q), _cite_reference(ev, ref), "reference")
    ref = refs[0]
    implementing = q.asks_implements or re.search(r"thuc hien|implement", q.folded)
    # asked for the programme or plan of a named resolution ("NQ 80 thì có chương trình hành động số mấy?")
    asks_doer = any(kind in DOER_KINDS and re.search(rf"(?:{words})\b.*\b(?:so may|so nao|nao|so bao nhieu|so hieu)\b"
                                                     rf"|\bwhich (?:\w+ ){{0,3}}(?:{words})", q.folded)
                    for kind, words in _KIND_WORDS)
    if ref.kind in ("Nghị quyết", "Kết luận") and (asks_doer or implementing and re.search(
            r"(?:which|nao|what)\b.*(?:thuc hien|implement)", q.folded)):
        doers = [r for r in _all_references(ev) if r.implements.upper() == ref.id.upper()]
        if doers:
            listed = "; ".join(_describe_reference(r, q) for r in doers)
            return _answer(q, say(q, f"{listed} thực hiện {ref.mention}", f"{listed} — implementing "
                                  f"{ref.mention}"), _cite_reference(ev, doers[0]), "reference")
    if implementing:
        if ref.implements:
            target = _find_reference(ev, ref.implements)
            detail = _describe_reference(target, q) if target else ref.implements
            return _answer(q, say(q, f"{ref.mention} thực hiện {detail}", f"{ref.mention} implements {detail}"),
                           _cite_reference(ev, ref), "reference")
    if q.asks_date:
        if not ref.date:
            return abstain(q, ev)  # the document names it without a date
        return _answer(q, say(q, f"{ref.mention} ngày {ref.date}", f"{ref.mention} is dated {ref.date}"),
                       _cite_reference(ev, ref), "reference")
    if q.asks_issuer and not ref.issuer or q.asks_signer:
        return abstain(q, ev)  # a document the corpus only names: who signed it is not printed here
    if q.asks_issuer:
        gloss = english_gloss(ref.issuer)
        return _answer(q, say(q, f"{ref.mention} của {ref.issuer}",
                              f"{ref.mention} was issued by {ref.issuer}" + (f" ({gloss})" if gloss else "")),
                       _cite_reference(ev, ref), "reference")
    if q.asks_amount or len(_other_words(q, set(_plain(ref.mention).split()))) > (0 if q.asks_about else 3):
        return None  # asks what the text says on a subject the document is named with, or how many: not what it is
    return _answer(q, _describe_reference(ref, q), _cite_reference(ev, ref), "reference")


# ---- tasks ------------------------------------------------------------------------------------------------------

def _cite_task(ev: Evidence, task: Task) -> Citation:
    return ev.cite(ev.task_doc(task).id, task.section)


def task_rows(ev: Evidence, tasks: list[Task]) -> list[int]:
    return [row for t in tasks for row in ev.section_units(ev.task_doc(t).id, t.section)[:1]]


def find_described_task(q: Question, ev: Evidence) -> tuple[Task, dict[str, float]] | None:
    """The task a question describes without its number, when one matches well enough, with how well its row
    matches: cosine, topical overlap (plain and weighed by rarity), key-term support, its section's search rank."""
    refs = referenced(q, ev)
    named = [t for t in ev.tasks if any(r.id in t.text or t.section in r.sections for r in refs)]
    pool = named or ev.tasks
    results = ev.search(q, 10)
    ranked = ev.rank_units(q, task_rows(ev, pool), prior=[(r.doc, r.section) for r in results], limit=1)
    if not ranked:
        return None
    best = ranked[0]
    is_supported = supported(q, ev, best.row)
    if not named and (best.cosine < TASK_MIN_COSINE and best.overlap < TASK_MIN_OVERLAP or not is_supported):
        return None
    section = ev.units[best.row].section
    (section_rank, _), = ev.standing([best], results)
    match = {"cosine": best.cosine, "overlap": best.overlap, "weighted": ev.weighted_overlap(q, best.row),
             "supported": float(is_supported), "section_rank": section_rank}
    return next(t for t in pool if t.section == section), match


def answer_task(q: Question, ev: Evidence) -> tuple[Answer, dict[str, float]] | None:
    """Lead agency or deadline of a task named by number or described, with how well a described one matches
    (:func:`find_described_task`; nothing for a task named by its number)."""
    if not (q.asks_lead or q.asks_deadline) or (q.asks_list and not q.task_numbers):
        return None
    if not q.task_numbers and find_agency(q) is not None and not q.asks_deadline and not ASKS_WHICH_BODY.search(
            q.folded):
        return None  # "which tasks does agency X lead": the agency handler
    if q.asks_count and not q.task_numbers:
        return None
    match: dict[str, float] = {}
    if q.task_numbers:
        by_number = {t.number: t for t in ev.tasks}
        task = by_number.get(q.task_numbers[0])
        if task is None:
            return None  # no such task: the pipeline abstains
    else:
        found = find_described_task(q, ev)
        if found is None:
            return None
        task, match = found
    cite = _cite_task(ev, task)
    if q.asks_lead and q.asks_deadline:
        names = lead_names(task, q)
        return _answer(q, say(q, f"{names} chủ trì; thời hạn: {task.deadline} — nhiệm vụ {task.number}: {_short(task)}",
                              f"{names} leads; deadline: {task.deadline} — task {task.number} ({_short(task, 90)})"),
                       [cite], "task_lead_deadline"), match
    if q.asks_deadline and not q.asks_lead:
        return _answer(q, say(q, f"{task.deadline} — thời hạn hoàn thành nhiệm vụ {task.number}: {_short(task)}",
                              f"{task.deadline} — the deadline of task {task.number} ({_short(task)})"),
                       [cite], "task_deadline"), match
    names = lead_names(task, q)
    text = say(q, f"{names} — chủ trì nhiệm vụ {task.number}: {_short(task)}",
               f"{names} — lead agency for task {task.number} ({_short(task, 90)})")
    if len(text) > MAX_ANSWER:  # many agencies: the names are the answer
        names = "; ".join(a.name for a in task.agencies) if len(names) > MAX_ANSWER - 20 else names
        text = say(q, f"{names} — nhiệm vụ {task.number}", f"{names} — task {task.number}")
    return _answer(q, text, [cite], "task_lead"), match


ASKS_WHICH_BODY = re.compile(r"\b(?:which|what) (?:department|agency|agencies|body|bodies|unit|office|organ)|"
                             r"\bco quan nao|\bdon vi nao|\bso nao\b|\bai (?:chu tri|lo|phu trach|chiu trach nhiem)")


def _tasks_of(ev: Evidence, agency: str) -> list[Task]:
    return [t for t in ev.tasks if any(a.name == agency and not a.generic for a in t.agencies)]


def answer_agency(q: Question, ev: Evidence) -> Answer | None:
    """All tasks an agency leads (co-led included), or how many."""
    agency = find_agency(q)
    if agency is None or q.task_numbers or not (q.asks_list or q.asks_count or q.asks_lead) or not ev.tasks:
        return None  # no document in scope has a task table ("NQ 198 giao Chính phủ những việc gì?")
    if not (q.asks_list or q.asks_count) and ASKS_WHICH_BODY.search(q.folded):
        return None  # "which department … after the National Assembly adopts …": the named body is not the subject
    if parse_period(q.raw) is not None:
        return None  # its tasks due in a period: the task list filters by both
    tasks = _tasks_of(ev, agency)
    group = asked_group(q, ev)
    if group is not None:  # its tasks in one group of the table
        tasks = [t for t in tasks if t.group_id == group]
    if not tasks and not (q.asks_list or q.asks_count):
        return None  # "… của UBND thành phố: cơ quan chủ trì?": the body is part of a described task
    gloss = english_gloss(agency)
    name_en = f"{agency} ({gloss})" if gloss else agency
    cites = [_cite_task(ev, t) for t in tasks]
    if not tasks:
        return _answer(q, say(q, f"{agency} không chủ trì nhiệm vụ nào trong Phụ lục.",
                              f"{name_en} leads none of the appendix tasks."), cites, "agency_tasks")
    numbers = ", ".join(str(t.number) for t in tasks)
    if q.asks_count and not q.asks_list:
        return _answer(q, say(q, f"{len(tasks)} nhiệm vụ ({numbers}) do {agency} chủ trì",
                              f"{len(tasks)} tasks ({numbers}) are led by {name_en}"), cites, "count")
    listed = "; ".join(f"{t.number}. {cut_title(t.text, list_title_chars(len(tasks)))}" for t in tasks)
    return _answer(q, say(q, f"{agency} chủ trì {len(tasks)} nhiệm vụ: {numbers} — {listed}",
                          f"{name_en} leads {len(tasks)} tasks: {numbers} — {listed}"), cites, "agency_tasks")


# ---- counts -----------------------------------------------------------------------------------------------------

def _named_section(q: Question, sections: list[Section], minimum: float = 0.6) -> Section | None:
    """The section whose heading the question repeats (most of the heading's topical words), if any."""
    best, best_share = None, 0.0
    for section in sections:
        words = content_syllables(section.heading.split("\t")[1] if "\t" in section.heading else section.heading)
        if words:
            share = len(words & q.topic_syllables) / len(words)
            if share > best_share:
                best, best_share = section, share
    return best if best_share >= minimum else None


GROUP_WORDS = frozenset("nhom nhiem vu giai phap ve dau viec cong co gom phu luc".split())


def _named_group(q: Question, groups: list[Section], minimum: float = 0.6) -> Section | None:
    """The task group the question describes by its title: most of the question's topical words (in English, its
    translated terms) are in the title, and no other title matches as well."""
    agency = find_agency(q)  # the body whose tasks of the group are asked is not part of the group's title
    agency_words = set(_plain(agency).split()) if agency else set()

    def share(section: Section) -> float:
        title = _plain(section.heading)
        if q.lang == "en":
            terms = [vi for en, vi in english_terms(q.raw) if not is_generic(_plain(en)) and not all(
                _plain(v) in ("nhiem vu", "phu luc") for v in vi)]
            return sum(any(f" {_plain(v)} " in f" {title} " for v in vi) for vi in terms) / len(terms) if terms else 0
        words = q.topic_syllables - GROUP_WORDS - agency_words
        return len(words & set(title.split())) / len(words) if words else 0.0

    scored = sorted(((share(g), g) for g in groups), key=lambda p: -p[0])
    if not scored or scored[0][0] < minimum or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _groups(doc: Document) -> list[Section]:
    """The task table's groups ("PL.VI")."""
    return [s for s in doc.sections if s.parent == "PL" and "\t" in s.heading]


def asked_group(q: Question, ev: Evidence) -> str | None:
    """The id of the task group the question names, by number ("nhóm VI") or by its title, when it says "group"."""
    if q.group:
        return f"PL.{q.group}"
    if not re.search(r"nhom|group", q.folded):
        return None
    doc = next((d for d in ev.documents if d.tasks), None)
    named = _named_group(q, _groups(doc)) if doc is not None else None
    return named.id if named else None


def due_in(task: Task, period: Period) -> bool:
    """The task's deadline names the period (any of the periods it names, as the Tasks filter reads it)."""
    return any(p.label == period.label for _, _, p in find_periods(task.deadline))


def answer_count(q: Question, ev: Evidence) -> Answer | None:
    """How many tasks (in all, in a group, with a deadline), targets, groups, sub-sections."""
    counted = re.search(r"(?:bao nhieu|bao nhiu|\bmay|how many|number of|so luong|tong so|gom)\s+(?:\w+\s+){0,3}?"
                        r"(?:nhiem vu|task|chi tieu|target|indicator|nhom|group|muc|section|area|part|linh vuc|diem"
                        r"|noi dung|point|item|dau viec|cong viec|viec|subsection|sub-section|tieu muc|muc con)",
                        q.folded) or (
        re.search(r"(?:nhom|group)\b.*\b(?:nhiem vu|dau viec|cong viec|tasks?)\b|\b(?:nhiem vu|tasks?)\b.*\b(?:nhom|"
                  r"group)\b", q.folded))
    if not q.asks_count and not re.search(r"\bgom may\b", q.folded) or not counted or q.task_numbers \
            or q.target_numbers:
        return None
    doc = next((d for d in ev.documents if d.tasks or d.targets), ev.documents[0])
    f = q.folded
    parents = [s for s in doc.sections if doc.children(s.id) and not s.id.startswith("PL")]
    if re.search(r"section|muc|noi dung|diem|point|item|part", counted.group(0)):
        section = _section_named_by_number(q, parents)
        if section is not None:
            return _count_children(q, ev, doc, section)
    groups = _groups(doc)
    group_id = asked_group(q, ev)
    if group_id is None and re.search(r"nhom|group", f) and groups:
        return _answer(q, say(q, f"{len(groups)} nhóm nhiệm vụ (I–{groups[-1].id[3:]})",
                              f"{len(groups)} task groups (I–{groups[-1].id[3:]})"), [ev.cite(doc.id, "PL")], "count")
    if re.search(r"nhiem vu|task", f) and doc.tasks:
        if group_id:
            in_group = [t for t in doc.tasks if t.group_id == group_id]
            if not in_group or find_agency(q) is not None:
                return None  # an agency's tasks in the group: the agency type counts them
            return _answer(q, say(q, f"{len(in_group)} nhiệm vụ (từ {in_group[0].number} đến {in_group[-1].number})",
                                  f"{len(in_group)} tasks ({in_group[0].number}–{in_group[-1].number})"),
                           [ev.cite(doc.id, group_id)], "count")
        period = parse_period(q.raw)
        if period and re.search(r"thoi han|deadline|due|han", f):
            if find_agency(q) is not None:
                return None  # one agency's tasks in the period: the task list counts them
            hits = [t for t in doc.tasks if due_in(t, period)]
            numbers = ", ".join(str(t.number) for t in hits)
            return _answer(q, say(q, f"{len(hits)} nhiệm vụ ({numbers})", f"{len(hits)} tasks ({numbers})"),
                           [_cite_task(ev, t) for t in hits], "count")
        if find_agency(q) is None:
            return _answer(q, say(q, f"{len(doc.tasks)} nhiệm vụ trong Phụ lục",
                                  f"{len(doc.tasks)} tasks in the appendix"), [ev.cite(doc.id, "PL")], "count")
        return None
    if re.search(r"chi tieu|target|indicator", f) and doc.targets and not q.years:
        return _answer(q, say(q, f"{len(doc.targets)} chỉ tiêu chủ yếu", f"{len(doc.targets)} key targets"),
                       [ev.cite(doc.id, "II.2")], "count")
    section = _section_named_by_number(q, parents) or _named_section(q, parents)
    return _count_children(q, ev, doc, section) if section is not None else None


def _section_named_by_number(q: Question, parents: list[Section]) -> Section | None:
    """The section the question names by id ("III.1") or by its own number ("mục 1.3" where only III.1.3 ends so)."""
    section_ref = re.search(r"\b([IVX]+(?:\.\d+)*)\b", q.raw)
    numbered = re.search(r"(?<![\d.])(\d+(?:\.\d+)+)(?![\d.]*\d)", q.raw)
    by_number = [s for s in parents if numbered and s.id.endswith("." + numbered.group(1))]
    return (next((s for s in parents if section_ref and s.id == section_ref.group(1)), None)
            or (by_number[0] if len(by_number) == 1 else None))


def _count_children(q: Question, ev: Evidence, doc: Document, section: Section) -> Answer:
    children = doc.children(section.id)
    return _answer(q, say(q, f"{len(children)} mục ({', '.join(c.id for c in children)})",
                          f"{len(children)} sections ({', '.join(c.id for c in children)})"),
                   [ev.cite(doc.id, section.id)], "count")


# ---- targets and figures ----------------------------------------------------------------------------------------

def answer_target_number(q: Question, ev: Evidence) -> Answer | None:
    """A target named by its number: "chỉ tiêu (8)", "target 8"."""
    if not q.target_numbers:
        return None
    for d in ev.documents:
        for t in d.targets:
            if t.number == q.target_numbers[0]:
                return _answer(q, clip(d.section(t.section).text), [ev.cite(d.id, t.section)], "target")
    return None  # no such target: the pipeline abstains


def best_unit_answer(ev: Evidence, q: Question, row: int) -> str:
    """The answer text for a unit: a whole target line when short, else the unit's sentence that matches best."""
    unit = ev.units[row]
    section = ev.document(unit.doc).section(unit.section)
    if len(section.text) <= MAX_ANSWER and section.id.startswith("II.2.("):
        return clip(section.text)
    text = " ".join(unit.text.split())
    if text.endswith(":"):  # "… công nghệ số như:": what it introduces follows in the section's next units
        following = [r for r in ev.section_units(unit.doc, unit.section) if r > row]
        if not following:  # "… các chức năng sau đây:" followed by its points a), b) …: the whole list
            doc = ev.document(unit.doc)
            items = [" ".join(c.text.split()) for c in doc.children(unit.section)]
            if items:
                return clip(" ".join([text, *items]), LIST_CHARS)
        text = " ".join([text, *(" ".join(ev.units[r].text.split()) for r in following)])
    return clip(focus(text, q))


def focus(text: str, q: Question) -> str:
    """The sentence of a long text that shares most with the question (a task row, a long clause); of a sentence
    still too long, the run of its comma-separated pieces that does."""
    text = " ".join(text.replace("\t", " · ").split())
    if len(text) <= MAX_ANSWER:
        return text
    wanted = q.topic_syllables
    sentences = [p.strip() for p in re.split(r"(?<=[.;])\s+| · ", text) if p.strip()]
    best = max(sentences, key=lambda p: len(wanted & content_syllables(p)))
    return best if len(best) <= MAX_ANSWER else _window(best, wanted, q.topic_pairs, q.asks_figure)


def _window(sentence: str, wanted: set[str], pairs: set[str], figure: bool = False) -> str:
    """The run of comma-separated pieces of ``sentence``, at most :data:`MAX_ANSWER` long (or one piece), that
    shares most syllables and syllable pairs with the question: the earliest such run, and of those the longest.
    Asked for a figure, a run that states a number comes first."""
    pieces = re.split(r"(?<=,)\s+", sentence)
    runs = []
    for i in range(len(pieces)):
        if figure and i and _continues_alternative(pieces[i - 1], pieces[i]):
            continue  # "… bình quân 20 ha/khu công nghiệp, cụm công nghiệp hoặc 5% …": one figure, or the other
        for j in range(i + 1, len(pieces) + 1):
            run = " ".join(pieces[i:j])
            if j > i + 1 and len(run) > MAX_ANSWER:
                break
            shared = len(wanted & content_syllables(run)) + len(pairs & content_bigrams(run))
            runs.append(((figure and bool(find_figures(run)), shared, -i, len(run)), run))
    return max(runs)[1]


_ALTERNATIVE = re.compile(r"(?<!\w)(?:hoặc|hay là|hay)(?!\w)")


def _continues_alternative(before: str, piece: str) -> bool:
    """Whether ``piece`` offers an alternative to a figure the piece ``before`` it states: the two are one answer."""
    figures = find_figures(piece)
    if not figures or not find_figures(before):
        return False
    first = piece.find(figures[0].text)
    return bool(_ALTERNATIVE.search(piece, 0, first if first >= 0 else len(piece)))


def supported(q: Question, ev: Evidence, row: int) -> bool:
    """Checks an evidence unit against what the question names: years and places must be in its section, and
    at least half of the question's key terms in the unit or its heading."""
    unit = ev.units[row]
    period = ev.own_period.get(unit.doc)  # its lines need not repeat the period a document is for
    for year in q.years:
        if not (period and period[0] <= year <= period[1]) and not re.search(rf"(?<![/\d]){year}(?!\d)",
                                                                              unit.embed_text):
            return False
    for year in single_years(q):  # "in 2026 alone" is not answered by a 2026 - 2030 figure; "by 2030" is
        if not (period and year == period[1]) and not names_year_alone(unit.embed_text, year):
            return False
    if not ev.names_places(unit.doc, unit.section, places_in(q)):
        return False
    if PRESENT.search(q.folded) and not PRESENT_EVIDENCE.search(unit.text):
        return False  # the programme sets targets; the present state is stated only where it says so
    groups = key_terms(q, ev)
    if not groups and q.lang == "en" and any(w not in ev.corpus_words for w in content_syllables(q.raw)):
        return False  # English words the lexicon does not know and the corpus does not use: nothing to check
    unit_text = f" {ev.unit_folded(row)} "
    if q.lang == "en":  # translated terms keep their marks; one of 3+ syllables may stand in another order
        marked = f" {ev.unit_marked(row)} "
        words = set(marked.split())
        found = sum(any(f" {t} " in (unit_text if t == fold(t) else marked)
                        or (len(t.split()) > 2 and set(t.split()) <= words) for t in g) for g in groups)
    else:  # a compound typed with marks whose head is there ("trường" for "trường học") counts half
        words, half = set(unit_text.split()), 0.5 if _marked(q) else 0.0
        found = sum(1.0 if any(f" {t} " in unit_text for t in g) else
                    half if any(len(t.split()) > 1 and t.split()[0] in words for t in g)
                    else 0.0 for g in groups)
    return found >= KEY_TERM_SHARE * len(groups) - 1e-9


def single_years(q: Question) -> list[int]:
    """Years the question names on their own ("in 2026"), not as one end of a range ("2026 - 2030")."""
    return [y for y in q.years if not any(str(y) in r for r in YEAR_RANGE.findall(q.folded))]


def names_year_alone(text: str, year: int) -> bool:
    """Whether a text names ``year`` other than as the start or inside of a range ("2026 - 2030" names 2030, not
    2026)."""
    kept = YEAR_RANGE.sub(lambda m: m.group(0) if m.group(2) == str(year) else " ", text)
    return re.search(rf"(?<!\d){year}(?!\d)", kept) is not None


@per_question
def key_terms(q: Question, ev: Evidence) -> list[tuple[str, ...]]:
    """The question's key terms, folded, each a group of alternatives: in Vietnamese its compound words when typed
    with diacritics (segmentation is reliable then), else its pairs of topical syllables; in English the Vietnamese
    terms of its English ones, and the names and acronyms it uses that the corpus knows."""
    if q.lang == "en":
        groups = [tuple(_words(v) for v in vi) for en, vi in english_terms(q.raw) if not is_generic(_plain(en))]
        groups = [g for g in groups if not all(is_generic(fold(t)) or re.search(r"\d", t) or fold(t) in HOME
                                               for t in g)]
        names = re.findall(r"(?<![.?!]\s)(?<!^)\b[A-ZĐ][a-zà-ỹđ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*)*", q.raw)
        groups += [(_folded(n),) for n in names if _folded(n) in ev.corpus_folded and _folded(n) not in HOME]
        return groups
    if _marked(q):
        return [(w,) for w in vietnamese_words(q, ev) if not is_generic(w)] + [(n,) for n in names_in(q, ev)]
    return [(w,) for w in sorted(q.topic_syllables)] + [(p,) for p in sorted(q.topic_pairs)]


@per_question
def vietnamese_words(q: Question, ev: Evidence) -> list[str]:
    """The folded compounds of a question typed with marks; a compound the corpus lacks that is a word it has glued
    to a question word (a segmentation slip: "công_giai_đoạn") counts as that word."""
    out, corpus = [], ev.corpus_padded
    frames = generic_parts(q.folded)
    for word in (fold(w).replace("_", " ") for w in compounds(q.raw)):
        if any(f" {word} " in f" {frame} " for frame in frames):
            continue
        syllables = word.split()
        splits = [(" ".join(syllables[:i]), " ".join(syllables[i:])) for i in range(1, len(syllables))]
        known = [b if is_generic(a) else a for a, b in splits if (is_generic(a) and f" {b} " in corpus)
                 or (is_generic(b) and f" {a} " in corpus)]
        out.append(known[0] if f" {word} " not in corpus and known else word)
    return out


@per_question
def names_in(q: Question, ev: Evidence) -> list[str]:
    """Proper names of two or more capitalised words the question uses after its first word ("Cát Bà"), folded,
    when the corpus has them."""
    words = q.raw.split()
    out, run = [], []
    for i, w in enumerate([*words, ""]):
        clean = w.strip("?.,;:!()\"“”'")
        if i > 0 and clean[:1].isupper() and clean.isalpha():
            run.append(clean)
            continue
        if len(run) > 1 and _folded(" ".join(run)) not in HOME and _folded(" ".join(run)) in ev.corpus_folded:
            out.append(_folded(" ".join(run)))
        run = []
    return out


HOME = ("hai phong",)
PRESENT = re.compile(r"\bhien (?:nay|tai|co)\b|\bcurrent(?:ly)?\b(?! prices?)|\bnow\b|\btoday\b|at present")
PRESENT_EVIDENCE = re.compile(r"hiện nay|hiện tại|hiện có|hiện đang", re.IGNORECASE)
# Acronyms an English question may use for what the Vietnamese text spells out.
ACRONYMS = {row["acronym"]: tuple(v.strip() for v in row["vietnamese"].split("|"))
            for row in read_tsv("acronyms.tsv", package="qa")}  # acronym → the words the documents print for it
KEY_TERM_SHARE = 0.6  # of the question's key terms, at least this share must be in the evidence sentence


def _words(text: str) -> str:
    """Lowercase words with their marks, space separated."""
    return " ".join(re.findall(r"\w+", canonical_text(text).lower()))


def _folded(text: str) -> str:
    return fold(_words(text))


POSITIONS = tuple(fold(t.lower()) for t in (r["title"] for r in read_tsv("signer_titles.tsv"))
                  if re.fullmatch(r"\w+(?: \w+)+", t))  # "TỔNG BÍ THƯ", "TRƯỞNG BAN"; not "T/M", "KT."


def names_position(text: str) -> bool:
    """Whether a text names a post ("Tổng Bí thư", "Trưởng Ban"): what answers who holds one."""
    padded = padded_words(fold(text.lower()))
    return any(f" {p} " in padded for p in POSITIONS)


@lru_cache(maxsize=1)
def _named_place() -> re.Pattern[str]:
    """A place word followed by a capitalised name ("xã Cát Hải", "tỉnh Quảng Ninh"; ``place_words.tsv``)."""
    words = sorted((row["word"] for row in read_tsv("place_words.tsv")), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\s+(\w)", re.IGNORECASE)


def names_a_place(text: str) -> bool:
    """Whether a text names a place: a place word with its name, or a province or city ``places.tsv`` knows."""
    return any(m.group(1).isupper() for m in _named_place().finditer(text)) or bool(places_named(fold(text.lower())))


BODY_NAME_SYLLABLES = 4  # of a body no list knows: its head word and the syllables after it, what names it


def names_another_body(answer: str, asked: set[str]) -> bool:
    """Whether ``answer`` names a body besides those the question names itself (``asked``: its topical syllables):
    "which ministry chairs the National Advisory Council?" is not answered by "Thành lập Hội đồng Tư vấn quốc gia …".
    A known name counts whole; a body no list knows, by its head word and :data:`BODY_NAME_SYLLABLES` in all."""
    bodies = default_gazetteer()
    for m in re.finditer(r"(?<!\w)\w", answer):
        if not bodies.starts_body(answer, m.start()):
            continue
        known = bodies.name_at(answer, m.start())
        name = answer[m.start():known[0]] if known else " ".join(answer[m.start():].split()[:BODY_NAME_SYLLABLES])
        if not content_syllables(name) <= asked:
            return True
    return False


def places_in(q: Question) -> list[str]:
    """The places the question names (``ingest/data/places.tsv``), folded."""
    return places_named(q.folded)


def places_named(folded: str) -> list[str]:
    """The places (``ingest/data/places.tsv``) a folded text names as whole words."""
    text = padded_words(folded)
    return [p for p in PLACES if f" {p} " in text]


def says_asked_action(q: Question, folded: str) -> bool:
    """Whether a folded text says what an English "who" question asks someone does (:attr:`Question.asked_action`:
    "hoàn trả" for "who pays back …")."""
    padded = f" {folded} "
    return any(f" {plain_query(a)} " in padded for a in q.asked_action)


@per_question
def unknown_terms(q: Question, ev: Evidence) -> list[str]:
    """Terms the corpus never uses — acronyms ("CPI", "FDI") and, in Vietnamese, topical word pairs ("thất
    nghiệp"): a question about them is not answered by it."""
    acronyms = [a for a in re.findall(r"\b[A-Z]{2,6}\b", q.raw) if a not in ev.corpus_raw
                and not any(v in ev.corpus_raw for v in ACRONYMS.get(a, ()))]
    if q.lang == "en":
        words = [en for en, vi in english_terms(q.raw) if not any(f" {_folded(v)} " in ev.corpus_padded
                                                                  for v in vi)]
    elif _marked(q):
        words = [w for w in vietnamese_words(q, ev) if w not in ev.corpus_folded and not is_generic(w)]
    else:
        words = []
    return acronyms + words


def _marked(q: Question) -> bool:
    """Written with diacritics: a pair typed without them may be a typo or a paraphrase, so it is not checked."""
    return q.folded != q.text


# Figures a question asks for, by unit: the evidence must state one of that kind.
UNIT_KINDS = (
    (r"tỷ đồng|triệu đồng|nghìn tỷ|ty dong|trieu dong|\bđồng\b|\bvnd\b|\busd\b|dollar|\bcosts?\b|budget|ngân sách"
     r"|\bcapital\b|investment (?:amount|value|total)|total investment|tổng mức đầu tư|tong muc dau tu|tong von"
     r"|von dau tu|chi phi|chi phí"
     r"|ngan sach|kinh phí|kinh phi|\bvốn\b", r"đồng|USD"),
    (r"phần trăm|phan tram|percent|%|tỷ lệ|tỉ lệ|ty le|ti le|tỷ trọng|ty trong|\bshare\b|proportion|portion", r"%"),
    (r"\bkm\b|kilomet|chiều dài|chieu dai|\blong\b|length", r"km"),
    (r"\bha\b|hecta|diện tích|dien tich|\barea\b|\bm2\b|m²", r"\bha\b|m²|km²|m2"),
)


def figure_rows(q: Question, ev: Evidence, rows: list[int] | None = None) -> list[int]:
    """Units stating what the question asks for: a year for "which year", a figure of the asked kind otherwise."""
    rows = ev.rows if rows is None else rows
    if q.asks_which_year or q.asks_deadline:
        return [r for r in rows if re.search(r"\b(?:năm|quý|tháng|year) (?:[IV]+/)?\d{1,4}\b|\b20\d\d\b",
                                              ev.units[r].text, re.IGNORECASE)]
    kinds = [unit for asked, unit in UNIT_KINDS if re.search(asked, q.text)]
    if "%" in kinds:  # "what share of budget spending": a percentage, whatever it is a share of
        kinds = ["%"]
    elif kinds and re.search(r"\bcut|\breduc|\blower|\bdecreas|\bgiam\b|giảm", q.text):
        kinds.append("%")  # "the cut in compliance costs" is a percentage
    out = []
    for r in rows:
        figures = ev.unit_figures[r]
        if figures and (not kinds or any(re.search(k, f.text) for f in figures for k in kinds)):
            out.append(r)
    return out


def scoped_rows(q: Question, ev: Evidence) -> list[int] | None:
    """A question naming a task number looks only in that row."""
    if q.task_numbers:
        tasks = [t for t in ev.tasks if t.number in q.task_numbers]
        return task_rows(ev, tasks)
    return None


@dataclass(frozen=True)
class Extracted:
    """A sentence proposed as the answer, with what the scorer weighs: its similarity to the question, the share of
    the question's topical words it holds (plain and weighed by rarity), whether it carries the question's key terms
    (:func:`supported`), its rank among the proposals, whether it clears the extraction thresholds, how its section
    ranks in the search and its lead in score over the other proposals (:meth:`~qa.evidence.Evidence.standing`)."""

    answer: Answer
    cosine: float
    overlap: float
    weighted: float
    supported: bool
    rank: int
    confident: bool
    section_rank: float
    ahead: float


def extraction_candidates(q: Question, ev: Evidence, rows: list[int], kind: str, min_cos: dict[str, float],
                          min_overlap: float, n: int = 3) -> list[Extracted]:
    """The ``n`` best units of ``rows`` for the question, each as an answer with its features."""
    results = ev.search(q, 8)
    # A coined name ("Thành phố kết nối toàn cầu") stands in a sentence that leaves its topic to the heading.
    ranked = ev.rank_units(q, rows, prior=[(r.doc, r.section) for r in results], headings=q.asks_wording,
                           limit=max(n, TOPIC_RERANKED))
    if kind == "topic":  # the body says it; a table row restates a task. Asked for a name: the sentence coining it
        tasks = ev.task_sections if not q.task_numbers else frozenset()
        adjusted = [replace(c, score=c.score + _coins(q, ev, c.row)
                            - TASK_ROW_PENALTY * (ev.units[c.row].section in tasks)) for c in ranked[:TOPIC_RERANKED]]
        ranked = sorted(adjusted, key=lambda c: -c.score) + ranked[TOPIC_RERANKED:]
    scoped = bool(q.task_numbers)
    out = []
    for rank, (c, (section_rank, ahead)) in enumerate(zip(ranked[:n], ev.standing(ranked[:n], results),
                                                          strict=True)):
        unit_kind = kind
        if kind == "figure":
            unit_kind = "target" if ev.units[c.row].section.startswith("II.2.(") else "body_figure"
        answer = _answer(q, best_unit_answer(ev, q, c.row), [ev.cite_unit(c.row)] + _more(ev, results, c.row),
                         unit_kind)
        confident = scoped or c.cosine >= min_cos[q.lang] or c.overlap >= min_overlap
        out.append(Extracted(answer, c.cosine, c.overlap, ev.weighted_overlap(q, c.row), supported(q, ev, c.row),
                             rank, confident, section_rank, ahead))
    return out


FIGURE_MIN_COSINE = {"vi": 0.86, "en": 0.80}
QUOTED = re.compile(r"[“\"][^”\"]{2,80}[”\"]")
QUOTE_BONUS = 0.08
FRAME_BONUS = 0.06
TASK_ROW_PENALTY = 0.04
TOPIC_RERANKED = 15  # the best units a topic answer re-ranks (quoted names, task rows)
TOPIC_MIN_COSINE = {"vi": 0.86, "en": 0.81}


def _coins(q: Question, ev: Evidence, row: int) -> float:
    """A bonus for a unit that coins a name in quotation marks when the question asks for one, more when the unit
    introduces it the way the question asks ("trở thành “…”" for "become what")."""
    if not (q.asks_wording and QUOTED.search(ev.units[row].text)):
        return 0.0
    framed = any(f" {frame} " in f" {ev.unit_folded(row)} " for frame in q.wording_frames)
    return QUOTE_BONUS + FRAME_BONUS * framed


def _more(ev: Evidence, results, row: int, n: int = 2) -> list[Citation]:
    """Further citations: the next best sections, for context."""
    unit = ev.units[row]
    out = []
    for r in results:
        if (r.doc, r.section) != (unit.doc, unit.section) and len(out) < n:
            rows = ev.section_units(r.doc, r.section)
            out.append(ev.cite_unit(rows[0]) if rows else ev.cite(r.doc, r.section))
    return out


def answer_body(q: Question, ev: Evidence) -> Answer | None:
    """Which body does what the body text assigns (not a task of the table): the first supported proposal among the
    implementation part's best three when it clears the thresholds, shown from the start of its item, which names
    the body."""
    found = next((e for e in extraction_candidates(q, ev, ev.implementation_rows, "topic", TOPIC_MIN_COSINE, 0.4)
                  if e.supported), None)
    if found is None or not found.confident:
        return None
    answer = found.answer
    cited = answer.citations[0]
    first = ev.units[ev.section_units(cited.doc, cited.section)[0]]
    if first.start == cited.start:
        return answer
    return replace(answer, answer=clip(f"{first.text} … {answer.answer}"),
                   citations=[cited, ev.cite(first.doc, first.section, first.start, first.end), *answer.citations[1:]])


def abstain(q: Question, ev: Evidence) -> Answer:
    """The documents do not answer: say so, with the closest sections."""
    results = ev.search(q, 3) if q.raw.strip() else []
    cites = []
    for r in results:
        rows = ev.section_units(r.doc, r.section)
        cites.append(ev.cite_unit(rows[0]) if rows else ev.cite(r.doc, r.section))
    return Answer(question=q.raw, answer=say(q, "Tài liệu không nêu thông tin này.",
                                             "The documents do not state this."),
                  abstained=True, citations=cites, kind="unanswerable")
