"""The built pages are valid HTML5 and need no JavaScript.

Validity is the Nu HTML Checker's word (vnu.jar, the W3C validator), run once
over every page of the demo archive and of two small sites that reach what the
demo does not (undated articles, articles without a locality, several pages of
a listing, an absolute base_url, the English interface), and over the
stylesheet. vnu comes pinned from npm (tests/browser/package.json) and runs on
the machine's Java:

    npm ci --ignore-scripts --prefix tests/browser     # once; .ci/run does it

Without Java or vnu.jar the check is skipped, except in CI (CI=true), where a
missing tool is a failure: CI must never pass by checking nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, make_site, record, run

VNU = REPO / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = "npm ci --ignore-scripts --prefix tests/browser"


def unavailable(reason: str):
    """Skip on a developer's machine; fail in CI, where the tools must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it in .ci/run)", pytrace=False)
    pytest.skip(reason)


# Records that reach the corners of the templates the demo archive leaves out.
LOCALITY = "locality: {name: Thanh Xuân, level: quận, province: Hà Nội}\n"
CORNERS = {
    "2021/05/a.md": record(
        "Thanh Xuân: học tập và làm theo",
        extra=LOCALITY + "documents: [05-CT/TW, 99-CT/TU Hà Nội]\nsection: Xây dựng Đảng\nviews: 1234\nauthor: Thu Uyên\n",
        body="Đoạn một.\n\nChú thích ảnh\n{: .caption}\n\nĐoạn hai.",
    ),
    "2021/05/b.md": record("Bài thứ hai", "2021-05-12T10:00+07:00", LOCALITY + "documents: [05-CT/TW]\n"),
    "2021/04/c.md": record("Bài thứ ba", "2021-04-02", LOCALITY + "documents: [05-CT/TW]\n"),
    "x/undated.md": record("Bài không rõ ngày", "null", "locality: {name: Phường 9, level: phường, province: null}\n"),
    "x/nowhere.md": record("Bài không rõ địa phương", "2020-01-02"),
}


@pytest.fixture(scope="module")
def corner_sites(tmp_path_factory) -> list[Path]:
    """The same records built twice: Vietnamese with pages of two, and English."""
    sites = []
    for name, config in (
        ("vi", "page_size: 2\nhome_size: 3\nbase_url: https://example.org/luu-tru\n"),
        ("en", "language: en\npage_size: 2\n"),
    ):
        root = make_site(tmp_path_factory.mktemp(name), CORNERS, config)
        run("build", cwd=root, check=True)
        sites.append(root / "site")
    return sites


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not installed: the Nu HTML Checker needs it (apt-get install default-jre-headless)")
    if not VNU.is_file():
        unavailable(f"the Nu HTML Checker is not installed: run '{INSTALL}'")
    return [java, "-Xss2m", "-jar", str(VNU)]


def check(vnu: list[str], files: list[str]) -> list[dict]:
    """vnu's messages on every file, in one run: the JVM starts once."""
    proc = subprocess.run(
        [*vnu, "--also-check-css", "--format", "json", "--stdout", *files],
        capture_output=True, text=True, timeout=600,
    )
    try:
        return json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}", pytrace=False)


