"""Per-field accuracy of the loader over the labelled corpus (tests/corpus/).

    python tests/eval_loader.py            the table
    python tests/eval_loader.py -v         … and every mismatch, field by field
    python tests/eval_loader.py --corpus DIR   another labelled folder (its own
                                           expected.yaml): a held-out set

The corpus holds articles the loader was not written against, in the many
forms portals give them (see tests/corpus/expected.yaml). The table is what
`make eval` prints; tests/test_eval.py holds the loader to its targets.
Exit status 0 whatever the scores: this is a report, the test is the gate.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from luutru.loader import load_article  # noqa: E402
from luutru.model import FLAGS, Article  # noqa: E402
from luutru.registry import Registry  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
SEEDS = ROOT / "seeds"

# The targets of issue 3, on articles the loader has never seen.
TARGETS = {"title": 0.95, "date": 0.95, "time": 0.95, "province": 0.90, "documents F1": 0.90}

_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;&]|\s[-–]\s|\svà\s)\s*")


def registry() -> Registry:
    path = ROOT / "content" / "documents.yaml"
    return Registry.from_yaml(path.read_text(encoding="utf-8"), str(path))


def expected(corpus: Path = CORPUS) -> list[dict]:
    return yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))


def _published(value) -> dt.datetime | dt.date | None:
    if value is None:
        return None
    value = str(value)
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def _same_published(got, want) -> bool:
    """Equal values of the same kind: a date is never a datetime at midnight."""
    if want is None or got is None:
        return got is want
    return type(got) is type(want) and got == want


def _date_of(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _authors(text: str | None) -> frozenset[str] | None:
    if text is None:
        return None
    return frozenset(p.strip() for p in _AUTHOR_SPLIT.split(text) if p.strip())


def _space(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _body_ok(a: Article, want: dict) -> list[str]:
    """What is wrong with the body, as short notes (empty: right)."""
    notes = []
    paragraphs = a.paragraphs
    if not paragraphs or not paragraphs[-1].endswith(want["body_ends_with"]):
        notes.append(f"ends with {paragraphs[-1][-60:] if paragraphs else None!r}")
    texts = [b.text for b in a.body]
    for phrase in want.get("not_in_body", []):
        if any(phrase in t for t in texts):
            notes.append(f"furniture {phrase!r} in the body")
    if "captions" in want and list(a.captions) != want["captions"]:
        notes.append(f"captions {list(a.captions)!r}")
    if want.get("lead_once") and len(paragraphs) > 1 and paragraphs[0] == paragraphs[1]:
        notes.append("lead repeated")
    return notes


@dataclass
class Report:
    total: int = 0
    right: dict[str, int] = field(default_factory=dict)
    doc_tp: int = 0
    doc_fp: int = 0
    doc_fn: int = 0
    false_dates: int = 0
    no_date_cases: int = 0
    mismatches: list[tuple[str, str, object, object]] = field(default_factory=list)
    seconds: float = 0.0
    kilobytes: float = 0.0

    def score(self, name: str, ok: bool, file: str, got=None, want=None) -> None:
        self.right[name] = self.right.get(name, 0) + int(ok)
        if not ok:
            self.mismatches.append((file, name, got, want))

    def accuracy(self, name: str) -> float:
        return self.right.get(name, 0) / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return self.doc_tp / (self.doc_tp + self.doc_fp) if self.doc_tp + self.doc_fp else 1.0

    @property
    def recall(self) -> float:
        return self.doc_tp / (self.doc_tp + self.doc_fn) if self.doc_tp + self.doc_fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def metrics(self) -> dict[str, float]:
        out = {name: self.accuracy(name) for name in self.right}
        out.update({"documents P": self.precision, "documents R": self.recall, "documents F1": self.f1})
        return out


def evaluate(entries: list[dict] | None = None, reg: Registry | None = None, corpus: Path = CORPUS) -> Report:
    entries = entries if entries is not None else expected(corpus)
    reg = reg if reg is not None else registry()
    report = Report()
    for want in entries:
        name = want["file"]
        data = (corpus / name).read_bytes()
        start = time.perf_counter()
        a = load_article(data, f"tests/{corpus.name}/{name}", registry=reg)
        report.seconds += time.perf_counter() - start
        report.kilobytes += len(data) / 1024
        report.total += 1

        report.score("title", _space(a.title) == _space(want["title"]), name, a.title, want["title"])
        published = _published(want["published"])
        report.score("date", _date_of(a.published) == _date_of(published), name, a.published, published)
        report.score("time", _same_published(a.published, published), name, a.published, published)
        if published is None:
            report.no_date_cases += 1
            report.false_dates += a.published is not None
        report.score("author", _authors(a.author) == _authors(want["author"]), name, a.author, want["author"])
        report.score("source", a.source == want["source"], name, a.source, want["source"])
        where = a.locality
        report.score("province", (where.province if where else None) == want["province"], name,
                     where.province if where else None, want["province"])
        loc = (where.name, where.level) if where else None
        want_loc = (want["locality"]["name"], want["locality"]["level"])
        report.score("locality", loc == want_loc, name, loc, want_loc)
        flags = set(want.get("flags", [])) | ({"no-documents"} if not want["documents"] else set())
        got_flags = set(a.flags) & set(FLAGS)
        report.score("flags", got_flags == flags, name, sorted(got_flags), sorted(flags))
        notes = _body_ok(a, want)
        report.score("body", not notes, name, notes, "")

        got, wanted = set(a.documents), set(want["documents"])
        report.doc_tp += len(got & wanted)
        report.doc_fp += len(got - wanted)
        report.doc_fn += len(wanted - got)
        if got != wanted:
            report.mismatches.append((name, "documents", sorted(got - wanted), sorted(wanted - got)))
    return report


def seed_cost() -> tuple[float, float]:
    """Milliseconds per seed article and per KB of seed text (best of 5 runs)."""
    reg = registry()
    files = sorted(SEEDS.glob("*.txt"))
    datas = [(f.name, f.read_bytes()) for f in files]
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for name, data in datas:
            load_article(data, name, registry=reg)
        best = min(best, time.perf_counter() - start)
    kb = sum(len(d) for _, d in datas) / 1024
    return best * 1000 / len(datas), best * 1000 / kb


ROWS = ("title", "date", "time", "author", "source", "province", "locality", "flags", "body")


def table(report: Report) -> str:
    metrics = report.metrics()
    lines = [f"{'field':<14} {'score':>7}  {'target':>7}", "-" * 32]
    for name in ROWS:
        target = TARGETS.get(name)
        lines.append(f"{name:<14} {metrics.get(name, 0):>7.1%}  {target and f'{target:.0%}' or '':>7}")
    for name in ("documents P", "documents R", "documents F1"):
        target = TARGETS.get(name)
        lines.append(f"{name:<14} {metrics[name]:>7.3f}  {target and f'{target:.2f}' or '':>7}")
    lines.append(f"{'false dates':<14} {report.false_dates:>7}  {'0':>7}   (of {report.no_date_cases} articles without a date)")
    lines.append("-" * 32)
    lines.append(f"{report.total} articles, {report.kilobytes:.1f} KB")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    corpus = CORPUS
    if "--corpus" in argv:
        at = argv.index("--corpus")
        if at + 1 >= len(argv) or not (Path(argv[at + 1]) / "expected.yaml").is_file():
            print("eval_loader: --corpus needs a folder holding expected.yaml", file=sys.stderr)
            return 2
        corpus = Path(argv[at + 1]).resolve()
    report = evaluate(corpus=corpus)
    print(table(report))
    # A warm second pass for the cost: the first pays for building the
    # gazetteer and compiling patterns, once per process.
    warm = evaluate(corpus=corpus)
    per_seed, per_seed_kb = seed_cost()
    print(
        f"cost: corpus {warm.seconds * 1000 / warm.total:.2f} ms/article, "
        f"{warm.seconds * 1000 / warm.kilobytes:.3f} ms/KB; "
        f"seeds {per_seed:.2f} ms/article, {per_seed_kb:.3f} ms/KB"
    )
    if "-v" in argv:
        for file, name, got, want in report.mismatches:
            print(f"{file}: {name}: got {got!r}, want {want!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
