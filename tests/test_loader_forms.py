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

from conftest import to_cp1258
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


# --------------------------------------------- forms of the held-out sets


@pytest.mark.parametrize(
    ("line", "expected"),
    [("(14/03/2019 15:20:33)", at(2019, 3, 14, 15, 20, 33)), ("[14/03/2019 15:20]", at(2019, 3, 14, 15, 20))],
)
def test_a_bracketed_date_line_alone_under_the_title(line, expected):
    a = load(page(TITLE, line))
    assert (a.title, a.published) == (TITLE, expected)
    assert a.paragraphs == (LEAD, MORE)


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [("Hoàng Hùng/TTXVN", "Hoàng Hùng", "TTXVN"), ("Minh Hà / TTXVN/VNA", "Minh Hà", "TTXVN/VNA")],
)
def test_a_writer_and_the_agency_after_a_slash(line, author, source):
    a = load(page(TITLE, tail=(line,)))
    assert (a.author, a.source) == (author, source)
    assert a.paragraphs == (LEAD, MORE)


def test_a_pen_name_opening_with_quang():
    assert load(page(TITLE, tail=("Quang Minh",))).author == "Quang Minh"
    a = load(page(TITLE, body=(LEAD, MORE, "QUANG CẢNH HỘI NGHỊ")))
    assert a.author is None
    assert a.captions == ("QUANG CẢNH HỘI NGHỊ",)


def test_the_footer_address_settles_a_shared_commune_name():
    title = "Xã Bình Minh tổng kết công tác xây dựng Đảng năm 2019"
    lead = "Chiều 26/12, Đảng ủy xã Bình Minh tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2019."
    a = load(page(title, "27/12/2019", body=(lead, MORE)))
    assert "locality-ambiguous" in a.flags  # fourteen units share the name
    address = "Địa chỉ: xã Bình Minh, huyện Thanh Oai, thành phố Hà Nội"
    a = load(page(title, "27/12/2019", body=(lead, MORE), tail=("Quang Minh", address)))
    assert (a.locality.name, a.locality.district, a.locality.province) == ("Bình Minh", "Thanh Oai", "Hà Nội")
    assert "locality-ambiguous" not in a.flags
    assert a.paragraphs == (lead, MORE)


def test_a_library_record_with_labelled_fields():
    a = load(page(
        "Thư viện số tỉnh Vĩnh Long",
        "Nhan đề: Long Hồ nâng cao chất lượng tổ chức cơ sở đảng",
        "Tác giả: Phương Nghi",
        "Ngày xuất bản: 14/03/2019",
        "Nguồn: Báo Vĩnh Long",
        tail=("URI: http://thuvienso.vinhlong.gov.vn/handle/123456789/4521",
              "Xuất hiện trong các bộ sưu tập: Báo chí địa phương"),
    ))
    assert a.title == "Long Hồ nâng cao chất lượng tổ chức cơ sở đảng"
    assert (a.author, a.source, a.published) == ("Phương Nghi", "Báo Vĩnh Long", dt.date(2019, 3, 14))
    assert a.paragraphs == (LEAD, MORE)


def test_a_district_that_changed_level_is_found_by_its_province():
    title = "Phong Điền: Sơ kết 3 năm thực hiện Chỉ thị 05-CT/TW"
    lead = "Sáng 19/6, Ban Thường vụ Huyện ủy Phong Điền, tỉnh Thừa Thiên Huế tổ chức hội nghị sơ kết."
    a = load(page(title, "19/06/2019", body=(lead, MORE)))
    # a huyện in 2019, a thị xã in the gazetteer; Cần Thơ has a huyện Phong Điền too
    assert (a.locality.name, a.locality.province) == ("Phong Điền", "Thừa Thiên Huế")
    lead = "Sáng 19/6, Ban Thường vụ Huyện ủy Phong Điền tổ chức hội nghị sơ kết."
    a = load(page(title, "19/06/2019", body=(lead, MORE)))
    assert (a.locality.level, a.locality.province) == ("huyện", "Cần Thơ")  # the one huyện of the name


def test_the_articles_own_unit_is_not_among_the_other_places():
    lead = "Ngày 14/3, Tỉnh ủy Tây Ninh tổ chức hội nghị sơ kết; huyện Gò Dầu được biểu dương."
    a = load(page("Tây Ninh sơ kết 3 năm thực hiện Chỉ thị 05-CT/TW", "14/03/2019", body=(lead, MORE)))
    assert (a.locality.name, a.locality.level) == ("Tây Ninh", "tỉnh")
    assert a.places == ("Gò Dầu",)


def test_the_author_labelled_on_the_date_line():
    a = load(page(TITLE, "Tác giả: Ngọc Trâm | Ngày đăng: 20/03/2019 06:15"))
    assert (a.title, a.author, a.published) == (TITLE, "Ngọc Trâm", at(2019, 3, 20, 6, 15))
    assert a.paragraphs == (LEAD, MORE)


