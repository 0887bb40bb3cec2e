"""luutru import: raw files become records; re-import is idempotent and respects hand edits."""

import shutil

from conftest import REPO, run

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
