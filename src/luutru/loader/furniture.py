"""Page furniture: the parts of a copied page that are not the article.

Navigation ("Skip to main content"), buttons ("Bản in", "Quay lại"), comment
forms ("Họ tên:(*)", "Mã xác nhận:"), visitor counters ("Truy câp tổng
6.407.820") and, from a cut marker such as "Các tin khác" on, the lists of
other articles that close a page. Which phrases are furniture is data
(`Rules`); this module only applies it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .rules import Rules, fold

# How long a line may be and still be a furniture phrase plus its value
# ("Số lượt người xem: 77Bản in Quay lại"); longer lines are article text.
_SHORT = 80
# A line this long, or a sentence, means the article has begun: a cut
# marker before it is navigation at the top of the page, not the end.
_ARTICLE_TEXT = 150
# Text damaged by a wrong encoding upstream: "L?y l?i m� b?o m?t".
_DAMAGED = re.compile(r"\ufffd|[^\W\d_]\?[^\W\d_]")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_SENTENCE_END = re.compile(r"[.!?…]\W*$")


@dataclass(frozen=True)
class Page:
    """Lines of a page with the furniture blanked out.

    `lines` keeps one entry per input line (furniture becomes "") so that
    line numbers stay meaningful; `removed` holds the furniture itself, in
    which counters such as the view count can still be read.
    """

    lines: tuple[str, ...]
    removed: tuple[str, ...]


# A picture's file name left by the copy ("IMG_3841.JPG", "hoi-nghi.jpg"),
# and a page address (a print-out's footer: "https://… 1/2").
_FILE_NAME = re.compile(r"^[\w\-. ()]{1,80}\.(?:jpe?g|png|gif|webp|bmp|tiff?)$", re.IGNORECASE)
_FILE_NAME_MAX = 86  # the longest line _FILE_NAME matches (a final "\n" too); its dot is among the last six characters
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+(?:\s+\d+\s*/\s*\d+)?$", re.IGNORECASE)
# An audio player's clock ("00:00", "00:00 / 03:25") and a line of hashtags.
_PLAYER = re.compile(r"^\d{1,2}:\d\d(?:\s*/\s*\d{1,2}:\d\d)?$")
_HASHTAGS = re.compile(r"^#\w+(?:[\s,]+#\w+)*$")
# … and tags of several words: "#Kết luận 01-KL/TW #học tập và làm theo Bác".
_SPACED_TAGS = re.compile(r"^#[^#]{1,60}(?:\s#[^#\s][^#]{0,59}){1,}$")
# A reading player's settings: "Giọng đọc: Nữ miền Bắc", "Tốc độ: 1x".
_PLAYER_SETTING = re.compile(r"^(?:giọng đọc|tốc độ(?: đọc)?)\s*:\s*\S.{0,30}$", re.IGNORECASE)
# A relative date a mobile page prints instead of the date ("5 ngày trước",
# "2 giờ trước"): it says nothing once the page is saved.
_RELATIVE = re.compile(r"^\d{1,3}\s+(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s+trước$", re.IGNORECASE)
# What may stand between the words of a share bar: "Chia sẻ: Facebook | Zalo (0)"
# (and the icons a phone shows between them: "f  Zalo  🔗")
_BAR_FILLER = re.compile(r"[\W\d_]+")
# A box of related links inside the body ends before text of this length.
_BOX_LINE = 150
# A ticker of other headlines on one line, each with its date: "TIN MỚI Kế
# Sách ra quân … (29/08/2023) • Xã Phong Nẫm … (29/08/2023)".
_DATED_ITEM = re.compile(r"\(\d{1,2}/\d{1,2}/\d{4}\)\s*(?:[•·|]\s+|$)")
# A social network's counters under a post: "126", "+4", "17 bình luận",
# "9 lượt chia sẻ", "👍 6".
_COUNTER = re.compile(
    r"^(?:[^\w\s]{1,3}\s*)?\+?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d)?\s*[KkNn]?"
    r"(?:\s+(?:bình luận|lượt chia sẻ|lượt thích|chia sẻ|cảm xúc|comments?|shares?|likes?))?$",
    re.IGNORECASE,
)
_COUNTER_MAX = 30


@dataclass(frozen=True)
class _Phrases:
    lines: frozenset[str]
    # Folded prefixes in one pattern; group "colon" is set for those that
    # count only with their colon ("Hôm nay:").
    prefixes: re.Pattern[str] | None
    cuts: re.Pattern[str] | None
    weak_cuts: re.Pattern[str] | None
    links: tuple[str, ...]
    share: re.Pattern[str] | None
    summaries: frozenset[str]


def _alternation(phrases) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@functools.cache
def _phrases(rules: Rules) -> _Phrases:
    plain = [fold(p) for p in rules.furniture_prefixes if not p.endswith(":")]
    colon = [fold(p).rstrip(":").strip() for p in rules.furniture_prefixes if p.endswith(":")]
    parts = []
    if plain:
        parts.append(rf"(?:{_alternation(plain)})(?![^\W\d_])(?P<rest>.*)")
    if colon:
        parts.append(rf"(?P<colon>{_alternation(colon)})\s*:")
    weak = [_key(p) for p in rules.weak_cut_markers]
    cuts = [_key(p) for p in rules.cut_markers if _key(p) not in weak]
    share = [fold(w) for w in rules.share_words]
    return _Phrases(
        lines=frozenset(_key(p) for p in rules.furniture_lines),
        prefixes=re.compile("|".join(parts)) if parts else None,
        # a cut marker is the whole line, or the line starts with it and
        # goes on with a non-letter: "Các tin khác:", "Bình luận (0)"
        cuts=re.compile(rf"(?:{_alternation(cuts)})(?:$|[^\w])") if cuts else None,
        weak_cuts=re.compile(rf"(?:{_alternation(weak)})(?:$|[^\w])") if weak else None,
        links=tuple(rules.link_marks),
        # words of a share or font-size bar, each standing alone
        share=re.compile(rf"(?<![\w+-])(?:{_alternation(share)})(?![\w+-])") if share else None,
        summaries=frozenset(_key(p) for p in rules.summary_boxes),
    )


def _is_bar(line: str, phrases: _Phrases) -> bool:
    """A bar of buttons: "Chia sẻ: Facebook Zalo", "Cỡ chữ: A- A A+ | In bài"."""
    if phrases.share is None or len(line) > _SHORT:
        return False
    rest, n = phrases.share.subn(" ", fold(line))
    return n >= 2 and not _BAR_FILLER.sub("", rest)


def _key(line: str) -> str:
    """A line as compared with phrases: folded, without a trailing ":", "(*)"."""
    key = fold(line).strip()
    while True:
        stripped = key.removesuffix("(*)").removesuffix("*").rstrip(" :").strip()
        if stripped == key:
            return key
        key = stripped


def is_furniture(line: str, rules: Rules) -> bool:
    """Whether one (whitespace-collapsed) line is furniture by itself."""
    if not line:
        return False
    first = line[0]
    if not first.isalnum() and _PUNCTUATION_ONLY.match(line):
        return True  # "|", "»", "***" separators between page parts
    if len(line) <= _SHORT and len(_DAMAGED.findall(line)) >= 2:
        return True
    phrases = _phrases(rules)
    if len(line) <= _SHORT and _key(line) in phrases.lines:
        return True
    if line.startswith(phrases.links) or _is_bar(line, phrases):
        return True
    # Each pattern only where the line can match it (by its length, its
    # first character, its end): most lines are text, which none can.
    if len(line) <= _FILE_NAME_MAX and "." in line[-6:] and _FILE_NAME.match(line):
        return True
    if first in "hHwW" and _ADDRESS.match(line):
        return True
    if first.isdigit() and (_PLAYER.match(line) or _RELATIVE.match(line)):
        return True
    if first == "#" and (_HASHTAGS.match(line) or _SPACED_TAGS.match(line)):
        return True
    if len(line) <= 50 and first in "GgTt" and _PLAYER_SETTING.match(line):
        return True
    if len(line) <= _COUNTER_MAX and not first.isalpha() and _COUNTER.match(line):
        return True
    if line[-1] == ")" and _is_ticker(line):
        return True
    if phrases.prefixes is None:
        return False
    m = phrases.prefixes.match(fold(line))
    if m is None:
        return False
    if m["colon"] is not None:
        return True
    rest = m["rest"].lstrip()
    # Short, or the phrase is followed by its value: "Lượt xem: 2521".
    return len(line) <= _SHORT or not rest or rest[0] in ":(" or rest[0].isdigit()


def _is_ticker(line: str) -> bool:
    """Two or more dated headlines on one line, and nothing else."""
    return len(_DATED_ITEM.findall(line)) >= 2 and all(p.endswith(")") for p in re.split(r"\s+[•·|]\s+", line))


def _is_cut(key: str, pattern: re.Pattern[str] | None) -> bool:
    """`key` is the line's `_key`, or "" for a line too long to be a marker."""
    return bool(key) and pattern is not None and pattern.match(key) is not None


