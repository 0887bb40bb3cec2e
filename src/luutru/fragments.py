"""What each template's output depends on, and pages rendered around kept blocks.

A page is its template's own blocks ("head", "main") inside a frame drawn by
the layout it extends (base.html). When a build finds a page whose context
and whose blocks' templates are unchanged (only the layout changed), the
blocks' text is taken from the page the last build wrote, and only the frame
is rendered: a third of the work of the whole page, or less.

Dependencies are read from the templates themselves (extends, include,
import), so a site's own templates get the same treatment as the theme's.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass

import jinja2
import jinja2.meta
from jinja2 import nodes

from .errors import BuildError

# Context values kept with each page for a later frame-only render: plain
# values only (titles, feed addresses); a layout needing more renders whole.
PLAIN = (str, int, float, bool, type(None))


@dataclass(frozen=True)
class TemplateFacts:
    name: str
    digest: str  # of every template the whole output depends on
    blocks_digest: str  # of the templates the template's own blocks depend on
    blocks: tuple[str, ...]  # its own top-level blocks that can be kept (none: render whole)
    frame_names: frozenset[str]  # names the frame reads from the context


class Templates:
    """Facts of a template set, read once per environment."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.sources: dict[str, str] = {}
        self.refs: dict[str, tuple[str | None, set[str | None]]] = {}
        self.asts: dict[str, nodes.Template] = {}
        self.names: dict[str, set[str]] = {}
        self.facts: dict[str, TemplateFacts] = {}

    def source(self, name: str) -> str:
        if name not in self.sources:
            self.sources[name] = self.env.loader.get_source(self.env, name)[0]
        return self.sources[name]

    def parse(self, name: str) -> nodes.Template:
        """The template's syntax tree (shared: not to be changed)."""
        if name not in self.asts:
            self.asts[name] = self.env.parse(self.source(name), name)
        return self.asts[name]

    def undeclared(self, name: str) -> set[str]:
        """The names the template reads from its context."""
        if name not in self.names:
            self.names[name] = jinja2.meta.find_undeclared_variables(self.parse(name))
        return self.names[name]

    def references(self, name: str) -> tuple[str | None, set[str | None]]:
        """(the template it extends, every other template it includes or imports)."""
        if name not in self.refs:
            self.refs[name] = self._references(name)
        return self.refs[name]

    def _references(self, name: str) -> tuple[str | None, set[str | None]]:
        ast = self.parse(name)
        parent = None
        for node in ast.body:
            if isinstance(node, nodes.Extends):
                parent = node.template.value if isinstance(node.template, nodes.Const) else None
                if parent is None:
                    return None, {None}
        refs = set(jinja2.meta.find_referenced_templates(ast))
        refs.discard(parent)
        return parent, refs

    def closure(self, names) -> set[str | None]:
        """The templates named and all they reach (None: one was named at run time)."""
        seen: set[str | None] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name is None:
                continue
            parent, refs = self.references(name)
            todo.extend(refs)
            if parent is not None:
                todo.append(parent)
        return seen

    def digest_of(self, names: set[str | None]) -> str:
        if None in names:  # a template chosen at run time: any template may matter
            names = set(self.env.list_templates())
        h = hashlib.blake2b(digest_size=16)
        for name in sorted(names):
            h.update(f"{name}\0{self.source(name)}\0".encode())
        return h.hexdigest()

    def __getitem__(self, name: str) -> TemplateFacts:
        if name not in self.facts:
            try:
                self.facts[name] = self._facts(name)
            except jinja2.TemplateSyntaxError as exc:
                raise BuildError(exc.filename or exc.name or name, f"template error: {exc.message}", exc.lineno) from None
            except jinja2.TemplateNotFound as exc:
                raise BuildError(name, f"template not found: {exc.name}") from None
        return self.facts[name]

    def _facts(self, name: str) -> TemplateFacts:
        whole = self.digest_of(self.closure([name]))
        parent, refs = self.references(name)
        if parent is None or None in refs:
            return TemplateFacts(name, whole, whole, (), frozenset())
        ast = self.parse(name)
        own = [n for n in ast.body if isinstance(n, nodes.Block)]
        # A block calling super() shows its parent's block: not the page's own text.
        keep = tuple(
            b.name for b in own
            if not any(isinstance(c.node, nodes.Name) and c.node.name == "super" for c in b.find_all(nodes.Call))
        )
        # The frame: the ancestors and what they reach, and the page template's
        # own code outside its blocks (imports, sets), which runs with the frame.
        ancestors, p = [], parent
        while p is not None and p not in ancestors:
            ancestors.append(p)
            p, _ = self.references(p)
        # A layout that filters a block's output, or shows it through `self`,
        # does not put the block's text in the page as it is: none is kept.
        for t in [name, *ancestors]:
            t_ast = self.parse(t)
            if any(n.name == "self" for n in t_ast.find_all(nodes.Name)) or any(
                any(True for _ in f.find_all(nodes.Block)) for f in t_ast.find_all(nodes.FilterBlock)
            ):
                keep = ()
        frame_templates = self.closure(ancestors) - {name}
        names: set[str] = set()
        for t in frame_templates:
            if t is None:
                return TemplateFacts(name, whole, whole, (), frozenset())
            names |= self.undeclared(t)
        # The page template's code outside its blocks (a block inside an `if`
        # counts whole: more names than needed only makes frames rarer).
        outside = nodes.Template([n for n in ast.body if not isinstance(n, nodes.Block)], lineno=1, environment=self.env)
        names |= jinja2.meta.find_undeclared_variables(outside)
        # What the blocks depend on: the page template and all it includes or
        # imports, and any ancestor that sets names at its top level (a block
        # can read them).
        block_templates = {name} | self.closure(refs)
        for a in ancestors:
            if any(isinstance(n, (nodes.Assign, nodes.AssignBlock, nodes.Import, nodes.FromImport, nodes.Macro))
                   for n in self.parse(a).body):
                block_templates |= self.closure([a])
        return TemplateFacts(name, whole, self.digest_of(block_templates), keep, frozenset(names))


