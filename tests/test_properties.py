"""Issue 6, the evidence: properties that hold for any input.

- Whatever the bytes of a raw file, import gives an Article or a LuutruError,
  never another exception (never a traceback for the user).
- The record import writes reads back as the same Article, and writes the
  same bytes again (Article → to_text → parse_record → to_text).
- Any Article whose texts are what import can produce (normalised, one line
  for names) survives the round trip, whatever characters it holds.
- Any line of plain text is shown on the page exactly as written.

tests/fuzz_loader.py runs the first property at scale (atheris, or
hypothesis with many more examples); so does this file, with
LUUTRU_PROPERTY_SCALE=N for N times the examples of each property:

    LUUTRU_PROPERTY_SCALE=100 pytest tests/test_properties.py --hypothesis-show-statistics
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luutru.content import escape_body, parse_record, to_text
from luutru.errors import LuutruError
from luutru.loader import load_article
from luutru.loader.decode import normalise
from luutru.markup import blocks_to_html, escape, to_html
from luutru.model import FLAGS, LEVELS, VIETNAM, Article, Block, Locality, Origin

SCALE = int(os.environ.get("LUUTRU_PROPERTY_SCALE", "1"))  # more examples for a long run
SOME = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of real pages, so that generated text reaches past the decoder.
FRAGMENTS = [
    "Phường Tân An sơ kết công tác xây dựng Đảng", "Ngày đăng 31/03/2021 | 16:31", "Thứ Hai, 17/10/2022",
    "Các tin khác", ">> Bài khác", "HNP - ", "(TTXVN) - ", "Chỉ thị 05", "Nghị quyết TW 4 (khóa", "05 - CT/TW",
    "Thu Hà", "Lượt xem: 1234", "Phường 9", "Quận ủy Long Biên", "IMG_3841.JPG", "",
    "Chiều nay, Đảng ủy phường Tân An tổ chức hội nghị sơ kết công tác xây dựng Đảng sáu tháng đầu năm.",
    "+ Một, tiếp tục lãnh đạo", "1. Thứ nhất", "- gạch", "# dấu thăng", "* sao", "> trích", "<script>alert(1)</script>",
    "title: 'x'", "---", "{: .caption}", "[05-CT/TW] {x} `y` *z* _w_ \\ &amp; &#12;", "\ufeff\u200b\xad", "ChØ thÞ sè 05",
]
LINES = st.one_of(st.text(max_size=80), st.sampled_from(FRAGMENTS))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1258", "latin-1"]


def import_bytes(data: bytes) -> Article | None:
    """What import does with one file's bytes: the Article its record holds."""
    try:
        return escape_body(load_article(data, "fuzz.txt"))
    except LuutruError:
        return None


def round_trips(article: Article) -> None:
    text = to_text(article)
    back = parse_record(text, "x.md")
    assert back == article
    assert to_text(back) == text  # the same record always writes the same bytes


@SOME
@given(st.lists(LINES, max_size=14), st.sampled_from(ENCODINGS))
# Found by tests/fuzz_loader.py: a title taken from a lead ending " ." kept a trailing space.
@example(["Theo kế hoạch, các đảng bộ phường Lam Hạ sẽ tổ chức học tập trong tháng 8 và các xã tổ chức .", "", "Thu Hiền"], "utf-8")
def test_any_text_imports_to_a_record_that_reads_back_the_same(lines, encoding):
    article = import_bytes("\n".join(lines).encode(encoding, errors="ignore"))
    if article is not None:
        round_trips(article)


@SOME
@given(st.binary(max_size=2000))
@example(b"\xff\xfe" + "Tiêu đề\n\nThân bài dài hơn một chút.".encode("utf-16-le") + b"\x00")
@example("Tiêu đề\r\rThân\x00 bài\x1b[31m có mã màu và NUL.".encode())
def test_any_bytes_import_to_a_record_or_a_luutru_error(data):
    article = import_bytes(data)
    if article is not None:
        round_trips(article)


@settings(max_examples=25 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(alphabet=string.ascii_lowercase + " .ăđ", min_size=1, max_size=12), st.binary(max_size=400) | st.lists(LINES, max_size=8).map(lambda x: "\n".join(x).encode())), max_size=4))
def test_import_files_on_disk_reports_and_goes_on(tmp_path_factory, files):
    """The whole import, files on disk and manifest included: a report, never an exception."""
    from luutru.config import Config
    from luutru.importer import import_files
    from luutru.registry import Registry

    root = tmp_path_factory.mktemp("p")
    (root / "tho").mkdir()
    for name, data in files:
        (root / "tho" / f"{name}.txt").write_bytes(data)
    report = import_files([root / "tho"], Config(root=root), Registry.empty())
    written = list((root / "content" / "articles").rglob("*.md"))
    assert len(written) == len(report.written)
    for path in written:
        parse_record(path.read_text(encoding="utf-8"), path)
    assert all(isinstance(e, LuutruError) for e in report.failed)


