"""An incremental build writes exactly the bytes of a full build, whatever the edits."""

import random
import shutil
from dataclasses import replace

from conftest import make_site, record
from test_build import tree_digest

import luutru.build
from luutru.build import Builder
from luutru.config import load_config
from luutru.render import theme_dir

PLACES = [
    "{name: Thanh Xuân, level: quận, province: Hà Nội}",
    "{name: Long Biên, level: quận, province: Hà Nội}",
    "{name: Hương Trà, level: thị xã, province: Thừa Thiên Huế}",
    "{name: Phường 9, level: phường, province: null}",
]
DOCS = ["05-CT/TW", "03-CT/TW", "08-CT/TU Hà Nội", "Nghị quyết Trung ương 4 khóa XII"]


ARTICLE_TEMPLATE = (theme_dir() / "templates" / "article.html").read_text(encoding="utf-8")
BASE_TEMPLATE = (theme_dir() / "templates" / "base.html").read_text(encoding="utf-8")


def random_record(rng: random.Random, n: int) -> str:
    day = rng.randint(1, 28)
    extra = f"locality: {rng.choice(PLACES)}\ndocuments: [{', '.join(rng.sample(DOCS, rng.randint(0, 3)))}]\n"
    body = "\n\n".join(f"Đoạn {i} của bài {n}, viết về học tập và làm theo." for i in range(rng.randint(1, 4)))
    return record(f"Bài số {n} về {rng.choice(['hội nghị', 'sơ kết', 'tổng kết'])}", f"2021-0{rng.randint(1, 3)}-{day:02d}T08:00+07:00", extra, body)


def full_build(root, tmp_path):
    """A clean build of the same content into a separate folder, with no cache."""
    config = load_config(root)
    clean = replace(config, output_dir=str(tmp_path / "clean-site"), cache_dir=str(tmp_path / "clean-cache"))
    shutil.rmtree(clean.output, ignore_errors=True)
    shutil.rmtree(clean.cache, ignore_errors=True)
    builder = Builder(clean, jobs=1)
    try:
        builder.build()
    finally:
        builder.close()
    return tree_digest(clean.output)


def count_frame_rebuilds(monkeypatch) -> list:
    """Builds that rendered only frames around kept blocks (no record read)."""
    framed = []
    original = Builder.frame_rebuild

    def frame_rebuild(self, *args):
        result = original(self, *args)
        if result is not None:
            framed.append(result)
        return result

    monkeypatch.setattr(Builder, "frame_rebuild", frame_rebuild)
    return framed


def test_a_random_series_of_edits_additions_and_deletions(tmp_path, monkeypatch):
    moved = []  # how many files each build moved into the live site
    apply_changes = luutru.build.apply_changes
    monkeypatch.setattr(luutru.build, "apply_changes", lambda staging, out, changed, stale: moved.append(len(changed)) or apply_changes(staging, out, changed, stale))
    framed = count_frame_rebuilds(monkeypatch)
    rng = random.Random(20211105)
    root = make_site(tmp_path, {f"2021/a{i}.md": random_record(rng, i) for i in range(30)}, "page_size: 4\n")
    articles = root / "content" / "articles" / "2021"
    builder = Builder(load_config(root), jobs=1)  # kept between builds, as `luutru serve` does
    builder.build()
    quick = 0
    try:
        for step in range(25):
            files = sorted(articles.glob("*.md"))
            action = rng.choice(["body", "body", "whole", "add", "delete", "template", "layout"])
            if action == "body":  # text after the first paragraph: the quick path
                path = rng.choice(files)
                path.write_text(path.read_text(encoding="utf-8") + f"\nThêm đoạn {step}.\n", encoding="utf-8")
            elif action == "whole":
                rng.choice(files).write_text(random_record(rng, 100 + step), encoding="utf-8")
            elif action == "template":  # every article page changes, the rest stays
                (root / "templates").mkdir(exist_ok=True)
                (root / "templates" / "article.html").write_text(ARTICLE_TEMPLATE + f"<!-- {step} -->\n", encoding="utf-8")
            elif action == "layout":  # every page's frame changes, no block does
                (root / "templates").mkdir(exist_ok=True)
                (root / "templates" / "base.html").write_text(BASE_TEMPLATE.replace("</footer>", f"<p>Sửa {step}</p></footer>"), encoding="utf-8")
            elif action == "add":
                (articles / f"n{step}.md").write_text(random_record(rng, 200 + step), encoding="utf-8")
            elif len(files) > 5:
                rng.choice(files).unlink()
            result = builder.build()
            quick += result.rendered == 1
            assert tree_digest(root / "site") == full_build(root, tmp_path), f"step {step}: {action}"
    finally:
        builder.close()
    assert quick >= 3, "the quick path for body edits was exercised"
    assert len(framed) >= 2, "layout edits rendered frames only"
    assert sum(n >= 30 for n in moved) >= 3, "builds that change most pages were exercised"


