"""Properties of the loader's normalisers, on generated input.

- a date (and time) written in any of the spellings portals use reads as
  one value;
- a document identifier written in any usual spelling reads as one id;
- whatever the text, `load_article` gives an Article or raises InputError,
  never anything else.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from luutru.errors import InputError
from luutru.loader import load_article
from luutru.loader.dates import header_date
from luutru.loader.documents import find_documents
from luutru.loader.legacy import _vni_sequences, from_tcvn3, repair, suspect_count
from luutru.loader.rules import Rules
from luutru.model import VIETNAM, Locality
from luutru.registry import format_id

RULES = Rules.default()
SCALE = int(os.environ.get("LUUTRU_PROPERTY_SCALE", "1"))  # N times the examples, for a long run (test_properties.py)
FAST = settings(max_examples=60 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ dates

WEEKDAYS = [  # Monday first, as date.weekday() counts
    ("Thứ Hai", "Thứ 2", "T2"),
    ("Thứ Ba", "Thứ 3", "T3"),
    ("Thứ Tư", "Thứ 4", "T4"),
    ("Thứ Năm", "Thứ 5", "T5"),
    ("Thứ Sáu", "Thứ 6", "T6"),
    ("Thứ Bảy", "Thứ 7", "T7"),
    ("Chủ nhật", "Chủ Nhật", "CN"),
]
LABELS = ["", "Ngày đăng: ", "Ngày đăng ", "Cập nhật: ", "Cập nhật lúc ", "Ngày cập nhật: ", "Đăng lúc ",
          "Publish date: ", "Ngày xuất bản: ", "Đăng ngày "]


@st.composite
def written_dates(draw):
    """(a date line in some spelling, the value it stands for)."""
    day = draw(st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 12, 31)))
    with_time = draw(st.booleans())
    hour, minute, second = draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    seconds = with_time and draw(st.booleans())
    d, m, y = day.day, day.month, day.year
    pad = draw(st.booleans())
    dd, mm = (f"{d:02d}", f"{m:02d}") if pad else (str(d), str(m))
    form = draw(st.sampled_from(["/", "-", ".", "words", "iso"]))
    if form == "words":
        date_text = f"ngày {d} tháng {m} năm {y}"
    elif form == "iso":
        date_text = f"{y}-{m:02d}-{d:02d}"
    else:
        date_text = f"{dd}{form}{mm}{form}{y}"
    value: dt.date | dt.datetime = day
    parts = [date_text]
    if with_time:
        clock = draw(st.sampled_from(["24", "h", "12", "giờ"]))
        sec = f":{second:02d}" if seconds and clock in ("24", "12") else ""
        if clock == "24":
            time_text = f"{hour:02d}:{minute:02d}{sec}"
        elif clock == "h":
            time_text = f"{hour}h{minute:02d}"
        elif clock == "giờ":
            time_text = f"{hour} giờ {minute:02d} phút"
        else:
            h12 = hour % 12 or 12
            marker = draw(st.sampled_from([("SA", "CH"), ("AM", "PM")]))[hour >= 12]
            time_text = f"{h12}:{minute:02d}{sec} {marker}"
        if not (seconds and clock in ("24", "12")):
            second = 0
        value = dt.datetime(y, m, d, hour, minute, second, tzinfo=VIETNAM)
        zone = draw(st.sampled_from(["", " (GMT+7)"]))
        if form == "iso" and clock == "24" and draw(st.booleans()):
            parts = [f"{date_text}T{time_text}{'+07:00' if zone else ''}"]
        elif draw(st.booleans()):
            parts = [time_text + zone, draw(st.sampled_from([" ", " - ", " | ", " ngày "])), date_text]
        else:
            parts = [date_text, draw(st.sampled_from([" ", " - ", " | ", ", ", " lúc "])), time_text + zone]
    weekday = draw(st.sampled_from(["", *WEEKDAYS[day.weekday()]]))
    label = draw(st.sampled_from(LABELS))
    line = label + (f"{weekday}, " if weekday else "") + "".join(parts)
    return line, value


@FAST
@given(written_dates())
def test_every_spelling_of_a_date_reads_as_one_value(case):
    line, value = case
    found = header_date(line, RULES)
    assert found is not None, line
    assert found.value == value, line
    assert type(found.value) is type(value), line  # a date stays a date, never midnight


@FAST
@given(written_dates())
def test_a_date_line_under_a_title_is_the_articles_date(case):
    line, value = case
    text = f"Phường Tân An sơ kết công tác xây dựng Đảng năm nay\n{line}\n\n" + (
        "Đảng ủy phường Tân An tổ chức hội nghị sơ kết công tác xây dựng Đảng, "
        "với sự tham dự của đông đảo cán bộ, đảng viên trong phường.\n"
    )
    assert load_article(text.encode("utf-8"), "x.txt").published == value


# -------------------------------------------------------------- documents

TYPES = {"CT": "Chỉ thị", "NQ": "Nghị quyết", "QĐ": "Quy định", "KL": "Kết luận", "HD": "Hướng dẫn",
         "KH": "Kế hoạch", "TB": "Thông báo", "CTr": "Chương trình", "QC": "Quy chế"}
LOCAL = {"TU": ("Tỉnh ủy", "Nghệ An"), "HU": ("Huyện ủy", "Kim Sơn"), "QU": ("Quận ủy", "Hải An"),
         "ĐU": ("Đảng ủy", "Tân An")}


@st.composite
def written_ids(draw):
    """(a sentence citing one document in some spelling, its canonical id)."""
    n = draw(st.integers(1, 399))
    code = draw(st.sampled_from(sorted(TYPES)))
    issuer = draw(st.sampled_from(["TW", *LOCAL]))
    number = f"{n:02d}"
    written = draw(st.sampled_from([str(n), f"{n:02d}", f"{n:03d}"]))
    spelling = draw(st.sampled_from(["{n}-{t}/{i}", "{n}/{t}-{i}", "{n} {t}/{i}", "{n} - {t}/{i}", "{n}-{t}/ {i}"]))
    ident = spelling.format(n=written, t=code, i=issuer)
    word = TYPES[code]
    prefix = draw(st.sampled_from([f"{word} số ", f"{word} ", ""]))
    canonical = f"{number}-{code}/{issuer}"
    after = ""
    if issuer != "TW":
        organ, place = LOCAL[issuer]
        if draw(st.booleans()):
            after = f" của {organ} {place}"
        canonical = f"{canonical} {place}"
    if draw(st.booleans()):
        after += f" ngày {draw(st.integers(1, 28))}/{draw(st.integers(1, 12))}/2016"
    return f"Các cấp ủy tiếp tục thực hiện {prefix}{ident}{after} trong năm nay.", canonical


LOCALITY = Locality("Tân An", "phường", "Nghệ An", "Kim Sơn")


def _place_of(canonical: str) -> Locality:
    """The article's locality that a local id without its organ named falls back on."""
    place = canonical.split(" ", 1)[1] if " " in canonical else None
    if place == "Nghệ An":
        return Locality("Nghệ An", "tỉnh", "Nghệ An")
    if place in ("Kim Sơn", "Hải An"):
        return Locality(place, "huyện", "Nghệ An")
    return LOCALITY


