"""The administrative units of Vietnam as they were before the 2025 reform.

The archive's articles are historical, so the gazetteer is the three-level
tree (province → district → ward/commune) that existed until 30 June 2025,
taken from `vietnam_provinces.legacy`, plus a short table of units that had
already been merged away before that snapshot but that articles of the
2010s still name (see `_HISTORY`). Everything here is pure: `Gazetteer.load()`
builds the indexes once per process and every query after that is a dict
lookup.

Matching goes through `fold()`, a key that ignores case, Unicode
normalisation form, tone-mark placement ("Hoà"/"Hòa") and d/đ, but keeps
tones and vowel marks, so "Hòa Bình" and "Hóa Bình" stay different places.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from types import MappingProxyType
from typing import Literal

from .model import Locality

Tier = Literal["province", "district", "ward"]

# Which tier a level word can name. "thành phố" is both a centrally-run city
# (Hà Nội) and a provincial city (thành phố Vinh), so it opens two tiers.
LEVEL_TIERS: Mapping[str, tuple[Tier, ...]] = MappingProxyType(
    {
        "tỉnh": ("province",),
        "thành phố": ("province", "district"),
        "quận": ("district",),
        "huyện": ("district",),
        "thị xã": ("district",),
        "phường": ("ward",),
        "xã": ("ward",),
        "thị trấn": ("ward",),
        "đặc khu": ("ward",),  # island zones, at ward level since 2025
    }
)


@dataclass(frozen=True)
class Unit:
    """One administrative unit, placed where it was before the 2025 reform.

    `name` carries no type prefix ("Thanh Xuân", "Hương Trà") except for
    numbered units, whose number alone names nothing ("Phường 9", "Quận 3").
    `province` is the province's short name (equal to `name` for a province),
    `district` the district's short name for wards. `code` is the package's
    code (None for a unit that left the package's data before its snapshot).
    `tier` says which level of the tree the unit sits on; it is derived from
    `level` unless a provincial city shares its province's name ("thành phố
    Hà Tĩnh" in tỉnh Hà Tĩnh), where it must be given. `until` ("YYYY-MM") is
    when a unit in this placement ceased to exist before the 2025 reform.
    """

    name: str
    level: str
    province: str
    district: str | None = None
    code: int | None = None
    tier: Tier | Literal[""] = ""
    until: str | None = None
    since: str | None = None

    def __post_init__(self) -> None:
        if not self.tier:
            object.__setattr__(self, "tier", _derive_tier(self))
        # Units are dict keys in every query; hashing seven fields each time
        # was a tenth of `find_locality`'s cost.
        object.__setattr__(
            self, "_hash", hash((self.name, self.level, self.province, self.district, self.code, self.tier, self.until, self.since))
        )

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        # The dataclass's comparison, after two quicker answers: the loader
        # compares units of one gazetteer (one object per unit) tens of
        # times per article, mostly unequal ones, whose hashes differ.
        if self is other:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._hash == other._hash and (
            (self.name, self.level, self.province, self.district, self.code, self.tier, self.until, self.since)
            == (other.name, other.level, other.province, other.district, other.code, other.tier, other.until,
                other.since)
        )

    @property
    def label(self) -> str:
        """The name as written with its type: "quận Thanh Xuân", "Phường 9"."""
        if _is_numbered(self.name):
            return self.name
        return f"{self.level} {self.name}"


def _derive_tier(unit: Unit) -> Tier:
    if unit.district is not None:
        return "ward"
    if unit.level == "tỉnh":
        return "province"
    if unit.level == "thành phố" and unit.name == unit.province:
        return "province"
    tiers = LEVEL_TIERS.get(unit.level, ("district",))
    return "district" if "district" in tiers else tiers[0]


# --- the matching key -----------------------------------------------------

# Tone marks as combining characters, with a digit each: the key moves the
# tone to the end of the syllable, which is what makes "hoà" equal "hòa".
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ")
_NON_WORD = re.compile(r"[^\w'’‘ʼ]+")


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """The key of one word (syllable); see `fold`. Cached: vocabularies are small."""
    word = unicodedata.normalize("NFD", word.lower().translate(_APOSTROPHES))
    tone = ""
    kept = []
    for ch in word:
        t = _TONES.get(ch)
        if t is None:
            kept.append(ch)
        else:
            tone = t
    base = unicodedata.normalize("NFC", "".join(kept)).replace("đ", "d")
    if base.isascii() and base.isdigit():
        return str(int(base))  # "09" and "9" number the same ward
    return base + tone


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The key under which names are matched.

    Lower case, NFC/NFD-insensitive, tone placement folded ("Hoà" = "Hòa",
    "Thuỷ" = "Thủy"), đ folded to d (names that differ only there do not
    occur, while typed text often lacks the đ), hyphens and runs of spaces
    collapsed ("Bà Rịa-Vũng Tàu" = "Bà Rịa - Vũng Tàu"), apostrophes dropped
    ("Ea H'Leo"), and numbers read as numbers ("Phường 09" = "Phường 9").
    """
    words = _NON_WORD.split(unicodedata.normalize("NFC", text))
    return " ".join(fold_word(w) for w in words if w)


@lru_cache(maxsize=1 << 16)
def _loose_word(word: str) -> str:
    nfd = unicodedata.normalize("NFD", word.lower().translate(_APOSTROPHES))
    bare = "".join(ch for ch in nfd if not unicodedata.combining(ch)).replace("đ", "d")
    return str(int(bare)) if bare.isascii() and bare.isdigit() else bare


def _loose(text: str) -> str:
    """A looser key with every diacritic gone, for `lookup` only ("Ha Noi", "Dak Lak")."""
    return " ".join(_loose_word(w) for w in _NON_WORD.split(unicodedata.normalize("NFC", text)) if w)


# Wards numbered in Roman numerals: "Phường IV" of Vị Thanh.
_ROMAN = re.compile(r"[IVXL]+")


def is_number_name(word: str) -> bool:
    """Whether a word numbers a unit rather than names it: "9", "09", "IV"."""
    return (word.isascii() and word.isdigit()) or _ROMAN.fullmatch(word) is not None


def _is_numbered(name: str) -> bool:
    last = name.rsplit(" ", 1)[-1]
    return is_number_name(last) and name.split(" ", 1)[0] in ("Phường", "Quận")


# Tone placement differs between the data ("Hoà Bình", "Thuỷ Biều") and most
# writers ("Hòa Bình", "Thủy Biều"); names are shown in the widespread style
# so that one place is never spelt two ways on the site.
_CLASSIC_END = re.compile(r"(?i)(?<![qQ])([oO])([àáảãạ])$|([oO])([èéẻẽẹ])$|(?<![qQ])([uU])([ỳýỷỹỵ])$")
_CLASSIC_ANY = re.compile(r"(?i)(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\w)")


def _classic_tones(name: str) -> str:
    if not _CLASSIC_ANY.search(name):
        return name  # the common case, checked once for the whole name

    def fix(word: str) -> str:
        m = _CLASSIC_END.search(word)
        if not m:
            return word
        first, second = (g for g in m.groups() if g is not None)
        nfd = unicodedata.normalize("NFD", second)
        tone = "".join(ch for ch in nfd if ch in _TONES)
        bare = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONES))
        moved = unicodedata.normalize("NFC", first + tone)
        return word[: m.start()] + moved + bare

    return " ".join(fix(w) for w in name.split(" "))


