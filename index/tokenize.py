"""Lexical analysis for Vietnamese and English: normalise, segment with underthesea, fold diacritics.

A text becomes three kinds of tokens, so that one BM25 index serves every way a question is typed:
- segmented words, lowercase, tone marks normalised ("Khoa học" → "khoa_học");
- diacritics-folded syllables ("~khoa", "~hoc"), which is how "co quan chu tri" still matches;
- folded syllable bigrams ("~khoa_hoc"), which reward phrases typed without diacritics.
Document numbers ("226/2025/qh15") and figures ("11.247") stay whole.
"""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import re
import sys
import threading
import types
import unicodedata
from functools import lru_cache
from pathlib import Path

from ingest.datafiles import read_tsv


def _underthesea(module: str):
    """``underthesea.<module>`` without running the package's ``__init__``, which imports all of its pipelines (its
    translation pipeline imports transformers and torch: seconds of every cold start) for two functions we use."""
    if "underthesea" not in sys.modules:
        spec = importlib.util.find_spec("underthesea")
        if spec is None or spec.submodule_search_locations is None:
            raise ImportError("underthesea is not installed")
        sys.modules["underthesea"] = importlib.util.module_from_spec(spec)  # its path, not its code
        _preload_normalizer_rules(Path(spec.submodule_search_locations[0]))
    return importlib.import_module(f"underthesea.{module}")


_RULES_MODULE = "underthesea.pipeline.text_normalize.text_normalizer"
_RULE_FILE = re.compile(r'^rule_file = "([\w.]+)"', re.MULTILINE)


def _preload_normalizer_rules(package: Path) -> None:
    """Register underthesea's text-normalisation rules module with its two tables read by the C pickle reader: the
    module itself reads them through joblib, whose import costs a cold start ~0.15 s. Where its source is not as
    expected (another underthesea release), nothing is registered and the module loads itself."""
    folder = package / "pipeline" / "text_normalize"
    try:
        found = _RULE_FILE.search((folder / "text_normalizer.py").read_text(encoding="utf-8"))
        if found is None:
            return
        with open(folder / found.group(1), "rb") as f:
            rules = pickle.load(f)
        module = types.ModuleType(_RULES_MODULE)
        module.character_map, module.token_map = rules["character"], rules["token"]
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError, ImportError):
        return
    sys.modules[_RULES_MODULE] = module


text_normalize = _underthesea("pipeline.text_normalize").text_normalize
_word_tokenize_module = _underthesea("pipeline.word_tokenize")
word_tokenize = _word_tokenize_module.word_tokenize
SEGMENTER_MODEL = "ws_crf_vlsp2013_20230727"  # the folder underthesea's word_tokenize loads its model from


class _Segmenter:
    """underthesea's CRF word segmenter as its ``word_tokenize`` uses it, its files read with the C pickle reader
    (underthesea reads them through joblib, whose import and pure-Python reader cost a cold start ~0.5 s)."""

    def __init__(self, folder: Path) -> None:
        from underthesea_core import CRFFeaturizer, CRFTagger

        self.estimator = CRFTagger()
        self.estimator.load(str(folder / "models.bin"))
        with open(folder / "features.bin", "rb") as f:
            features = pickle.load(f)
        with open(folder / "dictionary.bin", "rb") as f:
            dictionary = pickle.load(f)
        self.featurizer = CRFFeaturizer(features, dictionary)

    def predict(self, tokens: list[list[str]]) -> list[str]:
        return self.estimator.tag(self.featurizer.process([tokens])[0])


def _load_segmenter() -> None:
    """Give underthesea's ``word_tokenize`` its model, read fast; where its files are not as expected (another
    underthesea release), it loads them itself on the first call."""
    if _word_tokenize_module.word_tokenize_model is not None:
        return
    try:
        _word_tokenize_module.word_tokenize_model = _Segmenter(
            Path(_word_tokenize_module.__file__).parent / "models" / SEGMENTER_MODEL)
    except (OSError, ImportError, AttributeError, pickle.UnpicklingError, EOFError, ValueError):
        word_tokenize("khởi động")

ANALYZER_VERSION = 2  # bump when tokens change: an index built with other tokens is rebuilt
DOC_NUMBER = re.compile(r"\d+(?:/\d{4})?[-/][A-Za-zĐđ][\w-]*(?:/[\w-]+)*")
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[\w]+(?:[._/-][\w]+)*")
# Question and function words that carry no topic. Vietnamese ones are matched with their diacritics; only the
# unambiguous ones are also matched typed without ("co" could be "có" or "cơ", so it is not).
VI_STOPWORDS = frozenset("""
và của các là có được trong cho với những một này đó theo tại về đến từ khi thì mà như nào gì bao nhiêu ai sao
hay không thuộc hơn trên dưới ra vào đã sẽ đang còn cũng rất nữa ạ ơi vậy nhé chứ hả à
""".split())
FOLDED_STOPWORDS = frozenset("nao gi nhieu khong cua duoc voi nhung cac va la vay nhe vao".split())
EN_STOPWORDS = frozenset("""
the a an of to in on for and or is are was were be by with what which who whom whose when where how why does do
did it its this that these those as at from please tell me about document say says said
""".split())


