"""Issue 6: whatever people copied from the web, luutru keeps working.

One import run over a folder of every kind of bad raw file (and the good
files beside them) and one build of what it wrote; each test then checks one
item: imported right, or reported by name and skipped, never a traceback.
Then content records that are broken in every way a hand can break them, and
text that looks like markup, through import → record → build.

The loader's own tests (test_loader_forms, test_loader_legacy) check the
decoding of each form on strings; these check the same inputs end to end, as
files on disk handed to `luutru import`.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import shutil
import stat
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import links_of, make_site, record, resolve, run, to_cp1258
from luutru.content import parse_record
from luutru.loader.legacy import _vni_sequences, decode_viscii, from_tcvn3

TITLE = "Phường Tân An sơ kết công tác xây dựng Đảng"
LEAD = (
    "Chiều nay, Đảng ủy phường Tân An tổ chức hội nghị sơ kết công tác xây dựng Đảng "
    "sáu tháng đầu năm, với sự tham dự của đông đảo cán bộ, đảng viên trong phường."
)
MORE = (
    "Các đại biểu đã thảo luận nhiều giải pháp nâng cao chất lượng sinh hoạt chi bộ, "
    "tăng cường kiểm tra, giám sát và phát huy vai trò nêu gương của người đứng đầu."
)


def page(title: str = TITLE, *body: str, date: str = "Ngày đăng 02/04/2021") -> str:
    return "\n".join([title, date, "", "\n\n".join(body or (LEAD, MORE)), "", "Thu Hà", ""])


TEXT = page()
TO_TCVN3 = {v: k for k, v in ((chr(b), from_tcvn3(chr(b))) for b in range(0xA1, 0x100)) if k != v}
TO_VNI: dict[str, str] = {}
for _seq, _letter in sorted(_vni_sequences().items(), key=lambda kv: -len(kv[0])):
    TO_VNI.setdefault(_letter, _seq)
TCVN3 = "".join(TO_TCVN3.get(c, c) for c in TEXT)
TO_VISCII = {decode_viscii(bytes([b])): bytes([b]) for b in range(256)}  # (the table: test_loader_legacy)
VNI = "".join(TO_VNI.get(c, c) for c in TEXT)

# name → bytes of raw files that import must read into the article above.
GOOD = {
    "cr.txt": TEXT.replace("\n", "\r").encode(),
    "mixed-line-ends.txt": "".join(
        line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(TEXT.split("\n"))
    ).encode(),
    "nul.txt": TEXT.replace("Tân", "T\x00ân").replace("hội nghị", "hội\x00 nghị").encode(),
    "controls.txt": TEXT.replace("Tân", "T\x07ân\x1b").replace("sơ kết", "sơ\x08 kết\x7f").replace("chi bộ", "chi\x9b bộ").encode(),
    "nfd.txt": unicodedata.normalize("NFD", TEXT).encode(),
    "zero-width.txt": TEXT.replace("Tân", "T\u200bâ\u200dn").replace("sơ kết", "sơ\u2060 k\ufeffết").replace("Đảng\n", "Đả\xadng\n", 1).encode(),
    "cp1258.txt": to_cp1258(TEXT),
    "tcvn3.txt": TCVN3.encode("latin-1"),
    "tcvn3-as-utf8.txt": TCVN3.encode("utf-8"),
    "vni.txt": VNI.encode("cp1252"),
    "vni-as-utf8.txt": VNI.encode("utf-8"),
    "viscii.txt": b"".join(TO_VISCII[c] for c in TEXT),
    "utf8-bom.txt": codecs.BOM_UTF8 + TEXT.encode(),
    "utf16.txt": TEXT.encode("utf-16"),
    "utf16le-no-bom.txt": TEXT.encode("utf-16-le"),
    "utf16be-no-bom.txt": TEXT.encode("utf-16-be"),
    "utf32.txt": TEXT.encode("utf-32"),
    "Tin bài Thanh Xuân số 1.txt": TEXT.encode(),  # spaces and Vietnamese letters in the name
    "thư mục.txt/bài trong thư mục.txt": TEXT.encode(),  # a folder named like a file
}
HUGE_LINE = 2 * 2**20  # one line of 2 MB, no line break in it
FIFTY_MB = 50 * 2**20

# name → what the report says of raw files that import must skip.
BAD = {
    "empty.txt": "the file is empty",
    "blank.txt": "the file is empty",
    "unicode-blank.txt": "the file has no text",
    "anh.txt": "not a text file: this is a PNG image",
    "rac.txt": "not a text file",
    "50mb.txt": "too big for one article (50 MB",
    "pipe.txt": "is not a regular file",
    "dangling.txt": "is a link to nothing",
}


def _make_raw(folder: Path) -> dict[str, str]:
    """Write every raw file; returns the bad ones that this machine could make."""
    bad = dict(BAD)
    for name, data in GOOD.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    line = " ".join([LEAD] * (HUGE_LINE // len(LEAD.encode())))
    (folder / "one-line.txt").write_text(page(TITLE, line), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    (folder / "unicode-blank.txt").write_text("\u3000\xa0\u200b\n\u2028 \ufeff", encoding="utf-8")
    (folder / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4000))
    (folder / "rac.txt").write_bytes(random.Random(2).randbytes(20000))
    with open(folder / "50mb.txt", "wb") as f:
        chunk = (TEXT * 200).encode()
        while f.tell() < FIFTY_MB:
            f.write(chunk)
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone-away")
    if Path("/proc/self/mem").exists():
        # Unreadable even for root (tests run as root in CI, where a chmod
        # does not stop a read): reading /proc/self/mem from offset 0 fails.
        (folder / "khong-doc-duoc.txt").symlink_to("/proc/self/mem")
        bad["khong-doc-duoc.txt"] = "cannot read: Input/output error"
    try:
        (folder / os.fsdecode(b"ten-cp1258-\xd0\xe3ng.txt")).write_bytes(TEXT.encode())
        bad[os.fsdecode(b"ten-cp1258-\xd0\xe3ng.txt")] = "the file name is not valid UTF-8; rename the file"
    except (OSError, UnicodeError):
        pass  # a file system that insists on UTF-8 names
    return bad


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """One import of the whole folder, and one build of its records."""
    root = tmp_path_factory.mktemp("bad") / "kho"
    raw = root / "tho"
    raw.mkdir(parents=True)
    bad = _make_raw(raw)
    proc = run("import", "tho", cwd=root)
    manifest = json.loads((root / "content" / ".luutru-import.json").read_text(encoding="utf-8"))
    records = {origin[len("tho/") :]: root / "content" / "articles" / e["record"] for origin, e in manifest.items()}
    built = run("build", cwd=root)
    return root, proc, records, built, bad


def test_import_never_shows_a_traceback_and_says_something_was_skipped(imported):
    root, proc, records, built, bad = imported
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 3, proc.stderr  # 3: imported, but some files were skipped
    assert f"{len(bad)} skipped" in proc.stdout
    assert built.returncode == 0, built.stderr


@pytest.mark.parametrize("name", sorted(GOOD) + ["one-line.txt"])
def test_each_readable_file_becomes_a_clean_record(imported, name):
    root, proc, records, built, bad = imported
    assert name in records, proc.stderr
    text = records[name].read_text(encoding="utf-8")
    article = parse_record(text, name)
    assert article.title == TITLE
    assert article.published.isoformat() == "2021-04-02"
    if name != "one-line.txt":
        assert article.paragraphs == (LEAD, MORE)
    assert unicodedata.is_normalized("NFC", text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\xad]", text), "control or zero-width character"


@pytest.mark.parametrize("name", sorted(BAD) + ["khong-doc-duoc.txt", "ten-cp1258-*"])
def test_each_unusable_file_is_reported_by_name_and_skipped(imported, name):
    root, proc, records, built, bad = imported
    if name.endswith("*"):
        name = next((n for n in bad if n.startswith(name[:-1])), None)
    if name not in bad:
        pytest.skip("this machine cannot make that file")
    message = bad[name]
    lines = [line for line in proc.stderr.splitlines() if message in line]
    assert lines, f"{name}: no '{message}' in\n{proc.stderr}"
    assert any(name in line or ascii(name)[1:-1] in line for line in lines), lines  # (a name not in UTF-8 is shown escaped)
    assert name not in records


def test_the_huge_line_is_one_paragraph_and_its_page_is_built(imported):
    root, proc, records, built, bad = imported
    article = parse_record(records["one-line.txt"].read_text(encoding="utf-8"), "x")
    assert len(article.paragraphs) == 1 and len(article.paragraphs[0].encode()) > HUGE_LINE * 0.9
    pages = list((root / "site" / "bai-viet").rglob("index.html"))
    assert max(p.stat().st_size for p in pages) > HUGE_LINE


def test_a_file_name_with_spaces_and_vietnamese_letters_is_published_beside_its_article(imported):
    root, proc, records, built, bad = imported
    name = "Tin bài Thanh Xuân số 1.txt"
    article = parse_record(records[name].read_text(encoding="utf-8"), "x")
    assert article.origin.file == f"tho/{name}"
    # The raw text is published as nguon.txt, linked from the article page.
    for page_ in (root / "site" / "bai-viet").rglob("index.html"):
        for link in links_of(page_):
            if link.endswith("nguon.txt"):
                assert resolve(page_, link).is_file()
    sources = [p.read_bytes() for p in (root / "site").rglob("nguon.txt")]
    assert GOOD[name] in sources


def test_a_folder_named_like_a_text_file_is_looked_into_not_read(imported):
    root, proc, records, built, bad = imported
    assert "thư mục.txt/bài trong thư mục.txt" in records
    assert "thư mục.txt:" not in proc.stderr


def test_strict_import_writes_nothing_when_one_file_is_bad(tmp_path):
    raw = tmp_path / "tho"
    raw.mkdir()
    (raw / "tot.txt").write_text(TEXT, encoding="utf-8")
    (raw / "rong.txt").write_bytes(b"")
    proc = run("import", "tho", "--strict", cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "rong.txt: the file is empty" in proc.stderr and "nothing was written (--strict)" in proc.stderr
    assert not list(tmp_path.glob("content/articles/**/*.md"))
    # Without --strict the good file is imported and the exit code says one was skipped.
    proc = run("import", "tho", cwd=tmp_path)
    assert proc.returncode == 3 and "1 written" in proc.stdout and "1 skipped" in proc.stdout
    (raw / "rong.txt").unlink()
    assert run("import", "tho", "--strict", cwd=tmp_path).returncode == 0


def test_an_unreadable_file_is_skipped_in_process(tmp_path, monkeypatch):
    """A file whose read fails with EACCES, as for a user other than root."""
    from luutru import cli

    raw = tmp_path / "tho"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT, encoding="utf-8")
    (raw / "b.txt").write_text(page("Quận Long Biên sơ kết công tác dân vận năm nay"), encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["import", "tho"]) == 3
    assert len(list(tmp_path.glob("content/articles/**/*.md"))) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions (see the in-process test)")
def test_an_unreadable_file_is_skipped(tmp_path):
    raw = tmp_path / "tho"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT, encoding="utf-8")
    (raw / "a.txt").chmod(0)
    proc = run("import", "tho", cwd=tmp_path)
    assert proc.returncode == 3 and "a.txt: cannot read: Permission denied" in proc.stderr


def test_a_record_written_by_import_is_an_ordinary_file(imported):
    root, proc, records, built, bad = imported
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(records["cr.txt"].stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
    # The site folder is made by mkdtemp (0700): a web server running as another user must read it.
    assert stat.S_IMODE((root / "site").stat().st_mode) == 0o777 & ~umask


def test_a_damaged_manifest_cannot_send_writes_outside_the_content_folder(tmp_path):
    raw = tmp_path / "tho"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT, encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / ".luutru-import.json").write_text(
        json.dumps({"tho/a.txt": {"record": "../../../thoat.md", "sha256": "x"}, "x": {"record": 5}}), encoding="utf-8"
    )
    proc = run("import", "tho", cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert not list(tmp_path.parent.rglob("thoat.md"))
    assert len(list(content.glob("articles/**/*.md"))) == 1


def test_new_cleans_a_pasted_title(tmp_path):
    proc = run("new", "Tiêu\u200b đề\x1b \u0301dán  từ web\t", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    article = parse_record(Path(tmp_path / proc.stdout.strip()).read_text(encoding="utf-8"), "x")
    assert article.title == unicodedata.normalize("NFC", "Tiêu đề \u0301dán từ web")


# ------------------------------------------------------------------ records

BROKEN = {
    "2021/05/yaml.md": ("---\ntitle: [mở\n---\n", ": invalid YAML"),
    "2021/05/kieu.md": ("---\ntitle: A\npublished: [2021, 5]\n---\n", ":3: 'published' must be a date"),
    "2021/05/khoa-la.md": ("---\ntitle: A\nauthr: B\n---\n", ":3: unknown key 'authr' (did you mean 'author'?)"),
    "2021/05/thieu-dong.md": ("---\ntitle: A\n\nThân bài\n", ":1: front matter has no closing '---' line"),
    "2021/05/ngay-sai.md": ("---\ntitle: A\npublished: 2021-02-30\n---\n", ":3: invalid date: day is out of range for month"),
    "2021/05/long-sau.md": ("---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\n", "'title' must be text"),
    "2021/05/hai-lan.md": ("---\ntitle: A\nauthor: B\nauthor: \"C\"\n---\n", ":4: key 'author' appears twice"),
    "2021/05/slug.md": ("---\ntitle: A\nslug: ../../x\n---\n", ":3: 'slug' may hold only ASCII letters"),
    "2021/05/latin1.md": ("---\ntitle: Ph\xfa\n---\n".encode("latin-1"), "not UTF-8 text"),
    "2021/05/rong.md": ("", ":1: a record starts with a '---' line"),
    "2021/05/anh.md": (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 text"),
    "2021/05/so-luot.md": ("---\ntitle: A\nviews: nhiều\n---\n", ":3: 'views' must be a whole number"),
    "2021/05/noi.md": ("---\ntitle: A\nlocality: [Hà Nội]\n---\n", ":3: 'locality' must be {name"),
    "2021/05/danh-sach.md": ("---\n- title\n---\n", ":2: front matter must be a mapping"),
    "2021/05/python.md": ("---\ntitle: !!python/object/apply:os.system [echo x]\n---\n", "invalid YAML"),
    "2021/05/nul.md": ("---\ntitle: A\x00B\n---\n", ":2: front matter holds an invisible control character (U+0000)"),
    "2021/05/nul-escape.md": ('---\ntitle: "A\\x1bB"\n---\n', ":2: 'title' holds an invisible control character"),
}


def _write(root: Path, name: str, data: str | bytes) -> None:
    path = root / "content" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def test_every_broken_record_is_reported_with_its_line_and_the_site_is_kept(tmp_path):
    root = make_site(tmp_path, {"2021/05/tot.md": record("Bài tốt")})
    run("build", cwd=root, check=True)
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    for name, (data, _) in BROKEN.items():
        _write(root, name, data)
    proc = run("build", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for name, (_, message) in BROKEN.items():
        lines = [line for line in proc.stderr.splitlines() if f"articles/{name}" in line]
        assert lines and message in lines[0], f"{name}: {lines or proc.stderr}"
    assert f"{len(BROKEN)} problems" in proc.stderr
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert not (root / "x").exists() and not (tmp_path / "x").exists()
    # `luutru check` reads records too: the same reports, no traceback.
    proc = run("check", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "ngay-sai.md:3" in proc.stderr


@pytest.mark.parametrize("setting", ["title: 2021-02-30\n", "description: " + "[" * 3000 + "]" * 3000 + "\n"])
def test_a_broken_setting_is_reported_never_a_traceback(tmp_path, setting):
    root = make_site(tmp_path, {"2021/05/a.md": record("A")}, setting)
    proc = run("build", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "luutru.yaml" in proc.stderr


def test_a_template_that_fails_while_rendering_is_reported_never_a_traceback(tmp_path):
    root = make_site(tmp_path, {"2021/05/a.md": record("A")})
    (root / "templates").mkdir()
    (root / "templates" / "article.html").write_text("{% extends 'base.html' %}{% block main %}\n{{ 1 // 0 }}{% endblock %}")
    proc = run("build", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "article.html" in proc.stderr


def test_records_with_other_line_ends_and_a_bom_build(tmp_path):
    text = record("Dòng kết thúc kiểu cũ", body="Đoạn một.\n\nĐoạn hai.")
    root = make_site(tmp_path, {})
    _write(root, "2021/05/cr.md", text.replace("\n", "\r"))
    _write(root, "2021/05/crlf.md", "\ufeff" + text.replace("\n", "\r\n").replace("cũ", "mới"))
    run("build", cwd=root, check=True)
    for slug in ("dong-ket-thuc-kieu-cu", "dong-ket-thuc-kieu-moi"):
        html = (root / "site" / "bai-viet" / "2021" / "05" / slug / "index.html").read_text()
        assert "<p>Đoạn một.</p>" in html and "<p>Đoạn hai.</p>" in html and "\r" not in html


def _article_urls(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in (site / "bai-viet").rglob("index.html")}


def test_records_with_one_title_get_distinct_urls_that_stay_put(tmp_path):
    same = "Hội nghị sơ kết công tác xây dựng Đảng"
    root = make_site(
        tmp_path,
        {
            "2021/05/a.md": record(same, "2021-05-11T09:41+07:00", body="Bài thứ nhất."),
            "2021/05/b.md": record(same, "2021-05-12T09:41+07:00", body="Bài thứ hai."),
        },
    )
    run("build", cwd=root, check=True)
    site = root / "site"
    base = "bai-viet/2021/05/hoi-nghi-so-ket-cong-tac-xay-dung-dang"
    assert _article_urls(site) == {base, base + "-2"}
    assert "Bài thứ nhất." in (site / base / "index.html").read_text()
    assert "Bài thứ hai." in (site / f"{base}-2" / "index.html").read_text()
    # A later namesake, another build from a cold cache: the first two stay where they were.
    (root / "content" / "articles" / "2021" / "05" / "c.md").write_text(record(same, "2021-05-20", body="Bài thứ ba."))
    shutil.rmtree(root / ".luutru-cache")
    run("build", cwd=root, check=True)
    assert _article_urls(site) == {base, base + "-2", base + "-3"}
    assert "Bài thứ nhất." in (site / base / "index.html").read_text()
    assert "Bài thứ hai." in (site / f"{base}-2" / "index.html").read_text()
    assert "Bài thứ ba." in (site / f"{base}-3" / "index.html").read_text()


def test_a_link_to_a_record_outside_the_content_folder_is_not_read(tmp_path):
    root = make_site(tmp_path, {"2021/05/a.md": record("Bài tốt")})
    secret = tmp_path / "bi-mat.md"
    secret.write_text(record("Bí mật", body="Nội dung bí mật không được đăng."))
    (root / "content" / "articles" / "2021" / "05" / "link.md").symlink_to(secret)
    proc = run("build", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "link.md: is a link that leads out of the content folder; not read" in proc.stderr
    assert not (root / "site").exists() or not any("bí mật" in p.read_text() for p in (root / "site").rglob("*.html"))
    # A link that stays inside the content folder is an ordinary record.
    (root / "content" / "articles" / "2021" / "05" / "link.md").unlink()
    (root / "content" / "articles" / "2021" / "05" / "link.md").symlink_to(root / "content" / "articles" / "2021" / "05" / "a.md")
    assert "is a link" not in run("build", cwd=root).stderr


def test_a_linked_folder_that_leads_out_of_the_content_folder_is_reported_not_dropped_unseen(tmp_path):
    root = make_site(tmp_path, {"2021/05/a.md": record("Bài tốt")})
    outside = tmp_path / "ngoai" / "2020"
    outside.mkdir(parents=True)
    (outside / "b.md").write_text(record("Bài để ngoài", "2020-03-04", body="Nội dung để ngoài thư mục."))
    (root / "content" / "articles" / "2020").symlink_to(outside)
    proc = run("build", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "articles/2020: is a link that leads out of the content folder; not read" in proc.stderr
    assert not (root / "site").exists()
    # A linked folder inside the content folder adds nothing: its records are read where they are, once.
    (root / "content" / "articles" / "2020").unlink()
    (root / "content" / "articles" / "ban-sao").symlink_to(root / "content" / "articles" / "2021")
    proc = run("build", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert [p.parent.name for p in (root / "site" / "bai-viet").rglob("index.html")] == ["bai-tot"]


def test_a_record_cannot_publish_a_file_from_outside_as_its_raw_text(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu: hunter2")
    root = make_site(
        tmp_path,
        {
            "2021/05/a.md": record("Bài A", extra=f"origin: {{file: {secret}, sha256: '{'0' * 64}'}}\n"),
            "2021/05/b.md": record("Bài B", extra="origin: {file: ../secret.txt, sha256: x}\n"),
        },
    )
    run("build", cwd=root, check=True)
    assert not any(b"hunter2" in p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())


# ------------------------------------------------------------ hostile text


class Text(HTMLParser):
    """The text of the elements a reader sees, and every tag and attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.stack: list[str] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            tag = "ld+json"  # JSON-LD is data, never run: kept apart from scripts
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "script" and self.stack and self.stack[-1] == "ld+json":
            tag = "ld+json"
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        for tag in set(self.stack):
            self.texts.setdefault(tag, []).append(data)


