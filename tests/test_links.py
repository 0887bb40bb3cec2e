"""Issue 6: every internal link and asset of a built site resolves, and the
feeds, the sitemap and the data files parse.

Every file of the site is read as what it is and every address in it is
followed to a file of the site:

- pages: href and src (stylesheet, script, feeds, the raw text, pagination),
  `#fragment`s to an element of the target page, and, under a base_url, the
  absolute addresses (canonical, og:url, JSON-LD, the 404 page's links);
- the stylesheet's url() and @import, the script's own imports (search.js
  loads Pagefind relative to itself);
- Atom feeds (parsed by feedparser: entries and their links), sitemap and
  robots.txt, articles.json and articles.csv.

On the demo archive and on the generated archive with hostile text
(tests/generated.py), each built once as it is and once with a base_url and
pretty URLs (links ending in `/`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit
from xml.etree import ElementTree

import pytest

from conftest import REPO, crawl, run

feedparser = pytest.importorskip("feedparser")

BASE = "https://example.org/luu-tru/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Page(HTMLParser):
    """A page's addresses (tag, attribute, value) and the ids it defines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.addresses: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.ld_json: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for name in ("href", "src", "action", "poster", "data"):
            if a.get(name):
                self.addresses.append((tag, name, a[name]))
        if a.get("srcset"):
            for candidate in a["srcset"].split(","):
                self.addresses.append((tag, "srcset", candidate.split()[0]))
        if tag == "meta" and (a.get("content") or "").startswith(("http://", "https://")):
            self.addresses.append((tag, "content", a["content"]))
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld_json.append(data)


