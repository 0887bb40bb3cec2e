"""`luutru serve`: build, serve the output on 127.0.0.1, rebuild on change.

The browser is told to reload only after a rebuild succeeded; a failed
rebuild prints its error and the last good site stays served.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado.web import HTTPError

from .build import Builder
from .config import CONFIG_NAME, Config
from .errors import LuutruError, ManyErrors


def report(exc: LuutruError) -> None:
    errors = exc.errors if isinstance(exc, ManyErrors) else [exc]
    for e in errors:
        print(str(e), file=sys.stderr, flush=True)


def reimport(config: Config, seeds: Path, log=print) -> None:
    """Raw files changed: import them again (records edited by hand are kept)."""
    from .build import read_registry
    from .importer import import_files

    report_ = import_files([seeds], config, read_registry(config), say=log)
    for problem in report_.failed:
        print(str(problem), file=sys.stderr, flush=True)
    log(f"re-imported {seeds}: {len(report_.written)} records written")


def rebuild(builder: Builder, changed: list[str] = (), log=print) -> bool:
    """One rebuild; the builder keeps the records in memory between them."""
    config = builder.config
    started = time.perf_counter()
    seeds = config.root / "seeds"
    if any(path == str(seeds) or path.startswith(str(seeds) + os.sep) for path in changed):
        try:
            reimport(config, seeds, log)
        except LuutruError as exc:
            report(exc)

    def progress(done, total):
        log(f"  {done}/{total} pages")

    try:
        result = builder.build(progress=progress)
    except LuutruError as exc:
        report(exc)
        log("rebuild failed; still serving the last good site")
        return False
    except Exception:  # noqa: BLE001
        # Issue 6: whatever a rebuild meets (a disk error, an error in a
        # template that Jinja does not wrap, a bug), the preview keeps serving
        # the last good site and rebuilds on the next save.
        traceback.print_exc()
        log("rebuild failed; still serving the last good site")
        return False
    log(f"rebuilt: {result.rendered} of {result.pages} pages changed, {time.perf_counter() - started:.2f} s")
    return True


POLL_MS = 250


class SiteFiles(StaticFileHandler):
    """livereload's file handler, kept inside the output folder.

    Tornado refuses paths that climb out of the root ("/../", "%2e%2e"), but
    before 6.6 it follows links: a link inside the site that points elsewhere
    would serve any file of the machine (livereload accepts any Tornado).
    Issue 6: the real path must be inside too.
    """

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        self._inside(root, absolute_path)
        path = super().validate_absolute_path(root, absolute_path)
        if path is not None:
            self._inside(root, path)  # the folder's index.html may be a link too
        return path

    @staticmethod
    def _inside(root: str, path: str) -> None:
        real_root = os.path.realpath(root)
        real = os.path.realpath(path)
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            raise HTTPError(404)


class SiteWatcher(Watcher):
    """Runs one rebuild per batch of changes, however many paths changed."""

    def __init__(self, on_change):
        super().__init__()
        self.on_change = on_change

    def start(self, callback):
        # Poll more often than livereload's 0.8 s so an edit shows quickly.
        from tornado import ioloop

        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True

    def examine(self):
        if self._changes:
            return self._changes.pop()
        self.filepath = None
        changed = []
        for path, item in self._tasks.items():
            self._task_mtimes = item["mtimes"]
            if self.is_changed(path, item["ignore"]):
                changed.append(path)
        if changed and self.on_change(changed):
            return self.filepath or "*", None
        return None, None


def watched_paths(config: Config) -> list[str]:
    root = config.root
    folders = [config.content, root / "seeds", root / "templates", root / "static"]
    # Issue 6: a folder made while the preview runs (the site's first template
    # override, say) is watched too: as a pattern of its files until it exists.
    # luutru.yaml, a file, is found by its own name when it appears.
    return [str(p) if p.exists() else str(p / "**" / "*") for p in folders] + [str(root / CONFIG_NAME)]


def serve(config: Config, port: int = 8000, host: str = "127.0.0.1", open_browser: bool = False) -> None:
    builder = Builder(config)
    try:
        builder.build(progress=lambda d, t: print(f"  {d}/{t} pages", flush=True))
    except LuutruError as exc:
        report(exc)
        print("first build failed; fix the problem above and save: the site is rebuilt", file=sys.stderr)
        config.output.mkdir(parents=True, exist_ok=True)
    # livereload drops reloads that come within 3 s of the last one; every
    # successful rebuild here deserves its reload.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    watcher = SiteWatcher(lambda changed: rebuild(builder, changed))
    server = Server(watcher=watcher)
    server.SFH = SiteFiles
    for path in watched_paths(config):
        server.watch(path, None, ignore=lambda name: name.endswith((".tmp", "~", ".swp")))
    print(f"serving {config.output} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    server.serve(
        port=port,
        host=host,
        root=str(config.output),
        open_url_delay=1 if open_browser else None,
        restart_delay=0,
    )
