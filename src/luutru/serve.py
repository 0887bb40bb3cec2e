"""`luutru serve`: build, serve the output on 127.0.0.1, rebuild on change.

The browser is told to reload only after a rebuild succeeded; a failed
rebuild prints its error and the last good site stays served.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
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


POLL_MS = 250  # how often a folder that did not exist yet (templates/, say) is looked for
STEP_MS = 30  # quiet time after a change before a rebuild: an editor's save is a few events


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
    """Runs one rebuild per batch of changes, however many paths changed.

    Changes come from the system's file notifications (watchfiles: inotify on
    Linux), not from livereload's walk of every watched file several times a
    second: an edit is seen within milliseconds, and an idle preview of a
    large archive costs no CPU.
    """

    def __init__(self, on_change, targets, polled=()):
        super().__init__()
        self.on_change = on_change
        self.targets = targets  # () → the folders to watch, those that exist now
        # Single files (luutru.yaml) are looked at on each tick instead: an editor
        # saves by renaming a new file over the old one, which ends a file's watch.
        self.polled = {str(p): _stamp(p) for p in polled}
        self.lock = threading.Lock()
        self.changed: set[str] = set()  # paths changed since the last rebuild
        self.watching: list[str] | None = None
        self.stop: threading.Event | None = None

    def start(self, callback):
        from tornado import ioloop

        self.loop = ioloop.IOLoop.current()
        self.callback = callback
        self.watch_targets()
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True

    def watch_targets(self) -> None:
        """Watch what exists now; a target that appeared since counts as changed."""
        paths = self.targets()
        if paths == self.watching:
            return
        appeared = set(paths) - set(self.watching or paths)
        if self.stop is not None:
            self.stop.set()
        self.watching, self.stop = paths, threading.Event()
        threading.Thread(target=self._watch, args=(paths, self.stop), name="luutru-watch", daemon=True).start()
        if appeared:
            with self.lock:
                self.changed.update(appeared)
            # Files written into it before the new watch was in place: looked at again then.
            self.loop.call_later(2 * POLL_MS / 1000, self.mark, appeared)

    def mark(self, paths) -> None:
        with self.lock:
            self.changed.update(paths)
        self.callback()

    def _watch(self, paths: list[str], stop: threading.Event) -> None:
        import watchfiles

        polling = False
        while not stop.is_set():
            try:
                for changes in watchfiles.watch(
                    *paths, watch_filter=_wanted, stop_event=stop, step=STEP_MS,
                    raise_interrupt=False, force_polling=polling, poll_delay_ms=POLL_MS,
                ):  # fmt: skip
                    with self.lock:
                        self.changed.update(path for _, path in changes)
                    self.loop.add_callback(self.callback)  # at once, not at the next tick
                return
            except FileNotFoundError:
                return  # a target removed meanwhile: the next tick watches what is left
            except Exception as exc:  # the system's limit of watches, say
                if polling:
                    raise
                print(f"watching {', '.join(paths)}: {exc}; looking at the files every {POLL_MS} ms instead",
                      file=sys.stderr, flush=True)  # fmt: skip
                polling = True

    def examine(self):
        if self._changes:
            return self._changes.pop()
        self.filepath = None
        self.watch_targets()
        for path, stamp in self.polled.items():
            if (now := _stamp(path)) != stamp:
                self.polled[path] = now
                with self.lock:
                    self.changed.add(path)
        with self.lock:
            changed, self.changed = sorted(self.changed), set()
        if changed and self.on_change(changed):
            return self.filepath or "*", None
        return None, None


def _wanted(_change, path: str) -> bool:
    """Not the temporary files of editors, nor luutru's own (`write_atomic`)."""
    return not path.endswith((".tmp", "~", ".swp", ".swx"))


def _stamp(path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def watched_paths(config: Config) -> list[str]:
    """Folders a rebuild depends on, those that exist. Issue 6: one made while
    the preview runs (the site's first template override, say) is watched
    from then on."""
    root = config.root
    paths = [config.content, root / "seeds", root / "templates", root / "static"]
    return [str(p) for p in paths if p.is_dir()]


def serve(
    config: Config,
    port: int = 8000,
    host: str = "127.0.0.1",
    open_browser: bool = False,
    search: bool = True,
    settings: Callable[[], Config] | None = None,
) -> None:
    """`settings` reads luutru.yaml again (with the command line's own choices)
    when it changes; the folder being served stays the one it started with."""
    builder = Builder(config, search=search)
    try:
        builder.build(progress=lambda d, t: print(f"  {d}/{t} pages", flush=True))
    except LuutruError as exc:
        report(exc)
        print("first build failed; fix the problem above and save: the site is rebuilt", file=sys.stderr)
        config.output.mkdir(parents=True, exist_ok=True)
    settings_file = str(config.root / CONFIG_NAME)

    def on_change(changed: list[str]) -> bool:
        nonlocal builder
        if settings is not None and settings_file in changed:
            try:
                new = replace(settings(), output_dir=config.output_dir)
            except LuutruError as exc:
                report(exc)
                print("settings not applied; still serving the last good site", flush=True)
                return False
            if new != builder.config:
                old, builder = builder, Builder(new, search=search)
                # The old builder's search index may still be running: let it end on its own.
                threading.Thread(target=old.close, name="luutru-close", daemon=True).start()
        return rebuild(builder, changed)

    # livereload drops reloads that come within 3 s of the last one; every
    # successful rebuild here deserves its reload.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    watcher = SiteWatcher(on_change, lambda: watched_paths(builder.config), [settings_file])
    server = Server(watcher=watcher)
    server.SFH = SiteFiles
    server.watch(str(config.root), None)  # livereload starts its watcher only when asked to watch something
    print(f"serving {config.output} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    server.serve(
        port=port,
        host=host,
        root=str(config.output),
        open_url_delay=1 if open_browser else None,
        restart_delay=0,
    )