def combine(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Frame:
    """What a later build needs to render a page's frame around its kept blocks."""

    template: str
    url: str
    content: str  # digest of the page's context and the data it is made from
    blocks_key: str  # `content` with the digest of the templates its blocks depend on
    spans: tuple[tuple[str, int, int], ...] | None  # (block, start, end) in the page's bytes
    values: dict  # the context's plain values
    names: frozenset[str]  # every name of the context
    stamp: tuple[int, int] = (0, 0)  # size and time of the file written: it is still that page


class Unkept(Exception):
    """The layout changed a block's text on its way into the page: render it whole."""


# Stands for a block's text in the frame while it is rendered; random, so no
# page can hold it.
_MARK = f"\x00luutru-{secrets.token_hex(8)}\x00"


def render(template: jinja2.Template, context: dict, keep: tuple[str, ...], kept: dict[str, bytes] | None = None):
    """The page (UTF-8), and where each of its `keep` blocks is in it.

    `kept`: the bytes of blocks taken from an earlier render, used instead of
    rendering them. Positions are None when a block did not appear exactly once.
    """
    if not keep:
        return template.render(context).encode("utf-8"), None
    ctx = template.new_context(context)
    found: dict[str, list[bytes]] = {}
    for name in keep:
        render_block = ctx.blocks[name][0]

        def block(c, name=name, render_block=render_block):
            if kept and name in kept:
                data = kept[name]
            else:
                data = template.environment.concat(render_block(c)).encode("utf-8")
            found.setdefault(name, []).append(data)
            yield f"{_MARK}{name}{_MARK}"

        ctx.blocks[name][0] = block
    parts = template.environment.concat(template.root_render_func(ctx)).split(_MARK)
    # parts: frame, block name, frame, block name, …, frame
    names = parts[1::2]
    if sorted(names) != sorted(n for n, texts in found.items() for _ in texts):
        raise Unkept(template.name)  # not foreseen by `Templates._facts`
    out, spans, at, taken = [], [], 0, {n: 0 for n in found}
    for i, part in enumerate(parts):
        data = found[part][taken[part]] if i % 2 else part.encode("utf-8")
        if i % 2:
            taken[part] += 1
            spans.append((part, at, at + len(data)))
        out.append(data)
        at += len(data)
    once = len(spans) == len(keep) == len(set(names))
    return b"".join(out), tuple(spans) if once else None


def kept_blocks(path: str, frame: Frame) -> dict[str, bytes] | None:
    """The blocks out of the page an earlier build wrote, if it is still that page
    (its size and time unchanged, as for records: see `build.Builder.load_records`)."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if (st.st_size, st.st_mtime_ns) != frame.stamp:
                return None  # changed since: render the page whole
            data = f.read()
    except OSError:
        return None
    return {name: data[start:end] for name, start, end in frame.spans}


def plain_values(context: dict) -> dict:
    return {k: v for k, v in context.items() if type(v) in PLAIN or isinstance(v, str)}


def frame_ok(facts: TemplateFacts, frame: Frame) -> bool:
    """The frame can be rendered from what was kept of the page's context: every
    name it reads was a plain value, a global, or was not in the context at all."""
    for name in facts.frame_names:
        if name in frame.values or name == "page_url":
            continue
        if name in frame.names:
            return False
    return True
