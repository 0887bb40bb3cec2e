"""The documents an article cites, as canonical identifiers.

Three ways of citing are recognised:

1. a full identifier, in any usual spelling: "Chỉ thị số 05-CT/TW",
   "05 - CT/TW", "05/CT-TW", "Quy định 124-QĐ/TW", "Nghị định 15/2020/NĐ-CP";
2. a type and a number without issuer: "Chỉ thị 05", "Chỉ thị số 05 của Bộ
   Chính trị", "CT 05" — completed from an issuer named right after it,
   else from a full identifier of the same type and number elsewhere in the
   article, else from the registry (a single candidate, or the central one);
   otherwise it is left out rather than guessed;
3. a Central Committee plenum resolution by name: "Nghị quyết Trung ương 4
   khóa XII", "Nghị quyết TW 4 (khóa XI, XII)" (two documents), "Nghị quyết
   Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII".

Local issuers number their documents independently, so a local identifier is
qualified by its locality: the issuer named in the text ("… của Thành ủy Hà
Nội") first, else the article's locality (its province for TU, its district
for QU/HU/TX). Resolutions of a congress ("Nghị quyết Đại hội XIII") are
not documents with an identifier and are not matched.

Matching runs on the folded text (lower case, one tone spelling), which has
the same offsets as the original; names are cut from the original.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import DISTRICT_LEVELS, WARD_LEVELS, Document, Locality
from ..registry import (
    PARTY_TYPES,
    TYPE_WORDS,
    DocId,
    Registry,
    find_ids,
    finditer_from,
    issuer_level,
    parse_id,
    plenum_name,
    same_types,
)
from .rules import fold

_NUMBER_WORDS = {
    "một": 1, "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
    "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11,
    "mười hai": 12, "mười ba": 13, "mười bốn": 14, "mười lăm": 15,
}  # fmt: skip
_NUM = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
_END = r"(?![^\W\d_])"  # not followed by a letter

# "Nghị quyết (Hội nghị) Trung ương (lần thứ) 4", "NQ TW4", "Nghị quyết TƯ 4".
_PLENUM = re.compile(
    rf"(?:nghị quyết|nq)\s*[-]?\s*(?:số\s+)?(?:của\s+)?(?:hội nghị\s+)?(?:lần thứ\s+)?"
    rf"(?:ban chấp hành\s+trung ương|bch\s*tw|bchtw|trung ương|tw|tư|t\.ư)(?:\s+đảng)?"
    rf"\s*(?:lần thứ\s+|thứ\s+)?(?P<n>\d{{1,2}}|{_NUM}){_END}"
)
_PLENUM_OPENINGS = ("nghị quyết", "nq")  # how every match of the two plenum patterns begins
# "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng".
_PLENUM_LONG = re.compile(
    rf"nghị quyết\s+(?:số\s+)?(?:của\s+)?hội nghị\s+(?:trung ương\s+)?(?:lần thứ\s+)?"
    rf"(?P<n>\d{{1,2}}|{_NUM})\s+(?:của\s+)?(?:ban chấp hành|bch)\s+trung ương(?:\s+đảng)?{_END}"
)
# The term(s) after a plenum: "khóa XII", "(XII)", "(khóa XI, khóa XII)", "khóa XI và XII".
_TERMS = re.compile(
    r"\s*[,(]?\s*\(?\s*(?P<terms>(?:khóa\s*)?(?:[ivxl]+|(?<=khóa )\d{1,2})"
    r"(?:\s*(?:,|và|&|;|-)\s*(?:khóa\s*)?(?:[ivxl]+|(?<=khóa )\d{1,2}))*)"
    rf"{_END}"
)
# A term is a Roman numeral, or a number after "khóa" ("Hội nghị Trung ương
# 4 (khóa 12)").
_ROMAN_TOKEN = re.compile(r"[ivxl]+|\d{1,2}")

# "Chỉ thị (số) 05" and "CT 05", with no issuer after the number. What may
# precede them is checked in code (`_starts_word`): a pattern that begins
# with its words lets the engine skip ahead, a look-behind does not.
_PARTY_TYPE_WORDS = tuple(sorted((w for w, c in TYPE_WORDS.items() if c in PARTY_TYPES and w != "quyết định"), key=len, reverse=True))  # fmt: skip
_TYPE_WORD = "|".join(_PARTY_TYPE_WORDS)
_NOT_A_COUNT = (
    r"(?!\s+(?:năm|tháng|ngày(?!\s+\d{1,2}\s*[/.-]\s*\d)|tuần|giờ|phút|lần|người|đồng|triệu|tỷ|nghìn|ngàn|điểm|nội dung|"
    r"nhiệm vụ|mục|điều|khoản|chương|tập thể|cá nhân|đơn vị|chi bộ|đảng viên)(?![^\W\d_]))"
)
_PARTIAL = re.compile(
    rf"(?P<word>{_TYPE_WORD})\s+(?:số\s+)?(?P<num>\d{{1,4}})"
    rf"(?![\d/.,-]\d|\s*[-–/]\s*[^\W\d_]|[^\W\d_]){_NOT_A_COUNT}"
)
_ABBR_TYPES = {"ct": "CT", "nq": "NQ", "qđ": "QĐ", "kl": "KL"}
_ABBREVIATION = re.compile(
    rf"(?P<abbr>{'|'.join(_ABBR_TYPES)})\s*(?:số\s*)?(?P<num>\d{{1,4}})(?![\w/-]){_NOT_A_COUNT}"
)

# The issuer named right after a citation: "… ngày 26/5/2016 của Thành ủy Hà Nội".
_ISSUER_AFTER = re.compile(
    r"^\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:(?:ban hành\s+)?ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d+)?\s*,?\s*)?"
    r"(?:của|do)\s+(?:ban thường vụ\s+|btv\s+|thường trực\s+|ban chấp hành\s+|bch\s+)?"
    r"(?P<org>bộ chính trị|ban bí thư|ban chấp hành trung ương(?:\s+đảng)?|bch\s*tw|trung ương(?:\s+đảng)?|tw"
    r"|tỉnh ủy|thành ủy|quận ủy|huyện ủy|thị ủy|đảng ủy khối|đảng ủy"
    r"|ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd|chính phủ|thủ tướng(?:\s+chính phủ)?)"
    r"(?![^\W\d_])"
)
_CENTRAL_ORGS = {"bộ chính trị", "ban bí thư", "tw", "bch tw", "bchtw"}
# Organ → (party issuer code, or state issuer code with style "state").
_LOCAL_ORGS = {
    "tỉnh ủy": ("TU", "party"),
    "thành ủy": ("TU", "party"),
    "quận ủy": ("QU", "party"),
    "huyện ủy": ("HU", "party"),
    "thị ủy": ("TX", "party"),
    "đảng ủy khối": ("ĐUK", "party"),
    "đảng ủy": ("ĐU", "party"),
    "ủy ban nhân dân": ("UBND", "state"),
    "ubnd": ("UBND", "state"),
    "hội đồng nhân dân": ("HĐND", "state"),
    "hđnd": ("HĐND", "state"),
}
# Level words between an organ and its place: "Thành ủy (thành phố) Hà Nội".
_LEVEL_WORD = re.compile(
    r"\s+(?:tỉnh|thành phố|tp\.?|quận|huyện|thị xã|phường|xã|thị trấn)(?=\s|[.,;)]|$)", re.IGNORECASE
)
_PLACE_WORD = re.compile(r"\s+(?P<w>[^\W_][\w-]*)")
_MAX_PLACE_WORDS = 4


@dataclass(frozen=True)
class _Mention:
    pos: int  # order of appearance across all texts
    doc: str | None  # canonical id, when known
    type: str | None = None  # for a citation still to be completed
    number: str | None = None
    date: dt.date | None = None  # the date it gives: "Chỉ thị số 05 ngày 15/5/2016"
    plenum: int | None = None  # a plenum resolution whose term is not written: "NQ TW4"
    term: str | None = None  # the term it gives: "… của Ban Chấp hành Trung ương Đảng khóa X"
    plenary: bool = False  # a resolution "… của Ban Chấp hành Trung ương": a plenum's


# The date written after a citation: "… số 05 ngày 15/5/2016", "…, ngày 15-5-2016".
_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)")
# The first day of each Party Congress's term, for "NQ TW4" written without
# its term: the term in force when the article was written.
_TERM_STARTS = (
    ("IX", dt.date(2001, 4, 22)),
    ("X", dt.date(2006, 4, 25)),
    ("XI", dt.date(2011, 1, 19)),
    ("XII", dt.date(2016, 1, 28)),
    ("XIII", dt.date(2021, 2, 1)),
    ("XIV", dt.date(2026, 1, 23)),
)
# An organ named before a citation, in the same sentence: "Đảng ủy phường
# Ninh Hiệp đã ban hành Quy chế số 03-QC/ĐU".
_ISSUER_BEFORE = re.compile(
    r"(?P<org>tỉnh ủy|thành ủy|quận ủy|huyện ủy|thị ủy|đảng ủy khối|đảng ủy|ủy ban nhân dân|ubnd)"
    r"(?![^\W\d_])(?=[^.;!?]*$)"
)
_LOOK_BACK = 120


def _date_after(folded: str, end: int) -> dt.date | None:
    m = _DATE_AFTER.match(folded, end)
    if m is None:
        return None
    try:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def _issuer_before(text: str, folded: str, start: int) -> tuple[str, str | _Own | None] | None:
    """The organ named last before a citation at `start`, in its sentence."""
    window_start = max(0, start - _LOOK_BACK)
    found = None
    for m in _ISSUER_BEFORE.finditer(folded, window_start, start):
        found = m
    if found is None:
        return None
    org = found["org"]
    return org, _place_after(text[:start], found.end())


def _central_organ(org: str) -> bool:
    return org in _CENTRAL_ORGS or org.startswith(("ban chấp hành", "trung ương", "bch"))


@dataclass(frozen=True)
class _Own:
    """An organ named by its level without a name ("của UBND tỉnh"): the
    article's own unit at that level (`scope`: "province" or "district")."""

    scope: str


