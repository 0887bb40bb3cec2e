"""`luutru check`: one actionable line per doubt about a record."""

from __future__ import annotations

import datetime as dt

from luutru.check import problems, reasons
from luutru.loader import load_article
from luutru.model import Article, Locality

GOOD = Article(
    title="Phường Tân An sơ kết công tác xây dựng Đảng",
    published=dt.date(2021, 4, 2),
    locality=Locality("Tân An", "phường", "Cần Thơ", "Ninh Kiều"),
    documents=("05-CT/TW",),
)


def test_a_complete_record_is_not_listed():
    assert list(problems([("a.md", GOOD)])) == []


def test_each_doubt_is_one_line_naming_the_field_to_fix():
    bad = Article(title="Chiều nay, Đảng ủy phường tổ chức hội nghị", flags=("title-from-lead", "no-date"))
    found = reasons(bad)
    assert len(found) == 4  # title, date, locality, documents
    assert any("`title:`" in r for r in found)
    assert any("`published:`" in r for r in found)
    assert any("`locality:`" in r for r in found)
    assert any("`documents:`" in r for r in found)


def test_uncertain_values_are_listed_with_what_was_taken():
    a = Article(
        title="X",
        published=dt.date(2022, 3, 12),
        locality=Locality("Phường 1", "phường", None),
        documents=("08-CT/TU",),
        flags=("date-from-body", "locality-ambiguous"),
    )
    found = reasons(a)
    assert any("2022-03-12" in r and "event" in r for r in found)
    assert any("Phường 1" in r and "province" in r for r in found)
    assert any("08-CT/TU" in r and "locality" in r for r in found)


def test_records_are_listed_in_key_order():
    keys = [k for k, _ in problems([("b.md", Article(title="")), ("a.md", Article(title=""))])]
    assert keys == sorted(keys)


def test_the_loaders_flags_reach_check():
    text = "Trang chủ\n\nSáng 12/3/2022, Đảng ủy Phường 1 tổ chức hội nghị sơ kết công tác xây dựng Đảng năm 2021.\n"
    a = load_article(text.encode("utf-8"), "x.txt")
    assert {"title-from-lead", "date-from-body", "locality-ambiguous", "no-documents"} <= set(a.flags)
    assert len(reasons(a)) == 4
