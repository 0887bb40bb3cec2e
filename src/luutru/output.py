"""Writing files so that a reader never sees half of one.

Lektor's rule: write to a temporary name beside the target, then rename.
A whole site is built in a temporary folder and swapped in the same way.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from typing import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no lock, the journal still works for one build at a time
    fcntl = None

from .errors import BuildError

MARKER = ".luutru-site"  # says a folder was written by luutru and may be replaced
JOURNAL = ".luutru-journal.json"  # in a staging folder while its files are moved into the site
OLD = ".luutru-old"  # in a staging folder: files the site held before, until the journal goes
NEW = ".luutru-new"  # in a staging folder: files to be moved into the site, side by side


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    target = os.fspath(path)
    folder, name = os.path.split(target)
    fd, tmp = _create_beside(folder, name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_tmp_count = itertools.count(1)


def _create_beside(folder: str, name: str) -> tuple[int, str]:
    """A new temporary file beside `name` (".name.PID-N.tmp"), its folder made
    when missing. Not tempfile.mkstemp: its random names cost 90 µs a file,
    a third of an import's writing. O_EXCL never follows a planted link; the
    mode is an ordinary file's (0644 under the usual umask), as an editor
    would have saved it."""
    made = False
    while True:
        tmp = os.path.join(folder, f".{name}.{os.getpid()}-{next(_tmp_count)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue  # left by a killed process that had this pid
        except FileNotFoundError:
            if made:
                raise
            os.makedirs(folder or ".", exist_ok=True)
            made = True


def write_new(path: str, data: bytes) -> tuple[int, int]:
    """A file of a staging folder (no reader sees it until the swap); its (size, time)."""
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        st = os.fstat(f.fileno())
    return st.st_size, st.st_mtime_ns


def staged(staging: Path, path: str) -> Path:
    """Where a file waits to be moved into the live site by `move_in`: all in one
    folder, named by their path. On a site of 13,500 folders, making a tree of
    them again (and deleting the old one) cost more than rendering the pages."""
    return Path(_staged(str(staging), path))


def _staged(staging: str, path: str) -> str:
    # Strings, not Paths: a few of these per file of the site (pathlib costs more than the system calls).
    return f"{staging}/{NEW}/{hashlib.blake2b(path.encode('utf-8', 'surrogateescape'), digest_size=12).hexdigest()}"


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
    """Replace `out` by `staging`; on any failure the old `out` stays.

    Afterwards `staging` may hold the old site: the caller discards it.
    """
    (staging / MARKER).write_bytes(b"built by luutru; this folder is replaced on every build\n")
    if out.is_dir() and _exchange(staging, out):
        # Issue 6: one step, so there is no moment without a site, for a
        # reader or for a kill. `staging` now holds the old site.
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


@functools.cache
def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28, or musl without it
        return None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    return renameat2


def _exchange(a: str | Path, b: str | Path) -> bool:
    """Swap two files or folders atomically (Linux renameat2); False where that is not available."""
    renameat2 = _renameat2()  # looked up once: a build may exchange thousands of files
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # the file system or kernel cannot: two renames instead
    raise OSError(code, os.strerror(code), str(b))


def recover(out: Path) -> None:
    """Issue 6: put back the previous site that a killed build left in pieces.

    A build killed while it moved changed files in (`move_in`) left its
    journal in its staging folder: the moves it lists are undone. A build
    killed between the two renames of `swap_in` left no `out`, and the
    previous site under a `.NAME.old-*` name: it is renamed back.
    """
    if not out.parent.is_dir():
        return
    for journal in sorted(out.parent.glob(f".{out.name}.building-*/{JOURNAL}")):
        _roll_back(journal, out)
    if out.exists() or out.is_symlink():
        return
    olds = [p for p in out.parent.glob(f".{out.name}.old-*") if (p / MARKER).is_file()]
    if olds:
        newest = max(olds, key=lambda p: (p / MARKER).stat().st_mtime_ns)
        os.rename(newest, out)


def clean_leftovers(out: Path) -> None:
    """Remove staging folders of builds that were killed."""
    if not out.parent.is_dir():
        return
    for p in out.parent.glob(f".{out.name}.building-*"):
        if not _in_use(p / JOURNAL):
            shutil.rmtree(p, ignore_errors=True)
    for p in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in out.parent.glob(f".{out.name}.trash-*"):
        if not _alive(int(p.name.rsplit(".trash-", 1)[1].split("-")[0] or 0)):
            # Its build has ended; its `rm` may still be at work. Another one
            # beside it costs little, and this build does not wait for either.
            _remove_in_background(p)


def discard_soon(staging: Path, out: Path) -> Callable[[float | None], object] | None:
    """Remove `staging` (after a swap: the previous site) without waiting for it.

    Deleting a site of 13,000 files takes seconds, and nothing needs to wait
    for it: the folder is renamed aside and deleted by `rm` in a process of
    its own, which neither holds the preview back nor takes Python's lock, and
    which goes on after luutru has ended. Returns what waits for it, at most
    a given number of seconds.
    """
    if (staging / JOURNAL).exists():
        return None  # moves that could not be undone yet: the next build's `recover` needs what is here
    trash = out.parent / f".{out.name}.trash-{os.getpid()}-{staging.name.rsplit('-', 1)[-1]}"
    try:
        os.rename(staging, trash)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return None
    return _remove_in_background(trash)


def _remove_in_background(folder: Path) -> Callable[[float | None], object]:
    rm = shutil.which("rm") if os.name == "posix" else None
    if rm:
        # A session of its own: a Ctrl-C meant for the next command does not stop it.
        proc = subprocess.Popen(
            [rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip

        def wait(seconds: float | None) -> None:
            try:
                proc.wait(seconds)
            except subprocess.TimeoutExpired:
                pass

        return wait
    thread = threading.Thread(target=shutil.rmtree, args=(folder, True), name="luutru-discard")
    thread.start()
    return thread.join


def _alive(pid: int) -> bool:
    """A process of this id runs (the trash of a live build is being deleted)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


