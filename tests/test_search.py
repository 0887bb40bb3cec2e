"""Search: Vietnamese as people type it, the Pagefind index, and the search page in a browser.

The browser tests drive Debian's chromium through Playwright (never a
downloaded browser; one for the session, from conftest.py) against the built site
served on 127.0.0.1: Pagefind loads its index with fetch(), which a page
opened from file:// may not do.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import json
import re
import shutil
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import REPO, make_site, record, resolve, run
from test_build import tree_digest

from luutru.search import PENDING, WANTED, Source, document_aliases, fold, folded_words, html_text, index_page, tail

# --- folding ------------------------------------------------------------------------


def test_fold_drops_every_mark_and_writes_d_for_dj():
    assert fold("Đảng bộ Thanh Xuân") == "dang bo thanh xuan"
    assert fold("ĐƯỜNG Chỉ thị") == "duong chi thi"
    assert len(fold("Nghị quyết Trung ương")) == len("Nghị quyết Trung ương")


def test_only_words_with_dj_are_added_in_order_and_as_often_as_they_occur():
    assert folded_words("Đảng bộ, con đường; “Đống Đa” và đường") == ["dang", "duong", "dong", "da", "duong"]
    assert folded_words("Chỉ thị số 05") == []
    assert folded_words(html_text("<p>Con <b>đường</b> &amp; Đà Nẵng</p>")) == ["duong", "da"]


def test_document_ids_get_the_spellings_people_type():
    assert {"ct05", "05ct", "ct5"} <= set(document_aliases("05-CT/TW"))
    assert {"qd124", "qđ124", "124-qd/tw"} <= set(document_aliases("124-QĐ/TW"))
    assert document_aliases("Nghị quyết Trung ương 4 khóa XII") == []


def test_the_hidden_tail_starts_with_the_sentinel_and_holds_locality_and_documents():
    text = tail("Đảng bộ học tập", "Con đường mới", [("124-QĐ/TW", ())], ["Quận Đống Đa", "Hà Nội"])
    assert text.startswith("\u205c ")
    words = text.split()
    assert {"dang", "duong", "124-QĐ/TW", "qd124", "124-qd/tw", "Quận", "dong", "da", "Hà", "Nội"} <= set(words)


def test_an_articles_index_page_holds_its_words_then_the_tail_and_what_results_show():
    source = Source(
        path="bai-viet/2021/05/a/index.html", title="Đảng bộ học tập", body="x", date="Thứ Ba, 11/05/2021, 09:41",
        place="Quận Đống Đa", province="Hà Nội", documents=(("05-CT/TW", ()),), year=2021, stamp="202105110941",
    )
    page = index_page(source, '<p>Con <b>đường</b> mới &amp; rộng.</p>\n<p class="caption">Ảnh: Hội nghị</p>')
    indexed, hidden = page.split("<div data-pagefind-ignore>")
    assert "<h1>Đảng bộ học tập</h1>" in indexed and "<p>Con <b>đường</b> mới &amp; rộng.</p>" in indexed
    assert "<p>\u205c dang duong 05-CT/TW ct05 05ct ct5 Quận Đống Đa dong da Hà Nội</p>" in indexed
    assert '<i data-pagefind-meta="date">Thứ Ba, 11/05/2021, 09:41</i>' in hidden
    assert '<i data-pagefind-meta="place">Quận Đống Đa</i>' in hidden
    for name, value in (("document", "05-CT/TW"), ("province", "Hà Nội"), ("year", "2021")):
        assert f'<i data-pagefind-filter="{name}">{value}</i>' in hidden
    assert 'data-pagefind-sort="newest[data-v]" data-v="202105110941"' in hidden
    # An undated article sorts last both ways, and has no year to filter by.
    undated = index_page(replace(source, year=None, stamp=None), "")
    assert 'newest[data-v]" data-v="0"' in undated and 'oldest[data-v]" data-v="999999999999"' in undated
    assert 'filter="year"' not in undated


# --- the index ----------------------------------------------------------------------

LOC_TX = "locality: {name: Thanh Xuân, level: quận, province: Hà Nội}\n"
LOC_LB = "locality: {name: Long Biên, level: quận, province: Hà Nội}\n"
LOC_HT = "locality: {name: Hương Trà, level: thị xã, province: Thừa Thiên Huế}\n"
RECORDS = {
    "2021/05/a.md": record(
        "Đảng bộ Thanh Xuân học tập và làm theo",
        "2021-05-11T09:41+07:00",
        LOC_TX + "documents: [05-CT/TW]\n",
        body="Đảng bộ quận Thanh Xuân thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.\n\n"
        "Các chi bộ mở rộng con đường đến với nhân dân.",
    ),
    "2019/03/b.md": record(
        "Hương Trà sơ kết việc học tập",
        "2019-03-02",
        LOC_HT + "documents: [05-CT/TW, 124-QĐ/TW]\n",
        body="Thị xã Hương Trà sơ kết Chỉ thị 05 và Quy định 124.\n\nPhong trào đang lan tỏa khắp các thôn.",
    ),
    "2020/01/c.md": record(
        "Đảng ủy phường họp bàn kế hoạch",
        "2020-01-15T08:00+07:00",
        LOC_LB + "documents: [124-QĐ/TW]\n",
        body="Đảng ủy phường bàn kế hoạch năm.\n\nĐảng viên gương mẫu, Đảng viên đi đầu, Đảng bộ vững mạnh.",
    ),
    "2018/07/d.md": record(
        "Phường đang triển khai kế hoạch",
        "2018-07-07",
        LOC_HT,
        body="Phường đang triển khai, đang kiểm tra, đang đôn đốc kế hoạch năm.",
    ),
    "x/e.md": record("Xã họp bàn kế hoạch mùa vụ", "null", body="Xã họp bàn kế hoạch mùa vụ năm tới."),
}


def files_of(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("search"), RECORDS)
    proc = run("build", cwd=root, check=True)
    assert proc.stderr == ""  # no word from the indexer: it did its work
    assert not (root / ".luutru-cache" / "search" / WANTED).exists()
    return root


def test_build_writes_the_index_of_the_articles(search_site):
    site = search_site / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == len(RECORDS)  # the articles, and no other page
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "pagefind" / "pagefind-ui.js").exists()  # the page has its own interface
    # What is indexed comes from the records: the pages carry no hidden copy of it.
    article = (site / "bai-viet/2021/05/dang-bo-thanh-xuan-hoc-tap-va-lam-theo/index.html").read_text()
    assert "\u205c" not in article and "pagefind" not in article


def test_every_page_has_a_search_box_that_leads_to_the_search_page(search_site):
    site = search_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        form = re.search(r'<form\b[^>]*\brole="search"[^>]*>.*?</form>', page.read_text(encoding="utf-8"), re.S)
        assert form, f"{page.relative_to(site)}: no search box"
        action = re.search(r'action="([^"]+)"', form[0])[1]
        assert resolve(page, action) == (site / "tim-kiem" / "index.html").resolve(), page.relative_to(site)
        assert re.search(r'<input\b[^>]*\bname="q"', form[0]), page.relative_to(site)


def test_the_index_is_reused_while_the_articles_are_unchanged_and_remade_when_one_changes(tmp_path):
    root = make_site(tmp_path, RECORDS)
    run("build", cwd=root, check=True)
    state = root / ".luutru-cache" / "search" / "state.json"
    first = json.loads(state.read_text())
    assert first["count"] == len(RECORDS) and first["bytes"] > 0
    index = files_of(root / "site" / "pagefind")
    page = root / "site" / "bai-viet/2018/07/phuong-dang-trien-khai-ke-hoach/index.html"
    before = page.read_bytes()
    # The frame of every page changes: every article page is new, its words are not, nor is the index.
    (root / "templates").mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (root / "templates" / "base.html").write_text(base.replace("<footer", "<p>Kho lưu trữ</p>\n<footer"), encoding="utf-8")
    assert run("build", cwd=root, check=True).stderr == ""
    assert page.read_bytes() != before
    second = json.loads(state.read_text())
    assert second == first  # Pagefind did not run
    assert files_of(root / "site" / "pagefind") == index
    # An article's text changes: the index is made again, and finds the new word.
    path = root / "content" / "articles" / "2018" / "07" / "d.md"
    path.write_text(path.read_text(encoding="utf-8").replace("đôn đốc", "đôn đốc, khuyến nông"), encoding="utf-8")
    assert run("build", cwd=root, check=True).stderr == ""
    assert not (root / ".luutru-cache" / "search" / WANTED).exists()
    assert json.loads(state.read_text())["digest"] != first["digest"]
    assert files_of(root / "site" / "pagefind") != index
    # The output holds the new index exactly: the old one's files are gone.
    assert files_of(root / "site" / "pagefind") == files_of(root / ".luutru-cache" / "search" / "pagefind")


def indexed_text(site: Path) -> str:
    """The text of every article in the site's search index (Pagefind's fragments: gzip, then JSON)."""
    texts = []
    for f in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(f.read_bytes())
        texts.append(json.loads(data[data.index(b"{"):])["content"])
    return "\n".join(texts)


def test_an_index_owed_by_a_killed_build_is_made_by_the_next_one(tmp_path):
    root = make_site(tmp_path, RECORDS)
    run("build", cwd=root, check=True)
    assert "khuyến nông" not in indexed_text(root / "site")
    path = root / "content" / "articles" / "2018" / "07" / "d.md"
    path.write_text(path.read_text(encoding="utf-8").replace("đôn đốc", "đôn đốc, khuyến nông"), encoding="utf-8")
    # The pages are written, then the process dies before it has noted what the index is made of.
    run("build", "--no-search", cwd=root, check=True)
    (root / ".luutru-cache" / "search" / WANTED).unlink()
    assert (root / ".luutru-cache" / "search" / PENDING).exists()
    # Nothing changed since: the next build still makes the index it owes.
    assert run("build", cwd=root, check=True).stderr == ""
    assert "khuyến nông" in indexed_text(root / "site")
    assert not (root / ".luutru-cache" / "search" / PENDING).exists()
    # And the one after has nothing to do.
    assert "nothing changed" in run("build", cwd=root, check=True).stdout


def test_a_deleted_index_comes_back_with_the_next_build(tmp_path):
    root = make_site(tmp_path, RECORDS)
    run("build", cwd=root, check=True)
    index = files_of(root / "site" / "pagefind")
    shutil.rmtree(root / "site" / "pagefind")
    run("build", cwd=root, check=True)
    assert files_of(root / "site" / "pagefind") == index  # the one kept in the cache
    # Without the cache's copy either, the articles are indexed again.
    shutil.rmtree(root / "site" / "pagefind")
    shutil.rmtree(root / ".luutru-cache" / "search")
    assert run("build", cwd=root, check=True).stderr == ""
    entry = json.loads((root / "site" / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == len(RECORDS) and "đôn đốc" in indexed_text(root / "site")


def test_two_clean_builds_differ_only_in_pagefinds_filter_files(tmp_path):
    """Pagefind 1.5 writes its filter files in a new order on each run (its issue #638);
    they, and the two files that name them, are the only difference."""
    trees = []
    for name in ("one", "two"):
        root = make_site(tmp_path / name, RECORDS)
        run("build", cwd=root, check=True)
        trees.append(tree_digest(root / "site", search=True))
    a, b = trees
    moving = {p for p in a.keys() ^ b.keys()} | {p for p in a.keys() & b.keys() if a[p] != b[p]}
    assert all(
        p.startswith("pagefind/filter/") or p.startswith("pagefind/pagefind.vi_") or p == "pagefind/pagefind-entry.json"
        for p in moving
    ), sorted(moving)
    assert any(p.startswith("pagefind/fragment/") for p in a) and {p for p in a if "/fragment/" in p} == {
        p for p in b if "/fragment/" in p
    }


# --- in a browser ---------------------------------------------------------------------


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder: Path):
    """`folder` on http://127.0.0.1:<free port>/ until the generator is closed."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(search_site):
    """The built site at the root of a local server, for as long as the module runs."""
    yield from serve_folder(search_site / "site")


@pytest.fixture(scope="module")
def served_under(search_site, tmp_path_factory):
    """The same site under a sub-path: http://127.0.0.1:<port>/kho/."""
    host = tmp_path_factory.mktemp("host")
    (host / "kho").symlink_to(search_site / "site", target_is_directory=True)
    for base in serve_folder(host):
        yield base + "kho/"


@pytest.fixture
def tab(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    ctx.close()
    assert errors == []


def results(page) -> list[dict]:
    """Wait for the results of the query in the address; then each one's title, meta and excerpt (HTML)."""
    page.wait_for_function(
        "() => document.getElementById('search-form').dataset.shown === (new URLSearchParams(location.search).get('q') || '')"
    )
    return page.evaluate(
        """() => [...document.querySelectorAll('#search-results > li')].map(li => ({
             title: li.querySelector('h2').textContent, href: li.querySelector('a').getAttribute('href'),
             meta: li.querySelector('.meta') ? li.querySelector('.meta').textContent : '',
             excerpt: li.querySelector('.excerpt').innerHTML}))"""
    )


def search(page, base: str, query: str) -> list[dict]:
    """Type the query into the search page's box and press Enter, as a reader does."""
    page.goto(base + "tim-kiem/index.html")
    page.wait_for_function("document.getElementById('search-form').dataset.ready === 'true'")
    box = page.get_by_label("Tìm trong kho lưu trữ")
    box.fill("")
    box.type(query, delay=5)
    box.press("Enter")
    page.wait_for_function(f"new URLSearchParams(location.search).get('q') === {json.dumps(query)}")
    return results(page)


def titles(found: list[dict]) -> list[str]:
    return [r["title"] for r in found]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("chi thi 05", {"Đảng bộ Thanh Xuân học tập và làm theo", "Hương Trà sơ kết việc học tập"}),
        ("dang bo thanh xuan", {"Đảng bộ Thanh Xuân học tập và làm theo"}),
        ("duong", {"Đảng bộ Thanh Xuân học tập và làm theo"}),
        ("05-CT/TW", {"Đảng bộ Thanh Xuân học tập và làm theo", "Hương Trà sơ kết việc học tập"}),
        ("05 CT TW", {"Đảng bộ Thanh Xuân học tập và làm theo", "Hương Trà sơ kết việc học tập"}),
        ("ct05", {"Đảng bộ Thanh Xuân học tập và làm theo", "Hương Trà sơ kết việc học tập"}),
        ("124-QD/TW", {"Hương Trà sơ kết việc học tập", "Đảng ủy phường họp bàn kế hoạch"}),
    ],
)
def test_vietnamese_as_typed_finds_the_articles(tab, served, query, expected):
    found = search(tab, served, query)
    assert set(titles(found)) == expected, found
    # Excerpts show the article's real words, never the hidden folded copy.
    for r in found:
        assert "\u205c" not in r["excerpt"]


