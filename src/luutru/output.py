"""Writing files so that a reader never sees half of one.

Lektor's rule: write to a temporary name beside the target, then rename.
A whole site is built in a temporary folder and swapped in the same way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError

MARKER = ".luutru-site"  # says a folder was written by luutru and may be replaced


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_staging(out: Path) -> Path:
    """An empty folder beside `out` (same file system, so the swap is a rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))


def check_replaceable(out: Path) -> None:
    """Refuse to replace a folder luutru did not write: it may hold someone's work."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise BuildError(out, "output exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(out, "output folder is not empty and was not built by luutru; choose another --out or empty it")


def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging`; on any failure the old `out` stays."""
    (staging / MARKER).write_bytes(b"built by luutru; this folder is replaced on every build\n")
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
        old.rmdir()
        os.rename(out, old)
    try:
        os.rename(staging, out)
    except BaseException:
        if old is not None:
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Remove staging folders of builds that were killed."""
    if not out.parent.is_dir():
        return
    for p in out.parent.glob(f".{out.name}.building-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(p, ignore_errors=True)
