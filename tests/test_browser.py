"""The demo archive in a real browser: accessible, usable on a phone, no JavaScript needed.

Headless Debian chromium (apt-get install chromium) driven by the Python
playwright package; never a browser that playwright downloads. axe-core comes
pinned from npm (tests/browser/package.json):

    npm ci --ignore-scripts --prefix tests/browser     # once; .ci/run does it

One browser (conftest.py) serves every test. Without chromium (or playwright,
or axe-core) these tests are skipped, except in CI (CI=true), where a missing
tool is a failure: CI must never pass by checking nothing.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO, make_site, record, run, unavailable
from generated import PAGES as GENERATED, page_of

AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
INSTALL = "npm ci --ignore-scripts --prefix tests/browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

ARTICLE = "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-tu-tuong/index.html"
# One page of each kind in the demo archive.
PAGES = {
    "home": "index.html",
    "article": ARTICLE,
    "dates": "thoi-gian/index.html",
    "year": "thoi-gian/2021/index.html",
    "month": "thoi-gian/2021/05/index.html",
    "localities": "dia-phuong/index.html",
    "locality": "dia-phuong/ha-noi/index.html",
    "documents": "van-ban/index.html",
    "document": "van-ban/05-ct-tw/index.html",
    "404": "404.html",
    "search": "tim-kiem/index.html",
    "data": "du-lieu/index.html",
}
SEARCH_PAGE = "search"  # the one page with JavaScript (its search needs it; its form does not)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        unavailable(f"axe-core is not installed: run '{INSTALL}'")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tabs(browser):
    """tabs(viewport, javascript, scheme) → one page per kind of visitor, reused from test to test."""
    made = {}

    def tab(viewport=PHONE, javascript=False, scheme="light"):
        key = (viewport["width"], javascript, scheme)
        if key not in made:
            ctx = browser.new_context(viewport=viewport, java_script_enabled=javascript, color_scheme=scheme)
            ctx.set_default_timeout(10_000)
            made[key] = ctx.new_page()
        return made[key]

    yield tab
    for page in made.values():
        page.context.close()


@pytest.fixture
def open_page(browser, tabs):
    """open_page(site, path, viewport, javascript=…, scheme=…) → a loaded page.

    Read-only looks share a tab; a test that clicks or types gets its own (fresh=True).
    """
    contexts = []

    def opener(site: Path, path: str, viewport=PHONE, javascript=False, scheme="light", fresh=False):
        if fresh:
            ctx = browser.new_context(viewport=viewport, java_script_enabled=javascript, color_scheme=scheme)
            ctx.set_default_timeout(10_000)
            contexts.append(ctx)
            page = ctx.new_page()
        else:
            page = tabs(viewport, javascript, scheme)
        page.goto((site / path).as_uri())
        return page

    yield opener
    for ctx in contexts:
        ctx.close()


# --- accessibility ------------------------------------------------------------

WCAG = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
COLOURS = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}


@pytest.mark.parametrize(
    "viewport, scheme, rules",
    [(PHONE, "light", WCAG), (DESKTOP, "light", WCAG), (PHONE, "dark", COLOURS)],
    ids=["phone", "desktop", "dark-colours"],
)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_accessibility_violation(open_page, axe_source, demo_site, kind, viewport, scheme, rules):
    page = open_page(demo_site, PAGES[kind], viewport, javascript=True, scheme=scheme)
    serious = serious_violations(page, axe_source, rules)
    assert serious == [], "\n".join(serious)


def serious_violations(page, axe_source: str, rules: dict) -> list[str]:
    """axe-core's serious and critical findings on the loaded page, one line each (and their places)."""
    page.evaluate(axe_source)
    options = {"resultTypes": ["violations"], "runOnly": rules}
    violations = page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
    return [
        f"{v['impact']} {v['id']}: {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n['failureSummary']}".replace("\n", " ") for n in v["nodes"][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("kind", list(GENERATED))
def test_no_serious_accessibility_violation_in_a_generated_archive_with_hostile_text(open_page, axe_source, generated_site, kind):
    """One page of each kind of tests/generated.py's archive: a title of 450
    characters, markup shown as text, listings of many pages, no date, no locality."""
    page = open_page(generated_site, page_of(generated_site, kind), PHONE, javascript=True)
    serious = serious_violations(page, axe_source, WCAG)
    assert serious == [], "\n".join(serious)


def test_a_phone_never_scrolls_sideways_in_a_generated_archive(open_page, generated_site):
    """Not even for a title of 450 characters, or a word as long as a line."""
    wide = []
    for kind in GENERATED:
        page = open_page(generated_site, page_of(generated_site, kind), PHONE)
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            wide.append(f"{kind}: {width}px on a {inner}px screen")
    assert wide == []


# --- a phone, and no JavaScript ---------------------------------------------------


@pytest.mark.parametrize("kind", list(PAGES))
def test_a_phone_never_scrolls_sideways_and_works_without_javascript(open_page, demo_site, kind):
    page = open_page(demo_site, PAGES[kind], PHONE, javascript=False)
    # JSON-LD is data, not a program; the search page alone loads one script, its own.
    scripts = page.evaluate("[...document.scripts].filter(s => s.type !== 'application/ld+json').map(s => s.src)")
    assert scripts == ([] if kind != SEARCH_PAGE else [(demo_site / "static" / "search.js").as_uri()])
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the page is {width}px wide on a {inner}px screen"
    wider = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 && getComputedStyle(e).position !== 'absolute')
             .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
    )
    assert wider == []
    # Styled (the stylesheet loaded over file://), headed, and the three ways in are there.
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px", "style.css did not load"
    assert page.locator("h1").count() == 1 and page.locator("h1").is_visible()
    nav = page.get_by_role("banner").get_by_role("navigation").get_by_role("link")
    assert nav.count() == 3 and all(nav.nth(i).is_visible() for i in range(3))


