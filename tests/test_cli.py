"""The command line as a user meets it: messages, exit codes, nothing lost."""

import shutil

from conftest import REPO, make_site, record, run


def test_build_without_content_says_what_to_do(tmp_path):
    proc = run("build", cwd=tmp_path)
    assert proc.returncode == 1
    assert "content folder not found" in proc.stderr and "Traceback" not in proc.stderr


def test_an_unknown_setting_stops_the_build_with_its_line(tmp_path):
    root = make_site(tmp_path, {"a.md": record("A")}, "title: Kho\nlanguge: en\n")
    proc = run("build", cwd=root)
    assert proc.returncode == 1
    assert "luutru.yaml:2: unknown setting 'languge' (did you mean 'language'?)" in proc.stderr


def test_broken_records_are_all_reported_and_nothing_is_written(tmp_path):
    root = make_site(
        tmp_path,
        {
            "a.md": "---\ntitle: [mở\n---\n",
            "b.md": "---\ntitle: B\npublished: [2021]\n---\n",
            "c.md": record("C"),
        },
    )
    proc = run("build", cwd=root)
    assert proc.returncode == 1
    assert "articles/a.md:" in proc.stderr and "invalid YAML" in proc.stderr
    assert "articles/b.md:3: 'published' must be a date" in proc.stderr
    assert not (root / "site").exists()


def test_import_of_a_missing_folder_is_an_error(tmp_path):
    proc = run("import", "khong-co", cwd=tmp_path)
    assert proc.returncode != 0
    assert "khong-co: no such file or folder" in proc.stderr and "Traceback" not in proc.stderr


def test_new_creates_a_record_with_today_and_empty_fields(tmp_path):
    proc = run("new", "Tiêu đề: bài gõ tay", cwd=tmp_path)
    assert proc.returncode == 0
    path = tmp_path / proc.stdout.strip()
    text = path.read_text()
    assert text.startswith("---\ntitle: 'Tiêu đề: bài gõ tay'\npublished: ")
    assert "author: null\n" in text and "documents: []\n" in text
    assert run("build", cwd=tmp_path).returncode == 0


def test_help_lists_every_command():
    proc = run("--help", cwd=REPO)
    for command in ("import", "build", "serve", "new", "check"):
        assert command in proc.stdout


def test_build_without_search_leaves_the_index_to_the_next_build(tmp_path):
    root = make_site(tmp_path, {"a.md": record("Bài về đường làng", body="Đường làng mới làm xong.")})
    proc = run("build", "-q", "--no-search", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert (root / "site" / "index.html").is_file() and not (root / "site" / "pagefind").exists()
    proc = run("build", "-q", cwd=root)  # nothing changed, but the index is owed
    assert proc.returncode == 0, proc.stderr
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_wrong_usage_exits_2_with_the_usage_and_no_traceback(tmp_path):
    for args, message in (
        (["buidl"], "invalid choice: 'buidl'"),
        (["import"], "the following arguments are required: PATH"),
        (["build", "--khong-co"], "unrecognized arguments: --khong-co"),
        (["serve", "--port", "tám nghìn"], "invalid int value"),
    ):
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 2, args
        assert message in proc.stderr and "usage: luutru" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "site").exists() and not (tmp_path / "content").exists()


def test_the_cache_folder_can_be_chosen_and_deleting_it_gives_a_cold_build(tmp_path):
    root = make_site(tmp_path, {"a.md": record("Bài một", "2021-05-01")})
    elsewhere = tmp_path / "bo-nho-dem"
    assert run("build", "-q", "--no-search", "--cache", str(elsewhere), cwd=root).returncode == 0
    assert (elsewhere / "cache.sqlite3").is_file() and not (root / ".luutru-cache").exists()
    again = run("build", "--no-search", "--cache", str(elsewhere), cwd=root)
    assert "nothing changed" in again.stdout, again.stdout  # the cache was found there
    shutil.rmtree(elsewhere)
    cold = run("build", "--no-search", "--cache", str(elsewhere), cwd=root)
    assert cold.returncode == 0 and (elsewhere / "cache.sqlite3").is_file()
    assert "nothing changed" not in cold.stdout and "(14 rendered)" in cold.stdout, cold.stdout
