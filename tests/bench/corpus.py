"""A deterministic corpus of realistic articles for benchmarks.

    python tests/bench/corpus.py N OUTDIR [--seed S]

writes OUTDIR/raw/*.txt (page text as people paste it, for `luutru import`)
and OUTDIR/site/content/articles/**.md (records, for `luutru build`), with the
same articles in both. Bodies are 5–10 KB, built from the paragraphs of the
demo seeds; each article has one locality and 1–4 documents, spread over
15 years (2010–2024).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from luutru.content import escape_body, free_record_name, to_text  # noqa: E402
from luutru.model import VIETNAM, Article, Block, Locality  # noqa: E402

LOCALITIES = [
    Locality("Thanh Xuân", "quận", "Hà Nội"), Locality("Long Biên", "quận", "Hà Nội"),
    Locality("Ba Đình", "quận", "Hà Nội"), Locality("Hoàn Kiếm", "quận", "Hà Nội"),
    Locality("Đống Đa", "quận", "Hà Nội"), Locality("Cầu Giấy", "quận", "Hà Nội"),
    Locality("Gia Lâm", "huyện", "Hà Nội"), Locality("Sóc Sơn", "huyện", "Hà Nội"),
    Locality("Sơn Tây", "thị xã", "Hà Nội"), Locality("Ba Vì", "huyện", "Hà Nội"),
    Locality("Hà Nội", "thành phố", "Hà Nội"),
    Locality("Hương Trà", "thị xã", "Thừa Thiên Huế"), Locality("Hương Thủy", "thị xã", "Thừa Thiên Huế"),
    Locality("Phong Điền", "huyện", "Thừa Thiên Huế"), Locality("A Lưới", "huyện", "Thừa Thiên Huế"),
    Locality("Thừa Thiên Huế", "tỉnh", "Thừa Thiên Huế"),
    Locality("Bình Thạnh", "quận", "Hồ Chí Minh"), Locality("Gò Vấp", "quận", "Hồ Chí Minh"),
    Locality("Củ Chi", "huyện", "Hồ Chí Minh"), Locality("Phú Nhuận", "quận", "Hồ Chí Minh"),
    Locality("Trúc Bạch", "phường", "Hà Nội", "Ba Đình"), Locality("Láng Hạ", "phường", "Hà Nội", "Đống Đa"),
    Locality("Yên Hòa", "phường", "Hà Nội", "Cầu Giấy"), Locality("Hương Vân", "phường", "Thừa Thiên Huế", "Hương Trà"),
    Locality("Hải Châu", "quận", "Đà Nẵng"), Locality("Ninh Kiều", "quận", "Cần Thơ"),
    Locality("Hồng Bàng", "quận", "Hải Phòng"), Locality("Vinh", "thành phố", "Nghệ An"),
    Locality("Phường 9", "phường", None),
]
DOCUMENTS = [
    "05-CT/TW", "03-CT/TW", "06-CT/TW", "Nghị quyết Trung ương 4 khóa XI", "Nghị quyết Trung ương 4 khóa XII",
    "124-QĐ/TW", "01-KL/TW", "08-CT/TU Hà Nội", "09-CT/TU Hà Nội", "35-CT/TW", "36-CT/TW",
    "10-CT/TU Thừa Thiên Huế", "22-CT/TU Hồ Chí Minh", "06-NQ/QU Thanh Xuân", "101-QĐ/TW", "55-QĐ/TW",
    "47-QĐ/TW", "21-KL/TW", "04-CT/TU Đà Nẵng", "15-CT/TU Nghệ An",
]
AUTHORS = ["Thu Uyên", "Hoài Trang", "Đỗ Uyên", "Minh Châu", "Quang Huy", "Ngọc Lan", "Thanh Tâm", "Bảo Anh"]
OPENINGS = [
    "{place}: đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "{place} sơ kết {n} năm thực hiện {doc}",
    "Đảng bộ {place} tổng kết công tác năm {year}",
    "{place} triển khai {doc} gắn với nhiệm vụ chính trị",
    "Hội nghị quán triệt {doc} tại {place}",
    "{place}: nhiều mô hình hay trong thực hiện {doc}",
]
CAPTIONS = [
    "Đại biểu tham dự hội nghị", "Đồng chí Bí thư phát biểu chỉ đạo hội nghị",
    "Các tập thể, cá nhân được khen thưởng tại hội nghị", "Toàn cảnh hội nghị",
]


def seed_paragraphs() -> list[str]:
    paras = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip().replace("\ufffd", "")
            if len(line) >= 200 and not re.search(r"\?\?|Mã xác nhận", line):
                paras.append(line)
    return paras


def make_article(i: int, rng: random.Random, paras: list[str]) -> Article:
    loc = LOCALITIES[min(int(rng.paretovariate(1.2)) - 1, len(LOCALITIES) - 1) if rng.random() < 0.6 else rng.randrange(len(LOCALITIES))]
    docs = tuple(dict.fromkeys(["05-CT/TW"] * (rng.random() < 0.45) + rng.sample(DOCUMENTS, rng.randint(1, 4))))[:4]
    day = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(15 * 365))
    when = dt.datetime(day.year, day.month, day.day, rng.randint(7, 21), rng.choice((0, 10, 15, 30, 41, 45)), tzinfo=VIETNAM)
    place = loc.name if loc.name[-1].isdigit() else f"{loc.level[0].upper()}{loc.level[1:]} {loc.name}"
    title = rng.choice(OPENINGS).format(place=place, n=rng.randint(2, 10), doc=f"Chỉ thị {docs[0]}" if "/" in docs[0] else docs[0], year=day.year)
    title = f"{title} ({i})" if rng.random() < 0.02 else title
    body = []
    size, target = 0, rng.randint(5000, 10000)
    mention = " ".join(f"Thực hiện {d}." for d in docs)
    while size < target:
        p = rng.choice(paras)
        if not body:
            p = f"{p} {mention}"
        body.append(Block("paragraph", p))
        size += len(p.encode("utf-8"))
        if rng.random() < 0.15:
            body.append(Block("caption", rng.choice(CAPTIONS)))
    return Article(
        title=title, published=when, author=rng.choice(AUTHORS), locality=loc, documents=docs, body=tuple(body)
    )


def raw_text(a: Article, rng: random.Random) -> str:
    """The article as page text: furniture, header, body, byline, more furniture."""
    when = a.published
    header = rng.choice(
        [
            f"{a.title} ({when:%H:%M %d/%m/%Y})\n\n",
            f"Tin tức - Sự kiện\n\n{a.title}\nNgày đăng {when:%d/%m/%Y} | {when:%H:%M} | Lượt xem: {rng.randint(10, 9000)}\n\n",
            f"Skip to main content\nHoạt động Đảng - Đoàn thểThứ 3, Ngày {when:%d/%m/%Y}, {when:%H:%M}\n\n{a.title.upper()}\n\n",
        ]
    )
    body = "\n\n".join(b.text for b in a.body)
    return f"{header}{body}\n\n{a.author}\n\nCác tin khác\nThống kê truy cập\nTruy cập tổng {rng.randint(10**5, 10**7)}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=20210511)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    paras = seed_paragraphs()
    raw, articles = args.out / "raw", args.out / "site" / "content" / "articles"
    raw.mkdir(parents=True, exist_ok=True)
    articles.mkdir(parents=True, exist_ok=True)
    claimed: set[str] = set()
    for i in range(args.n):
        a = make_article(i, rng, paras)
        (raw / f"{i:06d}.txt").write_text(raw_text(a, rng), encoding="utf-8")
        name = free_record_name(a, articles, claimed)
        claimed.add(name)
        path = articles / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_text(escape_body(a)), encoding="utf-8")
    (args.out / "site" / "content" / "documents.yaml").write_text(
        (REPO / "content" / "documents.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    print(f"{args.n} articles → {args.out}")


if __name__ == "__main__":
    main()