@pytest.mark.parametrize("kind", ["home", "article", "year", "locality", "document"])
def test_navigation_is_easy_to_tap(open_page, demo_site, kind):
    page = open_page(demo_site, PAGES[kind], PHONE)
    # Every link in a navigation landmark: at least 24 × 24 px (WCAG 2.5.8);
    # the site's own menu: at least 44 px high, a thumb's width.
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('nav a, body > header a, ul.chips a')].map(a => {
             const r = (getComputedStyle(a, '::after').position === 'absolute' ? a.parentElement : a).getBoundingClientRect();
             return {text: a.textContent.trim(), menu: !!a.closest('body > header'), w: r.width, h: r.height};
           })"""
    )
    assert sizes
    small = [s for s in sizes if s["w"] < 24 or s["h"] < 24 or (s["menu"] and s["h"] < 44)]
    assert small == []


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    records = {
        f"2021/05/{n}.md": record(f"Bài số {n}", f"2021-05-{n:02d}T09:00+07:00", "documents: [05-CT/TW]\n")
        for n in range(1, 6)
    }
    root = make_site(tmp_path_factory.mktemp("paged"), records, "page_size: 2\n")
    run("build", cwd=root, check=True)
    return root / "site"


def test_a_listing_of_several_pages_has_big_page_links(open_page, paged_site):
    page = open_page(paged_site, "van-ban/05-ct-tw/index.html", PHONE, fresh=True)
    links = page.locator(".pager a, .pager [aria-current]")
    assert links.count() >= 3
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, links.nth(i).text_content()
    page.get_by_role("link", name="Trang sau →").click()
    assert page.url.endswith("van-ban/05-ct-tw/trang/2/index.html")
    assert page.locator(".pager [aria-current=page]").text_content() == "2"


def test_the_article_reads_well_on_a_phone(open_page, demo_site):
    page = open_page(demo_site, ARTICLE, PHONE, fresh=True)
    date = page.get_by_text("Thứ Ba, 11/05/2021, 09:41", exact=True)
    assert date.is_visible()
    assert date.evaluate("e => e.tagName") == "TIME" and date.get_attribute("datetime") == "2021-05-11T09:41:00+07:00"

    text = page.evaluate(
        """() => [...document.querySelectorAll('.body p')].map(p => {
             const s = getComputedStyle(p);
             return {caption: p.classList.contains('caption'), size: parseFloat(s.fontSize),
                     line: parseFloat(s.lineHeight), style: s.fontStyle, border: parseFloat(s.borderLeftWidth),
                     color: s.color, width: p.getBoundingClientRect().width};
           })"""
    )
    paragraphs = [p for p in text if not p["caption"]]
    captions = [p for p in text if p["caption"]]
    assert paragraphs and captions
    for p in text:
        assert p["size"] >= 16, p  # no text in the article body below 16 px
        assert p["line"] >= 1.5 * p["size"], p  # room for stacked tone marks (ễ, Ẩ, ặ)
        assert p["width"] <= 390
    body = paragraphs[0]
    for c in captions:  # a caption looks like a caption, not like one more paragraph
        assert c["style"] == "italic" and c["border"] >= 2
        assert c["size"] < body["size"] and c["color"] != body["color"]

    # The provenance box opens with no script at all.
    details = page.locator("details.provenance")
    assert not details.locator("code").is_visible()
    details.locator("summary").click()
    assert details.locator("code").is_visible()


def test_links_work_from_disk(open_page, demo_site):
    """file:// and relative links: home → documents → a document → an article → home."""
    page = open_page(demo_site, "index.html", DESKTOP, fresh=True)
    assert page.url.startswith("file://")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Theo văn bản").click()
    assert page.url.endswith("/van-ban/index.html")
    assert page.locator("h1").text_content() == "Theo văn bản"
    assert page.locator("header nav [aria-current=page]").text_content() == "Theo văn bản"

    page.get_by_role("main").get_by_role("link", name="05-CT/TW", exact=True).click()
    assert page.url.endswith("/van-ban/05-ct-tw/index.html")
    page.get_by_role("link", name="Thanh Xuân: Học tập, làm theo tư tưởng", exact=False).first.click()
    assert page.url.endswith("/" + ARTICLE)
    assert page.get_by_text("Thứ Ba, 11/05/2021, 09:41").is_visible()

    raw = page.locator("details.provenance a").evaluate("a => a.href")  # the raw text, beside the article
    assert raw.startswith("file://") and Path(unquote(urlsplit(raw).path)).is_file()
    page.get_by_role("navigation", name="Đường dẫn").get_by_role("link", name="Trang chủ").click()
    assert page.url.endswith(demo_site.as_posix() + "/index.html")
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px", "style.css did not load"


