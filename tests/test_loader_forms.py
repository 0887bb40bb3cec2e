"""The common forms a copied news page takes, one short example each.

All texts are written for these tests; names and events are invented.
"""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luutru.errors import ConfigError, InputError, ManyErrors, RecordError
from luutru.loader import load_article
from luutru.loader.decode import decode
from luutru.loader.documents import find_documents
from luutru.loader.rules import Rules
from luutru.model import VIETNAM, Locality
from luutru.registry import Registry, doc_type_name, format_id, issuer_name, parse_id

LEAD = (
    "Chiều nay, Đảng ủy phường Tân An tổ chức hội nghị sơ kết công tác xây dựng Đảng "
    "sáu tháng đầu năm, với sự tham dự của đông đảo cán bộ, đảng viên trong phường."
)
MORE = (
    "Các đại biểu đã thảo luận nhiều giải pháp nâng cao chất lượng sinh hoạt chi bộ, "
    "tăng cường kiểm tra, giám sát và phát huy vai trò nêu gương của người đứng đầu."
)
TITLE = "Phường Tân An sơ kết công tác xây dựng Đảng"


def load(text: str, **kwargs):
    return load_article(text.encode("utf-8"), "test.txt", **kwargs)


def page(*header: str, body: tuple[str, ...] = (LEAD, MORE), tail: tuple[str, ...] = ()) -> str:
    return "\n".join([*header, "", *"\n\n".join(body).split("\n"), "", *tail])


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VIETNAM)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ngày đăng 31/03/2021 | 16:31 | Lượt xem: 2521", at(2021, 3, 31, 16, 31)),
        ("Ngày đăng: 31-03-2021 16:31", at(2021, 3, 31, 16, 31)),
        ("Cập nhật lúc 09:41 (GMT+7) ngày 11/05/2021", at(2021, 5, 11, 9, 41)),
        ("Cập nhật: 11.05.2021 9h41", at(2021, 5, 11, 9, 41)),
        ("Đăng lúc 4:31 CH 31/03/2021", at(2021, 3, 31, 16, 31)),
        ("Đăng lúc 9:05 SA 31/03/2021", at(2021, 3, 31, 9, 5)),
        ("Đăng lúc 12:10 SA 31/03/2021", at(2021, 3, 31, 0, 10)),
        ("Đăng lúc 12:10 CH 31/03/2021", at(2021, 3, 31, 12, 10)),
        ("31/03/2021 04:31:05 PM", at(2021, 3, 31, 16, 31, 5)),
        ("Thứ Năm, 13/05/2021 - 09:41", at(2021, 5, 13, 9, 41)),
        ("Thứ 3, Ngày 07/07/2015, 08:10", at(2015, 7, 7, 8, 10)),
        ("Chủ nhật, 04/07/2021 10:00 (GMT+7)", at(2021, 7, 4, 10, 0)),
        ("Thứ Năm, ngày 30 tháng 12 năm 2021", dt.date(2021, 12, 30)),
        ("Ngày cập nhật 28/04/2021", dt.date(2021, 4, 28)),
        ("11/05/2021", dt.date(2021, 5, 11)),
    ],
)
def test_date_lines(line, expected):
    got = load(page(TITLE, line)).published
    assert got == expected
    assert type(got) is type(expected)  # a date stays a date, never midnight


def test_other_time_zones_are_kept():
    got = load(page(TITLE, "Cập nhật 09:41 (GMT+8) 11/05/2021")).published
    assert got.utcoffset() == dt.timedelta(hours=8)
    assert got == dt.datetime(2021, 5, 11, 1, 41, tzinfo=dt.timezone.utc)


def test_iso_timestamps():
    got = load(page(TITLE, "Ngày đăng 2021-05-11T09:41:00+07:00")).published
    assert got == at(2021, 5, 11, 9, 41)


def test_title_carrying_its_time_and_date():
    a = load(page(f"{TITLE} (09:41 11/05/2021)"))
    assert a.title == TITLE
    assert a.published == at(2021, 5, 11, 9, 41)


def test_a_date_in_the_title_is_not_the_date():
    title = "Kỷ niệm 131 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2021)"
    a = load(page(title, "Ngày đăng 18/05/2021"))
    assert a.title == title
    assert a.published == dt.date(2021, 5, 18)


def test_a_title_mentioning_a_day_is_a_title():
    a = load(page("Lễ kỷ niệm ngày 19/5/2021 tại phường Tân An", "Cập nhật 20/05/2021 08:00"))
    assert a.title == "Lễ kỷ niệm ngày 19/5/2021 tại phường Tân An"
    assert a.published == at(2021, 5, 20, 8, 0)


def test_the_header_date_wins_over_the_event_date():
    lead = "Sáng 01/4/2021, Quận ủy tổ chức hội nghị sơ kết công tác tuyên giáo quý I."
    a = load(page(TITLE, "Ngày đăng 02/04/2021 15:30", body=(lead, MORE)))
    assert a.published == at(2021, 4, 2, 15, 30)
    assert "date-from-body" not in a.flags