# Level words that say which of the article's own units an unnamed organ is.
_SCOPES = {"tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district"}


def _place_after(text: str, pos: int) -> str | _Own | None:
    """Capitalised words from `pos` on: "Hà Nội" in "… Thành ủy Hà Nội về …";
    `_Own` for a level word without a name ("… của UBND tỉnh về …")."""
    level = _LEVEL_WORD.match(text, pos)
    if level is not None:
        pos = level.end()
        number = _PLACE_WORD.match(text, pos)
        if number is not None and number["w"].isdigit():
            # Numbered units are named with their level: "Phường 9", "Quận 3".
            return f"{level.group().strip().capitalize()} {number['w']}"
    words: list[str] = []
    while len(words) < _MAX_PLACE_WORDS:
        m = _PLACE_WORD.match(text, pos)
        if m is None:
            break
        word = m["w"]
        if not (word[0].isupper() or word[0].isdigit()):
            break
        if words and word[0].isdigit():
            break
        words.append(word)
        pos = m.end()
    if not words and level is not None:
        scope = _SCOPES.get(" ".join(level.group().lower().split()))
        return _Own(scope) if scope is not None else None
    return " ".join(words) or None


def _named_place(place: str | _Own | None, locality: Locality | None, org: str | None = None) -> str | None:
    if isinstance(place, _Own):
        return _locality_place(place.scope, locality)
    if place is None and org == "thành ủy" and _is_provincial_city(locality):
        # "Ban Thường vụ Thành ủy ban hành Kế hoạch số 145-KH/TU" in an
        # article on a provincial city: the city's own committee, which
        # numbers its "-TU" documents apart from the Tỉnh ủy's.
        return locality.name  # type: ignore[union-attr]
    return place


