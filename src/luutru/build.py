"""load → model → render → write: the whole site, or nothing.

Two phases: gather and check every input (all problems reported at once),
then write every output into a staging folder that replaces the old site
only when all of it succeeded.

Work is done once per change. The cache remembers each parsed record (by
file size and time) with its body's HTML, and the digest of every output:
a page whose digest is unchanged is left in place in the previous site
instead of rendered again. A page whose blocks are unchanged, when only its layout
changed, gets only its frame rendered around them (`fragments`). Parsing and
rendering use every core.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import json
import os
import pickle
import shutil
import time
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from . import content
from .cache import Bodies, Cache
from .config import Config
from .errors import LuutruError, ManyErrors, RecordError
from .fragments import Frame, Templates, Unkept, combine, frame_ok, kept_blocks, plain_values
from .markup import blocks_to_html
from .model import Article
from .output import MARKER, check_replaceable, clean_leftovers, discard_soon, move_in, new_staging, staged, swap_in, write_new
from .registry import Registry
from .search import SearchIndex
from .render import make_environment, render_parts, static_dirs, template_dirs
from .site import BodyRef, Page, Site, build_site, origin_url

Progress = Callable[[int, int], None]
PARALLEL_FROM = 400  # below this many items a second process costs more than it saves
DISCARD_WAIT = 0.5  # seconds a build waits, at most, for the previous site to be deleted


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    articles: int
    files: int
    rendered: int = 0  # pages rendered this time (the rest were unchanged)
    unchanged: bool = False  # nothing to do: the site was already up to date


# --- inputs -----------------------------------------------------------------


def read_registry(config: Config) -> Registry:
    path = config.content / content.REGISTRY
    if not path.exists():
        return Registry.empty()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(path, f"cannot read: {exc}") from None
    return Registry.from_yaml(text, str(path))


def gather(config: Config) -> tuple[list[tuple[str, Article]], Registry]:
    """Every record, whole, and the registry: or every problem found in them."""
    if not config.content.is_dir():
        raise LuutruError(config.content, "content folder not found (run 'luutru import' first, or pass --content)")
    errors: list[LuutruError] = []
    records = []
    for f in content.record_files(config.content):
        try:
            if f.outside:
                raise RecordError(f.path, OUTSIDE)
            records.append((f.key, content.read_record(Path(f.path))))
        except LuutruError as exc:
            errors.append(exc)
    try:
        registry = read_registry(config)
    except LuutruError as exc:
        errors.append(exc)
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
    return records, registry


OUTSIDE = "is a link that leads out of the content folder; not read"


def parse_one(item: tuple[str, str, int, int]):
    """One record file → what the cache keeps of it, or the error it raises."""
    key, path, size, mtime = item
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return RecordError(path, f"cannot read: {exc.strerror or exc}")
    try:
        article = content.parse_record(data.decode("utf-8"), path)
    except UnicodeDecodeError as exc:
        return RecordError(path, f"not UTF-8 text (byte {exc.start})")
    except LuutruError as exc:
        return exc
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return key, size, mtime, digest, pickle.dumps(slim(article), 5), blocks_to_html(article.body)


def slim(article: Article) -> Article:
    """What stays in memory of a record: all but the body after its first paragraph.

    Bodies are read back as HTML from the cache when their page is rendered,
    so memory grows with the number of records, not with their text.
    """
    first = next((b for b in article.body if b.kind == "paragraph"), None)
    return replace(article, body=(first,) if first else ())


@lru_cache(maxsize=1)
def code_version() -> str:
    """Changes whenever luutru's code or its rendering libraries change."""
    import jinja2
    import markdown

    h = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.suffix in (".py", ".yaml") and path.is_file():
            h.update(path.read_bytes())
    h.update(f"{jinja2.__version__} {markdown.__version__}".encode())
    return h.hexdigest()


def file_stamps(folders: Iterable[Path]) -> list[tuple[str, int, int]]:
    stamps = []
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                st = p.stat()
                stamps.append((str(p), st.st_size, st.st_mtime_ns))
    return stamps


# --- the build ----------------------------------------------------------------


