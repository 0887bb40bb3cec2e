"""The loader: the raw bytes of a copied news page → an `Article`.

Each step is a pure function of text, in its own module:

    decode      bytes → NFC text (UTF-8/UTF-16/cp1258), or InputError
    legacy      text typed in the TCVN3 and VNI fonts → Unicode
    furniture   navigation, forms, counters, share bars, "Các tin khác …" → blanked
    header      section, title, date line (the site's "today" and print dates
                set aside), views
    body        paragraphs and captions; the lead's source tag ("HNP - ")
    byline      author (and unit) after the last paragraph or in the header;
                an agency signing is the source
    dates       the date forms, and the lead's event date as a fallback
    documents   cited documents → canonical ids
    places      the locality the article is about (gazetteer-backed)

Per-portal knowledge is data (`Rules`, rules.yaml); known documents come
from the `Registry`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from dataclasses import replace

from ..errors import InputError
from ..gazetteer import Gazetteer
from ..model import FLAGS, Article, Block, Origin
from ..registry import Registry
from . import body as body_
from .byline import Byline, find_byline, parse_byline
from .dates import event_date, with_year
from .decode import decode
from .documents import find_documents
from .furniture import strip_furniture
from .header import find_views, footer_date, read_header
from .places import find_locality
from .rules import Rules

__all__ = ["Rules", "load_article"]

_FIRST_SENTENCE = re.compile(r"^(.{20,200}?[.!?])(?:\s|$)")
_TITLE_FALLBACK_MAX = 160


def load_article(
    data: bytes,
    origin_file: str,
    *,
    rules: Rules | None = None,
    registry: Registry | None = None,
) -> Article:
    """Read one raw article file (its bytes) into an Article.

    Raises InputError for input it cannot use: empty, binary, undecodable,
    or without any article text.
    """
    rules = rules if rules is not None else Rules.default()
    registry = registry if registry is not None else Registry.empty()
    origin = Origin(file=origin_file, sha256=hashlib.sha256(data).hexdigest())
    text = decode(data, origin_file)

    lines = [_squeezed(line) for line in text.split("\n")]
    page = strip_furniture(lines, rules)
    head = read_header(page.lines, rules)
    body_lines = [
        "" if i in head.skip else line
        for i, line in enumerate(page.lines[head.body_start :], head.body_start)
    ]
    units = body_.join_lines(body_lines)
    # Date lines under the text ("Ngày đăng: …" after the byline) first:
    # the source and byline are looked for from the end.
    footer, units = footer_date(units, rules)
    # The source first: a closing "Nguồn: …" line sits after the byline.
    source, units = body_.split_source(units, rules)
    found = find_byline(units, rules)
    byline = found.byline
    if byline is None and head.byline is not None:
        byline = parse_byline(head.byline, rules)
    if byline is None:
        # A bare name between the header and the text: the author, under
        # the date line as newspapers print it.
        top = _name_above_text(found.units, rules)
        if top is not None:
            byline, found = top, replace(found, units=found.units[1:])
    if source is None:
        source = head.source  # "Nguồn: …" among the header's fields
    if source is None and byline is not None:
        source = byline.source
    blocks = _lead_once(body_.classify(found.units, rules))
    if not blocks and head.title is None:
        raise InputError(origin_file, "no article text found (only page furniture)")

    flags: list[str] = []
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    title = head.title
    if title is None:
        title = _title_from_lead(paragraphs or [b.text for b in blocks])
        flags.append("title-from-lead")

    published = head.published
    if published is None and footer is not None:
        published = footer.value
    if published is None:
        published = event_date(paragraphs)
        if published is not None and head.day_month is not None:
            # "15/10 09:30" in the header, "Sáng 14/10/2021" in the lead:
            # the header's day in the year the lead gives.
            published = with_year(head.day_month, published) or published
        flags.append("date-from-body" if published is not None else "no-date")

    lead = paragraphs[0] if paragraphs else ""
    all_text = "\n\n".join(b.text for b in blocks)
    hint = (
        rules.province_for(source)
        or rules.province_for_site(text)
        or _portal_province(text)
        or _address_province([*page.removed, *found.tail], rules)
    )
    locality, places, place_flags = find_locality(
        title,
        lead,
        all_text,
        province_hint=hint,
        site=head.site,
        # the site's other name lines ("Huyện Ninh Giang - Tỉnh Hải Dương") and the byline's unit
        around=[*head.masthead[1:], *([byline.unit] if byline and byline.unit else [])],
        published=_date_of(published),  # after the 2025 reform, the new units
    )
    flags.extend(place_flags)

    documents = find_documents(
        [title, *(b.text for b in blocks)],
        locality=locality,
        registry=registry,
        published=_date_of(published),
    )
    if not documents:
        flags.append("no-documents")

    views = head.views
    if views is None:
        # Counters sit in the furniture or after the byline; a short line
        # only, so that "500 lượt xem" in a sentence is not taken.
        views = find_views([x for x in (*page.removed, *found.tail) if len(x) <= 80], rules)
    return Article(
        title=title,
        published=published,
        author=byline.author if byline else None,
        author_unit=byline.unit if byline else None,
        source=source,
        section=head.section,
        views=views,
        locality=locality,
        places=tuple(places),
        documents=documents,
        body=blocks,
        origin=origin,
        flags=_ordered(flags),
    )


def _squeezed(line: str) -> str:
    """`" ".join(line.split())`: runs of white space made one space, none at
    the ends. Most lines have nothing to squeeze, which is quicker to see
    than to split them (a printable line holds no white space but " ")."""
    if line.isprintable() and "  " not in line and not line.startswith(" ") and not line.endswith(" "):
        return line
    return " ".join(line.split())


def _name_above_text(units: list[str], rules: Rules) -> Byline | None:
    """The first unit as a byline, when it is a person's name alone (not a
    province or district: "Hà Nội" opens datelines) and article text
    follows it."""
    if len(units) < 2 or len(units[0]) > 40 or len(units[1]) < 80:
        return None
    byline = parse_byline(units[0], rules)
    if byline is None or byline.author is None:
        return None
    # Datelines name provinces and districts; commune names are often
    # people's names too ("Minh Trí"), so they do not count here.
    if any(u.tier != "ward" for u in Gazetteer.load().lookup(units[0])):
        return None
    return byline


@functools.cache
def _address_re(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    if not labels:
        return None
    words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^(?:{words})\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)


def _address_province(lines: list[str], rules: Rules) -> str | None:
    """The province of the site's own postal address in its footer ("Địa chỉ:
    xã Bình Minh, huyện Thanh Oai, TP Hà Nội"), when the address settles it."""
    pattern = _address_re(rules.address_labels)
    if pattern is None:
        return None
    for line in lines:
        m = pattern.match(line)
        if m is not None:
            where, _, flags = find_locality("", m["rest"], "")
            if where is not None and not flags and where.province:
                return where.province
    return None


