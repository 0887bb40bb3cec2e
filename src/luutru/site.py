"""The site model: every page, its URL, its context and the records it shows.

Pure: records in, pages out. Everything a template needs is computed here,
once; templates only lay it out. Each `Page` names the records it shows, so
an incremental build can tell which pages an edit touches.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

from slugify import slugify

from . import i18n
from .errors import BuildError, ManyErrors
from .markup import unescape
from .model import VIETNAM, Article, Document, Locality
from .registry import Registry

# (name, level, province, district) → (level, what the unit is part of now)
PlaceFacts = Callable[[str, str | None, str | None, str | None], tuple[str | None, str | None]]

SLUG_LENGTH = 38
ARTICLE_ROOT = "bai-viet"
UNDATED = "khong-ngay"
DATE_ROOT = "thoi-gian"
PLACE_ROOT = "dia-phuong"
UNRESOLVED = "chua-xac-dinh"
DOC_ROOT = "van-ban"
PAGE_DIR = "trang"
TERM = re.compile(r"\s*\((?:khóa|nhiệm kỳ)[^)]*\)$")


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slug(text: str, max_length: int = 0, fallback: str = "x") -> str:
    """ASCII slug ('Đ' → 'd'), never empty.

    Vietnamese needs only its marks removed, which is fast; other scripts
    go through python-slugify's transliteration.
    """
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    if plain.isascii():
        s = _NON_ALNUM.sub("-", plain.lower()).strip("-")
        if max_length and len(s) > max_length:
            cut = s[: max_length + 1]
            s = cut.rsplit("-", 1)[0] if "-" in cut and cut[-1] != "-" else cut.rstrip("-")
            s = s[:max_length].strip("-")
    else:
        s = slugify(plain, max_length=max_length, word_boundary=True)
    return s or fallback


@dataclass(frozen=True)
class Entry:
    """An article placed in the site: its record key and its URL."""

    key: str  # the record's path inside the content folder: stable identity
    article: Article
    url: str  # site-relative, e.g. "bai-viet/2021/05/thanh-xuan-hoc-tap/"

    @property
    def sort_key(self):
        # Newest first; undated last; ties broken by key so the order is stable.
        ts = timestamp(self.article)
        return (-ts if ts is not None else float("inf"), self.key)


def timestamp(article: Article) -> float | None:
    """Seconds since the epoch; a bare date counts from its first moment in Vietnam."""
    d = article.published
    if d is None:
        return None
    if not isinstance(d, dt.datetime):
        d = dt.datetime(d.year, d.month, d.day, tzinfo=VIETNAM)
    return d.timestamp()


@dataclass(frozen=True)
class BodyRef:
    """An article's body, by record: its HTML is fetched when its page is rendered."""

    key: str
    digest: str  # of the record file, so a page's digest changes with its body


@dataclass(frozen=True)
class Page:
    url: str  # site-relative; ends with "/" for a folder page ("index.html" inside)
    template: str
    context: dict[str, Any] = field(compare=False, hash=False)
    records: frozenset[str] = frozenset()  # keys of the records this page shows

    @property
    def output(self) -> str:
        return self.url + "index.html" if self.url.endswith("/") or not self.url else self.url


@dataclass(frozen=True)
class Site:
    entries: tuple[Entry, ...]  # newest first
    pages: tuple[Page, ...]


# --- URLs ------------------------------------------------------------------


def place_entries(records: Iterable[tuple[str, Article]]) -> tuple[Entry, ...]:
    """Give each record a unique, stable URL; explicit slugs that collide are errors."""
    taken: dict[str, str] = {}
    entries, errors = [], []
    # Explicit slugs claim their URL first, so a derived one never takes it.
    # Among derived slugs the earliest article keeps the bare one, so adding a
    # later namesake never moves an existing page.
    def claim_order(kr):
        ts = timestamp(kr[1])
        return (kr[1].slug is None, ts is None, ts or 0.0, kr[0])

    ordered = sorted(records, key=claim_order)
    for key, article in ordered:
        d = article.published_date
        folder = f"{ARTICLE_ROOT}/{d.year}/{d.month:02d}/" if d else f"{ARTICLE_ROOT}/{UNDATED}/"
        if article.slug:
            url = f"{folder}{article.slug}/"
            if url in taken:
                errors.append(BuildError(key, f"slug '{article.slug}' is already used by {taken[url]}"))
                continue
        else:
            base = slug(article.title, SLUG_LENGTH, "bai-viet")
            url, n = f"{folder}{base}/", 2
            while url in taken:  # the earliest claimant keeps the bare slug
                url, n = f"{folder}{base}-{n}/", n + 1
        taken[url] = key
        entries.append(Entry(key, article, url))
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
    return tuple(sorted(entries, key=lambda e: e.sort_key))