class Builder:
    """One site's build state. `luutru build` uses it once; `luutru serve` keeps it
    between rebuilds, so an edit costs only what it changes."""

    def __init__(self, config: Config, jobs: int | None = None, search: bool = True):
        self.config = config
        self.indexing = search  # False: `luutru build --no-search`, the index is left for a later build
        self.jobs = jobs or os.cpu_count() or 1
        self.cache = Cache(config.cache, code_version())
        self.articles: dict[str, tuple[int, int, str, Article]] = {}  # key → (size, mtime, digest, slim article)
        self.facts: dict | None = None
        self.changed: set[str] = set()  # records read again (or gone) by the last load
        self.around = ""  # stamp of every input but the records, taken at the start of a build
        self.last: _Last | None = None  # what the last build made, for quick rebuilds
        self.search = SearchIndex(config)  # Pagefind over the article pages, after each build, in a thread
        self.discarding: list[Callable[[float], object]] = []  # waits for folders being deleted
        self.files: list | None = None  # the record files found by `fingerprint`, for `load_records`
        self.env = None  # (stamp of templates and settings, environment): kept while they stay the same
        self.templates: Templates | None = None  # what each template of `env` depends on
        self.content_stamp = ""  # `fingerprint` without the templates, taken with it

    def close(self) -> None:
        self.search.wait()  # `luutru build` ends when the search index is written
        # A previous site being deleted is not waited for long: its `rm` goes on
        # after luutru ends (seconds, for 10,000 articles), and what it leaves
        # is removed by the next build.
        deadline = time.monotonic() + DISCARD_WAIT
        for wait in self.discarding:
            wait(max(0.0, deadline - time.monotonic()))
        self.cache.close()

    def index_search(self, changed: bool = True) -> bool:
        """False when the index is owed and only a full build can make it."""
        # The index is made from the article pages of the site model (none at hand
        # in an unchanged build of a new process: then the search keeps its own).
        pages = [o.page for o in self.last.pages.values()] if self.last else None
        if self.indexing:
            return self.search.after(pages, changed)
        if changed:
            self.search.skipped(pages)
        return True

    def discard_later(self, staging: Path) -> None:
        """Remove a staging folder (after a swap: the previous site) in the background."""
        wait = discard_soon(staging, self.config.output)
        if wait is not None:
            self.discarding.append(wait)

    # records -----------------------------------------------------------------

    def load_records(self, progress: Progress | None) -> list[tuple[str, Article]]:
        config = self.config
        if not config.content.is_dir():
            raise LuutruError(config.content, "content folder not found (run 'luutru import' first, or pass --content)")
        if not self.articles:
            self.articles = {
                k: (size, mtime, digest, blob) for k, (size, mtime, digest, blob) in self.cache.records().items()
            }
        errors: list[LuutruError] = []
        todo, seen = [], set()
        files, self.files = self.files, None
        for f in files if files is not None else content.record_files(config.content):
            seen.add(f.key)
            if f.outside:
                errors.append(RecordError(f.path, OUTSIDE))
                continue
            known = self.articles.get(f.key)
            if known is None or known[:2] != (f.size, f.mtime):
                todo.append((f.key, f.path, f.size, f.mtime))
        gone = [k for k in self.articles if k not in seen]
        parsed, rows = {}, []
        for result in self.map(parse_one, todo, progress):
            if isinstance(result, LuutruError):
                errors.append(result)
                continue
            key, size, mtime, digest, blob, _ = result
            parsed[key] = (size, mtime, digest, blob)
            rows.append(result)
            if len(rows) == 500:
                # Into the cache as they come (kept even if the build fails later:
                # these records are read correctly); bodies are not held in memory.
                self.cache.put_records(rows)
                rows = []
        self.cache.put_records(rows)
        self.cache.drop_records(gone)
        self.cache.commit()
        if errors:
            raise errors[0] if len(errors) == 1 else ManyErrors(errors)
        self.changed = set(parsed) | set(gone)
        for k in gone:
            del self.articles[k]
        self.articles.update(parsed)
        out = []
        for key in sorted(self.articles):
            size, mtime, digest, article = self.articles[key]
            if isinstance(article, bytes):
                article = pickle.loads(article)
                self.articles[key] = (size, mtime, digest, article)
            out.append((key, article))
        return out

    def map(self, func, items: list, progress: Progress | None = None):
        """func over items, on every core when there are enough of them, in order."""
        if len(items) < PARALLEL_FROM or self.jobs < 2:
            yield from map(func, items)
            return
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(self.jobs) as pool:
            for n, r in enumerate(pool.imap(func, items, chunksize=64), start=1):
                yield r
                if progress and n % 1000 == 0:
                    progress(n, len(items))

    # place facts ---------------------------------------------------------------

    def place_facts(self):
        """What the gazetteer says of a unit, remembered in the cache (loading it costs 0.5 s)."""
        if self.facts is None:
            self.facts = self.cache.facts()
        facts = self.facts
        gazetteer = []

        def lookup(name, level, province, district):
            key = repr((name, level, province, district))
            if key not in facts:
                if not gazetteer:
                    from .gazetteer import Gazetteer

                    gazetteer.append(Gazetteer.load())
                facts[key] = unit_facts(gazetteer[0], name, level, province, district)
                self.cache.put_facts({key: facts[key]})
            return facts[key]

        return lookup

    # outputs -----------------------------------------------------------------

    def content_base(self) -> str:
        """Everything a page can depend on besides its own context and its templates."""
        h = hashlib.blake2b(digest_size=16)
        h.update(code_version().encode())
        h.update(repr(self.config).encode())
        registry = self.config.content / content.REGISTRY
        h.update(registry.read_bytes() if registry.exists() else b"")
        return h.hexdigest()

    def fingerprint(self) -> str:
        """A cheap summary of every input, from file sizes and times only.

        Equal to the last build's (and the output untouched since): nothing
        to do, found without reading a single record.
        """
        self.around = self.surroundings()
        h = hashlib.blake2b(self.around.encode(), digest_size=16)
        c = hashlib.blake2b(self.surroundings(templates=False).encode(), digest_size=16)
        self.files = content.record_files(self.config.content)  # load_records reads this scan
        for f in self.files:
            line = f"{f.key}\0{f.size}\0{f.mtime}\0{f.outside}\n".encode()
            h.update(line)
            c.update(line)
        self.content_stamp = c.hexdigest()
        return h.hexdigest()

    def surroundings(self, templates: bool = True) -> str:
        """The stamp of every input but the records: code, settings, registry, theme, raw files."""
        config = self.config
        h = hashlib.blake2b(digest_size=16)
        h.update(code_version().encode())
        h.update(repr(config).encode())
        files = [str(config.content / content.REGISTRY), *json.loads(self.cache.get("origins") or "[]")]
        for path in files:
            try:
                st = os.stat(path)
                h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
            except OSError:
                h.update(f"{path}\0none\n".encode())
        h.update(repr(file_stamps((template_dirs(config.root) if templates else []) + static_dirs(config.root))).encode())
        return h.hexdigest()

    def build(self, progress: Progress | None = None) -> BuildResult:
        config = self.config
        out = config.output
        check_replaceable(out)
        if not config.content.is_dir():
            raise LuutruError(config.content, "content folder not found (run 'luutru import' first, or pass --content)")
        fingerprint = self.fingerprint()
        intact = self.output_intact()
        if intact and fingerprint == self.cache.get("fingerprint") and self.index_search(changed=False):
            counts = json.loads(self.cache.get("counts") or "[0, 0, 0]")
            return BuildResult(out, *counts, unchanged=True)
        framed = self.frame_rebuild(intact, fingerprint, progress)
        if framed is not None:
            self.index_search(changed=False)  # the index is made from the records, which did not change
            return framed
        # The index is owed from here on: killed after its pages are in place and
        # before it is asked for, this build leaves the next one to make it.
        self.search.owe()

        previous_slims = {k: v[3] for k, v in self.articles.items() if not isinstance(v[3], bytes)}
        records = self.load_records(progress)
        quick = self.quick_rebuild(intact, previous_slims, fingerprint, progress)
        if quick is not None:
            self.index_search()
            return quick
        registry = read_registry(config)
        origins = origin_files(config, records)
        bodies = {k: BodyRef(k, self.articles[k][2]) for k, _ in records}
        site = build_site(config, records, registry, frozenset(origins), self.place_facts(), bodies)
        env = self.environment()
        base = self.content_base()
        outputs = plan_outputs(config, site, origins, base, self.templates, self.jobs)
        digests = {o.path: o.digest for o in outputs}
        previous = self.cache.pages() if intact else {}
        todo = [o for o in outputs if previous.get(o.path) != o.digest]
        stale = sorted(set(previous) - set(digests))
        if intact and len(todo) * 2 > len(outputs):
            # Most files change (a template or a setting did): files deleted
            # from the site by hand since the last build are made again too.
            rendered = {o.path for o in todo}
            todo += [o for o in outputs if o.path not in rendered and not os.path.lexists(out / o.path)]
        if intact:
            todo = self.with_kept_blocks(todo)

        clean_leftovers(out)
        staging = new_staging(out)
        try:
            # Everything is rendered before anything is touched: a template or
            # disk error leaves the site as it was.
            frames = self.write(env, todo, staging, progress, flat=intact)
            if intact:
                self.cache.set("output", "")  # until every file is in place
                self.cache.commit()
                apply_changes(staging, out, [o.path for o in todo], stale)
            else:
                self.search.carry_over(staging)  # the last search index stays in the new folder
                swap_in(staging, out)
        finally:
            self.discard_later(staging)
        self.cache.put_pages([(o.path, o.digest, frames.get(o.path, b"")) for o in todo], stale, everything=not intact)
        self.cache.set("output", self.output_stamp())
        self.cache.set("fingerprint", fingerprint)
        self.cache.set("content", self.content_stamp)
        self.cache.set("counts", json.dumps([len(site.pages), len(site.entries), len(outputs)]))
        self.cache.set("origins", json.dumps(sorted(str(p) for p in origins.values())))
        self.cache.commit()
        article_pages = {o.page.context["article"]["key"]: o for o in outputs if o.page and o.page.template == "article.html"}
        # The stamp is taken again: the list of raw files may be new.
        self.last = _Last(self.surroundings(), base, article_pages)
        rendered = sum(1 for o in todo if o.page is not None)
        self.index_search()
        return BuildResult(out, len(site.pages), len(site.entries), len(outputs), rendered=rendered)

    def quick_rebuild(self, intact: bool, before: dict, fingerprint: str, progress) -> BuildResult | None:
        """The common edit, under `luutru serve`: text changed after an article's first
        paragraph, nothing else. Only that article's page can differ, so only it
        is rendered; any other change takes the full path.
        """
        last = self.last
        if last is None or not intact or not self.changed or last.surroundings != self.around:
            return None
        if any(k not in before or k not in self.articles or self.articles[k][3] != before[k] or k not in last.pages for k in self.changed):
            return None
        env = self.environment()
        updated = []
        for key in sorted(self.changed):
            old = last.pages[key]
            article = {**old.page.context["article"], "body": BodyRef(key, self.articles[key][2])}
            page = replace(old.page, context={**old.page.context, "article": article})
            updated.append(output_of(page, page_digest(last.base, page, {}), self.templates))
        staging = new_staging(self.config.output)
        try:
            frames = self.write(env, updated, staging, progress, flat=True)
            self.cache.set("output", "")
            self.cache.commit()
            apply_changes(staging, self.config.output, [o.path for o in updated], [])
        finally:
            self.discard_later(staging)
        self.cache.put_pages([(o.path, o.digest, frames[o.path]) for o in updated])
        self.cache.set("output", self.output_stamp())
        self.cache.set("fingerprint", fingerprint)
        self.cache.set("content", self.content_stamp)
        self.cache.commit()
        for o in updated:
            last.pages[o.page.context["article"]["key"]] = o
        counts = json.loads(self.cache.get("counts") or "[0, 0, 0]")
        return BuildResult(self.config.output, *counts, rendered=len(updated))

    def environment(self):
        """The Jinja environment, with its compiled templates kept between builds
        under `luutru serve` (compiling them costs more than a page)."""
        stamp = repr((self.config, file_stamps(template_dirs(self.config.root))))
        if self.env is None or self.env[0] != stamp:
            self.env = (stamp, make_environment(self.config, Bodies(self.config.cache)))
            self.templates = Templates(self.env[1])
        return self.env[1]

    def output_stamp(self) -> str:
        st = (self.config.output / MARKER).stat()
        return f"{self.config.output.resolve()}:{st.st_ino}:{st.st_mtime_ns}"

    def output_intact(self) -> bool:
        """The output folder is the one the cached page digests describe."""
        try:
            return self.cache.get("output") == self.output_stamp()
        except OSError:
            return False

    def write(self, env, outputs: list[Output], staging: Path, progress: Progress | None, flat: bool = False) -> dict[str, bytes]:
        """Render `outputs` into `staging` (`flat`: side by side, for `move_in`;
        otherwise as the site's tree); returns the `Frame` of each page, pickled."""
        pages = [o for o in outputs if o.page is not None or o.frame is not None]
        for o in outputs:
            if o.source is not None:
                target = staged(staging, o.path) if flat else staging / o.path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(o.source, target)
        work = (env, self.templates, staging, self.config.output, flat)
        if len(pages) < PARALLEL_FROM or self.jobs < 2:
            return write_pages(work, pages, progress)
        # Workers are forked: they share the site model and the environment;
        # the body reader opens its own connection to the cache in each.
        import multiprocessing

        global _WORK
        _WORK = (work, [pages[i :: self.jobs] for i in range(self.jobs)])
        frames: dict[str, bytes] = {}
        try:
            with multiprocessing.get_context("fork").Pool(self.jobs) as pool:
                for result in pool.imap_unordered(_write_chunk, range(self.jobs)):
                    if isinstance(result, LuutruError):
                        raise result
                    frames.update(result)
        finally:
            _WORK = None
        return frames

    def with_kept_blocks(self, todo: list[Output]) -> list[Output]:
        """Pages to render, each with the frame of its last render when its blocks
        can be taken from it (the page's context and its blocks' templates unchanged)."""
        pages = [o for o in todo if o.page is not None]
        if not pages:
            return todo
        known = self.cache.frames_of(o.path for o in pages)
        out = []
        for o in todo:
            blob = known.get(o.path)
            if blob is not None:
                frame = pickle.loads(blob)
                facts = self.templates[o.page.template]
                if facts.blocks and frame.spans and frame.blocks_key == combine(o.content, facts.blocks_digest):
                    o = replace(o, frame=frame)
            out.append(o)
        return out

    def frame_rebuild(self, intact: bool, fingerprint: str, progress) -> BuildResult | None:
        """Only templates changed, and each changed page keeps its blocks: render
        frames around the blocks of the pages as they are, without reading a
        record or making the site model. None: the full path is needed."""
        if not intact or not self.content_stamp or self.cache.get("content") != self.content_stamp:
            return None
        env = self.environment()
        previous = self.cache.pages()
        todo = []
        for path, blob in self.cache.frames().items():
            if blob is None:
                return None  # written by a build that did not note it
            if not blob:
                continue  # a file copied as it is: its source is unchanged
            frame: Frame = pickle.loads(blob)
            facts = self.templates[frame.template]
            digest = combine(frame.content, facts.digest)
            if digest == previous[path]:
                continue
            if not (facts.blocks and frame.spans and frame.blocks_key == combine(frame.content, facts.blocks_digest)):
                return None
            if not frame_ok(facts, frame):
                return None
            todo.append(Output(path, digest, content=frame.content, frame=frame))
        if not todo:
            return None
        out = self.config.output
        if len(todo) * 2 > len(previous):
            rendered = {o.path for o in todo}
            if any(not os.path.lexists(out / p) for p in previous if p not in rendered):
                return None  # files deleted by hand: the full path makes them again
        clean_leftovers(out)
        staging = new_staging(out)
        try:
            try:
                frames = self.write(env, todo, staging, progress, flat=True)
            except _PageChanged:
                return None  # a page was changed by hand since: the full path makes it again
            self.cache.set("output", "")
            self.cache.commit()
            apply_changes(staging, out, [o.path for o in todo], [])
        finally:
            self.discard_later(staging)
        self.cache.put_pages([(o.path, o.digest, frames[o.path]) for o in todo])
        self.cache.set("output", self.output_stamp())
        self.cache.set("fingerprint", fingerprint)
        self.cache.commit()
        if self.last is not None:  # under `luutru serve`: the next quick rebuild starts from here
            digests = {o.path: o.digest for o in todo}
            self.last.surroundings = self.surroundings()
            self.last.pages = {k: replace(o, digest=digests.get(o.path, o.digest)) for k, o in self.last.pages.items()}
        counts = json.loads(self.cache.get("counts") or "[0, 0, 0]")
        return BuildResult(out, *counts, rendered=len(todo))


