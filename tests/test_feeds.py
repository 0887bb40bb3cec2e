"""Feeds and machine files: Atom feeds a reader can follow, sitemap, robots.txt, page metadata."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import links_of, make_site, record, resolve, run

from luutru.config import Config
from luutru.model import Article, Locality
from luutru.registry import Registry
from luutru.site import build_site

feedparser = pytest.importorskip("feedparser")

LOC = "locality: {name: Thanh Xuân, level: quận, province: Hà Nội}\n"
RECORDS = {
    "2021/05/a.md": record(
        "Thanh Xuân học tập & làm theo <Bác>",
        extra=LOC + "documents: [05-CT/TW, 124-QĐ/TW]\nauthor: Thu Uyên\nsection: Xây dựng Đảng\n",
        body="Đảng bộ quận Thanh Xuân thực hiện Chỉ thị 05.",
    ),
    "2021/04/b.md": record("Bài thứ hai", "2021-04-02", LOC + "documents: [05-CT/TW]\n"),
    "x/undated.md": record("Bài không rõ ngày", "null", LOC),
}
BASE = "https://example.org/luu-tru/"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name, config in (("plain", ""), ("based", f"base_url: {BASE}\n")):
        root = make_site(tmp_path_factory.mktemp(name), RECORDS, config)
        run("build", cwd=root, check=True)
        out[name] = root / "site"
    return out


FEEDS = ["feed.xml", "dia-phuong/ha-noi/feed.xml", "dia-phuong/ha-noi/thanh-xuan/feed.xml", "van-ban/05-ct-tw/feed.xml"]


@pytest.mark.parametrize("name", ["plain", "based"])
@pytest.mark.parametrize("feed", FEEDS)
def test_every_feed_is_valid_atom(sites, name, feed):
    path = sites[name] / feed
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    ElementTree.fromstring(path.read_bytes())  # well-formed XML
    titles = [e.title for e in parsed.entries]
    assert titles[0] == "Thanh Xuân học tập & làm theo <Bác>"
    assert "Bài không rõ ngày" not in titles  # a feed follows dated news
    entry = parsed.entries[0]
    assert entry.id and entry.updated_parsed and entry.published.startswith("2021-05-11T09:41:00+07:00")
    assert "05-CT/TW" in [t.term for t in entry.tags]


def test_feed_links_are_absolute_with_a_base_url_and_resolve_without_one(sites):
    based = feedparser.parse((sites["based"] / "van-ban/05-ct-tw/feed.xml").read_bytes())
    assert based.feed.id == BASE + "van-ban/05-ct-tw/feed.xml"
    assert based.entries[0].link == BASE + "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-bac/"
    assert based.entries[0].id == based.entries[0].link
    assert {l.href for l in based.feed.links} == {BASE + "van-ban/05-ct-tw/feed.xml", BASE + "van-ban/05-ct-tw/"}
    # Without a base URL, links are relative to the feed, and ids are stable URNs.
    feed = sites["plain"] / "van-ban/05-ct-tw/feed.xml"
    plain = feedparser.parse(feed.read_bytes())
    link = plain.entries[0].link
    assert not link.startswith("http") and (feed.parent / link).resolve().is_file()
    assert plain.entries[0].id.startswith("urn:uuid:")


def test_pages_announce_their_feeds(sites):
    site = sites["plain"]
    for page, feed in (("index.html", "feed.xml"), ("van-ban/05-ct-tw/index.html", "van-ban/05-ct-tw/feed.xml"),
                       ("dia-phuong/ha-noi/thanh-xuan/index.html", "dia-phuong/ha-noi/thanh-xuan/feed.xml")):
        html = (site / page).read_text()
        alternates = re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', html)
        assert {resolve(site / page, a) for a in alternates} >= {(site / feed).resolve()}, page


def test_sitemap_and_robots(sites):
    based = sites["based"]
    tree = ElementTree.fromstring((based / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in tree.findall("s:url/s:loc", ns)]
    assert BASE in locs and BASE + "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-bac/" in locs
    assert all(l.startswith(BASE) for l in locs)
    assert BASE + "404.html" not in locs and BASE + "tim-kiem/" not in locs
    pages = [p for p in based.rglob("index.html") if "tim-kiem" not in p.parts]
    assert len(locs) == len(pages)
    assert (based / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"
    # A sitemap holds absolute addresses only: without a base URL there is none.
    assert not (sites["plain"] / "sitemap.xml").exists()
    assert (sites["plain"] / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_past_50000_addresses_the_sitemap_becomes_an_index():
    records = [
        (f"{i:06d}.md", Article(title=f"Bài {i}", published=None, locality=Locality(f"Xã {i % 7}", "xã", "Hà Nội", "Ba Vì")))
        for i in range(50_100)
    ]
    site = build_site(Config(root=Path("/tmp"), base_url=BASE), records, Registry.empty())
    pages = {p.url: p for p in site.pages}
    assert pages["sitemap.xml"].template == "sitemap-index.xml"
    parts = pages["sitemap.xml"].context["sitemaps"]
    assert parts == ["sitemap-1.xml", "sitemap-2.xml"]
    sizes = [len(pages[p].context["urls"]) for p in parts]
    assert sizes[0] == 50_000 and sum(sizes) == len([p for p in site.pages if p.template.endswith(".html")]) - 2


def test_article_pages_carry_canonical_opengraph_and_news_article_data(sites):
    html = (sites["based"] / "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-bac/index.html").read_text()
    url = BASE + "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-bac/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Thanh Xuân học tập &amp; làm theo &lt;Bác&gt;">' in html
    assert '<meta property="article:published_time" content="2021-05-11T09:41:00+07:00">' in html
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in data  # nothing in it can close the element
    ld = json.loads(data)
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "NewsArticle"
    assert ld["headline"] == "Thanh Xuân học tập & làm theo <Bác>"
    assert ld["datePublished"] == "2021-05-11T09:41:00+07:00"
    assert ld["author"] == [{"@type": "Person", "name": "Thu Uyên"}]
    assert ld["url"] == url and ld["articleSection"] == "Xây dựng Đảng"
    assert ld["contentLocation"] == {"@type": "Place", "name": "Quận Thanh Xuân, Hà Nội"}
    assert [m["name"] for m in ld["mentions"]] == ["05-CT/TW", "124-QĐ/TW"]
    assert "Thu Uyên" in data and "Thanh Xuân học tập" in data  # Vietnamese as it is, not \\u escapes: fewer bytes
    # Without a base URL: no address is invented.
    plain = (sites["plain"] / "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-bac/index.html").read_text()
    assert "og:url" not in plain and 'rel="canonical"' not in plain
    assert "url" not in json.loads(re.search(r'ld\+json">(.*?)</script>', plain).group(1))


def test_feeds_and_machine_files_are_linked_and_every_link_resolves(sites):
    site = sites["plain"]
    home = links_of(site / "index.html")
    for target in ("feed.xml", "du-lieu/index.html", "tim-kiem/index.html"):
        assert target in home
    for page in site.rglob("*.html"):
        for link in links_of(page):
            target = resolve(page, link)
            assert target is None or target.is_file(), f"{page.relative_to(site)} → {link}"


def test_the_search_page_asks_not_to_be_indexed_and_names_no_canonical_address(sites):
    html = (sites["based"] / "tim-kiem" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' not in html
    assert 'rel="canonical"' in (sites["based"] / "van-ban" / "index.html").read_text()


def test_an_english_site_has_english_feeds_of_vietnamese_articles(tmp_path):
    root = make_site(tmp_path, RECORDS, f"language: en\ntitle: Local news\nbase_url: {BASE}\n")
    run("build", cwd=root, check=True)
    path = root / "site" / "van-ban" / "05-ct-tw" / "feed.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "05-CT/TW · Local news" and parsed.feed.language == "en"
    root_element = ElementTree.fromstring(path.read_bytes())
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = root_element.findall("{http://www.w3.org/2005/Atom}entry")
    assert entries and all(e.get(lang) == "vi" for e in entries)  # the articles stay Vietnamese


def test_the_sitemap_index_names_each_part_by_its_address():
    from luutru.render import make_environment, render_page

    records = [(f"{i:06d}.md", Article(title=f"Bài {i}", published=None)) for i in range(50_010)]
    config = Config(root=Path("/tmp"), base_url=BASE)
    site = build_site(config, records, Registry.empty())
    pages = {p.url: p for p in site.pages}
    env = make_environment(config)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.fromstring(render_page(env, pages["sitemap.xml"]))
    assert [e.text for e in index.findall("s:sitemap/s:loc", ns)] == [BASE + "sitemap-1.xml", BASE + "sitemap-2.xml"]
    second = ElementTree.fromstring(render_page(env, pages["sitemap-2.xml"]))
    locs = [e.text for e in second.findall("s:url/s:loc", ns)]
    assert locs and all(l.startswith(BASE) for l in locs)