def test_without_a_header_date_the_event_date_stands_in():
    lead = "Sáng 31/3/2021, Quận ủy tổ chức hội nghị sơ kết công tác tuyên giáo quý I."
    a = load(page(TITLE, body=(lead, MORE)))
    assert a.published == dt.date(2021, 3, 31)
    assert "date-from-body" in a.flags


def test_a_document_date_is_not_the_event_date():
    lead = "Thực hiện Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, phường đã làm nhiều việc."
    a = load(page(TITLE, body=(lead, MORE)))
    assert a.published is None
    assert "no-date" in a.flags


# ----------------------------------------------------------------- header


def test_section_before_the_title():
    a = load(page("Tin tức - Sự kiện", TITLE, "Ngày đăng 02/04/2021"))
    assert (a.section, a.title) == ("Tin tức - Sự kiện", TITLE)


def test_section_glued_to_the_date_line():
    a = load(page("Hoạt động Đảng - Đoàn thểThứ 3, Ngày 07/07/2015, 08:10", "", TITLE.upper()))
    assert a.section == "Hoạt động Đảng - Đoàn thể"
    assert a.title == TITLE.upper()  # capitals kept as written
    assert a.published == at(2015, 7, 7, 8, 10)


def test_sharepoint_and_search_furniture_before_the_header():
    a = load(page("Skip Ribbon Commands", "Skip to main content", "Tìm kiếm thông tin", TITLE, "11/05/2021"))
    assert a.title == TITLE
    assert a.section is None


def test_view_counter_at_the_foot_of_the_page():
    a = load(page(TITLE, "11/05/2021", tail=("Phương Nam", "", "Số lượt người xem: 1.077Bản in Quay lại")))
    assert a.views == 1077
    assert a.author == "Phương Nam"


def test_without_a_title_the_lead_stands_in():
    a = load(page(body=(LEAD, MORE)))
    assert a.title.startswith("Chiều nay, Đảng ủy phường Tân An tổ chức hội nghị")
    assert "title-from-lead" in a.flags


def test_a_navigation_menu_above_the_title():
    menu = ("Giới thiệu", "Tin tức", "Văn bản", "Thủ tục hành chính", "Liên hệ", "Hỏi đáp")
    a = load(page(*menu, TITLE, "Cập nhật: 12/11/2016 10:15"))
    assert a.title == TITLE
    a = load(page(*menu, TITLE))
    assert a.title == TITLE


def test_a_date_in_the_body_is_not_the_header_date():
    a = load(page(TITLE, body=(LEAD, MORE, "12/11/2016", MORE)))
    assert a.published is None
    assert "12/11/2016" in a.paragraphs


def test_breadcrumb_gives_its_last_part_as_section():
    a = load(page("Trang chủ » Tin tức » Xây dựng Đảng", TITLE, "Đăng lúc: 10:15 - 12/11/2016"))
    assert (a.section, a.title) == ("Xây dựng Đảng", TITLE)
    assert a.published == at(2016, 11, 12, 10, 15)


def test_joomla_style_date_line():
    a = load(page(TITLE, "Được đăng ngày Thứ năm, 12 Tháng 11 2015 10:15"))
    assert a.published == at(2015, 11, 12, 10, 15)


def test_a_sapo_between_title_and_date_line_is_the_lead():
    sapo = (
        "Đảng ủy phường Tân An vừa sơ kết công tác xây dựng Đảng sáu tháng đầu năm, "
        "đánh giá kết quả và đề ra nhiệm vụ trọng tâm cho những tháng cuối năm."
    )
    a = load(page(TITLE, sapo, "Cập nhật: 12/11/2016 10:15", body=(MORE,)))
    assert a.title == TITLE
    assert a.paragraphs == (sapo, MORE)
    assert a.published == at(2016, 11, 12, 10, 15)


def test_view_count_written_after_the_number():
    assert load(page(TITLE, "12/11/2016 10:15 | 2.521 lượt xem")).views == 2521


def test_a_labelled_byline_under_the_title():
    a = load(page(TITLE, "Tác giả: Thu Hà", "Ngày đăng 12/11/2016"))
    assert (a.title, a.author) == (TITLE, "Thu Hà")
    assert a.paragraphs == (LEAD, MORE)


# ------------------------------------------------------------------- body


def test_source_tag_opens_the_lead():
    a = load(page(TITLE, body=(f"HNP - {LEAD}", MORE)))
    assert a.source == "HNP"
    assert a.paragraphs[0] == LEAD


@pytest.mark.parametrize("tag", ["(TTXVN) - ", "VOV - ", "(Chinhphu.vn) – "])
def test_other_source_tags(tag):
    a = load(page(TITLE, body=(tag + LEAD, MORE)))
    assert a.source == tag.strip(" -–()")
    assert a.paragraphs[0] == LEAD


def test_dateline_before_the_source_tag():
    a = load(page(TITLE, body=(f"Hà Nội (TTXVN) - {LEAD}", MORE)))
    assert a.source == "TTXVN"
    assert a.paragraphs[0] == LEAD