def test_a_build_with_nothing_changed_does_nothing(tmp_path):
    root = make_site(tmp_path, {"a.md": record("Bài một"), "b.md": record("Bài hai")})
    config = load_config(root)
    luutru.build.build(config)
    before = tree_digest(root / "site")
    result = luutru.build.build(config)
    assert result.unchanged and tree_digest(root / "site") == before


def test_a_changed_template_renders_every_page_again(tmp_path):
    root = make_site(tmp_path, {"a.md": record("Bài một"), "b.md": record("Bài hai")})
    config = load_config(root)
    luutru.build.build(config)
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("{% extends 'base.html' %}{% block main %}<p>Không có</p>{% endblock %}")
    result = luutru.build.build(config)
    assert not result.unchanged and "Không có" in (root / "site" / "404.html").read_text()
    assert tree_digest(root / "site") == full_build(root, tmp_path)


def test_a_file_deleted_from_the_site_by_hand_comes_back_when_most_pages_change(tmp_path, monkeypatch):
    root = make_site(tmp_path, {"a.md": record("Bài một"), "b.md": record("Bài hai", "2021-05-12")})
    config = load_config(root)
    luutru.build.build(config)
    (root / "site" / "static" / "style.css").unlink()  # unchanged since: not made again by itself
    (root / "templates").mkdir()
    base = (theme_dir() / "templates" / "base.html").read_text(encoding="utf-8")
    (root / "templates" / "base.html").write_text(base + "<!-- sửa -->\n", encoding="utf-8")
    luutru.build.build(config)
    assert (root / "site" / "static" / "style.css").is_file()
    assert tree_digest(root / "site") == full_build(root, tmp_path)


def layout_edit(root, text: str) -> None:
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "base.html").write_text(BASE_TEMPLATE.replace("</footer>", text + "</footer>"), encoding="utf-8")


def test_a_layout_edit_renders_only_frames_around_the_pages_blocks(tmp_path, monkeypatch):
    root = make_site(tmp_path, {f"a{i}.md": record(f"Bài {i}", f"2021-05-{i + 1:02d}") for i in range(6)})
    config = load_config(root)
    luutru.build.build(config)
    framed = count_frame_rebuilds(monkeypatch)
    layout_edit(root, "<p>Lời cuối trang</p>")
    result = luutru.build.build(config)
    html_pages = list((root / "site").rglob("*.html"))
    assert framed and result.rendered == len(html_pages)  # not the feed, sitemap, robots.txt, data files
    assert "Lời cuối trang" in (root / "site" / "bai-viet" / "2021" / "05" / "bai-3" / "index.html").read_text(encoding="utf-8")
    assert tree_digest(root / "site") == full_build(root, tmp_path)


