"""The static search index: Pagefind over the built article pages.

Vietnamese is typed as it is spoken on a phone keyboard without a Telex
input: no tone marks, and `d` for `đ`. Pagefind folds combining marks
itself ("chi thi" finds "Chỉ thị"), but `đ` is a letter of its own, not
`d` plus a mark, so "dang bo" would never find "Đảng bộ". Every article page
therefore carries, after its text and hidden from readers, the folded form
of each of its words that holds a `đ` ("Đảng" → "dang", in order and as
often as they occur, so ranking is not skewed), the other ways its documents
are typed ("05-CT/TW" → "ct05", "05ct"; "124-QĐ/TW" → "124-QD/TW", "qd124"),
and its locality. That tail starts with `SENTINEL`; the search page cuts it
off and builds excerpts from the real words only (static/search.js).

Pagefind needs a few seconds per thousand articles, so it runs apart from
page rendering: once a build has written the site, in a background thread,
and only when an indexed page changed (its digest, which the builder keeps,
says so). The last index is kept in the cache and linked into every new
output, so a rebuild that leaves the articles alone reuses it whole and the
output stays byte-identical. (Pagefind 1.5 writes its filter files in a
different order on each run, CloudCannon/pagefind#638; only a new index
brings new filter files.)
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import string
import subprocess
import sys
import threading
import time
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from .registry import parse_id

SENTINEL = "\u205c"  # ⁜: starts the hidden tail of folded words; never indexed (punctuation)
BUNDLE = "pagefind"  # the output folder of the index
ENTRY = "pagefind-entry.json"
PENDING = "pending"  # in the cache's search folder while an index is wanted and not yet written
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
)
INDEXED = ("bai-viet/", "index.html")  # article pages: what is indexed (prefix, suffix)
VERSION = "2"  # bump when what is indexed, or how, changes

_TAG = re.compile(r"<[^>]*>")
_PUNCTUATION = string.punctuation + "“”‘’…–—«»"


def _fold_table() -> dict[int, str]:
    """Each precomposed Latin letter → its base letter, and đ → d: one character for one."""
    table = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[cp] = base
    table[ord("đ")], table[ord("Đ")] = "d", "D"
    return table


_FOLD = _fold_table()
_FOLDED: dict[str, str] = {}  # word → folded, remembered: the same words come again and again


def fold(text: str) -> str:
    """Lower case, no tone or vowel marks, `d` for `đ`: "Đảng bộ" → "dang bo".

    Text is NFC (the loader makes it so); each character folds to one, so
    offsets in the folded text are offsets in the original.
    """
    return text.lower().translate(_FOLD)


def folded_words(text: str) -> list[str]:
    """The folded form of every word of `text` that holds a `đ`, in order."""
    low = text.lower()
    if "đ" not in low:
        return []
    out = []
    for w in low.split():
        if "đ" in w:
            folded = _FOLDED.get(w)
            if folded is None:
                folded = w.strip(_PUNCTUATION).translate(_FOLD)
                if len(_FOLDED) < 200_000:  # Vietnamese has a few thousand syllables
                    _FOLDED[w] = folded
            if folded:
                out.append(folded)
    return out


def html_words(body_html: str) -> list[str]:
    """`folded_words` of an HTML fragment's text."""
    if "đ" not in body_html and "Đ" not in body_html and "&" not in body_html:
        return []
    return folded_words(html.unescape(_TAG.sub(" ", body_html)))


@lru_cache(maxsize=65536)
def document_aliases(doc_id: str) -> list[str]:
    """How else people type a document id: "05-CT/TW" → ["ct05", "05ct"].

    Pagefind already matches "05-CT/TW", "05/CT-TW" and "05 CT TW" (it drops
    the punctuation and splits the parts); these add the run-together forms
    and, for ids with `Đ`, the same with `D`.
    """
    out = []
    parsed = parse_id(doc_id)
    if parsed is not None:
        t = parsed.type.lower()
        n = parsed.number
        short = n.lstrip("0") or n
        forms = [f"{t}{n}", f"{n}{t}"] + ([f"{t}{short}"] if short != n else [])
        out += forms
        if "đ" in t:
            out += [fold(f) for f in forms]
    out += folded_words(doc_id)
    return list(dict.fromkeys(out))