def test_the_sites_clock_above_its_name_is_not_the_date():
    a = load(page("Thứ Tư, 20/03/2019 09:30:12", "TRANG THÔNG TIN ĐIỆN TỬ HUYỆN NÚI THÀNH",
                  "Giới thiệu | Tin tức | Văn bản | Liên hệ", TITLE, "Ngày 18/03/2019"))
    assert (a.title, a.published) == (TITLE, dt.date(2019, 3, 18))
    assert a.paragraphs == (LEAD, MORE)


# ------------------------------------------------- forms of held-out set 3


def test_a_long_menu_and_a_footer_around_the_article():
    menu = [
        "Trang chủ", "Giới thiệu chung", "Điều kiện tự nhiên", "Tổ chức bộ máy", "Huyện ủy",
        "Hội đồng nhân dân huyện", "Ủy ban nhân dân huyện", "Các phòng, ban chuyên môn", "Các xã, thị trấn",
        "Tin tức - Sự kiện", "Tin hoạt động của huyện", "Tin trong tỉnh", "Tin trong nước",
        "Văn bản chỉ đạo điều hành", "Lịch công tác tuần", "Thủ tục hành chính", "Dịch vụ công trực tuyến",
        "Hỏi đáp trực tuyến", "Thông tin quy hoạch", "Đấu thầu, mua sắm công", "Công khai ngân sách",
        "Phổ biến giáo dục pháp luật", "Chuyển đổi số", "Xây dựng nông thôn mới", "Cải cách hành chính",
        "Thống kê", "Liên hệ", "Tin tức - Sự kiện",
    ]  # fmt: skip
    footer = (
        "Thu Hà",
        "Bản quyền thuộc về Ủy ban nhân dân huyện Lý Nhân",
        "Người chịu trách nhiệm: Trần Văn Nam - Chánh Văn phòng",
        "Đường dây nóng: 0226 3871 234",
    )
    a = load(page("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN LÝ NHÂN", "Đường dây nóng: 0226 3871 234", *menu,
                  TITLE, "Ngày đăng: 09/01/2020 | 10:05", tail=footer))
    assert (a.title, a.published, a.author) == (TITLE, at(2020, 1, 9, 10, 5), "Thu Hà")
    assert a.paragraphs == (LEAD, MORE)


def test_the_title_repeated_under_the_date_line_is_kept_once():
    a = load(page(TITLE, "Thứ Ba, 19/05/2020 - 14:30", TITLE))
    assert a.title == TITLE
    assert a.paragraphs == (LEAD, MORE)


@pytest.mark.parametrize(
    ("tail", "expected", "author"),
    [
        (("Thu Hiền", "Ngày đăng: 14/05/2021", "Lượt xem: 215"), dt.date(2021, 5, 14), "Thu Hiền"),
        # the poster ("Người đăng") is not the author
        (("Tin, ảnh: Minh Tuấn", "Người đăng: Hoàng Yến | Ngày đăng: 26/04/2022 08:12 | Lượt xem: 12"),
         at(2022, 4, 26, 8, 12), "Minh Tuấn"),
    ],
)
def test_a_date_printed_under_the_article(tail, expected, author):
    a = load(page(TITLE, tail=tail))
    assert (a.published, a.author) == (expected, author)
    assert "no-date" not in a.flags and "date-from-body" not in a.flags
    assert a.paragraphs == (LEAD, MORE)  # the date line is no paragraph


def test_an_announcements_time_under_the_text_is_not_the_page_date():
    a = load(page(TITLE, body=(LEAD, MORE, "Thời gian: 8 giờ 00, ngày 20/3/2019", "Địa điểm: Hội trường UBND phường")))
    assert a.published is None and "no-date" in a.flags


def test_a_header_date_without_its_year():
    lead = "Sáng 14/10/2021, Ban Thường vụ Huyện ủy Phù Cát tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW."
    a = load(page(TITLE, "15/10 09:30", body=(lead, MORE)))
    # the header's day and time, in the year of the event the lead reports the day before
    assert a.published == at(2021, 10, 15, 9, 30)
    assert "date-from-body" in a.flags
    assert a.paragraphs == (lead, MORE)
    # without a year anywhere there is no date, whatever the copyright line says
    a = load(page(TITLE, "Thứ Sáu, 15/10 - 09:30", tail=("Hải Yến", "© 2021 Bản quyền thuộc Huyện ủy Nam Đàn")))
    assert a.published is None and "no-date" in a.flags
    assert a.title == TITLE


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Sáng thứ Năm (18/11/2021), Ban Thường vụ Huyện ủy Thọ Xuân tổ chức hội nghị trực tuyến.", dt.date(2021, 11, 18)),
        ("Chiều Chủ nhật, ngày 21/11/2021, Đoàn Thanh niên xã ra quân dọn vệ sinh đường làng.", dt.date(2021, 11, 21)),
        ("Vừa qua, vào ngày 03/12/2019, Đảng ủy xã Trí Phải tổ chức hội nghị sơ kết.", dt.date(2019, 12, 3)),
    ],
)
def test_more_ways_a_lead_dates_its_event(lead, expected):
    a = load(page(TITLE, body=(lead, MORE)))
    assert a.published == expected and "date-from-body" in a.flags