# ---------------------------------------------------- any Article at all


def _clean(text: str) -> str:
    """A name as import writes it: normalised, on one line, trimmed."""
    return " ".join(normalise(text).split())


NAME = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).map(_clean).filter(bool)
NAMES = st.lists(NAME, max_size=4, unique=True).map(tuple)
PLAIN = st.lists(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60), min_size=1, max_size=3)
BLOCK_TEXT = PLAIN.map(lambda lines: "\n".join(filter(None, (_clean(x) for x in lines)))).filter(bool).map(escape).filter(
    lambda t: t.strip() and "\n\n" not in t and t.split("\n")[-1].strip() != "{: .caption}"
)
WHEN = st.one_of(
    st.none(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)).map(lambda d: d.replace(microsecond=0, tzinfo=VIETNAM)),
    st.datetimes(dt.datetime(1950, 1, 1), dt.datetime(2100, 12, 31), timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5))])).map(lambda d: d.replace(microsecond=0)),
)
LOCALITY = st.one_of(
    st.none(),
    st.builds(Locality, NAME, st.none() | st.sampled_from(LEVELS), st.none() | NAME, st.none() | NAME),
)
ARTICLE = st.builds(
    Article,
    title=NAME,
    published=WHEN,
    author=st.none() | NAME,
    author_unit=st.none() | NAME,
    source=st.none() | NAME,
    section=st.none() | NAME,
    views=st.none() | st.integers(0, 10**12),
    locality=LOCALITY,
    places=NAMES,
    documents=NAMES,
    origin=st.none() | st.builds(Origin, NAME, st.text("0123456789abcdef", min_size=64, max_size=64)),
    slug=st.none() | st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True).filter(lambda s: len(s) < 60),
    flags=st.lists(st.sampled_from(FLAGS), unique=True, max_size=3).map(tuple),
    body=st.lists(st.tuples(st.sampled_from(["paragraph", "caption"]), BLOCK_TEXT).map(lambda kt: Block(*kt)), max_size=4).map(tuple),
)


@SOME
@given(ARTICLE)
@example(Article(title="null", author="true", source="2021-05-11", section="~", places=("- a", "'b'", '"c"', "d: e", "#f")))
@example(Article(title="a\x85b".replace("\x85", " "), author="\ufffe\uffff", source="\ue000", places=("\U0001f600",)))
def test_any_article_written_as_a_record_reads_back_the_same(article):
    round_trips(article)


# ---------------------------------------------------- shown as written

# Vietnamese letters and every character Markdown or HTML gives a meaning to.
SHOWN = st.text(
    alphabet="aăâđêôơưáàảãạ ĐÂƠ0123456789" + string.punctuation + "“”…–",
    min_size=1,
    max_size=50,
).map(lambda t: " ".join(t.split())).filter(bool)


def page_text(fragment: str) -> str:
    """What a reader sees of an HTML paragraph."""
    m = re.fullmatch(r'<p(?: class="caption")?>(.*)</p>', fragment, re.S)
    assert m, fragment
    return html.unescape(m.group(1))


@SOME
@given(SHOWN)
@example("+ Một, tiếp tục")
@example("1. Thứ nhất")
@example("- a # b > c * d")
@example("a  *b* _c_ `d` [e](f) ![g](h) \\ \\* {: .x}")
def test_any_line_of_plain_text_is_shown_as_written(text):
    source = escape(text)
    rendered = to_html(source)
    assert page_text(rendered) == text
    assert blocks_to_html((Block("paragraph", source),)) == rendered


@pytest.mark.parametrize("text", ["= 30 điểm thi đua", "| cột một | cột hai |"])
def test_a_line_starting_with_an_equals_sign_or_a_bar_is_shown_as_written(text):
    assert page_text(to_html(escape(text))) == text


def test_an_entity_typed_in_the_text_is_shown_as_written():
    assert page_text(to_html(escape("Viết &amp; và &copy; trong bài"))) == "Viết &amp; và &copy; trong bài"


def test_markdown_written_by_hand_cannot_run_script():
    rendered = to_html('Đoạn văn\n{: onmouseover="alert(1)" }\n\n[bấm](javascript:alert(1))\n\n[b][x]\n\n[x]: javascript:alert(2)')
    assert "onmouseover" not in rendered and "javascript:" not in rendered