def tail(title: str, body_html: str, documents: Iterable[Mapping], locality: Mapping | None) -> str:
    """The hidden text indexed after an article's own: see the module's docstring."""
    words = [SENTINEL, *folded_words(title), *html_words(body_html)]
    for d in documents:
        words.append(d["id"])
        words += document_aliases(d["id"])  # (a cached list: never changed here)
        words += [a for alias in d.get("aliases", ()) for a in (alias, *folded_words(alias))]
    if locality:
        names = [locality["label"]] + ([locality["province"]] if locality.get("province") else [])
        for name in names:
            words += [name, *folded_words(name)]
    return " ".join(words)


# --- running Pagefind ------------------------------------------------------------


def executable() -> Path | None:
    """Pagefind's binary, from the `pagefind[bin]` wheel (nothing is downloaded)."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except (FileNotFoundError, OSError):
        return None


def pagefind_version(exe: Path) -> str:
    try:
        return subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def indexed(pages: Mapping[str, str]) -> list[tuple[str, str]]:
    """(output path, digest) of every page the index is made from, sorted."""
    prefix, suffix = INDEXED
    return sorted((p, d) for p, d in pages.items() if p.startswith(prefix) and p.endswith(suffix))


def index_digest(hashes: Mapping[str, str], options: list[str], version: str) -> str:
    """What the index is made from: the bytes of every indexed page, and how Pagefind runs."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{VERSION}\0{version}\0{options}\n".encode())
    for path in sorted(hashes):
        h.update(f"{path}\0{hashes[path]}\n".encode())
    return h.hexdigest()


def page_hashes(out: Path, pages: list[tuple[str, str]], known: Mapping[str, list]) -> dict[str, str]:
    """The hash of each indexed page's bytes, read again only where the builder's digest moved.

    A page digest changes with anything the page may depend on (any template,
    luutru's code); its bytes often do not, and then the index is kept.
    """
    out_hashes = {}
    for path, digest in pages:
        k = known.get(path)
        if k and k[0] == digest:
            out_hashes[path] = k[1]
        else:
            try:
                out_hashes[path] = hashlib.blake2b((out / path).read_bytes(), digest_size=16).hexdigest()
            except OSError:
                out_hashes[path] = "missing"
    return out_hashes


HASHED = ("fragment/", "index/", "filter/")  # Pagefind names these files by their content


def named_by_content(rel: str) -> bool:
    return rel.startswith(HASHED) or rel.endswith(".pf_meta")