def parsed(path: Path) -> Text:
    t = Text()
    t.feed(path.read_text(encoding="utf-8"))
    return t


def _no_active_content(site: Path, marker: str) -> None:
    """No page runs anything a record brought: no event attribute, no
    javascript: link, no script holding the marker, no raw `<script>marker`."""
    for p in site.rglob("*.html"):
        t = parsed(p)
        for tag, attrs in t.tags:
            for name, value in attrs:
                assert not name.startswith("on"), f"{p}: <{tag} {name}>"
                assert not (value or "").strip().lower().startswith("javascript:"), f"{p}: <{tag} {name}={value}>"
        assert marker not in "".join(t.texts.get("script", [])), p
        assert f"<script>{marker}" not in p.read_text(encoding="utf-8"), p


HOSTILE_TITLE = '<script>alert("tieu-de")</script> Hội nghị & <b>đậm</b> <img src=x onerror=alert(1)>'


def test_html_in_titles_and_bodies_is_shown_as_text_never_run(tmp_path):
    root = make_site(
        tmp_path,
        {
            "2021/05/a.md": record(
                HOSTILE_TITLE.replace("'", "''"),
                extra="author: '<i>Thu</i> Hà'\nlocality: {name: '<b>Tân An</b>', level: phường, province: Hà Nội}\n"
                "documents: ['05-CT/TW\"><script>alert(3)</script>']\n",
                body='Đoạn có <script>alert("than-bai")</script> và <b>đậm</b>, &lt;không phải thẻ&gt;.',
            )
        },
        "base_url: https://example.org/luu-tru/\n",
    )
    run("build", cwd=root, check=True)
    site = root / "site"
    _no_active_content(site, "alert(")
    article = next((site / "bai-viet").rglob("index.html"))
    t = parsed(article)
    assert HOSTILE_TITLE in "".join(t.texts["h1"])
    assert '<script>alert("than-bai")</script> và <b>đậm</b>' in "".join(t.texts["p"])
    # Everything else that carries a title: feeds parse and hold it as text.
    for feed in site.rglob("*.xml"):
        ElementTree.parse(feed)
    for data in site.rglob("*.json"):
        json.loads(data.read_text(encoding="utf-8"))