# A province's portal and the sites under it: "camau.gov.vn", "tpcamau.camau.gov.vn".
_GOV_HOST = re.compile(r"(?P<label>[a-z]+)\.gov\.vn(?![\w-])", re.IGNORECASE)


@functools.cache
def _province_labels() -> dict[str, str]:
    """Provinces by the label of their portal: "camau" → Cà Mau, "bariavungtau" → Bà Rịa - Vũng Tàu."""
    return {_ascii_label(p.name): p.name for p in Gazetteer.load().provinces()}


def _ascii_label(name: str) -> str:
    plain = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return "".join(c for c in plain if c.isascii() and c.isalnum())


def _portal_province(text: str) -> str | None:
    """The province whose portal ("….camau.gov.vn") the page's text names."""
    if ".gov.vn" not in text:
        return None
    labels = _province_labels()
    for m in _GOV_HOST.finditer(text):
        province = labels.get(m["label"].lower())
        if province is not None:
            return province
    return None


def _date_of(value: dt.datetime | dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _lead_once(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body without a copy of its lead: pages that show the lead (sapo)
    above the text often repeat it as the text's first paragraph."""
    if len(blocks) < 2:
        return blocks
    lead = blocks[0]
    return (lead, *(b for i, b in enumerate(blocks[1:], 1) if not (i <= 2 and b == lead)))


def _title_from_lead(texts: list[str]) -> str:
    """The lead's first sentence stands in for a missing title."""
    if not texts:
        return ""
    lead = texts[0]
    m = _FIRST_SENTENCE.match(lead)
    sentence = m.group(1) if m else lead
    if len(sentence) > _TITLE_FALLBACK_MAX:
        cut = sentence[:_TITLE_FALLBACK_MAX].rsplit(" ", 1)[0]
        sentence = f"{cut} …"
    # Issue 6 (found by fuzzing): "… tổ chức ." left "… tổ chức " with a
    # trailing space, which a record cannot hold (it reads back stripped).
    return sentence.rstrip(".").rstrip()


def _ordered(flags: list[str]) -> tuple[str, ...]:
    known = [f for f in FLAGS if f in flags]
    return tuple(known + sorted(set(flags) - set(known)))
