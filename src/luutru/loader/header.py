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
from .body import source_line
from .byline import is_labelled_byline, is_name
from .rules import Rules, fold, phrases_pattern, phrases_re


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
    source: str | None = None  # a labelled source field: "Nguồn: Báo Vĩnh Long"
    # A date line without its year ("Thứ Sáu, 15/10 - 09:30"), when the
    # header has no complete one: the text may say which year.
    day_month: dates.DayMonth | None = None
    # The site's own name above the title ("Cổng TTĐT huyện Thạch Hà").
    site: str | None = None
    # Every such name line above the title, the site's address among them
    # ("Đảng bộ xã Hồng Phong" / "Huyện Ninh Giang - Tỉnh Hải Dương").
    masthead: tuple[str, ...] = ()


_SECTION_MAX = 80
_SHORT_TITLE = 40
_HEADLINE_CHARS = 200  # longer, a line under a short one is a sapo rather than the headline
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
    if pattern is None:
        return line
    # The counter's field goes with one of its separators: "date | Lượt xem: 215 | name".
    return _EMPTY_FIELD.sub(r" \1 ", pattern.sub(" ", line)).strip(" |·•-–")


_EMPTY_FIELD = re.compile(r"\s*([|•·–-])(?:\s*[|•·–-])+\s*")


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
_ORGANS = (
    "đảng bộ", "đảng ủy", "ubnd", "ủy ban nhân dân", "hđnd", "hội đồng nhân dân", "huyện ủy", "quận ủy",
    "thị ủy", "thành ủy", "tỉnh ủy", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "thành phố", "tỉnh",
)  # fmt: skip
_LEVEL_START = re.compile(r"(?:thị xã|thị trấn|thành phố|tp\.?|huyện|quận|xã|phường|tỉnh)(?!\w)")
_NAME_WORDS = 4
# A few words of an organ's field, a level word, a name: " nội vụ tỉnh vĩnh long".
_SPECIALTY_THEN_PLACE = re.compile(
    r"(?:\s+\w+){1,4}?\s+(?:tỉnh|thành phố|huyện|quận|thị xã)(?:\s+\w+){1,4}$"
)
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
    organs: re.Pattern[str]
    headings: tuple[str, ...]


@functools.cache
def _words(rules: Rules) -> _Words:
    prefixes = "|".join(re.escape(fold(p)) for p in sorted(rules.site_prefixes, key=len, reverse=True))
    meta = phrases_pattern(rules.meta_labels)
    return _Words(
        sections=frozenset(fold(s) for s in rules.section_names),
        sites=tuple(fold(p) for p in rules.site_phrases),
        site_prefixes=re.compile(rf"(?:{prefixes})(?!\w)") if prefixes else None,
        # "Chuyên mục: …" with its colon; "Viết bởi Super User" without
        meta=re.compile(rf"(?:{meta})\s*:|(?:[^\W\d_]+\s+)?(?:bởi|by)\s") if meta else None,
        organs=re.compile(rf"(?:{_phrase_alternation((*_ORGANS, *rules.organ_names))})(?!\w)"),
        headings=tuple(fold(h) for h in rules.document_headings),
    )


def _phrase_alternation(phrases) -> str:
    folded = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in folded)


def _capitalised(words: list[str]) -> bool:
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def is_crumb(line: str) -> bool:
    """A breadcrumb or a menu on one line: short parts between separators."""
    parts = [p.strip() for p in _CRUMBS.split(line) if p.strip()]
    if fold(parts[0]) in _HOME if parts else False:
        return True
    # A menu whose items the copy ran together ("Trang chủ  Giới thiệu  Tin
    # tức"): a line opening with the home link is never a title.
    if parts and any(fold(parts[0]).startswith(h + " ") for h in _HOME) and not _ENDS_SENTENCE.search(line):
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
    organ = w.organs.match(key)
    if organ is None:
        return False
    # Nothing but a name after the organ: "HUYỆN ỦY KIM SƠN", "UBND XÃ QUẢNG
    # THÀNH", "ĐẢNG BỘ PHƯỜNG PHÚ HỘI - THÀNH PHỐ HUẾ"; each name is a
    # level word and at most four words, all capitalised.
    if line.isupper() and _SPECIALTY_THEN_PLACE.match(fold(line[organ.end() :])):
        return True  # "SỞ NỘI VỤ TỈNH VĨNH LONG": the department's field, then its place
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


