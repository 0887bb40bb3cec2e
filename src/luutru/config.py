"""luutru.yaml → a frozen `Config`, with every problem reported at once.

Each setting owns its conversion and its message (as click's converters do),
so adding a setting is one entry in `SETTINGS`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import yaml

from .errors import ConfigError, ManyErrors

CONFIG_NAME = "luutru.yaml"
LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class Config:
    root: Path  # the folder holding luutru.yaml: relative settings are relative to it
    title: str = "Lưu trữ tin địa phương"
    description: str = ""
    language: str = "vi"
    base_url: str = ""  # absolute URL of the deployed site, for feeds and sitemaps
    page_size: int = 20
    home_size: int = 10
    content_dir: str = "content"
    output_dir: str = "site"
    cache_dir: str = ".luutru-cache"
    pretty_urls: bool = False  # links end in "/" rather than "index.html" (no file:// then)
    sources: tuple[tuple[str, str], ...] = ()  # source tag or site → province
    loader: dict = field(default_factory=dict, compare=False, hash=False)
    path: Path | None = None  # the file read, if any

    @property
    def content(self) -> Path:
        return self.root / self.content_dir

    @property
    def output(self) -> Path:
        return self.root / self.output_dir

    @property
    def cache(self) -> Path:
        return self.root / self.cache_dir


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value.strip()


def _language(value: Any) -> str:
    if value not in LANGUAGES:
        raise ValueError(f"must be one of {', '.join(LANGUAGES)}")
    return value


def _base_url(value: Any) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise ValueError("must be an absolute URL such as https://example.org/archive/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an absolute URL such as https://example.org/archive/")
    return value if value.endswith("/") else value + "/"


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number of at least 1")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _folder(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a folder name")
    return value.strip()


def _sources(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError("must map a source tag or site to a province, e.g. {HNP: Hà Nội}")
    return tuple(sorted(value.items()))


def _mapping(value: Any) -> dict:
    if not isinstance(value, dict):
        raise ValueError("must be a mapping of settings")
    return value


SETTINGS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    # key in luutru.yaml: (field of Config, converter)
    "title": ("title", _text),
    "description": ("description", _text),
    "language": ("language", _language),
    "base_url": ("base_url", _base_url),
    "page_size": ("page_size", _positive_int),
    "home_size": ("home_size", _positive_int),
    "content": ("content_dir", _folder),
    "output": ("output_dir", _folder),
    "cache": ("cache_dir", _folder),
    "pretty_urls": ("pretty_urls", _bool),
    "sources": ("sources", _sources),
    "loader": ("loader", _mapping),
}


def key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key, so messages can point at it."""
    try:
        node = yaml.compose(text)
    except (yaml.YAMLError, RecursionError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)
    }


def yaml_error(path: Path | str, exc: yaml.YAMLError, cls=ConfigError, offset: int = 0):
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + offset if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    return cls(path, f"invalid YAML: {problem}", line)


def parse_config(text: str, root: Path, path: Path | None = None) -> Config:
    where = path or root / CONFIG_NAME
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise yaml_error(where, exc) from None
    except ValueError as exc:  # PyYAML builds dates with datetime: "2021-02-30"
        raise ConfigError(where, f"invalid value: {exc}") from None
    except RecursionError:
        raise ConfigError(where, "settings are nested too deeply") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(where, "must be a mapping of settings (key: value)", 1)
    lines = key_lines(text)
    values: dict[str, Any] = {}
    errors = []
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in SETTINGS:
            close = difflib.get_close_matches(str(key), SETTINGS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            known = ", ".join(SETTINGS)
            errors.append(ConfigError(where, f"unknown setting '{key}'{hint}; known: {known}", line))
            continue
        name, convert = SETTINGS[key]
        try:
            values[name] = convert(value)
        except ValueError as exc:
            errors.append(ConfigError(where, f"'{key}' {exc}", line))
    if "loader" in values:
        from .loader.rules import Rules

        try:  # the loader's rules own their validation and messages
            Rules.merged(values["loader"], str(where))
        except ConfigError as exc:
            errors.append(ConfigError(where, exc.message, exc.line or lines.get("loader")))
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
    return Config(root=root, path=path, **values)


def load_config(root: Path) -> Config:
    """Read root/luutru.yaml; a missing file means all defaults."""
    path = root / CONFIG_NAME
    if not path.exists():
        return Config(root=root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from None
    return parse_config(text, root, path)
