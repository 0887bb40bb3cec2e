"""The loader's per-portal data: furniture phrases, date labels, source tags …

The defaults live in `rules.yaml` beside this module (shipped in the wheel);
a site extends them from the `loader:` section of its luutru.yaml with
`Rules.merged(mapping, path)`. Lists given there are added to the defaults,
`sources` entries are added or replace a default, numbers replace.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import yaml

from ..errors import ConfigError
from ..registry import fold


def phrases_pattern(phrases) -> str:
    """A regex alternation of phrases as `fold` writes them, longest first, any
    run of spaces between their words: how rule lists become patterns."""
    return "|".join(r"\s+".join(map(re.escape, fold(p).split())) for p in sorted(phrases, key=len, reverse=True))


@functools.cache
def phrases_re(phrases: tuple[str, ...], before: str = "", after: str = "") -> re.Pattern[str] | None:
    """`phrases_pattern` between `before` and `after`, compiled once per rule list;
    None when the list is empty (a site's rules may empty any list)."""
    return re.compile(rf"{before}(?:{phrases_pattern(phrases)}){after}") if phrases else None

__all__ = ["Rules", "fold"]

_LISTS = (
    "furniture_lines",
    "furniture_prefixes",
    "cut_markers",
    "date_labels",
    "update_labels",
    "ignore_date_labels",
    "site_phrases",
    "site_prefixes",
    "section_names",
    "meta_labels",
    "link_marks",
    "share_words",
    "weak_cut_markers",
    "summary_boxes",
    "not_authors",
    "view_labels",
    "source_tags",
    "byline_labels",
    "byline_roles",
    "gallery_intros",
    "caption_cues",
    "title_labels",
    "address_labels",
    "byline_titles",
    "text_labels",
    "organ_names",
    "document_headings",
    "author_posts",
)
_NUMBERS = ("caption_max_chars", "caption_min_uncued_chars", "header_window", "title_max_chars")


@dataclass(frozen=True)
class Rules:
    """Everything about reading a page that is data rather than code.

    Hashable, so the modules that use it can compile their patterns once per
    set of rules.
    """

    furniture_lines: tuple[str, ...] = ()
    furniture_prefixes: tuple[str, ...] = ()
    cut_markers: tuple[str, ...] = ()
    date_labels: tuple[str, ...] = ()
    update_labels: tuple[str, ...] = ()
    ignore_date_labels: tuple[str, ...] = ()
    site_phrases: tuple[str, ...] = ()
    site_prefixes: tuple[str, ...] = ()
    section_names: tuple[str, ...] = ()
    meta_labels: tuple[str, ...] = ()
    link_marks: tuple[str, ...] = ()
    share_words: tuple[str, ...] = ()
    weak_cut_markers: tuple[str, ...] = ()
    summary_boxes: tuple[str, ...] = ()
    not_authors: tuple[str, ...] = ()
    view_labels: tuple[str, ...] = ()
    source_tags: tuple[str, ...] = ()
    byline_labels: tuple[str, ...] = ()
    byline_roles: tuple[str, ...] = ()
    gallery_intros: tuple[str, ...] = ()
    caption_cues: tuple[str, ...] = ()
    title_labels: tuple[str, ...] = ()
    address_labels: tuple[str, ...] = ()
    byline_titles: tuple[str, ...] = ()
    text_labels: tuple[str, ...] = ()
    organ_names: tuple[str, ...] = ()
    document_headings: tuple[str, ...] = ()
    author_posts: tuple[str, ...] = ()
    # (source tag or site, province): a hint for ambiguous locality names.
    sources: tuple[tuple[str, str], ...] = ()
    caption_max_chars: int = 220
    caption_min_uncued_chars: int = 45
    header_window: int = 8
    title_max_chars: int = 320

    def __hash__(self) -> int:
        # Every cached pattern is looked up by the rules, thousands of times
        # per second; hashing all the phrase lists each time showed up in
        # the loader's profile.
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", cached)
        return cached

    @classmethod
    def default(cls) -> Rules:
        """The rules shipped with luutru (rules.yaml)."""
        return _default()

    @classmethod
    def merged(cls, mapping: Mapping[str, Any] | None, path: str, base: Rules | None = None) -> Rules:
        """`base` (the defaults unless given) extended by a luutru.yaml
        `loader:` section. Raises ConfigError naming the key at fault."""
        return _merge(base if base is not None else cls.default(), mapping, str(path))

    def province_for_site(self, text: str) -> str | None:
        """The province of the first known site named in `text` ("baobaclieu.vn")."""
        sites = _sites(self.sources)
        if sites:
            for host in _hosts(text):
                if host in sites:
                    return sites[host]
        return None

    def province_for(self, source: str | None) -> str | None:
        """The province a source tag or site is known to report on."""
        if not source:
            return None
        key = fold(source.strip())
        for name, province in self.sources:
            if fold(name) == key:
                return province
        return None


@functools.cache
def _sites(sources: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {name.lower().removeprefix("www."): province for name, province in sources if "." in name}


# A site's address in a page: found by its top-level domain, then read back
# to its first letter ("tuyphuoc.binhdinh.gov.vn").
_TLD = re.compile(r"\.(?:vn|com|net|org|info|gov)(?![\w-])", re.IGNORECASE)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _hosts(text: str):
    """The host names written in `text`, and each domain they belong to."""
    for m in _TLD.finditer(text):
        start = m.start()
        while start and text[start - 1] in _HOST_CHARS:
            start -= 1
        host = text[start : m.end()].lower().strip(".-")
        while "." in host:
            yield host
            host = host.split(".", 1)[1]


def _texts(key: str, value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, f"loader.{key} must be a list of texts")
    return tuple(" ".join(v.split()) for v in value)


def _number(key: str, value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(path, f"loader.{key} must be a whole number of at least 1")
    return value


def _sources(value: Any, path: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in value.items()
    ):
        raise ConfigError(path, "loader.sources must map a source tag or site to a province")
    return tuple((k.strip(), v.strip()) for k, v in value.items())


def _merge(base: Rules, mapping: Mapping[str, Any] | None, path: str) -> Rules:
    if mapping is None:
        return base
    if not isinstance(mapping, Mapping):
        raise ConfigError(path, "loader must be a mapping of settings")
    known = {f.name for f in fields(Rules)}
    changes: dict[str, Any] = {}
    for key, value in mapping.items():
        if key not in known:
            raise ConfigError(
                path, f"unknown loader setting '{key}'; known: {', '.join(sorted(known))}"
            )
        if key in _LISTS:
            old = getattr(base, key)
            changes[key] = old + tuple(v for v in _texts(key, value, path) if v not in old)
        elif key in _NUMBERS:
            changes[key] = _number(key, value, path)
        else:  # sources: new keys are added, known ones take the new province
            new = dict(_sources(value, path))
            kept = tuple((k, v) for k, v in base.sources if k not in new)
            changes[key] = kept + tuple(new.items())
    return replace(base, **changes)


@functools.cache
def _default() -> Rules:
    text = importlib.resources.files(__package__).joinpath("rules.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    # The shipped file goes through the same validation as a user's settings.
    return _merge(Rules(), data, "luutru/loader/rules.yaml")