@FAST
@given(written_ids())
def test_every_spelling_of_an_identifier_reads_as_one_id(case):
    text, canonical = case
    assert find_documents([text], locality=_place_of(canonical)) == (canonical,), text


@FAST
@given(st.integers(1, 99), st.sampled_from(["CT", "NQ", "QĐ", "KL"]), st.sampled_from(["word", "số", "abbr"]))
def test_a_short_citation_takes_the_full_id_given_in_the_article(n, code, form):
    full = f"{n:02d}-{code}/TW"
    short = {"word": f"{TYPES[code]} {n}", "số": f"{TYPES[code]} số {n:02d}", "abbr": f"{code} {n}"}[form]
    text = f"Thực hiện {TYPES[code]} {full} của Bộ Chính trị. Việc thực hiện {short} đã đi vào nền nếp."
    assert find_documents([text]) == (full,), text


ROMAN = {11: "XI", 12: "XII", 13: "XIII"}
WORDS = {1: "nhất", 2: "hai", 3: "ba", 4: "tư", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}


@FAST
@given(st.integers(1, 10), st.sampled_from(sorted(ROMAN)), st.integers(0, 5))
def test_every_name_of_a_plenum_resolution_reads_as_one(plenum, term, form):
    roman = ROMAN[term]
    written = [
        f"Nghị quyết Trung ương {plenum} khóa {roman}",
        f"Nghị quyết Trung ương {plenum} khoá {roman}",
        f"NQ TW{plenum} khóa {roman}",
        f"Nghị quyết TW {plenum} ({roman})",
        f"Nghị quyết Hội nghị Trung ương {plenum} (khóa {term})",
        f"Nghị quyết Hội nghị lần thứ {WORDS[plenum]} Ban Chấp hành Trung ương Đảng khóa {roman}",
    ][form]
    assert find_documents([f"Các cấp ủy quán triệt {written} về xây dựng Đảng."]) == (
        f"Nghị quyết Trung ương {plenum} khóa {roman}",
    ), written