def test_a_historical_date_opening_the_lead_is_no_date():
    lead = "Ngày 19/5/1890, tại quê ngoại Hoàng Trù, Chủ tịch Hồ Chí Minh ra đời. Hướng tới Ngày sinh của Người, xã tổ chức nhiều hoạt động."
    a = load(page(TITLE, body=(lead, MORE)))
    assert a.published is None and "no-date" in a.flags


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted on March 28, 2019 by admin", dt.date(2019, 3, 28)),
        ("28 Mar 2019", dt.date(2019, 3, 28)),
        ("Submitted by admin on Tue, 27/10/2020 - 09:05", at(2020, 10, 27, 9, 5)),
        ("Gửi bởi Thu Hà vào T3, 27/10/2020 - 09:05", at(2020, 10, 27, 9, 5)),
    ],
)
def test_date_lines_of_systems_left_in_english(line, expected):
    a = load(page(TITLE, line, tail=("Categories: Tin hoạt động", "Leave a Reply", "Họ tên")))
    assert (a.title, a.published) == (TITLE, expected)
    assert a.paragraphs == (LEAD, MORE)


def test_a_newspapers_tag_without_parentheses_in_a_sapo_in_capitals():
    sapo = "TQĐT - THỰC HIỆN CHỈ THỊ SỐ 05-CT/TW, ĐẢNG BỘ XÃ THÁI BÌNH, HUYỆN YÊN SƠN ĐÃ CÓ NHIỀU CÁCH LÀM HAY."
    a = load(page("Xã Thái Bình làm theo Bác bằng những việc làm cụ thể", "14/03/2019 | 15:20", body=(sapo, MORE)))
    assert a.source == "TQĐT"
    assert a.paragraphs[0].startswith("THỰC HIỆN CHỈ THỊ")
    assert (a.locality.name, a.locality.province) == ("Thái Bình", "Tuyên Quang")


def test_numbered_points_are_paragraphs_not_captions():
    points = (
        "1. Nâng cao nhận thức, trách nhiệm của cấp ủy về vị trí, vai trò của sinh hoạt chi bộ",
        "2. Đổi mới nội dung, hình thức sinh hoạt, tăng thời lượng sinh hoạt chuyên đề",
        "a) Phát huy dân chủ, tăng cường tự phê bình và phê bình trong sinh hoạt",
    )
    a = load(page(TITLE, "02/07/2020", body=(LEAD, *points, MORE)))
    assert a.captions == ()
    assert a.paragraphs == (LEAD, *points, MORE)


@pytest.mark.parametrize(
    ("line", "author", "unit"),
    [
        ("Đại tá Nguyễn Văn Bình, Chính ủy Bộ Chỉ huy Quân sự tỉnh", "Đại tá Nguyễn Văn Bình", "Chính ủy Bộ Chỉ huy Quân sự tỉnh"),
        ("ThS. Nguyễn Thị Lan - Trường Chính trị tỉnh Bắc Giang", "ThS. Nguyễn Thị Lan", "Trường Chính trị tỉnh Bắc Giang"),
        ("Nhà báo Lê Minh", "Nhà báo Lê Minh", None),
    ],
)
def test_a_rank_or_title_before_the_writers_name(line, author, unit):
    a = load(page(TITLE, "03/12/2019", tail=(line,)))
    assert (a.author, a.author_unit) == (author, unit)


def test_a_nukeviet_page():
    tail = (
        "Tác giả bài viết: Hồng Hạnh",
        "Nguồn tin: Đài Truyền thanh - Truyền hình huyện Quỳ Hợp",
        "Tổng số điểm của bài viết là: 15 trong 3 đánh giá",
        "Click để đánh giá bài viết",
        "Những tin mới hơn",
        "Quỳ Hợp: Tổ chức Hội nghị triển khai nhiệm vụ năm 2023 (10/02/2023)",
        "Những tin cũ hơn",
        "Xã Châu Hồng đón Bằng công nhận xã đạt chuẩn nông thôn mới (02/02/2023)",
    )
    a = load(page(TITLE, "Thứ ba - 14/02/2023 15:20", "Đã xem: 1.025", tail=tail))
    assert (a.published, a.views) == (at(2023, 2, 14, 15, 20), 1025)
    assert (a.author, a.source) == ("Hồng Hạnh", "Đài Truyền thanh - Truyền hình huyện Quỳ Hợp")
    assert a.paragraphs == (LEAD, MORE)


def test_a_rubric_in_capitals_over_the_headline():
    title = "Gia Viễn: Chi bộ thôn “4 tốt” từ những việc làm nhỏ"
    a = load(page("16:05 | 16/04/2019", "XÂY DỰNG ĐẢNG TỪ CƠ SỞ", title, "Bài và ảnh: HOÀNG LINH"))
    assert (a.title, a.author) == (title, "HOÀNG LINH")
    assert a.paragraphs == (LEAD, MORE)