_WORK = None  # what forked render workers inherit: (see `write_pages`, chunks of pages)


def _write_chunk(index: int) -> LuutruError | dict[str, bytes]:
    work, chunks = _WORK
    try:
        return write_pages(work, chunks[index])
    except LuutruError as exc:
        return exc


class _PageChanged(LuutruError):
    """A page to be framed again is not the one the last build wrote."""


@dataclass
class _Last:
    surroundings: str
    base: str
    pages: dict  # record key → Output of its article page


def page_digest(base: str, page: Page, summaries: dict[int, bytes]) -> str:
    """Digest of all a page is made from: inputs, template, URL and context."""
    h = hashlib.blake2b(base.encode(), digest_size=16)
    h.update(f"{page.template}\0{page.url}\0".encode())
    context = page.context
    for name in SUMMARY_LISTS:
        if context.get(name):
            # An article's summary is one shared dict, on many pages: digest it once.
            digests = []
            for summary in context[name]:
                d = summaries.get(id(summary))
                if d is None:
                    d = summaries[id(summary)] = hashlib.blake2b(_dumps(summary), digest_size=16).digest()
                digests.append(d)
            context = {**context, name: digests}
    h.update(_dumps(context))
    return h.hexdigest()


SUMMARY_LISTS = ("articles", "related")  # context lists of the site model's shared summaries

