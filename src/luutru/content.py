"""Article ⇄ Markdown record with YAML front matter.

The same record always writes the same bytes: keys in a fixed order, flow
style for small mappings and lists, ISO dates. Reading checks every key and
type and reports `path:line: problem`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import frontmatter
from .config import key_lines, yaml_error
from .errors import RecordError
from .markup import CAPTION_MARK, escape
from .model import FLAGS, LEVELS, VIETNAM, Article, Block, Locality, Origin

FENCE = "---"
# libyaml's loader where present: ten times faster on thousands of records.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KEYS = (
    "title",
    "published",
    "author",
    "author_unit",
    "source",
    "section",
    "views",
    "locality",
    "places",
    "documents",
    "origin",
    "slug",
    "flags",
)
# Written even when empty, so a person sees every field there is to fill.
ALWAYS = {"title", "published", "author", "source", "section", "views", "locality", "places", "documents"}


def _dump(key: str, value: Any) -> str:
    """One front-matter line, byte for byte as PyYAML writes it (`yaml_line`).

    PyYAML's emitter is pure Python and cost a third of an import, so the
    usual values (one line of printable text, whole numbers, null, flat lists
    and mappings of those) are written here; anything else goes to PyYAML.
    A property test holds the two to the same bytes.
    """
    line = fast_line(key, value)
    return line if line is not None else yaml_line(key, value)


_WIDTH = 1 << 20  # no folding of long lines (a record's line is one value)


def yaml_line(key: str, value: Any) -> str:
    # Lists and small mappings on one line, scalars quoted only where YAML needs it.
    flow = isinstance(value, (list, dict))
    if flow:
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=True, width=_WIDTH)
        return f"{key}: {text.strip()}\n"
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=_WIDTH)


# Characters PyYAML (allow_unicode) writes as they are: printable, and no
# line break (\x85, \u2028, \u2029) or byte-order mark. Text with any other is
# escaped or folded by rules not repeated here.
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+")
# What may not start a plain scalar (PyYAML's Emitter.analyze_scalar).
_LEADING_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",?[]{}:")
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# Far below _WIDTH: PyYAML breaks a line only once it passes the width.
_FAST_MAX = 10_000


def fast_line(key: str, value: Any) -> str | None:
    """`yaml_line(key, value)` for the usual values; None when unsure."""
    if isinstance(value, list):
        items = [_scalar(v, flow=True) for v in value]
        if None in items:
            return None
        text = f"[{', '.join(items)}]"
    elif isinstance(value, dict):
        values = [_scalar(v, flow=True) for v in value.values()]
        if None in values or not all(_plain_key(k, flow=True) for k in value):
            return None
        text = "{" + ", ".join(f"{k}: {v}" for k, v in zip(value, values)) + "}"
    else:
        text = _scalar(value, flow=False)
        if text is None:
            return None
    line = f"{key}: {text}\n"
    return line if len(line) < _FAST_MAX and _plain_key(key, flow=False) else None


@lru_cache(maxsize=256)  # a record has a dozen keys
def _plain_key(key: Any, flow: bool) -> bool:
    # A key that needs quotes, or a long one (PyYAML writes "? key"), goes to PyYAML.
    return isinstance(key, str) and len(key) <= 100 and _scalar(key, flow) == key


def _scalar(value: Any, flow: bool) -> str | None:
    """A scalar as PyYAML writes it in block (flow=False) or flow context, or None."""
    if value is None:
        return "null"
    if type(value) is int:  # not bool
        return str(value)
    return _text(value, flow) if type(value) is str else None


@lru_cache(maxsize=4096)  # names, ids and tags come back in record after record
def _text(value: str, flow: bool) -> str | None:
    if not _PRINTABLE.fullmatch(value):
        return None  # also "" (PyYAML: '')
    if _plain_allowed(value, flow) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR:
        return value
    return "'" + value.replace("'", "''") + "'"


def _plain_allowed(text: str, flow: bool) -> bool:
    """PyYAML's analyze_scalar for one line of printable text: may it be plain?"""
    first, alone = text[0], len(text) == 1 or text[1] == " "
    if (
        first == " "
        or text[-1] == " "
        or text.startswith(("---", "..."))
        or first in _LEADING_INDICATORS
        or (first == "-" and alone)
        or (first in "?:" and (alone or flow))
        or " #" in text
    ):
        return False
    if flow:
        return _FLOW_INDICATORS.isdisjoint(text[1:])
    return ": " not in text and not text.endswith(":")


