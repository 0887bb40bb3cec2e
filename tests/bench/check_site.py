"""The page checks of CI on sites of any size: the Nu HTML Checker over every
page, and axe-core in Debian's chromium over a sample of each kind of page
(phone and desktop, light; dark for colours only; the search page over http
with results showing). For large generated corpora, which CI does not build:

    .venv/bin/luutru build          # in the site's folder (--no-search: no search results checked)
    .venv/bin/python tests/bench/check_site.py SITE [SITE ...] [--per-kind N]

Exits 1 when vnu reports an error or axe a serious or critical violation.
"""

import argparse
import collections
import functools
import http.server
import json
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
AXE = (REPO / "tests/browser/node_modules/axe-core/axe.min.js").read_text()
VNU = REPO / "tests/browser/node_modules/vnu-jar/build/dist/vnu.jar"
WCAG = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
COLOURS = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
RUNS = [("phone", PHONE, "light", WCAG), ("desktop", DESKTOP, "light", WCAG), ("phone-dark", PHONE, "dark", COLOURS)]

KINDS = [
    ("home", r"index\.html"),
    ("404", r"404\.html"),
    ("search", r"tim-kiem/index\.html"),
    ("data", r"du-lieu/index\.html"),
    ("article", r"bai-viet/\d{4}/\d\d/[^/]+/index\.html"),
    ("article, undated", r"bai-viet/khong-ngay/[^/]+/index\.html"),
    ("dates", r"thoi-gian/index\.html"),
    ("year", r"thoi-gian/\d{4}/index\.html"),
    ("year, page 2+", r"thoi-gian/\d{4}/trang/\d+/index\.html"),
    ("month", r"thoi-gian/\d{4}/\d\d/index\.html"),
    ("month, page 2+", r"thoi-gian/\d{4}/\d\d/trang/\d+/index\.html"),
    ("undated, any page", r"thoi-gian/khong-ngay/(trang/\d+/)?index\.html"),
    ("localities", r"dia-phuong/index\.html"),
    ("locality page 2+", r"dia-phuong/.+/trang/\d+/index\.html"),
    ("province", r"dia-phuong/[^/]+/index\.html"),
    ("district", r"dia-phuong/[^/]+/[^/]+/index\.html"),
    ("ward", r"dia-phuong/[^/]+/[^/]+/[^/]+/index\.html"),
    ("documents", r"van-ban/index\.html"),
    ("document, page 2+", r"van-ban/[^/]+/trang/\d+/index\.html"),
    ("document", r"van-ban/[^/]+/index\.html"),
]


def kind_of(rel: str) -> str:
    for kind, pattern in KINDS:
        if re.fullmatch(pattern, rel):
            return kind
    return "other"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sites", nargs="+")
    ap.add_argument("--per-kind", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(6)
    sample = []
    counts = collections.Counter()
    for site in map(Path, args.sites):
        by_kind = collections.defaultdict(list)
        for p in sorted(site.rglob("*.html")):
            rel = p.relative_to(site).as_posix()
            if rel.startswith("pagefind/"):
                continue
            by_kind[kind_of(rel)].append(p)
        for kind, pages in sorted(by_kind.items()):
            chosen = pages if len(pages) <= args.per_kind else rng.sample(pages, args.per_kind)
            sample += [(site, kind, p) for p in chosen]
            counts[kind] += len(chosen)
    pages = sum(1 for site in map(Path, args.sites) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    vnu = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "text", *args.sites],
                         capture_output=True, text=True)
    errors = [line for line in (vnu.stdout + vnu.stderr).splitlines() if line.strip()]
    print(f"vnu: {pages} pages, {len(errors)} errors", flush=True)
    for line in errors[:50]:
        print("  " + line)
    print("axe sample:", dict(counts), "total", len(sample), flush=True)
    findings = []
    impacts = collections.Counter()
    checks = 0
    # The search page once more over http (Pagefind does not load from file://), with results showing.
    servers = {}
    for site in sorted({s for s, k, _ in sample if k == "search" and (s / "pagefind" / "pagefind.js").is_file()}):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(Quiet, directory=str(site))
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers[site] = srv
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu"])
        for name, viewport, scheme, rules in RUNS:
            ctx = browser.new_context(viewport=viewport, java_script_enabled=True, color_scheme=scheme)
            page = ctx.new_page()
            for site, kind, path in sample:
                page.goto(path.as_uri())
                if kind == "search":
                    page.wait_for_timeout(300)
                page.evaluate(AXE)
                vs = page.evaluate(
                    "o => axe.run(document, o).then(r => r.violations)", {"resultTypes": ["violations"], "runOnly": rules}
                )
                checks += 1
                for v in vs:
                    impacts[v["impact"]] += 1
                    findings.append((name, kind, str(path), v["impact"], v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]))
            for site, srv in servers.items():
                page.goto(f"http://127.0.0.1:{srv.server_address[1]}/tim-kiem/index.html?q=%C4%90%E1%BA%A3ng+%E1%BB%A7y")
                page.wait_for_selector("#search-results li", timeout=20000)
                page.evaluate(AXE)
                vs = page.evaluate(
                    "o => axe.run(document, o).then(r => r.violations)", {"resultTypes": ["violations"], "runOnly": rules}
                )
                checks += 1
                n = page.locator("#search-results li").count()
                print(f"{name}: search with {n} results shown, {len(vs)} violations", flush=True)
                for v in vs:
                    impacts[v["impact"]] += 1
                    findings.append((name, "search, results", str(site), v["impact"], v["id"], v["help"], [x["target"] for x in v["nodes"][:3]]))
            ctx.close()
        browser.close()
    print(f"axe runs: {checks} ({len(sample)} pages × {len(RUNS)} settings); violations by impact: {dict(impacts)}")
    for f in findings:
        print(json.dumps(f, ensure_ascii=False))
    sys.exit(1 if errors or any(f[3] in ("serious", "critical") for f in findings) else 0)


if __name__ == "__main__":
    main()