def _is_heading(line: str, rules: Rules) -> bool:
    """An official document's fixed heading ("ĐẢNG CỘNG SẢN VIỆT NAM"),
    perhaps run together with the issuing body's name."""
    key = fold(line)
    for heading in _words(rules).headings:
        at = key.find(heading)
        if at >= 0:
            # Alone or beside the body's name; a title may name the Party too.
            rest = f"{line[:at]} {line[at + len(heading) :]}".strip(" -–\t")
            return not rest or is_site_name(rest, rules)
    return False


def _is_candidate(line: str, rules: Rules) -> bool:
    """Whether a header line can be (part of) the title."""
    if not is_title_like(line, rules) or len(_WORD.findall(line)) < _TITLE_MIN_WORDS:
        return False
    if fold(line) in _words(rules).sections or is_crumb(line) or _is_meta(line, rules):
        return False
    if _is_heading(line, rules):
        return False
    if is_site_name(line, rules):
        return False
    found = dates.header_date(line, rules)
    if found is not None:
        return found.kind == "parens"
    return dates.day_month_line(line, rules) is None


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


_MENU_ITEM_WORDS = 6
_RUBRIC_WORDS = 8
_MENU_ITEM_CHARS = 50
_MENU_FACTOR = 4
_DIGIT = re.compile(r"\d")


def _is_menu_item(line: str) -> bool:
    """A navigation item: a few words, no number, no sentence ("Thủ tục hành chính")."""
    return (
        len(line) <= _MENU_ITEM_CHARS
        and len(line.split()) <= _MENU_ITEM_WORDS
        and not _DIGIT.search(line)
        and not _ENDS_SENTENCE.search(line)
    )


def read_header(lines: tuple[str, ...] | list[str], rules: Rules) -> Header:
    """Find title, date, section and views at the top of furniture-free lines."""
    window: list[int] = []
    byline_at = post_at = None
    text_lines = counted = 0
    for i, line in enumerate(lines):
        if not line or i == post_at:
            continue
        if len(line) > rules.title_max_chars or (len(line) > 100 and _ENDS_SENTENCE.search(line)):
            # Article text. One such line may still be a sapo above the date
            # line; at the second the header is surely over.
            text_lines += 1
            if text_lines == 2 or len(line) > rules.title_max_chars:
                break
        if byline_at is None and is_labelled_byline(line, rules) and dates.header_date(line, rules) is None:
            byline_at = i  # "Tác giả: …" under the title is no title candidate
            continue
        if byline_at is None and (post := _post_under_name(lines, i, rules)) is not None:
            byline_at, post_at = i, post  # "TRẦN MINH TÂM" / "Ủy viên Ban Thường vụ …"
            continue
        window.append(i)
        # Items of a navigation menu copied above the title (one short name
        # a line, thirty of them on some portals) do not use up the window;
        # a page of nothing but such lines still ends it.
        counted += not _is_menu_item(line)
        if counted >= rules.header_window or len(window) >= _MENU_FACTOR * rules.header_window:
            break
    views = find_views([lines[j] for j in window], rules)
    found = [(pos, d) for pos, i in enumerate(window) if (d := dates.header_date(_without_views(lines[i], rules), rules))]
    # "Thời gian: 7 giờ 30, ngày 15/10/2020" under an opening paragraph is an
    # announcement's event, not the page's date (a header line never follows text).
    found = [(pos, d) for pos, d in found if not _event_time_after_text(lines, window, pos, rules)]
    usable = [(pos, d) for pos, d in found if not d.ignored]
    if len(usable) > 1:
        # An unlabelled date line with the site's name or menu below it, when
        # another date line follows: the site's "today" or clock ("Thứ Tư,
        # 20/03/2019 09:30:12") above the page's chrome, whatever its time.
        last = usable[-1][0]
        usable = [
            (pos, d) for pos, d in usable if pos == last or d.rank != 0 or not _chrome_between(lines, window, pos, last, rules)
        ]
    if usable:
        # A labelled publication date first, then an update date, then one
        # with a time; on a tie the later line: a date above the page's
        # menu is the site's "today", not the article's.
        pos, best = max(usable, key=lambda pd: (pd[1].rank, _has_time(pd[1]), pd[0]))
        head = _around_date(lines, window, pos, best, views, rules)
    else:
        head = _without_date(lines, window, views, rules)
        partial = next(((i, d) for i in window if (d := dates.day_month_line(_without_views(lines[i], rules), rules))), None)
        if partial is not None:
            head = replace(head, day_month=partial[1], skip=head.skip | {partial[0]})
    # Other date lines ("Cập nhật" under "Ngày đăng", "Ngày in") and the
    # page's labelled fields ("Chuyên mục: …") are never body text.
    skip = head.skip | {window[pos] for pos, _ in found} | {i for i in window if _is_meta(lines[i], rules)}
    # The title again, as the content's own heading under the date line.
    skip |= {i for i in window if head.title and fold(lines[i]) == fold(head.title)}
    masthead = tuple(lines[i] for i in window if i < head.body_start and is_site_name(lines[i], rules))
    if masthead:
        head = replace(head, site=masthead[0], masthead=masthead)
    head = replace(head, skip=frozenset(i for i in skip if i >= head.body_start))
    if byline_at is not None:
        head = replace(head, byline=lines[byline_at], skip=head.skip | {byline_at} | ({post_at} - {None}))
    elif usable and best.by is not None:
        head = replace(head, byline=best.by)  # "14/10/2022 08:00 | Thanh Hà"
    elif usable and (field := _byline_field(lines[window[pos]], rules)) is not None:
        head = replace(head, byline=field)  # "Tác giả: Ngọc Trâm | Ngày đăng: 20/03/2019 06:15"
    return _labelled_fields(head, lines, window, rules)