def test_the_venue_named_before_the_committee_that_meets():
    lead = ("Sáng 12/4, tại Hội trường UBND xã Vân Nội, Ban Thường vụ Huyện ủy Đông Anh tổ chức hội nghị "
            "báo cáo viên tháng 4 năm 2021.")
    a = load(page("Hội nghị báo cáo viên tháng 4 năm 2021", "13/04/2021", body=(lead, MORE)))
    assert (a.locality.name, a.locality.level, a.locality.province) == ("Đông Anh", "huyện", "Hà Nội")
    assert "Vân Nội" in a.places
    # when only the venue is named, it is the place the article is about
    lead = "Sáng 12/4, tại xã Vân Nội, huyện Đông Anh, Đảng ủy xã tổ chức hội nghị báo cáo viên."
    a = load(page("Hội nghị báo cáo viên tháng 4 năm 2021", "13/04/2021", body=(lead, MORE)))
    assert (a.locality.name, a.locality.level) == ("Vân Nội", "xã")


def test_the_sites_own_name_when_the_text_names_no_unit():
    lead = "Sáng 7/1, Ủy ban Kiểm tra Huyện ủy tổ chức hội nghị tổng kết công tác kiểm tra, giám sát năm 2020."
    header = ("Tổng kết công tác kiểm tra, giám sát năm 2020", "Ngày đăng: 08/01/2021")
    a = load(page(*header, body=(lead, MORE)))
    assert a.locality is None and "no-locality" in a.flags
    a = load(page("Cổng TTĐT huyện Thạch Hà", "Trang chủ | Tin tức | Liên hệ", *header, body=(lead, MORE)))
    assert (a.locality.name, a.locality.level, a.locality.province) == ("Thạch Hà", "huyện", "Hà Tĩnh")
    assert "no-locality" not in a.flags


@pytest.mark.parametrize(
    ("ward", "header", "tail", "district", "province"),
    [
        ("Phường 7", ("CỔNG THÔNG TIN ĐIỆN TỬ THÀNH PHỐ BẠC LIÊU",), ("Minh Khôi",), "Bạc Liêu", "Bạc Liêu"),
        ("Phường 4", (), ("Thanh Tâm (Đài Truyền thanh TP Mỹ Tho)",), "Mỹ Tho", "Tiền Giang"),
        ("Phường 7", (), ("Ngọc Hân", "https://tpcamau.camau.gov.vn/tin-tuc/phuong-7-ra-mat 1/1"), "Cà Mau", "Cà Mau"),
    ],
)
def test_a_numbered_ward_settled_by_the_publisher(ward, header, tail, district, province):
    # Some twenty cities and districts have a Phường 4 or 7 (Tiền Giang has
    # two Phường 4); only the site, the byline's unit or the province's portal
    # address says which.
    title = f"{ward} ra mắt Tổ tự quản an ninh trật tự"
    lead = f"Chiều 16/11, Đảng ủy {ward} tổ chức ra mắt Tổ tự quản an ninh trật tự với 12 thành viên."
    a = load(page(title, "17/11/2022", body=(lead, MORE)))
    assert "locality-ambiguous" in a.flags
    a = load(page(*header, title, "17/11/2022", body=(lead, MORE), tail=tail))
    assert (a.locality.name, a.locality.district, a.locality.province) == (ward, district, province)
    assert "locality-ambiguous" not in a.flags
    assert a.paragraphs == (lead, MORE)


def test_an_organ_named_by_its_level_alone_is_the_articles_own():
    where = Locality(name="Lục Ngạn", level="huyện", province="Bắc Giang")
    text = ("Theo Quyết định số 1234/QĐ-UBND ngày 20/5/2021 của UBND tỉnh về sáp nhập trường học và "
            "Kế hoạch số 45/KH-UBND của UBND huyện, huyện đã giảm 17 điểm trường lẻ.")
    assert docs(text, locality=where) == ("1234/QĐ-UBND Bắc Giang", "45/KH-UBND Lục Ngạn")


def test_a_sidebar_of_new_documents_after_the_byline():
    sidebar = (
        "Văn bản mới",
        "Quyết định số 1520/QĐ-UBND về việc phê duyệt kế hoạch sử dụng đất năm 2021",
        "Kế hoạch số 45/KH-UBND về triển khai tiêm vắc xin",
        "Thông báo số 112/TB-UBND về lịch tiếp công dân tháng 7",
        "Quyết định số 1498/QĐ-UBND về việc kiện toàn Ban Chỉ đạo",
        "Kế hoạch số 43/KH-UBND về cải cách hành chính năm 2021",
        "Chỉ thị số 08/CT-UBND về tăng cường công tác phòng, chống thiên tai",
        "Lịch công tác tuần",
    )
    a = load(page(TITLE, "24/06/2021", tail=("Phan Ngọc", *sidebar)))
    assert (a.author, a.paragraphs, a.documents) == ("Phan Ngọc", (LEAD, MORE), ())


def test_a_library_records_summary_label_is_dropped():
    a = load(page("Nhan đề: Long Hồ nâng cao chất lượng tổ chức cơ sở đảng", "Ngày xuất bản: 14/03/2019",
                  body=(f"Tóm tắt: {LEAD}", MORE)))
    assert a.paragraphs == (LEAD, MORE)