def test_closing_source_line():
    a = load(page(TITLE, tail=("Thu Hà", "Nguồn: Báo Tân An")))
    assert (a.source, a.author) == ("Báo Tân An", "Thu Hà")
    assert a.paragraphs == (LEAD, MORE)


def test_photo_credit_lines_are_captions():
    a = load(page(TITLE, body=(LEAD, "Ảnh minh họa", MORE)))
    assert a.captions == ("Ảnh minh họa",)


def test_hard_wrapped_text_is_joined_into_paragraphs():
    words = (LEAD + " " + MORE + " " + LEAD).split()
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) > 70:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    a = load(page(TITLE, body=("\n".join(lines),)))
    assert a.captions == ()
    assert " ".join(a.paragraphs) == " ".join(words)


def test_captions_between_paragraphs():
    caption = "Đồng chí Trần Văn Bình - Bí thư Đảng ủy phường phát biểu tại hội nghị"
    a = load(page(TITLE, body=(LEAD, caption, MORE)))
    assert a.captions == (caption,)
    assert a.paragraphs == (LEAD, MORE)


def test_a_caption_wrapped_over_two_lines():
    a = load(page(TITLE, body=(LEAD, "Ông Lê Văn Tâm trao giấy khen\ncho các chi bộ tiêu biểu", MORE)))
    assert a.captions == ("Ông Lê Văn Tâm trao giấy khen cho các chi bộ tiêu biểu",)


def test_a_short_subheading_stays_a_paragraph():
    a = load(page(TITLE, body=(LEAD, "Nhiều cách làm hay", MORE)))
    assert a.captions == ()
    assert "Nhiều cách làm hay" in a.paragraphs


def test_a_lead_without_full_stop_is_not_a_caption():
    lead = "Sáng 31/3/2021, Đảng ủy phường Tân An tổ chức hội nghị sơ kết, biểu dương các tập thể"
    a = load(page(TITLE, body=(lead, MORE)))
    assert a.paragraphs[0] == lead


def test_gallery_intro_is_dropped_and_its_lines_are_captions():
    a = load(page(TITLE, body=(LEAD, MORE, "Một số hình ảnh tại hội nghị:", "Đại biểu dự họp", "Quang cảnh buổi lễ")))
    assert a.paragraphs[-1] == MORE
    assert a.captions == ("Đại biểu dự họp", "Quang cảnh buổi lễ")


def test_other_articles_after_the_cut_marker_are_furniture():
    teaser = "Chiều ngày 21/6/2021, Trung tâm Y tế quận tổ chức tập huấn phòng chống dịch..."
    a = load(page(TITLE, tail=("Lan Anh", "Các tin khác", teaser, "Truy câp tổng 6.407.820")))
    assert a.paragraphs == (LEAD, MORE)
    assert a.author == "Lan Anh"


def test_comment_form_and_damaged_captcha_are_furniture():
    tail = ("Các bài mới đăng", "Viết bình luận", "Họ tên:(*)", "Mã xác nhận:   L?y l?i m\ufffd b?o m?t")
    a = load(page(TITLE, tail=tail))
    assert a.paragraphs == (LEAD, MORE)


def test_a_paragraph_cut_upstream_keeps_its_text():
    a = load(page(TITLE, body=(LEAD, MORE[:-1] + "\ufffd")))
    assert a.paragraphs[-1] == MORE[:-1]


def test_nbsp_and_zero_width_characters_become_plain_text():
    a = load(page(TITLE, body=(LEAD.replace(" ", "\u00a0", 3), "\u200b" + MORE)))
    assert a.paragraphs == (LEAD, MORE)


# ---------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("line", "author", "unit"),
    [
        ("Thu Hà", "Thu Hà", None),
        ("Tác giả: Thu Hà", "Thu Hà", None),
        ("Hoài Trang - Ban Tuyên giáo", "Hoài Trang", "Ban Tuyên giáo"),
        ("Minh Anh (CTV)", "Minh Anh", None),
        ("Minh Anh (Trung tâm Văn hóa quận)", "Minh Anh", "Trung tâm Văn hóa quận"),
        ("NGUYỄN MINH ANH", "NGUYỄN MINH ANH", None),  # capitals kept as written
        ("   Thu Hà   ", "Thu Hà", None),
        ("Bài, ảnh: N.T.Hà", "N.T.Hà", None),
        ("Viết bởi Thu Hà", "Thu Hà", None),
        ("Thu Hà - Minh Anh", "Thu Hà - Minh Anh", None),
        ("Thu Hà - TTXVN", "Thu Hà", None),  # an agency is the source, below
        ("NGUYỄN THU HÀ - TRẦN MINH ANH", "NGUYỄN THU HÀ - TRẦN MINH ANH", None),
        ("Bài: Ngọc Mai - Ảnh: Đức Anh", "Ngọc Mai", None),
    ],
)
def test_bylines(line, author, unit):
    a = load(page(TITLE, tail=(line,)))
    assert (a.author, a.author_unit) == (author, unit)
    assert a.paragraphs == (LEAD, MORE)


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [("Thu Hà - TTXVN", "Thu Hà", "TTXVN"), ("Hồng Nhung (TTXVN)", "Hồng Nhung", "TTXVN"), ("QĐND", None, "QĐND")],
)
def test_an_agency_in_the_byline_is_the_source(line, author, source):
    a = load(page(TITLE, tail=(line,)))
    assert (a.author, a.source) == (author, source)
    assert a.paragraphs == (LEAD, MORE)


