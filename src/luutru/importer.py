"""`luutru import`: raw text files → one record each under content/articles/.

A record keeps its path across re-imports (the manifest maps each origin file
to its record) and is never overwritten once a person has edited it: the
manifest also remembers the hash of the bytes import last wrote.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import content
from .config import Config
from .errors import InputError, LuutruError
from .loader import load_article
from .loader.rules import Rules
from .model import Article
from .output import write_atomic
from .registry import Registry

MANIFEST = ".luutru-import.json"


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by hand, not overwritten
    failed: list[LuutruError] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_files(paths: list[Path]) -> tuple[list[Path], list[LuutruError]]:
    files, errors = [], []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.txt") if q.is_file())
            if not found:
                errors.append(InputError(p, "folder holds no .txt files"))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(InputError(p, "no such file or folder"))
    return files, errors


def origin_name(path: Path, root: Path) -> str:
    """How the record names its raw file: relative to the site when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class Manifest:
    """origin file → {record, sha256 of the bytes import wrote}."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, dict[str, str]] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(path, f"import manifest is unreadable ({exc}); delete it to start afresh") from None
            if isinstance(data, dict):
                self.entries = {k: v for k, v in data.items() if isinstance(v, dict) and "record" in v}

    def save(self) -> None:
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomic(self.path, text.encode("utf-8"))


def import_files(
    paths: list[Path],
    config: Config,
    registry: Registry,
    *,
    force: bool = False,
    say: Callable[[str], None] = lambda s: None,
) -> ImportReport:
    report = ImportReport()
    files, errors = input_files(paths)
    report.failed.extend(errors)
    rules = Rules.merged({**config.loader, **({"sources": dict(config.sources)} if config.sources else {})}, str(config.path or "luutru.yaml"))
    articles_dir = config.content / content.ARTICLES
    manifest = Manifest(config.content / MANIFEST)
    claimed = {v["record"] for v in manifest.entries.values()}
    try:
        for path in files:
            origin = origin_name(path, config.root)
            try:
                data = path.read_bytes()
            except OSError as exc:
                report.failed.append(InputError(path, f"cannot read: {exc.strerror or exc}"))
                continue
            try:
                article = content.escape_body(load_article(data, origin, rules=rules, registry=registry))
            except LuutruError as exc:
                report.failed.append(exc)
                continue
            text = content.to_text(article).encode("utf-8")
            entry = manifest.entries.get(origin)
            if entry:
                record = entry["record"]
            else:
                record = content.free_record_name(article, articles_dir, claimed)
                claimed.add(record)
            target = articles_dir / record
            if target.exists():
                current = target.read_bytes()
                if current == text:
                    report.unchanged.append(record)
                    manifest.entries[origin] = {"record": record, "sha256": sha256(text)}
                    continue
                edited = not entry or entry.get("sha256") != sha256(current)
                if edited and not force:
                    report.kept.append(record)
                    say(f"{target}: edited by hand, not overwritten (use --force to replace it)")
                    continue
            write_atomic(target, text)
            manifest.entries[origin] = {"record": record, "sha256": sha256(text)}
            report.written.append(record)
    finally:
        if report.written or report.unchanged:
            manifest.save()
    return report