def test_a_menu_run_together_after_the_home_link_is_no_title():
    a = load(page("Trang chủ  Giới thiệu  Tin tức  Văn bản  Thủ tục hành chính  Hỏi đáp", TITLE, "14/03/2019"))
    assert (a.title, a.published) == (TITLE, dt.date(2019, 3, 14))


def test_views_and_a_labelled_writer_on_the_date_line():
    a = load(page(TITLE, "Ngày đăng: 08/03/2021 | Lượt xem: 215 | Người viết: Đinh Thị Hoa"))
    assert (a.published, a.author) == (dt.date(2021, 3, 8), "Đinh Thị Hoa")


def test_date_views_and_author_set_off_by_dashes():
    a = load(page(TITLE, "19/05/2022 - 1.245 lượt xem - Hồng Vân"))
    assert (a.published, a.author) == (dt.date(2022, 5, 19), "Hồng Vân")
    assert not any("lượt xem" in p for p in a.paragraphs)


def test_year_first_date_with_slashes():
    a = load(page(TITLE, "2019/03/14 07:05"))
    assert a.published == dt.datetime(2019, 3, 14, 7, 5, tzinfo=VIETNAM)


def test_an_announcements_time_under_its_opening_paragraph_is_the_events():
    opening = ("Đảng ủy phường Tân An tổ chức hội nghị học tập, quán triệt nghị quyết của Đảng ủy "
               "cho toàn thể cán bộ, đảng viên trong Đảng bộ phường.")
    a = load(page(TITLE, body=(opening, "Thời gian: 7 giờ 30 phút, ngày 15/10/2020 (thứ Năm).",
                               "Địa điểm: Hội trường UBND phường.")))
    # No header date: the event's day, from the body, without the hour.
    assert a.published == dt.date(2020, 10, 15)
    assert "date-from-body" in a.flags


def test_an_announcements_time_does_not_hide_the_date_at_the_bottom():
    opening = ("Ban Tuyên giáo Đảng ủy phường Tân An thông báo tổ chức hội nghị báo cáo viên "
               "quý I năm 2019 như sau:")
    a = load(page(TITLE, body=(opening, "Thời gian: 7 giờ 30 phút ngày 22/3/2019.", MORE),
                  tail=("Người đăng: Quản trị | Ngày đăng: 18/03/2019",)))
    assert a.published == dt.date(2019, 3, 18)


def test_a_cited_documents_box_above_the_date_line_is_neither_title_nor_date():
    a = load(page(TITLE, "Số ký hiệu: 112-KH/HU", "Ngày ban hành: 10/01/2020", "Ngày hết hiệu lực: 31/12/2020",
                  "Đăng ngày: 15-1-2020"))
    assert (a.title, a.published) == (TITLE, dt.date(2020, 1, 15))


# ------------------------------------------- issue 3, held-out round 141–172


def test_a_word_bulletin_is_dated_at_its_place_and_closes_before_its_recipients():
    a = load(page(
        "HUYỆN ỦY TÂN YÊN\tĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN TUYÊN GIÁO",
        "*\tTân Yên, ngày 9 tháng 4 năm 2020",
        "Số: 07-BT/BTGHU",
        "",
        "BẢN TIN NỘI BỘ THÁNG 4/2020",
        tail=("Nơi nhận:", "- Các chi bộ trực thuộc;", "- Lưu VP.", "\tBAN TUYÊN GIÁO HUYỆN ỦY"),
    ))
    assert (a.title, a.published) == ("BẢN TIN NỘI BỘ THÁNG 4/2020", dt.date(2020, 4, 9))
    assert a.paragraphs[-1] == MORE  # the recipients and the signature are no text
    assert not any("Số:" in p or "Nơi nhận" in p for p in a.paragraphs)


def test_a_title_naming_the_party_is_no_document_heading():
    title = "Kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam tại phường Tân An"
    assert load(page(title, "Cập nhật: 03/02/2020")).title == title


def test_an_organs_name_in_capitals_over_the_site_name_is_a_masthead():
    a = load(page("CÔNG AN TỈNH HÀ TĨNH", "Trang thông tin điện tử", "Tin tức - Sự kiện", "08:15 | 21/04/2020",
                  "Công an huyện Can Lộc tuần tra đảm bảo an toàn giao thông"))
    assert a.title == "Công an huyện Can Lộc tuần tra đảm bảo an toàn giao thông"
    assert (a.locality.name, a.locality.level) == ("Can Lộc", "huyện")


def test_a_section_name_over_a_longer_headline_without_a_date_line():
    a = load(page("Cổng thông tin điện tử huyện Can Lộc", "Hoạt động của lãnh đạo huyện",
                  "Can Lộc sơ kết công tác xây dựng Đảng sáu tháng đầu năm"))
    assert a.title == "Can Lộc sơ kết công tác xây dựng Đảng sáu tháng đầu năm"
    assert a.section == "Hoạt động của lãnh đạo huyện"


def test_a_source_tag_glued_to_the_lead_by_its_dash():
    a = load(page(TITLE, "14.03.2019", body=("BHT-" + LEAD, MORE)))
    assert (a.source, a.paragraphs[0]) == ("BHT", LEAD)


