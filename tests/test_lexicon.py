"""English → Vietnamese term lexicon: matching behaviour, table hygiene, coverage of the programme's vocabulary."""

from __future__ import annotations

import re
import unicodedata

import pytest

from index.lexicon import DATA, EN_VI, english_terms, expand_english, gloss_english, glossed_words

# Old-style tone placement on an open final syllable ("hoá", "thuỷ") → the "hóa/thủy" convention.
_OLD_STYLE = re.compile(r"(?<!q)(o(?=[àáảãạèéẻẽẹ])|u(?=[ỳýỷỹỵ]))(\w)(?!\w)")


def _move_tone(match: re.Match[str]) -> str:
    base, *marks = unicodedata.normalize("NFD", match.group(2))
    return unicodedata.normalize("NFC", match.group(1) + "".join(marks)) + base


def _norm(text: str) -> str:
    return _OLD_STYLE.sub(_move_tone, unicodedata.normalize("NFC", text).lower())


# Common questions' vocabulary for this genre, written independently of any test questions.
DOMAIN_TERMS = [
    "GRDP per capita",
    "export turnover",
    "seaport throughput",
    "social housing",
    "public investment",
    "hospital beds",
    "doctors",
    "digital economy",
    "labour productivity",
    "free trade zone",
    "industrial parks",
    "renewable energy",
    "greenhouse gas emissions",
    "wastewater treatment",
    "household waste",
    "urbanization rate",
    "new rural development",
    "state budget revenue",
    "recurrent spending",
    "public debt",
    "local government bonds",
    "administrative reform",
    "administrative procedures",
    "digital transformation",
    "innovation",
    "artificial intelligence",
    "semiconductors",
    "tourists",
    "cultural industries",
    "social insurance",
    "poverty reduction",
    "vocational training",
    "university students",
    "crime investigation",
    "drugs",
    "expressway",
    "urban railway",
    "international airport",
    "logistics centre",
    "climate change",
]


def test_longest_phrase_wins() -> None:
    assert [key for key, _ in english_terms("hospital beds in the new hospital")] == ["hospital beds", "hospital"]
    assert [key for key, _ in english_terms("the free trade zone")] == ["free trade zone"]
    assert expand_english("hospital beds") == ["giường bệnh"]


def test_plurals_and_possessives_fall_back_to_the_base_form() -> None:
    assert english_terms("learning communities")[0][0] == "learning community"
    assert english_terms("two green islands")[0][0] == "green island"
    assert [key for key, _ in english_terms("the city's social housings")] == ["city", "social housing"]
    assert english_terms("workers’ housing")[0][0] == "workers housing"


def test_matching_ignores_case() -> None:
    assert english_terms("FREE Trade ZONE") == english_terms("free trade zone")
    assert expand_english("GRDP Per Capita") == ["GRDP bình quân đầu người"]


def test_unknown_words_are_ignored() -> None:
    assert english_terms("quantum chromodynamics of the zebra") == []
    assert expand_english("") == []


def test_glossed_words_are_the_words_inside_found_terms() -> None:
    """The words a term covers, as written (a plural inside a term too); words outside any term are not."""
    assert glossed_words("What corporate income tax holiday do new firms get?") == {"corporate", "income", "tax",
                                                                                    "firms"}
    assert glossed_words("quantum chromodynamics") == frozenset()


def test_glossing_keeps_the_english_order_and_puts_terms_in_vietnamese() -> None:
    """Each term is replaced by its first Vietnamese form; the other words stay, lowercased, in their order."""
    assert gloss_english("What is guiding viewpoint no. 5 about?") == "what is quan điểm chỉ đạo no 5 about"
    assert gloss_english("Item 7 in the tasks and solutions section") == "item 7 in the nhiệm vụ, giải pháp section"
    assert gloss_english("quantum chromodynamics") == "quantum chromodynamics"


def test_results_follow_the_text_without_repeats() -> None:
    assert expand_english("inflation, unemployment and inflation again") == ["lạm phát", "thất nghiệp"]


def test_data_file_has_one_row_per_english_phrase() -> None:
    rows = [line.rstrip("\n").split("\t") for line in DATA.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert rows[0] == ["english", "vietnamese", "group"]
    assert all(len(row) == 3 and all(cell.strip() for cell in row) for row in rows[1:])
    phrases = [row[0] for row in rows[1:]]
    assert len(phrases) == len(set(phrases)) == len(EN_VI)


def test_table_size_and_keys() -> None:
    assert len(EN_VI) >= 600
    for key, values in EN_VI.items():
        assert key == key.strip().lower(), key
        assert values, key
        # Every key is reachable: matched whole, not shadowed by another key with the same words.
        assert english_terms(key) == [(key, values)], key


def test_values_are_nfc_nonempty_and_use_the_new_tone_convention() -> None:
    for key, values in EN_VI.items():
        assert len(set(values)) == len(values), key
        for vi in values:
            assert vi and vi == vi.strip(), key
            assert unicodedata.normalize("NFC", vi) == vi, vi
            assert _norm(vi) == vi.lower(), vi


def test_domain_terms_map_to_the_programme_vocabulary(programme_source: str) -> None:
    corpus = _norm(programme_source)
    covered = [term for term in DOMAIN_TERMS if any(_norm(vi) in corpus for vi in expand_english(term))]
    assert len(DOMAIN_TERMS) == 40
    assert len(covered) / len(DOMAIN_TERMS) >= 0.9, sorted(set(DOMAIN_TERMS) - set(covered))


@pytest.mark.parametrize("term", ["inflation", "exchange rate", "unemployment rate", "poverty rate", "stock market"])
def test_terms_the_programme_lacks_still_translate(term: str, programme_source: str) -> None:
    corpus = _norm(programme_source)
    values = expand_english(term)
    assert values
    assert not any(_norm(vi) in corpus for vi in values)


def _scan_every_combination(text: str) -> list[str]:
    """The matching rule spelled out: at each token the longest phrase, of one length the first combination of
    the words' forms in order (as written first), tried exhaustively."""
    import itertools

    from index.lexicon import _PHRASES, _forms, _tokens

    tokens = _tokens(text)
    forms = [_forms(t) for t in tokens]
    longest = max(len(p) for p in _PHRASES)
    found, i = [], 0
    while i < len(tokens):
        for length in range(min(longest, len(tokens) - i), 0, -1):
            key = next((_PHRASES[v] for v in itertools.product(*forms[i : i + length]) if v in _PHRASES), None)
            if key is not None:
                found.append(key)
                i += length
                break
        else:
            i += 1
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("text", [
    "Which departments lead the cities' digital transformation tasks?",
    "What are the targets for the digital economy's share of GRDP and for research and development spending?",
    "industrial parks, seaports and logistics centres; small and medium enterprises",
    " ".join(f"{key}s {key}'s" for key in list(EN_VI)[:300]),
])
def test_phrases_are_found_as_an_exhaustive_scan_finds_them(text: str) -> None:
    assert [key for key, _ in english_terms(text)] == _scan_every_combination(text)


def test_found_terms_are_the_callers_own_list() -> None:
    text = "Which agency leads digital transformation?"
    first = english_terms(text)
    first.clear()
    assert english_terms(text) and expand_english(text)
