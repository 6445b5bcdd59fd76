"""The typed document model: the spine every later stage reads.

Spans are character offsets (Python str indices) into ``Document.source``, the file's text decoded as
UTF-8 with newlines kept as they are, so ``doc.source[s.start:s.end] == s.text`` for every section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ingest.doc_numbers import NameMention, fold, name_mentions
from ingest.periods import Period, parse_period


@dataclass(frozen=True)
class Section:
    """One node of a document's outline, with a canonical id such as ``III.1.3.đ`` or ``PL.22``."""

    id: str
    heading: str  # the heading line as printed ("" for blocks without one)
    text: str  # its own text as printed, heading included, children excluded
    parent: str | None
    start: int
    end: int
    title: str = ""  # human title path, e.g. "III. NHIỆM VỤ, GIẢI PHÁP > 1. … > 1.3. …"
    kind: str = ""  # a SectionKind value: "article", "clause", "roman", "table_row", "pre" …
    number: str = ""  # the number as printed: "10", "II", "a", "1.3"; "" for blocks without one

    @property
    def body(self) -> str:
        """The own text without its heading line."""
        return self.text[len(self.heading):].strip() if self.heading else self.text.strip()


@dataclass(frozen=True)
class Figure:
    """A number with its unit, keeping the printed string: ``11.247 USD/người`` → 11247.0."""

    text: str
    value: float
    unit: str
    value_max: float | None = None  # upper bound of a range ("47 - 48%")
    qualifier: str = ""  # "trên", "khoảng", "ít nhất", "trở lên" … as printed near the figure


@dataclass(frozen=True)
class Target:
    """One target of a document: a numbered "(n)" item of a targets heading, or a "-" goal of a MỤC TIÊU part."""

    number: int
    text: str
    figures: tuple[Figure, ...]
    section: str  # "II.2.(n)", or the section whose "-" paragraph it is ("II.1")
    start: int = 0  # span of ``text`` in the document's source
    end: int = 0
    period_text: str = ""  # the heading phrase that dates it, as printed: "Đến năm 2030", "đến năm 2030"

    @property
    def period(self) -> Period | None:
        """The period the target is set for, from ``period_text``."""
        return parse_period(self.period_text) if self.period_text else None


@dataclass(frozen=True)
class Agency:
    """A lead agency of an appendix task, normalised from the table cell."""

    name: str  # full name, e.g. "Sở Khoa học và Công nghệ"
    generic: bool = False  # "các sở, ban, ngành, địa phương" style entries


@dataclass(frozen=True)
class Task:
    """One row of the appendix table, rebuilt across page breaks."""

    number: int
    group_id: str  # "PL.VI"
    group_title: str
    text: str
    deadline: str
    lead: str  # the lead-agency cell as printed (rebuilt)
    agencies: tuple[Agency, ...]
    section: str  # "PL.n"
    coordinating: str = ""  # the co-ordinating-bodies cell ("Cơ quan phối hợp") as printed (rebuilt)
    co_agencies: tuple[Agency, ...] = ()
    product: str = ""  # the product cell ("Sản phẩm") as printed

    @property
    def due(self) -> Period | None:
        """The deadline as a period: "Quý II/2026" → 1/4/2026–30/6/2026."""
        return parse_period(self.deadline)


@dataclass(frozen=True)
class Reference:
    """A mention of another document, e.g. ``Nghị quyết số 226/2025/QH15``."""

    id: str  # normalised number, "226/2025/QH15"
    kind: str  # "Nghị quyết", "Kết luận", "Chương trình hành động", "Kế hoạch hành động", …
    mention: str  # "Nghị quyết số 226/2025/QH15" as first printed
    date: str = ""  # as printed, "02/4/2026"
    issuer: str = ""  # "Bộ Chính trị", "Quốc hội" …
    about: str = ""  # what the text says it is about ("về …")
    implements: str = ""  # id of the document this one is said to implement ("thực hiện Nghị quyết số …")
    sections: tuple[str, ...] = ()
    resolved: str = ""  # id of the corpus document it names, set when the corpus is loaded ("" when not in it)


class MetadataOrigin(StrEnum):
    """Where a metadata field was read."""

    HEADER = "header"  # "Số: …", "Hà Nội, ngày … tháng … năm …", the issuer's lines in capitals
    TITLE = "title"  # "NGHỊ QUYẾT / CỦA … / Về …", an opening "Nghị quyết số 57-NQ/TW", the enacting body's line
    LEAD = "lead"  # a publisher's lead: "Thay mặt Bộ Chính trị, Tổng Bí thư Tô Lâm đã ký ban hành Nghị quyết số …"
    ATTACHED = "attached"  # "(Kèm theo Chương trình hành động số 20-CTr/TU ngày … của …)"
    EFFECT = "effect"  # "… này có hiệu lực thi hành từ …"
    CLOSING = "closing"  # "Nghị quyết này được Quốc hội … thông qua ngày 17 tháng 5 năm 2025."
    SIGNATURE = "signature"  # "T/M …", "KT. CHỦ TỊCH", the signer's name, "Nơi nhận:"
    SIDECAR = "sidecar"  # the ``<file>.meta.json`` beside the document: no span
    FILENAME = "filename"  # a number the file name carries: no span