LOOKS_LIKE_MARKDOWN = [
    "+ Một, tiếp tục lãnh đạo, chỉ đạo thực hiện nghiêm túc.",
    "1. Thứ nhất, nâng cao nhận thức của cán bộ, đảng viên.",
    "2) Thứ hai, đổi mới phương thức.",
    "- Gạch đầu dòng như người viết gõ.",
    "# Không phải tiêu đề.",
    "* Dấu sao ở đầu dòng.",
    "> Trích dẫn lời đồng chí Bí thư.",
    "    Bốn dấu cách ở đầu dòng.",
    "Giá 5*6 = 30, tên_biến_có_gạch, [chú thích] {x} `mã` \\ gạch chéo.",
    "Liên kết [chữ](javascript:alert(1)) và [chữ][1], ![ảnh](x.png).",
]


def body_of(article_page: Path) -> Text:
    html = article_page.read_text(encoding="utf-8")
    m = re.search(r'<div class="body"[^>]*>(.*?)\n\s*</div>', html, re.S)
    assert m, article_page
    t = Text()
    t.feed(m.group(1))
    return t


def test_lines_that_look_like_markdown_are_shown_as_written(tmp_path):
    raw = tmp_path / "tho"
    raw.mkdir()
    (raw / "a.txt").write_text(page(TITLE, LEAD, *LOOKS_LIKE_MARKDOWN), encoding="utf-8")
    run("import", "tho", cwd=tmp_path, check=True)
    run("build", cwd=tmp_path, check=True)
    html = next((tmp_path / "site" / "bai-viet").rglob("index.html")).read_text(encoding="utf-8")
    body = body_of(next((tmp_path / "site" / "bai-viet").rglob("index.html")))
    assert {tag for tag, _ in body.tags} == {"p"}, body.tags  # no list, heading, quote, code, link, emphasis
    paragraphs = re.findall(r"<p>(.*?)</p>", re.search(r'<div class="body"[^>]*>(.*?)\n\s*</div>', html, re.S).group(1), re.S)
    shown = [unescape(p) for p in paragraphs]
    for line in LOOKS_LIKE_MARKDOWN:
        assert " ".join(line.split()) in shown, (line, shown)


