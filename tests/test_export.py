"""The archive as data: articles.json, articles.csv and the page that explains them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import links_of, make_site, record, resolve, run

from luutru.export import NAMES

RECORDS = {
    "2021/05/a.md": record(
        "Thanh Xuân: học tập, \"làm theo\"; tiếp",
        extra="locality: {name: Nhân Chính, level: phường, province: Hà Nội, district: Thanh Xuân}\n"
        "documents: [05-CT/TW, 08-CT/TU Hà Nội]\nplaces: [Khương Trung, Hạ Đình]\nauthor: Thu Uyên\n"
        "source: HNP\nviews: 1234\norigin: {file: seeds/a.txt, sha256: abc123}\n",
    ),
    "2015/07/b.md": record("PHƯỜNG 9 ĐẨY MẠNH", "2015-07-07", "locality: {name: Phường 9, level: phường, province: null}\n"),
    "x/c.md": record("Bài không rõ ngày", "null"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("data"), RECORDS, "base_url: https://example.org/kho/\n")
    run("build", cwd=root, check=True)
    return root / "site"


def test_json_has_every_record_with_its_fields(site):
    data = json.loads((site / "du-lieu" / "articles.json").read_text(encoding="utf-8"))
    assert data["count"] == 3 and data["fields"] == list(NAMES)
    first, second, third = data["articles"]
    assert first == {
        "url": "https://example.org/kho/bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-tiep/",
        "title": 'Thanh Xuân: học tập, "làm theo"; tiếp',
        "published": "2021-05-11T09:41:00+07:00",
        "date": "2021-05-11",
        "year": 2021,
        "locality": "Nhân Chính",
        "locality_level": "phường",
        "district": "Thanh Xuân",
        "province": "Hà Nội",
        "documents": ["05-CT/TW", "08-CT/TU Hà Nội"],
        "places": ["Khương Trung", "Hạ Đình"],
        "author": "Thu Uyên",
        "author_unit": None,
        "source": "HNP",
        "section": None,
        "views": 1234,
        "origin_file": "seeds/a.txt",
        "origin_sha256": "abc123",
        "record": "articles/2021/05/a.md",
    }
    assert second["published"] == "2015-07-07" and second["province"] is None
    assert third["title"] == "Bài không rõ ngày" and third["date"] is None  # undated last
    assert "\\u" not in (site / "du-lieu" / "articles.json").read_text(encoding="utf-8")  # readable Vietnamese


def test_csv_opens_with_vietnamese_intact_and_the_same_rows(site):
    raw = (site / "du-lieu" / "articles.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet programs look for
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(NAMES) and len(rows) == 4
    row = dict(zip(rows[0], rows[1]))
    assert row["title"] == 'Thanh Xuân: học tập, "làm theo"; tiếp'
    assert row["documents"] == "05-CT/TW; 08-CT/TU Hà Nội"
    assert row["places"] == "Khương Trung; Hạ Đình"
    assert row["views"] == "1234" and row["author_unit"] == ""


def test_the_data_page_explains_every_field_and_links_both_files(site):
    page = site / "du-lieu" / "index.html"
    html = page.read_text()
    for name in NAMES:
        assert f"<code>{name}</code>" in html
    targets = {resolve(page, link) for link in links_of(page)}
    assert {(site / "du-lieu" / "articles.json").resolve(), (site / "du-lieu" / "articles.csv").resolve()} <= targets
    assert "du-lieu/index.html" in links_of(site / "index.html")


def test_the_english_data_page(tmp_path):
    root = make_site(tmp_path, RECORDS, "language: en\n")
    run("build", cwd=root, check=True)
    html = (root / "site" / "du-lieu" / "index.html").read_text()
    assert "<h1>Data</h1>" in html and "Date of publication in Vietnam" in html
    data = json.loads((root / "site" / "du-lieu" / "articles.json").read_text())
    assert data["articles"][0]["url"] == "bai-viet/2021/05/thanh-xuan-hoc-tap-lam-theo-tiep/"  # site-relative without a base URL


def test_text_that_a_spreadsheet_would_run_stays_text_in_the_csv(tmp_path):
    root = make_site(tmp_path, {"a.md": record("=HYPERLINK(\"http://x.example\";\"Bấm\")", extra="author: '-Trần Văn A'\n")})
    run("build", cwd=root, check=True)
    raw = (root / "site" / "du-lieu" / "articles.csv").read_text(encoding="utf-8-sig")
    row = dict(zip(*csv.reader(io.StringIO(raw, newline=""))))
    assert row["title"] == "'=HYPERLINK(\"http://x.example\";\"Bấm\")" and row["author"] == "'-Trần Văn A"
    data = json.loads((root / "site" / "du-lieu" / "articles.json").read_text(encoding="utf-8"))
    assert data["articles"][0]["title"].startswith("=HYPERLINK")  # the JSON keeps the record exactly