@pytest.mark.parametrize("line", ["BBT", "PV", "Super User", "Ban Tuyên giáo"])
def test_signatures_that_name_no_person(line):
    a = load(page(TITLE, tail=(line,)))
    assert (a.author, a.source) == (None, None)
    assert a.paragraphs == (LEAD, MORE)


def test_a_closing_caption_is_not_a_byline():
    a = load(page(TITLE, body=(LEAD, MORE, "Các đại biểu chụp ảnh lưu niệm")))
    assert a.author is None
    assert a.captions == ("Các đại biểu chụp ảnh lưu niệm",)


# -------------------------------------------------------------- documents


def docs(text: str, **kwargs) -> tuple[str, ...]:
    return find_documents([text], **kwargs)


REGISTRY = Registry.from_data(
    [
        {"id": "05-CT/TW", "issuer": "Bộ Chính trị", "date": "2016-05-15"},
        {"id": "Nghị quyết Trung ương 4 khóa XII", "aliases": ["04-NQ/TW"]},
        {"id": "Nghị quyết Trung ương 4 khóa XI", "aliases": ["12-NQ/TW"]},
    ],
    "documents.yaml",
)


@pytest.mark.parametrize(
    "written",
    ["Chỉ thị số 05-CT/TW", "Chỉ thị 05-CT/TW", "05/CT-TW", "05 CT/TW", "05 - CT/TW", "Chỉ thị số 5-CT/TW"],
)
def test_spellings_of_an_identifier(written):
    assert docs(f"Đảng bộ tiếp tục thực hiện {written} trong năm nay.") == ("05-CT/TW",)


@pytest.mark.parametrize("short", ["Chỉ thị 05", "Chỉ thị số 05", "CT 05"])
def test_short_citations_take_the_full_id_from_the_article(short):
    text = f"Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị. Việc thực hiện {short} đi vào nền nếp."
    assert docs(text) == ("05-CT/TW",)


def test_short_citation_completed_by_the_issuer_named():
    assert docs("Kết quả 5 năm thực hiện Chỉ thị 05 của Bộ Chính trị.") == ("05-CT/TW",)


def test_short_citation_completed_by_the_registry():
    assert docs("Việc thực hiện Chỉ thị 05 đi vào nền nếp.", registry=REGISTRY) == ("05-CT/TW",)


def test_short_citation_alone_is_not_guessed():
    assert docs("Việc thực hiện Chỉ thị 05 đi vào nền nếp.") == ()


def test_counts_are_not_citations():
    assert docs("Thực hiện Nghị quyết 12 năm qua, Chỉ thị 5 nội dung.", registry=REGISTRY) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết Đại hội XIII của Đảng",
        "Nghị quyết Đại hội Đảng các cấp",
        "Nghị quyết đại hội Đảng bộ quận lần thứ VI",
        "Cuộc vận động “Học tập và làm theo tấm gương đạo đức Hồ Chí Minh”",
        "các chỉ thị, nghị quyết của Đảng",
    ],
)
def test_things_that_are_not_documents(text):
    assert docs(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị quyết TW 4 (khóa XI, XII)", {"khóa XI", "khóa XII"}),
        ("Nghị quyết Trung ương 4 (XII)", {"khóa XII"}),
        ("Nghị quyết Trung ương 4 (khóa XI, khóa XII)", {"khóa XI", "khóa XII"}),
        ("Nghị quyết Trung ương 4 khoá XII", {"khóa XII"}),
        ("Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII", {"khóa XII"}),
        ("NQ TW4 khóa XII", {"khóa XII"}),
    ],
)
def test_plenum_resolutions_by_name(text, expected):
    assert set(docs(f"Gắn với thực hiện {text} về xây dựng Đảng.")) == {
        f"Nghị quyết Trung ương 4 {term}" for term in expected
    }


def test_a_plenum_resolution_by_number_takes_its_name_from_the_registry():
    assert docs("Thực hiện Nghị quyết 04-NQ/TW.", registry=REGISTRY) == ("Nghị quyết Trung ương 4 khóa XII",)
    assert docs("Thực hiện Nghị quyết 04-NQ/TW.") == ("04-NQ/TW",)


def test_local_documents_take_the_issuer_named():
    text = "Chỉ thị số 08-CT/TU ngày 26/5/2016 của Thành ủy Hà Nội về trật tự đô thị."
    assert docs(text) == ("08-CT/TU Hà Nội",)


def test_local_documents_take_the_articles_locality():
    ward = Locality("Tân An", "phường", "Cần Thơ", "Ninh Kiều")
    text = "Nghị quyết số 06-NQ/QU của Quận ủy; Chỉ thị 02-CT/TU; Kế hoạch 15-KH/ĐU."
    assert docs(text, locality=ward) == ("06-NQ/QU Ninh Kiều", "02-CT/TU Cần Thơ", "15-KH/ĐU Tân An")


