"""The gazetteer: pre-2025 units, the names people write for them, and `fold`."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luutru.gazetteer import Gazetteer, Unit, current_name, fold, split_prefix, to_locality
from luutru.model import Locality


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


def one(units: tuple[Unit, ...]) -> Unit:
    assert len(units) == 1, units
    return units[0]


# --- fold -------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Hoà Bình", "Hòa Bình"),  # tone on the second or the first vowel
        ("Thuỷ Biều", "Thủy Biều"),
        ("Khoá XII", "Khóa XII"),
        ("HÒA BÌNH", "hòa bình"),
        ("Phường 09", "Phường 9"),
        ("  Thanh   Xuân ", "Thanh Xuân"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Đắk Lắk", "Dắk Lắk"),  # đ folds to d
        ("Ea H'Leo", "Ea HLeo"),
    ],
)
def test_fold_equal(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Hòa Bình", "Hóa Bình"),  # a different tone is a different name
        ("Hòa Bình", "Hoa Bình"),
        ("Thanh Xuân", "Thanh Xuan"),  # vowel marks are kept
        ("Phường 9", "Phường 19"),
    ],
)
def test_fold_different(a, b):
    assert fold(a) != fold(b)


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ "


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), max_size=30))
def test_fold_ignores_normal_form_and_case(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert fold(text.upper()) == fold(text.lower())


# --- prefixes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "written, level, name",
    [
        ("TP. Hồ Chí Minh", "thành phố", "Hồ Chí Minh"),
        ("TP Hà Nội", "thành phố", "Hà Nội"),
        ("T.P Hà Nội", "thành phố", "Hà Nội"),
        ("Thành phố Vinh", "thành phố", "Vinh"),
        ("TX. Hương Trà", "thị xã", "Hương Trà"),
        ("Thị xã Hương Trà", "thị xã", "Hương Trà"),
        ("Q. Thanh Xuân", "quận", "Thanh Xuân"),
        ("Q3", "quận", "3"),
        ("H. Gia Lâm", "huyện", "Gia Lâm"),
        ("P.9", "phường", "9"),
        ("X. Tân Lập", "xã", "Tân Lập"),
        ("TT Phú Bài", "thị trấn", "Phú Bài"),
        ("Tỉnh Quảng Nam", "tỉnh", "Quảng Nam"),
        ("Hương Trà", None, "Hương Trà"),
        ("Huế", None, "Huế"),  # "H" + "uế" is no prefix
        ("Tân Phú", None, "Tân Phú"),  # nor "T" + "ân"
    ],
)
def test_split_prefix(written, level, name):
    assert split_prefix(written) == (level, name)


# --- lookup -----------------------------------------------------------------


def test_lookup_with_and_without_prefix(gz):
    district = Unit("Thanh Xuân", "quận", "Hà Nội", None, 9, "district")
    assert gz.lookup("quận Thanh Xuân") == (district,)
    assert gz.lookup("Q. Thanh Xuân") == (district,)
    assert gz.lookup("Thanh Xuân", level="quận") == (district,)
    # Bare, the name is also a commune of Sóc Sơn (Hà Nội) and of other
    # provinces: every unit comes back, the wider tier first.
    bare = gz.lookup("Thanh Xuân")
    assert bare[0] == district
    assert any(u.tier == "ward" and u.district == "Sóc Sơn" for u in bare)


def test_lookup_names_carry_no_prefix(gz):
    ward = one(gz.lookup("phường Thanh Xuân Bắc"))
    assert (ward.name, ward.level, ward.district, ward.province, ward.tier) == (
        "Thanh Xuân Bắc", "phường", "Thanh Xuân", "Hà Nội", "ward")
    assert one(gz.lookup("Thành phố Hà Nội")).name == "Hà Nội"
    # A ward whose own name begins with "Phường" (in Huế) keeps it.
    assert one(gz.lookup("Phường Đúc")).name == "Phường Đúc"


@pytest.mark.parametrize("written", ["Hòa Bình", "Hoà Bình", "HÒA BÌNH", unicodedata.normalize("NFD", "Hòa Bình")])
def test_lookup_tone_mark_variants(gz, written):
    province = one(gz.lookup(written, level="tỉnh"))
    # Names are shown in one spelling whatever the data or the text used.
    assert province.name == "Hòa Bình"


def test_names_are_spelt_one_way(gz):
    assert one(gz.lookup("Thuỷ Biều")).name == "Thủy Biều"
    assert one(gz.lookup("tỉnh Khánh Hoà")).name == "Khánh Hòa"


@pytest.mark.parametrize(
    "written", ["TP HCM", "TP.HCM", "TPHCM", "Tp. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Sài Gòn", "Hồ Chí Minh"]
)
def test_province_aliases_hcmc(gz, written):
    assert gz.province(written) == Unit("Hồ Chí Minh", "thành phố", "Hồ Chí Minh", None, 79, "province")


def test_province_aliases(gz):
    assert gz.province("Thủ đô").name == "Hà Nội"
    assert gz.province("Huế").name == "Thừa Thiên Huế"
    assert gz.province("tỉnh Thừa Thiên - Huế").name == "Thừa Thiên Huế"
    assert gz.province("Ha Noi").name == "Hà Nội"  # typed without diacritics
    assert gz.province("Dak Lak").name == "Đắk Lắk"
    assert gz.province("TT-Huế").name == gz.province("TT Huế").name == "Thừa Thiên Huế"
    assert gz.province("Atlantis") is None


def test_hue_is_the_province_and_the_old_city(gz):
    found = gz.lookup("Huế")
    assert [u.tier for u in found] == ["province", "district"]
    city = found[1]
    assert (city.level, city.province, city.until) == ("thành phố", "Thừa Thiên Huế", "2025-01")


def test_historical_thi_xa_huong_tra(gz):
    huong_tra = one(gz.lookup("thị xã Hương Trà"))
    assert (huong_tra.level, huong_tra.province) == ("thị xã", "Thừa Thiên Huế")
    # Written with its old level, or a neighbouring one, it is still found.
    assert gz.lookup("huyện Hương Trà") == (huong_tra,)
    names = {u.name for u in gz.children(huong_tra)}
    # Units it had in 2016-2021, merged or moved to Huế city since.
    assert {"Hương Vinh", "Hương An", "Hương Thọ", "Bình Điền", "Hồng Tiến"} <= names
    # Units it still had in 2025.
    assert {"Tứ Hạ", "Hương Văn", "Hương Xuân", "Hương Toàn", "Bình Tiến"} <= names


def test_unit_merged_in_2025_still_resolves(gz):
    kim_giang = one(gz.lookup("phường Kim Giang", province="Hà Nội"))
    assert (kim_giang.district, kim_giang.until) == ("Thanh Xuân", "2025-01")
    assert kim_giang in gz.children(one(gz.lookup("quận Thanh Xuân")))


def test_district_abolished_in_2021_still_resolves(gz):
    quan_2 = one(gz.lookup("Quận 2"))
    assert (quan_2.province, quan_2.until) == ("Hồ Chí Minh", "2021-01")
    thao_dien = [u for u in gz.lookup("phường Thảo Điền") if u.district == "Quận 2"]
    assert thao_dien and gz.contains(quan_2, thao_dien[0])
    # Quận Thủ Đức (to 2020) and thành phố Thủ Đức (from 2021) are two units.
    assert {u.level for u in gz.lookup("Thủ Đức")} == {"quận", "thành phố"}
    assert one(gz.lookup("TP Thủ Đức")).until is None


def test_a_moved_ward_keeps_its_code(gz):
    # Hương An left thị xã Hương Trà for Huế city in 2021: one ward, two placements.
    placements = gz.lookup("phường Hương An", province="Thừa Thiên Huế")
    assert {u.district for u in placements} == {"Hương Trà", "Phú Xuân"}
    assert len({u.code for u in placements}) == 1


def test_phuong_9_is_in_many_cities(gz):
    everywhere = gz.lookup("Phường 9")
    assert len({u.province for u in everywhere}) > 5
    assert gz.lookup("P.9") == everywhere == gz.lookup("Phường 09") == gz.lookup("9", level="phường")
    in_hcmc = gz.lookup("Phường 9", province="TP.HCM")
    assert len(in_hcmc) > 1 and {u.province for u in in_hcmc} == {"Hồ Chí Minh"}
    assert "Quận 3" in {u.district for u in in_hcmc}
    assert all(u.name == "Phường 9" for u in everywhere)


def test_lookup_misses(gz):
    assert gz.lookup("Atlantis") == ()
    assert gz.lookup("Thanh Xuân", province="Atlantis") == ()
    assert gz.lookup("9") != ()  # a number with no level: wards and districts both
    assert gz.lookup("9", level="xã") == ()


# --- the tree ---------------------------------------------------------------


def test_provinces(gz):
    provinces = gz.provinces()
    assert len(provinces) == 63
    assert provinces[0].name == "Hà Nội"  # the official code order
    names = {p.name for p in provinces}
    assert {"Thừa Thiên Huế", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Hà Giang"} <= names
    assert "Huế" not in names
    assert all(p.tier == "province" and p.province == p.name and p.district is None for p in provinces)


def test_children_and_ancestors(gz):
    ha_noi = gz.province("Hà Nội")
    thanh_xuan = one(gz.lookup("quận Thanh Xuân"))
    assert thanh_xuan in gz.children(ha_noi)
    ward = one(gz.lookup("phường Nhân Chính", province="Hà Nội"))
    assert gz.ancestors(ward) == (thanh_xuan, ha_noi)
    assert gz.parent(ward) == thanh_xuan
    assert gz.children(ward) == ()
    assert gz.contains(ha_noi, ward) and not gz.contains(ward, ha_noi)


def test_provincial_city_named_like_its_province(gz):
    # thành phố Hà Tĩnh is a district of tỉnh Hà Tĩnh: one name, two tiers.
    units = gz.lookup("Hà Tĩnh")
    assert {(u.level, u.tier) for u in units} >= {("tỉnh", "province"), ("thành phố", "district")}


def test_to_locality(gz):
    ward = one(gz.lookup("phường Kim Giang", province="Hà Nội"))
    assert to_locality(ward) == Locality("Kim Giang", "phường", "Hà Nội", "Thanh Xuân")
    district = one(gz.lookup("thị xã Hương Trà"))
    assert to_locality(district) == Locality("Hương Trà", "thị xã", "Thừa Thiên Huế", None)
    assert to_locality(gz.province("Hà Nội")) == Locality("Hà Nội", "thành phố", "Hà Nội", None)


def test_unit_defaults_and_label():
    assert Unit("Hà Nội", "thành phố", "Hà Nội").tier == "province"
    assert Unit("Vinh", "thành phố", "Nghệ An").tier == "district"
    assert Unit("Kim Giang", "phường", "Hà Nội", "Thanh Xuân").tier == "ward"
    assert Unit("Kim Giang", "phường", "Hà Nội", "Thanh Xuân").label == "phường Kim Giang"
    assert Unit("Phường 9", "phường", "Hồ Chí Minh", "Quận 3").label == "Phường 9"
    assert hash(Unit("Vinh", "thành phố", "Nghệ An")) == hash(Unit("Vinh", "thành phố", "Nghệ An"))


def test_from_units_builds_a_small_gazetteer():
    units = [
        Unit("Hà Nội", "thành phố", "Hà Nội", code=1),
        Unit("Thanh Xuân", "quận", "Hà Nội", code=9),
        Unit("Kim Giang", "phường", "Hà Nội", "Thanh Xuân"),
    ]
    small = Gazetteer.from_units(units, {"Hà Nội": ["Thủ đô"]})
    assert small.lookup("Thủ đô") == (units[0],)
    assert small.ancestors(units[2]) == (units[1], units[0])
    assert small.provinces() == (units[0],)


# --- after the reform ---------------------------------------------------------


def test_current_name(gz):
    ward = one(gz.lookup("phường Thanh Xuân Bắc"))
    now = current_name(ward)
    assert now is not None and now.endswith("Hà Nội") and now.startswith("Phường")
    assert current_name(gz.province("Hà Giang")) == "Tỉnh Tuyên Quang"
    assert current_name(one(gz.lookup("quận Thanh Xuân"))) is None  # districts have no successor
    assert current_name(one(gz.lookup("xã Bình Điền"))) is None  # merged before the package's data


# --- cost -------------------------------------------------------------------


def test_load_is_shared():
    assert Gazetteer.load() is Gazetteer.load()


def test_lookup_is_fast(gz):
    start = time.perf_counter()
    for _ in range(1000):
        gz.lookup("phường Kim Giang", province="Hà Nội")
    # A few microseconds each; the bound is loose so a busy CI passes.
    assert time.perf_counter() - start < 1.0


# --- the order since the 2025 reform ----------------------------------------


@pytest.fixture(scope="module")
def new() -> Gazetteer:
    return Gazetteer.load(after_reform=True)


def test_the_new_order_has_34_provinces_and_wards_straight_under_them(new):
    assert len(new.provinces()) == 34
    ward = one(new.lookup("phường Trường Vinh"))
    assert (ward.province, ward.district, ward.since) == ("Nghệ An", None, "2025-07")
    assert new.ancestors(ward) == (one(new.lookup("tỉnh Nghệ An")),)
    assert to_locality(ward) == Locality("Trường Vinh", "phường", "Nghệ An")
    assert current_name(ward) is None  # it is what the reform made


def test_the_same_name_before_and_after_is_two_units(gz, new):
    before, after = one(gz.lookup("Quy Nhơn")), one(new.lookup("Quy Nhơn"))
    assert (before.level, before.province) == ("thành phố", "Bình Định")
    assert (after.level, after.province) == ("phường", "Gia Lai")
    assert before != after
    assert gz.lookup("phường Quy Nhơn") == ()


def test_a_merged_province_is_a_name_of_the_province_it_joined(new):
    assert new.province("Bình Định").name == "Gia Lai"
    assert new.province("Thừa Thiên Huế").name == "Huế"
    assert new.province("TP HCM").name == "Hồ Chí Minh"


def test_special_zones_are_at_ward_level(new):
    zone = one(new.lookup("đặc khu Côn Đảo"))
    assert (zone.tier, zone.province) == ("ward", "Hồ Chí Minh")