def read_page(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


class Site:
    """A built site: where its addresses lead."""

    def __init__(self, folder: Path, base: str | None):
        self.folder = folder.resolve()
        self.base = base
        self._ids: dict[Path, set[str]] = {}

    def target(self, source: Path, link: str) -> tuple[Path, str] | None:
        """The file `link` (as written in `source`) leads to and its fragment; None if it leaves the site."""
        absolute = bool(self.base) and link.startswith(self.base)
        if not absolute and (urlsplit(link).scheme or link.startswith("//")):
            return None  # another site (or mailto:); checked by nobody here
        path, fragment = urldefrag(link[len(self.base) :] if absolute else link)
        path = unquote(path.split("?")[0])
        if not path and not absolute:
            return source, fragment  # "#id": on this page
        target = ((self.folder if absolute else source.parent) / path).resolve()
        if not path or path.endswith("/"):
            target = target / "index.html"  # a folder's address (pretty URLs): its index
        return target, fragment

    def ids(self, page: Path) -> set[str]:
        if page not in self._ids:
            self._ids[page] = read_page(page).ids if page.suffix == ".html" else set()
        return self._ids[page]

    def broken(self, source: Path, link: str) -> str | None:
        """Why `link` on `source` does not resolve, or None if it does."""
        found = self.target(source, link)
        if found is None:
            return None
        target, fragment = found
        if not target.is_relative_to(self.folder):
            return f"leads out of the site ({target})"
        if not target.is_file():
            return f"no file {target.relative_to(self.folder)}"
        if fragment and target.suffix == ".html" and fragment not in self.ids(target):
            return f"no id {fragment!r} in {target.relative_to(self.folder)}"
        return None


def addresses(site: Site) -> list[tuple[Path, str]]:
    """Every (file, address) the site's own files hold, each read as what it is."""
    found: list[tuple[Path, str]] = []
    folder = site.folder
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or rel.parts[0] == "pagefind":
            continue  # Pagefind's own index: its tests are the search module's
        if path.suffix == ".html":
            page = read_page(path)
            found += [(path, value) for _, _, value in page.addresses]
            for data in page.ld_json:
                found += [(path, v) for v in json_strings(json.loads(data)) if site.base and v.startswith(site.base)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            found += [(path, m) for m in re.findall(r"url\(\s*['\"]?([^'\")]+)", text)]
            found += [(path, m) for m in re.findall(r"@import\s+['\"]([^'\"]+)", text)]
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8")
            found += [(path, m) for m in re.findall(r"""(?:\bfrom\s*|\bimport\s*\(\s*|new URL\(\s*)["']([^"']+\.js)["']""", text)]
        elif path.name == "robots.txt":
            found += [(path, line.split(":", 1)[1].strip()) for line in path.read_text().splitlines() if line.startswith("Sitemap:")]
    return found


def json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return []


def feeds_of(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if not p.name.startswith("sitemap"))


def feed_addresses(site: Site) -> list[tuple[Path, str]]:
    """Every link of every feed (the feed's own, its page's, each entry's), parsed as a reader parses them."""
    found = []
    for feed in feeds_of(site.folder):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, f"{feed}: {parsed.get('bozo_exception')}"
        root = ElementTree.parse(feed).getroot()
        assert root.tag == f"{ATOM}feed", feed
        links = [l.get("href") for l in root.iter(f"{ATOM}link")]
        assert len(parsed.entries) == len(root.findall(f"{ATOM}entry")) and all(links), feed
        found += [(feed, link) for link in links]
    return found


def sitemap_addresses(site: Site) -> list[tuple[Path, str]]:
    found = []
    for sitemap in sorted(site.folder.glob("sitemap*.xml")):
        root = ElementTree.parse(sitemap).getroot()
        assert root.tag in (f"{SITEMAP}urlset", f"{SITEMAP}sitemapindex"), sitemap
        locs = [e.text for e in root.iter(f"{SITEMAP}loc")]
        assert locs and all(loc.startswith(site.base) for loc in locs), sitemap
        found += [(sitemap, loc) for loc in locs]
    return found


def data_addresses(site: Site) -> list[tuple[Path, str]]:
    """The address of each article in the data export, relative to the site's root."""
    folder = site.folder / "du-lieu"
    rows = json.loads((folder / "articles.json").read_text(encoding="utf-8"))["articles"]
    table = list(csv.DictReader(io.StringIO((folder / "articles.csv").read_text(encoding="utf-8-sig"))))
    assert [r["url"] for r in rows] == [r["url"] for r in table] and rows
    index = site.folder / "index.html"  # a link written at the root resolves from the root
    return [(index, r["url"]) for r in rows]


def build(tmp_path_factory, name: str, make, config: str = "") -> Site:
    root = tmp_path_factory.mktemp(name)
    make(root)
    if config:
        with open(root / "luutru.yaml", "a", encoding="utf-8") as f:
            f.write(config)
    run("build", cwd=root, check=True)
    return Site(root / "site", BASE if "base_url" in config else None)


def demo(root: Path) -> None:
    for name in ("content", "seeds"):
        shutil.copytree(REPO / name, root / name)


def generated(root: Path) -> None:
    from generated import write_archive

    write_archive(root)


PRETTY = f"base_url: {BASE}\npretty_urls: true\n"
SITES = {
    "demo": (demo, ""),
    "demo, base_url and pretty URLs": (demo, PRETTY),
    "generated": (generated, ""),
    "generated, base_url and pretty URLs": (generated, PRETTY),
}


@pytest.fixture(scope="module", params=list(SITES))
def site(request, tmp_path_factory) -> Site:
    make, config = SITES[request.param]
    return build(tmp_path_factory, re.sub(r"\W+", "-", request.param), make, config)


def test_every_internal_link_and_asset_resolves(site):
    found = addresses(site) + feed_addresses(site) + data_addresses(site)
    if site.base:  # a sitemap holds absolute addresses: there is one only under a base_url
        found += sitemap_addresses(site)
    # What the check followed: the stylesheet, the scripts, every feed, the data files, the sitemap.
    reached = {t[0] for source, link in found if (t := site.target(source, link))}
    expected = {site.folder / p for p in ("static/style.css", "static/search.js", "du-lieu/articles.json", "du-lieu/articles.csv")}
    expected |= set(feeds_of(site.folder)) | ({site.folder / "sitemap.xml"} if site.base else set())
    if (site.folder / "pagefind").is_dir():
        expected.add(site.folder / "pagefind" / "pagefind.js")
    assert sorted(map(str, expected - reached)) == []
    broken = [
        f"{source.relative_to(site.folder)} → {link}: {why}"
        for source, link in found
        if (why := site.broken(source, link))
    ]
    assert broken == [], f"{len(broken)} broken of {len(found)}:\n" + "\n".join(broken[:40])


def test_every_page_is_reached_from_the_home_page(site):
    pages = set(site.folder.rglob("*.html")) - {site.folder / "404.html"}  # (404: served for what is not there)
    reached = crawl(site.folder)
    assert sorted(str(p.relative_to(site.folder)) for p in pages - reached) == []
