"""A generated archive that reaches every corner of the templates, with hostile text.

`write_archive(root)` writes ~150 records into root/content/articles: dated,
dated without a time and undated; with a locality at every level, an
ambiguous one or none; with no document or several; and, here and there,
text that looks like markup or like YAML — in titles, bodies, bylines and
sections — and a title far longer than any real one. The same seed always
writes the same records. The checks of the built pages (Nu HTML Checker,
axe-core) run over it: tests/test_html.py and tests/test_browser.py.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from luutru.content import escape_body, free_record_name, to_text
from luutru.model import VIETNAM, Article, Block, Locality

ARTICLES = 150
CONFIG = "title: 'Kho <thử> & \"kiểm\"'\npage_size: 5\nhome_size: 6\n"  # several pages of every listing

LOCALITIES = [
    Locality("Thanh Xuân", "quận", "Hà Nội"),
    Locality("Gia Lâm", "huyện", "Hà Nội"),
    Locality("Hà Nội", "thành phố", "Hà Nội"),
    Locality("Láng Hạ", "phường", "Hà Nội", "Đống Đa"),
    Locality("Hương Trà", "thị xã", "Thừa Thiên Huế"),
    Locality("Thừa Thiên Huế", "tỉnh", "Thừa Thiên Huế"),
    Locality("Ninh Kiều", "quận", "Cần Thơ"),
    Locality("Phường 9", "phường", None),  # ambiguous: no province
    None,  # no locality at all
    None,
]
DOCUMENTS = [
    "05-CT/TW", "124-QĐ/TW", "08-CT/TU Hà Nội", "06-NQ/QU Thanh Xuân", "Nghị quyết Trung ương 4 khóa XII",
    "01-KL/TW", "35-CT/TW",
]
TITLES = [
    "{place} tổ chức hội nghị sơ kết công tác quý {n}",
    "Đảng bộ {place} học tập chuyên đề năm {year}",
    "{place}: ra mắt mô hình dân vận khéo số {n}",
    "Chi bộ khu dân cư {n} ở {place} sinh hoạt chuyên đề",
]
# Titles that are markup, YAML or both; each must come out as the same text.
HOSTILE_TITLES = [
    "<script>alert('tiêu đề')</script> Hội nghị cán bộ",
    "Tổng kết: \"thi đua\" & 'khen thưởng' # năm {year}",
    "- Gạch đầu dòng mở đầu tiêu đề",
    "# Không phải tiêu đề Markdown",
    "[Tin nhanh] {{ biến }} và {% khối %} của Jinja",
    "null",
    "yes: no",
    "</title><h1>Thẻ đóng sớm</h1>",
    "* sao | ống > lớn < nhỏ ` huyền @ a % b",
    "Hội nghị " + "rất dài và còn dài nữa, " * 18 + "kết thúc",  # ~ 450 characters
]
SENTENCES = [
    "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ chính trị của địa phương trong thời gian qua.",
    "Các chi bộ tích cực đổi mới nội dung sinh hoạt, gắn với việc giải quyết những vấn đề thiết thực ở cơ sở.",
    "Nhiều tập thể và cá nhân được biểu dương vì thành tích xuất sắc trong phong trào thi đua.",
    "Đồng chí Bí thư đề nghị các đơn vị tiếp tục quan tâm đến công tác kiểm tra, giám sát.",
    "Nhân dân đồng tình, hưởng ứng và tham gia đóng góp ý kiến cho kế hoạch năm tới.",
]
# Lines of ordinary text that look like Markdown or HTML: shown as written, never run.
HOSTILE_LINES = [
    "+ Một, tiếp tục nâng cao chất lượng sinh hoạt chi bộ;",
    "1. Hoàn thành kế hoạch trước thời hạn.",
    "- Các đại biểu thảo luận sôi nổi.",
    "# Phần thứ hai",
    "* Ghi chú của ban tổ chức",
    "> Trích phát biểu của đồng chí Chủ tịch.",
    "<script>document.write('x')</script>",
    "<img src=x onerror=alert(1)> ảnh minh họa",
    "[Xem thêm](javascript:alert(1)) và <a href=\"http://x\">liên kết</a>",
    "| cột một | cột hai |",
    "```",
    "---",
    "{: .caption}",
    "Giá trị &amp; ký hiệu &lt;b&gt; giữ nguyên, cả \\ và `mã`.",
]
LONG_WORD = "Nguồn: https://cong-thong-tin.example.vn/tin-tuc/hoat-dong-co-so/chi-tiet-bai-viet-so-0123456789-cong-tac-dan-van"


def make_article(i: int, rng: random.Random) -> Article:
    loc = LOCALITIES[i % len(LOCALITIES)]
    place = loc.name if loc else "Khu dân cư"
    year = 2012 + i % 12
    day = dt.date(year, 1 + (i * 7) % 12, 1 + (i * 11) % 28)
    published = (
        None if i % 23 == 5
        else day if i % 9 == 4
        else dt.datetime(day.year, day.month, day.day, 7 + i % 12, (i * 13) % 60, tzinfo=VIETNAM)
    )
    template = HOSTILE_TITLES[(i // 7) % len(HOSTILE_TITLES)] if i % 7 == 3 else rng.choice(TITLES)
    title = template.replace("{place}", place).replace("{n}", str(1 + i % 9)).replace("{year}", str(year))
    documents = () if i % 5 == 0 else tuple(rng.sample(DOCUMENTS, 1 + i % 3))
    body = []
    for k in range(rng.randint(2, 6)):
        text = rng.choice(SENTENCES)
        if (i + k) % 4 == 1:
            text = HOSTILE_LINES[(i + k) % len(HOSTILE_LINES)] + " " + text
        body.append(Block("paragraph", text))
        if (i + k) % 6 == 2:
            body.append(Block("caption", "Quang cảnh buổi lễ <b>trao</b> & tặng"))
    if len(title) > 200:  # the longest title, and a word longer than a phone's line
        body.insert(0, Block("paragraph", LONG_WORD))
    author = None if i % 8 == 0 else "<i>Thu</i> & \"Hằng\"" if i % 17 == 1 else rng.choice(["Thu Uyên", "Minh Châu"])
    return Article(
        title=title,
        published=published,
        author=author,
        source="HNP" if i % 3 == 0 else None,
        section="Xây dựng Đảng <em>&</em>" if i % 10 == 7 else None,
        views=i * 37 if i % 4 == 0 else None,
        locality=loc,
        documents=documents,
        body=tuple(body),
    )


def write_archive(root: Path, n: int = ARTICLES, seed: int = 6) -> Path:
    """The records and luutru.yaml of a generated archive in `root`; returns `root`."""
    rng = random.Random(seed)
    articles = root / "content" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (root / "luutru.yaml").write_text(CONFIG, encoding="utf-8")
    claimed: set[str] = set()
    for i in range(n):
        article = make_article(i, rng)
        name = free_record_name(article, articles, claimed)
        claimed.add(name)
        (articles / name).parent.mkdir(parents=True, exist_ok=True)
        (articles / name).write_text(to_text(escape_body(article)), encoding="utf-8")
    return root


# One page of each kind in the built archive (a glob; the first match, sorted).
PAGES = {
    "home": "index.html",
    "article, a title of 450 characters": "bai-viet/*/*/hoi-nghi-rat-dai*/index.html",
    "article, undated, a script for a title": "bai-viet/khong-ngay/script-*/index.html",
    "dates": "thoi-gian/index.html",
    "year, second page": "thoi-gian/*/trang/2/index.html",
    "undated, second page": "thoi-gian/khong-ngay/trang/2/index.html",
    "localities": "dia-phuong/index.html",
    "province, second page": "dia-phuong/ha-noi/trang/2/index.html",
    "district": "dia-phuong/ha-noi/dong-da/index.html",
    "ward": "dia-phuong/ha-noi/dong-da/lang-ha/index.html",
    "ambiguous locality": "dia-phuong/chua-xac-dinh/*/index.html",
    "documents": "van-ban/index.html",
    "document, second page": "van-ban/05-ct-tw/trang/2/index.html",
    "search": "tim-kiem/index.html",
    "data": "du-lieu/index.html",
    "404": "404.html",
}


def page_of(site: Path, kind: str) -> str:
    """The path (relative to `site`) of the first page of this kind."""
    found = sorted(site.glob(PAGES[kind]))
    assert found, f"no page of the kind {kind!r} ({PAGES[kind]}) in the generated archive"
    return found[0].relative_to(site).as_posix()