def _is_provincial_city(locality: Locality | None) -> bool:
    return locality is not None and locality.level == "thành phố" and not locality.is_province


def _issuer_after(text: str, folded: str, end: int) -> tuple[str, str | _Own | None] | None:
    """The organ named right after a citation ending at `end`:
    ("central", None), or (organ, place named or None)."""
    m = _ISSUER_AFTER.match(folded[end : end + 160])
    if m is None:
        return None
    org = " ".join(m["org"].split())
    if _central_organ(org) or org.startswith(("chính phủ", "thủ tướng")):
        return "central", None
    return org, _place_after(text, end + m.end())


def _locality_place(level: str, locality: Locality | None) -> str | None:
    """Which name of the article's locality qualifies an issuer of `level`."""
    if locality is None:
        return None
    if level == "province":
        return locality.province
    if level == "district":
        if locality.level in WARD_LEVELS:
            return locality.district
        if locality.level in DISTRICT_LEVELS and not locality.is_province:
            return locality.name
        return None
    return locality.name


def _qualify(doc: DocId, named: tuple[str, str | _Own | None] | None, locality: Locality | None) -> DocId:
    level = doc.level
    if level == "central":
        return doc
    place = None
    if named is not None and named[0] in _LOCAL_ORGS:
        # Only an organ of the id's own level names its place: "08-CT/TU …
        # của Quận ủy" is a slip, and the district is not the issuer.
        if issuer_level(_LOCAL_ORGS[named[0]][0]) == level:
            place = _named_place(named[1], locality, named[0])
    return doc.qualified(place or _locality_place(level, locality))