# --- prefixes people write --------------------------------------------------

# A prefix says which level (or at least which tier) a name is meant at.
_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), level)
    for pattern, level in (
        (r"thành\s+phố\s+", "thành phố"),
        (r"t\.?\s?p\.?\s*(?=\w)", "thành phố"),  # TP, TP., T.P, Tp.
        (r"thị\s+xã\s+", "thị xã"),
        (r"t\.?x\.?\s*(?=\w)", "thị xã"),
        (r"thị\s+trấn\s+", "thị trấn"),
        (r"t\.?t\.?\s*(?=\w)", "thị trấn"),
        (r"tỉnh\s+", "tỉnh"),
        (r"quận\s+", "quận"),
        (r"q\.\s*|q(?=\d)", "quận"),
        (r"huyện\s+", "huyện"),
        (r"h\.\s*", "huyện"),
        (r"phường\s+", "phường"),
        (r"p\.\s*|p(?=\d)", "phường"),
        (r"xã\s+", "xã"),
        (r"đặc\s+khu\s+", "đặc khu"),
        (r"x\.\s*", "xã"),
    )
)


def split_prefix(text: str) -> tuple[str | None, str]:
    """("TP. Hồ Chí Minh") → ("thành phố", "Hồ Chí Minh"); no prefix → (None, text)."""
    text = " ".join(text.split())
    for pattern, level in _PREFIXES:
        m = pattern.match(text)
        if m and m.end() < len(text):
            return level, text[m.end() :]
    return None, text


