"""The static search index: Pagefind, fed with exactly the text of each article.

Vietnamese is typed as it is spoken on a phone keyboard without a Telex
input: no tone marks, and `d` for `đ`. Pagefind folds combining marks
itself ("chi thi" finds "Chỉ thị"), but `đ` is a letter of its own, not
`d` plus a mark, so "dang bo" would never find "Đảng bộ". Every article's
indexed text therefore ends with a tail that readers never see: the folded
form of each of its words that holds a `đ` ("Đảng" → "dang", in order and as
often as they occur, so ranking is not skewed), the other ways its documents
are typed ("05-CT/TW" → "ct05", "05ct"; "124-QĐ/TW" → "124-QD/TW", "qd124"),
and its locality. That tail starts with `SENTINEL`; the search page cuts it
off and builds excerpts from the real words only (static/search.js).

What is indexed comes from the site model, not from the rendered pages:
for each article, a small page of its own (`index_page`: title, body, tail;
its date and place to show; province, documents and year to filter by; two
date keys to sort by), kept in the cache and written again only when its
article changed. Pagefind's command indexes that folder. Only articles are
indexed, the site's pages carry nothing for search, and a change that
leaves every article's index page as it was (a template, the related
articles, the stylesheet) leaves the index as it was. (Pagefind's Python
API was tried: it waits a tenth of a second for each record,
CloudCannon/pagefind#976, and its service, even spoken to without that
wait, spent a fifth more time than the command on the same pages.)

Pagefind needs about five seconds per thousand articles, so it runs apart
from page rendering: after a build has written the site, in a background
thread, and only when an article's index page changed. The last index is kept in the cache
and linked into every new output, so a rebuild that leaves the articles
alone reuses it whole and the output stays byte-identical. (Pagefind 1.5
writes its filter files in a different order on each run,
CloudCannon/pagefind#638; only a new index brings new filter files.)
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import pickle
import re
import shutil
import string
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .registry import TYPE_WORDS, parse_id

SENTINEL = "\u205c"  # ⁜: starts the hidden tail of folded words; never indexed (punctuation)
BUNDLE = "pagefind"  # the output folder of the index
ENTRY = "pagefind-entry.json"
PENDING = "pending"  # in the cache's search folder: an index is owed (its token), until it is written
WANTED = "wanted.pickle"  # in the cache's search folder: (token, what the owed index is made of)
MIRROR = "pages"  # in the cache's search folder: the page Pagefind indexes for each article
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
)
VERSION = "3"  # bump when what is indexed, or how, changes
LANGUAGE = "vi"  # the articles' language, whatever the interface's
UNDATED_LAST = "999999999999"  # the "oldest" sort key of an undated article: after every date

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
    for w in [w for w in low.split() if "đ" in w]:
        folded = _FOLDED.get(w)
        if folded is None:
            folded = w.strip(_PUNCTUATION).translate(_FOLD)
            if len(_FOLDED) < 200_000:  # Vietnamese has a few thousand syllables
                _FOLDED[w] = folded
        if folded:
            out.append(folded)
    return out


def html_text(fragment: str) -> str:
    """The words of an HTML fragment, one space between them."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


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


def type_keys() -> dict[str, str]:
    """Document types in words → their code, both folded: {"chi thi": "ct", "quy dinh": "qd", …}.

    For the search page, which marks "Chỉ thị 05" in an excerpt when the query is "ct05".
    """
    return {fold(words): fold(code) for words, code in sorted(TYPE_WORDS.items())}


def tail(title: str, text: str, documents: Iterable[tuple[str, Sequence[str]]], names: Iterable[str]) -> str:
    """The hidden text indexed after an article's own: see the module's docstring.

    `documents` are (id, other names from the registry); `names` name the
    article's locality (its label, its province).
    """
    words = [SENTINEL, *folded_words(title), *folded_words(text)]
    for doc_id, aliases in documents:
        words.append(doc_id)
        words += document_aliases(doc_id)  # (a cached list: never changed here)
        words += [a for alias in aliases for a in (alias, *folded_words(alias))]
    for name in names:
        words += [name, *folded_words(name)]
    return " ".join(words)