def test_local_documents_without_a_locality_stay_unqualified():
    assert docs("Nghị quyết số 06-NQ/QU của Quận ủy.") == ("06-NQ/QU",)


def test_party_regulations_and_state_documents():
    text = "Theo Quy định 124-QĐ/TW, Nghị định 15/2020/NĐ-CP và Quyết định số 1234/QĐ-TTg."
    assert docs(text) == ("124-QĐ/TW", "15/2020/NĐ-CP", "1234/QĐ-TTg")


def test_documents_are_found_in_title_and_captions_too():
    a = load(page(f"Sơ kết Chỉ thị 05-CT/TW tại {TITLE}", "11/05/2021"))
    assert a.documents == ("05-CT/TW",)


def test_an_article_citing_nothing_is_flagged():
    assert "no-documents" in load(page(TITLE, "11/05/2021")).flags


# -------------------------------------------------------------- encodings


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors wrote it: base letter + tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tone = next(m for m in marks if m in TONE_MARKS)  # the rest stay on the base
            marks.remove(tone)
            out += unicodedata.normalize("NFC", base + "".join(marks)).encode("cp1258")
            out += tone.encode("cp1258")
    return bytes(out)


TEXT = page(TITLE, "Ngày đăng 02/04/2021", tail=("Thu Hà",))


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
        to_cp1258(TEXT),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-nobom", "utf16be-nobom", "crlf", "cr", "cp1258", "nfd"],
)
def test_encodings_give_the_same_article(data):
    a = load_article(data, "x.txt")
    assert a.title == TITLE
    assert a.paragraphs == (LEAD, MORE)
    assert a.author == "Thu Hà"
    assert a.published == dt.date(2021, 4, 2)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\r\n  ",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"%PDF-1.7 binary",
        bytes(range(256)) * 8,
        b"\x00\x01\x02\x03" * 100,
        "12345 --- ///".encode(),
        "Trang chủ\nTìm kiếm\nSkip to main content\n".encode(),
    ],
    ids=["empty", "blank", "png", "pdf", "random", "nul", "no-letters", "only-furniture"],
)
def test_unusable_input_is_an_input_error(data):
    with pytest.raises(InputError) as err:
        load_article(data, "bad.txt")
    assert err.value.path == "bad.txt"


def test_decode_reports_the_line_of_broken_utf16():
    data = codecs.BOM_UTF16_LE + "dòng một\ndòng hai\n".encode("utf-16-le") + b"\x00\xdc"
    with pytest.raises(InputError) as err:
        decode(data, "x.txt")
    assert err.value.line == 3


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_any_bytes_give_an_article_or_an_input_error(data):
    try:
        load_article(data, "fuzz.txt")
    except InputError:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from([TITLE, LEAD, MORE, "", "Ngày đăng 31/03/2021 | 16:31", "Các tin khác",
                             "HNP - ", "Chỉ thị 05", "Nghị quyết TW 4 (khóa", "Thu Hà", "(09:41 11/05/2021)"]),
        ),
        max_size=12,
    )
)
def test_any_text_gives_an_article_or_an_input_error(lines):
    try:
        a = load("\n".join(lines))
    except InputError:
        return
    assert isinstance(a.title, str)


# ------------------------------------------------------------------ rules


def test_site_rules_extend_the_defaults():
    rules = Rules.merged({"furniture_lines": ["Chuyên mục ảnh"], "sources": {"BTN": "Tây Ninh"}}, "luutru.yaml")
    assert "Chuyên mục ảnh" in rules.furniture_lines
    assert "Skip to main content" in rules.furniture_lines
    assert rules.province_for("BTN") == "Tây Ninh"
    assert rules.province_for("HNP") == "Hà Nội"
    a = load(page(TITLE, "11/05/2021", "Chuyên mục ảnh"), rules=rules)
    assert "Chuyên mục ảnh" not in a.paragraphs


def test_site_cut_marker():
    rules = Rules.merged({"cut_markers": ["Đọc tiếp"]}, "luutru.yaml")
    a = load(page(TITLE, tail=("Đọc tiếp", "Một bài khác hoàn toàn về giao thông đô thị trong mùa mưa bão.")), rules=rules)
    assert a.paragraphs == (LEAD, MORE)


@pytest.mark.parametrize(
    "mapping",
    [{"furnitur_lines": ["x"]}, {"furniture_lines": "x"}, {"caption_max_chars": "long"}, {"sources": ["HNP"]}],
)
def test_bad_loader_settings_are_config_errors(mapping):
    with pytest.raises(ConfigError) as err:
        Rules.merged(mapping, "luutru.yaml")
    assert err.value.path == "luutru.yaml"


# --------------------------------------------------------------- registry


