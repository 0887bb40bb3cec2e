"""The site model: every page, its URL, its context and the records it shows.

Pure: records in, pages out. Everything a template needs is computed here,
once; templates only lay it out. Each `Page` names the records it shows, so
an incremental build can tell which pages an edit touches.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

from slugify import slugify

from . import charts, export, i18n
from .errors import BuildError, ManyErrors
from .markup import unescape
from .model import VIETNAM, WARD_LEVELS, Article, Document, Locality
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
SEARCH_ROOT = "tim-kiem"
DATA_ROOT = "du-lieu"
FEED = "feed.xml"  # beside the page it follows: /feed.xml, /van-ban/05-ct-tw/feed.xml …
FEED_SIZE = 50  # newest articles in a feed
SITEMAP_SIZE = 50_000  # URLs in one sitemap file (the protocol's limit)
RELATED = 5  # related articles listed under an article
CHART_FROM = 2  # a page about a single article gets no chart
NEIGHBOURS = 6  # articles looked at on each side, in each list an article is in
TOP = 10  # most cited documents, most active localities …
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


EPOCH = "1970-01-01T00:00:00Z"


def atom_date(d: dt.datetime | dt.date | None) -> str | None:
    """RFC 3339, as Atom wants it; a bare date is its first moment in Vietnam."""
    if d is None:
        return None
    if not isinstance(d, dt.datetime):
        d = dt.datetime(d.year, d.month, d.day, tzinfo=VIETNAM)
    elif d.tzinfo is None:
        d = d.replace(tzinfo=VIETNAM)
    return d.isoformat()


def sort_stamp(d: dt.datetime | dt.date | None) -> str:
    """Digits that sort as the dates do (Vietnam time), for the search index; "0" when undated."""
    if d is None:
        return "0"
    if isinstance(d, dt.datetime):
        local = d.astimezone(VIETNAM) if d.tzinfo else d
        return local.strftime("%Y%m%d%H%M")
    return f"{d.year:04d}{d.month:02d}{d.day:02d}0000"


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
    leaf = loc.name
    if loc.district is None and loc.level in WARD_LEVELS:
        # A ward straight under its province (the order since 2025) sits
        # beside the districts of the old one, whose names it often took:
        # xã Đông Anh is not huyện Đông Anh. Its level keeps the two apart.
        leaf = unit_label(loc.name, loc.level)
    chain.append((loc.name, f"{chain[-1][1]}{slug(leaf)}/"))
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
        self.loc_views: dict[Locality, dict] = {}
        self.entry_ids: dict[str, str] = {}
        self.summaries = {e.key: self.summary(e) for e in entries}
        ids = sorted({d for e in entries for d in e.article.documents})
        self.resolved = {d: registry.resolve(d) for d in ids}
        self.docs = {d: self.document(d) for d in ids}
        # Each article's year, once (a property computed on every call otherwise).
        self.years = {e.key: d.year for e in entries if (d := e.article.published_date) is not None}
        self.positions: dict[int, tuple] = {}  # id of a list below → (its articles' ranks, rank → place in it)
        # The lists an article is in, newest first: for related articles and statistics.
        self.cited: dict[str, list[Entry]] = defaultdict(list)  # document id → its articles
        self.units: dict[str, list[Entry]] = defaultdict(list)  # a locality's url → its own articles
        for e in entries:
            for d in dict.fromkeys(e.article.documents):
                self.cited[d].append(e)
            if e.article.locality is not None:
                self.units[self.unit_url(e.article.locality)].append(e)

    def unit_url(self, loc: Locality) -> str:
        return self.locality_view(loc)["url"]

    def add(self, url: str, template: str, records: Iterable[str], **context):
        self.pages.append(Page(url, template, context, frozenset(records)))

    def absolute(self, url: str) -> str | None:
        return self.config.base_url + url if self.config.base_url else None

    def atom_id(self, url: str) -> str:
        """A feed or entry id: the absolute address, or a name that never changes without one."""
        if self.config.base_url:
            return self.config.base_url + url
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'luutru:{self.config.title}:/{url}')}"

    # views handed to templates ------------------------------------------------

    def locality_view(self, loc: Locality | None) -> dict | None:
        """One view per unit, shared by its articles' summaries."""
        if loc is None:
            return None
        view = self.loc_views.get(loc)
        if view is None:
            view = self.loc_views[loc] = self._locality_view(loc)
        return view

    def _locality_view(self, loc: Locality) -> dict:
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

    def listing(self, url: str, template: str, entries: list[Entry], first: dict | None = None, **context):
        """Pages of `page_size` articles: url, url/trang/2/, …

        `first` is shown on the first page only (the others get its keys as None),
        so that statistics on it never make the later pages change.
        """
        first = first or {}
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
                **(first if n == 1 else dict.fromkeys(first)),
                **context,
            )

    # kinds of page -------------------------------------------------------------

    def related(self, e: Entry) -> list[dict]:
        """Articles on the same documents (two points each) and from the same unit
        (one point), the nearest in time first among equals.

        Bounded work: in each list the article is in, only the NEIGHBOURS nearest
        articles on either side are looked at, never the whole list.
        """
        lists = [(self.cited[d], 2) for d in dict.fromkeys(e.article.documents)]
        if e.article.locality is not None:
            lists.append((self.units[self.unit_url(e.article.locality)], 1))
        here = self.rank[e.key]
        scores: dict[int, int] = {}  # rank of an article → its points
        for entries, points in lists:
            # Each list as the ranks of its articles, once: ints, not keys, in the loop.
            ranks, where = self.positions.get(id(entries)) or self._ranked(entries)
            i = where[here]
            for r in ranks[max(0, i - NEIGHBOURS) : i + NEIGHBOURS + 1]:
                if r != here:
                    scores[r] = scores.get(r, 0) + points
        keys = self.keys
        best = sorted([(-points, abs(r - here), keys[r]) for r, points in scores.items()])[:RELATED]
        return [self.summaries[k] for _, _, k in best]

    def _ranked(self, entries: list[Entry]) -> tuple[list[int], dict[int, int]]:
        ranks = [self.rank[x.key] for x in entries]
        return self.positions.setdefault(id(entries), (ranks, {r: n for n, r in enumerate(ranks)}))

    def linked_data(self, e: Entry, docs: list[dict]) -> dict:
        """schema.org NewsArticle, for the page's JSON-LD."""
        a = e.article
        s = self.summaries[e.key]
        ld: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "inLanguage": "vi",
            "isAccessibleForFree": True,
        }
        if s["published_iso"]:
            ld["datePublished"] = s["published_iso"]
        if s["lead"]:
            ld["description"] = s["lead"]
        if a.author:
            ld["author"] = [{"@type": "Person", "name": a.author, **({"affiliation": {"@type": "Organization", "name": a.author_unit}} if a.author_unit else {})}]
        if a.section:
            ld["articleSection"] = a.section
        loc = s["locality"]
        if loc:
            name = loc["label"] + (f", {loc['province']}" if loc["province"] and loc["province"] != loc["name"] else "")
            ld["contentLocation"] = {"@type": "Place", "name": name}
        if docs:
            ld["mentions"] = [
                {"@type": "CreativeWork", "name": d["id"], **({"alternateName": d["title"]} if d["title"] else {}),
                 **({"url": self.absolute(d["url"])} if self.config.base_url else {})}
                for d in docs
            ]
        if self.config.base_url:
            ld["url"] = ld["mainEntityOfPage"] = self.absolute(e.url)
        ld["isPartOf"] = {"@type": "WebSite", "name": self.config.title, **({"url": self.config.base_url} if self.config.base_url else {})}
        return ld

    def articles(self):
        self.rank = {e.key: i for i, e in enumerate(self.entries)}
        self.keys = [e.key for e in self.entries]
        for e in self.entries:
            a = e.article
            docs = [self.docs[d] for d in a.documents]
            related = self.related(e)
            self.add(
                e.url,
                "article.html",
                [e.key, *(r["key"] for r in related)],
                related=related,
                ld=self.linked_data(e, docs),
                article={
                    **self.summaries[e.key],
                    "author": a.author,
                    "author_unit": a.author_unit,
                    "section": a.section,
                    "views": a.views,
                    "places": list(a.places),
                    "documents": docs,
                    "sort_key": sort_stamp(a.published),
                    "year": a.published_date.year if a.published_date else None,
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
            entries = n["entries"]
            self.listing(
                url, "locality.html", entries,
                first={
                    "by_year": self.year_chart(entries, v["label"], f"c-{slug(url)}"),
                    "top_documents": self.top_documents(entries),
                },
                title=v["label"],
                unit={**v, "chain": n["chain"], "unresolved": n["unresolved"], "province": n["province"], "now": n["now"]},
                feed=url + FEED,
            )
            self.feed(url + FEED, url, f"{v['label']} · {self.config.title}", entries)
        self.unit_count = len(nodes)
        no_locality = sum(1 for e in self.entries if e.article.locality is None)
        self.add(
            f"{PLACE_ROOT}/", "localities.html", [],
            title=self.t["by_locality"], tree=tree, unresolved=unresolved, no_locality=no_locality,
        )
        return tree

    def documents(self):
        cited = self.cited
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
            url = self.docs[doc_id]["url"]
            self.listing(
                url, "document.html", entries,
                first={
                    "by_year": self.year_chart(entries, doc_id, f"c-{slug(doc_id)}"),
                    "reported_by": self.top_units(entries),
                    "cited_with": self.top_documents(entries, besides=doc_id),
                },
                title=doc_id, document={**self.docs[doc_id], "count": len(entries)},
                feed=url + FEED,
            )
            self.feed(url + FEED, url, f"{doc_id} · {self.config.title}", entries)
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
            stats={"articles": len(self.entries), "documents": len(self.cited), "localities": self.unit_count},
            by_year=self.year_chart(self.entries, self.config.title, "c-home", always=True),
            feed=FEED,
        )
        self.feed(FEED, "", self.config.title, self.entries)
        self.add("404.html", "404.html", [], title=self.t["not_found"])

    # statistics -------------------------------------------------------------------

    def year_chart(self, entries: list[Entry], subject: str, ident: str, always: bool = False) -> dict | None:
        """Articles per year, for a page about at least CHART_FROM articles."""
        if len(entries) < CHART_FROM and not always:
            return None
        years = self.years
        counts = charts.year_counts([years[e.key] for e in entries if e.key in years])
        if not counts:
            return None
        described = "; ".join(f"{y}: {n}" for y, n in counts)
        return {
            "svg": charts.bar_chart(counts, self.t["chart_by_year"].format(subject=subject),
                                    self.t["chart_by_year_desc"].format(values=described), ident),
            "years": [{"year": y, "count": n} for y, n in counts],
        }

    def top_documents(self, entries: list[Entry], besides: str | None = None) -> list[dict]:
        """The documents these articles cite most (for "cited with": the others on them)."""
        counts = Counter(d for e in entries for d in dict.fromkeys(e.article.documents) if d != besides)
        top = sorted(counts, key=lambda d: (-counts[d], d))[:TOP]
        return [{**self.docs[d], "count": counts[d]} for d in top]

    def top_units(self, entries: list[Entry]) -> list[dict]:
        """The localities these articles come from, most articles first."""
        counts: Counter = Counter()
        views: dict[str, dict] = {}
        for e in entries:
            loc = self.summaries[e.key]["locality"]
            if loc is not None:
                counts[loc["url"]] += 1
                views.setdefault(loc["url"], loc)
        top = sorted(counts, key=lambda u: (-counts[u], views[u]["label"].casefold(), u))[: 2 * TOP]
        return [{**views[u], "count": counts[u]} for u in top]

    # follow, find and take away -------------------------------------------------------

    def feed(self, url: str, page: str, title: str, entries: list[Entry]):
        """An Atom feed of the newest dated articles of a page."""
        latest = [e for e in entries if e.article.published is not None][:FEED_SIZE]
        dates = [atom_date(e.article.published) for e in latest]
        self.add(
            url, "feed.xml", (e.key for e in latest),
            title=title,
            page=page,
            feed_id=self.atom_id(url),
            updated=max(dates, default=EPOCH),
            articles=[self.summaries[e.key] for e in latest],
            ids=[self.entry_id(e) for e in latest],  # beside the shared summaries: made only for feeds
            dates=dates,
        )

    def entry_id(self, e: Entry) -> str:
        found = self.entry_ids.get(e.key)
        if found is None:
            found = self.entry_ids[e.key] = self.atom_id(e.url)
        return found

    def search(self):
        self.add(f"{SEARCH_ROOT}/", "search.html", [], title=self.t["search"])

    def data(self):
        rows = [self.row(e) for e in self.entries]
        self.add(f"{DATA_ROOT}/", "data.html", [], title=self.t["data"], fields=[n for n, _ in export.FIELDS], total=len(rows))
        keys = [e.key for e in self.entries]
        meta = {"title": self.config.title, "generator": "luutru"}
        self.add(f"{DATA_ROOT}/articles.json", "articles.json", keys, rows=rows, meta=meta)
        self.add(f"{DATA_ROOT}/articles.csv", "articles.csv", keys, rows=rows)

    def row(self, e: Entry) -> tuple:
        a = e.article
        loc = a.locality
        d = a.published_date
        return (
            self.absolute(e.url) or e.url,
            a.title,
            a.published.isoformat() if a.published else None,
            d.isoformat() if d else None,
            d.year if d else None,
            loc.name if loc else None,
            loc.level if loc else None,
            loc.district if loc else None,
            loc.province if loc else None,
            list(a.documents),
            list(a.places),
            a.author,
            a.author_unit,
            a.source,
            a.section,
            a.views,
            a.origin.file if a.origin else None,
            a.origin.sha256 if a.origin else None,
            e.key,
        )

    def machine_files(self):
        """sitemap.xml (an index of sitemap-N.xml past SITEMAP_SIZE addresses) and robots.txt.

        A sitemap holds absolute addresses only: without `base_url` there is none.
        """
        if self.config.base_url:
            skip = {"404.html", f"{SEARCH_ROOT}/"}  # the search page says noindex
            urls = [p.url for p in self.pages if p.template.endswith(".html") and p.url not in skip]
            urls.sort()
            if len(urls) <= SITEMAP_SIZE:
                self.add("sitemap.xml", "sitemap.xml", [], urls=urls)
            else:
                parts = [urls[i : i + SITEMAP_SIZE] for i in range(0, len(urls), SITEMAP_SIZE)]
                names = [f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
                for name, part in zip(names, parts):
                    self.add(name, "sitemap.xml", [], urls=part)
                self.add("sitemap.xml", "sitemap-index.xml", [], sitemaps=names)
        self.add("robots.txt", "robots.txt", [], sitemap="sitemap.xml" if self.config.base_url else None)


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
    b.search()
    b.data()
    b.machine_files()
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