def test_an_address_in_angle_brackets_is_shown_as_written():
    from luutru.markup import escape, to_html

    assert to_html(escape("Xem <http://example.org> nhé")) == "<p>Xem &lt;http://example.org&gt; nhé</p>"


YAML_TITLES = [
    'Hội nghị: "tổng kết" # 2021 của phường Tân An',
    "- Bắt đầu bằng gạch ngang: phường Tân An sơ kết",
    "'Nháy đơn' và \"nháy kép\" trong tiêu đề phường Tân An",
    "a: b: c — phường Tân An sơ kết công tác",
    "[05-CT/TW] {x} phường Tân An sơ kết công tác",
    "@ & * ! % | > ? phường Tân An sơ kết",
    "? Hỏi: phường Tân An sơ kết công tác xây dựng Đảng",
    "null: phường Tân An sơ kết công tác",
    "# Không phải tiêu đề Markdown: phường Tân An",
    "--- phường Tân An sơ kết ---",
    "&amp; &lt;b&gt; phường Tân An sơ kết",
    "Tân An: 100% chi bộ đạt \\ `mã` *sao* _gạch_ ~ ^",
]


def test_yaml_special_titles_survive_import_record_and_build(tmp_path):
    raw = tmp_path / "tho"
    raw.mkdir()
    for i, title in enumerate(YAML_TITLES):
        (raw / f"{i:02d}.txt").write_text(page(title, date=f"Ngày đăng {i + 1:02d}/04/2021"), encoding="utf-8")
    run("import", "tho", cwd=tmp_path, check=True)
    run("build", cwd=tmp_path, check=True)
    manifest = json.loads((tmp_path / "content" / ".luutru-import.json").read_text(encoding="utf-8"))
    site = tmp_path / "site" / "bai-viet" / "2021" / "04"
    for i, title in enumerate(YAML_TITLES):
        path = tmp_path / "content" / "articles" / manifest[f"tho/{i:02d}.txt"]["record"]
        assert parse_record(path.read_text(encoding="utf-8"), path).title == title
        pages = [p for p in site.rglob("index.html") if title in "".join(parsed(p).texts.get("h1", []))]
        assert pages, title
        assert title in "".join(parsed(pages[0]).texts["title"])