def test_identifiers():
    assert str(parse_id("05/CT-TW")) == "05-CT/TW"
    assert format_id("Chỉ thị số 5 - CT/TW") == "05-CT/TW"
    assert format_id("08-CT/TU Hà Nội") == "08-CT/TU Hà Nội"
    assert parse_id("15/5/2016") is None
    assert doc_type_name("CT") == "Chỉ thị"
    assert doc_type_name("CTr") == "Chương trình"
    assert doc_type_name("QĐ", "state") == "Quyết định"
    assert issuer_name("TU", "Hà Nội") == "Thành ủy Hà Nội"
    assert issuer_name("TU", "Nghệ An") == "Tỉnh ủy Nghệ An"
    assert issuer_name("QU", "Thanh Xuân") == "Quận ủy Thanh Xuân"
    assert issuer_name("BTGTW") == "Ban Tuyên giáo Trung ương"


def test_registry_lookup_by_any_spelling():
    assert REGISTRY.lookup("Chỉ thị số 05/CT-TW").id == "05-CT/TW"
    assert REGISTRY.lookup("Nghị quyết 04-NQ/TW").id == "Nghị quyết Trung ương 4 khóa XII"
    assert REGISTRY.lookup("nghị quyết trung ương 4 khoá xii").id == "Nghị quyết Trung ương 4 khóa XII"
    assert REGISTRY.lookup("09-CT/TW") is None
    assert REGISTRY.get("05-CT/TW").date == dt.date(2016, 5, 15)


def test_registry_orders_types_for_the_site():
    reg = Registry.from_data(
        [{"id": "01-KL/TW"}, {"id": "124-QĐ/TW"}, {"id": "04-NQ/TW"}, {"id": "05-CT/TW"}, {"id": "03-HD/TU Huế"}],
        "documents.yaml",
    )
    ordered = [d.id for d in sorted(reg.documents, key=reg.sort_key)]
    assert ordered == ["05-CT/TW", "04-NQ/TW", "124-QĐ/TW", "01-KL/TW", "03-HD/TU Huế"]


def test_unknown_documents_are_described_from_their_id():
    doc = REGISTRY.resolve("15-CT/TU Nghệ An")
    assert (doc.type, doc.issuer) == ("Chỉ thị", "Tỉnh ủy Nghệ An")


def test_registry_errors_name_the_file_and_line():
    text = "- id: 05-CT/TW\n  title: Một\n- id: 05-CT/TW\n- title: không có id\n"
    with pytest.raises(ManyErrors) as err:
        Registry.from_yaml(text, "content/documents.yaml")
    lines = [(e.path, e.line) for e in err.value.errors]
    assert lines == [("content/documents.yaml", 3), ("content/documents.yaml", 4)]


def test_registry_rejects_unknown_fields_and_alias_clashes():
    with pytest.raises(RecordError, match="unknown field 'titel'"):
        Registry.from_data([{"id": "05-CT/TW", "titel": "x"}], "documents.yaml")
    with pytest.raises(RecordError, match="already names"):
        Registry.from_data([{"id": "05-CT/TW"}, {"id": "06-CT/TW", "aliases": ["05-CT/TW"]}], "documents.yaml")


# ------------------------------------------------------- forms of issue 3


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("T6, 21/10/2022 - 16:05", at(2022, 10, 21, 16, 5)),
        ("CN, 16/10/2022 - 07:05", at(2022, 10, 16, 7, 5)),
        ("Chủ nhật, 04/06/2023, 20:10 (GMT+7)", at(2023, 6, 4, 20, 10)),
        ("Ngày 05/11/2013", dt.date(2013, 11, 5)),
        ("Publish date: 10/07/2019 9:30 AM", at(2019, 7, 10, 9, 30)),
        ("Đăng ngày: 05/08/2021 | Bởi: admin | Chuyên mục: Tin tức", dt.date(2021, 8, 5)),
        ("Cập nhật: 5.7.2022 3:40 CH", at(2022, 7, 5, 15, 40)),
        ("Đăng lúc 9h15 ngày 14/10/2021", at(2021, 10, 14, 9, 15)),
        ("Ngày cập nhật: 07/07/2022 14:00:12", at(2022, 7, 7, 14, 0, 12)),
        ("Ngày xuất bản: 2022-03-15 08:30", at(2022, 3, 15, 8, 30)),
        ("2021-05-11 9:41 CH", at(2021, 5, 11, 21, 41)),
    ],
)
def test_more_date_lines(line, expected):
    got = load(page(TITLE, line)).published
    assert got == expected
    assert type(got) is type(expected)


def test_the_sites_today_above_the_menu_is_not_the_date():
    a = load(page("Cổng thông tin điện tử phường Tân An", "Thứ Hai, 17/10/2022", "Giới thiệu", "Tin tức",
                  TITLE, "Thứ Sáu, 14/10/2022"))
    assert (a.title, a.published) == (TITLE, dt.date(2022, 10, 14))
    a = load(page("Hôm nay, Thứ Hai, 17/10/2022", TITLE))
    assert a.published is None


def test_a_print_date_is_not_the_date():
    a = load(page(TITLE, "Ngày đăng: 14/10/2022 08:00", "Ngày in: 20/10/2022"))
    assert a.published == at(2022, 10, 14, 8, 0)
    a = load(page("Ngày in: 20/10/2022 09:12", TITLE))
    assert a.published is None
    assert "no-date" in a.flags


