"""Records: an Article written to Markdown and read back is the same Article."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luutru.content import body_markdown, escape_body, parse_record, to_text
from luutru.errors import RecordError
from luutru.markup import blocks_to_html, to_html
from luutru.model import VIETNAM, Article, Block, Locality, Origin


def sample(**changes) -> Article:
    fields = dict(
        title="Thanh Xuân: Học tập và làm theo",
        published=dt.datetime(2021, 5, 11, 9, 41, tzinfo=VIETNAM),
        author="Thu Uyên",
        source="HNP",
        locality=Locality("Thanh Xuân", "quận", "Hà Nội"),
        places=("Nhân Chính", "Kim Giang"),
        documents=("05-CT/TW", "08-CT/TU Hà Nội"),
        body=(Block("paragraph", "Đoạn mở đầu."), Block("caption", "Đại biểu dự hội nghị"), Block("paragraph", "Đoạn hai.")),
        origin=Origin("seeds/a.txt", "ab" * 32),
    )
    fields.update(changes)
    return Article(**fields)


def test_record_round_trip_keeps_every_field():
    article = sample()
    assert parse_record(to_text(article), "x.md") == article


def test_the_same_record_always_writes_the_same_bytes():
    assert to_text(sample()) == to_text(parse_record(to_text(sample()), "x.md"))


def test_front_matter_reads_like_the_design():
    text = to_text(sample())
    assert "published: 2021-05-11T09:41+07:00\n" in text
    assert "locality: {name: Thanh Xuân, level: quận, province: Hà Nội}\n" in text
    assert "documents: [05-CT/TW, 08-CT/TU Hà Nội]\n" in text
    assert "section: null\n" in text  # empty fields are shown, so a person can fill them


def test_a_bare_date_stays_a_date():
    article = sample(published=dt.date(2021, 4, 28))
    text = to_text(article)
    assert "published: 2021-04-28\n" in text
    assert parse_record(text, "x.md").published == dt.date(2021, 4, 28)


def test_captions_are_marked_in_markdown_and_rendered_as_captions():
    text = to_text(sample())
    assert "Đại biểu dự hội nghị\n{: .caption}" in text
    html = to_html("Đại biểu dự hội nghị\n{: .caption}")
    assert html == '<p class="caption">Đại biểu dự hội nghị</p>'


@pytest.mark.parametrize(
    "title",
    ['Hội nghị: "tổng kết" # 2021', "- bắt đầu bằng gạch", "'nháy đơn'", "a: b: c", "[05-CT/TW] {x}", "@ & * ! %"],
)
def test_yaml_special_characters_in_titles_survive(title):
    assert parse_record(to_text(sample(title=title)), "x.md").title == title


@pytest.mark.parametrize(
    "line",
    ["+ Một, tiếp tục lãnh đạo", "1. Thứ nhất", "- gạch đầu dòng", "# không phải tiêu đề", "* sao", "> trích dẫn"],
)
def test_ordinary_text_that_looks_like_markdown_is_shown_as_written(line):
    record = escape_body(sample(body=(Block("paragraph", line),)))
    html = to_html(record.body[0].text)
    assert html.startswith("<p>") and "<li>" not in html and "<h1>" not in html and "<blockquote>" not in html
    assert line.replace(">", "&gt;") in html


def test_html_in_a_body_is_shown_as_text_never_run():
    record = escape_body(sample(body=(Block("paragraph", 'Xem <script>alert("x")</script> <b>đậm</b>'),)))
    html = to_html(record.body[0].text)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def record(front: str, body: str = "\nThân bài.\n") -> str:
    return f"---\n{front}---\n{body}"


def test_broken_yaml_names_file_and_line():
    with pytest.raises(RecordError) as e:
        parse_record(record("title: Tốt\npublished: [2021\n"), "content/articles/a.md")
    assert str(e.value).startswith("content/articles/a.md:")
    assert e.value.line in (2, 3, 4)


def test_missing_closing_fence_is_reported():
    with pytest.raises(RecordError, match="no closing '---'"):
        parse_record("---\ntitle: A\n\nThân bài", "a.md")


def test_a_list_where_a_date_belongs_is_reported_at_its_line():
    with pytest.raises(RecordError) as e:
        parse_record(record("title: A\npublished: [1, 2]\n"), "a.md")
    assert e.value.line == 3 and "published" in str(e.value)


def test_unknown_keys_are_reported_with_a_suggestion():
    with pytest.raises(RecordError) as e:
        parse_record(record("title: A\nauthr: B\n"), "a.md")
    assert "unknown key 'authr'" in str(e.value) and "author" in str(e.value) and e.value.line == 3


def test_a_slug_cannot_leave_its_folder():
    with pytest.raises(RecordError, match="slug"):
        parse_record(record("title: A\nslug: ../../x\n"), "a.md")


def test_a_title_is_required():
    with pytest.raises(RecordError, match="title"):
        parse_record(record("author: B\n"), "a.md")


def test_a_record_without_a_time_zone_is_vietnam_time():
    a = parse_record(record("title: A\npublished: 2021-05-11 09:41\n"), "a.md")
    assert a.published == dt.datetime(2021, 5, 11, 9, 41, tzinfo=VIETNAM)


# Vietnamese letters, digits, whitespace, every ASCII punctuation mark, the
# escapes import writes and a few entities, over several lines.
TOKENS = (
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐ0123456789 \n\t")
    + list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”…")
    + ["\\+", "\\*", "\\-", "\\>", "\\\\", "1\\.", "\\_", "\\[", "&amp;", "&#12;", "  \n"]
)
PROSE = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map("".join)


@given(st.lists(st.tuples(st.sampled_from(["paragraph", "caption"]), PROSE), min_size=1, max_size=4))
@settings(max_examples=400, deadline=None)
def test_the_fast_body_renderer_agrees_with_python_markdown(blocks):
    """Plain prose skips Python-Markdown; its HTML must be exactly what Python-Markdown gives."""
    blocks = tuple(Block(kind, text.strip("\n")) for kind, text in blocks if text.strip())
    if not blocks:
        return
    assert blocks_to_html(blocks) == to_html(body_markdown(blocks))


def test_escaped_imported_text_renders_like_python_markdown():
    record = escape_body(sample(body=(Block("paragraph", "+ Một, *đẩy mạnh* [1] <b> & 5_6"), Block("caption", "Ảnh"))))
    assert blocks_to_html(record.body) == to_html(body_markdown(record.body))
