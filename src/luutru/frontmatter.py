"""Front matter as luutru writes it, read ten times faster than YAML can.

Records are written in a small, fixed shape (see `content.front_matter`):
one `key: value` per line, values plain, single-quoted, `null`, whole
numbers, dates, or one-line flow lists and mappings of those. Reading that
shape is most of a cold build's parsing time with PyYAML, so it is read here
directly; anything outside it (hand-written YAML of any other form) returns
None and goes to PyYAML. Where both read a text, they agree: a property test
holds this reader to PyYAML's results.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (.*)\Z")
# Characters that cannot start a plain scalar, and what may not occur in one.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
# PyYAML's own rules for what a plain scalar means (bool, int, float, null,
# timestamp …), keyed by first character: used as they are, so both agree.
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


class _Unknown(Exception):
    """A form this reader does not handle: PyYAML decides."""


def read(text: str) -> dict | None:
    """The front matter as PyYAML would load it, or None to let PyYAML load it."""
    data = {}
    try:
        for line in text.split("\n"):
            if not line:
                continue
            m = _KEY.match(line)
            if m is None or m.group(1) in data:
                return None
            data[m.group(1)] = _value(m.group(2))
    except _Unknown:
        return None
    return data


def _value(text: str):
    if text.startswith("["):
        return _flow(text, "[", "]")
    if text.startswith("{"):
        pairs = _flow(text, "{", "}")
        out = {}
        for pair in pairs:
            key, sep, value = pair.partition(": ") if isinstance(pair, str) else ("", "", "")
            if not sep or key in out or _scalar(key, True) != key:
                raise _Unknown
            out[key] = _scalar(value, True)
        return out
    return _scalar(text, False)


def _scalar(text: str, flow: bool):
    if text.startswith("'"):
        if len(text) < 2 or not text.endswith("'"):
            raise _Unknown
        inner = text[1:-1]
        if "'" in inner.replace("''", ""):
            raise _Unknown
        return inner.replace("''", "'")
    if (
        not text
        or text != text.strip()
        or (text[0] in _INDICATORS and not (text[0] == "-" and text[1:2].isdigit()))
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or "\t" in text
        or (flow and not _FLOW_INDICATORS.isdisjoint(text))
    ):
        raise _Unknown
    tag = next((tag for tag, regexp in _RESOLVERS.get(text[0], ()) if regexp.match(text)), None)
    if tag is None:
        return text
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:int" and _INT.match(text):
        return int(text)
    m = _DATE.match(text)
    if tag == "tag:yaml.org,2002:timestamp" and m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise _Unknown from None
    raise _Unknown  # booleans, floats, other forms of numbers and times: PyYAML's job


def _flow(text: str, open_: str, close: str) -> list:
    """Items of a one-line flow collection, each a scalar (or 'key: scalar' text for mappings)."""
    if not text.endswith(close):
        raise _Unknown
    inner = text[1:-1]
    if not inner:
        return [] if open_ == "[" else {}
    items, i, n = [], 0, len(inner)
    while i < n:
        if inner[i] == "'" and open_ == "[":
            j = _quoted_end(inner, i)
            items.append(_scalar(inner[i:j], True))
            i = j
        else:
            j = inner.find(", ", i) if open_ == "[" else _pair_end(inner, i)
            j = n if j < 0 else j
            piece = inner[i:j]
            items.append(_scalar(piece, True) if open_ == "[" else piece)
            i = j
        if i < n:
            if not inner.startswith(", ", i):
                raise _Unknown
            i += 2
    return items


def _pair_end(inner: str, start: int) -> int:
    """End of one `key: value` pair in a flow mapping, skipping a quoted value."""
    colon = inner.find(": ", start)
    if colon < 0:
        raise _Unknown
    v = colon + 2
    if inner.startswith("'", v):
        return _quoted_end(inner, v)
    return inner.find(", ", v)


def _quoted_end(inner: str, start: int) -> int:
    """Where the single-quoted scalar that opens at `start` ends (after its
    closing quote); a doubled quote ('') inside it is one quote."""
    j = start + 1
    while True:
        j = inner.find("'", j)
        if j < 0:
            raise _Unknown
        if not inner.startswith("''", j):
            return j + 1
        j += 2
