"""The byline: who wrote the article, and for which unit.

Forms: a name alone on the line after the last paragraph ("Thu Uyên"), a
name and unit ("Hoài Trang - Ban Tuyên giáo"), a role in parentheses
("Minh Anh (CTV)"), a labelled line ("Tác giả: Thu Uyên", "Bài, ảnh: …").
Names are kept as written (capitals too), only trimmed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .rules import Rules, fold, phrases_re


@dataclass(frozen=True)
class Byline:
    """Who signed: a person (`author`, with the `unit` they write for), or
    an agency or newspaper (`source`), or both ("Hồng Nhung (TTXVN)")."""

    author: str | None
    unit: str | None = None
    source: str | None = None


# An agency's or a newspaper's abbreviation: "TTXVN", "QĐND", "BQN", "TTXVN/VNA".
_AGENCY = re.compile(r"^[A-ZĐ][A-ZĐ0-9]{1,7}(?:/[A-ZĐ][A-ZĐ0-9]{1,7})?$")


def _is_agency(text: str, rules: Rules) -> bool:
    return text in rules.source_tags or (_AGENCY.match(text) is not None and fold(text) not in _roles(rules))


@functools.cache
def _roles(rules: Rules) -> frozenset[str]:
    return frozenset(fold(r) for r in (*rules.byline_roles, *rules.not_authors))


# Words that begin page lines but never a person's name; a pen name is any
# run of capitalised words, so these keep headings and furniture out.
_NOT_FIRST_NAME = frozenset(
    "các những một tin bài xem trang ban ủy sở phòng đảng hội ngày thứ tháng năm "
    "tổng quận huyện phường xã tỉnh thị ubnd bản quay chia lượt nguồn theo "
    "ảnh video clip kỳ phần đại hình toàn".split()
)
# Two-word openings of captions and headings in capitals ("QUANG CẢNH HỘI
# NGHỊ"); "Quang" alone opens many names ("Quang Minh", "Quang Huy"), and
# "Trung" too ("Trung Hiếu"), where "Trung ương", "Trung tâm" are bodies.
_NOT_NAME_OPENINGS = frozenset({"quang cảnh", "trung ương", "trung tâm", "trung đoàn", "trung đội"})
_MAX_NAME = 40
# A name of the Central Highlands' peoples, one word with an inner capital: "K'Bin", "H'Hen".
_APOSTROPHE_NAME = re.compile(r"^[^\W\d_]['’][^\W\d_]{2,}$")
_MAX_UNIT = 60
# How far from the end a byline may sit (captions of a last photo, a source
# line) and how long a line may be and still not end the search.
_TAIL = 6
_PARAGRAPH = 120
_UNIT_SPLIT = re.compile(r"\s+[-–—]\s+|\s*,\s+")
_ROLE = re.compile(r"^(?P<name>.*?)\s*\((?P<role>[^()]{1,60})\)$")
_SENTENCE_END = re.compile(r"[.!?;:…]\W*$")


def is_name(text: str) -> bool:
    """A person's (pen) name: one to five capitalised words, or initials."""
    words = text.split()
    if not words or len(words) > 5 or len(text) > _MAX_NAME:
        return False
    if fold(words[0]) in _NOT_FIRST_NAME or fold(" ".join(words[:2])) in _NOT_NAME_OPENINGS:
        return False
    if len(words) == 1 and "." not in text and not _APOSTROPHE_NAME.match(text):
        return False  # one bare word is too weak to be taken for a name
    for word in words:
        parts = word.rstrip(".").split(".")  # "N.T.Hà", "H."
        # an apostrophe inside a name: "H'Ly Niê", "Ksor Y'Bhin"
        if not all(p and p.replace("'", "").replace("’", "").isalpha() and p[0].isupper() for p in parts):
            return False
    return True


