"""Pictures and links: charts and statistics, linked mentions, related articles, the English interface."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import make_site, record, run

from luutru import i18n
from luutru.charts import bar_chart, year_counts
from luutru.config import Config
from luutru.mentions import link_documents
from luutru.model import VIETNAM, Article, Locality
from luutru.registry import Registry
from luutru.site import NEIGHBOURS, RELATED, build_site

# --- charts ---------------------------------------------------------------------


def test_year_counts_fill_the_years_between():
    assert year_counts([2019, 2021, 2021]) == [(2019, 1), (2020, 0), (2021, 2)]
    assert year_counts([]) == []


def test_a_bar_chart_is_small_accessible_svg():
    svg = str(bar_chart([(2019, 1), (2020, 0), (2021, 4)], "Số bài <theo> năm", "2019: 1; 2020: 0; 2021: 4", "c-x"))
    assert svg.startswith('<svg class="chart" role="img"') and 'aria-labelledby="c-x-t c-x-d"' in svg
    assert '<title id="c-x-t">Số bài &lt;theo&gt; năm</title>' in svg and '<desc id="c-x-d">2019: 1; 2020: 0; 2021: 4</desc>' in svg
    assert svg.count("<rect") == 2  # no bar for a year without articles
    assert len(svg) < 1500
    assert bar_chart([], "t", "d", "c") == ""


def test_a_chart_of_any_span_fits_a_phone_column_with_labels_apart():
    for years in (1, 3, 8, 15, 30, 60):
        data = [(2024 - years + 1 + i, (i * 7) % 5 * 300) for i in range(years)]
        svg = str(bar_chart(data, "t", "d", "c"))
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        assert width <= 320  # the column of a 360 px phone: drawn one unit to one pixel
        labels = [(float(x), y) for x, y in re.findall(r'class="label" x="([\d.]+)" y="\d+">(\d+)<', svg)]
        assert labels[-1][1] == "2024"  # the latest year always
        assert all(b - a >= 38 for (a, _), (b, _) in itertools.pairwise(labels))  # 4 digits at 13 px, and a gap
        assert all(16 <= x <= width - 16 for x, _ in labels)  # none cut at the edges
        values = re.findall(r'class="value"[^>]*>(\d+)<', svg)
        assert values == [str(v) for _, v in data if v] if years <= 8 else values == ["1200"]


# --- statistics on the pages -------------------------------------------------------------

TX = "locality: {name: Thanh Xuân, level: quận, province: Hà Nội}\n"
LB = "locality: {name: Long Biên, level: quận, province: Hà Nội}\n"
RECORDS = {
    "a.md": record("Bài A", "2019-05-01", TX + "documents: [05-CT/TW, 03-CT/TW]\n",
                   body="Thực hiện Chỉ thị số 05-CT/TW và Chỉ thị 03, cùng Chỉ thị 05-CT/TW lần nữa."),
    "b.md": record("Bài B", "2021-05-01", TX + "documents: [05-CT/TW, 03-CT/TW]\n"),
    "c.md": record("Bài C", "2021-06-01", LB + "documents: [05-CT/TW, 124-QĐ/TW]\n"),
    "d.md": record("Bài D", "2020-06-01", LB + "documents: [124-QĐ/TW]\n"),
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for lang in ("vi", "en"):
        title = "title: Local news archive\n" if lang == "en" else ""
        root = make_site(tmp_path_factory.mktemp(lang), RECORDS, f"language: {lang}\n{title}")
        run("build", cwd=root, check=True)
        out[lang] = root / "site"
    return out


def test_a_document_page_shows_its_years_localities_and_companions(sites):
    html = (sites["vi"] / "van-ban/05-ct-tw/index.html").read_text()
    assert '<svg class="chart" role="img"' in html and "2019: 1; 2020: 0; 2021: 2" in html
    assert "<td>2021</td><td>2</td>" in html  # the same figures as a table
    reported = html[html.index('id="h-reported"') : html.index('id="h-cited-with"')]
    assert re.findall(r">(Quận [^<]+)</a>", reported) == ["Quận Thanh Xuân", "Quận Long Biên"]
    companions = html[html.index('id="h-cited-with"') :]
    assert re.findall(r'index.html">([^<]+)</a> <span class="count">(\d)', companions)[:2] == [("03-CT/TW", "2"), ("124-QĐ/TW", "1")]


def test_a_document_page_says_what_the_registry_knows_of_it(tmp_path):
    root = make_site(tmp_path, RECORDS)
    (root / "content" / "documents.yaml").write_text(
        "- id: 05-CT/TW\n  type: Chỉ thị\n  issuer: Bộ Chính trị\n  date: 2016-05-15\n"
        "  title: Về việc thử nghiệm kho lưu trữ tin bài\n",
        encoding="utf-8",
    )
    run("build", cwd=root, check=True)
    known = (root / "site/van-ban/05-ct-tw/index.html").read_text()
    assert '<p class="doc-full-title">Về việc thử nghiệm kho lưu trữ tin bài</p>' in known
    assert re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", known) == [
        ("Loại văn bản", "Chỉ thị"),
        ("Cơ quan ban hành", "Bộ Chính trị"),
        ("Ngày ban hành", '<time datetime="2016-05-15">15/05/2016</time>'),
    ]
    assert "chưa có trong danh mục" not in known
    # The home page's most cited documents carry the full title too.
    home = (root / "site/index.html").read_text()
    assert '05-CT/TW</a> <span class="count">3<span class="visually-hidden"> bài viết</span></span> ' \
        '<span class="doc-title">Về việc thử nghiệm kho lưu trữ tin bài</span>' in home
    # A document the registry does not know still has its page, and says so.
    unknown = (root / "site/van-ban/124-qd-tw/index.html").read_text()
    assert "doc-full-title" not in unknown and "Văn bản này chưa có trong danh mục văn bản." in unknown


def test_a_locality_page_shows_its_years_and_documents(sites):
    html = (sites["vi"] / "dia-phuong/ha-noi/index.html").read_text()
    assert "2019: 1; 2020: 1; 2021: 2" in html
    top = html[html.index('id="h-top-docs"') :]
    assert re.findall(r'index.html">([^<]+)</a> <span class="count">(\d)', top)[:3] == [("05-CT/TW", "3"), ("03-CT/TW", "2"), ("124-QĐ/TW", "2")]
    # Its sub-units, each linked to its page, with its count.
    subunits = html[html.index('id="h-sub"') : html.index("</section>", html.index('id="h-sub"'))]
    assert re.findall(r'href="([^"]+)">([^<]+)</a> <span class="count">(\d)', subunits) == [
        ("../../dia-phuong/ha-noi/long-bien/index.html", "Quận Long Biên", "2"),
        ("../../dia-phuong/ha-noi/thanh-xuan/index.html", "Quận Thanh Xuân", "2"),
    ]


def test_the_home_page_shows_span_counts_and_the_most_cited(sites):
    html = (sites["vi"] / "index.html").read_text()
    assert "từ 01/05/2019 đến 01/06/2021" in html
    assert "<strong>4</strong> bài viết" in html and "<strong>3</strong> văn bản" in html
    assert '<svg class="chart"' in html
    cited = html[html.index("Văn bản được nhắc nhiều nhất") :]
    assert re.findall(r'index.html">([^<]+)</a> <span class="count">(\d)', cited)[:3] == [("05-CT/TW", "3"), ("03-CT/TW", "2"), ("124-QĐ/TW", "2")]


def test_later_pages_of_a_listing_carry_no_statistics(tmp_path):
    records = {f"{i}.md": record(f"Bài {i}", f"2021-05-{i + 1:02d}", TX + "documents: [05-CT/TW]\n") for i in range(5)}
    root = make_site(tmp_path, records, "page_size: 2\n")
    run("build", cwd=root, check=True)
    assert "<svg" in (root / "site/van-ban/05-ct-tw/index.html").read_text()
    assert "<svg" not in (root / "site/van-ban/05-ct-tw/trang/2/index.html").read_text()


# --- linked mentions ----------------------------------------------------------------------

DOCS = [
    {"id": "05-CT/TW", "url": "van-ban/05-ct-tw/", "aliases": []},
    {"id": "08-CT/TU Hà Nội", "url": "van-ban/08-ct-tu-ha-noi/", "aliases": []},
    {"id": "Nghị quyết Trung ương 4 khóa XII", "url": "van-ban/nq4/", "aliases": ["04-NQ/TW"]},
    {"id": "124-QĐ/TW", "url": "van-ban/124-qd-tw/", "aliases": []},
]


def link(html: str, docs=DOCS) -> str:
    return str(link_documents(html, docs, lambda u: "../" + u))


def test_the_first_mention_of_each_document_links_to_its_page_however_it_is_written():
    out = link("<p>Chỉ thị số 05/CT-TW và 05-CT/TW; Chỉ thị 08-CT/TU; Nghị quyết 04-NQ/TW; Quy định 124.</p>")
    assert out == (
        '<p>Chỉ thị số <a class="doc-mention" href="../van-ban/05-ct-tw/">05/CT-TW</a> và 05-CT/TW; '
        'Chỉ thị <a class="doc-mention" href="../van-ban/08-ct-tu-ha-noi/">08-CT/TU</a>; '
        'Nghị quyết <a class="doc-mention" href="../van-ban/nq4/">04-NQ/TW</a>; '
        '<a class="doc-mention" href="../van-ban/124-qd-tw/">Quy định 124</a>.</p>'
    )
    assert 'href="../van-ban/nq4/">Nghị quyết Trung ương 4 khóa XII</a>' in link("<p>Theo Nghị quyết Trung ương 4 khóa XII.</p>")
    assert 'href="../van-ban/05-ct-tw/">Chỉ thị 05</a>' in link("<p>Thực hiện Chỉ thị 05 của Bộ Chính trị.</p>")


def test_only_the_articles_own_documents_and_never_inside_a_link_or_tag():
    assert link("<p>Chỉ thị 36-CT/TW và Chỉ thị 36.</p>") == "<p>Chỉ thị 36-CT/TW và Chỉ thị 36.</p>"
    html = '<p><a href="x">05-CT/TW</a> <span title="05-CT/TW">x</span></p>'
    assert link(html) == html
    assert link("<p>x</p>", []) == "<p>x</p>"
    # "Chỉ thị 05" names no document when two of the article's documents have that number.
    two = [{"id": "05-CT/TW", "url": "a/", "aliases": []}, {"id": "05-CT/TU Hà Nội", "url": "b/", "aliases": []}]
    assert link("<p>Chỉ thị 05.</p>", two) == "<p>Chỉ thị 05.</p>"


def test_article_pages_link_the_mentions_in_their_body(sites):
    html = (sites["vi"] / "bai-viet/2019/05/bai-a/index.html").read_text()
    body = html[html.index('<div class="body"') :]
    assert body.count('class="doc-mention"') == 2
    assert 'href="../../../../van-ban/05-ct-tw/index.html">05-CT/TW</a>' in body
    assert 'href="../../../../van-ban/03-ct-tw/index.html">Chỉ thị 03</a>' in body


# --- related articles ---------------------------------------------------------------------


def art(n: int, docs=(), place=None) -> tuple[str, Article]:
    when = dt.datetime(2020, 1, 1, tzinfo=VIETNAM) + dt.timedelta(days=n)
    loc = Locality(place, "quận", "Hà Nội") if place else None
    return f"{n:04d}.md", Article(title=f"Bài {n}", published=when, documents=tuple(docs), locality=loc)


def related_of(records) -> dict[str, list[str]]:
    site = build_site(Config(root=Path("/tmp")), records, Registry.empty())
    return {p.context["article"]["title"]: [r["title"] for r in p.context["related"]] for p in site.pages if p.template == "article.html"}


def test_related_articles_share_documents_first_then_the_locality():
    related = related_of([
        art(1, ["05-CT/TW", "03-CT/TW"], "Thanh Xuân"),
        art(2, ["05-CT/TW", "03-CT/TW"]),
        art(3, ["05-CT/TW"], "Thanh Xuân"),
        art(4, [], "Thanh Xuân"),
        art(5, ["36-CT/TW"], "Long Biên"),
    ])
    assert related["Bài 1"] == ["Bài 2", "Bài 3", "Bài 4"]
    assert related["Bài 5"] == []


def test_related_articles_cost_a_bounded_amount_per_article():
    # Three hundred articles on one document: each looks only at its nearest neighbours in time.
    related = related_of([art(n, ["05-CT/TW"]) for n in range(300)])
    assert all(len(r) == RELATED for r in related.values())
    for title, others in related.items():
        n = int(title.split()[1])
        assert all(abs(int(o.split()[1]) - n) <= NEIGHBOURS for o in others)
    assert related["Bài 150"] == ["Bài 149", "Bài 151", "Bài 148", "Bài 152", "Bài 147"]


def test_article_pages_list_their_related_articles(sites):
    html = (sites["vi"] / "bai-viet/2019/05/bai-a/index.html").read_text()
    section = html[html.index('id="h-related"') :]
    assert re.findall(r'lang="vi">|>(Bài [BCD])</a>', section)
    assert [t for t in re.findall(r">(Bài [A-D])</a>", section)] == ["Bài B", "Bài C"]


# --- English ------------------------------------------------------------------------------


class Interface(HTMLParser):
    """The interface's text and labels: what is not inside an element marked lang="vi"."""

    VOID = {"br", "img", "meta", "link", "input", "hr", "source", "rect", "line"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        vi = (self.stack[-1] if self.stack else False) or a.get("lang") == "vi" or tag in ("script", "style")
        if not vi:
            self.texts += [v for k, v in a.items() if k in ("aria-label", "title", "placeholder", "alt") and v]
        if tag not in self.VOID:
            self.stack.append(vi)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.texts.append(data.strip())


def vietnamese_phrases() -> list[str]:
    """Pieces of the Vietnamese strings that the English table does not share."""
    vi, en = i18n.STRINGS["vi"], i18n.STRINGS["en"]
    pieces = set()
    for key, text in vi.items():
        if text == en[key]:
            continue
        for piece in re.split(r"\{[^}]*\}|[:.,;()“”—–→←]", text):
            piece = piece.strip()
            # (examples of data, such as "08-CT/TU Hà Nội" or "thị xã", are in both tables)
            if len(piece) >= 6 and not piece.isascii() and not any(piece in e for e in en.values()):
                pieces.add(piece)
    return sorted(pieces)


def test_every_interface_string_is_english_when_asked(sites):
    site = sites["en"]
    phrases = vietnamese_phrases()
    assert "Bài mới nhất" in phrases and "Văn bản được nhắc nhiều nhất" in phrases
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = Interface()
        parser.feed(page.read_text(encoding="utf-8"))
        text = "\n".join(parser.texts)
        found += [f"{page.relative_to(site)}: {p}" for p in phrases if p in text]
    assert found == []
    home = (site / "index.html").read_text()
    assert "Latest articles" in home and "Most cited documents" in home and "from 1 May 2019 to 1 June 2021" in home
    assert "Articles each year — 2019: 1; 2020: 1; 2021: 2." in home
    search = (site / "tim-kiem" / "index.html").read_text()
    assert "Search the archive" in search and 'data-count="{n} articles"' in search
    feed = (site / "van-ban" / "05-ct-tw" / "feed.xml").read_text()
    assert "<title>05-CT/TW · Local news archive</title>" in feed


def test_one_of_a_thing_is_singular_in_english(tmp_path):
    root = make_site(tmp_path, {"a.md": record("Bài A", "2019-05-01", TX + "documents: [05-CT/TW]\n")}, "language: en\n")
    run("build", cwd=root, check=True)
    home = (root / "site" / "index.html").read_text()
    assert "The archive holds 1 article, of 1 May 2019." in home
    assert "<strong>1</strong> article</li>" in home and "<strong>1</strong> document</a>" in home
    assert '<p class="count">1 article</p>' in (root / "site" / "van-ban/05-ct-tw/index.html").read_text()
    assert 'data-count-one="{n} article"' in (root / "site" / "tim-kiem/index.html").read_text()
    assert i18n.counted("article_count", 1234, "en") == "1,234 articles"
    assert i18n.counted("article_count", 1234, "vi") == "1.234 bài viết"
