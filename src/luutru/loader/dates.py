"""Dates and times as Vietnamese portals write them.

Two questions are answered here: is this header line the article's date
line (and what does it say), and what event date does the lead give when the
header has none. Forms understood:

- numbers: "11/05/2021", "7-7-2015", "11.05.2021", ISO "2021-05-11T09:41:00+07:00"
- words: "ngày 30 tháng 12 năm 2021"
- times: "09:41", "9h41", "9 giờ 41", "16:31:05", 12-hour "9:41 SA" / "4:31 CH"
  (SA = sáng, before noon; CH = chiều, after noon) or AM/PM
- zones: "(GMT+7)", "UTC+07:00"; without one, Vietnam time (UTC+7)
- weekdays: "Thứ 3", "Thứ Ba", "Chủ nhật"; labels from the rules ("Ngày đăng")
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from ..model import VIETNAM
from .rules import Rules

_NOT_LETTER = r"(?![^\W\d_])"  # the next character is not a letter
_NO_LETTER_BEFORE = r"(?<![^\W\d_])"

_DMY = re.compile(
    r"(?<![\d/.:])(?P<d>\d{1,2})(?P<s>\s?[/.-]\s?)(?P<m>\d{1,2})(?P=s)(?P<y>(?:19|20)\d\d)(?![\d/])"
)
_ISO = re.compile(
    # (also "2019/03/14", the order some home-made sites print)
    r"(?<![\d/.])(?P<y>(?:19|20)\d\d)(?P<isep>[-/])(?P<m>\d\d)(?P=isep)(?P<d>\d\d)"
    # (a 12-hour clock after an ISO date is read by _TIME: "2021-05-11 9:41 CH")
    r"(?:[T ](?P<H>\d\d):(?P<M>\d\d)(?::(?P<S>\d\d)(?:\.\d+)?)?(?P<z>Z|[+-]\d\d:?\d\d)?"
    r"(?![:\d])(?!\s*(?:SA|CH|AM|PM|A\.M|P\.M)(?![^\W\d_])))?(?!\d)"
)
# Months in words, as content systems in Vietnamese print them ("Tháng Năm").
_MONTH_WORDS = {
    "một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}  # fmt: skip
_MONTH = r"\d{1,2}|" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_WORDS = re.compile(
    # "ngày 30 tháng 12 năm 2021", "12 Tháng Năm, 2021", "14 Tháng 7 2020"
    rf"(?:ngày\s+)?(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>{_MONTH})(?:\s*(?:năm|,)\s*|\s+)(?P<y>(?:19|20)\d\d)(?!\d)"
    # "Tháng Năm 12, 2021"
    rf"|(?<![^\W\d_])tháng\s+(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})\s*,\s*(?P<y2>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# Months in English, as content systems left in English print them:
# "March 28, 2019", "28 March 2019", "Mar 28, 2019".
_ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        1,
    )
    for name in names
}  # fmt: skip
_EN_MONTH = "|".join(sorted(_ENGLISH_MONTHS, key=len, reverse=True))
_ENGLISH = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<m>{_EN_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>(?:19|20)\d\d)(?!\d)"
    rf"|(?<![\d/.])(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_EN_MONTH})\.?\s*,?\s*(?P<y2>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\d:/.])(?P<h>[01]?\d|2[0-3])\s*(?::|h|giờ|g)\s*(?P<mi>[0-5]\d)"
    # (an old portal's minute mark: "15h20'")
    r"(?:\s*:\s*(?P<s>[0-5]\d))?(?:\s*phút|['’])?(?![\d/])"
    rf"(?:\s*(?P<ap>SA|CH|AM|PM|A\.M\.|P\.M\.){_NOT_LETTER})?",
    re.IGNORECASE,
)
_OFFSET = re.compile(
    r"\(?\s*(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d\d))?\s*\)?", re.IGNORECASE
)
_WEEKDAY = re.compile(
    # (a weekday may be glued to a section before it: "Đoàn thểThứ 3"; the
    # short forms "T6", "CN" only stand alone)
    rf"(?:thứ\s*(?:[2-7]|hai|ba|tư|năm|sáu|bảy|bẩy)|chủ\s*nhật|{_NO_LETTER_BEFORE}(?:t[2-7]|cn"
    rf"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    rf"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?){_NOT_LETTER}",
    re.IGNORECASE,
)
# Words that may sit between the parts of a date line: "ngày 11/05/2021 lúc 09:41".
_FILLER = re.compile(rf"{_NO_LETTER_BEFORE}(?:ngày|lúc|vào|giờ){_NOT_LETTER}", re.IGNORECASE)
# What may remain of a date line once its parts are taken out.
_SEPARATORS = re.compile(r"[\s|,;:\-–—/()\[\]•·.]+")
# A title with its time and date in trailing parentheses: "Title (09:41 11/05/2021)".
_PARENS = re.compile(r"^(?P<before>.*\S)\s*\((?P<inner>[^()]{6,48})\)\s*$")
# The event date of a lead: "Sáng 31/3/2021, …", "Ngày 30/12/2021, …".
_EVENT_LEAD = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:(?:rạng sáng|sáng|chiều|tối|trưa|đêm)(?:\s+(?:nay|qua))?"
    # "Sáng thứ Năm (18/11/2021)", "Chiều Chủ nhật, ngày …"
    r"(?:\s+(?:thứ\s+(?:[2-7]|hai|ba|tư|năm|sáu|bảy|bẩy)|chủ\s+nhật)\s*,?)?(?:\s+ngày)?"
    r"|(?:^|(?<=[.;]\s)|(?<=vừa qua,\s)|(?<=mới đây,\s)|(?<=vừa qua\s)|(?<=từ\s)"
    # "Vừa qua, vào ngày 03/12/2019, …"
    r"|(?:^|(?<=[.;]\s))trong\s+(?:\d|hai|ba|bốn|năm)\s+)(?:vào\s+)?ngày)\s*\(?\s*(?=\d)",
    re.IGNORECASE,
)
# The labelled time of an announced event: "Thời gian: 7 giờ 30, ngày 15/10/2020".
_EVENT_FIELD = re.compile(r"thời\s+gian\s*:\s*", re.IGNORECASE)
# An event over several days: "ngày 11 và 12/4/2022", "ngày 11 - 12/4/2022",
# "ngày 11 đến 13/4/2022"; the first day is the event's date.
_DAY_RANGE = re.compile(r"(?P<d>\d{1,2})\s*(?:và|,|-|–|đến)\s*\d{1,2}\s*(?P<rest>[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d)")

_MAX_PREFIX = 80  # a section glued before a date line is short
# A lead opens with the time of its event: "Sáng 31/3/2021, …", "Chiều nay 2/4".
_OPENS_WITH_EVENT = re.compile(
    r"^(?:rạng sáng|sáng|chiều|tối|trưa|đêm|ngày|hôm nay|hôm qua)(?:\s+(?:nay|qua|ngày))?\s+\(?\d",
    re.IGNORECASE,
)


def opens_with_event_time(text: str) -> bool:
    """Whether `text` starts like a lead: with the time of the event it
    reports. Such a line is article text, never a title or a caption."""
    return _OPENS_WITH_EVENT.match(text) is not None


@dataclass(frozen=True)
class HeaderDate:
    """A date line found in a page header.

    `kind` "parens" is a title carrying its date ("Title (09:41 11/05/2021)"),
    and `before` is then the title; "line" is a line of its own, and
    `before` is a section glued in front of it ("Hoạt động Đảng - Đoàn thểThứ 3, …").
    `rank` says how sure the line is to give the publication date: 2 with a
    publication label ("Ngày đăng"), 1 with an update label ("Cập nhật"),
    0 without a label, -1 with a label of a date that is never the
    article's ("Hôm nay", "Ngày in").
    """

    value: dt.datetime | dt.date
    kind: Literal["parens", "line"]
    before: str | None
    rank: int = 0
    by: str | None = None  # a name on the date line: "14/10/2022 08:00 | Thanh Hà"

    @property
    def ignored(self) -> bool:
        return self.rank < 0


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class _Date(_Span):
    date: dt.date
    time: dt.time | None = None  # ISO datetimes carry their own
    tz: dt.tzinfo | None = None


@dataclass(frozen=True)
class _Time(_Span):
    time: dt.time


def _make_date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None  # "31/02/2021" is not a date


def find_date(text: str) -> _Date | None:
    """The first complete date (with a year) in `text`."""
    if "19" not in text and "20" not in text:
        return None  # every form has its year, 19xx or 20xx: four scans spared
    best: _Date | None = None
    m = _ISO.search(text)
    if m and (date := _make_date(m["y"], m["m"], m["d"])):
        time = tz = None
        if m["H"] is not None:
            time = _make_time(m["H"], m["M"], m["S"], None)
            tz = _iso_zone(m["z"])
        best = _Date(m.start(), m.end(), date, time, tz)
    for pattern in (_DMY, _WORDS, _ENGLISH):
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best.start:
                break
            if pattern is _WORDS:
                date = _make_date(m["y"] or m["y2"], _month(m["m"] or m["m2"]), m["d"] or m["d2"])
            elif pattern is _ENGLISH:
                month = str(_ENGLISH_MONTHS[(m["m"] or m["m2"]).lower()])
                date = _make_date(m["y"] or m["y2"], month, m["d"] or m["d2"])
            else:
                date = _make_date(m["y"], m["m"], m["d"])
            if date is not None:
                best = _Date(m.start(), m.end(), date)
                break
    return best


def _month(text: str) -> str:
    word = " ".join(text.lower().split())
    return str(_MONTH_WORDS[word]) if word in _MONTH_WORDS else text


def _make_time(h: str, mi: str, s: str | None, ampm: str | None) -> dt.time | None:
    hour, minute, second = int(h), int(mi), int(s or 0)
    if ampm:
        pm = ampm.upper().replace(".", "") in ("CH", "PM")
        if hour > 12:
            return None
        hour = (hour % 12) + (12 if pm else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        return None


def _iso_zone(z: str | None) -> dt.tzinfo | None:
    if not z:
        return None
    if z == "Z":
        return dt.timezone.utc
    sign = -1 if z[0] == "-" else 1
    digits = z[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _find_time(text: str, skip: _Span) -> _Time | None:
    for m in _TIME.finditer(text):
        if m.start() < skip.end and m.end() > skip.start:
            continue
        time = _make_time(m["h"], m["mi"], m["s"], m["ap"])
        if time is not None:
            return _Time(m.start(), m.end(), time)
    return None


def _find_offset(text: str) -> tuple[_Span, dt.tzinfo] | None:
    m = _OFFSET.search(text)
    if m is None:
        return None
    hours, minutes = int(m["h"]), int(m["m"] or 0)
    if hours > 14 or minutes > 59:
        return None
    sign = -1 if m["sign"] == "-" else 1
    return _Span(m.start(), m.end()), dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


@functools.cache
def _label_re(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    if not labels:
        return None
    words = sorted(labels, key=len, reverse=True)  # "Ngày cập nhật" before "Cập nhật"
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"{_NO_LETTER_BEFORE}(?:{alternation}){_NOT_LETTER}\s*:?", re.IGNORECASE)


def _value(date: _Date, time: _Time | None, tz: dt.tzinfo | None) -> dt.datetime | dt.date:
    clock = date.time or (time.time if time else None)
    if clock is None:
        return date.date  # a date without a time stays a date, never midnight
    return dt.datetime.combine(date.date, clock, tzinfo=date.tz or tz or VIETNAM)


def _date_and_time(text: str) -> tuple[_Date, _Time | None, list[_Span], dt.tzinfo | None] | None:
    """The date, time and zone in a short text, and the spans they cover."""
    date = find_date(text)
    if date is None:
        return None
    spans: list[_Span] = [date]
    time = None if date.time else _find_time(text, date)
    if time is not None:
        spans.append(time)
    offset = _find_offset(text)
    tz = None
    if offset is not None:
        spans.append(offset[0])
        tz = offset[1]
    return date, time, spans, tz


def _leftover(text: str, spans: list[_Span]) -> str:
    """`text` without the spans, fillers and separators: what is not date."""
    parts, pos = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > pos:
            parts.append(text[pos : span.start])
        pos = max(pos, span.end)
    parts.append(text[pos:])
    rest = _FILLER.sub(" ", " ".join(parts))
    return _SEPARATORS.sub("", rest)


# Fields of a meta line shown with the date: "Bởi: admin", "Chuyên mục: Tin tức".
_META_FIELD = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,3}\s*:\s*\S.{0,60}$")
# A person's name as a field of a date line: capitalised words, two to five.
_NAME_FIELD = re.compile(r"^[^\W\d_][\w'’]*(?: [^\W\d_][\w'’]*){1,4}$")
_META_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_DASH_SEPARATOR = re.compile(r"\s+[-–]\s+")
_LABEL_RANKS = ((-1, "ignore_date_labels"), (2, "date_labels"), (1, "update_labels"))


@functools.lru_cache(maxsize=4096)
def header_date(line: str, rules: Rules) -> HeaderDate | None:
    """Read `line` as a header date line, or None if it is something else.

    A date line holds a date and nothing but time, zone, weekday, a label
    ("Ngày đăng", "Cập nhật") and separators; a short section may be glued
    in front when a label or weekday marks where the date starts. A title
    that merely mentions a date ("Kỷ niệm ngày 19/5/2021") is not a date
    line; a title ending in its time and date in parentheses is. A meta
    line ("Đăng ngày: 05/08/2021 | Bởi: admin | Chuyên mục: Tin tức") is
    read from its date field. (Cached: the header reader asks about one
    line several times.)
    """
    m = _PARENS.match(line)
    if m is not None:
        inner = m["inner"]
        found = _date_and_time(inner)
        # Parentheses count only with a time: "(19/5/1890)" in a title is
        # a date the article is about, "(09:41 11/05/2021)" is a timestamp.
        if found is not None and (found[0].time or found[1]) and not _leftover(inner, found[2]):
            date, time, _, tz = found
            return HeaderDate(_value(date, time, tz), "parens", m["before"].strip())
    whole = _date_line(line, rules)
    if whole is not None or len(line) > 160:
        return whole
    fields = _META_SEPARATOR.split(line)
    if len(fields) < 2:
        # "19/05/2022 - Hồng Vân": fields set off by dashes.
        fields = _DASH_SEPARATOR.split(line)
    if len(fields) < 2:
        return None
    found_fields = [_date_line(f, rules) for f in fields]
    dated = [f for f in found_fields if f is not None]
    if len(dated) != 1 or dated[0].before is not None:
        return None
    others = [f for f, d in zip(fields, found_fields) if d is None]
    names = [f for f in others if _NAME_FIELD.match(f) and all(w[0].isupper() for w in f.split())]
    if len(names) <= 1 and all(_META_FIELD.match(f) or f in names for f in others):
        return replace(dated[0], by=names[0] if names else None)
    return None


# Who posted, after the date: "Posted on 12/05/2021 by admin", "… bởi Thu Hà".
_POSTED_BY = re.compile(r"\s+(?:by|bởi)\s+\S.{0,30}$", re.IGNORECASE)
# … or before it: "Submitted by admin on Tue, 27/10/2020 - 09:05", "Gửi bởi admin vào …".
# The date of a post's submission is its publication date.
_BY_ON = re.compile(
    r"^(?:submitted|posted|đăng|gửi)\s+(?:by|bởi)\s+\S+(?:\s+\S+){0,2}?\s+(?:on|vào|lúc|ngày)\s+(?=\d|[^\W\d_])",
    re.IGNORECASE,
)
# A label the rules do not know, set off by its colon: "Ngày phát hành: …".
_OTHER_LABEL = re.compile(r"^(?:[^\W\d_]+\s+){0,3}[^\W\d_]+\s*:$")


# The place an official document is dated at, before its date in words:
# "Lục Ngạn, ngày 14 tháng 3 năm 2019" (a Word heading may leave a "*" or a
# tab before it). A name of capitalised words and a comma.
_PLACE_BEFORE = re.compile(r"^[\s*]*(?P<place>[^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*){0,4})\s*,\s*$")
_WRITTEN_DAY = re.compile(r"ngày\s+\d", re.IGNORECASE)


def _is_place_date(before: str, rest: str) -> bool:
    m = _PLACE_BEFORE.match(before)
    return (
        m is not None
        and _WRITTEN_DAY.match(rest) is not None
        and all(w[0].isupper() for w in m["place"].split())
    )


# A page's relative age before its date: "2 giờ trước · 14:25 20/05/2024".
_AGE_BEFORE = re.compile(r"^\d{1,3}\s+(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s+trước\s*[|·•,–—-]?\s*(?=\d)", re.IGNORECASE)


def _date_line(line: str, rules: Rules) -> HeaderDate | None:
    line = _AGE_BEFORE.sub("", line)
    posted = _BY_ON.match(line)
    if posted is not None:
        line = line[posted.end() :]
    line = _POSTED_BY.sub("", line)
    found = _date_and_time(line)
    if found is None:
        return None
    date, time, spans, tz = found
    marks: list[_Span] = []
    rank = 2 if posted is not None else 0
    for label_rank, key in _LABEL_RANKS:
        label_re = _label_re(getattr(rules, key))
        if label_re is not None and (lm := label_re.search(line)):
            marks.append(_Span(lm.start(), lm.end()))
            rank = label_rank
            break
    if wm := _WEEKDAY.search(line):
        marks.append(_Span(wm.start(), wm.end()))
    start = min(s.start for s in spans + marks)
    before = line[:start].strip(" |,-–—:·•([")  # "(14/03/2019 15:20)", "[…]" alone
    if _leftover(line[start:], [_Span(s.start - start, s.end - start) for s in spans + marks]):
        return None
    if before and not _FILLER.sub("", before).strip(" |,-–—:·•"):
        before = ""  # "Ngày 05/11/2013": a filler word, no section
    if before and not marks and _OTHER_LABEL.match(line[:start].strip(" |,-–—·•")):
        before = ""  # a label of its own: a date line, ranked below the known labels
    if before and not marks and _is_place_date(line[:start], line[start:]):
        before = ""  # "Lục Ngạn, ngày 14 tháng 3 năm 2019": a document dating itself
    if before and (not marks or len(before) > _MAX_PREFIX):
        return None
    return HeaderDate(_value(date, time, tz), "line", before or None, rank)


@dataclass(frozen=True)
class DayMonth:
    """A header date line without its year ("Thứ Sáu, 15/10 - 09:30"): some
    portals leave out the current year. Only the text can say which year."""

    day: int
    month: int
    time: dt.time | None = None
    tz: dt.tzinfo | None = None


# A day and month with no year after them: "15/10", "15-10", "15.10".
_DAY_MONTH = re.compile(r"(?<![\d/.:-])(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})(?![\d/.:-]|\s?[/.]\s?\d)")
# How long after the event an article may report it, for a year read from the event.
_REPORT_DAYS = 62


@functools.lru_cache(maxsize=4096)
def day_month_line(line: str, rules: Rules) -> DayMonth | None:
    """Read `line` as a date line whose date has no year, or None.

    Besides the day and month it holds a time, a weekday or a label (a bare
    "19/5" is a date a text mentions), and nothing else but a zone and
    separators. A label of a date that is never the article's ("Hôm nay")
    makes it no date line."""
    if len(line) > 80 or find_date(line) is not None:
        return None
    m = _DAY_MONTH.search(line)
    if m is None or not (1 <= int(m["d"]) <= 31 and 1 <= int(m["m"]) <= 12):
        return None
    day = _Span(m.start(), m.end())
    spans: list[_Span] = [day]
    time = _find_time(line, day)
    if time is not None:
        spans.append(time)
    offset = _find_offset(line)
    if offset is not None:
        spans.append(offset[0])
    marked = False
    for label_rank, key in _LABEL_RANKS:
        label_re = _label_re(getattr(rules, key))
        if label_re is not None and (lm := label_re.search(line)):
            if label_rank < 0:
                return None
            spans.append(_Span(lm.start(), lm.end()))
            marked = True
            break
    if wm := _WEEKDAY.search(line):
        spans.append(_Span(wm.start(), wm.end()))
        marked = True
    if (time is None and not marked) or _leftover(line, spans):
        return None
    return DayMonth(int(m["d"]), int(m["m"]), time.time if time else None, offset[1] if offset else None)


def with_year(header: DayMonth, event: dt.date) -> dt.datetime | dt.date | None:
    """The header's day and month in the year that puts them shortly after
    the event the text dates ("15/10 09:30" over a lead "Sáng 14/10/2021"),
    or None when no year does."""
    for year in (event.year, event.year + 1):
        try:
            day = dt.date(year, header.month, header.day)
        except ValueError:
            continue
        if 0 <= (day - event).days <= _REPORT_DAYS:
            if header.time is None:
                return day
            return dt.datetime.combine(day, header.time, tzinfo=header.tz or VIETNAM)
    return None


def event_date(paragraphs: list[str] | tuple[str, ...]) -> dt.date | None:
    """The date of the event a lead reports ("Sáng 31/3/2021, …"), if any.

    Only dates introduced as the time of the event count: a lead also cites
    documents with their dates ("Chỉ thị 05-CT/TW ngày 15/5/2016"), which
    are not the article's date.
    """
    for text in paragraphs[:2]:
        field = _EVENT_FIELD.match(text)
        if field is not None and (date := find_date(text[field.end() : field.end() + 60])) is not None:
            return date.date  # an announcement's "Thời gian: 7 giờ 30 phút, ngày 15/10/2020"
        for m in _EVENT_LEAD.finditer(text):
            after = text[m.end() : m.end() + 40]
            span = _DAY_RANGE.match(after)
            if span is not None:
                after = span["d"] + span["rest"]
            date = find_date(after)
            if date is not None and date.start == 0:
                return date.date
    return None