# Province names as people write them, beyond "<prefix> <short name>".
_PROVINCE_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Hồ Chí Minh": ("HCM", "TPHCM", "TP HCM", "HCMC", "Sài Gòn", "Saigon", "Sài Gòn - Gia Định"),
        "Hà Nội": ("Thủ đô", "HN"),
        "Thừa Thiên Huế": ("Huế", "TT Huế", "TT-Huế", "TTH", "Thừa Thiên"),
        "Bà Rịa - Vũng Tàu": ("BR-VT", "BRVT", "Bà Rịa Vũng Tàu"),
        "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Daklak", "Đắklắk"),
        "Đắk Nông": ("Đăk Nông", "Đắc Nông", "Daknong"),
        "Kon Tum": ("Kontum",),
        "Cần Thơ": ("TPCT",),
        "Đà Nẵng": ("ĐN",),
        "Hải Phòng": ("HP",),
    }
)

# The package's snapshot has Huế as the centrally-run city it became on
# 1 January 2025; every article before that calls the province Thừa Thiên Huế.
_PROVINCE_RENAMES: Mapping[int, tuple[str, str]] = MappingProxyType({46: ("Thừa Thiên Huế", "tỉnh")})


# --- units merged away before the package's snapshot ---------------------

# Each row: province, district, until, ward level, ward names, and where the
# wards went when they moved rather than vanished ("" when they were merged
# into a neighbour): a moved ward keeps the package's code, so `current_name`
# still works and the two placements are known to be one ward. A district
# missing from the package is declared in _HISTORY_DISTRICTS.
# Sources: the Standing Committee resolutions that made the change —
# NQ 834/NQ-UBTVQH14 (Thừa Thiên Huế, from 2020-01), NQ 1111/NQ-UBTVQH14
# (HCMC, from 2021-01), NQ 1264/NQ-UBTVQH14 (Huế city took part of Hương Trà,
# from 2021-07), NQ 1286/NQ-UBTVQH15 (Hà Nội) and NQ 1278/NQ-UBTVQH15 (HCMC),
# both from 2025-01. Add rows here when the archive names a unit that
# `lookup` cannot find.
_HISTORY_DISTRICTS: tuple[tuple[str, str, str, str], ...] = (
    ("Hồ Chí Minh", "quận", "Quận 2", "2021-01"),
    ("Hồ Chí Minh", "quận", "Quận 9", "2021-01"),
    ("Hồ Chí Minh", "quận", "Thủ Đức", "2021-01"),
    ("Thừa Thiên Huế", "thành phố", "Huế", "2025-01"),
)
_HISTORY: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Hà Nội", "Ba Đình", "2025-01", "phường", "Nguyễn Trung Trực", ""),
    ("Hà Nội", "Long Biên", "2025-01", "phường", "Sài Đồng", ""),
    ("Hà Nội", "Đống Đa", "2025-01", "phường",
     "Ngã Tư Sở, Phương Liên, Quốc Tử Giám, Trung Phụng, Trung Tự, Văn Miếu", ""),
    ("Hà Nội", "Hai Bà Trưng", "2025-01", "phường", "Bùi Thị Xuân, Cầu Dền, Đống Mác, Ngô Thì Nhậm, Quỳnh Lôi", ""),
    ("Hà Nội", "Thanh Xuân", "2025-01", "phường", "Kim Giang, Thanh Xuân Nam", ""),
    ("Hà Nội", "Hà Đông", "2025-01", "phường", "Nguyễn Trãi, Yết Kiêu", ""),
    ("Hồ Chí Minh", "Quận 3", "2021-01", "phường", "Phường 6, Phường 7, Phường 8", ""),
    ("Hồ Chí Minh", "Quận 3", "2025-01", "phường", "Phường 10, Phường 13", ""),
    ("Hồ Chí Minh", "Quận 2", "2021-01", "phường",
     "An Khánh, An Lợi Đông, An Phú, Bình An, Bình Khánh, Bình Trưng Đông, Bình Trưng Tây,"
     " Cát Lái, Thạnh Mỹ Lợi, Thảo Điền, Thủ Thiêm", "Thủ Đức"),
    ("Hồ Chí Minh", "Quận 9", "2021-01", "phường",
     "Hiệp Phú, Long Bình, Long Phước, Long Thạnh Mỹ, Long Trường, Phú Hữu, Phước Bình,"
     " Phước Long A, Phước Long B, Tân Phú, Tăng Nhơn Phú A, Tăng Nhơn Phú B, Trường Thạnh", "Thủ Đức"),
    ("Hồ Chí Minh", "Thủ Đức", "2021-01", "phường",
     "Bình Chiểu, Bình Thọ, Hiệp Bình Chánh, Hiệp Bình Phước, Linh Chiểu, Linh Đông, Linh Tây,"
     " Linh Trung, Linh Xuân, Tam Bình, Tam Phú, Trường Thọ", "Thủ Đức"),
    ("Thừa Thiên Huế", "Hương Trà", "2021-07", "phường", "Hương An, Hương Hồ", "Phú Xuân"),
    ("Thừa Thiên Huế", "Hương Trà", "2021-07", "xã", "Hương Vinh, Hương Thọ, Hải Dương", "Phú Xuân"),
    ("Thừa Thiên Huế", "Hương Trà", "2021-07", "xã", "Hương Phong", "Thuận Hóa"),
    ("Thừa Thiên Huế", "Hương Trà", "2020-01", "xã", "Bình Điền, Hồng Tiến", ""),
)


