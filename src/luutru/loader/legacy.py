"""Vietnamese typed with the legacy 8-bit fonts, TCVN3 (ABC) and VNI, and
saved in the legacy code page VISCII.

Before Unicode, Vietnamese was typed with fonts that draw Vietnamese letters
in place of Latin-1 ones. Pages of older portals still carry such text; when
it is copied, or when an old file is read, the letters come out as the
Latin-1 characters the font redrew: "ChØ thÞ" (TCVN3) or "Chæ thò" (VNI) for
"Chỉ thị". This module recognises both and maps them back.

The tables follow the published definitions: TCVN3 is the single-byte
standard TCVN 5712:1993 (VN3), in which every Vietnamese lower-case letter
has its own byte and only the seven base capitals (Ă Â Ê Ô Ơ Ư Đ) do; VNI
(VNI-Windows) writes a toned vowel as its base letter followed by one mark
character, and đ, ơ, ư, the i-family and ỵ as single characters. The PyPI
package `viparse` has such tables too, but they are built from a corpus and
leave out letters it never met (VNI ẳ) or derive them wrongly (VNI í, ỵ as
two characters); the corpus files in tests/corpus were written with its
tables, so they check these ones independently.

Which one, if any, a text is in is decided by reading: each candidate is
converted and the one whose words are most often real Vietnamese syllables
wins, line by line, so a Unicode page whose article body alone is in a
legacy font (common on old portals) comes out whole. Text that is plain
Unicode is left alone: the test that would start a conversion is a count of
characters that Vietnamese never uses, which a Unicode text does not have.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- TCVN3 (TCVN 5712:1993, VN3) ---------------------------------------------

# byte → letter; the bytes not listed are ASCII or unused.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3 = str.maketrans({chr(b): letter for b, letter in _TCVN3_BYTES.items()})

# --- VNI-Windows -------------------------------------------------------------

_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
# The mark character after a base vowel → (vowel mark, tone). Capitals use
# the capital form of the same character ("AÙ" = Á).
_VNI_MARKS = {
    "â": (_CIRCUMFLEX, ""), "á": (_CIRCUMFLEX, _ACUTE), "à": (_CIRCUMFLEX, _GRAVE),
    "å": (_CIRCUMFLEX, _HOOK), "ã": (_CIRCUMFLEX, _TILDE), "ä": (_CIRCUMFLEX, _DOT),
    "ê": (_BREVE, ""), "é": (_BREVE, _ACUTE), "è": (_BREVE, _GRAVE),
    "ú": (_BREVE, _HOOK), "ü": (_BREVE, _TILDE), "ë": (_BREVE, _DOT),
    "ù": ("", _ACUTE), "ø": ("", _GRAVE), "û": ("", _HOOK), "õ": ("", _TILDE), "ï": ("", _DOT),
}  # fmt: skip
# Letters VNI writes as one character.
_VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_VNI_SINGLE |= {k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}
# Which vowel marks each base takes: a circumflex on a, e, o; a breve on a only.
_VNI_BASES = {"a": (_CIRCUMFLEX, _BREVE, ""), "e": (_CIRCUMFLEX, ""), "o": (_CIRCUMFLEX, ""),
              "u": ("",), "y": ("",), "i": ("",), "ơ": ("",), "ư": ("",)}  # fmt: skip


@lru_cache(maxsize=1)
def _vni_sequences() -> dict[str, str]:
    """Every VNI sequence (base + mark, or a single character) → its letter."""
    table: dict[str, str] = {}
    for base, allowed in _VNI_BASES.items():
        written = {"ơ": "ô", "ư": "ö"}.get(base, base)
        for mark, (vowel, tone) in _VNI_MARKS.items():
            if vowel not in allowed:
                continue
            for b, m in ((written, mark), (written.upper(), mark.upper())):
                letter = unicodedata.normalize("NFC", (base if b.islower() else base.upper()) + vowel + tone)
                table[b + m] = letter
                table[b + (m.lower() if m.isupper() else m.upper())] = letter  # mixed case slips
    for single, letter in _VNI_SINGLE.items():
        table.setdefault(single, letter)
    return table


@lru_cache(maxsize=1)
def _vni_re() -> re.Pattern[str]:
    keys = sorted(_vni_sequences(), key=len, reverse=True)  # base + mark before the base alone
    return re.compile("|".join(map(re.escape, keys)))


def from_tcvn3(text: str) -> str:
    """Text typed in a TCVN3 font → Unicode."""
    return text.translate(_TCVN3)


def from_vni(text: str) -> str:
    """Text typed in a VNI font → Unicode."""
    table = _vni_sequences()
    return _vni_re().sub(lambda m: table[m.group()], text)


# --- recognising them --------------------------------------------------------

# Characters of Latin-1 that Vietnamese text never contains but the legacy
# fonts put out for Vietnamese letters. (Ordinary symbols such as "«", "©",
# "°" are among them; one or two in a Unicode text do not start anything.)
_SUSPECT = re.compile("[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8\u00db\u00dc"
                      "\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
_MIN_SUSPECT = 4

_TONES = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
# The vowel groups of Vietnamese syllables (tones aside), longest first.
_NUCLEI = (
    "iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
# A syllable without its tone: onset, vowel group, final consonant.
_SYLLABLE = re.compile(rf"{_ONSET}(?:{'|'.join(_NUCLEI)})(?:ch|ng|nh|[cmnpt])?")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1 << 14)
def _is_syllable(word: str) -> bool:
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in nfd if ch in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


# Punctuation around a word, and what a word that is not a word holds.
_EDGES = "\"'“”‘’()[]{}<>.,;:!?-–—…/|*•·«»©®°"
_NOT_A_WORD = re.compile(r"[\d@#%&=+_\\]")


def _tokens(text: str) -> list[str]:
    """The space-separated tokens of `text` that hold a non-ASCII letter,
    without surrounding punctuation; numbers, symbols and codes left out.
    Legacy-font characters count as letters here: "ChØ" is a token."""
    out = []
    for token in text.split():
        if token.isascii():
            continue
        token = token.strip(_EDGES)
        if token and not _NOT_A_WORD.search(token):
            out.append(token)
    return out


def _reading(text: str) -> tuple[int, int]:
    """(valid, invalid): how many of the tokens of `text` are Vietnamese syllables."""
    tokens = _tokens(text)
    valid = sum(1 for t in tokens if _WORD.fullmatch(t) is not None and _is_syllable(t))
    return valid, len(tokens) - valid


def score(text: str) -> int:
    """How well `text` reads as Vietnamese: its tokens that are syllables
    less those that are not."""
    valid, invalid = _reading(text)
    return valid - invalid


def suspect_count(text: str) -> int:
    return len(_SUSPECT.findall(text))


_CONVERTERS = (from_tcvn3, from_vni)


def _better(after: tuple[int, int], before: tuple[int, int]) -> bool:
    """Whether a reading (valid, invalid) is clearly better than another:
    fewer tokens that are not syllables, and more that are. Text that is
    already Unicode Vietnamese has (next to) no such tokens, so no reading
    of it can be better."""
    return after[1] < before[1] and after[0] > before[0]


def repair(text: str) -> str:
    """`text` with any TCVN3 or VNI lines converted to Unicode.

    Nothing is done unless the text holds a few characters that only the
    legacy fonts produce; then the reading that makes the text read best is
    chosen, and applied to each line that it makes read better.
    """
    if suspect_count(text) < _MIN_SUSPECT:
        return text
    before = _reading(text)
    best, convert = before[0] - before[1], None
    for candidate in _CONVERTERS:
        after = _reading(candidate(text))
        if _better(after, before) and after[0] - after[1] > best:
            best, convert = after[0] - after[1], candidate
    if convert is None:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isascii():
            continue  # the same in every reading
        converted = convert(line)
        if converted != line and _better(_reading(converted), _reading(line)):
            lines[i] = converted
    return "\n".join(lines)


# --- VISCII (RFC 1456) ---------------------------------------------------------

# A code page rather than a font: each of the 134 Vietnamese letters has a
# byte of its own, the six capitals that did not fit above 0x80 in place of
# C0 controls. Bytes 0x80-0xFF, in order:
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 80–8F
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 90–9F
    "Õắằặấầẩậẽẹếềểễệố"  # A0–AF
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # B0–BF
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # C0–CF
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # D0–DF
    "àáâãảăữẫèéêẻìíĩỉ"  # E0–EF
    "đựòóôõỏọụùúũủýợỮ"  # F0–FF
)
_VISCII = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"} | {
    0x80 + i: letter for i, letter in enumerate(_VISCII_HIGH)
}


def decode_viscii(data: bytes) -> str:
    """Bytes in VISCII → Unicode (Python has no codec for it)."""
    return data.decode("latin-1").translate(_VISCII)


# Windows-1252 where it defines a byte, Latin-1 elsewhere: the characters a
# legacy-font file shows when it is opened as "ANSI".
_ANSI = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def decode_ansi(data: bytes) -> str:
    """8-bit bytes as the characters a legacy Vietnamese font was drawn over."""
    return data.decode("latin-1").translate(_ANSI)