def unit_label(name: str, level: str | None) -> str:
    """'Quận Thanh Xuân', but 'Phường 9' rather than 'Phường Phường 9'."""
    if not level or name.casefold().startswith(level.casefold()):
        return name
    return f"{level[0].upper()}{level[1:]} {name}"


def locality_path(loc: Locality) -> tuple[tuple[str, str], ...]:
    """The chain of (name, url) from the province down to this unit."""
    if loc.province is None:
        return ((loc.name, f"{PLACE_ROOT}/{UNRESOLVED}/{slug(loc.name)}/"),)
    chain = [(loc.province, f"{PLACE_ROOT}/{slug(loc.province)}/")]
    if loc.is_province:
        return tuple(chain)
    if loc.district and loc.district != loc.name:
        chain.append((loc.district, f"{chain[-1][1]}{slug(loc.district)}/"))
    chain.append((loc.name, f"{chain[-1][1]}{slug(loc.name)}/"))
    return tuple(chain)


def page_window(current: int, count: int, around: int = 2) -> list[int]:
    """Page numbers to link: first, last and a few around the current one; 0 marks a gap.

    A fixed number of links per page, so pagination stays linear in pages.
    """
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    out: list[int] = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(0)
        out.append(n)
    return out


def origin_url(e: Entry) -> str:
    return e.url + "nguon.txt"


def document_url(doc_id: str) -> str:
    return f"{DOC_ROOT}/{slug(doc_id)}/"


# --- pages -----------------------------------------------------------------