@FAST
@given(written_ids())
def test_format_id_is_stable(case):
    _, canonical = case
    assert format_id(canonical) == canonical
    assert format_id(format_id(canonical)) == canonical


# ----------------------------------------------------- legacy encodings

VIETNAMESE = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐbcdghklmnpqrstvx"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
WORDS_OF_TEXT = (
    "Đảng ủy phường tổ chức hội nghị sơ kết công tác xây dựng năm Chỉ thị Bộ Chính trị học tập và làm "
    "theo tư tưởng đạo đức phong cách Hồ Chí Minh cán bộ đảng viên nhân dân thực hiện nghiêm túc"
).split()
SYLLABLES = st.lists(st.sampled_from(WORDS_OF_TEXT), min_size=1, max_size=40).map(" ".join)
# A converter starts only on a few words' worth of legacy characters.
SENTENCES = st.lists(st.sampled_from(WORDS_OF_TEXT), min_size=12, max_size=40).map(" ".join)


@FAST
@given(SYLLABLES)
def test_unicode_vietnamese_is_never_converted(text):
    assert repair(text) == text
    assert repair(text.upper()) == text.upper()


@FAST
@given(SENTENCES)
def test_vietnamese_typed_in_a_legacy_font_comes_back(text):
    tcvn3 = "".join(TO_TCVN3.get(ch, ch) for ch in text.lower())
    vni = "".join(TO_VNI.get(ch, ch) for ch in text)
    # The converters start on a few characters that only legacy fonts
    # produce (a real paragraph has dozens); "sô sô sô" alone has none.
    assume(suspect_count(tcvn3) >= 2 and suspect_count(vni) >= 2)
    assert repair(tcvn3 + "\n" + tcvn3) == text.lower() + "\n" + text.lower()
    assert repair(vni + "\n" + vni) == text + "\n" + text


TO_TCVN3 = {v: k for k, v in ((chr(b), from_tcvn3(chr(b))) for b in range(0xA1, 0x100)) if k != v}
TO_VNI = {}
for _seq, _letter in sorted(_vni_sequences().items(), key=lambda kv: -len(kv[0])):
    TO_VNI.setdefault(_letter, _seq)


# -------------------------------------------------- never an unexpected error

FRAGMENTS = [
    "Phường Tân An sơ kết công tác xây dựng Đảng", "Ngày đăng 31/03/2021 | 16:31", "Thứ Hai, 17/10/2022",
    "Hôm nay, Thứ Ba, 18/10/2022", "Các tin khác", "Tin liên quan", ">> Bài khác", "Xem thêm: bài khác",
    "HNP - ", "(TTXVN) - ", "Chỉ thị 05", "Nghị quyết TW 4 (khóa", "NQ TW4", "Quy định 08", "05 - CT/TW",
    "Thu Hà", "Hồng Nhung (TTXVN)", "BBT", "(09:41 11/05/2021)", "IMG_3841.JPG", "Cỡ chữ: A- A A+",
    "ChØ thÞ sè 05-CT/TW", "Chæ thò soá 05", "Phường 9", "TP.HCM", "Quận ủy Long Biên", "\ufffd?\ufffd",
    "Sáng 31/3/2021, Quận ủy tổ chức hội nghị.", "ngày 30 tháng 12 năm 2021", "\u00ad\u00b5\u00b8",
]


@FAST
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from(FRAGMENTS)), max_size=14))
def test_any_text_gives_an_article_or_an_input_error(lines):
    try:
        a = load_article("\n".join(lines).encode("utf-8"), "fuzz.txt")
    except InputError:
        return
    assert isinstance(a.title, str)


@FAST
@given(st.lists(st.one_of(st.text(max_size=60), st.sampled_from(FRAGMENTS)), max_size=10),
       st.sampled_from(["utf-8", "utf-16", "utf-16-be", "cp1258", "latin-1"]))
def test_any_text_in_any_encoding_gives_an_article_or_an_input_error(lines, encoding):
    try:
        load_article("\n".join(lines).encode(encoding, errors="ignore"), "fuzz.txt")
    except InputError:
        pass