_FIELDS = re.compile(r"\s+[|•·]\s+")
_POST_CHARS = 200


def _post_under_name(lines, i: int, rules: Rules) -> int | None:
    """The line of an author's posts under line `i`, when line `i` is a
    name in capitals: analyses print their writer so, at the top."""
    line = lines[i]
    if not line.isupper() or not is_name(line):
        return None
    j = next((k for k in range(i + 1, len(lines)) if lines[k]), None)
    pattern = phrases_re(rules.author_posts, after=r"(?!\w)")
    if j is None or pattern is None or len(lines[j]) > _POST_CHARS or _ENDS_SENTENCE.search(lines[j]):
        return None
    return j if pattern.match(fold(lines[j])) else None
# How far up from the end a footer's date line is looked for, and what
# length of line is article text there (the search stops at it).
_FOOTER_UNITS = 6
_FOOTER_TEXT = 120
# Labels that an announcement's text also uses ("Thời gian: 8 giờ, ngày
# 20/3/2019" / "Địa điểm: …"): under the text they date an event, not the page.
_EVENT_LABELS = ("thời gian", "date", "time")


_EVENT_LINE = re.compile(r"(?:thời gian|date|time)\s*:")


def _event_time_after_text(lines, window: list[int], pos: int, rules: Rules) -> bool:
    """Whether window line `pos` is a "Thời gian:" field below a line of article text."""
    if not _EVENT_LINE.match(fold(lines[window[pos]])):
        return False
    return any(_ENDS_SENTENCE.search(lines[i]) and len(lines[i]) > _TEXT_CHARS for i in window[:pos])


_TEXT_CHARS = 80  # a sentence this long is article text, not a heading


def footer_date(units: list[str], rules: Rules) -> tuple[dates.HeaderDate | None, list[str]]:
    """A labelled date line at the end of the text ("Ngày đăng: 14/05/2021",
    "Người đăng: … | Ngày đăng: … | Lượt xem: 12"): portals that print the
    date under the article. Returns it (the best ranked, publication before
    update) and the units without such lines, which are never body text. An
    unlabelled date there may be anything (a letter's date, a list of other
    articles) and stays."""
    kept = list(units)
    best: dates.HeaderDate | None = None
    for i in range(len(units) - 1, max(-1, len(units) - 1 - _FOOTER_UNITS), -1):
        text = units[i]
        if len(text) > _FOOTER_TEXT:
            break
        found = dates.header_date(_without_views(text, rules), rules)
        if found is None or found.kind != "line" or found.rank == 0:
            continue
        if found.before is not None and ":" not in found.before:
            continue  # only a labelled field may precede it: "Người đăng: … | Ngày đăng: …"
        if fold(text).startswith(_EVENT_LABELS):
            continue
        del kept[i]
        if not found.ignored and (best is None or found.rank > best.rank):
            best = found
    return best, kept


