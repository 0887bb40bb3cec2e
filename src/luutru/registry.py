"""Document identifiers ("05-CT/TW") and the registry of known documents.

A cited party or state document is named by `NUMBER-TYPE/ISSUER` (party
style: "05-CT/TW", "124-QĐ/TW") or `NUMBER[/YEAR]/TYPE-ISSUER` (state style:
"15/2020/NĐ-CP", "123/QĐ-UBND"). Issuers below the centre number their
documents independently, so a local identifier carries the locality that
issued it: "08-CT/TU Hà Nội". Central Committee plenum resolutions are known
by a standard name ("Nghị quyết Trung ương 4 khóa XII"), which is their
canonical id; their numbers ("04-NQ/TW") are aliases in the registry.

Everything here is pure: the registry is built from already-parsed data
(`Registry.from_data`) or from YAML text (`Registry.from_yaml`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal

import yaml

from .errors import LuutruError, ManyErrors, RecordError
from .model import Document

# ---------------------------------------------------------------- comparing


# Old-style tone placement ("hoá", "uỷ") and new style ("hóa", "ủy") are both
# common; a comparison key maps the old to the new. Every pair is two
# characters for two, so a folded text keeps the offsets of the original.
_TONE_PAIRS = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_RE = re.compile("|".join(_TONE_PAIRS))


def fold(text: str) -> str:
    """The key under which names, phrases and aliases compare.

    Lower case with old-style tone marks moved to the new place. The result
    has exactly the length of `text`, so a match found in the folded text
    can be cut out of the original at the same offsets.
    """
    # Remembered: names and phrases come back in article after article, and
    # the loader's steps fold the same lines and paragraphs again.
    return _fold_cached(text) if len(text) <= _CACHED else _fold(text)


_CACHED = 20_000  # longer than any paragraph: a whole text is folded afresh


def _fold(text: str) -> str:
    # U+0130 is the only character whose lower() is longer than itself.
    low = text.replace("\u0130", "i").lower()
    return _TONE_RE.sub(_new_tone, low)


_fold_cached = lru_cache(maxsize=1 << 10)(_fold)


def _new_tone(m: re.Match[str]) -> str:
    return _TONE_PAIRS[m.group()]


def _key(text: str) -> str:
    """Registry lookup key: folded, dashes unified, spaces around - and / gone."""
    k = fold(" ".join(text.split()))
    k = _DASH.sub("-", k)
    return _SLASH.sub("/", k)


_DASH = re.compile(r"\s*[-–—]\s*")
_SLASH = re.compile(r"\s*/\s*")


# ------------------------------------------------------------- vocabularies

# Party document types (the part between number and issuer).
PARTY_TYPES: Mapping[str, str] = MappingProxyType({
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "QĐ": "Quy định",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "CTr": "Chương trình",
    "QC": "Quy chế",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "TTr": "Tờ trình",
})  # fmt: skip

# State document types; "QĐ" is a decision (quyết định) in state style.
STATE_TYPES: Mapping[str, str] = MappingProxyType({
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CV": "Công văn",
    "BC": "Báo cáo",
    "QH": "Luật",
    "L": "Luật",
    "PL": "Pháp lệnh",
})  # fmt: skip

# The words a writer uses for a type, for "Chỉ thị 05" → type CT.
TYPE_WORDS: Mapping[str, str] = MappingProxyType({
    "chỉ thị": "CT",
    "nghị quyết": "NQ",
    "quy định": "QĐ",
    "kết luận": "KL",
    "hướng dẫn": "HD",
    "kế hoạch": "KH",
    "thông báo": "TB",
    "chương trình": "CTr",
    "quy chế": "QC",
    "đề án": "ĐA",
    "quyết định": "QĐ",
    "nghị định": "NĐ",
    "thông tư": "TT",
})  # fmt: skip

# The order in which the site lists document types; others follow by name.
TYPE_ORDER: tuple[str, ...] = ("Chỉ thị", "Nghị quyết", "Quy định", "Kết luận")

# Issuer codes: the final part tells the level ("…TW" central, "…TU" province,
# "…QU"/"…HU"/"…TX"/"…ThU" district, "…ĐU" any party committee); a prefix names
# an organ of that committee ("BTGTU" = Ban Tuyên giáo Tỉnh ủy).
_COMMITTEES: Mapping[str, str] = MappingProxyType({
    "TW": "Trung ương",
    "TU": "Tỉnh ủy",
    "QU": "Quận ủy",
    "HU": "Huyện ủy",
    "TX": "Thị ủy",
    "ThU": "Thành ủy",
    "ĐUK": "Đảng ủy Khối",
    "ĐU": "Đảng ủy",
})  # fmt: skip
_ORGANS: Mapping[str, str] = MappingProxyType({
    "BTG": "Ban Tuyên giáo",
    "BTC": "Ban Tổ chức",
    "BDV": "Ban Dân vận",
    "BNC": "Ban Nội chính",
    "BKT": "Ban Kinh tế",
    "UBKT": "Ủy ban Kiểm tra",
    "VP": "Văn phòng",
    "BTV": "Ban Thường vụ",
    # the Central Military Commission: "847-NQ/QUTW"
    "QU": "Quân ủy",
})  # fmt: skip
_STATE_ISSUERS: Mapping[str, str] = MappingProxyType({
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BNV": "Bộ Nội vụ",
    "BTC": "Bộ Tài chính",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BYT": "Bộ Y tế",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
})  # fmt: skip
# Local state bodies that number their own documents: "112/KH-CAH" of one
# district's police is not another's. (name, level)
_LOCAL_STATE_ISSUERS: Mapping[str, tuple[str, Level]] = MappingProxyType({
    "CAT": ("Công an tỉnh", "province"),
    "CAH": ("Công an huyện", "district"),
    "CAQ": ("Công an quận", "district"),
    "CAX": ("Công an xã", "unit"),
    "CAP": ("Công an phường", "unit"),
    # provincial departments (sở)
    "SNV": ("Sở Nội vụ", "province"),
    "STP": ("Sở Tư pháp", "province"),
    "STC": ("Sở Tài chính", "province"),
    "SYT": ("Sở Y tế", "province"),
    "SGDĐT": ("Sở Giáo dục và Đào tạo", "province"),
    "SKHĐT": ("Sở Kế hoạch và Đầu tư", "province"),
    "SVHTTDL": ("Sở Văn hóa, Thể thao và Du lịch", "province"),
    "SLĐTBXH": ("Sở Lao động - Thương binh và Xã hội", "province"),
    "STTTT": ("Sở Thông tin và Truyền thông", "province"),
    # mass organisations, which number their plans like the Party ("27-KH/HNDT")
    # or like the state ("12/KH-MTTQ-BTT"); at the level of the unit they serve
    # unless the code names it ("HNDT": the province's Hội Nông dân)
    "MTTQ": ("Ủy ban Mặt trận Tổ quốc", "unit"),
    "LĐLĐ": ("Liên đoàn Lao động", "unit"),
    "HLHPN": ("Hội Liên hiệp Phụ nữ", "unit"),
    "HCCB": ("Hội Cựu chiến binh", "unit"),
    "HNDT": ("Hội Nông dân tỉnh", "province"),
    "TĐTN": ("Tỉnh đoàn", "province"),
})  # fmt: skip
# Provinces whose party committee is a Thành ủy (centrally-run cities).
CENTRAL_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "TP Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})  # fmt: skip

# Mixed-case codes, by their upper-case spelling.
_MIXED = {"CTR": "CTr", "TTR": "TTr", "QYĐ": "QyĐ", "QĐI": "QĐi", "THU": "ThU", "TTG": "TTg"}
# Spellings without "Đ" that writers use for codes with it.
_PLAIN_D = {"QD": "QĐ", "QDI": "QĐi", "DA": "ĐA", "ND": "NĐ", "DU": "ĐU", "DUK": "ĐUK", "HDND": "HĐND",
            "LDLD": "LĐLĐ", "TDTN": "TĐTN",
            # "Trung ương" abbreviated with its Ư: "08-QĐi/TƯ"
            "TƯ": "TW"}  # fmt: skip
# Codes that name one kind of document: a regulation of the Central
# Committee is "QĐi" ("08-QĐi/TW"), of others "QĐ"; "Quy định 08" may be either.
_SAME_TYPES = {"QĐ": ("QĐ", "QĐi", "QyĐ"), "QĐi": ("QĐi", "QĐ", "QyĐ"), "QyĐ": ("QyĐ", "QĐ", "QĐi")}

Level = Literal["central", "province", "district", "unit"]


def same_types(code: str) -> tuple[str, ...]:
    """The type codes that may name the same kind of document as `code`."""
    code = _code(code)
    return _SAME_TYPES.get(code, (code,))


def _code(raw: str) -> str:
    up = raw.upper()
    return _MIXED.get(up) or _PLAIN_D.get(up) or up


_COMMITTEE_SUFFIXES = tuple(sorted(_COMMITTEES, key=len, reverse=True))  # "ĐUK" before "ĐU"


def _committee_of(issuer: str) -> tuple[str, str] | None:
    """Split a party issuer code into (organ prefix, committee suffix)."""
    for suffix in _COMMITTEE_SUFFIXES:
        if issuer.endswith(suffix):
            prefix = issuer[: -len(suffix)]
            if prefix == "" or prefix in _ORGANS:
                return prefix, suffix
    return None


def _local_org(code: str) -> bool:
    """A local body outside the Party's committees: "HNDT", "TĐTN-PTTN"."""
    return any(part in _LOCAL_STATE_ISSUERS for part in code.split("-"))


