"""Body text ⇄ Markdown, and Markdown → safe HTML.

Imported text is plain: "+ Một," or "1." at the start of a line is what the
writer typed, not a list. So import escapes it into Markdown source, and a
record's body is Markdown that a person may also write by hand. Raw HTML is
never passed through: `<script>` in an article is shown as text.
"""

from __future__ import annotations

import re

import markdown
from markdown.treeprocessors import Treeprocessor

CAPTION_MARK = "{: .caption}"

# Characters that start a block construct when they open a line. ("=" under
# a line makes a heading; it has no backslash escape, so it becomes an entity.)
_LINE_START = re.compile(r"^([#>+\-*]|\d+[.)])")
# Characters that mean something anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
_ESCAPED = "\\`*_[]{}"  # the characters _INLINE matches
# "<" opens autolinks (<http://…>); "&" that starts an entity would be read as one.
_ENTITY_START = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[a-zA-Z0-9]+;)")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]{}<>#+\-.!()|=])|&(amp|lt|#61);")
_ENTITIES = {"amp": "&", "lt": "<", "#61": "="}


def escape(text: str) -> str:
    """Plain text → Markdown that renders as exactly that text."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        # Each pattern only where its characters occur: `in` finds them many
        # times faster than a regex scans a paragraph for them.
        if "&" in line:
            line = _ENTITY_START.sub("&amp;", line)
        line = line.replace("<", "&lt;")
        for ch in _ESCAPED:
            if ch in line:
                line = _INLINE.sub(r"\\\1", line)
                break
        m = _LINE_START.match(line)
        if m:
            marker = m.group(1)
            marker = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker  # "1." → "1\."
            line = marker + line[m.end() :]
        elif line.startswith("="):
            line = "&#61;" + line[1:]
        out.append(line)
    return "\n".join(out)


def unescape(source: str) -> str:
    """Markdown source → the plain text a reader sees (for search and export)."""
    return _UNESCAPE.sub(lambda m: m.group(1) if m.group(1) is not None else _ENTITIES[m.group(2)], source)


class _Sanitise(Treeprocessor):
    """What a record written by hand may put in a page: the caption class, and
    links and images to web addresses; no other attribute, no script URL."""

    ALLOWED = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
    SAFE_URL = re.compile(r"(?:https?:|mailto:|[^:]*$)", re.I)

    def run(self, root):
        for el in root.iter():
            allowed = self.ALLOWED.get(el.tag, set())
            for name in list(el.attrib):
                value = el.attrib[name]
                if name == "class" and el.tag == "p" and value == "caption":
                    continue
                if name not in allowed or (name in ("href", "src") and not self.SAFE_URL.match(value.strip())):
                    del el.attrib[name]


def _safe_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["attr_list"], output_format="html")
    # Python-Markdown has no safe mode: drop the two raw-HTML paths instead.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Sanitise(md), "luutru-sanitise", 5)  # after attr_list (8)
    return md


_md = _safe_markdown()


def to_html(source: str) -> str:
    """Render Markdown source to HTML (raw HTML escaped, never executed)."""
    _md.reset()
    return _md.convert(source)


# A block is plain prose when Markdown would only wrap it in <p>: no inline
# syntax, no tab, and no line that could open a block construct. Backslash
# escapes (which import writes) and bare ampersands are handled here too.
# Inline syntax (\x02, \x03: Python-Markdown's placeholders) is looked for with
# `in`, one character at a time: several times faster than one regex search.
_INLINE_CHARS = "\\`*_[]{}<\t\x02\x03"
# A line that is empty, starts with a space or could open a block construct.
_OPENS_BLOCK = re.compile(r"\s|[#>+\-=|~]|\d+[.)]|$")
_LINE_OPENS_BLOCK = re.compile(r"\n(?:\s|[#>+\-=|~]|\d+[.)]|$)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")


def _is_plain(text: str) -> bool:
    for ch in _INLINE_CHARS:
        if ch in text:
            return False
    # A line ending in two spaces is a hard break.
    if _OPENS_BLOCK.match(text) or text.endswith("  "):
        return False
    return "\n" not in text or not (_LINE_OPENS_BLOCK.search(text) or "  \n" in text)


def _plain_html(text: str) -> str | None:
    """The HTML of a plain block's text, or None when Markdown must decide."""
    bare = _MD_ESCAPE.sub("\ue001", text) if "\\" in text else text
    if not _is_plain(bare) or ("&" in text and _ENTITY.search(text)):
        return None
    if bare is not text:
        text = _MD_ESCAPE.sub(r"\1", text)
    return text.replace("&", "&amp;").replace(">", "&gt;")


def blocks_to_html(blocks) -> str:
    """A record's body → HTML, identical to Python-Markdown's output.

    Imported bodies are nearly all plain prose, for which the HTML is known
    without parsing; Python-Markdown (1–2 ms a body) renders the rest.
    """
    parts = []
    for block in blocks:
        text = _plain_html(block.text)
        if text is None:
            from .content import body_markdown

            return to_html(body_markdown(blocks))
        parts.append(f'<p class="caption">{text}</p>' if block.kind == "caption" else f"<p>{text}</p>")
    return "\n".join(parts)