def test_publication_date_wins_over_update_date():
    a = load(page(TITLE, "Cập nhật: 05/08/2020 10:00", "Ngày đăng: 03/08/2020 07:30"))
    assert a.published == at(2020, 8, 3, 7, 30)


def test_site_names_menus_and_fields_are_not_titles():
    a = load(page("HUYỆN ỦY KIM SƠN", "Trang chủ / Tin tức / Xây dựng Đảng", "Báo Ninh Bình điện tử",
                  TITLE, "Chuyên mục: Xây dựng Đảng", "Viết bởi Super User", "Ngày 12/10/2022"))
    assert a.title == TITLE
    assert a.author is None
    assert a.paragraphs == (LEAD, MORE)


@pytest.mark.parametrize(
    "lines",
    [
        ("Lương Tài: Nâng cao chất lượng sinh hoạt chi bộ gắn với", "học tập và làm theo Bác"),
        ("PHƯỜNG TÂN AN SƠ KẾT CÔNG TÁC", "XÂY DỰNG ĐẢNG NĂM 2022"),
    ],
)
def test_a_title_over_several_lines(lines):
    a = load(page("Tin tức", *lines, "Ngày đăng: 12/10/2022"))
    assert a.title == " ".join(lines)


def test_a_title_below_its_date_line_after_a_site_name():
    a = load(page("Trang thông tin điện tử huyện Chư Sê", "T6, 21/10/2022 - 16:05", TITLE))
    assert a.title == TITLE


def test_page_chrome_inside_the_body_is_furniture():
    chrome = ("IMG_3841.JPG", "Cỡ chữ: A- A A+ | In bài | Gửi email", ">> Một bài khác về công tác Đảng",
              "Chia sẻ: Facebook Zalo Twitter", "A A A", "Like Share", "https://tanan.gov.vn/tin-tuc/123 1/2")
    a = load(page(TITLE, "11/05/2021", body=(LEAD, *chrome, MORE)))
    assert a.paragraphs == (LEAD, MORE)


def test_a_box_of_related_links_inside_the_body_is_dropped_and_the_text_goes_on():
    box = ("Tin liên quan", ">> Phường Tân An ra quân làm sạch môi trường", "Quận tổ chức hội thi tìm hiểu về Bác")
    a = load(page(TITLE, "11/05/2021", body=(LEAD, *box, MORE)))
    assert a.paragraphs == (LEAD, MORE)
    a = load(page(TITLE, "11/05/2021", body=(LEAD, "Xem thêm: Phường Tân An ra quân", MORE)))
    assert a.paragraphs == (LEAD, MORE)


def test_related_links_at_the_end_cut_the_page():
    a = load(page(TITLE, "11/05/2021", tail=("Thu Hà", "Tin liên quan", "Phường Tân An ra quân", "Lượt xem: 12")))
    assert a.paragraphs == (LEAD, MORE)
    assert a.author == "Thu Hà"


def test_a_lead_repeated_under_the_date_line_is_kept_once():
    a = load(page(TITLE, LEAD, "Ngày đăng: 11/05/2021", body=(LEAD, MORE)))
    assert a.paragraphs == (LEAD, MORE)


def test_plenum_resolutions_without_their_term():
    assert docs("Quán triệt NQ TW4. Thực hiện NQ TW4 khóa XII.") == ("Nghị quyết Trung ương 4 khóa XII",)
    assert docs("Quán triệt NQ TW4 trong toàn Đảng bộ.") == ()
    assert docs(
        "Quán triệt NQ TW4 trong toàn Đảng bộ.", registry=REGISTRY, published=dt.date(2017, 5, 1)
    ) == ("Nghị quyết Trung ương 4 khóa XII",)
    assert docs("Nghị quyết Hội nghị Trung ương 4 (khóa 12).") == ("Nghị quyết Trung ương 4 khóa XII",)


def test_central_regulations_written_qdi():
    reg = Registry.from_data([{"id": "08-QĐi/TW", "date": "2018-10-25"}], "documents.yaml")
    assert docs("Thực hiện Quy định số 08-QĐi/TW về nêu gương.") == ("08-QĐi/TW",)
    assert docs("Thực hiện Quy định 08 về nêu gương.", registry=reg) == ("08-QĐi/TW",)


def test_a_short_citation_with_its_date_is_resolved_by_the_registry():
    reg = Registry.from_data(
        [{"id": "05-CT/TW", "date": "2016-05-15"}, {"id": "05-CT/TU Nghệ An", "date": "2011-01-01"}], "documents.yaml"
    )
    assert docs("Thực hiện Chỉ thị số 05 ngày 15/5/2016 về học tập.", registry=reg) == ("05-CT/TW",)


def test_a_local_issuer_named_before_the_citation():
    text = "Đảng ủy phường Ninh Hiệp đã ban hành Quy chế số 03-QC/ĐU về làm việc."
    assert docs(text, locality=Locality("Ninh Hòa", "thị xã", "Khánh Hòa")) == ("03-QC/ĐU Ninh Hiệp",)