def test_a_word_glued_by_a_dash_is_no_source_tag():
    text = "ASEAN-Việt Nam tăng cường hợp tác trong công tác tuyên truyền, đối ngoại của Đảng trên địa bàn phường."
    a = load(page(TITLE, "14.03.2019", body=(text, MORE)))
    assert (a.source, a.paragraphs[0]) == (None, text)


def test_a_source_tag_in_parentheses_without_a_dash():
    a = load(page(TITLE, "14/03/2019 - 07:05", body=("(BHT) " + LEAD, MORE)))
    assert (a.source, a.paragraphs[0]) == ("BHT", LEAD)


def test_a_source_line_with_its_link_above_the_title():
    a = load(page("Tin tức - Sự kiện", "Nguồn: Báo Hà Tĩnh (https://example.vn/bai-viet/12345.html)", TITLE,
                  "(Cập nhật lúc: 07:05 - 26/12/2020)"))
    assert (a.source, a.title) == ("Báo Hà Tĩnh", TITLE)
    assert not any("https://" in p for p in a.paragraphs)


def test_the_sites_province_line_settles_a_commune_name_shared_by_provinces():
    lead = ("Đảng ủy xã Hồng Phong tổ chức hội nghị sơ kết công tác dân vận sáu tháng đầu năm "
            "cho toàn thể cán bộ chủ chốt của xã.")
    a = load(page("Đảng bộ xã Hồng Phong", "Huyện Ninh Giang - Tỉnh Hải Dương", "Trang chủ | Tin tức",
                  "Xã Hồng Phong sơ kết công tác dân vận", body=(lead, MORE)))
    assert (a.locality.name, a.locality.province) == ("Hồng Phong", "Hải Dương")
    assert "locality-ambiguous" not in a.flags


def test_a_relative_date_and_the_designers_credit_are_furniture():
    a = load(page(TITLE, "2 giờ trước", tail=("Thiết kế bởi VNPT Hà Tĩnh",)))
    assert a.paragraphs == (LEAD, MORE)


def test_a_resolution_of_the_central_military_commission():
    assert docs("Quán triệt Nghị quyết số 847-NQ/QUTW của Quân ủy Trung ương.") == ("847-NQ/QUTW",)
    assert issuer_name("QUTW") == "Quân ủy Trung ương"


def test_a_district_polices_plan_is_qualified_by_its_district():
    where = Locality("Can Lộc", "huyện", "Hà Tĩnh")
    assert docs("Thực hiện Kế hoạch số 45/KH-CAH của Công an huyện.", locality=where) == ("45/KH-CAH Can Lộc",)


# ------------------------------------------------ held-out round 5 (issue 3)


def test_a_ticker_of_dated_headlines_is_neither_title_nor_date():
    ticker = "TIN MỚI Xã Tân Bình ra quân dọn vệ sinh (29/08/2023) • Xã Tân Phú tuyên dương học sinh (29/08/2023)"
    a = load(page(ticker, "Tin tức - Sự kiện", TITLE, body=("Chiều 28/8/2023, " + LEAD[11:], MORE)))
    assert (a.title, a.published) == (TITLE, dt.date(2023, 8, 28))
    assert "date-from-body" in a.flags


def test_the_weeks_schedule_above_the_title_is_neither_title_nor_date():
    a = load(page("LỊCH CÔNG TÁC TUẦN (Từ ngày 22/7 đến ngày 26/7/2024)", "Tin tức - Sự kiện", TITLE))
    assert (a.title, a.published) == (TITLE, None)


def test_a_menu_item_repeated_as_the_breadcrumb_is_not_the_title():
    lead = "Sáng 13/11/2022, " + LEAD[11:]
    a = load(page("Trang chủ", "Mặt trận với cơ sở", "Cuộc vận động", "Gương người tốt việc tốt", "Mặt trận với cơ sở",
                  "Phường Tân An tổ chức Ngày hội Đại đoàn kết năm 2022", "In trang Gửi bạn bè", body=(lead, MORE)))
    assert a.title == "Phường Tân An tổ chức Ngày hội Đại đoàn kết năm 2022"
    assert a.published == dt.date(2022, 11, 13)
    assert a.paragraphs == (lead, MORE)


def test_an_analysts_name_in_capitals_over_the_line_of_posts():
    a = load(page("Thực tiễn - Kinh nghiệm", TITLE, "TRẦN MINH TÂM", "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy",
                  "12/03/2024 - 08:30"))
    assert (a.title, a.author, a.published) == (TITLE, "TRẦN MINH TÂM", at(2024, 3, 12, 8, 30))
    assert a.paragraphs == (LEAD, MORE)


def test_a_name_opening_with_trung_signs_the_article():
    assert load(page(TITLE, "14/06/2023 19:35", tail=("Trung Hiếu",))).author == "Trung Hiếu"


