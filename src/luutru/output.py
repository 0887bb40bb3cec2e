"""Writing files so that a reader never sees half of one.

Lektor's rule: write to a temporary name beside the target, then rename.
A whole site is built in a temporary folder and swapped in the same way.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .errors import BuildError

MARKER = ".luutru-site"  # says a folder was written by luutru and may be replaced


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a record is an ordinary file
        # (0644 under the usual umask), as an editor would have saved it.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_staging(out: Path) -> Path:
    """An empty folder beside `out` (same file system, so the swap is a rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))
    # Issue 6: mkdtemp makes the folder private (0700), and it becomes the
    # site: a web server running as another user could not read it (403).
    os.chmod(staging, 0o777 & ~_umask())
    return staging


def check_replaceable(out: Path) -> None:
    """Refuse to replace a folder luutru did not write: it may hold someone's work.

    Called first by every build, so it also puts back a site that a killed
    build had moved aside (see `recover`), and removes the staging folders of
    killed builds: a build with nothing to write (or a quick one) would
    otherwise leave them, each a whole copy of the site, for ever.
    """
    recover(out)
    clean_leftovers(out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise BuildError(out, "output exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(out, "output folder is not empty and was not built by luutru; choose another --out or empty it")


def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging`; on any failure the old `out` stays."""
    (staging / MARKER).write_bytes(b"built by luutru; this folder is replaced on every build\n")
    if out.is_dir() and _exchange(staging, out):
        # Issue 6: one step, so there is no moment without a site, for a
        # reader or for a kill. `staging` now holds the old site.
        shutil.rmtree(staging, ignore_errors=True)
        return
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


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28, or musl without it
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # the file system or kernel cannot: two renames instead
    raise OSError(code, os.strerror(code), str(b))


def recover(out: Path) -> None:
    """Issue 6: a build killed between its two renames left no `out`, and the
    previous site under a `.NAME.old-*` name: put it back."""
    if out.exists() or out.is_symlink() or not out.parent.is_dir():
        return
    olds = [p for p in out.parent.glob(f".{out.name}.old-*") if (p / MARKER).is_file()]
    if olds:
        newest = max(olds, key=lambda p: (p / MARKER).stat().st_mtime_ns)
        os.rename(newest, out)


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