# --- the gazetteer ----------------------------------------------------------

_TIER_RANK = {"province": 0, "district": 1, "ward": 2}


def _sort_key(unit: Unit) -> tuple:
    return (_TIER_RANK[unit.tier], unit.province, unit.district or "", unit.name, unit.level, unit.until or "")


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Indexes over a set of units; build with `load()` or `from_units()`."""

    units: tuple[Unit, ...] = field(repr=False)
    _by_key: Mapping[str, tuple[Unit, ...]] = field(repr=False)
    _aliases: Mapping[str, tuple[Unit, ...]] = field(repr=False)
    _parent: Mapping[Unit, Unit] = field(repr=False)
    _ancestors: Mapping[Unit, tuple[Unit, ...]] = field(repr=False)
    _children: Mapping[Unit, tuple[Unit, ...]] = field(repr=False)
    _provinces: tuple[Unit, ...] = field(repr=False)

    @classmethod
    def load(cls, after_reform: bool = False) -> Gazetteer:
        """The pre-2025 gazetteer, or with `after_reform` the two-level one
        in force since 1 July 2025; each built on first use, then shared."""
        return _after_reform() if after_reform else _default()

    @classmethod
    def from_units(cls, units: Iterable[Unit], aliases: Mapping[str, Iterable[str]] | None = None) -> Gazetteer:
        """Index `units`. A ward's parent is the district of its province with
        its `district` name (of the same `until` when two share the name), a
        district's parent is its province. `aliases` maps a province's short
        name to other names people write for it."""
        units = tuple(dict.fromkeys(units))  # one of each, order kept
        provinces = {u.name: u for u in units if u.tier == "province"}
        districts: dict[tuple[str, str], list[Unit]] = {}
        for u in units:
            if u.tier == "district":
                districts.setdefault((u.province, u.name), []).append(u)

        parent: dict[Unit, Unit] = {}
        for u in units:
            if u.tier == "district" and u.province in provinces:
                parent[u] = provinces[u.province]
            elif u.tier == "ward" and u.district is not None:
                same_name = districts.get((u.province, u.district), [])
                chosen = [d for d in same_name if d.until == u.until] or [d for d in same_name if d.until is None]
                if chosen or same_name:
                    parent[u] = (chosen or same_name)[0]
            elif u.tier == "ward" and u.province in provinces:
                parent[u] = provinces[u.province]  # the two-level order: no district between

        children: dict[Unit, list[Unit]] = {}
        for child, par in parent.items():
            children.setdefault(par, []).append(child)
        ancestors: dict[Unit, tuple[Unit, ...]] = {}
        for u in units:
            chain, node = [], parent.get(u)
            while node is not None:
                chain.append(node)
                node = parent.get(node)
            ancestors[u] = tuple(chain)

        by_key: dict[str, list[Unit]] = {}
        for u in units:
            by_key.setdefault(fold(u.name), []).append(u)

        alias_index: dict[str, list[Unit]] = {}
        for short, names in (aliases or {}).items():
            if short in provinces:
                for name in names:
                    known = alias_index.setdefault(fold(name), [])
                    if provinces[short] not in known:  # "TT Huế" and "TT-Huế" fold alike
                        known.append(provinces[short])

        def freeze(index: Mapping[object, list[Unit]]) -> MappingProxyType:
            return MappingProxyType({k: tuple(sorted(v, key=_sort_key)) for k, v in index.items()})

        return cls(
            units=units,
            _by_key=freeze(by_key),
            _aliases=freeze(alias_index),
            _parent=MappingProxyType(parent),
            _ancestors=MappingProxyType(ancestors),
            _children=freeze(children),
            _provinces=tuple(sorted(provinces.values(), key=lambda p: (p.code is None, p.code or 0, p.name))),
        )

    @cached_property
    def _by_loose(self) -> Mapping[str, tuple[Unit, ...]]:
        # Only `lookup` falls back to it, and rarely: built on first need.
        index: dict[str, list[Unit]] = {}
        for u in self.units:
            index.setdefault(_loose(u.name), []).append(u)
        return MappingProxyType({k: tuple(sorted(v, key=_sort_key)) for k, v in index.items()})

    # -- queries ----------------------------------------------------------

    def lookup(self, name: str, level: str | None = None, province: str | None = None) -> tuple[Unit, ...]:
        """Every unit `name` can mean, best first.

        `name` may carry a prefix ("TP.", "Q.", "huyện", "P.9"); `level`
        overrides the prefix. Units of exactly that level come first; when
        none exists, units of the same tier count (a huyện that became a
        thị xã or a xã that became a phường is still found). `province`
        (any spelling or alias) keeps only units inside that province.
        """
        prefix_level, bare = split_prefix(name)
        found = self._match(bare, level or prefix_level)
        if not found and prefix_level is not None:
            # What looked like a prefix is part of the name: "Phường Đúc", "TT Huế".
            found = self._match(" ".join(name.split()), level)
        if province is not None:
            within = self.province(province)
            if within is None:
                return ()
            found = tuple(u for u in found if u.province == within.name)
        return found

    def _match(self, bare: str, level: str | None) -> tuple[Unit, ...]:
        key = fold(bare)
        if key.isdigit():
            # Only wards and districts are numbered ("Phường 9", "Quận 3").
            if level is None:
                levels = ["phường", "quận"]
            else:
                levels = [level] if level in ("phường", "quận") else []
            found = tuple(u for lv in levels for u in self._by_key.get(fold(f"{lv} {key}"), ()))
        else:
            found = tuple(sorted(dict.fromkeys(self._by_key.get(key, ()) + self._aliases.get(key, ())), key=_sort_key))
            if not found:
                found = self._by_loose.get(_loose(bare), ())
        return _by_level(found, level)

    def units_for_key(self, key: str) -> tuple[Unit, ...]:
        """Units whose name folds to `key` (already a `fold` result); no aliases."""
        return self._by_key.get(key, ())

    def provinces_for_alias(self, key: str) -> tuple[Unit, ...]:
        """Provinces one of whose aliases folds to `key` ("tt huê1" for "TT-Huế")."""
        return self._aliases.get(key, ())

    def province(self, name: str) -> Unit | None:
        """The province `name` means (short name, prefixed name or alias), if exactly one."""
        found = [u for u in self.lookup(name) if u.tier == "province"]
        return found[0] if len(found) == 1 else None

    def provinces(self) -> tuple[Unit, ...]:
        """The provinces and centrally-run cities (63, or 34 after the reform), in the official code order."""
        return self._provinces

    def children(self, unit: Unit) -> tuple[Unit, ...]:
        """A province's districts or a district's wards, historical ones included."""
        return self._children.get(unit, ())

    def parent(self, unit: Unit) -> Unit | None:
        return self._parent.get(unit)

    def ancestors(self, unit: Unit) -> tuple[Unit, ...]:
        """The unit's district and province, nearest first."""
        return self._ancestors.get(unit, ())

    def contains(self, outer: Unit, inner: Unit) -> bool:
        """True when `inner` is `outer` or lies inside it."""
        return inner == outer or outer in self._ancestors.get(inner, ())


