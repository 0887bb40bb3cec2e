"""Command line: argument parsing and exit codes only.

Exit codes: 0 success; 1 a problem in the input (reported as
`path:line: message`); 2 wrong usage; 3 import skipped some files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
from dataclasses import replace
from pathlib import Path

from .config import Config, load_config
from .errors import LuutruError, ManyErrors

OK, FAILED, USAGE, SKIPPED = 0, 1, 2, 3


def err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def settings(args) -> Config:
    config = load_config(Path(args.site).resolve())
    changes = {}
    if getattr(args, "content", None):
        changes["content_dir"] = str(Path(args.content).resolve())
    if getattr(args, "out", None):
        changes["output_dir"] = str(Path(args.out).resolve())
    if getattr(args, "cache", None):
        changes["cache_dir"] = str(Path(args.cache).resolve())
    return replace(config, **changes)


def cmd_import(args) -> int:
    from .build import read_registry
    from .importer import import_files

    config = settings(args)
    registry = read_registry(config)
    report = import_files([Path(p) for p in args.paths], config, registry, force=args.force, strict=args.strict, say=err)
    for problem in report.failed:
        err(str(problem))
    if report.failed and args.strict:
        err(f"{len(report.failed)} problems; nothing was written (--strict)")
    print(
        f"import: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept (edited by hand), {len(report.failed)} skipped"
        f" → {config.content / 'articles'}"
    )
    if report.failed:
        return FAILED if args.strict else SKIPPED
    return OK


def _progress(done: int, total: int) -> None:
    err(f"  {done}/{total} pages")


def cmd_build(args) -> int:
    from .build import build

    config = settings(args)
    started = time.perf_counter()
    result = build(config, progress=_progress if not args.quiet else None, search=not args.no_search)
    seconds = time.perf_counter() - started
    if result.unchanged:
        print(f"build: nothing changed, {result.pages} pages up to date → {result.out} ({seconds:.2f} s)")
    else:
        print(
            f"build: {result.articles} articles, {result.pages} pages ({result.rendered} rendered), "
            f"{result.files} files → {result.out} ({seconds:.2f} s)"
        )
    return OK


def cmd_serve(args) -> int:
    from .serve import serve

    serve(
        settings(args), port=args.port, host=args.host, open_browser=args.open,
        search=not args.no_search, settings=lambda: settings(args),
    )  # fmt: skip
    return OK


def cmd_new(args) -> int:
    from .content import ARTICLES, free_record_name, to_text
    from .model import Article
    from .loader.decode import normalise
    from .output import write_atomic

    config = settings(args)
    # Issue 6: the title as import would write it: NFC, one line, no control
    # or zero-width characters (a pasted title carries them too), and no bytes
    # that are not UTF-8 (a terminal in another encoding).
    title = " ".join(normalise(args.title.encode("utf-8", "replace").decode("utf-8")).split())
    if not title:
        raise LuutruError(None, "a title is needed: luutru new \"Tiêu đề\"")
    article = Article(title=title, published=dt.date.today())
    folder = config.content / ARTICLES
    name = free_record_name(article, folder, set())
    write_atomic(folder / name, to_text(article).encode("utf-8"))
    print(folder / name)
    return OK


def cmd_check(args) -> int:
    from .build import gather
    from .check import problems

    config = settings(args)
    records, registry = gather(config)
    found = 0
    for key, reason in problems(records, registry):
        print(f"{config.content / key}: {reason}")
        found += 1
    print(f"check: {len(records)} records, {found} to look at", file=sys.stderr)
    return OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="luutru",
        description="Static-site generator for archives of Vietnamese local news.",
    )
    p.add_argument("-C", "--site", default=".", help="folder holding luutru.yaml (default: here)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, func, help_):
        c = sub.add_parser(name, help=help_, description=help_)
        c.set_defaults(func=func)
        return c

    c = command("import", cmd_import, "turn raw .txt articles into records under content/articles/")
    c.add_argument("paths", nargs="+", metavar="PATH", help=".txt file or folder of them")
    c.add_argument("--content", metavar="DIR", help="content folder (default: content/)")
    c.add_argument("--force", action="store_true", help="overwrite records edited by hand")
    c.add_argument("--strict", action="store_true", help="write nothing and exit 1 if any file could not be imported")

    c = command("build", cmd_build, "build the static site")
    c.add_argument("--content", metavar="DIR", help="content folder (default: content/)")
    c.add_argument("--out", metavar="DIR", help="output folder (default: site/)")
    c.add_argument("--cache", metavar="DIR", help="cache folder (default: .luutru-cache/; safe to delete)")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    c.add_argument("--no-search", action="store_true", help="leave the search index as it is (the next build brings it up to date)")

    c = command("serve", cmd_serve, "build, serve on 127.0.0.1 and rebuild on change with live reload")
    c.add_argument("--content", metavar="DIR", help="content folder (default: content/)")
    c.add_argument("--out", metavar="DIR", help="output folder (default: site/)")
    c.add_argument("--cache", metavar="DIR", help="cache folder (default: .luutru-cache/; safe to delete)")
    c.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    c.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    c.add_argument("--open", action="store_true", help="open the site in a browser")
    c.add_argument("--no-search", action="store_true", help="leave the search index as it is (the next build brings it up to date)")

    c = command("new", cmd_new, "create a record for an article typed by hand")
    c.add_argument("title", help="the article's title")
    c.add_argument("--content", metavar="DIR", help="content folder (default: content/)")

    c = command("check", cmd_check, "list records whose title, date, locality or documents need a look")
    c.add_argument("--content", metavar="DIR", help="content folder (default: content/)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ManyErrors as exc:
        for e in exc.errors:
            err(str(e))
        err(f"{len(exc.errors)} problems; nothing was written")
        return FAILED
    except LuutruError as exc:
        err(str(exc))
        return FAILED
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except OSError as exc:  # disk full, permissions: the environment, not a bug
        err(f"{exc.filename or 'luutru'}: {exc.strerror or exc}")
        return FAILED
    except sqlite3.Error as exc:
        # Issue 6: the build cache on a full or read-only disk ("database or
        # disk is full") is the environment too; the site was left as it was.
        err(f"luutru: the build cache could not be written: {exc} (the cache folder is safe to delete)")
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
