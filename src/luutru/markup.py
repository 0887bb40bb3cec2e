"""Body text ⇄ Markdown, and Markdown → safe HTML.

Imported text is plain: "+ Một," or "1." at the start of a line is what the
writer typed, not a list. So import escapes it into Markdown source, and a
record's body is Markdown that a person may also write by hand. Raw HTML is
never passed through: `<script>` in an article is shown as text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown

CAPTION_MARK = "{: .caption}"

# Characters that start a block construct when they open a line.
_LINE_START = re.compile(r"^(\s*)([#>+\-*=|]|\d+[.)])")
# Characters that mean something anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]{}<>#+\-.!()|=])")


def escape(text: str) -> str:
    """Plain text → Markdown that renders as exactly that text."""
    out = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        m = _LINE_START.match(line)
        if m:
            lead, marker = m.group(1), m.group(2)
            if marker[0].isdigit():  # "1." → "1\."
                marker = marker[:-1] + "\\" + marker[-1]
            else:
                marker = "\\" + marker
            line = lead + marker + line[m.end() :]
        out.append(line.strip())
    return "\n".join(out)


def unescape(source: str) -> str:
    """Markdown source → the plain text a reader sees (for search and export)."""
    return _UNESCAPE.sub(r"\1", source)


def _safe_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["attr_list"], output_format="html")
    # Python-Markdown has no safe mode: drop the two raw-HTML paths instead.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_md = _safe_markdown()


@lru_cache(maxsize=4096)
def to_html(source: str) -> str:
    """Render Markdown source to HTML (raw HTML escaped, never executed)."""
    _md.reset()
    return _md.convert(source)