# --- moving changed files into a live site ----------------------------------------


def move_in(staging: Path, out: Path, changed: list[str], stale: list[str]) -> None:
    """Move the files `changed` (paths relative to `out`, waiting in `staging`:
    see `staged`) into the live `out`, and take the `stale` ones out of it.

    Issue 6: the site is never left a mix of two builds. A journal of every
    step is written first; each file then changes in one step (an exchange:
    the old file lands in `staging`), new files before replaced ones and
    removals last, so every link resolves at every moment. On an exception
    the steps done are undone here, before it goes on; after a kill, the next
    build's `recover` undoes them. It costs a few system calls per changed
    file, whatever the size of the site: copying a site of 13,500 pages aside
    would cost seconds for a one-article edit.
    """
    plan = _plan(staging, out, changed, stale)
    journal = _write_journal(staging, plan)  # held locked while the moves run
    try:
        try:
            _apply(staging, out, plan)
        except BaseException as exc:
            try:
                _undo(staging, out, plan)
            except Exception as undo:  # noqa: BLE001 - the first error is the one to report
                exc.add_note(f"the previous site could not be put back yet ({undo}); the next build does it")
                raise exc from None
            (staging / JOURNAL).unlink()
            raise
        (staging / JOURNAL).unlink()  # done: from here on the new files are the site
    finally:
        journal.close()