def is_party_issuer(code: str) -> bool:
    return _committee_of(_code(code)) is not None


@lru_cache(maxsize=1024)  # asked for every id found, of a handful of codes
def issuer_level(code: str) -> Level:
    """Which level of locality numbers this issuer's documents.

    "central" needs no qualification; "province" is qualified by a province
    ("08-CT/TU Hà Nội"), "district" by a district, "unit" by whatever unit
    the issuer belongs to (a ward's Đảng ủy, a commune's UBND).
    """
    code = _code(code)
    split = _committee_of(code)
    if split is not None:
        suffix = split[1]
        if suffix == "TW":
            return "central"
        if suffix in ("TU", "ĐUK"):
            return "province"
        if suffix in ("QU", "HU", "TX", "ThU"):
            return "district"
        return "unit"
    if "UBND" in code or "HĐND" in code:
        return "unit"
    for part in code.split("-"):
        if part in _LOCAL_STATE_ISSUERS:
            return _LOCAL_STATE_ISSUERS[part][1]
    return "central"


def doc_type_name(code: str, style: Literal["party", "state"] = "party") -> str | None:
    """ "CT" → "Chỉ thị"; in state style "QĐ" → "Quyết định"."""
    code = _code(code)
    table = STATE_TYPES if style == "state" else PARTY_TYPES
    return table.get(code) or PARTY_TYPES.get(code) or STATE_TYPES.get(code)