def _published_text(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    return value.isoformat()


def front_matter(article: Article) -> str:
    lines = []
    for key in KEYS:
        value = getattr(article, key)
        if key == "published" and value is not None:
            lines.append(f"published: {_published_text(value)}\n")
            continue
        if key == "locality" and value is not None:
            value = {"name": value.name, "level": value.level, "province": value.province}
            if article.locality.district:
                value["district"] = article.locality.district
        elif key == "origin" and value is not None:
            value = {"file": value.file, "sha256": value.sha256}
        elif isinstance(value, tuple):
            value = list(value)
        if key not in ALWAYS and value in (None, []):
            continue
        lines.append(_dump(key, value))
    return "".join(lines)


def body_markdown(blocks: tuple[Block, ...]) -> str:
    parts = []
    for block in blocks:
        parts.append(f"{block.text}\n{CAPTION_MARK}" if block.kind == "caption" else block.text)
    return "\n\n".join(parts)


def to_text(article: Article) -> str:
    """The record file's text. Block texts are Markdown source already."""
    body = body_markdown(article.body)
    return f"{FENCE}\n{front_matter(article)}{FENCE}\n" + (f"\n{body}\n" if body else "")


def escape_body(article: Article) -> Article:
    """Plain text from the loader → Markdown source for a record."""
    from dataclasses import replace

    return replace(article, body=tuple(Block(b.kind, escape(b.text)) for b in article.body))


# --- reading ---------------------------------------------------------------


def split_record(text: str, path: Path | str) -> tuple[str, str, int]:
    """Return (front matter, body, line where the body starts)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise RecordError(path, "a record starts with a '---' line, then front matter", 1)
    for i in range(1, len(lines)):
        if lines[i].rstrip() == FENCE:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise RecordError(path, "front matter has no closing '---' line", 1)


def parse_blocks(body: str) -> tuple[Block, ...]:
    blocks = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        if lines[-1].strip() == CAPTION_MARK:
            blocks.append(Block("caption", "\n".join(lines[:-1]).strip()))
        else:
            blocks.append(Block("paragraph", chunk.strip()))
    return tuple(blocks)


class _Fields:
    """Converts front-matter values, raising RecordError at the key's line."""

    def __init__(self, path, head: str):
        self.path, self.head = path, head

    def line(self, key: str) -> int | None:
        # Lines are found only when something is wrong: composing costs as much as loading.
        try:
            return key_lines(self.head).get(key, -1) + 1 or None
        except RecursionError:  # issue 6: PyYAML's pure-Python composer on [[[[…]]]]
            return None

    def fail(self, key: str, message: str):
        raise RecordError(self.path, f"'{key}' {message}", self.line(key))

    def text(self, key, value, required=False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, "is required and must be text")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # "source: 24" is a tag, not a number
        if not isinstance(value, str):
            self.fail(key, f"must be text, not {type(value).__name__}")
        if _CONTROL.search(value):  # written as an escape ("\x00") in quotes
            self.fail(key, "holds an invisible control character; remove it")
        return value.strip()

    def texts(self, key, value) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(key, "must be a list, e.g. [A, B]")
        out = []
        for item in value:
            if isinstance(item, (dict, list)) or item is None:
                self.fail(key, "must be a list of names")
            if isinstance(item, str) and _CONTROL.search(item):
                self.fail(key, "holds an invisible control character; remove it")
            out.append(str(item).strip())
        return tuple(out)

    def published(self, value) -> dt.datetime | dt.date | None:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
            except ValueError:
                self.fail("published", "must be a date (2021-05-11) or date and time (2021-05-11T09:41:00+07:00)")
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=VIETNAM)
        if isinstance(value, dt.date):
            return value
        self.fail("published", "must be a date (2021-05-11) or date and time (2021-05-11T09:41:00+07:00)")

    def views(self, value) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail("views", "must be a whole number")
        return value

    def locality(self, value) -> Locality | None:
        if value is None:
            return None
        if isinstance(value, str):
            return Locality(name=value.strip())
        if not isinstance(value, dict):
            self.fail("locality", "must be {name: …, level: …, province: …}")
        unknown = set(value) - {"name", "level", "province", "district"}
        if unknown:
            self.fail("locality", f"has unknown key '{sorted(unknown)[0]}'")
        name = value.get("name")
        if not isinstance(name, str) or not name.strip():
            self.fail("locality", "needs a name")
        level = value.get("level")
        if level is not None and level not in LEVELS:
            self.fail("locality", f"level must be one of {', '.join(LEVELS)}")
        province, district = value.get("province"), value.get("district")
        for k, v in (("province", province), ("district", district)):
            if v is not None and not isinstance(v, str):
                self.fail("locality", f"{k} must be text")
        return Locality(name.strip(), level, province, district)

    def origin(self, value) -> Origin | None:
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("file"), str):
            self.fail("origin", "must be {file: …, sha256: …}")
        return Origin(value["file"], str(value.get("sha256") or ""))

    def slug(self, value) -> str | None:
        slug = self.text("slug", value)
        if slug is None:
            return None
        if not all(c.isascii() and (c.isalnum() or c == "-") for c in slug) or slug.strip("-") == "":
            self.fail("slug", "may hold only ASCII letters, digits and '-' (it becomes one folder name)")
        return slug

    def flags(self, value) -> tuple[str, ...]:
        flags = self.texts("flags", value)
        for flag in flags:
            if flag not in FLAGS:
                self.fail("flags", f"has unknown flag '{flag}'; known: {', '.join(FLAGS)}")
        return flags