@functools.cache
def _label_re(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    if not labels:
        return None
    alternation = "|".join(
        r"\s*".join(map(re.escape, w.split())) for w in sorted(labels, key=len, reverse=True)
    )
    return re.compile(rf"^(?:{alternation})(?:\s*(?P<colon>:)\s*|\s+)(?P<rest>\S.*)$", re.IGNORECASE)


def is_labelled_byline(line: str, rules: Rules) -> bool:
    """Whether a line is a labelled byline ("Tác giả: Thu Hà", "Viết bởi Thu Hà")."""
    label = _label_re(rules.byline_labels)
    m = label.match(line) if label is not None else None
    return m is not None and parse_byline(line, rules) is not None


# A photo credit after the writer: "Ngọc Mai - Ảnh: Đức Anh", "Bài: X; ảnh: Y".
# A writer and the agency after a slash: "Hoàng Hùng/TTXVN", "Minh Hà/TTXVN/VNA".
_SLASH_AGENCY = re.compile(r"^(?P<name>[^/]{2,40}?)\s*/\s*(?P<agency>[^/\s].*)$")
_PHOTO_CREDIT = re.compile(r"\s*(?:[-–;,]\s*|\s)\(?ảnh\s*:.*$", re.IGNORECASE)


def parse_byline(text: str, rules: Rules) -> Byline | None:
    """Read one line as a byline, or None if it is not one."""
    label = _label_re(rules.byline_labels)
    labelled = label.match(text) if label is not None else None
    if labelled is not None:
        if labelled["colon"] is None and text.isupper():
            return None  # "TIN HOẠT ĐỘNG": a heading in capitals, no "Tin" label
        text = labelled["rest"].strip()
    text = _PHOTO_CREDIT.sub("", text) if labelled is not None else text
    unit = None
    m = _ROLE.match(text)
    if m is not None:
        text = m["name"].strip()
        role = m["role"].strip()
        roles = {fold(r) for r in rules.byline_roles}
        unit = None if fold(role) in roles else role
    elif (slash := _SLASH_AGENCY.match(text)) is not None and _is_agency(slash["agency"], rules):
        text, unit = slash["name"].strip(), slash["agency"]  # the agency becomes the source below
    else:
        parts = _UNIT_SPLIT.split(text, maxsplit=1)
        if len(parts) == 2 and parts[1][:1].isupper() and len(parts[1]) <= _MAX_UNIT:
            if is_name(parts[1]) and (not parts[1].isupper() or parts[0].isupper()):
                pass  # two authors ("Thu Hà - Minh Anh", "THU HÀ - MINH ANH"): the line is the byline
            else:
                text, unit = parts[0].strip(), parts[1].strip()
    if len(text) > _MAX_NAME * 2:
        return None
    source = None
    if unit is not None and _is_agency(unit, rules):
        source, unit = unit, None  # "Hồng Nhung (TTXVN)": the agency is the source
    if fold(text) in _roles(rules):
        return None  # "Super User", "BBT": the system or the editors, no author
    # A label with its colon vouches for what follows; without the colon
    # ("Viết bởi Thu Hà") what follows must look like a name.
    if is_name(text) or _co_authors(text) or (labelled is not None and labelled["colon"] and text):
        return Byline(text, unit, source)
    if _titled_name(text, rules):
        return Byline(text, unit, source)  # "Đại tá Nguyễn Văn Bình": the rank stays with the name
    return None


def _titled_name(text: str, rules: Rules) -> bool:
    """A name after a rank or title from the rules ("Đại tá", "Nhà báo")."""
    pattern = phrases_re(rules.byline_titles, "^", r"\s+(?=\S)")
    m = pattern.match(fold(text)) if pattern is not None else None
    return m is not None and is_name(text[m.end() :])


# An organ that signs an article: "Ban Dân vận Tỉnh ủy", "Trung tâm VH-TT huyện".
_ORGAN = re.compile(
    r"^(?:Ban|Văn phòng|Phòng|Trung tâm|Đài|Ủy ban|Uỷ ban|UBND|Đảng ủy|Đảng uỷ|Huyện ủy|Quận ủy|Thị ủy"
    r"|Thành ủy|Tỉnh ủy|Hội|Mặt trận|Đoàn)(?![^\W\d_])",
    re.IGNORECASE,  # in capitals too: "BAN TUYÊN GIÁO THỊ ỦY BA ĐỒN"
)
_ORGAN_WORDS = 8


def _signature(text: str, rules: Rules) -> Byline | None:
    """A closing line that signs without naming a person: an agency's
    abbreviation ("TTXVN") gives the source; "BBT", "PV", or an organ ("Ban
    Dân vận Tỉnh ủy") give nothing. None when the line is neither."""
    if _is_agency(text, rules):
        return Byline(None, None, text)
    if fold(text) in _roles(rules):
        return Byline(None)
    if text[:1].isupper() and _ORGAN.match(text) and len(text.split()) <= _ORGAN_WORDS and not _SENTENCE_END.search(text):
        return Byline(None)
    return None


def _co_authors(text: str) -> bool:
    parts = _UNIT_SPLIT.split(text)
    return len(parts) > 1 and all(is_name(p) for p in parts)


@dataclass(frozen=True)
class Found:
    byline: Byline | None
    units: list[str]  # the body's units without the byline
    tail: list[str]  # what followed the byline: page furniture


def find_byline(units: list[str], rules: Rules) -> Found:
    """The byline among the units of a body.

    It is looked for at the end, searching back past short lines (captions
    of a closing photo) until real article text; what follows a byline is
    page furniture and goes with it. A labelled byline may also stand at
    the top, right under the title.
    """
    for i in range(len(units) - 1, max(-1, len(units) - 1 - _TAIL), -1):
        text = units[i]
        found = parse_byline(text, rules) or _signature(text, rules)
        if found is not None:
            return Found(found, units[:i], units[i + 1 :])
        if len(text) > _PARAGRAPH or (_SENTENCE_END.search(text) and len(text) > 80):
            break
    for i, text in enumerate(units[:2]):
        if is_labelled_byline(text, rules):
            return Found(parse_byline(text, rules), units[:i] + units[i + 1 :], [])
    return Found(None, units, [])