# --- what is indexed ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    """What the index holds of one article, but its body's text: small, cheap to
    compare from one build to the next, and kept in the cache until indexed."""

    path: str  # of the article page in the output, "bai-viet/2021/05/x/index.html"
    title: str
    body: object  # site.BodyRef (the body's HTML, by record key and digest), or the HTML itself
    date: str  # as the article page shows it
    place: str | None  # the locality's label
    province: str | None
    documents: tuple[tuple[str, tuple[str, ...]], ...]  # (id, other names)
    year: int | None
    stamp: str | None  # digits that sort as the dates do; None when undated


def source_of(page) -> Source:
    """An article page of the site model → what the index needs of it."""
    a = page.context["article"]
    loc = a["locality"]
    return Source(
        path=page.output,
        title=a["title"],
        body=a["body"],
        date=a["published_text"],
        place=loc["label"] if loc else None,
        province=loc["province"] if loc else None,
        documents=tuple((d["id"], tuple(d["aliases"])) for d in a["documents"]),
        year=a["year"],
        stamp=a["sort_key"] if a["published"] is not None else None,
    )


def index_page(s: Source, body_html: str) -> str:
    """The page Pagefind indexes for an article: its title, its body and the tail, nothing else;
    and, out of the indexed text, its date and place to show, what to filter and sort by."""
    e = html.escape
    names = [n for n in (s.place, s.province) if n]
    hidden = [f'<i data-pagefind-filter="document">{e(d)}</i>' for d, _ in s.documents]
    if s.province:
        hidden.append(f'<i data-pagefind-filter="province">{e(s.province)}</i>')
    if s.year is not None:
        hidden.append(f'<i data-pagefind-filter="year">{s.year}</i>')
    hidden.append(f'<i data-pagefind-meta="date">{e(s.date)}</i>')
    if s.place:
        hidden.append(f'<i data-pagefind-meta="place">{e(s.place)}</i>')
    # Two keys, so that undated articles come last newest-first and oldest-first alike
    # (Pagefind leaves out of a sorted search any page without the key).
    hidden.append(f'<i data-pagefind-sort="newest[data-v]" data-v="{s.stamp or "0"}"></i>')
    hidden.append(f'<i data-pagefind-sort="oldest[data-v]" data-v="{s.stamp or UNDATED_LAST}"></i>')
    return (
        f'<!doctype html><html lang="{LANGUAGE}"><meta charset="utf-8"><body data-pagefind-body>\n'
        f"<h1>{e(s.title)}</h1>\n{body_html}\n"
        f"<p>{e(tail(s.title, html_text(body_html), s.documents, names))}</p>\n"
        f'<div data-pagefind-ignore>{"".join(hidden)}</div>\n</body></html>\n'
    )


def source_digest(s: Source) -> str:
    return hashlib.blake2b(repr(s).encode(), digest_size=16).hexdigest()


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
        return subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


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


def files(folder: Path) -> list[str]:
    """Every file under `folder`, as a relative path with `/`, sorted (os.walk: pathlib's
    rglob costs a second per few thousand files)."""
    out = []
    for dirpath, _, names in os.walk(folder):
        rel = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        out += [name if rel == "." else f"{rel}/{name}" for name in names]
    return sorted(out)


def prune(folder: Path, keep) -> None:
    """Remove every file under `folder` whose relative path is not in `keep`, then empty folders."""
    for dirpath, _, names in os.walk(folder, topdown=False):
        rel = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        for name in names:
            if (name if rel == "." else f"{rel}/{name}") not in keep:
                os.unlink(os.path.join(dirpath, name))
        if rel != "." and not os.listdir(dirpath):
            os.rmdir(dirpath)


def folder_size(folder: Path) -> int:
    return sum((folder / rel).stat().st_size for rel in files(folder))


class SearchIndex:
    """Keeps `<output>/pagefind/` in step with the site's articles, in the background.

    `after(pages)` after each build hands over the article pages of the site
    model; the work happens in a thread, so `luutru serve` reloads the
    browser first; `wait()` (called when the builder closes) lets `luutru
    build` finish only when the index is written.
    """

    def __init__(self, config, log=None):
        self.config = config
        self.folder = config.cache / "search"
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.lock = threading.Condition()
        self.request: tuple | None = None  # (token, article pages or sources or None, made: the sources)
        self.thread: threading.Thread | None = None
        self.busy = False
        self.running = False  # a worker thread is alive and will look at `request` again
        self.last_error: str | None = None

    # the public side ---------------------------------------------------------

    def after(self, pages: Sequence | None, changed: bool = True) -> bool:
        """Called by the builder after every build with the article pages of its site
        model, or None when it has none at hand (an unchanged build, in a new process).

        An unchanged build asks for nothing while the output has the index it wants.
        False: the index is owed and cannot be made without the pages (the process
        that asked for it was killed at once); the builder then makes them.
        """
        if pages is not None:
            if changed or not self.current():
                self.update(pages)
            return True
        if self.current():
            return True
        pending, wanted = self.pending(), self.wanted()
        if pending is not None:
            if wanted is None or wanted[0] != pending:
                return False
            self.update(wanted[1], made=True)  # the index a killed build, or `--no-search`, left owed
            return True
        if (self.folder / BUNDLE / ENTRY).is_file():
            self.update(None)  # the output lost its index: the one kept goes back
            return True
        return False  # no index anywhere

    def skipped(self, pages: Sequence | None = None) -> None:
        """Pages changed and no index was asked for (`--no-search`): the next build makes it."""
        if pages is not None:
            token = self.owe()
            self.want(token, [source_of(p) for p in pages])

    def current(self) -> bool:
        """The output has the index of the articles, or this process is making it."""
        with self.lock:
            if self.running:
                return True
        return (self.config.output / BUNDLE / ENTRY).is_file() and self.pending() is None

    def update(self, work: Sequence | None, made: bool = False) -> None:
        """Make the index of these article pages (`made`: of these sources; None: publish
        the one kept), in the background."""
        with self.lock:
            # Says "the index is owed" at once, even if this process is killed before
            # the worker has noted what the index is made of (`want`).
            token = self.owe() if work is not None else None
            self.request = (token, work, made)
            if not self.running:
                self.running = True
                self.thread = threading.Thread(target=self._work, name="luutru-search", daemon=True)
                self.thread.start()
            self.lock.notify_all()

    def owe(self) -> str:
        token = f"{time.time_ns()}.{os.getpid()}"
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / PENDING).write_text(token, encoding="utf-8")
        return token

    def pending(self) -> str | None:
        try:
            return (self.folder / PENDING).read_text(encoding="utf-8")
        except OSError:
            return None

    def want(self, token: str, sources: list[Source]) -> None:
        """Note what the index owed (`token`) is made of, until it is written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{WANTED}.tmp"
        tmp.write_bytes(pickle.dumps((token, sources), 5))
        os.replace(tmp, self.folder / WANTED)

    def wanted(self) -> tuple[str, list[Source]] | None:
        """(token, sources) of the index last owed, if noted."""
        try:
            token, sources = pickle.loads((self.folder / WANTED).read_bytes())
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - written by another version of luutru: as if not noted
            return None
        ok = isinstance(token, str) and isinstance(sources, list) and all(isinstance(s, Source) for s in sources)
        return (token, sources) if ok else None

    def carry_over(self, staging: Path) -> None:
        """Before the builder swaps a whole new output in: the index it has now goes
        along (by hard links), so the site never lacks one while Pagefind runs again."""
        current = self.config.output / BUNDLE
        if (current / ENTRY).is_file():
            for rel in files(current):
                if not rel.endswith(".tmp"):
                    dst = staging / BUNDLE / rel
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(current / rel, dst)
                    except OSError:
                        shutil.copyfile(current / rel, dst)

    def wait(self) -> None:
        """Until every requested index is written."""
        with self.lock:
            while self.request is not None or self.busy:
                self.lock.wait(0.1)

    # the worker ----------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self.lock:
                if self.request is None:
                    self.running = False
                    return
                (token, work, made), self.request = self.request, None
                self.busy = True
            try:
                sources = None
                if work is not None:
                    sources = list(work) if made else [source_of(p) for p in work]
                    self.want(token, sources)
                self.refresh(sources)
                with self.lock:
                    if self.request is None:  # nothing newer waits
                        (self.folder / WANTED).unlink(missing_ok=True)
                        (self.folder / PENDING).unlink(missing_ok=True)
                self.last_error = None
            except Exception as exc:  # noqa: BLE001 - a failed index must never stop the preview
                self.last_error = f"{type(exc).__name__}: {exc}"
                self.log(f"search index not updated: {self.last_error}")
            finally:
                with self.lock:
                    self.busy = False
                    self.lock.notify_all()

    def bodies(self, sources: Sequence[Source]) -> Iterator[str]:
        """Each source's body HTML, read from the build cache."""
        from .cache import Bodies

        read = Bodies(self.config.cache)
        for s in sources:
            yield s.body if isinstance(s.body, str) else read(s.body)

    def options(self) -> list[str]:
        opts = ["--force-language", LANGUAGE]
        if not self.config.pretty_urls:
            opts.append("--keep-index-url")  # links that name index.html, as every other link does
        return opts

    def mirror(self, sources: Sequence[Source], digests: dict[str, str], state: dict) -> Path:
        """The cache's copy of every article's index page (`index_page`), made like `sources`:
        only the pages whose source changed are written again, and what is gone goes."""
        folder = self.folder / MIRROR
        known = state.get("pages") or {}
        changed = [s for s in sources if known.get(s.path) != digests[s.path] or not (folder / s.path).is_file()]
        if changed:
            # Until the pages are written, the state no longer vouches for them.
            state["pages"] = {p: d for p, d in known.items() if p in digests} | {s.path: None for s in changed}
            self.save(state)
            made: set[Path] = set()
            for s, body in zip(changed, self.bodies(changed)):
                target = folder / s.path
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_text(index_page(s, body), encoding="utf-8")
        prune(folder, digests)
        return folder

    def save(self, state: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / "state.json.tmp"
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, self.folder / "state.json")

    def refresh(self, sources: list[Source] | None) -> bool:
        """Make the output's index the one of `sources` (None: the one kept); True when Pagefind ran."""
        out = self.config.output
        if not out.is_dir():
            return False
        exe = executable()
        if exe is None:
            self.log("search index skipped: Pagefind is not installed (pip install 'pagefind[bin]')")
            return False
        try:
            state = json.loads((self.folder / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        kept = self.folder / BUNDLE
        ran = False
        if sources is not None:
            version = state.get("pagefind") if state.get("exe") == str(exe) else None
            version = version or pagefind_version(exe)
            digests = {s.path: source_digest(s) for s in sources}
            h = hashlib.blake2b(f"{VERSION}\0{version}\0{self.options()}\n".encode(), digest_size=16)
            for path in sorted(digests):
                h.update(f"{path}\0{digests[path]}\n".encode())
            digest = h.hexdigest()
            if state.get("digest") != digest or not (kept / ENTRY).is_file():
                if not sources:  # no article left: no index either
                    for folder in (kept, self.folder / MIRROR, out / BUNDLE):
                        shutil.rmtree(folder, ignore_errors=True)
                    (self.folder / "state.json").unlink(missing_ok=True)
                    return False
                started = time.perf_counter()
                site = self.mirror(sources, digests, state)
                fresh = self.folder / f"{BUNDLE}.new"
                shutil.rmtree(fresh, ignore_errors=True)
                proc = subprocess.run(
                    [str(exe), "--site", str(site), "--output-path", str(fresh), "--silent", *self.options()],
                    stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False,
                )
                if proc.returncode != 0 or not (fresh / ENTRY).is_file():
                    shutil.rmtree(fresh, ignore_errors=True)
                    said = (proc.stderr or proc.stdout).strip()[-2000:]
                    raise RuntimeError(f"pagefind failed ({proc.returncode}): {said}")
                for name in UNUSED:  # Pagefind's own interfaces: the search page has its own
                    (fresh / name).unlink(missing_ok=True)
                shutil.rmtree(kept, ignore_errors=True)
                os.replace(fresh, kept)
                state = {"digest": digest, "exe": str(exe), "pagefind": version, "count": len(sources),
                         "seconds": round(time.perf_counter() - started, 3), "bytes": folder_size(kept),
                         "pages": digests}
                self.save(state)
                ran = True
        if (kept / ENTRY).is_file():
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
        wanted = set(files(kept))
        there = {rel for rel in files(target) if not rel.rsplit("/", 1)[-1].startswith(".")}  # not a leftover .x.tmp
        for rel in sorted(wanted - {ENTRY}):
            src, dst = kept / rel, target / rel
            if rel in there and (named_by_content(rel) or dst.read_bytes() == src.read_bytes()):
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            put(src, dst)
        put(kept / ENTRY, target / ENTRY)
        prune(target, wanted)