# C0 controls but tab and line ends, DEL, C1 controls: what the loader drops from raw text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DATE_LIKE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})")


def _bad_date_line(head: str) -> int | None:
    """The record line of the first date in `head` that is not in the calendar."""
    for n, line in enumerate(head.split("\n"), start=2):
        for m in _DATE_LIKE.finditer(line):
            try:
                dt.date(*map(int, m.groups()))
            except ValueError:
                return n
    return None


def _no_repeated_keys(head: str, path) -> None:
    """Issue 6: PyYAML keeps the last of two equal keys and drops the first
    without a word; in a record edited by hand that loses what was typed.
    (Only hand-written front matter gets here: the fast reader declines
    repeated keys.)"""
    node = yaml.compose(head, Loader=_Loader)
    if not isinstance(node, yaml.MappingNode):
        return
    seen = set()
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode):
            if key.value in seen:
                raise RecordError(path, f"key '{key.value}' appears twice", key.start_mark.line + 2)
            seen.add(key.value)


def parse_record(text: str, path: Path | str) -> Article:
    """Record text → Article. Raises RecordError naming the file and line."""
    if "\r" in text:
        # Issue 6: a record saved with CR-only (old Mac) or mixed line ends reads
        # like one with "\n"; split_record and the line numbers count lines so.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    head, body, _ = split_record(text, path)
    m = _CONTROL.search(head)
    if m:
        # Issue 6: invisible, invalid in HTML and in the XML of feeds; the fast
        # reader would let it through (PyYAML refuses most of them).
        line = head.count("\n", 0, m.start()) + 2
        raise RecordError(path, f"front matter holds an invisible control character (U+{ord(m.group()):04X}); remove it", line)
    try:
        data = frontmatter.read(head)
        if data is None:
            data = yaml.load(head, Loader=_Loader) if head.strip() else {}
            _no_repeated_keys(head, path)
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, RecordError, offset=1) from None
    except ValueError as exc:
        # Issue 6: PyYAML builds dates with datetime and lets its ValueError out
        # ("published: 2021-02-30"); it is the record's problem, not a crash.
        line = _bad_date_line(head)
        raise RecordError(path, f"invalid {'date' if line else 'value'}: {exc}", line) from None
    except RecursionError:
        raise RecordError(path, "front matter is nested too deeply", 2) from None
    if not isinstance(data, dict):
        raise RecordError(path, "front matter must be a mapping (key: value)", 2)
    f = _Fields(path, head)
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise RecordError(path, f"unknown key '{key}'{hint}", f.line(str(key)))
    return Article(
        title=f.text("title", data.get("title"), required=True),
        published=f.published(data.get("published")),
        author=f.text("author", data.get("author")),
        author_unit=f.text("author_unit", data.get("author_unit")),
        source=f.text("source", data.get("source")),
        section=f.text("section", data.get("section")),
        views=f.views(data.get("views")),
        locality=f.locality(data.get("locality")),
        places=f.texts("places", data.get("places")),
        documents=f.texts("documents", data.get("documents")),
        origin=f.origin(data.get("origin")),
        slug=f.slug(data.get("slug")),
        flags=f.flags(data.get("flags")),
        body=parse_blocks(body),
    )