# The term named after a citation, in its sentence: "26-NQ/TW ngày 5/8/2008
# của Ban Chấp hành Trung ương Đảng khóa X".
_TERM_AFTER = re.compile(r"[^.;!?\x00]{0,120}?khóa\s+(?P<t>[ivxl]+)(?![^\W\d_])")
_ENTRY_TERM = re.compile(r"khóa\s+(?P<t>[IVXL]+)\b")


# The Central Committee as the issuer right after a citation: its resolutions
# are those of its plenums ("44-NQ/TW ngày 24/11/2023 của Ban Chấp hành
# Trung ương Đảng (khóa XIII)"), unlike the Politburo's.
_BY_CENTRAL_COMMITTEE = re.compile(
    r"[^.;!?\x00]{0,40}?\s(?:của|do)\s+(?:hội nghị\s+(?:lần thứ\s+\S+\s+)?)?"
    r"(?:ban chấp hành\s+trung ương|bch\s*tw|bchtw)"
)


def _term_after(folded: str, end: int) -> str | None:
    m = _TERM_AFTER.match(folded, end)
    return m["t"].upper() if m is not None and _roman(m["t"]) is not None else None


def _entry_term(entry: Document) -> str | None:
    m = _ENTRY_TERM.search(entry.id) or _ENTRY_TERM.search(entry.issuer or "")
    return m["t"] if m is not None else None


def _contradicts(entry: Document, mention: _Mention) -> bool:
    """Whether a citation's own date or term says it is another document
    than the registry's entry for its number (26-NQ/TW of term X, 2008, is
    not the term-XII 26-NQ/TW of 2018)."""
    if mention.date is not None and entry.date is not None and mention.date != entry.date:
        return True
    term = _entry_term(entry) if mention.term is not None else None
    return term is not None and term != mention.term


def _terms(folded: str, end: int) -> list[str]:
    m = _TERMS.match(folded, end)
    if m is None:
        return []
    found = []
    for token in _ROMAN_TOKEN.findall(m["terms"]):
        value = int(token) if token.isdigit() else _roman(token)
        if token.isdigit() and value is not None and 1 <= value <= 20:
            token = _to_roman(value)
        if value is not None and 1 <= value <= 20:
            found.append(token.upper())
    return found


