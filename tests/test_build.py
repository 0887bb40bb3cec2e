"""Building: the whole site or nothing, the same bytes every time, links that resolve."""

import hashlib
import os
from pathlib import Path

from conftest import crawl, links_of, make_site, record, resolve, run


def tree_digest(folder: Path, search: bool = False) -> dict[str, str]:
    """Every file's digest. The search index (pagefind/) is left out unless asked for:
    it is written in the background after a build, and Pagefind writes its filter
    files in a new order on each run (tests/test_search.py checks it on its own)."""
    out = {}
    for top, dirs, files in os.walk(folder):
        rel = Path(top).relative_to(folder)
        if rel == Path("."):
            dirs[:] = sorted(d for d in dirs if search or d not in ("pagefind", ".pagefind.new", ".pagefind.old"))
        for name in files:
            p = Path(top) / name
            out[(rel / name).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return dict(sorted(out.items()))


TWO = {
    "2021/05/a.md": record(
        "Thanh Xuân: Học tập và làm theo",
        extra="locality: {name: Thanh Xuân, level: quận, province: Hà Nội}\ndocuments: [05-CT/TW]\n",
    ),
    "2015/07/b.md": record("PHƯỜNG 9 ĐẨY MẠNH", "2015-07-07", "locality: {name: Phường 9, level: phường, province: null}\n"),
}


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    root = make_site(tmp_path, TWO)
    run("build", cwd=root, check=True)
    first = tree_digest(root / "site")
    run("build", cwd=root, check=True)
    assert tree_digest(root / "site") == first
    assert "index.html" in first and "bai-viet/2021/05/thanh-xuan-hoc-tap-va-lam-theo/index.html" in first


def test_a_broken_template_fails_the_build_and_leaves_the_previous_site(tmp_path):
    root = make_site(tmp_path, TWO)
    run("build", cwd=root, check=True)
    before = tree_digest(root / "site")
    (root / "templates").mkdir()
    (root / "templates" / "article.html").write_text("{% extends 'base.html' %}{% block main %}{{ article.nope }}{% endblock %}")
    proc = run("build", cwd=root)
    assert proc.returncode == 1
    assert "article.html" in proc.stderr and "Traceback" not in proc.stderr
    assert tree_digest(root / "site") == before
    assert not list(tmp_path.glob("kho/.site.*")), "no staging folder is left behind"


def test_a_template_syntax_error_names_the_template_and_line(tmp_path):
    root = make_site(tmp_path, TWO)
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("<p>\n{% if %}\n")
    proc = run("build", cwd=root)
    assert proc.returncode == 1
    assert "404.html:2: template error" in proc.stderr


def test_a_site_template_overrides_the_default_theme_by_name(tmp_path):
    root = make_site(tmp_path, TWO)
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("{% extends 'base.html' %}{% block main %}<p>Lạc đường rồi</p>{% endblock %}")
    run("build", cwd=root, check=True)
    assert "Lạc đường rồi" in (root / "site" / "404.html").read_text()
    assert "Trang chủ" in (root / "site" / "index.html").read_text() or "Bài mới nhất" in (root / "site" / "index.html").read_text()


def test_a_folder_not_built_by_luutru_is_never_replaced(tmp_path):
    root = make_site(tmp_path, TWO)
    mine = root / "site"
    mine.mkdir()
    (mine / "notes.txt").write_text("viết tay")
    proc = run("build", cwd=root)
    assert proc.returncode == 1 and "not built by luutru" in proc.stderr
    assert (mine / "notes.txt").read_text() == "viết tay"


def test_every_internal_link_resolves(tmp_path):
    root = make_site(tmp_path, TWO)
    run("build", cwd=root, check=True)
    site = root / "site"
    for page in site.rglob("*.html"):
        for link in links_of(page):
            target = resolve(page, link)
            assert target is None or target.is_file(), f"{page.relative_to(site)} → {link}"


def test_the_interface_speaks_english_when_asked(tmp_path):
    root = make_site(tmp_path, TWO, "language: en\n")
    run("build", cwd=root, check=True)
    home = (root / "site" / "index.html").read_text()
    assert '<html lang="en">' in home and "Latest articles" in home


def test_the_whole_site_is_reachable_from_the_home_page(tmp_path):
    root = make_site(tmp_path, TWO)
    run("build", cwd=root, check=True)
    site = root / "site"
    pages = {p.resolve() for p in site.rglob("*.html")} - {(site / "404.html").resolve()}
    assert pages <= crawl(site)


def test_an_upgrade_of_luutru_reads_every_record_again(tmp_path, monkeypatch):
    """The cache keeps each record as luutru's code parsed it, with its body's HTML:
    after an upgrade that makes them otherwise, the site shows what the new code makes."""
    import luutru.build
    from luutru import cli

    root = make_site(tmp_path, {"2021/05/a.md": record("Bài thứ nhất", body="Đoạn văn gốc.")})
    page = root / "site" / "bai-viet" / "2021" / "05" / "bai-thu-nhat" / "index.html"
    assert cli.main(["-C", str(root), "build", "-q"]) == 0
    assert "Đoạn văn gốc." in page.read_text(encoding="utf-8")
    # The new version writes the body's HTML otherwise: here, with one more paragraph.
    real = luutru.build.blocks_to_html
    monkeypatch.setattr(luutru.build, "blocks_to_html", lambda blocks: real(blocks) + "<p>Viết bằng mã mới.</p>")
    assert cli.main(["-C", str(root), "build", "-q"]) == 0
    assert "Viết bằng mã mới." not in page.read_text(encoding="utf-8")  # same code version: the cache is trusted
    monkeypatch.setattr(luutru.build, "code_version", lambda: "phiên bản sau")
    assert cli.main(["-C", str(root), "build", "-q"]) == 0
    assert "Viết bằng mã mới." in page.read_text(encoding="utf-8")