def test_an_edited_page_template_renders_its_pages_whole_and_frames_the_rest(tmp_path, monkeypatch):
    root = make_site(tmp_path, {f"a{i}.md": record(f"Bài {i}", f"2021-05-{i + 1:02d}") for i in range(3)})
    config = load_config(root)
    luutru.build.build(config)
    layout_edit(root, "<p>Lời cuối trang</p>")
    (root / "templates" / "article.html").write_text(ARTICLE_TEMPLATE.replace("<article class", "<article data-x class"), encoding="utf-8")
    framed = count_frame_rebuilds(monkeypatch)
    luutru.build.build(config)
    assert not framed  # the article pages need their records: the full path, keeping the other pages' blocks
    assert "data-x" in (root / "site" / "bai-viet" / "2021" / "05" / "bai-1" / "index.html").read_text(encoding="utf-8")
    assert tree_digest(root / "site") == full_build(root, tmp_path)


def test_a_page_changed_by_hand_is_made_whole_again_by_a_layout_edit(tmp_path):
    root = make_site(tmp_path, {"a.md": record("Bài một", "2021-05-01"), "b.md": record("Bài hai", "2021-05-02")})
    config = load_config(root)
    luutru.build.build(config)
    page = root / "site" / "bai-viet" / "2021" / "05" / "bai-mot" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Bài một", "Bài bị sửa tay"), encoding="utf-8")
    layout_edit(root, "<p>Lời cuối trang</p>")
    luutru.build.build(config)
    assert "Bài bị sửa tay" not in page.read_text(encoding="utf-8")
    assert tree_digest(root / "site") == full_build(root, tmp_path)


def test_a_layout_reading_more_than_the_kept_values_takes_the_full_path(tmp_path, monkeypatch):
    root = make_site(tmp_path, {"a.md": record("Bài một", "2021-05-01"), "b.md": record("Bài hai", "2021-05-02")})
    config = load_config(root)
    luutru.build.build(config)
    # `article` is a whole record, not kept with the page: the layout needs the site model.
    layout_edit(root, "{% if article is defined %}<p>Bài: {{ article.title }}</p>{% endif %}")
    framed = count_frame_rebuilds(monkeypatch)
    luutru.build.build(config)
    assert not framed
    assert "<p>Bài: Bài một</p>" in (root / "site" / "bai-viet" / "2021" / "05" / "bai-mot" / "index.html").read_text(encoding="utf-8")
    assert tree_digest(root / "site") == full_build(root, tmp_path)


def test_a_layout_that_changes_its_blocks_text_gets_whole_pages(tmp_path):
    root = make_site(tmp_path, {"a.md": record("Bài một", "2021-05-01"), "b.md": record("Bài hai", "2021-05-02")})
    config = load_config(root)
    luutru.build.build(config)
    (root / "templates").mkdir()
    shouting = BASE_TEMPLATE.replace("{% block main %}{% endblock %}", "{% filter upper %}{% block main %}{% endblock %}{% endfilter %}")
    assert shouting != BASE_TEMPLATE
    for n in range(2):
        (root / "templates" / "base.html").write_text(shouting + f"<!-- {n} -->\n", encoding="utf-8")
        luutru.build.build(config)
        assert "BÀI MỘT" in (root / "site" / "bai-viet" / "2021" / "05" / "bai-mot" / "index.html").read_text(encoding="utf-8")
        assert tree_digest(root / "site") == full_build(root, tmp_path)


def test_editing_the_article_template_renders_the_article_pages_and_nothing_else(tmp_path):
    root = make_site(tmp_path, {f"a{i}.md": record(f"Bài {i}", f"2021-05-{i + 1:02d}") for i in range(4)})
    config = load_config(root)
    luutru.build.build(config)
    (root / "templates").mkdir()
    (root / "templates" / "article.html").write_text(ARTICLE_TEMPLATE + "<!-- sửa -->\n", encoding="utf-8")
    result = luutru.build.build(config)
    assert result.rendered == 4
    assert tree_digest(root / "site") == full_build(root, tmp_path)