def _box_end(lines, start: int, rules: Rules) -> int | None:
    """Where a box of related links that opens at `start` ends: at the next
    paragraph of article text. None when no such paragraph follows (the
    marker then ends the article)."""
    for end in range(start + 1, len(lines)):
        line = lines[end]
        # The links are headlines: short, without a full stop.
        teaser = line.endswith(("...", "…"))  # another article's opening, cut short
        if len(line) >= _BOX_LINE and _SENTENCE_END.search(line) and not teaser and not is_furniture(line, rules):
            return end
    return None


def strip_furniture(lines: list[str] | tuple[str, ...], rules: Rules) -> Page:
    """Blank the furniture lines and everything from the first cut marker
    that follows some article text."""
    phrases = _phrases(rules)
    kept: list[str] = []
    removed: list[str] = []
    seen_text = False
    box_until = -1
    for i, line in enumerate(lines):
        if i < box_until:
            removed.append(line)
            kept.append("")
            continue
        if line and len(line) <= _SHORT and _key(line) in phrases.summaries:
            # A summary box above the article (before any text is seen):
            # its bullets repeat the article, up to its first paragraph.
            end = _box_end(lines, i, rules)
            box_until = end if end is not None else i + 1
            removed.append(line)
            kept.append("")
            continue
        key = _key(line) if seen_text and line and len(line) <= _SHORT else ""
        if _is_cut(key, phrases.weak_cuts):
            # "Tin liên quan", "Xem thêm: …": a box of links inside the body
            # when article text follows it, else the end of the article.
            end = _box_end(lines, i, rules)
            if end is not None:
                box_until = end
                removed.append(line)
                kept.append("")
                continue
        if _is_cut(key, phrases.cuts) or _is_cut(key, phrases.weak_cuts):
            removed.extend(x for x in lines[i:] if x)
            kept.extend("" for _ in lines[i:])
            break
        if is_furniture(line, rules):
            removed.append(line)
            kept.append("")
            continue
        kept.append(line)
        if len(line) >= _ARTICLE_TEXT or (len(line) > 40 and _SENTENCE_END.search(line)):
            seen_text = True
    return Page(tuple(kept), tuple(removed))
