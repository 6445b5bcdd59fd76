"""How many parts a document has — chapters, articles, clauses, targets, tasks, defined terms — counted in the document
the question names (or the primary one), with the first and last of them (defined terms listed); or how many parts of
one kind a section it names holds ("Điều 4 có bao nhiêu khoản?", "how many points does Article 9(2) have?"); or how
many items a list holds that the question names by what it lists ("Quỹ … có mấy chức năng?"). A count narrowed by an
agency, a task group or a topic ("how many tasks does Sở Y tế lead?") is not a whole-document count."""

from __future__ import annotations

import re

from ingest.folding import fold
from ingest.labels import section_label
from ingest.model import Document, Section, SectionKind
from qa.answer import Answer, AnswerItem
from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import _about_itself, asked_in_section, find_agency
from qa.question import Question, content_syllables
from qa.structure import counted, counted_nouns, descendants, list_lead_ins, named_section, section_ref, unique_best

NAME = "structure_count"
KINDS = {"chapter": SectionKind.CHAPTER, "article": SectionKind.ARTICLE, "clause": SectionKind.CLAUSE,
         "part": SectionKind.PART, "point": SectionKind.POINT}
WORDS = {"chapter": ("chương", "chapters"), "article": ("điều", "articles"), "clause": ("khoản", "clauses"),
         "part": ("phần", "parts"), "point": ("điểm", "points"), "target": ("chỉ tiêu / mục tiêu", "targets"),
         "task": ("nhiệm vụ", "tasks"),
         "definition": ("thuật ngữ được giải thích", "defined terms")}
ITEM_WORDS = ("mục", "items")  # a section's own items of no one kind
MIN_LIST_SHARE = 0.5  # of what a question says besides what it counts, the share a list's lead-in must say


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    what = counted(q.folded)
    if q.task_numbers or q.target_numbers:
        return []
    if what is None:  # "Điều 4 có bao nhiêu nguyên tắc?": what a named section counts are its own items
        if not q.asks_count:
            return []
        return _in_section(q, ev, None) or ([] if section_ref(q.folded, q.raw) else _listed(q, ev))
    if section_ref(q.folded, q.raw) is not None:
        return _in_section(q, ev, what)
    if what == "point" or len(ev.documents) != 1 and len(ev.documents) != len(ev.all_documents):
        return []  # points are counted within a clause, not across a document
    doc = ev.documents[0]
    if q.group or find_agency(q) not in (None, doc.metadata.issuer) or not _about_itself(q, doc):
        return []
    if what in KINDS:
        parts = [(section_label(s, doc.sections, q.lang), s.id) for s in doc.sections if s.kind == KINDS[what]]
    elif what == "target":
        parts = [(f"({t.number})", t.section) for t in doc.targets]
    elif what == "task":
        parts = [(str(t.number), t.section) for t in doc.tasks]
    else:
        parts = [(d.term, d.section) for d in doc.definitions]
    if not parts:
        return []
    vi, en = WORDS[what]
    name = doc.metadata.number or doc.id
    listed = (", ".join(label for label, _ in parts[:40]) if what == "definition"
              else f"{parts[0][0]} – {parts[-1][0]}")
    text = (f"{len(parts)} {en} in {name}: {listed}" if q.lang == "en" else f"{len(parts)} {vi} trong {name}: {listed}")
    items = [AnswerItem(number=label, title="", citation=-1) for label, _ in parts]
    answer = Answer(question=q.raw, answer=text, abstained=False,
                    citations=[ev.cite(doc.id, section) for _, section in parts[:3]], kind="count", lang=q.lang,
                    items=items)
    return [Candidate(answer, NAME, {"items": float(len(parts))})]


def _listed(q: Question, ev: Evidence) -> list[Candidate]:
    """The items of the list a question counts without naming its section ("Quỹ … có mấy chức năng?"): the lead-in
    that names what is counted ("… thực hiện các chức năng sau đây:") and most of the rest of what the question
    says, among the documents in scope; none when no lead-in names it or two say as much."""
    leads, scored = list_lead_ins(ev.documents), []
    for noun in counted_nouns(q.folded, q.raw if q.lang == "en" else ""):
        asked = asked_in_section(q) - set(noun.split())
        for doc, s, lead in leads:
            if re.search(rf"\b{noun}\b", fold(lead.lower())):
                said = content_syllables(f"{lead} {doc.section(s.parent).heading if s.parent else ''}")
                scored.append((len(asked & said) / len(asked) if asked else 0.0, doc, s))
        if scored:
            break  # the longer name of what is counted found its lists
    best = unique_best(scored, MIN_LIST_SHARE)
    if best is None:
        return []
    share, doc, section = best
    parts = doc.children(section.id)
    return [Candidate(_parts_counted(q, ev, doc, section, parts, ITEM_WORDS), NAME,
                      {"items": float(len(parts)), "overlap": share})]


def _parts_counted(q: Question, ev: Evidence, doc: Document, section: Section, parts: list[Section],
                   words: tuple[str, str]) -> Answer:
    """"N <parts> in <section>: first – last", cited to the section that holds them."""
    vi, en = words
    where = f"{section_label(section, doc.sections, q.lang)} ({doc.metadata.number or doc.id})"
    first, last = (section_label(p, doc.sections, q.lang) for p in (parts[0], parts[-1]))
    text = (f"{len(parts)} {en} in {where}: {first} – {last}" if q.lang == "en"
            else f"{len(parts)} {vi} trong {where}: {first} – {last}")
    items = [AnswerItem(number=section_label(p, doc.sections, q.lang), title="", citation=-1) for p in parts]
    return Answer(question=q.raw, answer=text, abstained=False, citations=[ev.cite(doc.id, section.id)],
                  kind="count", lang=q.lang, items=items)


def _items_asked(q: Question, doc: Document, section: Section) -> list[Section]:
    """The items counted under a named section when the question counts a thing of its own ("bao nhiêu nguyên tắc",
    "how many functions"): the items of the section, or of the part of it, whose own words say most of what the
    question asks about ("Quỹ … thực hiện các chức năng sau đây:"); none when no such part says any of it."""
    asked = asked_in_section(q)
    holders = [s for s in [section, *descendants(doc, section)] if doc.children(s.id)]
    scored = [(len(asked & content_syllables(s.text)), -n, s) for n, s in enumerate(holders)]
    best = max(scored, default=None, key=lambda x: x[:2])
    return doc.children(best[2].id) if best and best[0] > 0 else []


def _in_section(q: Question, ev: Evidence, what: str | None) -> list[Candidate]:
    """The parts of kind ``what`` under the one section the question names (None: its own items, of whatever kind);
    none when that section has none."""
    found = named_section(q.folded, q.raw, ev.documents, len(ev.documents) < len(ev.all_documents))
    if found is None or what is not None and what not in KINDS:
        return []
    doc, section = found
    parts = [s for s in descendants(doc, section) if s.kind == KINDS[what]] if what else []
    if not parts:  # "Điều 4 … có bao nhiêu nguyên tắc" names the article and counts no articles in it: its items
        what, parts = None, _items_asked(q, doc, section)
    if not parts:
        return []
    kind = what or next((name for name, k in KINDS.items() if all(p.kind == k for p in parts)), None)
    return [Candidate(_parts_counted(q, ev, doc, section, parts, WORDS.get(kind, ITEM_WORDS)), NAME,
                      {"items": float(len(parts))})]
