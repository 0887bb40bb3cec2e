"""`luutru import`: raw text files → one record each under content/articles/.

A record keeps its path across re-imports (the manifest maps each origin file
to its record) and is never overwritten once a person has edited it: the
manifest also remembers the hash of the bytes import last wrote.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import content
from .config import Config
from .errors import InputError, LuutruError
from .gazetteer import Gazetteer
from .loader import load_article
from .loader.rules import Rules
from .output import write_atomic
from .registry import Registry

MANIFEST = ".luutru-import.json"
# Issue 6: a raw file this big is not one article (a dump of a whole site, a
# video renamed .txt); reading it would take a minute and make a page nobody
# can open. It is reported and skipped, unread.
MAX_BYTES = 10 * 2**20
# The manifest is saved during a long import every SAVE_EVERY seconds, and no
# sooner than SAVE_SHARE times what its last save took: saving the manifest of
# 100,000 files takes 0.13 s, and once a second it took a tenth of the import.
SAVE_EVERY = 1.0
SAVE_SHARE = 20
PARALLEL_FROM = 400  # below this many files a second process costs more than it saves


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by hand, not overwritten
    failed: list[LuutruError] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe_record(record) -> bool:
    """A manifest entry names a record inside articles/ (issue 6: an edited or
    damaged manifest must not send a write anywhere else)."""
    if not isinstance(record, str) or not record.endswith(".md") or "\\" in record or "\0" in record:
        return False
    parts = record.split("/")
    return not record.startswith("/") and all(part not in ("", ".", "..") for part in parts)


def input_files(paths: list[Path]) -> tuple[list[Path], list[LuutruError]]:
    files, errors = [], []
    for p in paths:
        if p.is_dir():
            found = []
            for q in sorted(p.rglob("*.txt")):
                if q.is_file():
                    found.append(q)
                elif not q.is_dir():
                    # Issue 6: reported, not silently passed over (and never
                    # opened: reading a pipe would wait for ever).
                    errors.append(InputError(q, _not_regular(q)))
            if not found and not errors:
                errors.append(InputError(p, "folder holds no .txt files"))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(InputError(p, _not_regular(p)))
    return files, errors


def _not_regular(p: Path) -> str:
    if p.is_symlink() and not p.exists():
        return "is a link to nothing (its target is gone)"
    if p.exists():
        return "is not a regular file (a pipe, a socket or a device); not read"
    return "no such file or folder"


def origin_name(path: Path, root: Path) -> str:
    """How the record names its raw file: relative to the site when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class Manifest:
    """origin file → {record, sha256 of the bytes import wrote}."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, dict[str, str]] = {}
        self._lines: dict[str, tuple[dict, str]] = {}  # origin → (its entry, that entry's line)
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(path, f"import manifest is unreadable ({exc}); delete it to start afresh") from None
            if isinstance(data, dict):
                self.entries = {k: v for k, v in data.items() if isinstance(v, dict) and _safe_record(v.get("record"))}

    def save(self) -> None:
        """One line per file, sorted. Saved every second of a long import, so
        each entry's line is encoded once and kept (encoding the whole
        manifest each time grew with the square of the import's size)."""
        lines = []
        for origin in sorted(self.entries):
            entry = self.entries[origin]
            known = self._lines.get(origin)
            if known is None or known[0] != entry:
                line = f"{json.dumps(origin, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False, sort_keys=True)}"
                known = self._lines[origin] = (dict(entry), line)
            lines.append(known[1])
        text = "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"
        write_atomic(self.path, text.encode("utf-8"))


