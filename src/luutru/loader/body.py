"""The body: lines → paragraphs and photo captions; the source tag or line.

Copied pages separate paragraphs by blank lines, or by nothing at all; a
line that starts in lower case right after an unfinished line continues it
(a caption wrapped over two lines, text hard-wrapped by a PDF viewer).

A caption is a short line with no closing full stop that describes a photo
("Đ/c X - Bí thư Quận ủy phát biểu tại hội nghị"). A line introducing a
gallery ("Một số hình ảnh tại hội nghị:") is dropped: it only points at the
pictures, and the lines after it are captions. Short lines without a cue
are sub-headings and stay paragraphs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..model import Block
from .dates import opens_with_event_time
from .rules import Rules, fold, phrases_re

_UNFINISHED = re.compile(r"[^.!?;:…]$")
_TERMINAL = re.compile(r"[.!?;:…]$")
_CLOSERS = "\"'”’»)]} "
# A sentence end inside a line: "… năm nay. Các đơn vị …". Abbreviations
# ("TP. Hồ Chí Minh", "ThS. Lan") end in a capital and a photo credit
# ("… tại hội nghị. Ảnh: Thu Hà") belongs to its caption, so neither counts.
_INNER_SENTENCE = re.compile(r"([^\W\d_])[.!?]\s+([^\W\d_]+)")
_PHOTO_CREDIT = re.compile(r"^\(?\s*ảnh\s*(?::|minh họa|tư liệu|internet|nguồn)")
# An item of a list: "1. …", "2) …", "a) …", "- …", "• …".
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[a-zđ]\)|[-+•*–])\s+\S")


def join_lines(lines: list[str] | tuple[str, ...]) -> list[str]:
    """Units of text: one per line, except that continuation lines are joined."""
    wrapped = _hard_wrapped(lines)
    units: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        if previous and _UNFINISHED.search(previous) and (wrapped or line[0].islower()):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
        previous = line
    return units


def _hard_wrapped(lines: list[str] | tuple[str, ...]) -> bool:
    """Text broken into lines of a fixed width (copied from a PDF or an
    e-mail): most lines are of similar length, end mid-sentence and follow
    each other without blank lines. Such lines are joined whatever case the
    next one starts with."""
    text = [x for x in lines if x]
    if len(text) < 8:
        return False
    adjacent = sum(1 for a, b in zip(lines, lines[1:]) if a and b)
    unfinished = sum(1 for x in text if 50 <= len(x) <= 110 and _UNFINISHED.search(x))
    return adjacent >= 0.8 * len(text) and unfinished >= 0.6 * len(text)


def clean(text: str) -> str:
    """A paragraph as stored: trimmed, and without the replacement character
    that a copy cut in the middle of a character leaves at the end."""
    return text.rstrip("\ufffd ").strip()


@functools.cache
def _tag_re(tags: tuple[str, ...]) -> re.Pattern[str] | None:
    if not tags:
        return None
    alternation = "|".join(map(re.escape, sorted(tags, key=len, reverse=True)))
    return re.compile(rf"^\(?(?P<tag>{alternation})\)?\s*[-–—]\s*(?=\S)")


# "(Chinhphu.vn) - …", and with a dateline: "Hà Nội (TTXVN) - …".
_GENERIC_TAG = re.compile(
    r"^(?:[^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*){0,3}\s*)?\((?P<tag>[^()]{2,30})\)\s*[-–—]\s*(?=\S)"
)
# A newspaper's abbreviation without parentheses, all capitals: "TQĐT - …",
# "BQN – …" (a dateline has words: "HÀ NỘI - …").
_CAPS_TAG = re.compile(r"^(?P<tag>[A-ZĐ][A-ZĐ0-9]{1,7}(?:/[A-ZĐ][A-ZĐ0-9]{1,7})?)\s*[-–—]\s+(?=\S)")
# The same abbreviation glued to the lead by its dash, "LSO-Sáng 13/3, …", or
# in parentheses without one, "(CMO) Ngày 25/12, …".
_GLUED_TAG = re.compile(r"^(?P<tag>[A-ZĐ][A-ZĐ0-9]{1,7})[-–—](?=[^\W\d_])")
# How a lead opens: with its time ("Sáng 13/3", "Chiều nay", "Vừa qua").
_LEAD_OPENING = re.compile(
    r"(?:rạng sáng|sáng|chiều|tối|trưa|đêm|ngày|hôm nay|hôm qua|vừa qua|mới đây|thời gian qua|những năm qua)(?![^\W\d_])",
    re.IGNORECASE,
)
_PAREN_TAG = re.compile(r"^\((?P<tag>[A-ZĐ][A-ZĐ0-9]{1,7}(?:[/.][A-Za-zĐ0-9]{1,7})?)\)\s+(?=[^\W\d_])")
# A closing source line: "Nguồn: Báo Thừa Thiên Huế", "(Theo TTXVN)".
# A site named as the source: "Nguồn: baohagiang.vn".
_SITE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\(?\s*(?:nguồn tin|nguồn bài|nguồn|theo)\s*:?\s+(?P<src>[^()]{2,60}?)\s*\)?$", re.IGNORECASE)


def split_source(units: list[str], rules: Rules) -> tuple[str | None, list[str]]:
    """The source: a tag opening the lead ("HNP - …") or a closing source
    line ("Nguồn: …"); and the units without it."""
    known = _tag_re(rules.source_tags)
    for i, text in enumerate(units[:3]):
        m = (known.match(text) if known is not None else None) or _GENERIC_TAG.match(text) or _CAPS_TAG.match(text)
        if m is None:
            m = _glued_tag(text, rules)
        if m is not None and m["tag"][:1].isupper():
            rest = text[m.end() :]
            return m["tag"].strip(), [*units[:i], rest, *units[i + 1 :]]
    for i in range(len(units) - 1, max(-1, len(units) - 1 - _REPLIES), -1):
        src = source_line(units[i])
        if src is not None:
            if i < len(units) - 3:
                # Further up, under short lines only: an article shared in a
                # chat or a group, and its "Nguồn: …" line; the replies
                # below it ("Đã nhận", a member's name) are not the article.
                return src, units[:i]
            return src, units[:i] + units[i + 1 :]
        if i < len(units) - 3 and len(units[i]) > _REPLY_CHARS:
            break
    return None, units


# How far up, past replies, a shared article's closing source line is looked
# for, and how long a reply may be.
_REPLIES = 10
_REPLY_CHARS = 80


def _glued_tag(text: str, rules: Rules) -> re.Match[str] | None:
    """A tag without the usual " - ": glued ("LSO-Sáng 13/3") when a lead's
    opening follows or the tag is known ("ASEAN-Nhật Bản" is no tag), or
    in parentheses before a capital ("(CMO) Ngày 25/12")."""
    m = _GLUED_TAG.match(text)
    if m is not None and (m["tag"] in rules.source_tags or _LEAD_OPENING.match(text, m.end())):
        return m
    m = _PAREN_TAG.match(text)
    return m if m is not None and text[m.end()].isupper() else None


# A link after the source's name: "Nguồn: Báo Bắc Giang (https://…)".
_SOURCE_LINK = re.compile(r"\s*\((?:https?://|www\.)[^()\s]*\)\s*$", re.IGNORECASE)


def source_line(text: str) -> str | None:
    """The source a line names ("Nguồn: Báo Vĩnh Long", "(Theo TTXVN)"), or None."""
    if text.rstrip().endswith(")"):  # where a link can end the line: a paragraph is not scanned for one
        text = _SOURCE_LINK.sub("", text)
    m = _SOURCE_LINE.match(text)
    site = _SITE.match(m["src"]) if m is not None else None
    if m is not None and (m["src"][:1].isupper() or site) and (site or not _TERMINAL.search(m["src"])):
        return m["src"].strip()
    return None


@dataclass(frozen=True)
class _Cues:
    cues: re.Pattern[str] | None
    galleries: tuple[str, ...]


@functools.cache
def _cues(rules: Rules) -> _Cues:
    pattern = None
    if rules.caption_cues:
        words = sorted((fold(c) for c in rules.caption_cues), key=len, reverse=True)
        alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
        pattern = re.compile(rf"(?<![^\W\d_])(?:{alternation})(?![^\W\d_])")
    return _Cues(pattern, tuple(fold(g) for g in rules.gallery_intros))


def _is_gallery_intro(text: str, rules: Rules) -> bool:
    if len(text) > 100:
        return False  # before folding: most units are paragraphs of text
    key = fold(text)
    return key.endswith(":") and key.startswith(_cues(rules).galleries)


def _has_inner_sentence(text: str) -> bool:
    return any(
        m[1].islower() and m[2][0].isupper() and fold(m[2]) != "ảnh"
        for m in _INNER_SENTENCE.finditer(text)
    )


def _is_caption(text: str, rules: Rules, in_gallery: bool) -> bool:
    core = text.rstrip(_CLOSERS)
    if not core or len(text) > rules.caption_max_chars or _TERMINAL.search(core):
        return False
    if _has_inner_sentence(core):
        return False  # two sentences: text whose last full stop was lost
    if opens_with_event_time(text):
        return False  # a lead whose full stop is missing
    if _LIST_ITEM.match(text):
        return False  # a point of a list, which often has no full stop
    if _PHOTO_CREDIT.match(fold(text)):
        return True  # "Ảnh minh họa", "(Ảnh: TTXVN)"; not "Ảnh hưởng của …"
    if len(text.split()) < 3:
        return False
    if in_gallery:
        return True
    cues = _cues(rules).cues
    if cues is not None and cues.search(fold(text)):
        return True
    return len(text) >= rules.caption_min_uncued_chars


_TEXT_LABEL_REACH = 40


def _without_text_label(text: str, rules: Rules) -> str:
    """A record's field label dropped: "Tóm tắt: Thời gian qua, …" → "Thời gian qua, …"."""
    pattern = phrases_re(rules.text_labels, "^", r"\s*:\s*(?=\S)")
    if pattern is None or ":" not in text[:_TEXT_LABEL_REACH]:
        return text  # (most paragraphs: the cheap test first)
    m = pattern.match(fold(text[:_TEXT_LABEL_REACH]))
    return text[m.end() :] if m is not None else text


def classify(units: list[str], rules: Rules) -> tuple[Block, ...]:
    """Paragraph and caption blocks, in order; empty units and gallery intros dropped."""
    blocks: list[Block] = []
    in_gallery = False
    for unit in units:
        text = _without_text_label(clean(unit), rules)
        if not text:
            continue
        if _is_gallery_intro(text, rules):
            in_gallery = True
            continue
        # A unit cut off upstream (ending in U+FFFD) lost its full stop: it
        # is text, however short.
        cut = unit.rstrip().endswith("\ufffd")
        if not cut and _is_caption(text, rules, in_gallery):
            blocks.append(Block("caption", text))
        else:
            in_gallery = False  # text again: the gallery is over
            blocks.append(Block("paragraph", text))
    return tuple(blocks)