def _by_level(units: tuple[Unit, ...], level: str | None) -> tuple[Unit, ...]:
    if level is None:
        return units
    exact = tuple(u for u in units if u.level == level)
    if exact:
        return exact
    tiers = LEVEL_TIERS.get(level, ())
    return tuple(u for u in units if u.tier in tiers)


def to_locality(unit: Unit) -> Locality:
    """The record form of a unit: districts and provinces carry no `district`."""
    return Locality(
        name=unit.name,
        level=unit.level,
        province=unit.province,
        district=unit.district if unit.tier == "ward" else None,
    )


def current_name(unit: Unit) -> str | None:
    """What the unit is part of since the 2025 reform, for "now part of …".

    "Phường Thanh Xuân, Thành phố Hà Nội" for a ward (several new wards are
    joined with " / " when the old one was split), the new province for a
    province, None for a district (districts were abolished, with no single
    successor) or a unit the package has no code for. The conversion tables
    are loaded on the first call only.
    A unit of the new order (`since`) became nothing: None.
    """
    if unit.code is None or unit.tier == "district" or unit.since is not None:
        return None
    from vietnam_provinces import Province as NewProvince
    from vietnam_provinces import Ward as NewWard

    if unit.tier == "province":
        found = NewProvince.search_from_legacy(code=unit.code)
        return " / ".join(dict.fromkeys(r.province.name for r in found)) or None
    wards = [r.ward for r in NewWard.search_from_legacy(code=unit.code)]
    if not wards:
        return None
    province = NewProvince.from_code(wards[0].province_code).name
    return f"{' / '.join(w.name for w in wards)}, {province}"