def issuer_name(code: str, place: str | None = None) -> str | None:
    """A readable issuer: "TW" → "Trung ương", "TU" + "Hà Nội" → "Thành ủy Hà Nội".

    For "TW" the organ (Bộ Chính trị, Ban Bí thư, Ban Chấp hành) depends on
    the document, so only the registry can say more than "Trung ương".
    """
    code = _code(code)
    split = _committee_of(code)
    if split is not None:
        prefix, suffix = split
        if suffix == "TU":
            if place is None:
                committee = "Tỉnh ủy/Thành ủy"
            else:
                committee = "Thành ủy" if place in CENTRAL_CITIES else "Tỉnh ủy"
        else:
            committee = _COMMITTEES[suffix]
        name = f"{_ORGANS[prefix]} {committee}" if prefix else committee
        return f"{name} {place}" if place and suffix != "TW" else name
    for part in code.split("-"):
        if part in _STATE_ISSUERS:
            name = _STATE_ISSUERS[part]
            return f"{name} {place}" if place else name
        if part in _LOCAL_STATE_ISSUERS:
            name = _LOCAL_STATE_ISSUERS[part][0]
            return f"{name} {place}" if place else name
    return None


# ------------------------------------------------------------- identifiers


@dataclass(frozen=True)
class DocId:
    """A parsed document identifier; `str()` gives the canonical form."""

    number: str  # at least two digits: "05", "124"
    type: str  # canonical code: "CT", "QĐ", "CTr"
    issuer: str  # canonical code: "TW", "TU", "UBND", "TTLT-BTC-BNV"
    style: Literal["party", "state"] = "party"
    year: str | None = None  # state style "15/2020/NĐ-CP"
    place: str | None = None  # qualifying locality of a local issuer

    def __str__(self) -> str:
        if self.style == "party":
            core = f"{self.number}-{self.type}/{self.issuer}"
        elif self.year:
            core = f"{self.number}/{self.year}/{self.type}-{self.issuer}"
        else:
            core = f"{self.number}/{self.type}-{self.issuer}"
        return f"{core} {self.place}" if self.place else core

    @property
    def level(self) -> Level:
        return issuer_level(self.issuer)

    @property
    def type_name(self) -> str | None:
        return doc_type_name(self.type, self.style)

    def qualified(self, place: str | None) -> DocId:
        """This id with its issuing locality (central ids stay as they are)."""
        if self.level == "central" or not place:
            return self
        return DocId(self.number, self.type, self.issuer, self.style, self.year, place)