# Dates and times are digested as their ISO text: pickle's own form of them
# costs more than the rest of a page's context.
_AS_TEXT = copyreg.dispatch_table.copy()
_AS_TEXT[datetime] = lambda v: (str, (f"datetime {v.isoformat()}",))
_AS_TEXT[date] = lambda v: (str, (f"date {v.isoformat()}",))


def _dumps(value) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, 5)
    pickler.dispatch_table = _AS_TEXT
    pickler.dump(value)
    return buffer.getvalue()


def page_digests(base: str, pages: list[Page], jobs: int) -> list[str]:
    """`page_digest` of every page, on every core when there are enough of them."""
    if len(pages) < PARALLEL_FROM or jobs < 2:
        summaries: dict[int, bytes] = {}
        return [page_digest(base, page, summaries) for page in pages]
    import multiprocessing

    global _DIGEST
    _DIGEST = (base, pages)
    bounds = [(len(pages) * i // jobs, len(pages) * (i + 1) // jobs) for i in range(jobs)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return [d for chunk in pool.map(_digest_chunk, bounds) for d in chunk]
    finally:
        _DIGEST = None


_DIGEST = None  # what forked digest workers inherit: (base digest, pages)


def _digest_chunk(bounds: tuple[int, int]) -> list[str]:
    base, pages = _DIGEST
    summaries: dict[int, bytes] = {}
    return [page_digest(base, page, summaries) for page in pages[bounds[0] : bounds[1]]]


@dataclass(frozen=True)
class Output:
    path: str
    digest: str
    page: Page | None = None
    source: Path | None = None  # a file copied as it is
    content: str = ""  # a page's digest without its templates (`page_digest`)
    frame: Frame | None = None  # its last render's frame, when its blocks can be kept


def output_of(page: Page, content_digest: str, templates: Templates) -> Output:
    return Output(page.output, combine(content_digest, templates[page.template].digest), page=page, content=content_digest)


def plan_outputs(config: Config, site: Site, origins: dict[str, Path], base: str, templates: Templates, jobs: int = 1) -> list[Output]:
    """Every file of the site with the digest of all it is made from."""
    outputs = []
    for page, digest in zip(site.pages, page_digests(base, site.pages, jobs)):
        outputs.append(output_of(page, digest, templates))
    for e in site.entries:
        origin = e.article.origin
        if origin and origin.file in origins:
            src = origins[origin.file]
            st = src.stat()
            outputs.append(Output(origin_url(e), f"{src}:{st.st_size}:{st.st_mtime_ns}", source=src))
    for folder in static_dirs(config.root):
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                st = p.stat()
                outputs.append(Output(f"static/{p.relative_to(folder).as_posix()}", f"{p}:{st.st_size}:{st.st_mtime_ns}", source=p))
    # A site's own static file overrides the theme's of the same name.
    last = {o.path: o for o in outputs}
    return [o for o in outputs if last[o.path] is o]


def apply_changes(staging: Path, out: Path, changed: list[str], stale: list[str]) -> None:
    """Move rendered files into the live site, one step each; remove what is gone.

    Every file is whole at every moment, and a failure part-way puts the
    previous site back (a kill: the next build does; see `output.move_in`).
    Until the cache vouches for the output again, the next build rebuilds it whole.
    """
    move_in(staging, out, changed, stale)


def write_pages(work, pages: list[Output], progress: Progress | None = None) -> dict[str, bytes]:
    """Render pages into the staging folder; `work`: (environment, its `Templates`,
    staging folder, live site, flat: see `Builder.write`). A page with a `frame` gets its blocks from its
    file in the live site; one without a `page` has nothing else (`_PageChanged`
    when that file is not as the frame says). Returns each page's new frame."""
    env, templates, staging, out, flat = work
    if flat:
        staged(staging, "").parent.mkdir(exist_ok=True)
    staging, out = str(staging), str(out)
    made: set[str] = set()
    frames = {}
    for n, o in enumerate(pages, start=1):
        kept = None
        if o.frame is not None:
            kept = kept_blocks(os.path.join(out, o.path), o.frame)
            if kept is None and o.page is None:
                raise _PageChanged(Path(out, o.path), "changed since the last build")
        if o.page is not None:
            template, url, context = o.page.template, o.page.url, o.page.context
        else:
            template, url, context = o.frame.template, o.frame.url, o.frame.values
        facts = templates[template]
        try:
            data, spans = render_parts(env, template, url, o.path, context, facts.blocks, kept)
        except Unkept:
            if o.page is None:
                raise _PageChanged(Path(out, o.path), "its layout changes its blocks") from None
            data, spans = render_parts(env, template, url, o.path, context)
        if flat:
            target = str(staged(Path(staging), o.path))
        else:
            target = os.path.join(staging, o.path)
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
        stamp = write_new(target, data)
        if o.page is not None:
            frame = Frame(template, url, o.content, combine(o.content, facts.blocks_digest), spans,
                          plain_values(context), frozenset(context), stamp)
        else:
            frame = replace(o.frame, spans=spans, stamp=stamp)
        frames[o.path] = pickle.dumps(frame, 5)
        if progress and n % 1000 == 0:
            progress(n, len(pages))
    return frames


def origin_files(config: Config, records: list[tuple[str, Article]]) -> dict[str, Path]:
    """The raw files still at hand, published beside their articles for provenance."""
    found = {}
    root = os.path.realpath(config.root) + os.sep
    for _, article in records:
        if article.origin is None:
            continue
        src = Path(os.path.realpath(config.root / article.origin.file))
        # Only files inside the site's folder: a record must not publish /etc/passwd.
        if str(src).startswith(root) and src.is_file():
            found[article.origin.file] = src
    return found


def unit_facts(gazetteer, name, level, province, district):
    """A unit's level and what it became in 2025, when the gazetteer knows it for sure.

    A ward or commune without a district is one of the units the reform made
    (xã Đông Anh, 2025) when the new order has it at exactly that level: it
    became nothing else, and the old gazetteer must not be asked, where the
    name may be another unit's (thị trấn Đông Anh).
    """
    from .gazetteer import Gazetteer, current_name
    from .model import WARD_LEVELS

    if district is None and level in WARD_LEVELS:
        new = Gazetteer.load(after_reform=True).lookup(name, level, province)
        if len([u for u in new if u.level == level]) == 1:
            return level, None
    units = gazetteer.lookup(name, level, province)
    if district:
        units = tuple(u for u in units if u.district == district) or units
    if len(units) != 1:
        return None, None
    unit = units[0]
    now = current_name(unit)
    if now and now.casefold() == f"{unit.level} {unit.name}".casefold():
        now = None  # unchanged by the reform: nothing to say
    return unit.level, now


def build(config: Config, progress: Progress | None = None, jobs: int | None = None, search: bool = True) -> BuildResult:
    builder = Builder(config, jobs, search)
    try:
        return builder.build(progress)
    finally:
        builder.close()