def put(src: Path, dst: Path) -> None:
    """`dst` becomes `src`'s bytes, in one step: a hard link where it can, else a copy."""
    tmp = dst.with_name(f".{dst.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def same_index(a: Path, b: Path) -> bool:
    """Both folders hold the same index: Pagefind names every file by its content's
    hash, and its entry file names the rest, so equal entry files say it."""
    try:
        return (a / ENTRY).read_bytes() == (b / ENTRY).read_bytes()
    except OSError:
        return False


class SearchIndex:
    """Keeps `<output>/pagefind/` in step with the article pages, in the background.

    `update(pages)` after each build hands over the digest of every output;
    the work happens in a thread, so `luutru serve` reloads the browser
    first; `wait()` (called when the builder closes) lets `luutru build`
    finish only when the index is written.
    """

    def __init__(self, config, log=None):
        self.config = config
        self.folder = config.cache / "search"
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.lock = threading.Condition()
        self.request: dict[str, str] | None = None
        self.thread: threading.Thread | None = None
        self.busy = False
        self.running = False  # a worker thread is alive and will look at `request` again
        self.last_error: str | None = None

    # the public side ---------------------------------------------------------

    def update(self, pages: Mapping[str, str]) -> None:
        # Says "the index may not match the pages" until a refresh completes, even
        # if this process is killed first: the next build then indexes again.
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / PENDING).touch()
        with self.lock:
            self.request = dict(pages)
            if not self.running:
                self.running = True
                self.thread = threading.Thread(target=self._work, name="luutru-search", daemon=True)
                self.thread.start()
            self.lock.notify_all()

    def after(self, cache, changed: bool = True) -> None:
        """Called by the builder after every build, with its cache (read here, in its thread).

        An unchanged build asks for nothing unless the output lacks the index.
        """
        if not changed and (self.config.output / BUNDLE / ENTRY).is_file() and not (self.folder / PENDING).exists():
            return
        self.update(cache.pages())

    def carry_over(self, staging: Path) -> None:
        """Before the builder swaps a whole new output in: the index it has now goes
        along (by hard links), so the site never lacks one while Pagefind runs again."""
        current = self.config.output / BUNDLE
        if (current / ENTRY).is_file():
            for src in sorted(current.rglob("*")):
                if src.is_file() and not src.name.endswith(".tmp"):
                    dst = staging / BUNDLE / src.relative_to(current)
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(src, dst)
                    except OSError:
                        shutil.copyfile(src, dst)

    def wait(self) -> None:
        """Until every requested index is written."""
        with self.lock:
            while self.request is not None or self.busy:
                self.lock.wait(0.1)

    # the worker ----------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self.lock:
                pages, self.request = self.request, None
                if pages is None:
                    self.running = False
                    return
                self.busy = True
            try:
                self.refresh(pages)
                with self.lock:
                    if self.request is None:  # nothing newer waits
                        (self.folder / PENDING).unlink(missing_ok=True)
                self.last_error = None
            except Exception as exc:  # noqa: BLE001 - a failed index must never stop the preview
                self.last_error = f"{type(exc).__name__}: {exc}"
                self.log(f"search index not updated: {self.last_error}")
            finally:
                with self.lock:
                    self.busy = False
                    self.lock.notify_all()

    def options(self) -> list[str]:
        opts = ["--glob", f"{INDEXED[0]}**/*.html", "--force-language", "vi"]
        if not self.config.pretty_urls:
            opts.append("--keep-index-url")  # links that name index.html, as every other link does
        return opts

    def refresh(self, pages: Mapping[str, str]) -> bool:
        """Make the output's index match `pages`; True when Pagefind had to run."""
        out = self.config.output
        if not out.is_dir():
            return False
        exe = executable()
        if exe is None:
            self.log("search index skipped: Pagefind is not installed (pip install 'pagefind[bin]')")
            return False
        state_file = self.folder / "state.json"
        try:
            state = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        version = state.get("pagefind") if state.get("exe") == str(exe) else None
        version = version or pagefind_version(exe)
        listed = indexed(pages)
        hashes = page_hashes(out, listed, state.get("pages", {}))
        digest = index_digest(hashes, self.options(), version)
        kept = self.folder / BUNDLE
        ran = False
        if state.get("digest") != digest or not (kept / ENTRY).is_file():
            if not listed:  # no article left: no index either
                shutil.rmtree(kept, ignore_errors=True)
                shutil.rmtree(out / BUNDLE, ignore_errors=True)
                state_file.unlink(missing_ok=True)
                return False
            started = time.perf_counter()
            fresh = self.folder / f"{BUNDLE}.new"
            shutil.rmtree(fresh, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            proc = subprocess.run(
                [str(exe), "--site", str(out), "--output-path", str(fresh), "--silent", *self.options()],
                capture_output=True, text=True,
            )
            if proc.returncode != 0 or not (fresh / ENTRY).is_file():
                shutil.rmtree(fresh, ignore_errors=True)
                raise RuntimeError(f"pagefind failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-2000:]}")
            for name in UNUSED:  # Pagefind's own interfaces: the search page has its own
                (fresh / name).unlink(missing_ok=True)
            shutil.rmtree(kept, ignore_errors=True)
            os.replace(fresh, kept)
            state = {"digest": digest, "exe": str(exe), "pagefind": version,
                     "seconds": round(time.perf_counter() - started, 3), "count": len(listed)}
            ran = True
        known = {path: [d, hashes[path]] for path, d in listed}
        if ran or known != state.get("pages"):
            state["pages"] = known
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = state_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(state), encoding="utf-8")
            os.replace(tmp, state_file)
        self.publish(kept, out / BUNDLE)
        return ran

    @staticmethod
    def publish(kept: Path, target: Path) -> None:
        """Put the kept index into the output so that a reader, or a build killed
        half-way, never finds it incomplete: the new files first, then the entry
        file that names them (one rename), then the old files go."""
        if same_index(kept, target):
            return
        target.mkdir(parents=True, exist_ok=True)
        for leftover in target.rglob(".*.tmp"):
            leftover.unlink(missing_ok=True)
        wanted = set()
        for src in sorted(kept.rglob("*")):
            if not src.is_file():
                continue
            rel = src.relative_to(kept).as_posix()
            wanted.add(rel)
            dst = target / rel
            if rel == ENTRY:
                continue
            if dst.exists() and (named_by_content(rel) or dst.read_bytes() == src.read_bytes()):
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            put(src, dst)
        put(kept / ENTRY, target / ENTRY)
        for old in sorted(target.rglob("*"), reverse=True):
            rel = old.relative_to(target).as_posix()
            if old.is_file() and rel not in wanted:
                old.unlink()
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