_L = r"A-Za-zĐđƯư"
# NUMBER[/YEAR] SEP TYPE SEP ISSUER, in any of the spellings writers use:
# "05-CT/TW", "05 - CT/TW", "05 CT/TW", "05/CT-TW", "15/2020/NĐ-CP".
# Which style it is, and whether TYPE is a type at all, is decided after.
ID_RE = re.compile(
    # (the look-behind sits after the first digit so that the engine can
    # skip ahead to digits: several times faster on long texts)
    rf"(?P<num>\d(?<![\w/.-]\d)\d{{0,4}})(?:\s*/\s*(?P<year>(?:19|20)\d\d))?"
    rf"(?P<sep1>\s*[-–]\s*|\s*/\s*|\s+)"
    rf"(?P<type>[{_L}]{{1,4}})"
    rf"(?P<sep2>\s*/\s*|\s*[-–]\s*)"
    rf"(?P<issuer>[{_L}]{{1,8}}(?:-[{_L}]{{1,8}}){{0,3}})(?![\w])"
)


def docid_from_match(m: re.Match[str]) -> DocId | None:
    """The id an `ID_RE` match stands for, or None if it is not one."""
    return _docid(*m.group("num", "year", "sep1", "type", "sep2", "issuer"))


@lru_cache(maxsize=4096)  # the same ids come back, article after article (DocId is immutable)
def _docid(num: str, year: str | None, sep1: str, raw_type: str, sep2: str, raw_issuer: str) -> DocId | None:
    if not raw_type[0].isupper():
        return None  # lower-case words ("3 ngày/tuần") are not document types
    type_code = _code(raw_type)
    # Separators: " " for a bare space, and en dashes read as hyphens.
    sep1 = sep1.strip().replace("–", "-") or " "
    sep2 = sep2.strip().replace("–", "-")
    issuer = "-".join(_code(p) for p in raw_issuer.split("-"))
    number = num.lstrip("0").zfill(2) if num.strip("0") else num
    if year is None and sep1 in ("-", " ") and sep2 == "/" and _local_org(issuer):
        return DocId(number, type_code, issuer) if type_code in PARTY_TYPES else None  # "27-KH/HNDT"
    if is_party_issuer(issuer) and year is None:
        # "05-CT/TW", "05 - CT/TW", "05 CT/TW", and "05/CT-TW" (slash and dash
        # swapped, as in state style) all name one party document.
        if type_code not in PARTY_TYPES:
            return None
        if (sep1 in ("-", " ") and sep2 == "/") or (sep1 == "/" and sep2 == "-"):
            return DocId(number, type_code, issuer)
        return None
    # State style is only ever "123/QĐ-UBND" or "15/2020/NĐ-CP".
    if sep1 != "/" or sep2 != "-" or type_code not in STATE_TYPES:
        return None
    if not all(p[0].isupper() for p in raw_issuer.split("-")):
        return None
    return DocId(number, type_code, issuer, "state", year)


