"""The demo archive, built and crawled as a reader would browse it."""

from conftest import crawl, links_of, resolve


def article_pages(site):
    return sorted(p for p in (site / "bai-viet").rglob("index.html"))


def test_every_internal_link_and_asset_resolves(demo_site):
    broken = []
    for page in demo_site.rglob("*.html"):
        for link in links_of(page):
            target = resolve(page, link)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(demo_site)} → {link}")
    assert broken == []


def test_every_article_is_reachable_through_dates_localities_and_documents(demo_site):
    articles = {p.resolve() for p in article_pages(demo_site)}
    assert len(articles) == 5
    for index in ("thoi-gian", "dia-phuong", "van-ban"):
        # from the home page, through that index only (never via another article)
        reached = crawl(
            demo_site,
            skip=lambda p, index=index: not p.is_relative_to((demo_site / index).resolve()) and p != (demo_site / "index.html").resolve(),
        )
        missing = articles - reached
        assert not missing, f"not reachable through /{index}/: {sorted(str(m) for m in missing)}"


def test_each_document_page_lists_every_article_citing_it(demo_site):
    for article in article_pages(demo_site):
        for link in links_of(article):
            target = resolve(article, link)
            if target is None or "/van-ban/" not in str(target) or target.parent.name == "van-ban":
                continue
            listed = {resolve(p, l) for p in target.parent.rglob("index.html") for l in links_of(p)}
            assert article.resolve() in listed, f"{target} does not list {article}"


def test_article_pages_show_the_vietnamese_date_and_captions(demo_site):
    html = (demo_site / "bai-viet" / "2021" / "05" / "thanh-xuan-hoc-tap-lam-theo-tu-tuong" / "index.html").read_text()
    assert "Thứ Ba, 11/05/2021, 09:41" in html
    assert '<p class="caption">Các tập thể có thành tích trong thực hiện Chỉ thị 05-CT/TW được Quận ủy khen thưởng</p>' in html
    assert "Mã xác nhận" not in html and "Các bài mới đăng" not in html
    assert 'lang="vi"' in html


def test_the_raw_file_is_published_beside_its_article(demo_site):
    folder = demo_site / "bai-viet" / "2021" / "05" / "thanh-xuan-hoc-tap-lam-theo-tu-tuong"
    assert (folder / "nguon.txt").read_text().startswith("Thanh Xuân:")