def test_excerpts_mark_the_real_words_matched_without_marks(tab, served):
    (hit,) = search(tab, served, "dang bo thanh xuan")
    assert "<mark>Đảng bộ</mark> quận <mark>Thanh Xuân</mark>" in hit["excerpt"]
    (hit,) = search(tab, served, "duong")
    assert "<mark>đường</mark>" in hit["excerpt"] and "duong" not in hit["excerpt"]


def test_a_document_typed_any_way_is_marked_however_the_article_writes_it(tab, served):
    found = {r["title"]: r["excerpt"] for r in search(tab, served, "ct05")}
    assert "<mark>Chỉ thị 05</mark> và Quy định 124" in found["Hương Trà sơ kết việc học tập"]
    assert "<mark>Chỉ thị số 05-CT/TW</mark>" in found["Đảng bộ Thanh Xuân học tập và làm theo"]
    found = {r["title"]: r["excerpt"] for r in search(tab, served, "124-QD/TW")}
    assert "<mark>Quy định 124.</mark>" in found["Hương Trà sơ kết việc học tập"]
    # Number and type typed apart, in either order, name the document too.
    for query in ("05 CT TW", "ct 05"):
        found = {r["title"]: r["excerpt"] for r in search(tab, served, query)}
        assert "<mark>Chỉ thị 05</mark> và Quy định 124" in found["Hương Trà sơ kết việc học tập"], query