def test_the_furniture_of_english_interfaces():
    a = load(page("Home » News", TITLE, "Details", "Written by Super User", "Published: 10 October 2022", "Hits: 345",
                  tail=("Thanh Phong", "Previous article: Xã Tân Hương ra mắt tổ hợp tác", "Visitors: 1.203.554",
                        "Joomla! is Free Software released under the GNU General Public License.")))
    assert (a.published, a.author, a.views) == (dt.date(2022, 10, 10), "Thanh Phong", 345)
    assert a.paragraphs == (LEAD, MORE)


def test_a_facebook_posts_byline_and_reactions():
    a = load(page("Công an xã Tân An", "18 tháng 5, 2023 lúc 19:40", TITLE,
                  tail=("Tin, ảnh: Minh Tâm", "#congan #tanan", "Có thể là hình ảnh về 6 người và văn bản", "+4",
                        "Tất cả cảm xúc:", "126", "17 bình luận", "9 lượt chia sẻ", "Thích", "Bình luận")))
    assert (a.author, a.paragraphs) == ("Minh Tâm", (LEAD, MORE))


def test_replies_under_an_article_shared_in_a_chat_are_not_its_byline():
    a = load(page(TITLE, "Thứ Tư, 15/05/2024 - 10:20",
                  tail=("Vũ Hằng - Đài Truyền thanh xã", "Nguồn: Cổng TTĐT huyện Hải Hậu", "Đã nhận", "👍 6",
                        "Nguyễn Thị Lan", "07:30", "Vâng ạ, em đã đọc.", "Phạm Văn Đức", "Đã nhận anh ơi 👍")))
    assert (a.author, a.source) == ("Vũ Hằng", "Cổng TTĐT huyện Hải Hậu")
    assert a.paragraphs == (LEAD, MORE)


def test_a_rubric_in_capitals_is_no_byline_and_an_office_signs_in_capitals():
    a = load(page("BAN TUYÊN GIÁO Ba Đồn, ngày 22 tháng 3 năm 2024", "TIN HOẠT ĐỘNG", TITLE,
                  tail=("BAN TUYÊN GIÁO THỊ ỦY BA ĐỒN",)))
    assert (a.title, a.author, a.paragraphs) == (TITLE, None, (LEAD, MORE))


def test_a_phones_date_line_with_an_eye_before_the_counter():
    a = load(page(TITLE, "18/04/2024 | 07:45 | 👁 1.254", "Sao chép liên kết", "f  Zalo  🔗"))
    assert (a.published, a.views, a.paragraphs) == (at(2024, 4, 18, 7, 45), 1254, (LEAD, MORE))


def test_short_captions_of_people_taking_part():
    caption = "Chị em ấp Mỹ Thị A đăng ký tham gia mô hình"
    a = load(page(TITLE, "10/03/2023 07:50", body=(LEAD, caption, MORE)))
    assert a.captions == (caption,)


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("Thực hiện Kế hoạch số 27-KH/HNDT của Hội Nông dân tỉnh.", Locality("Châu Thành", "huyện", "Tiền Giang"),
         "27-KH/HNDT Tiền Giang"),
        ("Theo Kế hoạch số 245-KH/TĐTN-PTTN của Ban Thường vụ Tỉnh đoàn.", Locality("Hải Hậu", "huyện", "Nam Định"),
         "245-KH/TĐTN-PTTN Nam Định"),
        ("Theo Kế hoạch số 12/KH-MTTQ-BTT của Ban Thường trực.", Locality("Vĩnh Linh", "huyện", "Quảng Trị"),
         "12/KH-MTTQ-BTT Vĩnh Linh"),
        ("Thực hiện Kế hoạch số 28/KH-SNV của Sở Nội vụ.", Locality("Vĩnh Long", "tỉnh", "Vĩnh Long"),
         "28/KH-SNV Vĩnh Long"),
        ("Theo Quyết định số 2185/QĐ-UBND của Ủy ban nhân dân tỉnh.", Locality("Phú Lễ", "xã", "Bến Tre"),
         "2185/QĐ-UBND Bến Tre"),
        ("Thực hiện Quy định 08-QĐi/TƯ về trách nhiệm nêu gương.", None, "08-QĐi/TW"),
    ],
)
def test_plans_of_mass_organisations_and_departments_carry_their_place(text, where, expected):
    assert docs(text, locality=where) == (expected,)


def test_a_district_the_title_names_bare_beats_the_commune_of_the_lead():
    lead = "Sáng 1/7, tại xã Hải Minh, Huyện đoàn Hải Hậu tổ chức lễ ra quân chiến dịch thanh niên tình nguyện hè."
    a = load(page("Tuổi trẻ Hải Hậu ra quân Chiến dịch Thanh niên tình nguyện hè", "02/07/2023", body=(lead, MORE)))
    assert (a.locality.name, a.locality.level) == ("Hải Hậu", "huyện")


@pytest.mark.parametrize(
    ("site", "province"),
    [("Báo Thái Bình điện tử", "Thái Bình"), ("SỞ NỘI VỤ TỈNH VĨNH LONG", "Vĩnh Long")],
)
def test_the_sites_name_is_the_only_clue_to_the_province(site, province):
    lead = "Sáng 11/4, Hội Nông dân tỉnh tổ chức hội nghị tổng kết 15 năm thực hiện Kết luận 61 của Ban Bí thư."
    a = load(page(site, "Hội Nông dân tỉnh tổng kết 15 năm thực hiện Kết luận 61", "12/04/2024 15:20",
                  body=(lead, MORE)))
    assert (a.locality.name, a.locality.level) == (province, "tỉnh")