# --- building the default gazetteer -----------------------------------------

_TYPE_PREFIX = re.compile(r"(?:Thành [pP]hố|Thị [xX]ã|Thị [tT]rấn|Đặc [kK]hu|Tỉnh|Quận|Huyện|Phường|Xã) ")


def _short(full: str) -> str:
    """The package's "Quận Thanh Xuân" → "Thanh Xuân"; "Quận 3" stays whole."""
    m = _TYPE_PREFIX.match(full)
    rest = full[m.end():] if m else full
    return full if is_number_name(rest) else _classic_tones(rest)


def _package_units() -> list[Unit]:
    from vietnam_provinces.legacy import District, Province, Ward

    units: list[Unit] = []
    province_name: dict[int, str] = {}
    for p in Province.iter_all():
        code = int(p.code)
        name, level = _PROVINCE_RENAMES.get(code, (_short(p.name), "tỉnh" if p.division_type == "tỉnh" else "thành phố"))
        province_name[code] = name
        units.append(Unit(name, level, name, None, code, "province"))
    district_of: dict[int, tuple[str, str]] = {}
    for d in District.iter_all():
        province = province_name[int(d.province_code)]
        name = _short(d.name)
        district_of[int(d.code)] = (name, province)
        units.append(Unit(name, str(d.division_type), province, None, int(d.code), "district"))
    for w in Ward.iter_all():
        district, province = district_of[int(w.district_code)]
        units.append(Unit(_short(w.name), str(w.division_type), province, district, int(w.code), "ward"))
    return units