@pytest.mark.parametrize(
    "source",
    ["© Báo Bạc Liêu - baobaclieu.vn", "Nguồn: https://baobaclieu.vn/chinh-tri/phuong-3"],
)
def test_a_known_site_settles_an_ambiguous_ward(source):
    lead = "Sáng 4/7, Đảng ủy Phường 3 tổ chức hội nghị sơ kết công tác xây dựng Đảng sáu tháng đầu năm."
    a = load(page("Phường 3 sơ kết công tác xây dựng Đảng", "05/07/2023", body=(lead, MORE), tail=(source,)))
    assert (a.locality.name, a.locality.province) == ("Phường 3", "Bạc Liêu")
    assert "locality-ambiguous" not in a.flags


def test_a_province_and_its_city_of_one_name():
    lead = "Ngày 13/4, Ban Thường vụ Tỉnh ủy Quảng Ngãi tổ chức hội nghị học tập nghị quyết của Trung ương."
    a = load(page("Quảng Ngãi học tập nghị quyết của Trung ương", body=(lead, MORE)))
    assert (a.locality.name, a.locality.level) == ("Quảng Ngãi", "tỉnh")
    lead = "Ngày 9/1, Ban Tuyên giáo Thành ủy Cà Mau tổ chức hội nghị tổng kết công tác tuyên giáo năm 2019."
    a = load(page("Cà Mau: Đảng bộ thành phố tổng kết công tác tuyên giáo", body=(lead, MORE)))
    assert (a.locality.name, a.locality.level) == ("Cà Mau", "thành phố")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted on 12 Tháng Năm, 2021 by admin", dt.date(2021, 5, 12)),
        ("Tháng Mười Hai 30, 2021", dt.date(2021, 12, 30)),
        ("Được đăng: 14 Tháng 7 2020", dt.date(2020, 7, 14)),
        ("Ngày phát hành: 20/09/2021 07:45", at(2021, 9, 20, 7, 45)),
        ("Posted on: Monday, 07/03/2022 10:20", at(2022, 3, 7, 10, 20)),
        ("Cập nhật lúc: 08:32, Thứ Tư, 15/03/2023", at(2023, 3, 15, 8, 32)),
        ("Thứ năm, 10/11/2022, 15:20 [GMT+7]", at(2022, 11, 10, 15, 20)),
        ("Cập nhật: 16-08-2021 | 10:05:44", at(2021, 8, 16, 10, 5, 44)),
    ],
)
def test_date_lines_of_other_systems(line, expected):
    got = load(page(TITLE, line)).published
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(
    "lead",
    [
        "Trong 2 ngày 11 và 12/4/2022, Đảng ủy phường Tân An tổ chức lớp bồi dưỡng lý luận chính trị.",
        "Từ ngày 11 đến 13/4/2022, Đảng ủy phường Tân An tổ chức lớp bồi dưỡng lý luận chính trị.",
        "Vừa qua, ngày 11/4/2022, Đảng ủy phường Tân An tổ chức lớp bồi dưỡng lý luận chính trị.",
    ],
)
def test_an_event_over_days_dates_the_article_by_its_first_day(lead):
    a = load(page(TITLE, body=(lead, MORE)))
    assert a.published == dt.date(2022, 4, 11)
    assert "date-from-body" in a.flags


def test_an_event_without_a_year_gives_no_date():
    a = load(page(TITLE, body=("Chiều 12/7, Quận ủy tổ chức hội nghị sơ kết công tác tuyên giáo.", MORE)))
    assert a.published is None


@pytest.mark.parametrize(
    ("header", "author"),
    [
        (("Thứ Sáu, 14/10/2022 08:00 | Thanh Hà", TITLE), "Thanh Hà"),
        ((TITLE, "09:20 | 22/05/2023", "Minh Trí"), "Minh Trí"),  # also a commune's name
    ],
)
def test_an_author_in_the_header(header, author):
    a = load(page(*header))
    assert (a.title, a.author) == (TITLE, author)
    assert a.paragraphs == (LEAD, MORE)


def test_a_province_opening_the_text_is_no_author():
    a = load(page(TITLE, "09:20 | 22/05/2023", body=("Hà Nội", LEAD, MORE)))
    assert a.author is None


@pytest.mark.parametrize("line", ["K'Bin", "H'Ly Niê", "Ksor Y'Bhin"])
def test_names_with_an_apostrophe(line):
    assert load(page(TITLE, tail=(line,))).author == line


def test_a_site_as_the_closing_source():
    a = load(page(TITLE, tail=("Nguồn: baohagiang.vn",)))
    assert a.source == "baohagiang.vn"
    assert a.paragraphs == (LEAD, MORE)


def test_players_and_hashtags_are_furniture():
    a = load(page(TITLE, "11/05/2021", "Nghe đọc bài viết", "00:00", body=(LEAD, MORE, "#hoctapvalamtheobac #chithi05")))
    assert a.paragraphs == (LEAD, MORE)


def test_organs_that_sign_are_no_authors():
    a = load(page(TITLE, tail=("Ban Dân vận Tỉnh ủy",)))
    assert a.author is None
    assert a.paragraphs == (LEAD, MORE)