def _roman(token: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for i, ch in enumerate(token):
        v = values[ch]
        nxt = values[token[i + 1]] if i + 1 < len(token) else 0
        total += -v if v < nxt else v
    # Reject what is not a well-formed numeral ("iiii", "vx").
    return total if _to_roman(total) == token else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _plenum_number(raw: str) -> int | None:
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    return n if n is not None and 1 <= n <= 20 else None


def _starts_word(folded: str, start: int, kind: str) -> bool:
    if start == 0:
        return True
    before = folded[start - 1]
    if kind == "abbr":  # "CT 05", not "VCT 05" or "TT/CT 05"
        return not (before.isalnum() or before in "_/-")
    return not before.isalpha()


def _scan(text: str, base: int, locality: Locality | None) -> list[_Mention]:
    # Each text on its own (the same as folding them joined): the furniture
    # step has folded these paragraphs already, and fold remembers them.
    folded = "\x00".join(map(fold, text.split("\x00")))
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    for start, end, doc in find_ids(text):
        named = _issuer_after(text, folded, end)
        if named is None and doc.level != "central":
            named = _issuer_before(text, folded, start)
        date = term = None
        plenary = False
        if doc.level == "central":
            # What the citation says of itself, to check the registry's
            # entry against: central numbers start again with each term.
            date, term = _date_after(folded, end), _term_after(folded, end)
            plenary = doc.type == "NQ" and _BY_CENTRAL_COMMITTEE.match(folded, end) is not None
        mentions.append(
            _Mention(base + start, str(_qualify(doc, named, locality)), date=date, term=term, plenary=plenary)
        )
        taken.append((start, end))

    for pattern in (_PLENUM, _PLENUM_LONG):
        for m in finditer_from(pattern, _PLENUM_OPENINGS, folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            number = _plenum_number(m["n"])
            if number is None:
                continue
            terms = _terms(folded, m.end())
            for term in terms:
                mentions.append(_Mention(base + m.start(), plenum_name(number, term)))
            if not terms:  # "NQ TW4": the term comes from the rest of the article
                mentions.append(_Mention(base + m.start(), None, plenum=number))
            taken.append((m.start(), m.end()))

    for pattern, openings, kind in ((_PARTIAL, _PARTY_TYPE_WORDS, "word"), (_ABBREVIATION, tuple(_ABBR_TYPES), "abbr")):
        for m in finditer_from(pattern, openings, folded):
            if not _starts_word(folded, m.start(), kind):
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "abbr":
                if not text[m.start() : m.start() + len(m["abbr"])].isupper():
                    continue  # "ct 05" in running text is not a citation
                type_code = _ABBR_TYPES[m["abbr"]]
            else:
                type_code = TYPE_WORDS[" ".join(m["word"].split())]
            number = m["num"].lstrip("0").zfill(2) if m["num"].strip("0") else None
            if number is None:
                continue
            named = _issuer_after(text, folded, m.end())
            doc = _from_issuer(number, type_code, named, locality)
            date = _date_after(folded, m.end())
            mentions.append(_Mention(base + m.start(), doc, type_code, number, date))
            taken.append((m.start(), m.end()))
    return mentions


def _from_issuer(
    number: str, type_code: str, named: tuple[str, str | _Own | None] | None, locality: Locality | None
) -> str | None:
    """Complete "Chỉ thị 05 của …" from the organ named after it."""
    if named is None:
        return None
    if named[0] == "central":
        return str(DocId(number, type_code, "TW"))
    code, style = _LOCAL_ORGS.get(named[0], (None, None))
    if code is None:
        return None
    doc = DocId(number, type_code, code, "party" if style == "party" else "state")
    return str(doc.qualified(_named_place(named[1], locality, named[0]) or _locality_place(issuer_level(code), locality)))


def _complete(mention: _Mention, known: list[str], registry: Registry, published: dt.date | None) -> str | None:
    """A citation without issuer (or a plenum without term) → the document
    it most likely means, or None rather than a guess."""
    if mention.plenum is not None:
        return _plenum_term(mention.plenum, known, registry, published)
    kinds = same_types(mention.type or "")
    for doc in known:
        parsed = parse_id(doc)
        if parsed is not None and parsed.type in kinds and parsed.number == mention.number:
            return doc
    candidates = registry.candidates(mention.type or "", mention.number or "")
    if mention.date is not None and len(candidates) > 1:
        candidates = tuple(d for d in candidates if d.date == mention.date) or candidates
    if len(candidates) == 1:
        return candidates[0].id
    central = [d for d in candidates if (p := parse_id(d.id)) is None or p.level == "central"]
    return central[0].id if len(central) == 1 else None


def _plenum_term(number: int, known: list[str], registry: Registry, published: dt.date | None) -> str | None:
    """ "NQ TW4" without a term: the term the article gives that plenum
    elsewhere (the first one), else the term in force on its date when the
    registry knows that resolution."""
    prefix = plenum_name(number, "I").rsplit(" ", 1)[0] + " "
    for doc in known:
        if doc.startswith(prefix):
            return doc
    if published is None:
        return None
    term = None
    for name, start in _TERM_STARTS:
        if published >= start:
            term = name
    if term is None:
        return None
    entry = registry.lookup(plenum_name(number, term))
    return entry.id if entry is not None else None


def find_documents(
    texts: Sequence[str],
    *,
    locality: Locality | None = None,
    registry: Registry | None = None,
    published: dt.date | None = None,
) -> tuple[str, ...]:
    """Canonical ids of the documents cited in `texts` (title, paragraphs,
    captions), once each, in order of first citation. `published` (the
    article's date) settles a plenum resolution cited without its term."""
    registry = registry if registry is not None else Registry.empty()
    # One pass over all texts; NUL between them stops every pattern, so no
    # citation is read across the end of a paragraph.
    mentions = _scan("\x00".join(texts), 0, locality)
    mentions.sort(key=lambda m: m.pos)
    # Ids as the registry names them: "Nghị quyết 04-NQ/TW" is then known as
    # the plenum resolution it is, for "NQ TW4" elsewhere in the text.
    named: dict[int, str] = {}  # mention → its id as the registry names it
    unlike: list[int] = []  # mentions whose date or term contradict the registry's entry
    for i, m in enumerate(mentions):
        if m.doc is not None:
            entry = registry.lookup(m.doc)
            if entry is not None and _contradicts(entry, m):
                unlike.append(i)
            elif entry is None and m.plenary:
                unlike.append(i)  # a plenum's resolution by number: the plenum the article names
            else:
                named[i] = entry.id if entry is not None else m.doc
    for i in unlike:
        named[i] = _plenum_of_term(mentions[i], named.values()) or mentions[i].doc
    known = [named[i] for i in sorted(named)]
    result: dict[str, None] = {}  # ordered set
    for i, mention in enumerate(mentions):
        doc_id = named.get(i)
        if doc_id is None:
            doc_id = _complete(mention, known, registry, published)
            entry = registry.lookup(doc_id) if doc_id is not None else None
            doc_id = entry.id if entry is not None else doc_id
        if doc_id is not None:
            result[doc_id] = None
    return tuple(result)


def _plenum_of_term(mention: _Mention, known: Iterable[str]) -> str | None:
    """The one plenum resolution of the citation's term that the article
    names ("Nghị quyết Trung ương 7 khóa X" for "26-NQ/TW … khóa X"), if any."""
    if mention.term is None:
        return None
    prefix, suffix = plenum_name(1, "I").split(" 1 ", 1)[0] + " ", f" khóa {mention.term}"  # "Nghị quyết Trung ương "
    found = {d for d in known if d.startswith(prefix) and d.endswith(suffix)}
    return found.pop() if len(found) == 1 else None
