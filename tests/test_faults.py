"""Issue 6: faults. Builds and imports killed at random moments, disks that are
full or read-only, and the preview server under attack and under template
errors: the previous site stays complete and usable, nothing is half written,
and the next run succeeds.

The long runs take their size from the environment (the defaults keep the
killed build near half a minute: each build also runs the search indexer):

    LUUTRU_FAULT_ARTICLES=450    articles in the corpus a killed build works on
    LUUTRU_FAULT_KILLS=3         builds (and imports) killed, each at a random moment
    LUUTRU_FAULT_RAW=80          raw files in the import that is killed
    LUUTRU_FAULT_SEED=6          the random moments

e.g. LUUTRU_FAULT_ARTICLES=3000 LUUTRU_FAULT_KILLS=12 pytest tests/test_faults.py -k killed -s
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO, make_site, record, run
import luutru.build
from luutru.content import parse_record, to_text

ARTICLES = int(os.environ.get("LUUTRU_FAULT_ARTICLES", "450"))  # over build.PARALLEL_FROM: workers too
KILLS = int(os.environ.get("LUUTRU_FAULT_KILLS", "3"))
RAW = int(os.environ.get("LUUTRU_FAULT_RAW", "80"))
LUUTRU = [sys.executable, "-m", "luutru"]


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links not followed) → the digest of its bytes.

    Pagefind writes its filter files in a new order on each run (its issue #638),
    so they and the two files that name them (pagefind-entry.json, *.pf_meta)
    differ between two indexes of the same pages: they are left out.
    """
    out = {}
    for dirpath, _, files in os.walk(folder):
        for name in files:
            p = Path(dirpath) / name
            rel = p.relative_to(folder).as_posix()
            if rel.startswith("pagefind/filter/") or rel == "pagefind/pagefind-entry.json" or (
                rel.startswith("pagefind/") and rel.endswith(".pf_meta")
            ):
                continue
            out[rel] = hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
    return out