# --- files -----------------------------------------------------------------

ARTICLES = "articles"
REGISTRY = "documents.yaml"


def read_record(path: Path, shown: str | None = None) -> Article:
    shown = shown or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(shown, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise RecordError(shown, f"cannot read: {exc.strerror or exc}") from None
    return parse_record(text, shown)


@dataclass(frozen=True)
class RecordFile:
    key: str  # path inside the content folder, with "/": the record's identity
    path: str
    size: int
    mtime: int  # nanoseconds
    outside: bool  # a link that leads out of the content folder


def record_files(content: Path) -> list[RecordFile]:
    """Every record under content/articles, in a stable order, with its stat.

    os.scandir rather than pathlib: this runs on every build and rebuild, and
    at 10,000 records pathlib alone cost seconds.
    """
    root = str(content)
    real_root = os.path.realpath(root) + os.sep
    found = []
    stack = [os.path.join(root, ARTICLES)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.is_symlink() and entry.is_dir():
                # A linked folder is never walked: one inside the content folder holds
                # records read where they are; one leading out is reported, not dropped unseen.
                if not os.path.join(os.path.realpath(entry.path), "").startswith(real_root):
                    key = entry.path[len(root) + 1 :].replace(os.sep, "/")
                    found.append(RecordFile(key, entry.path, -1, -1, True))
            elif entry.name.endswith(".md"):
                key = entry.path[len(root) + 1 :].replace(os.sep, "/")
                outside = entry.is_symlink() and not os.path.realpath(entry.path).startswith(real_root)
                try:
                    st = entry.stat()
                    size, mtime = st.st_size, st.st_mtime_ns
                except OSError:
                    size = mtime = -1  # a dangling link: reading it reports the problem
                found.append(RecordFile(key, entry.path, size, mtime, outside))
    return sorted(found, key=lambda f: f.key)




def record_folder(article: Article) -> str:
    d = article.published_date
    return f"{d.year}/{d.month:02d}" if d else "khong-ngay"


def record_stem(article: Article) -> str:
    """Where the article's record goes, before a free name is chosen: YYYY/MM/<slug>."""
    from .site import SLUG_LENGTH, slug

    return f"{record_folder(article)}/{slug(article.title, SLUG_LENGTH, 'bai-viet')}"


def free_record_name(article: Article, articles_dir: Path, claimed: set[str], same: bytes | None = None) -> str:
    """A record path (relative to articles/) not used yet: YYYY/MM/<slug>.md.

    A file that already holds exactly the bytes `same` is taken as this
    record's own: an import killed before it saved its manifest left it there
    (issue 6), and a second copy beside it would be a duplicate.
    """
    return free_name(record_stem(article), articles_dir, claimed, same)


def free_name(stem: str, articles_dir: Path, claimed: set[str], same: bytes | None = None) -> str:
    """`free_record_name` from the article's `record_stem`."""
    folder = os.fspath(articles_dir)
    name, n = f"{stem}.md", 2
    while name in claimed or os.path.exists(os.path.join(folder, name)):
        if same is not None and name not in claimed and _holds(os.path.join(folder, name), same):
            break
        name, n = f"{stem}-{n}.md", n + 1
    return name


def _holds(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False
