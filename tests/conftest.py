"""Shared fixtures: a small site folder, a built demo archive, a generated one,
a link crawler, and one headless chromium for the browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    """Run the luutru command as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "luutru", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"luutru {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def resolve(page: Path, link: str) -> Path | None:
    """The file a relative link on `page` points at, or None for external links."""
    if urlsplit(link).scheme or link.startswith(("#", "//")):
        return None
    path = unquote(urldefrag(link)[0].split("?")[0])
    target = (page.parent / path).resolve()
    if link.endswith("/"):
        target = target / "index.html"
    return target


def crawl(site: Path, start: str = "index.html", skip=lambda p: False) -> set[Path]:
    """Every page reachable from `start` by following links (not through `skip` pages)."""
    seen, todo = set(), [(site / start).resolve()]
    while todo:
        page = todo.pop()
        if page in seen or not page.is_file():
            continue
        seen.add(page)
        if page.suffix != ".html" or (skip(page) and page != (site / start).resolve()):
            continue
        for link in links_of(page):
            target = resolve(page, link)
            if target is not None and target not in seen:
                todo.append(target)
    return seen


def make_site(tmp_path: Path, records: dict[str, str], config: str = "") -> Path:
    root = tmp_path / "kho"
    for name, text in records.items():
        path = root / "content" / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "content").mkdir(parents=True, exist_ok=True)
    if config:
        (root / "luutru.yaml").write_text(config, encoding="utf-8")
    return root


def record(title: str, published: str = "2021-05-11T09:41+07:00", extra: str = "", body: str = "Nội dung bài viết.") -> str:
    return f"---\ntitle: '{title}'\npublished: {published}\n{extra}---\n\n{body}\n"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The repository's demo archive (content/ as committed), built once."""
    root = tmp_path_factory.mktemp("demo")
    for name in ("content", "seeds"):
        shutil.copytree(REPO / name, root / name)
    run("build", cwd=root, check=True)
    return root / "site"


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory) -> Path:
    """A generated archive of 150 articles with hostile text (tests/generated.py), built once."""
    from generated import write_archive

    root = write_archive(tmp_path_factory.mktemp("generated"))
    run("build", cwd=root, check=True)
    return root / "site"


# --- the browser ---------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def unavailable(reason: str):
    """Skip on a developer's machine; fail in CI, where the tools must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it in .ci/run)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session: Debian's, driven by Playwright
    (never a browser Playwright downloads)."""
    exe = chromium_path()
    if exe is None:
        unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed (it is in the test extras)")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
    except BaseException:
        pw.stop()
        raise
    yield b
    b.close()
    pw.stop()


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors wrote it: base letter + tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tone = next(m for m in marks if m in TONE_MARKS)  # the rest stay on the base
            marks.remove(tone)
            out += unicodedata.normalize("NFC", base + "".join(marks)).encode("cp1258")
            out += tone.encode("cp1258")
    return bytes(out)
