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
    return line.startswith(_lead_openings(rules.source_tags))


@functools.cache
def _lead_openings(tags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(x for t in tags for x in (f"{t} -", f"{t} –", f"({t})"))


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
_WORD = re.compile(r"\w+")
# The words a unit's or organ's name starts with: "Huyện ủy Kim Sơn", "UBND
# XÃ QUẢNG THÀNH", "ĐẢNG BỘ PHƯỜNG PHÚ HỘI - THÀNH PHỐ HUẾ".
_ORGAN_START = re.compile(
    r"(?:đảng bộ|đảng ủy|ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân|huyện ủy|quận ủy|thị ủy|thành ủy"
    r"|tỉnh ủy|huyện|quận|thị xã|thị trấn|xã|phường|thành phố|tỉnh)(?!\w)"
)
_LEVEL_START = re.compile(r"(?:thị xã|thị trấn|thành phố|tp\.?|huyện|quận|xã|phường|tỉnh)(?!\w)")
_NAME_WORDS = 4
_SITE_WORDS = 12
_SITE_PREFIX_WORDS = 6
_TITLE_MIN_WORDS = 4


def section_name(line: str) -> str | None:
    """A section from a breadcrumb: its last part ("Trang chủ » Tin tức » Xây dựng Đảng")."""
    parts = [p.strip() for p in _CRUMBS.split(line) if p.strip()]
    parts = [p for p in parts if fold(p) not in _HOME]
    return parts[-1] if parts else None


@dataclass(frozen=True)
class _Words:
    sections: frozenset[str]
    sites: tuple[str, ...]
    site_prefixes: re.Pattern[str] | None
    meta: re.Pattern[str] | None


@functools.cache
def _words(rules: Rules) -> _Words:
    prefixes = "|".join(re.escape(fold(p)) for p in sorted(rules.site_prefixes, key=len, reverse=True))
    meta = "|".join(r"\s+".join(map(re.escape, fold(p).split())) for p in sorted(rules.meta_labels, key=len, reverse=True))
    return _Words(
        sections=frozenset(fold(s) for s in rules.section_names),
        sites=tuple(fold(p) for p in rules.site_phrases),
        site_prefixes=re.compile(rf"(?:{prefixes})(?!\w)") if prefixes else None,
        # "Chuyên mục: …" with its colon; "Viết bởi Super User" without
        meta=re.compile(rf"(?:{meta})\s*:|(?:[^\W\d_]+\s+)?(?:bởi|by)\s") if meta else None,
    )


def _capitalised(words: list[str]) -> bool:
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def is_crumb(line: str) -> bool:
    """A breadcrumb or a menu on one line: short parts between separators."""
    parts = [p.strip() for p in _CRUMBS.split(line) if p.strip()]
    if fold(parts[0]) in _HOME if parts else False:
        return True
    return len(parts) >= 2 and all(len(p) <= 40 and len(p.split()) <= 5 for p in parts)


def is_site_name(line: str, rules: Rules) -> bool:
    """The site's or the publishing organ's name, at the top of a page:
    "Cổng thông tin điện tử huyện X", "Báo Y điện tử", "HUYỆN ỦY KIM SƠN"."""
    key = fold(line)
    words = _WORD.findall(line)
    w = _words(rules)
    if len(words) <= _SITE_WORDS and any(p in key for p in w.sites):
        return True
    if len(words) <= _SITE_PREFIX_WORDS and w.site_prefixes is not None and w.site_prefixes.match(key):
        rest = [x for x in words if fold(x) not in ("điện", "tử", "online")]
        return _capitalised(rest)
    organ = _ORGAN_START.match(key)
    if organ is None:
        return False
    # Nothing but a name after the organ: "HUYỆN ỦY KIM SƠN", "UBND XÃ QUẢNG
    # THÀNH", "ĐẢNG BỘ PHƯỜNG PHÚ HỘI - THÀNH PHỐ HUẾ"; each name is a
    # level word and at most four words, all capitalised.
    for part in line[organ.end() :].split(" - "):
        level = _LEVEL_START.match(fold(part.strip()))
        name = _WORD.findall(part.strip()[level.end() if level else 0 :])
        if not name or len(name) > _NAME_WORDS or not _capitalised(name):
            return False
    return True


def _is_meta(line: str, rules: Rules) -> bool:
    """A labelled field of the page ("Chuyên mục: Xây dựng Đảng")."""
    meta = _words(rules).meta
    return meta is not None and meta.match(fold(line)) is not None


def _is_candidate(line: str, rules: Rules) -> bool:
    """Whether a header line can be (part of) the title."""
    if not is_title_like(line, rules) or len(_WORD.findall(line)) < _TITLE_MIN_WORDS:
        return False
    if fold(line) in _words(rules).sections or is_crumb(line) or _is_meta(line, rules):
        return False
    if is_site_name(line, rules):
        return False
    found = dates.header_date(line, rules)
    return found is None or found.kind == "parens"


def _continues(prev: str, nxt: str, rules: Rules) -> bool:
    """Whether line `nxt` goes on with the title ending in line `prev`: a
    title broken over lines ("… gắn với / học tập và làm theo …")."""
    if not prev or not nxt or not is_title_like(nxt, rules) or dates.header_date(nxt, rules):
        return False
    if nxt[0].islower() and not _ENDS_SENTENCE.search(prev):
        return True
    return prev.isupper() and nxt.isupper() and not is_site_name(prev, rules) and not is_site_name(nxt, rules)


def _title_lines(lines, at: int, rules: Rules) -> tuple[int, int]:
    """The first and last line of the title that includes line `at`."""
    first = last = at
    while first > 0 and _continues(lines[first - 1], lines[first], rules):
        first -= 1
    while last + 1 < len(lines) and _continues(lines[last], lines[last + 1], rules):
        last += 1
    return first, last


def _joined(lines, span: tuple[int, int]) -> str:
    return " ".join(lines[span[0] : span[1] + 1])


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
    found = [(pos, d) for pos, i in enumerate(window) if (d := dates.header_date(_without_views(lines[i], rules), rules))]
    usable = [(pos, d) for pos, d in found if not d.ignored]
    if usable:
        # A labelled publication date first, then an update date, then one
        # with a time; on a tie the later line: a date above the page's
        # menu is the site's "today", not the article's.
        pos, best = max(usable, key=lambda pd: (pd[1].rank, _has_time(pd[1]), pd[0]))
        head = _around_date(lines, window, pos, best, views, rules)
    else:
        head = _without_date(lines, window, views, rules)
    # Other date lines ("Cập nhật" under "Ngày đăng", "Ngày in") and the
    # page's labelled fields ("Chuyên mục: …") are never body text.
    skip = head.skip | {window[pos] for pos, _ in found} | {i for i in window if _is_meta(lines[i], rules)}
    head = replace(head, skip=frozenset(i for i in skip if i >= head.body_start))
    if byline_at is not None:
        head = replace(head, byline=lines[byline_at], skip=head.skip | {byline_at})
    elif usable and best.by is not None:
        head = replace(head, byline=best.by)  # "14/10/2022 08:00 | Thanh Hà"
    return head


def _has_time(found: dates.HeaderDate) -> bool:
    return isinstance(found.value, dt.datetime)


def _section_before(lines, window: list[int], pos: int, rules: Rules) -> str | None:
    if pos <= 0:
        return None
    line = lines[window[pos - 1]]
    if not _is_section(line) or is_site_name(line, rules) or dates.header_date(line, rules):
        return None
    return section_name(line)


def _around_date(
    lines, window: list[int], pos: int, found: dates.HeaderDate, views: int | None, rules: Rules
) -> Header:
    at = window[pos]
    if found.kind == "parens":
        return Header(found.before, found.value, _section_before(lines, window, pos, rules), views, at + 1)
    # The nearest title line above the date line; a sapo (a sentence) may
    # stand between them and is body text.
    above = next((p for p in range(pos - 1, -1, -1) if _is_candidate(lines[window[p]], rules)), None)
    nxt = pos + 1 if pos + 1 < len(window) and _is_candidate(lines[window[pos + 1]], rules) else None
    glued = section_name(found.before) if found.before else None
    # Title after the date line when a section is glued to it (the page
    # header reads "section + date", then the title), or when there is no
    # title above, or only a short line right above and a longer title
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
        section = glued or _section_before(lines, window, pos, rules)
        span = _title_lines(lines, window[nxt], rules)
        return Header(_joined(lines, span), found.value, section, views, span[1] + 1)
    if above is not None:
        span = _title_lines(lines, window[above], rules)
        first = window.index(span[0]) if span[0] in window else above
        section = glued or _section_before(lines, window, first, rules)
        return Header(_joined(lines, span), found.value, section, views, span[1] + 1, frozenset({at}))
    return Header(None, found.value, glued, views, at + 1)


def _without_date(lines, window: list[int], views: int | None, rules: Rules) -> Header:
    candidates = [p for p, i in enumerate(window) if _is_candidate(lines[i], rules)]
    if not candidates:
        return Header(None, None, None, views, window[0] if window else len(lines))
    # Navigation menus copied above the title are short items ("Giới
    # thiệu", "Tin tức"); a headline has several words.
    pos = next((p for p in candidates if len(lines[window[p]].split()) >= _TITLE_WORDS), candidates[0])
    span = _title_lines(lines, window[pos], rules)
    return Header(_joined(lines, span), None, _section_before(lines, window, pos, rules), views, span[1] + 1)