def _byline_field(line: str, rules: Rules) -> str | None:
    """A labelled byline among the fields of a date line."""
    return next((f for f in _FIELDS.split(line) if is_labelled_byline(f, rules)), None)


def _chrome_between(lines, window: list[int], start: int, end: int, rules: Rules) -> bool:
    """Whether the site's name or a menu stands between window positions `start` and `end`."""
    return any(is_site_name(lines[window[q]], rules) or is_crumb(lines[window[q]]) for q in range(start + 1, end))


def _labelled_fields(head: Header, lines, window: list[int], rules: Rules) -> Header:
    """Fields a record page gives with labels (a library's "Nhan đề: …",
    "Nguồn: …"): a labelled title is the title, whatever the layout says."""
    label = phrases_re(rules.title_labels, after=r"\s*:\s*(?=\S)")
    for i in window:
        m = label.match(fold(lines[i])) if label is not None else None
        if m is not None:
            head = replace(head, title=lines[i][m.end() :].strip(), skip=head.skip | {i})
            break
    if head.source is None:
        for i in window:
            if _is_meta(lines[i], rules) and (src := source_line(lines[i])) is not None:
                return replace(head, source=src)
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
    # (past labelled fields under the date line, an official document's "Số:
    # …", and a rubric: "TIN HOẠT ĐỘNG")
    sections = _words(rules).sections
    below = next(
        (p for p in range(pos + 1, len(window))
         if not _is_meta(lines[window[p]], rules) and fold(lines[window[p]]) not in sections),
        None,
    )  # fmt: skip
    nxt = below if below is not None and _is_candidate(lines[window[below]], rules) else None
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
        after = window.index(span[1]) + 1 if span[1] in window else len(window)
        if (
            span[0] == span[1]
            and lines[span[0]].isupper()
            and len(lines[span[0]].split()) <= _RUBRIC_WORDS
            and after < len(window)
            and window[after] == span[1] + 1
            and not lines[window[after]].isupper()
            and _is_candidate(lines[window[after]], rules)
        ):
            # A short rubric in capitals right over a headline in ordinary
            # case ("XÂY DỰNG ĐẢNG TỪ CƠ SỞ" / "Gia Viễn: …"): the headline is
            # the title. (A title in capitals has a caption below it, after
            # a blank line, on some portals.)
            span = _title_lines(lines, window[after], rules)
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
    # thiệu", "Tin tức"); a headline has several words, and is more than a
    # menu item when a longer line follows ("Mặt trận với cơ sở" is a menu
    # item, then the breadcrumb, over "Phường Phúc Xá tổ chức … năm 2022").
    long = [p for p in candidates if len(lines[window[p]].split()) >= _TITLE_WORDS]
    pos = next((p for p in long if not _is_menu_item(lines[window[p]])), long[0] if long else candidates[0])
    span = _title_lines(lines, window[pos], rules)
    after = window.index(span[1]) + 1 if span[1] in window else len(window)
    if (
        span[0] == span[1]
        and len(lines[span[0]]) < _SHORT_TITLE
        and after in candidates
        and window[after] == span[1] + 1
        and len(lines[span[0]]) < len(lines[window[after]]) <= _HEADLINE_CHARS
    ):
        # A section's name right over a longer headline, with no date line
        # to tell them apart ("Hoạt động của lãnh đạo huyện" / "Đắk Tô tổng
        # kết …"): the longer line is the title, as beside a date line.
        pos = after
        span = _title_lines(lines, window[pos], rules)
    return Header(_joined(lines, span), None, _section_before(lines, window, pos, rules), views, span[1] + 1)