class _Builder:
    """Collects pages; one method per kind of page."""

    def __init__(self, config, entries, registry: Registry, origins: frozenset[str], places: PlaceFacts | None, bodies):
        self.config = config
        self.bodies = bodies
        self.places = places
        self.origins = origins
        self.entries = entries
        self.registry = registry
        self.t = i18n.strings(config.language)
        self.pages: list[Page] = []
        self.summaries = {e.key: self.summary(e) for e in entries}
        ids = sorted({d for e in entries for d in e.article.documents})
        self.resolved = {d: registry.resolve(d) for d in ids}
        self.docs = {d: self.document(d) for d in ids}

    def add(self, url: str, template: str, records: Iterable[str], **context):
        self.pages.append(Page(url, template, context, frozenset(records)))

    # views handed to templates ------------------------------------------------

    def locality_view(self, loc: Locality | None) -> dict | None:
        if loc is None:
            return None
        chain = locality_path(loc)
        return {
            "name": loc.name,
            "label": unit_label(loc.name, loc.level),
            "level": loc.level,
            "province": loc.province,
            "url": chain[-1][1],
            "chain": [{"name": n, "url": u} for n, u in chain],
        }

    def document(self, doc_id: str) -> dict:
        doc: Document = self.resolved[doc_id]
        return {
            "id": doc.id,
            "url": document_url(doc.id),
            "title": doc.title,
            "type": doc.type,
            "issuer": doc.issuer,
            "date": doc.date,
            "aliases": list(doc.aliases),
        }

    def summary(self, e: Entry) -> dict:
        a = e.article
        lead = next((unescape(p) for p in a.paragraphs), "")
        if len(lead) > 260:
            lead = lead[:260].rsplit(" ", 1)[0] + " …"
        return {
            "key": e.key,
            "url": e.url,
            "title": a.title,
            "published": a.published,
            # Formatted once here: an article is listed on several pages.
            "published_text": i18n.format_date(a.published, self.config.language),
            "published_iso": a.published.isoformat() if a.published else None,
            "locality": self.locality_view(a.locality),
            "documents": list(a.documents),
            "source": a.source,
            "lead": lead,
        }

    def listing(self, url: str, template: str, entries: list[Entry], **context):
        """Pages of `page_size` articles: url, url/trang/2/, …"""
        size = self.config.page_size
        chunks = [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]
        urls = [url] + [f"{url}{PAGE_DIR}/{n}/" for n in range(2, len(chunks) + 1)]
        for n, chunk in enumerate(chunks, start=1):
            pager = {
                "number": n,
                "count": len(chunks),
                "total": len(entries),
                "previous": urls[n - 2] if n > 1 else None,
                "next": urls[n] if n < len(chunks) else None,
                "pages": [
                    {"number": i, "url": urls[i - 1] if i else None} for i in page_window(n, len(urls))
                ],
            }
            self.add(
                urls[n - 1],
                template,
                (e.key for e in chunk),
                articles=[self.summaries[e.key] for e in chunk],
                pager=pager,
                **context,
            )

    # kinds of page -------------------------------------------------------------

    def articles(self):
        for e in self.entries:
            a = e.article
            self.add(
                e.url,
                "article.html",
                [e.key],
                article={
                    **self.summaries[e.key],
                    "author": a.author,
                    "author_unit": a.author_unit,
                    "section": a.section,
                    "views": a.views,
                    "places": list(a.places),
                    "documents": [self.docs[d] for d in a.documents],
                    "body": self.bodies[e.key] if self.bodies is not None else a.body,
                    "origin": a.origin,
                    "origin_url": origin_url(e) if a.origin and a.origin.file in self.origins else None,
                    "has_time": a.has_time,
                },
                title=a.title,
            )

    def dates(self):
        years: dict[int, dict[int, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        for e in self.entries:
            d = e.article.published_date
            if d:
                years[d.year][d.month].append(e)
        index = []
        for year in sorted(years, reverse=True):
            months = years[year]
            month_views = [
                {
                    "month": m,
                    "label": i18n.month_label(year, m, self.config.language),
                    "url": f"{DATE_ROOT}/{year}/{m:02d}/",
                    "count": len(months[m]),
                }
                for m in sorted(months, reverse=True)
            ]
            index.append(
                {"year": year, "url": f"{DATE_ROOT}/{year}/", "count": sum(len(v) for v in months.values()), "months": month_views}
            )
            all_year = [e for m in sorted(months, reverse=True) for e in months[m]]
            self.listing(
                f"{DATE_ROOT}/{year}/", "year.html", all_year,
                title=self.t["year"].format(year=year), year=year, months=month_views,
            )
            for mv in month_views:
                self.listing(
                    mv["url"], "month.html", months[mv["month"]],
                    title=mv["label"], year=year, month=mv["month"],
                )
        undated = [e for e in self.entries if e.article.published_date is None]
        if undated:
            self.listing(f"{DATE_ROOT}/{UNDATED}/", "month.html", undated, title=self.t["no_date"], year=None, month=None)
        self.add(f"{DATE_ROOT}/", "dates.html", [], title=self.t["by_date"], years=index, undated=len(undated))
        return index

    def localities(self):
        # Every node of the tree: url → {name, level, chain, entries, children}
        nodes: dict[str, dict] = {}
        for e in self.entries:
            loc = e.article.locality
            if loc is None:
                continue
            chain = locality_path(loc)
            for depth, (name, url) in enumerate(chain):
                leaf = depth == len(chain) - 1
                node = nodes.setdefault(
                    url,
                    {"name": name, "url": url, "level": None, "entries": [], "children": set(),
                     "chain": [{"name": n, "url": u} for n, u in chain[: depth + 1]],
                     "unresolved": loc.province is None, "province": loc.province,
                     "district": loc.district if leaf else None},
                )
                node["entries"].append(e)  # a unit's page lists its sub-units' articles too
                if depth + 1 < len(chain):
                    node["children"].add(chain[depth + 1][1])
                if leaf and loc.level:
                    node["level"] = node["level"] or loc.level
        for n in nodes.values():
            n["now"] = None
            if self.places is not None and not n["unresolved"]:
                level, n["now"] = self.places(n["name"], n["level"], n["province"], n["district"])
                n["level"] = n["level"] or level

        def view(url: str) -> dict:
            n = nodes[url]
            return {
                "name": n["name"],
                "label": unit_label(n["name"], n["level"]),
                "url": url,
                "level": n["level"],
                "count": len(n["entries"]),
                "children": sorted((view(c) for c in n["children"]), key=lambda v: (v["name"].casefold(), v["url"])),
            }

        roots = sorted(
            (u for u, n in nodes.items() if len(n["chain"]) == 1 and not n["unresolved"]),
            key=lambda u: (nodes[u]["name"].casefold(), u),
        )
        tree = [view(u) for u in roots]
        unresolved = sorted(
            (view(u) for u, n in nodes.items() if n["unresolved"]), key=lambda v: (v["name"].casefold(), v["url"])
        )
        for url in sorted(nodes):
            n = nodes[url]
            v = view(url)
            self.listing(
                url, "locality.html", n["entries"],
                title=v["label"],
                unit={**v, "chain": n["chain"], "unresolved": n["unresolved"], "province": n["province"], "now": n["now"]},
            )
        no_locality = sum(1 for e in self.entries if e.article.locality is None)
        self.add(
            f"{PLACE_ROOT}/", "localities.html", [],
            title=self.t["by_locality"], tree=tree, unresolved=unresolved, no_locality=no_locality,
        )
        return tree

    def documents(self):
        cited: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            for d in e.article.documents:
                cited[d].append(e)
        # By type (chỉ thị first), then issuer (central first), as the registry orders them.
        grouped: list[dict] = []
        for doc_id in sorted(cited, key=lambda d: self.registry.sort_key(self.resolved[d])):
            doc = {**self.docs[doc_id], "count": len(cited[doc_id])}
            # One heading per issuer, whatever term it is cited with.
            type_, issuer = doc["type"] or "", TERM.sub("", doc["issuer"] or "")
            if not grouped or grouped[-1]["type"] != type_:
                grouped.append({"type": type_, "issuers": []})
            issuers = grouped[-1]["issuers"]
            group = next((g for g in issuers if g["issuer"] == issuer), None)
            if group is None:
                group = {"issuer": issuer, "documents": []}
                issuers.append(group)
            group["documents"].append(doc)
        for doc_id, entries in sorted(cited.items()):
            self.listing(
                self.docs[doc_id]["url"], "document.html", entries,
                title=doc_id, document={**self.docs[doc_id], "count": len(entries)},
            )
        self.add(f"{DOC_ROOT}/", "documents.html", [], title=self.t["by_document"], groups=grouped)
        top = sorted(cited, key=lambda d: (-len(cited[d]), d))[:10]
        return [{**self.docs[d], "count": len(cited[d])} for d in top]

    def home(self, years, tree, top_documents):
        latest = self.entries[: self.config.home_size]
        dated = [e.article.published_date for e in self.entries if e.article.published_date]
        self.add(
            "", "home.html", (e.key for e in latest),
            title=self.config.title,
            articles=[self.summaries[e.key] for e in latest],
            years=years,
            provinces=tree,
            top_documents=top_documents,
            total=len(self.entries),
            first=min(dated) if dated else None,
            last=max(dated) if dated else None,
        )
        self.add("404.html", "404.html", [], title=self.t["not_found"])


def build_site(
    config,
    records: Iterable[tuple[str, Article]],
    registry: Registry,
    origins: frozenset[str] = frozenset(),
    places: PlaceFacts | None = None,
    bodies: Mapping[str, BodyRef] | None = None,
) -> Site:
    """Records → every page of the site. Raises BuildError on URL conflicts.

    `origins` are the raw files at hand, published beside their articles;
    `places` tells what the gazetteer knows of a unit; `bodies`, when given,
    stand in for the records' bodies (which then need not be in memory).
    """
    entries = place_entries(records)
    b = _Builder(config, entries, registry, origins, places, bodies)
    b.articles()
    years = b.dates()
    tree = b.localities()
    top = b.documents()
    b.home(years, tree, top)
    check_unique(b.pages)
    return Site(entries, tuple(b.pages))


def check_unique(pages: Iterable[Page]):
    """Zola's rule: two pages never claim one path; say so before writing."""
    seen: dict[str, Page] = {}
    errors = []
    for p in pages:
        if p.output in seen:
            errors.append(BuildError(p.output, f"two pages claim this path ({seen[p.output].template} and {p.template})"))
        seen[p.output] = p
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
