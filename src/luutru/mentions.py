"""Mentions of an article's documents inside its body, linked to their pages.

Done at render time on the body's HTML, one article at a time, against the
documents that article cites (a handful): the first mention of each becomes
a link, whichever way it is written ("05-CT/TW", "Chỉ thị số 05/CT-TW",
"Chỉ thị 05", an alias such as "Nghị quyết 04-NQ/TW"). Text inside links
and tags is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Mapping

from markupsafe import Markup, escape

from .registry import TYPE_WORDS, DocId, find_ids, finditer_from, fold, same_types
from .registry import parse_id as _parse_id

_SPLIT = re.compile(r"(<[^>]*>)")
_DIGIT = re.compile(r"\d")
_TYPE_NUMBER = re.compile(
    r"(?<!\w)(?P<type>" + "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True)) + r")"
    r"(?:\s+số)?\s+(?P<num>\d{1,4})(?![\w/\-–]|[.,]\d)",
    re.IGNORECASE,
)
_TYPE_OPENINGS = tuple(sorted({w.lower() for w in TYPE_WORDS}))  # how every match of _TYPE_NUMBER begins, in lower case


parse_id = lru_cache(maxsize=65536)(_parse_id)  # pure, and asked about the same ids again and again


def _bare(doc: DocId) -> str:
    """The id without its issuing locality, as a body writes it ("08-CT/TU")."""
    return str(DocId(doc.number, doc.type, doc.issuer, doc.style, doc.year))


class Matcher:
    """The ways one article's documents can be written, and the page of each."""

    def __init__(self, documents: Iterable[Mapping]):
        self.by_id: dict[str, str] = {}  # bare canonical id → document url
        self.by_name: dict[str, str] = {}  # literal name (a plenum resolution's) → url
        self.by_number: dict[tuple[str, str], set[str]] = {}  # (type code, number) → urls
        for d in documents:
            for name in (d["id"], *d.get("aliases", ())):
                parsed = parse_id(name)
                if parsed is None:
                    self.by_name.setdefault(name, d["url"])
                    continue
                for code in same_types(parsed.type):
                    key = _bare(DocId(parsed.number, code, parsed.issuer, parsed.style, parsed.year))
                    self.by_id.setdefault(key, d["url"])
                    self.by_number.setdefault((code, parsed.number), set()).add(d["url"])
        self.names = sorted(self.by_name, key=len, reverse=True)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, url) of every mention in a run of text, in order, not overlapping."""
        found = []
        numbered = _DIGIT.search(text) is not None  # ids and "Chỉ thị 05" hold a number; most text does not
        for start, end, doc in find_ids(text) if numbered else ():
            url = self.by_id.get(_bare(doc))
            if url:
                found.append((start, end, url))
        for name in self.names:
            at = text.find(name)
            while at >= 0:
                found.append((at, at + len(name), self.by_name[name]))
                at = text.find(name, at + len(name))
        if self.by_number and numbered:
            # Tried at every character, the pattern took a sixth of an article page's render.
            for m in finditer_from(_TYPE_NUMBER, _TYPE_OPENINGS, text, text.lower()):
                code = TYPE_WORDS[fold(" ".join(m["type"].split()))]
                number = m["num"].lstrip("0").zfill(2)
                urls = set().union(*(self.by_number.get((c, number), set()) for c in same_types(code)))
                if len(urls) == 1:  # "Chỉ thị 05" names one of this article's documents, not several
                    found.append((m.start(), m.end(), urls.pop()))
        found.sort(key=lambda s: (s[0], -s[1]))
        out, last = [], -1
        for s in found:
            if s[0] >= last:
                out.append(s)
                last = s[1]
        return out


_MATCHERS: dict[tuple, Matcher] = {}  # articles citing the same documents share one


def link_documents(body_html: str, documents: Iterable[Mapping], href: Callable[[str], str]) -> Markup:
    """`body_html` with the first mention of each document linked to its page.

    `href` turns a site-relative URL into the link written on this page.
    """
    documents = list(documents)
    if not documents:
        return Markup(body_html)
    ids = tuple((d["id"], d["url"], tuple(d.get("aliases", ()))) for d in documents)
    matcher = _MATCHERS.get(ids)
    if matcher is None:
        matcher = Matcher(documents)
        if len(_MATCHERS) < 10_000:
            _MATCHERS[ids] = matcher
    linked: set[str] = set()
    wanted = len({d["url"] for d in documents})
    parts = _SPLIT.split(body_html)
    depth = 0  # inside <a>…</a>: leave alone
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            low = part[:3].lower()
            if low == "<a " or low == "<a>":
                depth += 1
            elif part[:4].lower() == "</a>":
                depth = max(0, depth - 1)
            continue
        if depth or not part.strip():
            continue
        pieces, at = [], 0
        for start, end, url in matcher.spans(part):
            if url in linked:
                continue
            linked.add(url)
            pieces += [part[at:start], f'<a class="doc-mention" href="{escape(href(url))}">', part[start:end], "</a>"]
            at = end
        if pieces:
            parts[i] = "".join(pieces) + part[at:]
        if len(linked) == wanted:
            break
    return Markup("".join(parts))
