"""Fuzz the loader and the record reader (issue 6). Not part of `make test`.

    .venv/bin/python tests/fuzz_loader.py [--seconds 600] [--hypothesis] [--examples N]

With atheris installed (`.venv/bin/pip install atheris`), a coverage-guided
run (libFuzzer) over two targets, chosen by the input's first byte:

- raw file: bytes → load_article → escape_body → to_text → parse_record,
  which must give back the same Article (and the same bytes again);
- record: text → parse_record, and an Article it reads must survive
  to_text → parse_record unchanged.

Any exception but a LuutruError is a crash: libFuzzer stops, prints the
traceback and saves the input as crash-<sha1> in --artifacts. The seed
corpus is the demo seeds, the loader's labelled corpus and the demo records.
Without atheris (or with --hypothesis) the same two targets run under
hypothesis with many examples. Either way the figures are printed at the end:
inputs tried, how many became Articles, how many were refused with a luutru
error, crashes.
"""

from __future__ import annotations

import argparse
import atexit
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

COUNTS = {"inputs": 0, "articles": 0, "refused": 0, "records": 0, "bad records": 0}
STARTED = time.monotonic()


def targets():
    from luutru.content import escape_body, parse_record, to_text
    from luutru.errors import LuutruError
    from luutru.loader import load_article
    from luutru.loader.rules import Rules

    rules = Rules.default()

    def raw_file(data: bytes) -> None:
        try:
            article = escape_body(load_article(data, "fuzz.txt", rules=rules))
        except LuutruError:
            COUNTS["refused"] += 1
            return
        COUNTS["articles"] += 1
        text = to_text(article)
        back = parse_record(text, "fuzz.md")
        if back != article:
            raise AssertionError(f"record does not read back the same:\n{text!r}\n{article!r}\n{back!r}")
        if to_text(back) != text:
            raise AssertionError(f"record does not write the same bytes twice:\n{text!r}")

    def record(data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        try:
            article = parse_record(text, "fuzz.md")
        except LuutruError:
            COUNTS["bad records"] += 1
            return
        COUNTS["records"] += 1
        again = parse_record(to_text(article), "fuzz.md")
        if again != article:
            raise AssertionError(f"a record read, written and read again changed:\n{text!r}\n{article!r}\n{again!r}")

    def one(data: bytes) -> None:
        COUNTS["inputs"] += 1
        if COUNTS["inputs"] % 5000 == 0:
            report(STARTED, None)  # libFuzzer ends the process without returning: figures as it goes
        if not data:
            return
        (record if data[0] & 1 else raw_file)(data[1:])

    return one


def seeds() -> list[bytes]:
    found = []
    for folder, mark in ((REPO / "seeds", 0), (REPO / "tests" / "corpus", 0), (REPO / "content" / "articles", 1)):
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.suffix in (".txt", ".md"):
                found.append(bytes([mark]) + p.read_bytes()[:6000])
    return found


def report(started: float, crashes: int | None) -> None:
    seconds = time.monotonic() - started
    print(
        f"\nfuzz_loader: {COUNTS['inputs']} inputs in {seconds:.0f} s "
        f"({COUNTS['inputs'] / max(seconds, 1e-9):.0f}/s): raw files → {COUNTS['articles']} articles, "
        f"{COUNTS['refused']} refused with a luutru error; records → {COUNTS['records']} read, "
        f"{COUNTS['bad records']} refused with a luutru error"
        + (f"; crashes: {crashes}" if crashes is not None else ""),
        flush=True,
    )


def with_atheris(args) -> None:
    import atheris

    with atheris.instrument_imports(include=["luutru"]):
        one = targets()
    corpus = Path(args.artifacts) / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(seeds()):
        (corpus / f"seed-{i:03d}").write_bytes(data)
    global STARTED
    STARTED = time.monotonic()
    atexit.register(report, STARTED, None)
    argv = [
        sys.argv[0], str(corpus),
        f"-max_total_time={args.seconds}", f"-artifact_prefix={args.artifacts}/", "-max_len=8192",
        "-rss_limit_mb=4096", "-timeout=30", "-print_final_stats=1",
    ]
    atheris.Setup(argv, one)
    atheris.Fuzz()


def with_hypothesis(args) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    one = targets()
    pieces = [s[:400] for s in seeds()]
    crashes = []

    from luutru.content import KEYS

    # Record-shaped text: known and unknown keys, values of every YAML kind.
    values = st.one_of(
        st.text(max_size=40),
        st.sampled_from([
            "null", "~", "''", "'a''b'", '"\\u00e9\\x41"', "[]", "{}", "[a, b]", "[[a]]", "{name: Tân An, level: phường}",
            "{name: x, level: tỉnh, province: y, district: z}", "{file: a.txt, sha256: ab}", "2021-05-11", "2021-02-30",
            "2021-05-11T09:41+07:00", "2021-05-11 09:41:30.5", "12", "-3", "1e9", ".inf", "yes", "!!binary aGk=",
            "&a x", "*a", "|\n  nhiều\n  dòng", ">-\n  gấp", "'", "[", "{", "- x", "? x", "%x", "@x", "`x`",
        ]),
    )
    known = st.sampled_from(KEYS)
    line = st.tuples(st.one_of(known, known, known, st.text(max_size=10)), values).map(lambda kv: f"{kv[0]}: {kv[1]}")
    records = st.tuples(
        st.tuples(st.text(max_size=60), st.lists(line, max_size=8)).map(lambda t: [f"title: {t[0]}", *t[1]]),
        st.lists(st.one_of(st.text(max_size=100), st.sampled_from(["{: .caption}", "", "---", "\\+ Một", "# x"])), max_size=8),
        st.sampled_from(["\n", "\r\n", "\r"]),
    ).map(lambda r: b"\1" + r[2].join(["---", *r[0], "---", "", *r[1]]).encode("utf-8", "surrogatepass"))

    @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(
        st.binary(max_size=4000),
        st.lists(st.one_of(st.text(max_size=200), st.sampled_from([p[1:].decode("utf-8", "replace") for p in pieces])), max_size=20)
        .map(lambda xs: "\n".join(xs)).map(lambda t: b"\0" + t.encode("utf-8", "surrogatepass")),
        records,
    ))
    def run(data):
        try:
            one(data)
        except Exception as exc:  # noqa: BLE001
            crashes.append((data, exc))
            raise

    global STARTED
    started = STARTED = time.monotonic()
    try:
        run()
    except Exception as exc:  # noqa: BLE001
        print(f"crash: {type(exc).__name__}: {exc}", file=sys.stderr)
    report(started, len(crashes))
    sys.exit(1 if crashes else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=600, help="atheris: how long to run (default 600)")
    ap.add_argument("--artifacts", default="/tmp/luutru-fuzz", help="atheris: where crash inputs and the corpus go")
    ap.add_argument("--hypothesis", action="store_true", help="use hypothesis even if atheris is installed")
    ap.add_argument("--examples", type=int, default=20000, help="hypothesis: inputs to try (default 20000)")
    args, _ = ap.parse_known_args()
    if not args.hypothesis:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed: using hypothesis", file=sys.stderr)
            args.hypothesis = True
    (with_hypothesis if args.hypothesis else with_atheris)(args)


if __name__ == "__main__":
    main()