_VI_MARKS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
_EN_WORDS = frozenset("""what which who whom whose when where how why is are was were does do did the a an of to in
for by with should will must would can could many much share rate number list tell me give task tasks agency
agencies lead leads led deadline target targets programme program document resolution conclusion plan city it its
that this true due has have not and there correct right""".split())
_VI_WORDS = frozenset("""nao gi bao nhieu ai la cua cac nhung nhiem vu chu tri thoi han chi tieu muc tieu nam dat
duoc khi voi trong ve co khong so nghi quyet ket luan chuong trinh thanh pho tinh""".split())


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from index.lexicon import EN_VI

    return _EN_WORDS | {w for key in EN_VI for w in re.findall(r"[a-z]+", key) if not _VI_SYLLABLE.match(w)}


# The shape of a Vietnamese syllable typed without diacritics: an English word of another shape is English.
_VI_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")


# Abbreviations of Vietnamese administrative writing, spelled out so that they match the documents' full words: data
# (``index/data/abbreviations.tsv``).
ABBREVIATIONS = {row["abbreviation"].lower(): row["words"] for row in read_tsv("abbreviations.tsv", "index")}
_ABBREVIATION = re.compile(r"(?<![\w/&-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
                           + r")(?![\w/&-])", re.IGNORECASE)


def expand_abbreviations(text: str) -> str:
    """A Vietnamese query with its abbreviations spelled out ("QĐ của UBND tp" → "quyết định của Ủy ban nhân dân
    thành phố"); an English one, and document numbers ("18-KL/TW"), unchanged."""
    if detect_language(text) != "vi":
        return text
    marked = fold(text) != text  # a question typed without marks gets its words without marks too

    def spelled(m: re.Match) -> str:
        words = ABBREVIATIONS[m.group(1).lower()]
        return words if marked else fold(words)

    return _ABBREVIATION.sub(spelled, text)


@lru_cache(maxsize=8192)
def detect_language(text: str) -> str:
    """"vi" or "en": English when English words outnumber Vietnamese ones and the marked (diacritic) words, so a
    Vietnamese name inside an English question stays English and unmarked Vietnamese stays Vietnamese."""
    words = re.findall(r"\w+", text.lower())
    folded = [fold(w) for w in words]
    english = _english_words()
    is_en = [w in english or bool(re.search(r"[fjwz]", w)) for w in words]
    en = sum(is_en)
    vi = sum(f in _VI_WORDS or (not e and bool(_VI_SYLLABLE.match(f))) for f, e in zip(folded, is_en, strict=True))
    marked = sum(bool(_VI_MARKS.search(w)) for w in words)
    if marked:
        function_words = sum(f in _VI_WORDS for f in folded)
        return "en" if en >= 3 and en > function_words + marked // 3 else "vi"
    return "en" if en > vi else "vi"


def is_stopword(syllable: str, lang: str = "vi") -> bool:
    """A normalised syllable that carries no topic in that language (a folded "the" may be Vietnamese "thể")."""
    if lang == "en":
        return syllable in EN_STOPWORDS
    return syllable in VI_STOPWORDS or syllable in FOLDED_STOPWORDS


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Remove Vietnamese diacritics: "Sở Khoa học" → "So Khoa hoc"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """NFC, one tone-mark convention (hoà → hòa), lowercase, control characters turned to spaces."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return text_normalize(text).lower() if text.strip() else ""


_SEGMENTER_LOADED = threading.Event()
_SEGMENTER_LOCK = threading.Lock()


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    if not _SEGMENTER_LOADED.is_set():  # underthesea loads its model on the first call, unsafely for threads
        with _SEGMENTER_LOCK:
            _load_segmenter()
            _SEGMENTER_LOADED.set()
    return tuple(word_tokenize(text, format="text").split())


def compounds(text: str) -> list[str]:
    """Multi-syllable words underthesea finds in ``text``, normalised: "thất nghiệp" → "thất_nghiệp"."""
    return list(_compounds(text))


@lru_cache(maxsize=4096)
def _compounds(text: str) -> tuple[str, ...]:
    text = normalize(text)
    return tuple(w for w in _segment(text) if "_" in w and all(p.isalpha() for p in w.split("_"))) if text else ()


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """Tokens for BM25: segmented words, folded syllables and folded bigrams, stopwords of ``lang`` (detected when
    not given) removed."""
    return list(_tokenize(text, lang or detect_language(text)))


@lru_cache(maxsize=4096)
def _tokenize(text: str, lang: str) -> tuple[str, ...]:
    text = normalize(text)
    if not text:
        return ()
    tokens: list[str] = [m.group(0).lower() for m in DOC_NUMBER.finditer(text)]
    syllables: list[str] = []
    for word in _segment(text) if lang == "vi" else text.split():
        pieces = _WORD.findall(word)
        if not pieces:
            continue
        word = "_".join(pieces)
        parts = word.split("_")
        if all(is_stopword(p, lang) for p in parts):
            syllables.extend("" for _ in parts)  # keeps bigrams from bridging a stopword
            continue
        tokens.append(word)
        syllables.extend("" if is_stopword(p, lang) else fold(p) for p in parts)
    for i, s in enumerate(syllables):
        if s:
            tokens.append("~" + s)
            if i + 1 < len(syllables) and syllables[i + 1]:
                tokens.append(f"~{s}_{syllables[i + 1]}")
    return tuple(tokens)
