"""The site model: URLs, pagination and what each page shows."""

import datetime as dt
from pathlib import Path

import pytest

from luutru.config import Config
from luutru.errors import BuildError
from luutru.model import VIETNAM, Article, Locality
from luutru.registry import Registry
from luutru.render import relative
from luutru.site import build_site, place_entries, slug


def art(title, day=1, month=5, **kw):
    return Article(title=title, published=dt.datetime(2021, month, day, 8, 0, tzinfo=VIETNAM), **kw)


def test_slugs_are_ascii_with_d_for_dj_and_never_empty():
    assert slug("Đảng bộ phường Đống Đa") == "dang-bo-phuong-dong-da"
    assert slug("!!!", fallback="bai-viet") == "bai-viet"


def test_article_url_follows_the_design():
    (e,) = place_entries([("a.md", art("Thanh Xuân: Học tập, làm theo tư tưởng, đạo đức", 11))])
    assert e.url == "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-tu-tuong/"


def test_two_records_with_one_title_get_two_stable_urls():
    first, second = art("Hội nghị sơ kết", 1), art("Hội nghị sơ kết", 20)
    urls = {e.key: e.url for e in place_entries([("b.md", second), ("a.md", first)])}
    assert urls == {"a.md": "bai-viet/2021/05/hoi-nghi-so-ket/", "b.md": "bai-viet/2021/05/hoi-nghi-so-ket-2/"}
    # a third namesake, published later, moves neither of them
    later = {e.key: e.url for e in place_entries([("b.md", second), ("a.md", first), ("c.md", art("Hội nghị sơ kết", 30))])}
    assert later["a.md"] == urls["a.md"] and later["b.md"] == urls["b.md"]


def test_an_explicit_slug_wins_and_a_clash_of_explicit_slugs_is_an_error():
    entries = place_entries([("a.md", art("Một")), ("b.md", art("Hai", slug="mot"))])
    assert {e.key: e.url for e in entries}["b.md"] == "bai-viet/2021/05/mot/"
    with pytest.raises(BuildError, match="already used"):
        place_entries([("a.md", art("Một", slug="x")), ("b.md", art("Hai", slug="x"))])


def pages_of(records, **config):
    site = build_site(Config(root=Path("/tmp"), **config), records, Registry.empty())
    return {p.url: p for p in site.pages}


def test_listing_pages_hold_page_size_articles_each():
    records = [(f"{i:02d}.md", art(f"Bài {i}", day=1 + i % 28)) for i in range(45)]
    pages = pages_of(records, page_size=20)
    assert [len(pages[u].context["articles"]) for u in ("thoi-gian/2021/05/", "thoi-gian/2021/05/trang/2/", "thoi-gian/2021/05/trang/3/")] == [20, 20, 5]
    assert "thoi-gian/2021/05/trang/4/" not in pages
    # newest first
    dates = [a["published"] for a in pages["thoi-gian/2021/05/"].context["articles"]]
    assert dates == sorted(dates, reverse=True)


def test_each_page_knows_the_records_it_shows():
    loc = Locality("Thanh Xuân", "quận", "Hà Nội")
    pages = pages_of([("a.md", art("A", locality=loc, documents=("05-CT/TW",))), ("b.md", art("B"))])
    assert pages["bai-viet/2021/05/a/"].records == {"a.md"}
    assert pages["dia-phuong/ha-noi/thanh-xuan/"].records == {"a.md"}
    assert pages["dia-phuong/ha-noi/"].records == {"a.md"}  # a province page lists its districts' articles
    assert pages["van-ban/05-ct-tw/"].records == {"a.md"}
    assert pages["thoi-gian/2021/05/"].records == {"a.md", "b.md"}


def test_an_ambiguous_locality_is_listed_apart_not_guessed():
    pages = pages_of([("a.md", art("A", locality=Locality("Phường 9", "phường", None)))])
    assert "dia-phuong/chua-xac-dinh/phuong-9/" in pages
    assert pages["dia-phuong/"].context["unresolved"][0]["name"] == "Phường 9"


@pytest.mark.parametrize(
    "target, page, expected",
    [
        ("van-ban/05-ct-tw/", "bai-viet/2021/05/x/", "../../../../van-ban/05-ct-tw/index.html"),
        ("", "bai-viet/2021/05/x/", "../../../../index.html"),
        ("static/style.css", "", "static/style.css"),
        ("thoi-gian/", "", "thoi-gian/index.html"),
        ("", "", "index.html"),
        ("", "404.html", "index.html"),
    ],
)
def test_links_are_relative_and_name_index_html_for_file_urls(target, page, expected):
    assert relative(target, page, pretty=False) == expected


def test_pretty_links_end_with_a_slash():
    assert relative("van-ban/05-ct-tw/", "bai-viet/2021/05/x/", pretty=True) == "../../../../van-ban/05-ct-tw/"
    assert relative("", "van-ban/", pretty=True) == "../"
    assert relative("", "", pretty=True) == "./"


def test_pagination_links_a_window_of_pages_not_all_of_them():
    from luutru.site import page_window

    assert page_window(1, 3) == [1, 2, 3]
    assert page_window(10, 40) == [1, 0, 8, 9, 10, 11, 12, 0, 40]
    assert page_window(40, 40) == [1, 0, 38, 39, 40]


def test_a_commune_of_the_new_order_has_its_own_page_and_nothing_to_say_of_2025():
    from functools import partial

    from luutru.build import unit_facts
    from luutru.gazetteer import Gazetteer

    # huyện Đông Anh (before 2025) and xã Đông Anh (since): two units, two pages.
    district = Locality("Đông Anh", "huyện", "Hà Nội")
    commune = Locality("Đông Anh", "xã", "Hà Nội")  # no district in the two-level order
    site = build_site(
        Config(root=Path("/tmp")),
        [("a.md", art("A", locality=district)), ("b.md", art("B", locality=commune))],
        Registry.empty(),
        places=partial(unit_facts, Gazetteer.load()),
    )
    pages = {p.url: p for p in site.pages}
    assert pages["dia-phuong/ha-noi/dong-anh/"].records == {"a.md"}
    assert pages["dia-phuong/ha-noi/xa-dong-anh/"].records == {"b.md"}
    assert pages["dia-phuong/ha-noi/xa-dong-anh/"].context["unit"]["now"] is None
