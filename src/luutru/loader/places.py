"""Which locality an article is about, and which others it names.

Vietnamese place names are also ordinary words ("Hòa Bình" is peace, "Thống
Nhất" unity, "Đoàn Kết" solidarity) and people's names ("Thanh Xuân"), so a
name counts only where the text marks it as a unit:

- after a level word or its abbreviation: "phường Kim Giang", "xã Hương
  Toàn", "quận 3", "TP Hà Nội", "P.9", "TP.HCM";
- in a list that follows such a marker: "phường Việt Hưng, Giang Biên";
- in a party committee's name: "Quận ủy Long Biên", "Thị ủy Hương Trà";
- bare at the very start of the title, for a province or district ("Thanh
  Xuân: …", "Long Biên sơ kết …");
- bare elsewhere only as a whole run of capitalised words that cannot be a
  common word there: a province's name, or the name of a ward of the
  article's own district or of a district of its own province ("ở Hương
  Toàn, Hương Vinh" in an article about thị xã Hương Trà).

The unit the article is about comes from the title, else the lead, else the
committee the body names most. A name that several units share is settled
by the other units the text names, then by `province_hint`; when that does
not settle it, the record says so instead of guessing.

Cost: two regex scans of the text that the engine runs in C (anchors of
level words and abbreviations; runs of capitalised words), then dict
lookups, with name resolution cached across articles; the gazetteer is
built once per process. About 0.3-0.5 ms for a 10 KB article.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from ..gazetteer import (
    LEVEL_TIERS,
    Gazetteer,
    Unit,
    fold,
    fold_word,
    is_number_name,
    to_locality,
)
from ..model import Locality

__all__ = ["find_locality"]

# --- patterns ---------------------------------------------------------------

# Python's re has no \p{Lu}: the class of Latin capitals, Vietnamese ones included.
_UP = "".join(
    c for c in map(chr, range(0x41, 0x2000)) if c.isupper() and unicodedata.name(c, "").startswith("LATIN")
)
_SP = r"[ \t\u00a0]"  # never a line break: a name does not run across lines
# Possessive: a word never gives back letters, which spares the engine
# backtracking through every capitalised word that no second one follows.
_CAP_WORD = rf"[{_UP}][\w'’]*+"
# A word of a unit's name: capitalised, or a ward/district number ("phường 9").
_WORD_RE = re.compile(rf"{_CAP_WORD}|\d{{1,3}}(?!\w)")
# The words of one name, joined by spaces or a dash ("Bà Rịa - Vũng Tàu").
_NAME = rf"(?:{_CAP_WORD}|\d{{1,3}}(?!\w))(?:(?:{_SP}+|{_SP}*[-–]{_SP}*)(?:{_CAP_WORD}|\d{{1,3}}(?!\w))){{0,5}}"
_MAX_WORDS = 5

# Markers are found by an anchor, a piece of each level word that is rare in
# running text, and completed by looking back: Python's regex engine skips
# ahead in C only to the first letter of a branch, and a pattern whose
# branches open with "t" or "h" stops at every third letter of Vietnamese.
# Anchors: "quận", "phường", "xã" (also "thị xã"), "yện" (huyện), "ỉnh"
# (tỉnh), "phố" (thành phố), "ấn" (thị trấn), "ủy"/"ỷ" (a committee: "Quận
# ủy", "Thành uỷ"), "ặc khu" (đặc khu), and the abbreviations, which keep
# their case.
# The lookahead (a name must follow: a capital or a number) drops "xã hội",
# "cấp ủy đảng" and their like inside the engine, before any Python runs.
_MARKER = re.compile(
    r"(?:quận|Quận|QUẬN|phường|Phường|PHƯỜNG|xã|Xã|XÃ|yện|YỆN|ỉnh|ỈNH|phố|PHỐ|ấn|ẤN|ủy|Ủy|ỦY|ỷ|Ỷ|ặc khu|ặc Khu|ẶC KHU"
    r"|TP|Tp|TX|Tx|TT|P\.|Q\.|H\.|X\.)"
    rf"(?=\.?[ \t\u00a0:]*[{_UP}\d])"
)
_SPACES = " \t\u00a0"
# What must follow a level word for it to be a marker: a capitalised name.
_AFTER_LEVEL = re.compile(rf"(?:{_SP}*:{_SP}*|{_SP}+)(?P<name>{_NAME})")
# Abbreviations keep their case ("TP", "P."); a dot or spaces, then the name.
_ABBREVIATIONS = {"TP": "thành phố", "Tp": "thành phố", "TX": "thị xã", "Tx": "thị xã", "TT": "thị trấn",
                  "P.": "phường", "Q.": "quận", "H.": "huyện", "X.": "xã"}
_AFTER_ABBREVIATION = re.compile(rf"(?:\.?{_SP}*)(?P<name>{_NAME})")
_ISSUER_LEVEL = {"quận": "quận", "huyện": "huyện", "thị": "thị xã", "thành": "thành phố", "tỉnh": "tỉnh"}


# One more name of a list: "phường Việt Hưng, Giang Biên", "xã A và B".
_LIST_NEXT = re.compile(rf"(?:{_SP}*[,;]{_SP}*|{_SP}+(?:và|cùng|&){_SP}+)(?P<n>{_NAME})")
# Runs of two or more capitalised words, for bare names.
_RUN = re.compile(rf"{_CAP_WORD}(?:{_SP}++{_CAP_WORD})++")
# The title's first run, after any quote or bracket.
_TITLE_START = re.compile(rf"[^\w]*(?P<run>{_CAP_WORD}(?:{_SP}+{_CAP_WORD})*)")
# Bodies whose name before a marker makes the mention an issuer:
# "Đảng ủy phường 9", "UBND xã Hương Toàn".
_ORGANS = frozenset(("đảng ủy", "đảng uỷ", "đảng bộ", "ubnd", "hđnd", "ủy ban nhân dân", "uỷ ban nhân dân", "mttq"))
# Words right before a bare run that make it something else: a street, a
# school, a village, a person ("đường Minh Khai", "chị Thanh Xuân").
_NOT_A_UNIT_BEFORE = frozenset((
    "đường", "phố", "cầu", "chợ", "trường", "sông", "hồ", "núi", "đèo", "ga", "bến", "cảng", "thôn", "xóm",
    "ấp", "bản", "làng", "khu", "tổ", "khóm", "đội", "chùa", "đình", "đền", "nhà", "sân", "báo", "đài",
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "đồng chí", "đ/c", "họ", "tên",
    "giải", "cúp", "công ty", "hợp tác xã", "htx", "trung tâm", "bệnh viện", "tuyến", "dự án", "kênh",
    "đập", "rừng", "đồi", "bãi", "biển", "vịnh", "đảo",
))
_CONTEXT = 24  # characters looked at before a name for the two sets above


def _preceded_by(text: str, start: int, phrases: frozenset[str], last_words: frozenset[str]) -> bool:
    """Whether one of `phrases` (up to three words, any case; `last_words`
    their last words) ends right before `start`, separated from it by spaces
    only. Set lookups: a regex anchored at the end would be tried at every
    position of the window."""
    if not start or text[start - 1] not in _SPACES:
        return False
    words = text[max(0, start - _CONTEXT) : start].split()
    if not words or (phrase := words[-1].lower()) not in last_words:
        return False
    for word in (None, *reversed(words[-3:-1])):
        if word is not None:
            phrase = f"{word.lower()} {phrase}"
        if phrase in phrases:
            return True
    return False


def _last_words(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(p.rsplit(" ", 1)[-1] for p in phrases)


_ORGANS_LAST = _last_words(_ORGANS)
_NOT_A_UNIT_LAST = _last_words(_NOT_A_UNIT_BEFORE)


_NUMBER_KEY = {"phường": fold("phường"), "quận": fold("quận")}
_HCM = fold("Hồ Chí Minh")

# Capitalised words that open a sentence before a bare name: "Tại Hương Vinh".
_OPENERS = frozenset(fold_word(w) for w in ("Tại", "Ở", "Từ", "Và", "Cùng", "Với", "Trên", "Theo", "Về", "Cả", "Như"))
# Province names that are mostly something else when written bare: the
# president, and peace. At the start of a title "Hòa Bình" must be set off
# ("Hòa Bình: …"); "Hồ Chí Minh" never counts there.
_BARE_STOP = frozenset({_HCM, fold("Hòa Bình")})
# Many wards and some districts are named after people ("Nguyễn Trãi",
# "Trần Phú", "Quang Trung", "Hai Bà Trưng") or after ideals ("Thống Nhất",
# "Đoàn Kết"), which articles name far more often than the wards, and in
# capitals too: such names count only with a marker.
_FAMILY_NAMES = frozenset(
    fold_word(w)
    for w in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
              "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Đào", "Mạc", "Tô", "Chu", "Triệu")
)
_NOT_BARE = frozenset(
    fold(n)
    for n in ("Quang Trung", "Hai Bà Trưng", "Bà Triệu", "Hùng Vương", "Hàm Nghi", "Duy Tân", "Điện Biên",
              "Thống Nhất", "Đoàn Kết", "Quyết Thắng", "Quyết Tiến", "Tân Tiến", "Bình An", "Hòa Bình",
              "Thành Công", "Tiến Bộ", "Độc Lập", "Tự Do", "Hạnh Phúc", "Thắng Lợi", "Chiến Thắng",
              "Hữu Nghị", "Dân Chủ", "Văn Minh", "Đại Đồng", "Hòa An", "An Bình")
)

_TIER_RANK = {"province": 0, "district": 1, "ward": 2}
_TITLE, _LEAD, _BODY = 0, 1, 2


class _Mention(NamedTuple):
    """A name read in the text (a named tuple: thousands are made per second)."""

    part: int  # _TITLE, _LEAD or _BODY
    start: int
    cands: tuple[Unit, ...]  # every unit the name can mean here, best first
    issuer: bool = False  # a committee or authority of the unit
    level: str | None = None  # the level word that marked it: preferred when the text does not settle


# A name marked as a unit that no longer exists: "thành phố Vinh (cũ)".
_FORMER = re.compile(r"[ \t\u00a0]*\(cũ\)", re.IGNORECASE)


# --- finding names ----------------------------------------------------------


@lru_cache(maxsize=1 << 15)
def _units_named(
    gz: Gazetteer, name: str, level: str | None, shouting: bool, tiers: tuple[str, ...] | None = None
) -> tuple[tuple[Unit, ...], int]:
    """The longest prefix of `name`'s words that names a unit at `level`:
    (the units, where that prefix ends in `name`). Cached: the same names
    come back article after article."""
    spans = [m.span() for m in _WORD_RE.finditer(name, 0)][:_MAX_WORDS]
    if not spans:
        return (), 0
    words = [name[a:b] for a, b in spans]
    if words[0].isdigit():
        # A bare number is a name only after phường or quận: "phường 9", "Q.3".
        if level not in _NUMBER_KEY:
            return (), 0
        return _at_level(gz.units_for_key(f"{_NUMBER_KEY[level]} {int(words[0])}"), level, tiers), spans[0][1]
    if level in _NUMBER_KEY and is_number_name(words[0]):
        # "phường IV": numbered in Roman numerals, named with its level.
        return _at_level(gz.units_for_key(f"{_NUMBER_KEY[level]} {fold_word(words[0])}"), level, tiers), spans[0][1]
    keys = [fold_word(w) for w in words]
    for n in range(len(keys), 0, -1):
        if n == 1 and shouting and words[0].isupper():
            break  # "XÃ HỘI" in a title in capitals is no commune "Hội"
        found = _at_level(gz.units_for_key(" ".join(keys[:n])), level, tiers)
        if found:
            return found, spans[n - 1][1]
    if "province" in (tiers or LEVEL_TIERS.get(level or "", ())):
        # Short forms of provinces, only where a province is expected: "tỉnh TT-Huế".
        for n in range(len(keys), 1, -1):
            found = gz.provinces_for_alias(" ".join(keys[:n]))
            if found:
                return found, spans[n - 1][1]
    return (), 0


def _at_level(units: tuple[Unit, ...], level: str | None, tiers: Collection[str] | None) -> tuple[Unit, ...]:
    if tiers is not None:
        return tuple(u for u in units if u.tier in tiers)
    if level is None or not units:
        return units
    exact = tuple(u for u in units if u.level == level)
    if exact:
        # Articles are historical: "huyện Phong Điền, tỉnh Thừa Thiên Huế"
        # (2019) is a thị xã in the gazetteer, while Cần Thơ still has a
        # huyện of that name. Units of the same tier at another level stay
        # candidates, after the exact ones; `_narrow` prefers the exact level
        # only when the rest of the text does not settle the name.
        tiers = {u.tier for u in exact}
        return exact + tuple(u for u in units if u.level != level and u.tier in tiers)
    # A huyện that became a thị xã, a xã that became a phường: same tier.
    allowed = LEVEL_TIERS[level]
    return tuple(u for u in units if u.tier in allowed)


def _word_before(text: str, end: int) -> tuple[int, str]:
    """The word that ends, before spaces, at `end`: (its start, it in lower case)."""
    j = end
    while j and text[j - 1] in _SPACES:
        j -= 1
    if j == end:
        return end, ""  # no space: not a separate word
    i = j
    while i and text[i - 1].isalpha():
        i -= 1
    return i, text[i:j].lower()


# What each anchor completes to: (level, the letters that must come right
# before the anchor, the word that must come before those, after spaces).
# An empty level is a committee, whose level the word before it gives.
_ANCHORS: dict[str, tuple[str, str, str]] = {
    **{a: ("huyện", "hu", "") for a in ("yện", "YỆN")},
    **{a: ("tỉnh", "t", "") for a in ("ỉnh", "ỈNH")},
    **{a: ("thành phố", "", "thành") for a in ("phố", "PHỐ")},
    **{a: ("thị trấn", "tr", "thị") for a in ("ấn", "ẤN")},
    **{a: ("", "", "") for a in ("ủy", "Ủy", "ỦY")},  # a committee: the word before says which
    **{a: ("", "u", "") for a in ("ỷ", "Ỷ")},
    **{a: ("xã", "", "") for a in ("xã", "Xã", "XÃ")},
    **{a: ("quận", "", "") for a in ("quận", "Quận", "QUẬN")},
    **{a: ("phường", "", "") for a in ("phường", "Phường", "PHƯỜNG")},
    **{a: ("đặc khu", "đ", "") for a in ("ặc khu", "ặc Khu", "ẶC KHU")},  # "đặc khu Phú Quốc", since 2025
}


def _marker_candidates(text: str) -> list[tuple[int, int, str, bool, bool]]:
    """(start, end of marker, level, committee, abbreviation) for every level
    word or abbreviation that starts a word, in text order."""
    out = []
    for m in _MARKER.finditer(text):
        start, end, anchor = m.start(), m.end(), m.group()
        committee = abbreviation = False
        level = _ABBREVIATIONS.get(anchor)
        if level is not None:
            abbreviation = True
        else:
            level, letters, word = _ANCHORS[anchor]
            if letters:
                start -= len(letters)
                if start < 0 or text[start:start + len(letters)].lower() != letters:
                    continue  # "chỉnh", "vấn", "tuyện"
            if word:
                start, before = _word_before(text, start)
                if before != word:
                    continue
            elif not level:
                start, before = _word_before(text, start)
                level = _ISSUER_LEVEL.get(before, "")
                if not level:
                    continue  # "Ủy ban", "cấp ủy"
                committee = True
            elif level == "xã" and start > 3 and text[start - 1] in _SPACES:
                if text[start - 4 : start - 1].lower() == "thị":  # the usual single space, cheaply
                    start, level = start - 4, "thị xã"
                elif text[start - 2] in _SPACES:
                    before_start, before = _word_before(text, start)
                    if before == "thị":
                        start, level = before_start, "thị xã"
        if start and (text[start - 1].isalnum() or text[start - 1] == "."):
            continue  # a word's tail ("Tp" in "HTp"), or "T.P."
        out.append((start, end, level, committee, abbreviation))
    out.sort()
    return out


def _scan_markers(gz: Gazetteer, text: str, part: int) -> list[_Mention]:
    out: list[_Mention] = []
    pos = 0
    for start, end, level, committee, abbreviation in _marker_candidates(text):
        if start < pos:
            continue  # inside a name or list already read
        if abbreviation:
            m = _AFTER_ABBREVIATION.match(text, end)
            if m is None or (m.start("name") == end and text[end - 1] != "." and not m["name"].startswith("HCM")):
                continue  # "TPHCM" needs no space; "TPx" is no marker
        else:
            m = _AFTER_LEVEL.match(text, end)
            if m is None or (committee and ":" in text[end : m.start("name")]):
                continue
        name, name_start = m["name"], m.start("name")
        if level == "thành phố" and fold(name.split()[0]) == "hcm":
            # HCMC is mostly abbreviated, and "Hồ Chí Minh" alone is the president.
            out.append(_Mention(part, start, tuple(u for u in gz.units_for_key(_HCM) if u.tier == "province")))
            pos = name_start + 3
            continue
        # A level word in capitals means a title in capitals, where every
        # word looks like a name; abbreviations are capitals anyway.
        shouting = not abbreviation and text[start:end].isupper()
        cands, used = _units_named(gz, name, level, shouting)
        if not cands:
            continue
        if cands[0].since is not None and _FORMER.match(text, name_start + used):
            # "huyện Đông Anh (cũ)" in an article of the new order: a unit
            # that is gone, not the new one that shares its name.
            pos = name_start + used
            continue
        issuer = committee or _preceded_by(text, start, _ORGANS, _ORGANS_LAST)
        out.append(_Mention(part, start, cands, issuer, level))
        pos = name_start + used
        # A list after the marker: the same level first, else a wider unit
        # ("xã Tân Lập, Đan Phượng, Hà Nội").
        tier = cands[0].tier
        while (nxt := _LIST_NEXT.match(text, pos)) is not None:
            more, used = _units_named(gz, nxt["n"], level, shouting)
            more_level: str | None = level
            if not more or more[0].tier != tier:
                wider = tuple(t for t, rank in _TIER_RANK.items() if rank < _TIER_RANK[tier])
                more, used = _units_named(gz, nxt["n"], None, shouting, tiers=wider)
                more_level = None
            if not more:
                break
            out.append(_Mention(part, nxt.start("n"), more, issuer, more_level))
            pos = nxt.start("n") + used
            tier = more[0].tier
    return out


def _title_start(gz: Gazetteer, title: str) -> list[_Mention]:
    """A province or district named bare at the start of the title: "Long Biên sơ kết …"."""
    m = _TITLE_START.match(title)
    if m is None:
        return []
    words = m["run"].split()
    shouting = title.isupper()
    keys = [fold_word(w) for w in words[:_MAX_WORDS]]
    for n in range(len(keys), 0, -1):
        if shouting:
            # Every word is capitalised: any prefix of two words or more.
            fits = n >= 2
        elif n == 1:
            # One syllable must be set off: "Vinh: …", not "Vinh danh …".
            fits = len(words) == 1 and title[m.end("run") :].lstrip().startswith((":", "-", "–", ","))
        else:
            fits = n == len(words)  # the whole run: "Thanh Xuân:", "Long Biên sơ kết"
        key = " ".join(keys[:n])
        if key in _BARE_STOP and not shouting:
            fits = fits and key != _HCM and title[m.end("run") :].lstrip().startswith((":", "-", "–", ","))
        if fits:
            found = tuple(u for u in gz.units_for_key(key) if u.tier != "ward")
            if found:
                return [_Mention(_TITLE, m.start("run"), found)]
    return []


def _runs(text: str, part: int) -> list[tuple[int, int, str, str]]:
    """Runs of two or more capitalised words: (part, start, run, key of its
    first word), a sentence opener dropped ("Tại Hương Vinh")."""
    out = []
    for m in _RUN.finditer(text):
        start, run = m.start(), m.group()
        if start and text[start - 1].isalnum():
            continue  # capitals inside a word ("iPhone")
        first = fold_word(run[: run.find(" ")] if " " in run else run.split()[0])
        if first in _OPENERS:
            words = run.split()
            if len(words) < 3:
                continue
            start = text.index(words[1], start + len(words[0]))
            run = run[start - m.start() :]
            first = fold_word(words[1])
        out.append((part, start, run, first))
    return out


_BareIndex = tuple[dict[str, tuple[Unit, ...]], frozenset[str]]


def _bare(runs, texts: Sequence[str], index: _BareIndex) -> list[_Mention]:
    names, firsts = index
    out = []
    for part, start, run, first in runs:
        if first not in firsts:
            continue  # the cheap test first: most runs are people and bodies
        units = names.get(fold(run))
        if units is None or _preceded_by(texts[part], start, _NOT_A_UNIT_BEFORE, _NOT_A_UNIT_LAST):
            continue
        if units[0].since is not None and _FORMER.match(texts[part], start + len(run)):
            continue  # a unit that is gone, in an article of the new order
        out.append(_Mention(part, start, units))
    return out


def _bare_index(units: Sequence[Unit], people_too: bool = False) -> _BareIndex:
    by_key: dict[str, list[Unit]] = {}
    for u in units:
        # One syllable alone is too often a common word or a given name.
        if " " not in u.name or u.name[-1].isdigit():
            continue
        key = fold(u.name)
        if not people_too and (key.split(" ", 1)[0] in _FAMILY_NAMES or key in _NOT_BARE):
            continue
        by_key.setdefault(key, []).append(u)
    # A name two of these units share is no evidence on its own: left out.
    names = {k: tuple(v) for k, v in by_key.items() if len({(u.name, u.province, u.district) for u in v}) == 1}
    return names, frozenset(k.split(" ", 1)[0] for k in names)


@lru_cache(maxsize=4)
def _province_names(gz: Gazetteer) -> _BareIndex:
    # "Cao Bằng" is a province before it is anyone's family.
    return _bare_index([p for p in gz.provinces() if fold(p.name) not in _BARE_STOP], people_too=True)


@lru_cache(maxsize=4096)
def _neighbourhood(gz: Gazetteer, main: Unit) -> _BareIndex:
    """Bare names worth reading for an article about `main`: the districts of
    its province and the wards of its district."""
    chain = (main, *gz.ancestors(main))
    province = next((u for u in chain if u.tier == "province"), None)
    district = next((u for u in chain if u.tier == "district"), None)
    units = list(gz.children(province)) if province else []
    if district is not None:
        units += gz.children(district)
    return _bare_index(units)


# --- settling shared names --------------------------------------------------


def _collapse(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """One ward in two placements over time (same code) counts once: the later one."""
    if len(units) < 2:
        return units
    seen: dict[object, Unit] = {}
    for u in units:
        key = u.code if u.code is not None else id(u)
        if key not in seen or (seen[key].until is not None and u.until is None):
            seen[key] = u
    return tuple(seen.values())


def _narrow(
    gz: Gazetteer, cands: tuple[Unit, ...], regions: Sequence[Unit], level: str | None = None
) -> tuple[Unit, ...]:
    """Keep the candidates inside the first region that holds any, and so on
    until one is left: the nearest context decides first. When it does not,
    the units at the `level` the text gave win ("huyện X" over a thị xã X)."""
    cands = _collapse(cands)
    for region in regions:
        if len(cands) <= 1:
            break
        inside = tuple(c for c in cands if gz.contains(region, c))
        if inside:
            cands = inside
    return _at_its_level(cands, level)


def _at_its_level(cands: tuple[Unit, ...], level: str | None) -> tuple[Unit, ...]:
    if len(cands) > 1 and level is not None:
        return tuple(c for c in cands if c.level == level) or cands
    return cands


# "tại" and a few words before a name: the place where something happens
# ("tại Hội trường UBND xã Vân Nội"), not who does it.
_VENUE = re.compile(r"(?<![^\W\d_])tại(?:[ \t\u00a0]+[^,.;:\s]+){0,5}[ \t\u00a0]+$", re.IGNORECASE)
_VENUE_REACH = 48


# One name of an address after another: "tại xã Vân Nội, huyện Đông Anh".
_ADDRESS_STEP = re.compile(r"[^,.;:]{1,40},[ \t\u00a0]*")


def _venues(text: str, mentions: Sequence[_Mention]) -> list[bool]:
    """For each mention of `text` (in order), whether it names where
    something happens: after "tại", or the rest of such an address."""
    out: list[bool] = []
    for i, m in enumerate(mentions):
        venue = _VENUE.search(text, max(0, m.start - _VENUE_REACH), m.start) is not None
        if not venue and i and out[-1]:
            venue = _ADDRESS_STEP.fullmatch(text, mentions[i - 1].start, m.start) is not None
        out.append(venue)
    return out


def _regions(gz: Gazetteer, units: Sequence[Unit]) -> list[Unit]:
    """Each unit, then its district and province, without repeats."""
    out: dict[Unit, None] = {}
    for u in units:
        if u not in out:  # an article names its own units again and again
            out[u] = None
            for a in gz.ancestors(u):
                out.setdefault(a, None)
    return list(out)


def _about(gz: Gazetteer, mentions: Sequence[_Mention], regions: list[Unit]) -> tuple[Unit, ...] | None:
    """The unit of the first mention, made more specific by later mentions
    inside it ("Quận 3: phường 9 …" → that phường 9)."""
    if not mentions:
        return None
    best = _narrow(gz, mentions[0].cands, regions, mentions[0].level)
    for m in mentions[1:]:
        cands = _narrow(gz, m.cands, regions, m.level)
        if len(cands) != 1:
            continue
        inner = cands[0]
        if len(best) == 1 and inner != best[0] and gz.contains(best[0], inner):
            best = cands
        elif len(best) > 1:
            best = tuple(b for b in best if gz.contains(inner, b)) or best
    return best


def _most_issued(gz: Gazetteer, mentions: Sequence[_Mention], regions: list[Unit]) -> list[_Mention]:
    """The committee or authority the body names most (ties: the first named)."""
    issuers = [(m, _narrow(gz, m.cands, regions, m.level)) for m in mentions if m.issuer]
    if not issuers:
        return []
    counts = Counter(units for _, units in issuers)
    top = max(counts.values())
    return [next(m for m, units in issuers if counts[units] == top)]


def _settle(gz: Gazetteer, about: tuple[Unit, ...], marked: Sequence[_Mention], regions: list[Unit]) -> tuple[Unit, ...]:
    """A name the title leaves open, settled by the text: a later mention
    marked with its level ("Tỉnh ủy Quảng Ngãi", "Thành ủy Cà Mau") that is
    one of the candidates; else, between a province and the city of the same
    name inside it, the province, which a bare name at the head of a title
    means far more often."""
    for m in marked:
        if m.part == _TITLE:
            continue
        cands = _narrow(gz, m.cands, regions, m.level)
        if len(cands) == 1 and cands[0] in about:
            return cands
    provinces = [u for u in about if u.tier == "province"]
    if len(provinces) == 1 and all(u is provinces[0] or gz.contains(provinces[0], u) for u in about):
        return (provinces[0],)
    return about


def _province_in_name(gz: Gazetteer, name: str) -> tuple[Unit, ...]:
    """The province a site's name ends its run of capitalised words with,
    after the kind of site: "Báo Thái Bình điện tử"."""
    provinces = _province_names(gz)[0]
    for m in _RUN.finditer(name):
        words = m.group().split()
        for i in range(1, len(words) - 1):
            found = provinces.get(fold(" ".join(words[i:])))
            if found:
                return found
    return ()


def _district_in_title(gz: Gazetteer, unit: Unit, title: str) -> tuple[Unit, ...] | None:
    """The district holding `unit`, when the title names it (capitalised, as a whole name)."""
    district = next((a for a in gz.ancestors(unit) if a.tier == "district"), None)
    if district is None or " " not in district.name:
        return None
    key, n = fold(district.name), len(district.name.split())
    words = [w.strip("\"'“”‘’(),:;.!?") for w in title.split()]
    for i in range(len(words) - n + 1):
        if words[i][:1].isupper() and fold(" ".join(words[i : i + n])) == key:
            return (district,)
    return None


def _level_then(gz: Gazetteer, main: Unit, marked: Sequence[_Mention], regions: list[Unit]) -> str | None:
    """The level the text gives its unit, when never the gazetteer's.

    Units changed level over the years (huyện → thị xã → thành phố, xã →
    phường) and the gazetteer holds the last one: a 2014 article on
    "huyện Điện Bàn" names the same unit at the level it had then. A text
    that also uses the gazetteer's level keeps it. Among wards only a
    phường had another level before (the reform of 2025 made xã of some
    thị trấn, so "xã Đông Anh" is no earlier name of thị trấn Đông Anh)."""
    if main.tier != "district" and (main.tier, main.level) != ("ward", "phường"):
        return None
    levels = [
        m.level for m in marked
        if m.level and main.tier in LEVEL_TIERS.get(m.level, ()) and main in m.cands
        and _narrow(gz, m.cands, regions, m.level) == (main,)
    ]  # fmt: skip
    if not levels or main.level in levels:
        return None
    return levels[0]


# A name in parentheses right after a capitalised word: "xã Thanh Hải (Thanh Hà)".
# Matched from the parenthesis, the word before checked apart: a pattern that
# opened with a look-behind was tried at every character of the body.
_PARENS_NAME = re.compile(r"\((?P<n>[^\W\d_][^()\d,;:]{1,30})\)")
_LETTER = re.compile(r"[^\W\d_]")


def _parenthesised_names(text: str) -> Iterator[str]:
    """What stands in parentheses right after a word: "(Thanh Hà)" → "Thanh Hà"."""
    for m in _PARENS_NAME.finditer(text):
        before = m.start() - 1
        while before >= 0 and text[before] in " \t\u00a0":
            before -= 1
        if before >= 0 and _LETTER.match(text, before):
            yield m["n"]


def _parenthesised(gz: Gazetteer, text: str) -> list[Unit]:
    """The districts and provinces named alone in parentheses after a name."""
    out = []
    for name in _parenthesised_names(text):
        name = name.strip()
        if not all(w[:1].isupper() for w in name.split() if w.isalpha() and w.lower() not in ("tp", "tx")):
            continue
        units = _collapse(tuple(u for u in gz.lookup(name) if u.tier in ("district", "province")))
        if len(units) == 1:
            out.append(units[0])
    return out


def _partial(cands: tuple[Unit, ...]) -> Locality:
    """What the candidates agree on: an ambiguous name keeps only that."""

    def common(attr: str) -> str | None:
        values = {getattr(u, attr) for u in cands}
        return values.pop() if len(values) == 1 else None

    return Locality(name=cands[0].name, level=common("level"), province=common("province"),
                    district=common("district"))


# --- which order of units the article is written in -------------------------

# The 2025 reform: the provinces were merged on 12 June, the two-level order
# (provinces, then wards and communes; no districts) began on 1 July.
MERGED = dt.date(2025, 6, 12)
REFORM = dt.date(2025, 7, 1)

# Phrases only the reform's articles use about their own units.
_NEW_ORDER = re.compile(
    r"\((?:mới)\)|chính quyền (?:địa phương )?(?:hai|2) cấp|(?:sáp nhập|hợp nhất) từ", re.IGNORECASE
)
# A two-level address: "phường Trường Vinh, tỉnh Nghệ An".
_TWO_LEVEL = re.compile(
    rf"(?i:(?P<level>phường|xã|đặc khu)){_SP}+(?P<name>{_NAME}){_SP}*,{_SP}*"
    rf"(?i:tỉnh|thành phố|tp\.?){_SP}*(?P<province>{_NAME})"
)


def after_reform(published: dt.date | None, texts: Sequence[str]) -> bool:
    """Whether the article names the units of the order in force since 1 July
    2025. By its date when it has one: on or after the reform, yes; before
    the provinces were merged, no. Otherwise (no date, or the weeks between)
    by its text: a phrase of the reform, or a two-level address whose ward
    the new province has and the old one had not."""
    if published is not None:
        if published >= REFORM:
            return True
        if published < MERGED:
            return False
    if any(_NEW_ORDER.search(t) for t in texts):
        return True
    old, new = Gazetteer.load(), Gazetteer.load(after_reform=True)
    for text in texts:
        for m in _TWO_LEVEL.finditer(text):
            level, name, province = m["level"].lower(), m["name"], m["province"]
            if new.lookup(name, level, province) and not old.lookup(name, level, province):
                return True
    return False


# --- the entry point --------------------------------------------------------


def find_locality(
    title: str,
    lead: str,
    body: str,
    *,
    province_hint: str | None = None,
    site: str | None = None,
    around: Sequence[str] = (),
    published: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[Locality | None, tuple[str, ...], tuple[str, ...]]:
    """(the unit the article is about, the other units it names, flags).

    `site` (the site's own name: "Cổng TTĐT huyện Thạch Hà") and `around`
    (other text about the publisher: a byline's unit "Đài Truyền thanh TP
    Mỹ Tho") name no place of the article, but the units they name settle
    shared names like `province_hint` does; and when the article names no
    unit at all, the site's unit is the one it is about.

    The other units are short names ("Kim Giang", "Phường 9") in order of
    first mention, once each, without the article's own unit or its
    province. Flags: "no-locality" when no unit is named where it would say
    what the article is about; "locality-ambiguous" when its name is still
    shared by several units after reading the text and `province_hint` —
    the locality then keeps only what they agree on (`province=None` when
    they lie in different provinces, `district=None` when in one province
    but different districts).

    `published` chooses the units (see `after_reform`): an article of the
    new order resolves against the 34 provinces and their wards, and its
    locality has no district. `gazetteer` imposes one instead.
    """
    texts = tuple(unicodedata.normalize("NFC", t or "") for t in (title, lead, body))
    gz = gazetteer or Gazetteer.load(after_reform=after_reform(published, texts))

    marked = [m for part, text in enumerate(texts) for m in _scan_markers(gz, text, part)]
    opening = _title_start(gz, texts[_TITLE])
    in_title = sorted(opening + [m for m in marked if m.part == _TITLE], key=lambda m: m.start)
    runs = [r for part, text in enumerate(texts) for r in _runs(text, part)]
    bare_provinces = _bare(runs, texts, _province_names(gz))
    hint = gz.province(province_hint) if province_hint else None
    site_marks = _scan_markers(gz, unicodedata.normalize("NFC", site), _BODY) if site else []
    outside = site_marks + [m for t in around for m in _scan_markers(gz, unicodedata.normalize("NFC", t), _BODY)]

    def unique(mentions: Sequence[_Mention]) -> list[Unit]:
        return [c[0] for m in mentions if len(c := _collapse(m.cands)) == 1]

    def by_level(mentions: Sequence[_Mention]) -> list[Unit]:
        # Unique only by the level word ("huyện Phong Điền": the one huyện,
        # though a thị xã shares the name): weaker, so after the rest.
        return [c[0] for m in mentions if len(_collapse(m.cands)) > 1
                and len(c := _at_its_level(_collapse(m.cands), m.level)) == 1]

    # Context for shared names, nearest first: what the title names, the
    # hint, then every unit the text names unambiguously, in order, then
    # those that only their level word makes unambiguous.
    # A district or province in parentheses after a name, "xã Thanh Hải
    # (Thanh Hà)", says where that name lies; the province a newspaper's
    # name gives ("Báo Hải Dương") settles only what the text leaves open.
    in_parens = [u for text in texts for u in _parenthesised(gz, text)]
    site_province = list(_province_in_name(gz, unicodedata.normalize("NFC", site))) if site else []
    context = _regions(gz, [*unique(in_title), *in_parens, *([hint] if hint else []), *unique(outside),
                            *by_level(outside), *unique(marked + bare_provinces), *by_level(marked),
                            *site_province[:1] * (len(site_province) == 1)])

    # The title may name a district and then the ward the article is about;
    # a lead names the actor first ("UBND huyện Gia Lâm tổ chức … tại xã
    # Đặng Xá"), so there the first unit counts, unless it is only the venue
    # ("Tại Hội trường UBND xã Vân Nội, Huyện ủy Đông Anh tổ chức …").
    about = _about(gz, in_title, context)
    if not about:
        in_lead = [m for m in marked if m.part == _LEAD]
        venues = _venues(texts[_LEAD], in_lead)
        actors = [m for m, venue in zip(in_lead, venues) if not venue]
        about = _about(gz, (actors or in_lead)[:1], context)
        if about and len(about) == 1:
            # "Tuổi trẻ Hải Hậu ra quân …" over "… tại xã Hải Minh": the
            # district the title names, bare, is what the article is about.
            about = _district_in_title(gz, about[0], texts[_TITLE]) or about
    if not about:
        about = _about(gz, _most_issued(gz, [m for m in marked if m.part == _BODY], context), context)
    if not about:
        about = _about(gz, site_marks[:1], context)  # "Cổng TTĐT huyện Thạch Hà"
    if not about and site:
        about = _province_in_name(gz, unicodedata.normalize("NFC", site))  # "Báo Thái Bình điện tử"

    if about and len(about) > 1:
        about = _settle(gz, about, marked, context)

    mentions = marked + bare_provinces + opening
    main: Unit | None = None
    if not about:
        locality, flags = None, ("no-locality",)
    elif len(about) > 1:
        locality, flags = _partial(about), ("locality-ambiguous",)
    else:
        main = about[0]
        locality, flags = to_locality(main), ()
        level = _level_then(gz, main, marked, context)
        if level is not None:
            locality = replace(locality, level=level)
        mentions += _bare(runs, texts, _neighbourhood(gz, main))
        context = _regions(gz, [main, *context])

    own = set(gz.ancestors(main)[-1:]) | {main} if main else set()
    own_names = {u.name for u in own}
    places: dict[str, None] = {}
    settled: dict[tuple[tuple[Unit, ...], str | None], tuple[Unit, ...]] = {}
    for m in sorted(mentions, key=lambda m: (m.part, m.start)):
        cands = settled.get((m.cands, m.level))
        if cands is None:
            cands = settled[(m.cands, m.level)] = _narrow(gz, m.cands, context, m.level)
        unit = cands[0]
        if len(cands) == 1 and unit in own:
            continue  # the article's own unit, or its province
        if m.level is None and unit.name in own_names:
            continue  # its name unmarked: "Tây Ninh" is the province, not the city inside it
        if main is None and locality is not None and unit.name in (locality.name, locality.province):
            continue  # an unsettled own unit, named again
        places.setdefault(unit.name, None)
    return locality, tuple(places), flags
