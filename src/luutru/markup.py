"""Body text ⇄ Markdown, and Markdown → safe HTML.

Imported text is plain: "+ Một," or "1." at the start of a line is what the
writer typed, not a list. So import escapes it into Markdown source, and a
record's body is Markdown that a person may also write by hand. Raw HTML is
never passed through: `<script>` in an article is shown as text.
"""

from __future__ import annotations

import re
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


def to_html(source: str) -> str:
    """Render Markdown source to HTML (raw HTML escaped, never executed)."""
    _md.reset()
    return _md.convert(source)


# A block is plain prose when Markdown would only wrap it in <p>: no inline
# syntax, no tab, and no line that could open a block construct. Backslash
# escapes (which import writes) and bare ampersands are handled here too.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]{}<\t\x02\x03]")  # \x02, \x03: Python-Markdown's placeholders
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
_BLOCK_START = re.compile(r"[#>+\-=|~]|\d+[.)]")


def _plain_html(text: str) -> str | None:
    """The HTML of a plain block's text, or None when Markdown must decide."""
    bare = _MD_ESCAPE.sub("\ue001", text) if "\\" in text else text
    if _INLINE_SYNTAX.search(bare) or ("&" in text and _ENTITY.search(text)):
        return None
    for line in bare.split("\n"):
        if not line or line[0].isspace() or line.endswith("  ") or _BLOCK_START.match(line):
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