def _plan(staging: Path, out: Path, changed: list[str], stale: list[str]) -> dict:
    """What `move_in` will do. A new file is known by its inode number, which
    stays with it through a rename: whether a step was done can be read from
    the site itself after a kill, with nothing written per step."""
    add, swap, dirs = [], [], []
    known: dict[Path, bool] = {out: True}
    s, o = str(staging), str(out)
    for path in changed:
        ino = os.lstat(_staged(s, path)).st_ino
        if os.path.lexists(f"{o}/{path}"):
            swap.append([path, ino])
            continue
        add.append([path, ino])
        target = out / path
        missing, parent = [], target.parent
        while parent not in known:
            known[parent] = True  # there, or made before the files come
            if parent.is_dir():
                break
            missing.append(parent.relative_to(out).as_posix())
            parent = parent.parent
        dirs += reversed(missing)  # outermost first
    remove = [path for path in stale if os.path.lexists(out / path)]
    return {"dirs": dirs, "add": add, "swap": swap, "remove": remove}


def _write_journal(staging: Path, plan: dict):
    tmp = staging / f"{JOURNAL}.tmp"
    f = open(tmp, "wb")
    try:
        _lock(f, wait=True)  # the lock goes with the file through the rename
        f.write(json.dumps(plan).encode("ascii"))  # names that are not UTF-8 too (escaped)
        f.flush()
        os.replace(tmp, staging / JOURNAL)  # whole or not there: nothing was touched before it
    except BaseException:
        f.close()
        raise
    return f


def _apply(staging: Path, out: Path, plan: dict) -> None:
    for folder in plan["dirs"]:
        (out / folder).mkdir(exist_ok=True)
    s, o = str(staging), str(out)
    for path, _ in plan["add"]:
        os.rename(_staged(s, path), f"{o}/{path}")
    (staging / OLD).mkdir(exist_ok=True)
    for i, (path, _) in enumerate(plan["swap"]):
        new, target = _staged(s, path), f"{o}/{path}"
        if not _exchange(new, target):
            # No exchange here: the old file stays reachable (a hard link, or
            # a copy) before the new one replaces it.
            backup = staging / OLD / f"s{i}"
            try:
                os.link(target, backup)
            except OSError:
                shutil.copy2(target, backup)
            os.replace(new, target)
    for i, path in enumerate(plan["remove"]):
        target = out / path
        os.rename(target, staging / OLD / f"r{i}")  # flat: no folders to make, kept until the journal goes
        folder = target.parent
        while folder != out:  # a folder left empty goes too
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _undo(staging: Path, out: Path, plan: dict) -> None:
    """Undo the steps of `plan` that were done, in reverse order; any number of
    times (a kill may interrupt this too)."""
    for i, path in reversed(list(enumerate(plan["remove"]))):
        aside = staging / OLD / f"r{i}"
        if os.path.lexists(aside):
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            os.rename(aside, out / path)
    for i, (path, ino) in reversed(list(enumerate(plan["swap"]))):
        target = out / path
        if _inode(target) not in (ino, None):
            continue  # not done: the old file is in place
        for old in (staging / OLD / f"s{i}", staged(staging, path)):  # where the fallback, or the exchange, put it
            if _inode(old) not in (ino, None):
                os.replace(old, target)
                break
    for path, ino in reversed(plan["add"]):
        if _inode(out / path) == ino:
            os.unlink(out / path)
    for folder in reversed(plan["dirs"]):
        try:
            (out / folder).rmdir()
        except OSError:
            pass  # not empty, or not made


def _roll_back(journal: Path, out: Path) -> None:
    try:
        f = open(journal, "rb")
    except OSError:
        return
    with f:
        if not _lock(f, wait=False):
            return  # a running build is moving its files in
        try:
            plan = json.loads(f.read())
        except ValueError:
            return  # cannot be: it is written whole before any move
        _undo(journal.parent, out, plan)
        journal.unlink()


def _inode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_ino
    except FileNotFoundError:
        return None


def _lock(f, wait: bool) -> bool:
    """Lock an open journal for this process; False if another one holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        return True
    except BlockingIOError:
        return False


def _in_use(journal: Path) -> bool:
    """A running build holds this journal: its staging folder is not a leftover."""
    try:
        with open(journal, "rb") as f:
            return not _lock(f, wait=False)
    except OSError:
        return False