def test_the_keyboard_reaches_the_content_first_and_focus_shows(open_page, demo_site):
    page = open_page(demo_site, ARTICLE, DESKTOP, fresh=True)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert page.evaluate("document.activeElement.className") == "skip"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and skip.is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main", timeout=5000)  # the jump is not instant on a busy machine
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('main')")
    assert inside, "after the skip link, Tab goes on inside the main content"
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert ring[0] != "none" and ring[1] >= 2, f"no visible focus ring: {ring}"


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Path:
    """Thirty years of articles, with a lot of them in one year: a wide chart with a tall bar."""
    records = {f"{y}/a.md": record(f"Bài năm {y}", f"{y}-03-0{1 + y % 5}") for y in range(1995, 2025)}
    records |= {f"2020/{n}.md": record(f"Bài thêm số {n}", f"2020-06-{n + 1:02d}") for n in range(25)}
    root = make_site(tmp_path_factory.mktemp("long"), records)
    run("build", cwd=root, check=True)
    return root / "site"


def test_chart_labels_are_readable_on_a_small_phone(open_page, long_site):
    page = open_page(long_site, "index.html", {"width": 360, "height": 740}, fresh=True)
    labels = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart text')].map(t => {
             const svg = t.ownerSVGElement, box = t.getBoundingClientRect(), frame = svg.getBoundingClientRect();
             const scale = frame.width / svg.viewBox.baseVal.width;
             return {text: t.textContent, kind: t.getAttribute('class'), px: parseFloat(getComputedStyle(t).fontSize) * scale,
                     left: box.left, right: box.right, inside: box.left >= frame.left && box.right <= frame.right};
           })"""
    )
    years = [t for t in labels if t["kind"] == "label"]
    assert years[-1]["text"] == "2024" and 5 <= len(years) < 30  # every few years, and the last
    assert all(t["px"] >= 12.5 and t["inside"] for t in labels), labels  # no smaller than the page's small print, none cut
    for a, b in itertools.pairwise(years):
        assert b["left"] - a["right"] >= 4, (a, b)  # they never touch
    assert [t["text"] for t in labels if t["kind"] == "value"] == ["26"]  # the values would crowd: the peak's only
    # Everything the chart shows is also said in words.
    desc = page.locator("svg.chart desc").text_content()
    assert "1995: 1" in desc and "2020: 26" in desc and "2024: 1" in desc