def import_files(
    paths: list[Path],
    config: Config,
    registry: Registry,
    *,
    force: bool = False,
    strict: bool = False,
    say: Callable[[str], None] = lambda s: None,
) -> ImportReport:
    """Import every file; one that cannot be read is reported and skipped.

    With `strict`, every file is read first and nothing is written unless
    all of them could be imported.
    """
    report = ImportReport()
    files, errors = input_files(paths)
    report.failed.extend(errors)
    rules = Rules.merged({**config.loader, **({"sources": dict(config.sources)} if config.sources else {})}, str(config.path or "luutru.yaml"))
    articles_dir = config.content / content.ARTICLES
    manifest = Manifest(config.content / MANIFEST)
    claimed = {v["record"] for v in manifest.entries.values()}

    def loaded():
        for result in _prepared(files, _Job(rules, registry, config.root)):
            if isinstance(result, LuutruError):
                report.failed.append(result)
            else:
                yield result

    items = loaded()
    if strict:
        items = list(items)
        if report.failed:
            return report  # issue 6: --strict makes any problem fatal, before anything is written
    remove_leftovers(articles_dir)
    saved, save_cost = time.monotonic(), 0.0
    try:
        for path, origin, stem, text, digest in items:
            entry = manifest.entries.get(origin)
            if entry:
                record = entry["record"]
            else:
                record = content.free_name(stem, articles_dir, claimed, same=text)
                claimed.add(record)
            target = os.path.join(articles_dir, record)
            try:
                current = _read_if_there(target)
                if current is not None:
                    if current == text:
                        report.unchanged.append(record)
                        manifest.entries[origin] = {"record": record, "sha256": digest}
                        continue
                    edited = not entry or entry.get("sha256") != sha256(current)
                    if edited and not force:
                        report.kept.append(record)
                        say(f"{target}: edited by hand, not overwritten (use --force to replace it)")
                        continue
                write_atomic(target, text)
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT):
                    raise  # the disk, not this file: the rest would fail the same way
                report.failed.append(LuutruError(Path(target), f"cannot write the record of {path}: {exc.strerror or exc}"))
                continue
            manifest.entries[origin] = {"record": record, "sha256": digest}
            report.written.append(record)
            if time.monotonic() - saved > max(SAVE_EVERY, SAVE_SHARE * save_cost):
                # Issue 6: a killed import loses only the last seconds of the
                # manifest, and the records they wrote are known again by their
                # bytes at the next import (`content.free_name`).
                started = time.monotonic()
                manifest.save()
                saved = time.monotonic()
                save_cost = saved - started
    finally:
        if not isinstance(items, list):
            items.close()  # stops the workers at once (Ctrl-C, a full disk)
        if report.written or report.unchanged:
            manifest.save()
    return report


@dataclass(frozen=True)
class _Job:
    """What reading one raw file needs; the same in every worker process."""

    rules: Rules
    registry: Registry
    root: Path
    _folders: dict[str, str] = field(default_factory=dict, init=False, compare=False)  # folder → real path

    def origin(self, path: Path) -> str:
        """`origin_name(path, root)`, with each folder resolved once: resolving
        stats every part of a path (pathlib adds its own cost), and an import
        names thousands of files that lie in a few folders."""
        if path.is_symlink():
            return origin_name(path, self.root)  # named by where it leads: left to origin_name
        folder, name = os.path.split(path)
        real = os.path.join(self._real(folder), name)
        root = os.path.join(self._real(str(self.root)), "")  # with the separator at its end
        return Path(real[len(root) :]).as_posix() if real.startswith(root) else path.as_posix()

    def _real(self, folder: str) -> str:
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return real

    def prepare(self, path: Path) -> tuple[Path, str, str, bytes, str] | LuutruError:
        """One raw file → (path, origin, record stem, record bytes, their
        sha256), or its error. All the parent needs to place the record:
        it writes them one after another, and the less it has to do, the
        sooner the workers' results are written."""
        origin = self.origin(path)
        try:
            article = _load(path, origin, self.rules, self.registry)
        except LuutruError as exc:
            return exc
        text = content.to_text(article).encode("utf-8")
        return path, origin, content.record_stem(article), text, sha256(text)


def _prepared(files: list[Path], job: _Job) -> Iterator:
    """`job.prepare` over the files, in their order; on every core when there are many."""
    jobs = os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or jobs < 2:
        yield from map(job.prepare, files)
        return
    import gc
    import multiprocessing

    Gazetteer.load()  # built once here, shared by the forked workers
    Gazetteer.load(after_reform=True)  # the units since 2025, for articles written after the reform
    gc.freeze()  # what exists now is not collected in the workers: their memory stays shared
    try:
        with multiprocessing.get_context("fork").Pool(jobs, _start_worker, (job,)) as pool:
            # The parent writes the records, in order, while the workers read.
            yield from pool.imap(_prepare_in_worker, files, chunksize=16)
    finally:
        gc.unfreeze()


_worker_job: _Job | None = None


def _start_worker(job: _Job) -> None:
    global _worker_job
    _worker_job = job  # inherited through fork, not pickled
    # Ctrl-C reaches every process of the terminal: the parent alone handles
    # it (exit 130), the pool then stops the workers, without tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prepare_in_worker(path: Path):
    return _worker_job.prepare(path)


def _load(path: Path, origin: str, rules: Rules, registry: Registry):
    """One raw file → the Article its record holds, or a LuutruError."""
    try:
        origin.encode("utf-8")
    except UnicodeEncodeError:
        # Issue 6: a name in a legacy code page (unpacked from an old zip)
        # cannot be written into a UTF-8 record, nor found again by it.
        raise InputError(path, "the file name is not valid UTF-8; rename the file") from None
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                path,
                f"too big for one article ({size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB):"
                " split it, or check that it is text",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return content.escape_body(load_article(data, origin, rules=rules, registry=registry))


def _read_if_there(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def remove_leftovers(articles_dir: Path, age: float = 60.0) -> None:
    """Temporary files of an import that was killed while writing (never records)."""
    if not articles_dir.is_dir():
        return
    now = time.time()
    for p in articles_dir.rglob(".*.tmp"):
        try:
            if now - p.lstat().st_mtime > age:
                p.unlink()
        except OSError:
            pass