def test_exact_marks_rank_first(tab, served):
    # "Đảng" (three articles) and "đang" (two) fold alike; typed with marks, "đảng" puts its own first.
    found = titles(search(tab, served, "đảng"))
    assert found[0] == "Đảng ủy phường họp bàn kế hoạch"
    assert found.index("Phường đang triển khai kế hoạch") > found.index("Đảng ủy phường họp bàn kế hoạch")
    found = titles(search(tab, served, "đang"))
    assert found[0] == "Phường đang triển khai kế hoạch"


def test_the_query_comes_from_the_address_with_filters_and_sort(tab, served):
    tab.goto(served + "tim-kiem/index.html?q=" + quote("ke hoach") + "&sort=oldest")
    found = results(tab)
    # The undated article comes last whichever way the dates run.
    assert titles(found) == ["Phường đang triển khai kế hoạch", "Đảng ủy phường họp bàn kế hoạch", "Xã họp bàn kế hoạch mùa vụ"]
    assert tab.get_by_label("Tìm trong kho lưu trữ").input_value() == "ke hoach"
    tab.goto(served + "tim-kiem/index.html?q=" + quote("ke hoach") + "&sort=newest")
    assert titles(results(tab)) == ["Đảng ủy phường họp bàn kế hoạch", "Phường đang triển khai kế hoạch", "Xã họp bàn kế hoạch mùa vụ"]
    tab.goto(served + "tim-kiem/index.html?q=" + quote("ke hoach") + "&province=" + quote("Thừa Thiên Huế"))
    assert titles(results(tab)) == ["Phường đang triển khai kế hoạch"]
    tab.goto(served + "tim-kiem/index.html?document=" + quote("124-QĐ/TW") + "&year=2019")
    assert titles(results(tab)) == ["Hương Trà sơ kết việc học tập"]
    # The filters offer what the index holds, with counts.
    options = tab.locator("select[name=province] option").all_text_contents()
    assert options == ["Tất cả", "Hà Nội (2)", "Thừa Thiên Huế (2)"]
    # A filter chosen on the page goes into the address.
    tab.select_option("select[name=year]", "2020")
    tab.wait_for_function("new URLSearchParams(location.search).get('year') === '2020'")
    assert titles(results(tab)) == ["Đảng ủy phường họp bàn kế hoạch"]
    # A result links to its article.
    tab.get_by_role("link", name="Đảng ủy phường họp bàn kế hoạch").click()
    assert tab.url.endswith("/bai-viet/2020/01/dang-uy-phuong-hop-ban-ke-hoach/index.html")


