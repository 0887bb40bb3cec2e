"""load → model → render → write: the whole site, or nothing.

Two phases: gather and check every input (all problems reported at once),
then write every page into a staging folder that replaces the old site
only when all of it succeeded.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import content
from .config import Config
from .errors import LuutruError, ManyErrors, RecordError
from .model import Article
from .output import check_replaceable, clean_leftovers, discard, new_staging, swap_in
from .registry import Registry
from .render import make_environment, render_page, static_dirs
from .site import Site, build_site, origin_url

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    articles: int
    files: int


def read_registry(config: Config) -> Registry:
    path = config.content / content.REGISTRY
    if not path.exists():
        return Registry.empty()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(path, f"cannot read: {exc}") from None
    return Registry.from_yaml(text, str(path))


def place_facts():
    """What the gazetteer says of a unit: its level and its name since 2025."""
    from functools import lru_cache

    from .gazetteer import Gazetteer, current_name

    gazetteer = Gazetteer.load()

    @lru_cache(maxsize=None)
    def facts(name, level, province, district):
        units = gazetteer.lookup(name, level, province)
        if district:
            units = tuple(u for u in units if u.district == district) or units
        if len(units) != 1:
            return None, None
        unit = units[0]
        now = current_name(unit)
        if now and now.casefold() == f"{unit.level} {unit.name}".casefold():
            now = None  # unchanged by the reform: nothing to say
        return unit.level, now

    return facts


def gather(config: Config) -> tuple[list[tuple[str, Article]], Registry]:
    """Every record and the registry, or every problem found in them."""
    if not config.content.is_dir():
        raise LuutruError(config.content, "content folder not found (run 'luutru import' first, or pass --content)")
    errors: list[LuutruError] = []
    records = []
    for path in content.record_paths(config.content):
        key = path.relative_to(config.content).as_posix()
        shown = str(path)
        if not content.inside(path, config.content):
            errors.append(RecordError(shown, "is a link to a file outside the content folder; not read"))
            continue
        try:
            records.append((key, content.read_record(path, shown)))
        except LuutruError as exc:
            errors.append(exc)
    try:
        registry = read_registry(config)
    except LuutruError as exc:
        errors.append(exc)
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
    return records, registry


def origin_files(config: Config, records: list[tuple[str, Article]]) -> dict[str, Path]:
    """The raw files still at hand, published beside their articles for provenance."""
    found = {}
    for _, article in records:
        if article.origin is None:
            continue
        src = Path(article.origin.file)
        src = src if src.is_absolute() else config.root / src
        if src.is_file():
            found[article.origin.file] = src
    return found


def build(config: Config, progress: Progress | None = None) -> BuildResult:
    records, registry = gather(config)
    origins = origin_files(config, records)
    site = build_site(config, records, registry, frozenset(origins), place_facts())
    env = make_environment(config)
    out = config.output
    check_replaceable(out)
    clean_leftovers(out)
    staging = new_staging(out)
    try:
        files = write_site(config, site, env, staging, origins, progress)
        swap_in(staging, out)
    except BaseException:
        discard(staging)
        raise
    return BuildResult(out, len(site.pages), len(site.entries), files)


def write_site(config: Config, site: Site, env, staging: Path, origins: dict[str, Path], progress: Progress | None) -> int:
    total = len(site.pages)
    made_dirs: set[Path] = set()
    for n, page in enumerate(site.pages, start=1):
        data = render_page(env, page)
        target = staging / page.output
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        target.write_bytes(data)
        if progress and n % 500 == 0:  # only long builds report
            progress(n, total)
    files = total
    for e in site.entries:
        if e.article.origin and e.article.origin.file in origins:
            shutil.copyfile(origins[e.article.origin.file], staging / origin_url(e))
            files += 1
    for folder in static_dirs(config.root):
        shutil.copytree(folder, staging / "static", dirs_exist_ok=True)
        files += sum(1 for p in folder.rglob("*") if p.is_file())
    return files