@dataclass(frozen=True)
class Metadata:
    """What identifies a document, and where in its source each field was read."""

    number: str = ""  # "20-CTr/TU"
    kind: str = ""  # "Chương trình hành động"
    date: str = ""  # ISO "2026-04-24"
    date_text: str = ""  # as printed
    issuer: str = ""  # "Ban Thường vụ Thành ủy"
    signer: str = ""
    signer_title: str = ""  # "T/M BAN THƯỜNG VỤ BÍ THƯ"
    title: str = ""
    recipients: tuple[str, ...] = ()
    implements: str = ""  # id of the document it implements, "18-KL/TW"
    subject: str = ""  # trích yếu without its "về": "một số cơ chế, chính sách đặc biệt phát triển kinh tế tư nhân"
    effective_text: str = ""  # as printed: "từ ngày được Quốc hội thông qua", "kể từ ngày ký"
    effective_date: str = ""  # ISO, when the text gives or implies one
    adopted_text: str = ""  # the closing adoption sentence as printed
    bases: tuple[str, ...] = ()  # its legal bases as printed, each "Căn cứ …" line of the preamble without those words
    spans: tuple[tuple[str, int, int], ...] = ()  # (field, start, end) into Document.source
    origins: tuple[tuple[str, str], ...] = ()  # (field, MetadataOrigin value) for every filled field

    def span(self, field_name: str) -> tuple[int, int] | None:
        """Where a field was read in the source (``source[start:end]``), or None (sidecar, file name, unfilled)."""
        return next(((s, e) for f, s, e in self.spans if f == field_name), None)

    def origin(self, field_name: str) -> MetadataOrigin | None:
        """Where a field came from, or None when it is empty."""
        return next((MetadataOrigin(o) for f, o in self.origins if f == field_name), None)


@dataclass
class Document:
    """A parsed document: source text, outline and the records extracted from it."""

    id: str
    path: str
    sha256: str
    source: str
    metadata: Metadata
    sections: list[Section]
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError when there is none."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def children(self, section_id: str | None) -> list[Section]:
        """Direct children of a section (``None``: the top level), in document order."""
        return [s for s in self.sections if s.parent == section_id]

    def named_by(self, mention: NameMention) -> bool:
        """Whether a way of naming a document ("NQ 57", "57-NQ/TW") names this one, by its number and kind."""
        return mention.names(self.metadata.number or self.id, self.metadata.kind)


@dataclass(frozen=True)
class IngestError:
    """A file that could not be ingested, and why; ingest goes on with the others."""

    path: str
    reason: str


@dataclass
class Corpus:
    """Every document ingested from a corpus folder, plus the files that failed."""

    documents: list[Document]
    errors: list[IngestError] = field(default_factory=list)

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)

    def find(self, name: str) -> Document | None:
        """The document a user's words name: "57-NQ/TW", "NQ 57", "nghị quyết số 57", "resolution 57",
        "198/2025/QH15", "Quyết định 211", or its id; case and tone marks ignored. The first name in ``name`` that
        fits exactly one document wins; None when none does (or every one fits several)."""
        found = self.find_all(name)
        return found[0] if found else None

    def find_all(self, text: str) -> list[Document]:
        """Every document ``text`` names unambiguously, in the order it names them, each once."""
        out: list[Document] = []
        exact = [d for d in self.documents if fold(d.id) == fold(text.strip())]
        for mention in ([] if exact else name_mentions(text)):
            hits = [d for d in self.documents if d.named_by(mention)]
            if len(hits) == 1 and hits[0] not in out:
                out.append(hits[0])
        return exact or out

    def cited_by(self, doc_id: str) -> list[tuple[Document, Reference]]:
        """The documents that cite ``doc_id``, each with its reference to it, in corpus order."""
        return [(d, r) for d in self.documents for r in d.references if r.resolved == doc_id]


class SectionKind(StrEnum):
    """What a section is: its numbering marker, or the block it is."""

    PART = "part"  # Phần
    CHAPTER = "chapter"  # Chương
    DIVISION = "division"  # Mục 1
    ARTICLE = "article"  # Điều
    CLAUSE = "clause"  # "1." under an Điều (khoản)
    POINT = "point"  # "a)" under a khoản (điểm)
    ROMAN = "roman"  # "I." / "I-"
    ARABIC = "arabic"  # "1."
    DOTTED = "dotted"  # "1.2."
    PAREN = "paren"  # "(3)"
    LETTER = "letter"  # "a)"
    PRE = "pre"  # title block and opening
    SIG = "sig"  # recipients and signature
    APPENDIX = "appendix"  # PHỤ LỤC
    TABLE_GROUP = "table_group"  # a group row "I\tNhóm …" of a task table
    TABLE_ROW = "table_row"  # a numbered row "7\t…" of a task table
    ATTACHMENT = "attachment"  # a text attached to a decision: "QUY CHẾ … (Ban hành kèm theo …)"
    PARAGRAPH = "paragraph"  # fallback for text without numbered headings


@dataclass(frozen=True)
class Definition:
    """A term a document defines: "Doanh nghiệp khởi nghiệp sáng tạo là doanh nghiệp …"."""

    term: str  # as printed
    text: str  # the whole definition as printed, term included; ``source[start:end] == text``
    section: str
    start: int
    end: int
    stated: bool = False  # said of the term in a sentence ("… trong đó thể chế là điều kiện tiên quyết"), not defined


class ResponsibilityRole(StrEnum):
    """What a body is given to do."""

    LEAD = "lead"  # chủ trì
    COORDINATE = "coordinate"  # phối hợp
    ASSIGNED = "assigned"  # giao, chịu trách nhiệm, lãnh đạo, chỉ đạo, tổ chức thực hiện …
    MONITOR = "monitor"  # theo dõi, kiểm tra, giám sát


@dataclass(frozen=True)
class Responsibility:
    """A body and what a sentence of the document gives it to do, with the sentence's exact span."""

    body: str  # canonical name when the gazetteer knows it, else as printed
    text: str  # the sentence or item as printed; ``source[start:end] == text``
    section: str
    start: int
    end: int
    role: ResponsibilityRole