def test_the_box_on_every_page_leads_to_the_search_page_without_javascript(browser, served):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(served + "van-ban/index.html")
        page.get_by_role("search").get_by_role("searchbox").fill("chi thi 05")
        page.get_by_role("search").get_by_role("button").click()
        page.wait_for_url("**/tim-kiem/index.html?q=chi+thi+05")
        assert page.locator("h1").text_content() == "Tìm kiếm"
    finally:
        ctx.close()
    # With JavaScript, the same address shows the results.
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(served + "tim-kiem/index.html?q=chi+thi+05")
        assert len(results(page)) == 2
    finally:
        ctx.close()


def test_results_link_to_their_articles_on_a_site_under_a_sub_path(tab, served_under):
    tab.goto(served_under + "tim-kiem/index.html?q=" + quote("mua vu"))
    (hit,) = results(tab)
    tab.get_by_role("link", name=hit["title"]).click()
    assert tab.url == served_under + "bai-viet/khong-ngay/xa-hop-ban-ke-hoach-mua-vu/index.html"
    assert tab.locator("h1").text_content() == "Xã họp bàn kế hoạch mùa vụ"


def test_opened_from_disk_the_search_page_says_it_needs_a_server(tab, search_site):
    tab.goto((search_site / "site" / "tim-kiem" / "index.html").as_uri() + "?q=duong")
    assert "luutru serve" in tab.locator("#search-offline").text_content()
    assert tab.locator("#search-offline").is_visible()


def test_served_the_note_about_disk_goes(tab, served):
    tab.goto(served + "tim-kiem/index.html?q=duong")
    results(tab)
    assert tab.locator("#search-offline").count() == 0
    assert tab.get_by_label("Tìm trong kho lưu trữ").input_value() == "duong"


def test_a_build_does_not_wait_for_the_index_but_closing_the_builder_does(tmp_path, monkeypatch):
    """`luutru serve` reloads the browser as soon as the pages are written; `luutru build`
    (which closes its builder) ends only when the index is there too."""
    from luutru.build import Builder
    from luutru.config import load_config
    from luutru.search import SearchIndex

    release, started = threading.Event(), threading.Event()
    real = SearchIndex.refresh

    def slow(self, pages):
        started.set()
        assert release.wait(30)
        return real(self, pages)

    monkeypatch.setattr(SearchIndex, "refresh", slow)
    root = make_site(tmp_path, RECORDS)
    builder = Builder(load_config(root), jobs=1)
    try:
        result = builder.build()
        assert result.pages > 0 and started.wait(10)
        assert (root / "site" / "index.html").is_file() and not (root / "site" / "pagefind").exists()
        release.set()
    finally:
        builder.close()
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()