def _history_units(current: list[Unit]) -> list[Unit]:
    """The `_HISTORY` tables as units, with the package's code where a ward moved."""
    provinces = {row[0] for row in _HISTORY}
    placed = {(u.province, u.district, fold(u.name)): u for u in current if u.tier == "ward" and u.province in provinces}
    out = [Unit(name, level, province, None, None, "district", until)
           for province, level, name, until in _HISTORY_DISTRICTS]
    for province, district, until, level, names, moved_to in _HISTORY:
        for name in (n.strip() for n in names.split(",")):
            key = fold(name)
            if (province, district, key) in placed:
                continue  # the package still has it where it was
            moved = placed.get((province, moved_to, key)) if moved_to else None
            out.append(Unit(name, level, province, district, moved.code if moved else None, "ward", until))
    return out


@cache
def _default() -> Gazetteer:
    units = _package_units()
    return Gazetteer.from_units(units + _history_units(units), _PROVINCE_ALIASES)


# --- the order in force since the 2025 reform -------------------------------

REFORM_SINCE = "2025-07"


def _new_units() -> list[Unit]:
    from vietnam_provinces import Province, Ward

    units: list[Unit] = []
    province_name: dict[int, str] = {}
    for p in Province.iter_all():
        name = _short(p.name)
        province_name[int(p.code)] = name
        level = "tỉnh" if p.division_type == "tỉnh" else "thành phố"
        units.append(Unit(name, level, name, None, int(p.code), "province", since=REFORM_SINCE))
    for w in Ward.iter_all():
        province = province_name[int(w.province_code)]
        units.append(Unit(_short(w.name), str(w.division_type), province, None, int(w.code), "ward",
                          since=REFORM_SINCE))
    return units


def _legacy_province_aliases(new_provinces: Iterable[str]) -> dict[str, list[str]]:
    """New province → the names of the old provinces merged into it, and their
    aliases: a hint or a text that still says "Bình Định" means Gia Lai now."""
    from vietnam_provinces import Province

    new = set(new_provinces)
    out: dict[str, list[str]] = {}
    for old in _default().provinces():
        found = {_short(r.province.name) for r in Province.search_from_legacy(code=old.code)}
        if len(found) != 1:
            continue
        target = found.pop()
        if target not in new:
            continue
        names = [n for n in (old.name, *_PROVINCE_ALIASES.get(old.name, ())) if fold(n) != fold(target)]
        out.setdefault(target, []).extend(names)
    for short, names in _PROVINCE_ALIASES.items():
        if short in new:
            out.setdefault(short, []).extend(names)
    return out


@cache
def _after_reform() -> Gazetteer:
    units = _new_units()
    provinces = [u.name for u in units if u.tier == "province"]
    return Gazetteer.from_units(units, _legacy_province_aliases(provinces))