def test_a_citation_whose_date_or_term_contradicts_the_registry_is_another_document():
    # Central numbers start again with each term: 26-NQ/TW of term X (2008)
    # is not the registry's 26-NQ/TW of term XII (2018).
    registry = Registry.from_data(
        [{"id": "Nghị quyết Trung ương 7 khóa XII", "issuer": "Ban Chấp hành Trung ương Đảng (khóa XII)",
          "date": "2018-05-19", "aliases": ["26-NQ/TW"]}],
        "documents.yaml",
    )
    assert docs("Thực hiện Nghị quyết số 26-NQ/TW về cán bộ.", registry=registry) == (
        "Nghị quyết Trung ương 7 khóa XII",
    )
    assert docs("Thực hiện Nghị quyết số 26-NQ/TW ngày 19/5/2018 về cán bộ.", registry=registry) == (
        "Nghị quyết Trung ương 7 khóa XII",
    )
    by_date = "Tổng kết Nghị quyết số 26-NQ/TW ngày 5/8/2008 về nông nghiệp."
    assert docs(by_date, registry=registry) == ("26-NQ/TW",)
    by_term = "Tổng kết Nghị quyết số 26-NQ/TW của Ban Chấp hành Trung ương Đảng khóa X về tam nông."
    assert docs(by_term, registry=registry) == ("26-NQ/TW",)
    # The plenum resolution of that term the article names is the one meant.
    both = f"Krông Nô tổng kết Nghị quyết Trung ương 7 khóa X. {by_term}"
    assert docs(both, registry=registry) == ("Nghị quyết Trung ương 7 khóa X",)


# ------------------------------------------------------------------ round 6


def test_a_menu_line_and_a_relative_age_around_the_title():
    a = load(page("Thời sự   Chính trị   Kinh tế   Xã hội   Video", "Xây dựng Đảng", TITLE, "3 giờ trước | 14/05/2025 11:15"))
    assert (a.title, a.published) == (TITLE, at(2025, 5, 14, 11, 15))


def test_an_update_time_with_a_minute_mark_in_parentheses():
    a = load(page(TITLE, "(Cập nhật lúc 15h20' ngày 14/10/2009)"))
    assert (a.title, a.published) == (TITLE, at(2009, 10, 14, 15, 20))


def test_a_summary_box_a_reading_player_and_hashtags_are_furniture():
    a = load(page(
        TITLE, "Minh Khang", "1 giờ trước · 08:30 02/06/2024",
        "Nghe đọc bài", "0:00 / 3:12", "Giọng đọc: Nam miền Nam", "Tốc độ: 1x",
        "Đọc nhanh", "• Hội nghị đánh giá sáu tháng đầu năm.", "• Nhiều chi bộ được biểu dương.",
        body=(LEAD, MORE, "#xây dựng Đảng #phường Tân An #sơ kết"),
        tail=("Tin nổi bật", "Tân An ra quân dọn vệ sinh", "2 giờ trước"),
    ))
    assert (a.author, a.published) == ("Minh Khang", at(2024, 6, 2, 8, 30))
    assert a.paragraphs == (LEAD, MORE)


def test_a_provincial_citys_committee_numbers_its_tu_documents_apart():
    text = (
        "Ban Thường vụ Thành ủy đã ban hành Kế hoạch số 21-KH/TU để thực hiện "
        "Nghị quyết số 07-NQ/TU của Tỉnh ủy Bến Tre; Chỉ thị 03 của Thành ủy được quán triệt."
    )
    city = Locality("Bến Tre", "thành phố", "Bến Tre")
    assert find_documents([text], locality=city) == ("21-KH/TU Bến Tre", "07-NQ/TU Bến Tre", "03-CT/TU Bến Tre")
    town = Locality("Mỹ Tho", "thành phố", "Tiền Giang")
    assert find_documents([text], locality=town) == ("21-KH/TU Mỹ Tho", "07-NQ/TU Bến Tre", "03-CT/TU Mỹ Tho")


def test_a_central_committee_resolution_by_number_is_the_plenum_the_article_names():
    lead = "Huyện ủy quán triệt Nghị quyết số 29-NQ/TW ngày 4/11/2013 của Ban Chấp hành Trung ương Đảng (khóa XI)."
    named = "Nghị quyết Trung ương 8 khóa XI là định hướng lớn."
    assert find_documents([lead, named]) == ("Nghị quyết Trung ương 8 khóa XI",)
    # the Politburo's resolutions are no plenum's
    politburo = "Thực hiện Nghị quyết số 39-NQ/TW ngày 17/4/2015 của Bộ Chính trị (khóa XI)."
    assert find_documents([politburo, named]) == ("39-NQ/TW", "Nghị quyết Trung ương 8 khóa XI")
