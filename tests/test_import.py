"""luutru import: raw files become records; re-import is idempotent and respects hand edits."""

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, run

from luutru import importer
from luutru.config import Config
from luutru.content import read_record
from luutru.registry import Registry

SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def imported(tmp_path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    proc = run("import", "seeds", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return sorted((tmp_path / "content" / "articles").rglob("*.md"))


def snapshot(paths):
    return {p: p.read_bytes() for p in paths}


def test_each_seed_becomes_one_record_named_by_date_and_title(tmp_path):
    records = imported(tmp_path)
    assert len(records) == len(SEEDS)
    names = {p.relative_to(tmp_path / "content" / "articles").as_posix() for p in records}
    assert "2021/05/thanh-xuan-hoc-tap-lam-theo-tu-tuong.md" in names


def test_reimport_writes_the_same_bytes(tmp_path):
    first = snapshot(imported(tmp_path))
    proc = run("import", "seeds", cwd=tmp_path)
    assert "0 written, 5 unchanged" in proc.stdout
    assert snapshot(first) == first


def test_a_record_edited_by_hand_is_kept_unless_forced(tmp_path):
    records = imported(tmp_path)
    edited = records[0]
    text = edited.read_text() + "\nGhi chú của người biên tập.\n"
    edited.write_text(text)
    proc = run("import", "seeds", cwd=tmp_path)
    assert proc.returncode == 0
    assert f"{edited}: edited by hand, not overwritten" in proc.stderr
    assert edited.read_text() == text
    run("import", "seeds", "--force", cwd=tmp_path, check=True)
    assert "Ghi chú của người biên tập." not in edited.read_text()


def test_the_committed_demo_content_is_what_import_produces(tmp_path):
    """content/ in the repository is the import of seeds/, byte for byte."""
    imported(tmp_path)
    ours = tmp_path / "content" / "articles"
    committed = REPO / "content" / "articles"
    mine = {p.relative_to(ours): p.read_bytes() for p in ours.rglob("*.md")}
    theirs = {p.relative_to(committed): p.read_bytes() for p in committed.rglob("*.md")}
    assert mine == theirs


def test_an_unreadable_file_is_skipped_and_the_rest_imported(tmp_path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "rong.txt").write_bytes(b"")
    proc = run("import", "seeds", cwd=tmp_path)
    assert proc.returncode == 3  # something was skipped
    assert "rong.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert len(list((tmp_path / "content" / "articles").rglob("*.md"))) == len(SEEDS)
    assert run("import", "seeds", "--strict", cwd=tmp_path).returncode == 1


def test_check_lists_what_needs_a_look(tmp_path):
    imported(tmp_path)
    proc = run("check", cwd=tmp_path)
    assert proc.returncode == 0
    # seed 004 never says which city its "Phường 9" is in
    assert "locality 'Phường 9' is ambiguous" in proc.stdout
    assert proc.stdout.count("\n") >= 1


def write_raw_articles(folder, n):
    """n short raw articles, each with a title, a date line and two paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        ward = i % 20 + 1
        (folder / f"{i:04d}.txt").write_text(
            f"Phường {ward} ra quân làm sạch đường phố lần thứ {i}\n"
            f"Ngày đăng: {i % 28 + 1:02d}/05/2021 08:{i % 60:02d}\n\n"
            f"Sáng nay, đoàn viên phường {ward} quận Thanh Xuân cùng người dân dọn rác trên {i + 3} tuyến phố, "
            "thực hiện Chỉ thị 05-CT/TW về học tập và làm theo tấm gương đạo đức Hồ Chí Minh.\n\n"
            "Ban tổ chức trao giấy khen cho các tập thể và cá nhân có nhiều đóng góp.\n",
            encoding="utf-8",
        )


def test_many_files_import_on_every_core_exactly_as_one_by_one(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    write_raw_articles(raw, 30)
    (raw / "0005.txt").write_bytes(b"")
    (raw / "0017.txt").write_bytes(b"\x89PNG\r\n\x1a\nnot text")
    forks = []
    get_context = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: forks.append(method) or get_context(method))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)

    def imported(folder, parallel_from):
        monkeypatch.setattr(importer, "PARALLEL_FROM", parallel_from)
        config = Config(root=tmp_path, content_dir=folder)
        report = importer.import_files([raw], config, Registry.empty())
        return report, {p.relative_to(config.content): p.read_bytes() for p in config.content.rglob("*") if p.is_file()}

    one, one_files = imported("one-by-one", 10**6)
    assert forks == []
    every, every_files = imported("every-core", 2)
    assert forks == ["fork"]
    assert every_files == one_files and len(every_files) == 29  # 28 records and the manifest
    assert every.written == one.written
    assert [str(e) for e in every.failed] == [str(e) for e in one.failed]
    assert [e.path for e in every.failed] == ["raw/0005.txt", "raw/0017.txt"]


def test_ctrl_c_stops_a_long_import_cleanly_and_keeps_what_it_wrote(tmp_path):
    write_raw_articles(tmp_path / "raw", 1500)
    proc = subprocess.Popen(
        [sys.executable, "-m", "luutru", "import", "raw"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    articles = tmp_path / "content" / "articles"
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and not any(articles.rglob("*.md")):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal reaches the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # no worker left behind
    manifest = json.loads((tmp_path / "content" / ".luutru-import.json").read_text(encoding="utf-8"))
    assert 0 < len(manifest) < 1500
    # The next import goes on from there: every article once, none twice.
    proc = run("import", "raw", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(list(articles.rglob("*.md"))) == 1500


def test_a_record_names_its_raw_file_as_seen_from_the_site(tmp_path):
    site, outside = tmp_path / "kho", tmp_path / "ngoai"
    write_raw_articles(site / "raw", 2)
    write_raw_articles(outside, 1)
    (site / "raw" / "lien-ket.txt").symlink_to(outside / "0000.txt")
    (site / "ban-sao").symlink_to(site / "raw")  # a second name for the folder
    paths = [site / "raw" / "0000.txt", site / "ban-sao" / "0001.txt", site / "raw" / "lien-ket.txt"]
    report = importer.import_files(paths, Config(root=site), Registry.empty())
    assert report.failed == []
    origins = {read_record(site / "content" / "articles" / r).origin.file for r in report.written}
    # a link to a file outside the site is named as given
    assert origins == {"raw/0000.txt", "raw/0001.txt", (site / "raw" / "lien-ket.txt").as_posix()}