def test_every_page_and_the_stylesheet_are_valid(vnu, demo_site, corner_sites):
    sites = [demo_site, *corner_sites]
    pages = sorted(p for site in sites for p in site.rglob("*.html"))
    assert len(pages) > 40
    files = [*map(str, pages), str(demo_site / "static" / "style.css")]
    messages = check(vnu, files)

    def where(url: str) -> str:
        path = url.removeprefix("file:")
        for name, site in zip(("demo", "corners-vi", "corners-en"), sites):
            if path.startswith(str(site)):
                return f"{name}:{path[len(str(site)) + 1:]}"
        return path

    errors = [
        f"{where(m.get('url', '?'))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "vnu found errors:\n" + "\n".join(errors)


def test_every_page_of_a_generated_archive_with_hostile_text_is_valid(vnu, generated_site):
    """150 articles (tests/generated.py): titles and bodies that look like HTML,
    Markdown or YAML, a title of 450 characters, no date, no locality, no
    document, listings of many pages; every page of every kind."""
    from generated import PAGES, page_of

    for kind in PAGES:
        page_of(generated_site, kind)  # every kind is there
    pages = sorted(generated_site.rglob("*.html"))
    assert len(pages) > 300
    messages = check(vnu, [str(p) for p in pages])
    errors = [
        f"{m.get('url', '?').removeprefix('file:' + str(generated_site))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "vnu found errors:\n" + "\n".join(errors)
    # The markup in the text is shown as text: no element of its own, anywhere.
    for page in pages:
        o = outline(page)
        assert "img" not in o.tags and not o.handlers and not o.js_urls, page
        if page.relative_to(generated_site) != SEARCH_PAGE:
            assert "script" not in o.tags, page


class Outline(HTMLParser):
    """What a page is made of: its scripts, handlers, landmarks and headings."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self.headings: list[int] = []
        self.html_lang: str | None = None
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            tag = "ld+json"  # JSON-LD: data about the page, never run
        elif tag == "script":
            self.scripts.append(dict(attrs))
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.js_urls.append(f"<{tag} {name}={value}>")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")


def outline(page: Path) -> Outline:
    o = Outline()
    o.feed(page.read_text(encoding="utf-8"))
    return o


SEARCH_PAGE = Path("tim-kiem/index.html")  # the one page with a script: search needs it


def test_no_page_needs_javascript(demo_site, corner_sites):
    found = []
    for site in (demo_site, *corner_sites):
        for page in sorted(site.rglob("*.html")):
            o = outline(page)
            scripts = [t for t in o.tags if t in ("script", "noscript")]
            if page.relative_to(site) == SEARCH_PAGE:
                # Its own module only; its form works without it, and <noscript> says so.
                assert o.scripts == [{"type": "module", "src": "../static/search.js"}], o.scripts
                assert scripts == ["noscript", "script"] and not o.handlers and not o.js_urls
                continue
            if scripts or o.handlers or o.js_urls:
                found.append(f"{page.relative_to(site)}: {scripts + o.handlers + o.js_urls}")
    assert found == []


def test_each_page_has_one_title_one_main_and_no_skipped_heading_level(demo_site, corner_sites):
    problems = []
    for site in (demo_site, *corner_sites):
        for page in sorted(site.rglob("*.html")):
            o = outline(page)
            name = page.relative_to(site)
            if o.headings.count(1) != 1 or o.headings[0] != 1:
                problems.append(f"{name}: headings {o.headings} (one h1, first)")
            if o.tags.count("main") != 1 or o.tags.count("header") < 1 or o.tags.count("footer") < 1:
                problems.append(f"{name}: landmarks {[t for t in o.tags if t in ('header', 'main', 'footer')]}")
            skips = [(a, b) for a, b in zip(o.headings, o.headings[1:]) if b > a + 1]
            if skips:
                problems.append(f"{name}: heading levels skipped {skips}")
    assert problems == []


def test_the_page_language_is_declared_and_vietnamese_text_is_marked_in_english(corner_sites):
    vi, en = corner_sites
    assert {outline(p).html_lang for p in vi.rglob("*.html")} == {"vi"}
    assert {outline(p).html_lang for p in en.rglob("*.html")} == {"en"}
    article = (en / "bai-viet" / "2021" / "05" / "thanh-xuan-hoc-tap-va-lam-theo" / "index.html").read_text(encoding="utf-8")
    # The interface is English; the article itself is still Vietnamese.
    assert '<h1 lang="vi">Thanh Xuân: học tập và làm theo</h1>' in article
    assert '<div class="body" lang="vi">' in article


def test_the_404_page_links_absolutely_when_the_address_is_known(corner_sites):
    # Served for any missing path, at any depth: relative links would break there.
    vi, en = corner_sites
    page = (vi / "404.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/luu-tru/static/style.css"' in page
    assert 'href="https://example.org/luu-tru/van-ban/' in page
    assert 'href="../' not in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'href="static/style.css"' in (en / "404.html").read_text(encoding="utf-8")
