"""find_locality: the unit an article is about and the others it names.

The texts below are written for these tests; the seeds are read with a crude
split (title from the truth file, everything after the title's line as body)
so that these tests do not depend on the loader's header and furniture rules.
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from luutru.loader.places import find_locality
from luutru.model import Locality

ROOT = Path(__file__).resolve().parent.parent
TRUTH = {t["file"][:3]: t for t in yaml.safe_load((ROOT / "tests" / "seeds_truth.yaml").read_text("utf-8"))}


def crude_split(key: str) -> tuple[str, str]:
    truth = TRUTH[key]
    text = (ROOT / "seeds" / truth["file"]).read_text(encoding="utf-8", errors="replace")
    title = truth["title"]
    line_end = text.index("\n", text.index(title[:30]))
    return title, text[line_end:]


# --- the seeds ----------------------------------------------------------------


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_seed_locality(key):
    title, body = crude_split(key)
    locality, _, flags = find_locality(title, "", body)
    where = TRUTH[key]["locality"]
    assert locality == Locality(where["name"], where["level"], where["province"])
    assert flags == ()


def test_seed_000_wards_of_thanh_xuan():
    # "phường Thanh Xuân Nam - mô hình …", "phường Nhân Chính - mô hình …", …
    title, body = crude_split("000")
    _, places, _ = find_locality(title, "", body)
    assert places == tuple(TRUTH["000"]["places_mentioned"])


def test_seed_001_the_city_itself():
    # "Đảng ủy Khối các cơ quan TP Hà Nội": the body names no other unit.
    title, body = crude_split("001")
    assert find_locality(title, "", body) == (Locality("Hà Nội", "thành phố", "Hà Nội"), (), ())


def test_seed_002_a_list_after_one_marker():
    # "… tại đảng bộ phường Việt Hưng, Giang Biên."
    title, body = crude_split("002")
    _, places, _ = find_locality(title, "", body)
    assert places == ("Phúc Đồng", "Thượng Thanh", "Việt Hưng", "Giang Biên")


def test_seed_003_bare_names_of_its_own_wards():
    # Marked ("Đảng bộ phường Hương Xuân, Hương Bình", "xã Hương Toàn") and
    # bare wards of thị xã Hương Trà ("ở Hương Toàn, Hương Vinh, Hương
    # Xuân", "(Hương Vân)", "2 đơn vị Bình Điền và Hồng Tiến"), some merged
    # or moved to Huế city since; in order of first mention.
    title, body = crude_split("003")
    _, places, _ = find_locality(title, "", body)
    assert set(places) == set(TRUTH["003"]["places_mentioned"])
    assert places == ("Hương Xuân", "Hương Bình", "Hương Toàn", "Hương Thọ", "Bình Điền", "Hồng Tiến",
                      "Hương Vinh", "Hương Vân", "Hương An", "Hương Văn")


def test_seed_004_phuong_9_stays_unresolved():
    # The title is in capitals and the text never says which city.
    title, body = crude_split("004")
    assert find_locality(title, "", body) == (
        Locality("Phường 9", "phường", None, None), (), ("locality-ambiguous",))


# --- shared names -------------------------------------------------------------

P9_TITLE = "PHƯỜNG 9 RA MẮT CÂU LẠC BỘ DÂN VẬN KHÉO"
P9_LEAD = "Sáng 12/3, Đảng ủy phường 9 tổ chức lễ ra mắt câu lạc bộ."


def test_phuong_9_without_context():
    assert find_locality(P9_TITLE, P9_LEAD, "") == (
        Locality("Phường 9", "phường", None, None), (), ("locality-ambiguous",))


def test_phuong_9_with_a_province_hint():
    # The hint settles the city, not which of its districts: still flagged.
    locality, _, flags = find_locality(P9_TITLE, P9_LEAD, "", province_hint="Hồ Chí Minh")
    assert locality == Locality("Phường 9", "phường", "Hồ Chí Minh", None)
    assert flags == ("locality-ambiguous",)


def test_phuong_9_with_its_district_in_the_text():
    body = "Dự lễ có đồng chí Bí thư Quận ủy quận 3 và đại diện các ban ngành."
    assert find_locality(P9_TITLE, P9_LEAD, body) == (
        Locality("Phường 9", "phường", "Hồ Chí Minh", "Quận 3"), ("Quận 3",), ())


def test_phuong_9_with_an_address():
    body = "Địa chỉ: P.9, Q.3, TP.HCM."
    locality, places, flags = find_locality("Phường 9 ra mắt câu lạc bộ", "", body)
    assert locality == Locality("Phường 9", "phường", "Hồ Chí Minh", "Quận 3")
    assert places == ("Quận 3",)  # the city is the locality's own province
    assert flags == ()


def test_district_at_title_start_resolved_by_hint():
    # quận Tân Phú (HCMC) and huyện Tân Phú (Đồng Nai).
    title = "Tân Phú: Đại hội điểm chi bộ khu phố"
    assert find_locality(title, "", "")[2] == ("locality-ambiguous",)
    assert find_locality(title, "", "", province_hint="Đồng Nai") == (
        Locality("Tân Phú", "huyện", "Đồng Nai"), (), ())


# --- what the article is about ------------------------------------------------


def test_ward_inside_the_district_of_the_title():
    locality, places, _ = find_locality("Quận Thanh Xuân: phường Kim Giang ra mắt mô hình tự quản", "", "")
    assert locality == Locality("Kim Giang", "phường", "Hà Nội", "Thanh Xuân")
    assert places == ("Thanh Xuân",)


def test_from_the_lead_the_first_unit():
    lead = "Sáng 5/3, UBND huyện Gia Lâm tổ chức lễ ra mắt tại xã Đặng Xá."
    assert find_locality("Ra mắt mô hình dân vận khéo", lead, "") == (
        Locality("Gia Lâm", "huyện", "Hà Nội"), ("Đặng Xá",), ())


def test_from_the_committees_of_the_body():
    body = (
        "Hội nghị do Huyện ủy Đông Anh chủ trì. Thành ủy Hà Nội gửi thư chúc mừng. "
        "Ban Thường vụ Huyện ủy Đông Anh đề ra năm nhiệm vụ; Huyện ủy Đông Anh giao cho các chi bộ."
    )
    locality, places, _ = find_locality("Sơ kết công tác năm", "Hội nghị diễn ra sáng nay.", body)
    assert locality == Locality("Đông Anh", "huyện", "Hà Nội")
    assert places == ()


def test_no_unit_at_all():
    assert find_locality("Một ngày hội vui", "Các cháu thiếu nhi vui chơi.", "Cả lớp hát vang.") == (
        None, (), ("no-locality",))


def test_places_without_a_locality():
    # Named, but neither in the title, the lead nor as an issuer.
    body = "Năm nay, đoàn đã đến thăm xã Đặng Xá, huyện Gia Lâm."
    assert find_locality("Một chuyến đi", "Chuyến đi đáng nhớ.", body) == (
        None, ("Đặng Xá", "Gia Lâm"), ("no-locality",))


def test_title_in_capitals():
    assert find_locality("LONG BIÊN SƠ KẾT CÔNG TÁC DÂN VẬN", "", "")[0] == Locality("Long Biên", "quận", "Hà Nội")


def test_historical_levels_and_units():
    # Hương Trà was a huyện until 2011 (a thị xã in the gazetteer): the
    # record keeps the level the text gives; quận 2 merged into Thủ Đức city in 2021.
    assert find_locality("Huyện Hương Trà tổng kết năm", "", "")[0] == Locality(
        "Hương Trà", "huyện", "Thừa Thiên Huế")
    locality, places, _ = find_locality(
        "Quận 2 ra mắt mô hình mới", "", "Phường Thảo Điền và phường An Phú, quận 2 vừa ra mắt mô hình.")
    assert locality == Locality("Quận 2", "quận", "Hồ Chí Minh")
    assert places == ("Thảo Điền", "An Phú")


def test_list_that_climbs_to_wider_units():
    body = "Xã Tân Lập, Đan Phượng, Hà Nội vừa đón bằng công nhận."
    locality, places, _ = find_locality("Xã Tân Lập đón bằng nông thôn mới", "", body)
    assert locality == Locality("Tân Lập", "xã", "Hà Nội", "Đan Phượng")
    assert places == ("Đan Phượng",)


def test_list_after_a_colon():
    body = "Các phường: Kim Giang, Khương Đình, Hạ Đình đã hoàn thành chỉ tiêu."
    _, places, _ = find_locality("Thanh Xuân: sơ kết quý I", "", body)
    assert places == ("Kim Giang", "Khương Đình", "Hạ Đình")


def test_other_provinces_and_hcmc():
    body = "Đoàn đã học tập kinh nghiệm của TP.HCM và tỉnh Bình Dương, rồi về Hà Nội."
    _, places, _ = find_locality("Huyện ủy Gia Lâm học tập kinh nghiệm", "", body)
    assert places == ("Hồ Chí Minh", "Bình Dương")  # Hà Nội is the locality's own province


def test_province_short_forms_after_a_marker():
    locality, places, _ = find_locality("Huyện ủy Phú Vang họp phiên thường kỳ", "", "Báo cáo gửi tỉnh TT-Huế.")
    assert locality == Locality("Phú Vang", "huyện", "Thừa Thiên Huế")
    assert places == ()  # its own province, however written


def test_tone_placement_and_normal_form_in_the_text():
    body = unicodedata.normalize("NFD", "Đoàn công tác làm việc với phường Thuỷ Biều và phường Vĩ Dạ.")
    _, places, _ = find_locality("TP Huế: kiểm tra công tác dân vận", "", body)
    assert places[0] == "Thủy Biều"


# --- false positives ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Cán bộ, đảng viên xây dựng khối đoàn kết thống nhất trong Đảng.",
        "Nhân dân mong muốn hòa bình, thống nhất, tân tiến và bình an.",
        "Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa, quyết thắng mọi khó khăn.",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Chỉ thị xã hội hóa công tác y tế đã đi vào cuộc sống.",
        "Các cấp ủy, Ủy ban nhân dân và Quận ủy viên phụ trách đã dự.",
        "Vì Hòa Bình và hữu nghị giữa các dân tộc.",
    ],
)
def test_common_words_are_no_places(sentence):
    assert find_locality("Hội nghị cán bộ", sentence, sentence) == (None, (), ("no-locality",))


def test_title_opening_with_a_common_word():
    # "Vinh danh" (to honour) is no thành phố Vinh; "Vinh: …" is.
    assert find_locality("Vinh danh 20 tập thể tiêu biểu", "", "")[0] is None
    assert find_locality("Vinh: ra quân làm sạch đường phố", "", "")[0] == Locality("Vinh", "thành phố", "Nghệ An")


def test_the_president_and_peace_at_the_start_of_a_title():
    assert find_locality("Hồ Chí Minh - Người khai sinh nền báo chí cách mạng", "", "")[0] is None
    assert find_locality("Hòa Bình cho muôn nhà", "", "")[0] is None


def test_wards_named_after_people_need_a_marker():
    # Hà Đông had a phường Nguyễn Trãi; the scholar is named more often.
    body = "Hội thảo về Nguyễn Trãi và vua Quang Trung có đại biểu phường Nguyễn Trãi, Văn Quán."
    _, places, _ = find_locality("Quận Hà Đông tổ chức hội thảo", "", body)
    assert places == ("Nguyễn Trãi", "Văn Quán")
    _, places, _ = find_locality("Quận Hà Đông tổ chức hội thảo", "", "Hội thảo về Nguyễn Trãi.")
    assert places == ()


def test_capitals_are_no_commune():
    assert find_locality("XÃ HỘI HÓA CÔNG TÁC Y TẾ", "", "")[0] is None


def test_bare_names_need_their_own_place():
    # Thanh Xuân is a district of Hà Nội, but here a woman's name; Hai Bà
    # Trưng a street; Hòa Bình and Bình An common words.
    body = ("Chị Thanh Xuân ở tổ dân phố số 3 kể lại. Đoàn đi theo đường Hai Bà Trưng. "
            "Mọi người cầu chúc Hòa Bình, Bình An.")
    assert find_locality("Quận Hoàn Kiếm: chuyện ở khu phố", "", body)[1] == ()


def test_bare_district_of_the_same_province():
    body = "Mô hình đã được nhân rộng ra Cầu Giấy, Đống Đa."
    assert find_locality("Quận Thanh Xuân nhân rộng mô hình", "", body)[1] == ("Cầu Giấy", "Đống Đa")


# --- shape and cost -----------------------------------------------------------


def test_returns_tuples():
    locality, places, flags = find_locality("Quận ủy Long Biên", "", "phường Việt Hưng")
    assert isinstance(places, tuple) and isinstance(flags, tuple)
    assert locality == Locality("Long Biên", "quận", "Hà Nội")


def test_cost_of_a_10_kb_article():
    paragraph = (
        "Trong năm qua, Đảng bộ quận Thanh Xuân đã lãnh đạo các chi bộ thực hiện tốt nhiệm vụ chính trị, "
        "phường Kim Giang và phường Hạ Đình hoàn thành chỉ tiêu; Hội Phụ nữ, Đoàn Thanh niên tổ chức "
        "nhiều hoạt động xã hội, thành công tốt đẹp, được Thành ủy Hà Nội biểu dương. "
    )
    body = paragraph * (10_000 // len(paragraph.encode()) + 1)
    find_locality("Thanh Xuân: tổng kết năm", "", body)  # warm the caches
    runs = 100
    start = time.process_time()
    for _ in range(runs):
        find_locality("Thanh Xuân: tổng kết năm", "", body)
    per_article = (time.process_time() - start) / runs
    # About 0.3 ms on a 2-core developer machine; loose for a busy CI.
    assert per_article < 0.005


# --- after the 2025 reform ----------------------------------------------------

AUGUST_2025 = dt.date(2025, 8, 20)


def test_an_article_after_the_reform_names_a_new_commune():
    # Before the reform "Đông Anh" was a huyện and its thị trấn; since July 2025 a xã.
    title = "Xã Đông Anh ra mắt Trung tâm phục vụ hành chính công"
    locality, _, flags = find_locality(title, "", "", published=AUGUST_2025)
    assert locality == Locality("Đông Anh", "xã", "Hà Nội")  # no district in the two-level order
    assert flags == ()
    old, _, _ = find_locality(title, "", "", published=dt.date(2021, 3, 1))
    assert old == Locality("Đông Anh", "thị trấn", "Hà Nội", "Đông Anh")


def test_a_new_ward_is_not_the_old_city_of_its_name():
    lead = "Sáng 4/9, UBND phường Quy Nhơn, tỉnh Gia Lai tổ chức lễ ra mắt."
    assert find_locality("Ra mắt bộ máy mới", lead, lead, published=AUGUST_2025)[0] == Locality(
        "Quy Nhơn", "phường", "Gia Lai"
    )
    lead = "Sáng 4/9/2019, UBND thành phố Quy Nhơn tổ chức hội nghị."
    assert find_locality("Hội nghị sơ kết", lead, lead, published=dt.date(2019, 9, 5))[0] == Locality(
        "Quy Nhơn", "thành phố", "Bình Định"
    )


def test_a_new_name_two_provinces_share_stays_open_until_the_text_settles_it():
    title = "Phường Hoàng Mai tổng kết công tác dân vận"
    locality, _, flags = find_locality(title, "", "", published=AUGUST_2025)
    assert locality == Locality("Hoàng Mai", "phường", None) and flags == ("locality-ambiguous",)
    body = "Đảng ủy phường Hoàng Mai, tỉnh Nghệ An tổ chức hội nghị."
    assert find_locality(title, "", body, published=AUGUST_2025)[0] == Locality("Hoàng Mai", "phường", "Nghệ An")


def test_without_a_date_the_text_tells_the_new_order():
    # A two-level address whose ward the old province did not have.
    body = "Địa chỉ: phường Trường Vinh, tỉnh Nghệ An"
    assert find_locality("Phường Trường Vinh họp dân", "", body)[0] == Locality("Trường Vinh", "phường", "Nghệ An")
    lead = "Sau một tháng vận hành chính quyền địa phương hai cấp, xã Đông Anh đã tiếp nhận 900 hồ sơ."
    assert find_locality("Tin hành chính", lead, lead)[0] == Locality("Đông Anh", "xã", "Hà Nội")
    # The same words before the provinces were merged: the old units.
    assert find_locality("Tin hành chính", lead, lead, published=dt.date(2024, 5, 2))[0].level == "thị trấn"


def test_a_former_unit_named_in_a_new_article_is_not_taken_for_a_new_one():
    # "thị trấn Đông Anh (cũ)" is gone; read as a ward it would be the new xã Đông Anh.
    lead = "Cùng các thôn của thị trấn Đông Anh (cũ), UBND xã Thư Lâm tổ chức hội nghị tiếp xúc cử tri."
    locality, places, _ = find_locality("Tiếp xúc cử tri", lead, lead, published=AUGUST_2025)
    assert locality == Locality("Thư Lâm", "xã", "Hà Nội")
    assert "Đông Anh" not in places


def test_a_special_zone():
    locality, _, _ = find_locality("Đặc khu Phú Quốc đón 100.000 lượt khách", "", "", published=AUGUST_2025)
    assert locality == Locality("Phú Quốc", "đặc khu", "An Giang")


def test_an_old_province_hint_means_the_province_it_joined():
    # phường Bình Thuận is in Lâm Đồng (which took in Đắk Nông) and in Tuyên Quang;
    # a source hint written before the merger still says which.
    title = "Phường Bình Thuận ra quân làm sạch môi trường"
    locality, _, _ = find_locality(title, "", "", province_hint="Đắk Nông", published=AUGUST_2025)
    assert locality == Locality("Bình Thuận", "phường", "Lâm Đồng")


def test_the_level_the_text_gives_is_the_level_at_the_time():
    # thị xã in 2015 and thành phố in the gazetteer; the same unit, one province
    lead = "Sáng 10/3, Huyện ủy Hoài Nhơn tổ chức hội nghị; huyện Hoài Nhơn có 17 xã, thị trấn."
    locality, _, _ = find_locality("Hoài Nhơn tổng kết năm 2014", lead, "")
    assert locality == Locality("Hoài Nhơn", "huyện", "Bình Định")
    lead = "Sáng 10/3, Thị ủy Hoài Nhơn tổ chức hội nghị tổng kết."
    locality, _, _ = find_locality("Hoài Nhơn tổng kết năm 2020", lead, "")
    assert locality == Locality("Hoài Nhơn", "thị xã", "Bình Định")


def test_a_ward_numbered_in_roman_numerals():
    lead = "Đảng ủy Phường IV, thành phố Vị Thanh tổ chức hội nghị sơ kết."
    locality, _, _ = find_locality("Phường IV sơ kết công tác Đảng", lead, "")
    assert locality == Locality("Phường IV", "phường", "Hậu Giang", "Vị Thanh")


def test_a_district_in_parentheses_settles_a_shared_commune_name():
    lead = "Đảng bộ xã Thanh Hải (Thanh Hà) gắn việc học tập và làm theo Bác với phát triển vùng vải."
    locality, _, _ = find_locality("Xã Thanh Hải làm theo Bác", lead, "")
    assert locality == Locality("Thanh Hải", "xã", "Hải Dương", "Thanh Hà")


def test_a_newspapers_province_settles_what_the_text_leaves_open():
    lead = "Đảng bộ xã Thanh Hải gắn việc học tập và làm theo Bác với phát triển vùng vải."
    assert find_locality("Xã Thanh Hải làm theo Bác", lead, "")[0].province is None
    locality, _, _ = find_locality("Xã Thanh Hải làm theo Bác", lead, "", site="Báo Hải Dương")
    assert (locality.name, locality.province) == ("Thanh Hải", "Hải Dương")