def leftovers(root: Path, name: str = "site") -> list[Path]:
    return sorted(root.glob(f".{name}.*"))


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    # A session of its own, so that the kill takes the worker processes too.
    return subprocess.Popen(
        [*LUUTRU, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL the command and its workers after `seconds`; False if it had finished."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True
    finally:
        proc.stdout.close()
        proc.stderr.close()


# ---------------------------------------------------------- killed builds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(REPO / "tests" / "bench" / "corpus.py"), str(ARTICLES), str(out)], check=True, capture_output=True)
    return out


def edit_content(content: Path, rng: random.Random) -> None:
    """State B: some records edited, some added, some gone."""
    records = sorted(content.glob("articles/**/*.md"))
    for path in rng.sample(records, 20):
        path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn thêm sau khi sửa.\n", encoding="utf-8")
    for i, path in enumerate(rng.sample(records, 5)):
        article = parse_record(path.read_text(encoding="utf-8"), path)
        text = to_text(replace(article, title=f"Bài mới {i}: {article.title}"))
        path.with_name(f"moi-{i}.md").write_text(text, encoding="utf-8")
    for path in rng.sample(records, 3):
        path.unlink()


def test_a_build_killed_at_any_moment_leaves_a_whole_site_and_the_next_build_is_clean(corpus, tmp_path):
    rng = random.Random(os.environ.get("LUUTRU_FAULT_SEED", "6"))
    root = tmp_path / "kho"
    shutil.copytree(corpus / "site", root, symlinks=True)
    other = {"A": tmp_path / "content-A", "B": tmp_path / "content-B"}
    shutil.copytree(root / "content", other["B"])  # copy2 keeps times: unchanged records stay cached
    edit_content(other["B"], rng)

    live = ["A"]  # which state's records are in root/content; the other waits beside it

    def use(name: str) -> None:
        if live[0] != name:
            os.rename(root / "content", other[live[0]])
            os.rename(other[name], root / "content")
            live[0] = name

    started = time.perf_counter()
    run("build", "-q", cwd=root, check=True)  # a clean build of A
    full = time.perf_counter() - started
    states = {"A": tree(root / "site")}
    use("B")
    run("build", "-q", cwd=root, check=True)  # B, built from A without a kill
    states["B"] = tree(root / "site")
    assert states["A"] != states["B"]

    site_state, killed, seen, limit = "B", 0, [], full * 1.1
    for _ in range(2 * KILLS):  # until KILLS builds were killed (some finish before their moment)
        if killed == KILLS:
            break
        target = "A" if site_state == "B" else "B"  # after a mixed state: B
        use(target)
        moment = rng.uniform(0.05, limit)
        began = time.perf_counter()
        was_killed = kill_after(start(["build", "-q"], root), moment)
        killed += was_killed
        if not was_killed:  # it finished first: aim the next kills within a build this long
            limit = min(limit, (time.perf_counter() - began) * 1.1)
        now = tree(root / "site")
        before, after = states["B" if target == "A" else "A"], states[target]
        for path, digest in now.items():  # every file whole: one build's or the other's
            assert digest in (before.get(path), after.get(path)), f"{path} is half written (killed at {moment:.2f} s)"
        # Complete: nothing both states hold is missing; nothing from neither is there.
        assert set(before) & set(after) <= set(now) <= set(before) | set(after), f"killed at {moment:.2f} s"
        site_state = next((k for k, v in states.items() if v == now), None)
        if site_state is None:  # whole files from both builds: say which
            older = sorted(p for p, d in now.items() if d != after.get(p))
            site_state = f"mixed: {len(older)} of {len(now)} files not yet new, e.g. {older[:3]}"
        seen.append((round(moment, 2), "killed" if was_killed else "finished", target, site_state))
    assert killed >= (KILLS + 1) // 2, f"most builds finished before their kill: {seen}"

    use("A")  # whose site came from a clean build
    proc = run("build", "-q", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert tree(root / "site") == states["A"], f"the build after the kills differs from a clean one ({seen})"
    assert not leftovers(root)
    print(f"{ARTICLES} articles, full build {full:.1f} s; (moment, build, target, site after): {seen}")


# ------------------------------------------------------------ write errors

SMALL = {
    "2021/05/a.md": record("Thanh Xuân học tập và làm theo", extra="documents: [05-CT/TW]\n"),
    "2021/04/b.md": record("Long Biên sơ kết công tác", "2021-04-02"),
}


def _cli(root: Path, *args: str) -> int:
    from luutru import cli

    return cli.main(["-C", str(root), *args])


def test_a_write_error_while_building_leaves_the_previous_site(tmp_path, monkeypatch, capsys):
    """The disk fills up while pages are written (simulated in process)."""
    root = make_site(tmp_path, SMALL)
    assert _cli(root, "build", "-q") == 0
    before = tree(root / "site")
    (root / "content" / "articles" / "2021" / "05" / "c.md").write_text(record("Bài thứ ba, viết sau", "2021-05-20"))
    real, calls = luutru.build.write_new, []

    def write_new(path, data):
        calls.append(path)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device", path)
        return real(path, data)

    monkeypatch.setattr(luutru.build, "write_new", write_new)
    assert _cli(root, "build", "-q") == 1
    assert "No space left on device" in capsys.readouterr().err
    assert tree(root / "site") == before
    assert not leftovers(root)
    monkeypatch.setattr(luutru.build, "write_new", real)
    assert _cli(root, "build", "-q") == 0
    assert "bai-viet/2021/05/bai-thu-ba-viet-sau/index.html" in tree(root / "site")


# Enough articles that an edit changes a few pages, moved one by one into the
# site (a change of most pages builds a whole new folder instead).
MANY = {
    **SMALL,
    **{f"201{i % 8}/0{i % 9 + 1}/x{i}.md": record(f"Tin cũ số {i} về công tác dân vận", f"201{i % 8}-0{i % 9 + 1}-1{i % 9}")
       for i in range(30)},
}


def _edit_many(root: Path) -> None:
    """A change of every kind: new pages (two articles), replaced ones (the
    listings), pages gone (an article removed, with its month)."""
    (root / "content" / "articles" / "2021" / "05" / "c.md").write_text(record("Bài thứ ba, viết sau", "2021-05-20"))
    (root / "content" / "articles" / "2021" / "05" / "d.md").write_text(record("Bài thứ tư, viết sau nữa", "2021-05-21"))
    (root / "content" / "articles" / "2021" / "04" / "b.md").unlink()


def failing_moves(monkeypatch, site: Path, fails) -> dict:
    """Moves of files into or out of `site` raise EIO when `fails(path, plan)` says so.

    Every way a file is moved is wrapped (rename, replace, the exchange), so the
    fault hits whichever the file system offers; `plan` is what the build is about to do.
    """
    import luutru.output as output

    plan = {}
    real_plan, real_exchange, real_rename, real_replace = output._plan, output._exchange, os.rename, os.replace

    def planned(*args):
        plan.update(real_plan(*args))
        return plan

    def check(*paths):
        for p in map(Path, paths):
            if p.is_relative_to(site) and fails(p.relative_to(site).as_posix(), plan):
                raise OSError(errno.EIO, "Input/output error", str(p))

    def exchange(a, b):
        check(a, b)
        return real_exchange(a, b)

    def rename(a, b, **kw):
        check(a, b)
        return real_rename(a, b, **kw)

    def replace_(a, b, **kw):
        check(a, b)
        return real_replace(a, b, **kw)

    monkeypatch.setattr(output, "_plan", planned)
    monkeypatch.setattr(output, "_exchange", exchange)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "replace", replace_)
    return plan


@pytest.mark.parametrize("step", ["add", "swap", "remove"])
def test_a_failure_while_changed_pages_are_moved_in_leaves_the_previous_site(tmp_path, monkeypatch, capsys, step):
    """The last new page, the last replaced page or the last page to go fails to move
    (an I/O error): what was already moved goes back, and the site is the previous one."""
    root = make_site(tmp_path, MANY)
    assert _cli(root, "build", "-q") == 0
    before = tree(root / "site")
    _edit_many(root)
    failed = []

    def fails(path, plan):
        if not failed and plan[step] and path == (plan[step][-1] if step == "remove" else plan[step][-1][0]):
            failed.append(path)
            return True
        return False

    plan = failing_moves(monkeypatch, root / "site", fails)
    assert _cli(root, "build", "-q") == 1
    assert failed and "Input/output error" in capsys.readouterr().err
    assert len(plan["add"]) >= 2 and len(plan["swap"]) >= 2 and len(plan["remove"]) >= 2
    assert tree(root / "site") == before
    assert not leftovers(root)
    monkeypatch.undo()
    assert _cli(root, "build", "-q") == 0
    after = tree(root / "site")
    assert "bai-viet/2021/05/bai-thu-tu-viet-sau-nua/index.html" in after
    assert not any(p.startswith("bai-viet/2021/04/") for p in after)


def test_moves_that_cannot_be_undone_at_once_are_undone_by_the_next_build(tmp_path, monkeypatch):
    """The disk fails for good part-way (the moves back fail too): the next build,
    even one that fails on a broken record, first puts the previous site back."""
    root = make_site(tmp_path, MANY)
    assert _cli(root, "build", "-q") == 0
    before = tree(root / "site")
    _edit_many(root)
    failed = []

    def fails(path, plan):
        failed.append(path)
        return len(failed) > len(plan["add"]) + 1  # after the new pages and one replaced page

    failing_moves(monkeypatch, root / "site", fails)
    assert _cli(root, "build", "-q") == 1
    monkeypatch.undo()
    assert tree(root / "site") != before  # a mix of the two builds, each file whole
    assert len(leftovers(root)) == 1  # the staging folder, with the journal and the old files
    (root / "content" / "articles" / "2021" / "05" / "hong.md").write_text("---\ntitle: [hỏng\n---\n")
    assert _cli(root, "build", "-q") == 1
    assert tree(root / "site") == before and not leftovers(root)


KILL_AT_SWAP = """
import os, signal, sys
import luutru.output as output
from luutru import cli

real, calls = output._exchange, []

def exchange(a, b):
    calls.append(b)
    if len(calls) == {n}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(a, b)

output._exchange = exchange
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_build_killed_while_it_moves_pages_in_is_undone_by_the_next_build(tmp_path):
    root = make_site(tmp_path, MANY)
    run("build", "-q", cwd=root, check=True)
    before = tree(root / "site")
    _edit_many(root)
    # Killed at its second replaced page: the new pages and one replaced page are in.
    proc = subprocess.run([sys.executable, "-c", KILL_AT_SWAP.format(n=2), "build", "-q"], cwd=root, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    mixed = tree(root / "site")
    assert mixed != before and "bai-viet/2021/05/bai-thu-ba-viet-sau/index.html" in mixed
    # The next build fails (a broken record) and still leaves the previous site whole.
    broken = root / "content" / "articles" / "2021" / "05" / "hong.md"
    broken.write_text("---\ntitle: [hỏng\n---\n")
    proc = run("build", "-q", cwd=root)
    assert proc.returncode == 1 and "hong.md" in proc.stderr
    assert tree(root / "site") == before and not leftovers(root)
    broken.unlink()
    run("build", "-q", cwd=root, check=True)
    assert "bai-viet/2021/05/bai-thu-ba-viet-sau/index.html" in tree(root / "site")


def test_a_second_build_leaves_the_moves_of_a_running_one_alone(tmp_path, monkeypatch):
    """`luutru serve` moves its pages in while `luutru build` starts in another
    terminal: the second build does not take the first one's journal for a
    killed build's, and undoes nothing."""
    import luutru.output as output

    root = make_site(tmp_path, MANY)
    assert _cli(root, "build", "-q") == 0
    _edit_many(root)
    real, seen = output._exchange, []

    def exchange(a, b):
        if not seen:  # part-way: what another build does first
            output.check_replaceable(root / "site")
            seen.append(sorted(p.name for p in (root / "site").parent.glob(".site.*")))
        return real(a, b)

    monkeypatch.setattr(output, "_exchange", exchange)
    assert _cli(root, "build", "-q") == 0
    assert len(seen[0]) == 1  # the running build's staging folder was left where it was
    monkeypatch.undo()
    after = tree(root / "site")
    shutil.rmtree(root / ".luutru-cache")
    assert _cli(root, "build", "-q") == 0  # a clean build of the same content
    assert tree(root / "site") == after


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system of its own (tmpfs), or a skip where mounting is not allowed."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the in-process test covers a full disk")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _big_records(root: Path, n: int, size: int) -> None:
    para = "Đảng ủy phường tổ chức hội nghị sơ kết công tác xây dựng Đảng. " * (size // 70)
    for i in range(n):
        (root / "content" / "articles" / "2021" / "06" / f"lon-{i}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "articles" / "2021" / "06" / f"lon-{i}.md").write_text(record(f"Bài rất dài số {i}", "2021-06-01", body=para))


@pytest.mark.parametrize("where", ["output", "cache"])
def test_a_full_disk_leaves_the_previous_site_and_the_next_build_succeeds(tmp_path, small_disk, where):
    config = f"output: {small_disk / 'site'}\n" if where == "output" else f"cache: {small_disk / 'cache'}\n"
    root = make_site(tmp_path, SMALL, config)
    run("build", "-q", cwd=root, check=True)
    site = small_disk / "site" if where == "output" else root / "site"
    before = tree(site)
    if where == "output":
        _big_records(root, 4, 1_000_000)  # 4 MB of pages do not fit in 3 MB
    else:
        (root / "content" / "articles" / "2021" / "05" / "c.md").write_text(record("Bài thứ ba", "2021-05-20"))
        filler = small_disk / "filler"
        with open(filler, "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
            except OSError:
                pass
    proc = run("build", "-q", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "No space left on device" in proc.stderr or "disk is full" in proc.stderr, proc.stderr
    assert tree(site) == before
    assert not leftovers(site.parent)
    # Room again: the next build succeeds.
    if where == "output":
        for p in (root / "content" / "articles" / "2021" / "06").glob("lon-*.md"):
            p.unlink()
    else:
        filler.unlink()
    (root / "content" / "articles" / "2021" / "05" / "d.md").write_text(record("Bài thứ tư", "2021-05-21"))
    proc = run("build", "-q", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "bai-viet/2021/05/bai-thu-tu/index.html" in tree(site)


def test_a_read_only_output_folder_leaves_the_previous_site(tmp_path, small_disk):
    root = make_site(tmp_path, SMALL, f"output: {small_disk / 'site'}\n")
    run("build", "-q", cwd=root, check=True)
    before = tree(small_disk / "site")
    (root / "content" / "articles" / "2021" / "05" / "c.md").write_text(record("Bài thứ ba", "2021-05-20"))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        proc = run("build", "-q", cwd=root)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert "Read-only file system" in proc.stderr, proc.stderr
        assert tree(small_disk / "site") == before
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    run("build", "-q", cwd=root, check=True)
    assert "bai-viet/2021/05/bai-thu-ba/index.html" in tree(small_disk / "site")


def test_a_site_left_aside_by_a_killed_swap_is_put_back(tmp_path):
    """Where the two folders cannot be exchanged in one step, a build killed
    between its two renames leaves the old site under another name."""
    root = make_site(tmp_path, SMALL)
    run("build", "-q", cwd=root, check=True)
    before = tree(root / "site")
    os.rename(root / "site", root / ".site.old-k1ll3d")
    (root / "content" / "articles" / "2021" / "05" / "hong.md").write_text("---\ntitle: [hỏng\n---\n")
    proc = run("build", "-q", cwd=root)
    assert proc.returncode == 1  # the build fails, and the previous site is back all the same
    assert tree(root / "site") == before and not leftovers(root)


def test_a_killed_builds_staging_folder_goes_even_when_nothing_changed(tmp_path):
    root = make_site(tmp_path, SMALL)
    run("build", "-q", cwd=root, check=True)
    (root / ".site.building-k1ll3d" / "bai-viet").mkdir(parents=True)
    (root / ".site.building-k1ll3d" / "bai-viet" / "index.html").write_text("nửa chừng")
    run("build", "-q", cwd=root, check=True)  # nothing to write
    assert not leftovers(root)


def test_a_previous_site_still_being_deleted_when_a_build_ended_goes_with_the_next(tmp_path):
    # A build does not wait for the previous site's deletion; its process may
    # have ended, and the folder with it half deleted.
    root = make_site(tmp_path, SMALL)
    run("build", "-q", cwd=root, check=True)
    trash = root / ".site.trash-999999999-x"
    (trash / "bai-viet").mkdir(parents=True)
    (trash / "bai-viet" / "index.html").write_text("trang cũ")
    run("build", "-q", cwd=root, check=True)
    deadline = time.monotonic() + 20
    while trash.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not trash.exists()


# ------------------------------------------------------------ killed indexing


def index_files(site: Path) -> dict[str, str]:
    """Every file of the site's search index → the digest of its bytes."""
    folder = site / "pagefind"
    return {p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def indexed_pages(site: Path) -> int:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text())["languages"]["vi"]["page_count"]


KILL_WHILE_INDEXING = """
import os, signal, subprocess, sys
from luutru import cli

real = subprocess.Popen

class Popen(real):
    def __init__(self, args, *rest, **kw):
        super().__init__(args, *rest, **kw)
        if "pagefind" in os.path.basename(str(args[0])) and "--version" not in args:
            # Pagefind has started on the articles: the build and Pagefind are killed
            # (at once: on a few small articles it may need less than a tenth of a second).
            os.killpg(0, signal.SIGKILL)

subprocess.Popen = Popen
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_build_killed_while_pagefind_indexes_keeps_the_previous_index_and_the_next_build_makes_it(tmp_path):
    from luutru.search import executable

    if executable() is None:
        pytest.skip("Pagefind is not installed (pip install 'pagefind[bin]')")
    root = make_site(tmp_path, MANY)
    run("build", "-q", cwd=root, check=True)
    before = index_files(root / "site")
    assert indexed_pages(root / "site") == len(MANY)
    (root / "content" / "articles" / "2021" / "05" / "c.md").write_text(record("Bài thứ ba, viết sau", "2021-05-20"))
    proc = subprocess.run([sys.executable, "-c", KILL_WHILE_INDEXING, "build", "-q"], cwd=root, capture_output=True,
                          start_new_session=True)  # a process group of its own: the kill takes Pagefind too
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    # The pages are the new ones; the index is the previous one, whole: a reader still searches.
    assert (root / "site" / "bai-viet" / "2021" / "05" / "bai-thu-ba-viet-sau" / "index.html").is_file()
    assert index_files(root / "site") == before
    proc = run("build", "-q", cwd=root)  # nothing changed since: the index alone is made
    assert proc.returncode == 0, proc.stderr
    assert indexed_pages(root / "site") == len(MANY) + 1
    assert not leftovers(root) and not (root / ".luutru-cache" / "search" / "pagefind.new").exists()


KILL_BEFORE_INDEX = """
import os, signal, sys
import luutru.search as search
from luutru import cli

search.SearchIndex.after = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_build_killed_after_its_pages_and_before_its_index_leaves_the_next_build_to_make_it(tmp_path):
    """Killed in the moment between the pages in place (and noted in the cache)
    and the request for their index: nothing else changes, and still the next build makes it."""
    root = make_site(tmp_path, MANY)
    run("build", "-q", cwd=root, check=True)
    (root / "content" / "articles" / "2021" / "05" / "c.md").write_text(record("Bài thứ ba, viết sau", "2021-05-20"))
    proc = subprocess.run([sys.executable, "-c", KILL_BEFORE_INDEX, "build", "-q"], cwd=root, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert (root / "site" / "bai-viet" / "2021" / "05" / "bai-thu-ba-viet-sau" / "index.html").is_file()
    assert indexed_pages(root / "site") == len(MANY)
    run("build", "-q", cwd=root, check=True)
    assert indexed_pages(root / "site") == len(MANY) + 1


# ------------------------------------------------------------ killed imports


def test_an_import_killed_at_any_moment_leaves_no_half_record_and_no_duplicate(corpus, tmp_path):
    rng = random.Random(os.environ.get("LUUTRU_FAULT_SEED", "6"))
    raw = sorted((corpus / "raw").glob("*.txt"))[:RAW]
    roots = []
    for name in ("clean", "killed"):
        (tmp_path / name / "tho").mkdir(parents=True)
        for p in raw:
            shutil.copy2(p, tmp_path / name / "tho" / p.name)
        roots.append(tmp_path / name)
    clean, root = roots
    started = time.perf_counter()
    run("import", "tho", cwd=clean, check=True)
    full = time.perf_counter() - started
    expected = {p.relative_to(clean).as_posix(): p.read_bytes() for p in (clean / "content").rglob("*.md")}
    good = set(expected.values())

    seen = []
    for _ in range(KILLS):
        moment = rng.uniform(0.2, full * 0.9)
        seen.append((round(moment, 2), kill_after(start(["import", "tho"], root), moment)))
        for p in (root / "content").rglob("*.md"):
            assert p.read_bytes() in good, f"{p} is half written (killed at {moment:.2f} s)"
        for p in (root / "content").rglob("*"):
            assert p.suffix in (".md", ".json", ".tmp") or p.is_dir(), p
    proc = run("import", "tho", cwd=root)
    assert proc.returncode == 0, proc.stderr
    got = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "content").rglob("*.md")}
    assert got == expected, f"after kills at {seen}: {sorted(set(got) ^ set(expected))[:5]}"
    manifest = json.loads((root / "content" / ".luutru-import.json").read_text())
    assert manifest == json.loads((clean / "content" / ".luutru-import.json").read_text())
    print(f"{RAW} raw files, import {full:.1f} s; kills (moment, killed): {seen}")


def test_records_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """A write that fails half way leaves the previous record and no stray file."""
    from luutru.output import write_atomic

    path = tmp_path / "a.md"
    path.write_bytes(b"truoc")

    class Boom(Exception):
        pass

    real = os.replace
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(Boom()))
    with pytest.raises(Boom):
        write_atomic(path, b"sau" * 10000)
    monkeypatch.setattr(os, "replace", real)
    assert path.read_bytes() == b"truoc" and [p.name for p in tmp_path.iterdir()] == ["a.md"]


# ------------------------------------------------------------ the preview


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes]:
    """A raw request: the path goes out exactly as written, unnormalised."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def wait_until(predicate, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def preview(tmp_path):
    root = make_site(tmp_path, {"2021/05/a.md": record("Bài thứ nhất", body="Phiên bản đầu.")})
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen(
        [*LUUTRU, "serve", "--port", str(port)], cwd=root, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_until(lambda: get(port, "/")[0] == 200)
        yield root, port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def listeners(port: int) -> list[str]:
    """Local addresses listening on `port`, from /proc/net/tcp and tcp6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, p = local.split(":")
                if int(p, 16) == port and state == "0A":
                    found.append(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net")
def test_the_preview_listens_on_the_loopback_address_only(preview):
    root, port, proc = preview
    assert listeners(port) == ["0100007F"]  # 127.0.0.1, and no IPv6 or wildcard socket


SECRET = "bí mật ngoài thư mục site"


def test_the_preview_serves_nothing_outside_the_site(preview, tmp_path):
    root, port, proc = preview
    (root / "secret.txt").write_text(SECRET)
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "index.html").write_text(SECRET)
    (outside / "x.txt").write_text(SECRET)
    site = root / "site"
    # Links inside the site that point out: to a file, a folder, a folder's index.
    (site / "lo.txt").symlink_to(root / "secret.txt")
    (site / "thu-muc").symlink_to(outside)
    (site / "bai-viet" / "ngoai").mkdir()
    (site / "bai-viet" / "ngoai" / "index.html").symlink_to(outside / "index.html")
    paths = [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt", "/%252e%252e/secret.txt", "/..%5csecret.txt", "/..\\secret.txt",
        "/bai-viet/../../secret.txt", "/bai-viet/%2e%2e/%2e%2e/secret.txt", "/./../secret.txt", "//secret.txt",
        "/%2fetc%2fpasswd", "//etc/passwd", "/../../../../../../etc/passwd", "/..%00/secret.txt",
        "/.%2e/secret.txt", "/%2e./secret.txt", "/%c0%ae%c0%ae/secret.txt", "/%25%32%65%25%32%65/secret.txt",
        "/bai-viet/..%252f..%252fsecret.txt", "/bai-viet/%2e%2e%5c%2e%2e%5csecret.txt",
        "http://127.0.0.1/../secret.txt", "/lo.txt", "/thu-muc/x.txt", "/thu-muc/", "/thu-muc",
        "/bai-viet/ngoai/", "/bai-viet/ngoai/index.html",
    ]
    for path in paths:
        status, body = get(port, path)
        assert SECRET.encode() not in body and b"root:x:0:0" not in body, f"{path} → {status}"
    assert get(port, "/bai-viet/2021/05/bai-thu-nhat/")[0] == 200  # the site itself is served


def test_the_preview_survives_template_errors_and_recovers(preview, tmp_path):
    root, port, proc = preview
    page = "/bai-viet/2021/05/bai-thu-nhat/"
    templates = root / "templates"
    templates.mkdir()  # made while the preview runs: it must be watched all the same
    article = templates / "article.html"

    def failures() -> int:
        return (tmp_path / "serve.log").read_text(encoding="utf-8").count("rebuild failed")

    for broken in ("{% extends 'base.html' %}{% block main %}{% if %}{% endblock %}",  # syntax
                   "{% extends 'base.html' %}{% block main %}{{ 1 // 0 }}{% endblock %}",  # raises while rendering
                   "{% extends 'khong-co.html' %}"):  # a template that is not there
        n = failures()
        article.write_text(broken)
        wait_until(lambda n=n: failures() > n)  # the rebuild ran, and failed
        assert proc.poll() is None, "the preview stopped"
        status, body = get(port, page)
        assert status == 200 and "Phiên bản đầu.".encode() in body
    article.write_text("{% extends 'base.html' %}{% block main %}<p>Đã sửa mẫu.</p>{% endblock %}")
    wait_until(lambda: "Đã sửa mẫu.".encode() in get(port, page)[1])
    path = root / "content" / "articles" / "2021" / "05" / "a.md"
    path.write_text(record("Bài thứ nhất", body="Phiên bản sửa."))
    article.unlink()
    wait_until(lambda: "Phiên bản sửa.".encode() in get(port, page)[1])
