"""The records luutru works with: frozen, comparable, free of I/O.

An `Article` is what the loader makes of a raw text file and what a content
record holds; everything else (indexes, pages) is derived from articles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

VIETNAM = dt.timezone(dt.timedelta(hours=7))

# Administrative levels, as written in Vietnamese.
PROVINCE_LEVELS = ("tỉnh", "thành phố")
DISTRICT_LEVELS = ("quận", "huyện", "thị xã", "thành phố")
WARD_LEVELS = ("phường", "xã", "thị trấn", "đặc khu")
LEVELS = ("tỉnh", "thành phố", "quận", "huyện", "thị xã", "phường", "xã", "thị trấn", "đặc khu")


@dataclass(frozen=True, order=True)
class Locality:
    """An administrative unit as it was when the article was written.

    `province` is the short province name ("Hà Nội", "Thừa Thiên Huế"); for a
    province itself it equals `name`. `district` is set for wards and
    communes so the locality tree can place them. An ambiguous unit keeps
    `province=None` rather than a guess.
    """

    name: str
    level: str | None = None
    province: str | None = None
    district: str | None = None

    @property
    def is_province(self) -> bool:
        return self.province is not None and self.name == self.province and self.district is None


BlockKind = Literal["paragraph", "caption"]


@dataclass(frozen=True)
class Block:
    """One block of an article's body: a paragraph or a photo caption."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Origin:
    """Where a record came from: the raw file (as given to import) and its hash."""

    file: str
    sha256: str


# Flags a record can carry so that `luutru check` can list it.
FLAGS = (
    "title-from-lead",  # no title found: the lead's first sentence stands in
    "date-from-body",  # no header date: the event date given in the body
    "no-date",
    "no-locality",
    "locality-ambiguous",
    "no-documents",
)


@dataclass(frozen=True)
class Article:
    """One article: what the loader reads out of a raw file, or a record holds.

    `published` is an aware datetime (Vietnam time unless the text says
    otherwise) or a bare `date` when the text gives no time; never midnight
    invented for a date.
    """

    title: str
    published: dt.datetime | dt.date | None = None
    author: str | None = None
    author_unit: str | None = None
    source: str | None = None
    section: str | None = None
    views: int | None = None
    locality: Locality | None = None
    places: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    origin: Origin | None = None
    slug: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def captions(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.body if b.kind == "caption")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.body if b.kind == "paragraph")

    @property
    def published_date(self) -> dt.date | None:
        p = self.published
        if isinstance(p, dt.datetime):
            return p.astimezone(VIETNAM).date() if p.tzinfo else p.date()
        return p

    @property
    def has_time(self) -> bool:
        return isinstance(self.published, dt.datetime)


@dataclass(frozen=True)
class Document:
    """A party or state document ("văn bản") as the registry knows it.

    `id` is canonical: "05-CT/TW", "08-CT/TU Hà Nội", or a standard name for
    plenum resolutions ("Nghị quyết Trung ương 4 khóa XII").
    """

    id: str
    title: str | None = None
    type: str | None = None  # "Chỉ thị", "Nghị quyết", "Quy định", "Kết luận" …
    issuer: str | None = None  # "Bộ Chính trị", "Ban Bí thư", "Thành ủy Hà Nội" …
    date: dt.date | None = None
    aliases: tuple[str, ...] = field(default=())
