"""Text typed with the legacy Vietnamese fonts (TCVN3/ABC, VNI) and the
8-bit encodings, read back as Unicode."""

from __future__ import annotations

import pytest

from luutru.loader import load_article
from luutru.loader.decode import decode
from luutru.loader.legacy import from_tcvn3, from_vni, repair

# "Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư
# tưởng, đạo đức, phong cách Hồ Chí Minh", typed in each font.
UNICODE = "Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
TCVN3 = "ChØ thÞ sè 05-CT/TW cña Bé ChÝnh trÞ vÒ ®Èy m¹nh häc tËp vµ lµm theo t\xad t\xadëng, ®¹o ®øc, phong c¸ch Hå ChÝ Minh"
VNI = "Chæ thò soá 05-CT/TW cuûa Boä Chính trò veà ñaåy maïnh hoïc taäp vaø laøm theo tö töôûng, ñaïo ñöùc, phong caùch Hoà Chí Minh"


def test_the_tables():
    assert from_tcvn3(TCVN3) == UNICODE
    assert from_vni(VNI) == UNICODE


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("§¶ng bé", "Đảng bộ"), ("Thõa Thiªn HuÕ", "Thừa Thiên Huế"), ("NghÖ An", "Nghệ An"),
        ("h\xadíng dÉn", "hướng dẫn"), ("®¾k l¾k", "đắk lắk"), ("ẳ", "ẳ"),
    ],
)
def test_tcvn3_letters(legacy, unicode):
    assert from_tcvn3(legacy) == unicode


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Ñaûng boä", "Đảng bộ"), ("Thöøa Thieân Hueá", "Thừa Thiên Huế"), ("ÑAÛNG UÛY", "ĐẢNG ỦY"),
        ("Ñaø Naüng", "Đà Nẵng"), ("aú", "ẳ"), ("Myõ", "Mỹ"), ("quî", "quỵ"), ("lòch söû", "lịch sử"),
        ("ñieàu", "điều"), ("Nguyeãn", "Nguyễn"),
    ],
)
def test_vni_letters(legacy, unicode):
    assert from_vni(legacy) == unicode


def test_repair_converts_legacy_lines_and_leaves_unicode_ones():
    page = f"Cổng thông tin điện tử huyện Tân An\n{TCVN3}\n{TCVN3}\nBản in | Quay lại"
    assert repair(page) == f"Cổng thông tin điện tử huyện Tân An\n{UNICODE}\n{UNICODE}\nBản in | Quay lại"
    assert repair(f"{VNI}\n{VNI}") == f"{UNICODE}\n{UNICODE}"


@pytest.mark.parametrize(
    "text",
    [
        UNICODE,
        "Giá 50.000đ · Nhiệt độ 30°C · © 2021 Cổng thông tin điện tử · Trang chủ » Tin tức » Xây dựng Đảng",
        "Ông Müller (Đức), bà Françoise (Pháp) và ông Nuñez (Tây Ban Nha) dự hội thảo về phố cổ Hội An.",
    ],
)
def test_unicode_text_is_left_alone(text):
    assert repair(text) == text


@pytest.mark.parametrize(
    "data",
    [
        (TCVN3 + "\r\n") .encode("latin-1") * 2,
        (VNI + "\r\n").encode("latin-1") * 2,
        (TCVN3 + "\n").encode("utf-8") * 2,
        (VNI + "\n").encode("utf-8") * 2,
    ],
    ids=["tcvn3-bytes", "vni-bytes", "tcvn3-in-utf8", "vni-in-utf8"],
)
def test_files_in_legacy_fonts_decode_to_unicode(data):
    assert decode(data, "x.txt").split("\n")[0] == UNICODE


def test_a_whole_article_in_tcvn3():
    text = "\n".join(
        [
            "Ph\xadêng T©n An s¬ kÕt c«ng t¸c x©y dùng §¶ng",
            "Ngµy ®¨ng: 02/04/2021",
            "",
            "ChiÒu nay, §¶ng ñy ph\xadêng T©n An tæ chøc héi nghÞ s¬ kÕt c«ng t¸c x©y dùng §¶ng s¸u th¸ng ®Çu n¨m.",
            "",
            "Thu Hµ",
        ]
    )
    a = load_article(text.encode("latin-1"), "x.txt")
    assert a.title == "Phường Tân An sơ kết công tác xây dựng Đảng"
    assert a.author == "Thu Hà"
    assert str(a.published) == "2021-04-02"


# The same sentence in VISCII (RFC 1456), written out byte by byte.
VISCII = (
    b"Ch\xef th\xb8 s\xaf 05-CT/TW c\xfca B\xb5 Ch\xednh tr\xb8 v\xab \xf0\xa6y m\xd5nh h\xf7c t\xa7p v\xe0 l\xe0m theo t\xdf "
    b"t\xdf\xb7ng, \xf0\xd5o \xf0\xd1c, phong c\xe1ch H\xb0 Ch\xed Minh"
)


def test_a_file_in_viscii_reads_as_unicode():
    assert decode(VISCII + b"\r\n" + VISCII, "x.txt").split("\n") == [UNICODE, UNICODE]
    # The six capitals VISCII keeps among the control characters are letters, not controls.
    capitals = b"\x02 \x05 \x06 \x14 \x19 \x1e"
    assert decode(VISCII + b"\n" + capitals, "x.txt").split("\n")[1] == "Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ"


def test_the_viscii_table_is_the_c_librarys():
    import shutil
    import subprocess

    from luutru.loader.legacy import decode_viscii

    if shutil.which("iconv") is None or "VISCII" not in subprocess.run(["iconv", "-l"], capture_output=True, text=True).stdout:
        pytest.skip("no iconv with VISCII to compare with")
    every = bytes(range(1, 256))
    reference = subprocess.run(["iconv", "-f", "VISCII", "-t", "UTF-8"], input=every, capture_output=True, check=True).stdout
    assert decode_viscii(every) == reference.decode("utf-8")


def test_a_file_in_windows_1258_is_not_taken_for_viscii():
    from conftest import to_cp1258

    assert decode(to_cp1258(UNICODE + "\n" + UNICODE), "x.txt").split("\n") == [UNICODE, UNICODE]
