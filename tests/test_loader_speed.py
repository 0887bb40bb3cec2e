"""The loader's shortcuts read exactly what the plain code reads.

Import spends most of its time in the loader, so a few steps take a quicker
road for the usual text; these properties hold each one to the plain way.
"""

from __future__ import annotations

import importlib
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from luutru import mentions
from luutru.loader import _squeezed, legacy
from luutru.registry import TYPE_WORDS, finditer_from, fold

decode = importlib.import_module("luutru.loader.decode")
documents = importlib.import_module("luutru.loader.documents")
places = importlib.import_module("luutru.loader.places")

# White space, invisible and control characters of every kind the loader
# cleans, beside letters, NBSP and line ends.
ODD = "aăđ Hx9\n\r\t\x0b\x0c\xa0\u1680\u2003\u200a\u202f\u205f\u3000\u200b\u200d\u2060\ufeff\xad\x00\x07\x1f\x7f\x85\x9f\u2028\u2029"


def plainly_normalised(text: str) -> str:
    """decode.normalise as one substitution after another, no shortcut."""
    text = decode._NEWLINES.sub("\n", text)
    text = decode._LINE_SEPARATORS.sub("\n", text)
    text = legacy.repair(unicodedata.normalize("NFC", text))
    text = decode._SPACES.sub(" ", text)
    text = decode._INVISIBLE.sub("", text)
    text = decode._CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


@given(st.text(alphabet=ODD, max_size=30))
@settings(max_examples=400, deadline=None)
def test_cleaning_a_text_skips_only_passes_with_nothing_to_do(text):
    assert decode.normalise(text) == plainly_normalised(text)


def test_the_quick_check_knows_every_character_the_cleaning_passes_change():
    passes = (decode._SPACES, decode._INVISIBLE, decode._CONTROLS)
    for c in map(chr, range(0x10000)):
        assert bool(decode._RARE.match(c)) == (c != "\xa0" and any(p.match(c) for p in passes)), hex(ord(c))


def test_every_odd_space_invisible_and_control_character_is_still_cleaned():
    assert decode.normalise("Hà\u2003Nội\xa0mới\u200b,\tsố\x07 9\u2028") == "Hà Nội mới, số 9\n"


@given(st.text(alphabet=ODD + "\u2000\u3000", max_size=30))
@settings(max_examples=400, deadline=None)
def test_a_line_is_squeezed_as_split_and_join_would(line):
    assert _squeezed(line) == " ".join(line.split())


# Pieces of citations and of the text around them, for the short citations
# ("Chỉ thị số 05", "CT 05") that are found from their opening words.
PIECES = st.sampled_from(
    [*documents._PARTY_TYPE_WORDS, *documents._ABBR_TYPES, "số", " ", "  ", "05", "124", "7/2021", "-", "/", "ct05",
     "năm", "ngày 5/6/2020", "của", "tw", "x", "chỉ", "thị", "kế", "\x00", ",", "đảng viên", "q"]
)


@given(st.lists(PIECES, max_size=14).map("".join))
@settings(max_examples=600, deadline=None)
def test_short_citations_are_found_where_the_plain_pattern_finds_them(text):
    for pattern, openings in ((documents._PARTIAL, documents._PARTY_TYPE_WORDS), (documents._ABBREVIATION, tuple(documents._ABBR_TYPES))):
        plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        quick = [(m.span(), m.groups()) for m in finditer_from(pattern, openings, text)]
        assert quick == plain


def test_short_citations_in_an_article_are_found():
    text = fold("Thực hiện Chỉ thị số 05 và Quy định 12 của Thành ủy, CT 03, NQ 04; chỉ thị 3 năm")
    found = [m.group() for m in finditer_from(documents._PARTIAL, documents._PARTY_TYPE_WORDS, text)]
    assert found == ["chỉ thị số 05", "quy định 12"]
    found = [m.group() for m in finditer_from(documents._ABBREVIATION, tuple(documents._ABBR_TYPES), text)]
    assert found == ["ct 03", "nq 04"]


# "Chỉ thị 05" in an article's body, linked to its page: the case-blind
# pattern is tried only where a type word begins in the lower-cased text.
MENTION_PIECES = st.sampled_from(
    [*TYPE_WORDS, *(w.upper() for w in TYPE_WORDS), *(w.title() for w in TYPE_WORDS), "số", "Số", " ", "  ", "\n",
     "05", "124", "7/2021", "-", "x", "Đ", "thị", "ĐỊNH", ",", "İ", "ß"]
)


@given(st.lists(MENTION_PIECES, max_size=12).map("".join))
@settings(max_examples=600, deadline=None)
def test_type_and_number_mentions_are_found_where_the_case_blind_pattern_finds_them(text):
    pattern = mentions._TYPE_NUMBER
    plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    quick = [(m.span(), m.groups()) for m in finditer_from(pattern, mentions._TYPE_OPENINGS, text, text.lower())]
    assert quick == plain


# The look-behind the loader had for "xã Thanh Hải (Thanh Hà)", tried at every character.
PLAIN_PARENS = re.compile(r"(?<=[^\W\d_])[ \t\u00a0]*\((?P<n>[^\W\d_][^()\d,;:]{1,30})\)")


@given(st.lists(st.sampled_from(["xã", "Thanh", "Hà", "(", ")", " ", "\u00a0", "\t", "9", "_", ",", "((", "Đông Anh"]), max_size=14).map("".join))
@settings(max_examples=600, deadline=None)
def test_names_in_parentheses_are_found_where_the_look_behind_finds_them(text):
    assert list(places._parenthesised_names(text)) == [m["n"] for m in PLAIN_PARENS.finditer(text)]


def test_a_district_in_parentheses_is_read():
    assert list(places._parenthesised_names("xã Thanh Hải (Thanh Hà), tỉnh (Hải Dương) và (9 xã)")) == ["Thanh Hà", "Hải Dương"]


@given(st.lists(st.text(alphabet="aoóuýỷÝİΣσςΑ'. -\u0301", max_size=8), min_size=1, max_size=4))
@settings(max_examples=400, deadline=None)
def test_texts_folded_one_by_one_join_into_the_fold_of_all_of_them(texts):
    # The document scan folds each paragraph (remembered from the furniture
    # step) rather than the joined text; Greek final sigma and "oá" pairs too.
    assert "\x00".join(map(fold, texts)) == fold("\x00".join(texts))