def finditer_from(
    pattern: re.Pattern[str], openings: Sequence[str], text: str, where: str | None = None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern whose every match begins with
    one of `openings` as found in `where` (`text` itself, or its lower case
    when the pattern ignores case). The engine tries such a pattern at every
    letter that can begin an opening ("c", "k", "n", "t": a third of
    Vietnamese text); str.find goes straight to the openings, several times
    faster."""
    where = text if where is None else where
    if len(where) != len(text):  # lower case of another length ("İ"): its places are not the text's
        yield from pattern.finditer(text)
        return
    starts = set()
    for opening in openings:
        i = where.find(opening)
        while i >= 0:
            starts.add(i)
            i = where.find(opening, i + 1)
    end = 0
    for i in sorted(starts):
        if i >= end and (m := pattern.match(text, i)) is not None:
            end = m.end()  # finditer goes on after a match, never inside it
            yield m


def find_ids(text: str) -> Iterator[tuple[int, int, DocId]]:
    """Every identifier written in `text`, with its offsets."""
    for m in ID_RE.finditer(text):
        doc = docid_from_match(m)
        if doc is not None:
            yield m.start(), m.end(), doc


@lru_cache(maxsize=4096)  # the same ids are parsed again and again (DocId is immutable)
def parse_id(text: str) -> DocId | None:
    """Parse an identifier as written alone: "05-CT/TW", "05/CT-TW",
    "08-CT/TU Hà Nội", "Chỉ thị số 05 - CT/TW". None if it is not one."""
    text = " ".join(text.split())
    m = ID_RE.search(text)
    if m is None:
        return None
    doc = docid_from_match(m)
    if doc is None:
        return None
    before = fold(text[: m.start()]).strip()
    before = re.sub(r"\s*số$", "", before).strip()
    if before and before not in TYPE_WORDS:
        return None
    place = text[m.end() :].strip() or None
    if place is not None and not place[0].isupper():
        return None
    return doc.qualified(place) if place else doc


def format_id(text: str) -> str:
    """Canonical form of an identifier, or the text unchanged if it is not one."""
    doc = parse_id(text)
    return str(doc) if doc is not None else " ".join(text.split())


def plenum_name(plenum: int, term: str) -> str:
    """The standard name of a Central Committee plenum resolution."""
    return f"Nghị quyết Trung ương {plenum} khóa {term.upper()}"


_PLENUM_ID_RE = re.compile(r"^Nghị quyết Trung ương \d+ khóa [IVXL]+$")


def type_of(doc_id: str) -> str | None:
    """The type name of a canonical id: "05-CT/TW" → "Chỉ thị"."""
    if _PLENUM_ID_RE.match(doc_id):
        return "Nghị quyết"
    parsed = parse_id(doc_id)
    return parsed.type_name if parsed else None


def type_rank(type_name: str | None) -> int:
    try:
        return TYPE_ORDER.index(type_name or "")
    except ValueError:
        return len(TYPE_ORDER)


# ---------------------------------------------------------------- registry

_FIELDS = ("id", "title", "type", "issuer", "date", "aliases")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value) or None
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError("must be a date such as 2016-05-15")


def _document(entry: Any) -> Document:
    """One registry entry → a Document; ValueError says what is wrong."""
    if not isinstance(entry, dict):
        raise ValueError("each document must be a mapping with at least an 'id'")
    unknown = [str(k) for k in entry if k not in _FIELDS]
    if unknown:
        raise ValueError(f"unknown field '{unknown[0]}'; known: {', '.join(_FIELDS)}")
    raw_id = entry.get("id")
    if not isinstance(raw_id, str) or not raw_id.strip():
        raise ValueError("'id' must be text such as 05-CT/TW")
    doc_id = format_id(raw_id)
    for name in ("title", "type", "issuer"):
        if entry.get(name) is not None and not isinstance(entry[name], str):
            raise ValueError(f"'{name}' must be text")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ValueError("'aliases' must be a list of texts")
    date = None
    if entry.get("date") is not None:
        try:
            date = _date(entry["date"])
        except ValueError as exc:
            raise ValueError(f"'date' {exc}") from None
    return Document(
        id=doc_id,
        title=(entry.get("title") or "").strip() or None,
        type=(entry.get("type") or "").strip() or type_of(doc_id),
        issuer=(entry.get("issuer") or "").strip() or None,
        date=date,
        aliases=tuple(" ".join(a.split()) for a in aliases),
    )


@dataclass(frozen=True)
class Registry:
    """The known documents, looked up by id, alias or any spelling of an id."""

    documents: tuple[Document, ...] = ()
    type_order: tuple[str, ...] = TYPE_ORDER
    _index: Mapping[str, Document] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )
    # (type code, number) → documents, for citations without an issuer.
    _numbers: Mapping[tuple[str, str], tuple[Document, ...]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )
    # lookup's answers: an import asks for the same few ids in article after article.
    _looked_up: dict[str, Document | None] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def empty(cls) -> Registry:
        return cls()

    @classmethod
    def from_data(
        cls, data: Any, path: str, lines: Sequence[int | None] | None = None
    ) -> Registry:
        """Validate parsed registry data (a list of mappings).

        Every problem is reported at once, each with the entry's line when
        `lines` gives it. Raises RecordError, or ManyErrors for several.
        """
        if data is None:
            data = []
        if not isinstance(data, list):
            raise RecordError(path, "must be a list of documents (- id: 05-CT/TW …)", 1)
        errors: list[LuutruError] = []
        docs: list[Document] = []
        index: dict[str, Document] = {}
        for i, entry in enumerate(data):
            line = lines[i] if lines is not None and i < len(lines) else None
            try:
                doc = _document(entry)
            except ValueError as exc:
                errors.append(RecordError(path, f"document {i + 1}: {exc}", line))
                continue
            clash = None
            for name in (doc.id, *doc.aliases):
                key = _key(format_id(name))
                other = index.get(key)
                if other is not None and other.id != doc.id:
                    clash = f"'{name}' already names {other.id}"
                    break
                index[key] = doc
            if clash:
                errors.append(RecordError(path, f"document {doc.id}: {clash}", line))
                continue
            if any(d.id == doc.id for d in docs):
                errors.append(RecordError(path, f"document {doc.id} is listed twice", line))
                continue
            docs.append(doc)
        if errors:
            raise errors[0] if len(errors) == 1 else ManyErrors(errors)
        numbers: dict[tuple[str, str], tuple[Document, ...]] = {}
        for doc in docs:
            seen = set()
            for name in (doc.id, *doc.aliases):
                parsed = parse_id(name)
                if parsed is not None and (parsed.type, parsed.number) not in seen:
                    seen.add((parsed.type, parsed.number))
                    numbers[parsed.type, parsed.number] = (
                        *numbers.get((parsed.type, parsed.number), ()),
                        doc,
                    )
        return cls(
            documents=tuple(docs),
            _index=MappingProxyType(index),
            _numbers=MappingProxyType(numbers),
        )

    @classmethod
    def from_yaml(cls, text: str, path: str) -> Registry:
        """Parse and validate registry YAML text (e.g. content/documents.yaml)."""
        try:
            node = yaml.compose(text)
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise RecordError(path, f"invalid YAML: {getattr(exc, 'problem', exc)}", line) from None
        lines = None
        if isinstance(node, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 for item in node.value]
        return cls.from_data(data, path, lines)

    def get(self, doc_id: str) -> Document | None:
        return self._index.get(_key(doc_id))

    def lookup(self, text_or_id: str) -> Document | None:
        """The document that `text_or_id` names: its id, an alias, or an id
        written any common way ("Chỉ thị số 05/CT-TW", "Nghị quyết 04-NQ/TW")."""
        try:
            return self._looked_up[text_or_id]
        except KeyError:
            doc = self._looked_up[text_or_id] = self._lookup(text_or_id)
            return doc

    def _lookup(self, text_or_id: str) -> Document | None:
        doc = self._index.get(_key(text_or_id))
        if doc is not None:
            return doc
        parsed = parse_id(text_or_id)
        if parsed is None:
            for _, _, parsed in find_ids(text_or_id):
                break
        if parsed is not None:
            return self._index.get(_key(str(parsed)))
        return None

    def candidates(self, type_code: str, number: str) -> tuple[Document, ...]:
        """Known documents of this type and number ("CT", "05"), any issuer;
        for a citation that gives no issuer ("Chỉ thị 05")."""
        number = number.lstrip("0").zfill(2)
        found = (d for code in same_types(type_code) for d in self._numbers.get((code, number), ()))
        return tuple(dict.fromkeys(found))

    def resolve(self, doc_id: str) -> Document:
        """The registry's document, or one described from the id alone."""
        doc = self.lookup(doc_id)
        if doc is not None:
            return doc
        parsed = parse_id(doc_id)
        if parsed is None:
            return Document(id=doc_id, type=type_of(doc_id))
        return Document(
            id=doc_id, type=parsed.type_name, issuer=issuer_name(parsed.issuer, parsed.place)
        )

    def sort_key(self, doc: Document) -> tuple:
        """Chỉ thị first, then nghị quyết, quy định, kết luận, others; central
        before local; then by date and number."""
        parsed = parse_id(doc.id)
        local = 1 if parsed is not None and parsed.level != "central" else 0
        number = int(parsed.number) if parsed is not None else 0
        try:
            rank = self.type_order.index(doc.type or "")
        except ValueError:
            rank = len(self.type_order)
        return (rank, doc.type or "", local, doc.date or dt.date.min, number, doc.id)
