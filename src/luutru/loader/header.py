"""The page header: section, title, date line and view counter.

Portals put these few lines in different orders:

    Tin tức - Sự kiện nổi bật                      section (breadcrumb)
    Long Biên sơ kết 05 năm …                      title
    Ngày đăng 31/03/2021 | 16:31 | Lượt xem: 2521  date line (+ views)

    Hoạt động Đảng - Đoàn thểThứ 3, Ngày 07/07/2015, 08:10   section glued to date
    PHƯỜNG 9 ĐẨY MẠNH …                                       title

    Thanh Xuân: Học tập, làm theo … (09:41 11/05/2021)        title with its date

The header is read from the first few non-blank lines; the date line
anchors it, and the title is the title-like line next to it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from . import dates
from .byline import is_labelled_byline
from .rules import Rules, fold


@dataclass(frozen=True)
class Header:
    title: str | None
    published: dt.datetime | dt.date | None
    section: str | None
    views: int | None
    body_start: int  # index of the first line after the title
    # Header lines at or after body_start that are not body: a date line
    # below a sapo, a labelled byline under the title.
    skip: frozenset[int] = frozenset()
    byline: str | None = None  # a labelled byline line met in the header


_SECTION_MAX = 80
_SHORT_TITLE = 40
_TITLE_WORDS = 5
_ENDS_SENTENCE = re.compile(r"[.;:]\W*$")
_ELLIPSIS = re.compile(r"(\.\.\.|…)\W*$")


@functools.cache
def _views_re(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    if not labels:
        return None
    words = sorted(labels, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    number = r"\d{1,3}(?:[.,]\d{3})+|\d+"
    # "Lượt xem: 2521" or "2.521 lượt xem"
    return re.compile(
        rf"(?<![^\W\d_])(?:{alternation})\s*:?\s*(?P<n>{number})(?!\d)"
        rf"|(?<![\d.,])(?P<m>{number})\s+(?:{alternation})(?![^\W\d_])",
        re.IGNORECASE,
    )


def find_views(lines: tuple[str, ...] | list[str], rules: Rules) -> int | None:
    """The first view counter ("Lượt xem: 2521", "Số lượt người xem: 77") in `lines`."""
    pattern = _views_re(rules.view_labels)
    if pattern is None:
        return None
    for line in lines:
        m = pattern.search(line)
        if m is not None:
            return int(re.sub(r"\D", "", m["n"] or m["m"]))
    return None


def _without_views(line: str, rules: Rules) -> str:
    pattern = _views_re(rules.view_labels)
    return pattern.sub(" ", line).strip(" |·•-") if pattern is not None else line


def looks_like_lead(line: str, rules: Rules) -> bool:
    """The first sentence of article text rather than a heading."""
    if dates.opens_with_event_time(line):
        return True
    return any(line.startswith((f"{t} -", f"{t} –", f"({t})")) for t in rules.source_tags)


def is_title_like(line: str, rules: Rules) -> bool:
    if not line or len(line) > rules.title_max_chars or len(line.split()) < 2:
        return False
    if _ENDS_SENTENCE.search(line) and not _ELLIPSIS.search(line):
        return False
    return not looks_like_lead(line, rules)


def _is_section(line: str) -> bool:
    return len(line) <= _SECTION_MAX and not _ENDS_SENTENCE.search(line)


# Breadcrumb separators; " - " is not one ("Tin tức - Sự kiện" is one name).
_CRUMBS = re.compile(r"\s*(?:»|›|>|\s/\s|\|)\s*")
_HOME = frozenset({"trang chủ", "trang nhất", "home"})


def section_name(line: str) -> str | None:
    """A section from a breadcrumb: its last part ("Trang chủ » Tin tức » Xây dựng Đảng")."""
    parts = [p.strip() for p in _CRUMBS.split(line) if p.strip()]
    parts = [p for p in parts if fold(p) not in _HOME]
    return parts[-1] if parts else None


def read_header(lines: tuple[str, ...] | list[str], rules: Rules) -> Header:
    """Find title, date, section and views at the top of furniture-free lines."""
    window: list[int] = []
    byline_at = None
    text_lines = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(line) > rules.title_max_chars or (len(line) > 100 and _ENDS_SENTENCE.search(line)):
            # Article text. One such line may still be a sapo above the date
            # line; at the second the header is surely over.
            text_lines += 1
            if text_lines == 2 or len(line) > rules.title_max_chars:
                break
        if byline_at is None and is_labelled_byline(line, rules):
            byline_at = i  # "Tác giả: …" under the title is no title candidate
            continue
        window.append(i)
        if len(window) >= rules.header_window:
            break
    views = find_views([lines[j] for j in window], rules)
    head = None
    for pos, i in enumerate(window):
        found = dates.header_date(_without_views(lines[i], rules), rules)
        if found is not None:
            head = _around_date(lines, window, pos, found, views, rules)
            break
    if head is None:
        head = _without_date(lines, window, views, rules)
    if byline_at is not None:
        head = replace(head, byline=lines[byline_at], skip=head.skip | {byline_at})
    return head


def _section_before(lines, window: list[int], pos: int) -> str | None:
    if pos <= 0:
        return None
    line = lines[window[pos - 1]]
    return section_name(line) if _is_section(line) else None


def _around_date(
    lines, window: list[int], pos: int, found: dates.HeaderDate, views: int | None, rules: Rules
) -> Header:
    at = window[pos]
    if found.kind == "parens":
        return Header(found.before, found.value, _section_before(lines, window, pos), views, at + 1)
    # The nearest title-like line above the date line; a sapo (a sentence)
    # may stand between them and is body text.
    above = next((p for p in range(pos - 1, -1, -1) if is_title_like(lines[window[p]], rules)), None)
    nxt = pos + 1 if pos + 1 < len(window) and is_title_like(lines[window[pos + 1]], rules) else None
    glued = section_name(found.before) if found.before else None
    # Title after the date line when a section is glued to it (the page
    # header reads "section + date", then the title), or when there is no
    # title above, or only a short breadcrumb right above and a longer title
    # below.
    title_after = nxt is not None and (
        found.before is not None
        or above is None
        or (
            above == pos - 1
            and len(lines[window[above]]) < _SHORT_TITLE
            and len(lines[window[nxt]]) > len(lines[window[above]])
        )
    )
    if title_after:
        section = glued or _section_before(lines, window, pos)
        after = nxt + 1 if nxt + 1 < len(window) else None
        if (
            after is not None
            and len(lines[window[nxt]]) < _SHORT_TITLE
            and is_title_like(lines[window[after]], rules)
            and len(lines[window[after]]) > len(lines[window[nxt]])
        ):
            # "date / Xây dựng Đảng / the title": a short section line first.
            section, nxt = section_name(lines[window[nxt]]), after
        return Header(lines[window[nxt]], found.value, section, views, window[nxt] + 1)
    if above is not None:
        section = glued or _section_before(lines, window, above)
        title_at = window[above]
        return Header(lines[title_at], found.value, section, views, title_at + 1, frozenset({at}))
    return Header(None, found.value, glued, views, at + 1)


def _without_date(lines, window: list[int], views: int | None, rules: Rules) -> Header:
    candidates = [p for p, i in enumerate(window) if is_title_like(lines[i], rules)]
    if not candidates:
        return Header(None, None, None, views, window[0] if window else len(lines))
    # Navigation menus copied above the title are short items ("Giới
    # thiệu", "Tin tức"); a headline has several words.
    pos = next((p for p in candidates if len(lines[window[p]].split()) >= _TITLE_WORDS), candidates[0])
    at = window[pos]
    return Header(lines[at], None, _section_before(lines, window, pos), views, at + 1)
