"""The Jinja environment: templates, filters, and page → HTML.

One environment per build. Templates come from the site's `templates/`
first and the default theme second, so a site overrides any template by
name and inherits the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2
import jinja2.compiler
import markupsafe
from markupsafe import Markup, escape

from . import fragments, i18n
from .errors import BuildError
from .filters import install as install_filters
from .markup import blocks_to_html
from .site import BodyRef, Page


def theme_dir() -> Path:
    """The default theme: shipped inside the wheel, or the repository's root."""
    packaged = Path(__file__).parent / "theme"
    if (packaged / "templates").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def template_dirs(root: Path) -> list[Path]:
    dirs = [root / "templates", theme_dir() / "templates"]
    return [d for i, d in enumerate(dirs) if d.is_dir() and d.resolve() not in {x.resolve() for x in dirs[:i]}]


def static_dirs(root: Path) -> list[Path]:
    """Default assets first, so the site's own files overwrite them."""
    dirs = [theme_dir() / "static", root / "static"]
    return [d for i, d in enumerate(dirs) if d.is_dir() and d.resolve() not in {x.resolve() for x in dirs[:i]}]


def relative(target: str, page_url: str, pretty: bool) -> str:
    """Link from the page at `page_url` to the site-relative `target`.

    Links stay relative so the folder works at a domain root, under a
    sub-path and from file://, where a folder link must name index.html.
    Every link climbs to the site's root and descends again: simple, and
    the same target is written the same way on every page of a folder.
    """
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    up = "../" * page_url.count("/")
    if target == "" or target.endswith("/"):
        if not pretty:
            return up + target + "index.html"
        return up + target or "./"
    return up + target


class Links:
    """The `url` filter: site-relative target → link from the page being rendered.

    Set per page by `render_page`, so templates and their imported macros
    need no page context (imports with context cannot be cached by Jinja).
    """

    def __init__(self, pretty: bool, base_url: str):
        self.pretty = pretty
        self.base_url = base_url
        self._memo: dict[str, Markup] = {}
        self._by_depth: dict[object, dict[str, Markup]] = {}
        self.page_url = ""

    @property
    def page_url(self) -> str:
        return self._page_url

    @page_url.setter
    def page_url(self, value: str) -> None:
        # A link depends only on the page's depth: pages of one depth share their
        # links, so each is worked out (and escaped) once per build, not per use.
        self._page_url = value
        depth = "404" if value == "404.html" and self.base_url else value.count("/")
        self._memo = self._by_depth.setdefault(depth, {})

    def __call__(self, target: str) -> str:
        if self.page_url == "404.html" and self.base_url:
            # Hosts serve 404.html at any depth: only absolute links hold there.
            return self.base_url + relative(target, "", self.pretty)
        return relative(target, self.page_url, self.pretty)

    def markup(self, target: str) -> Markup:
        """The link, escaped for HTML: what the `url` filter writes."""
        link = self._memo.get(target)
        if link is None:
            link = self._memo[target] = Markup(escape(self(target)))
        return link


def escape_output(value) -> str:
    """What a `{{ … }}` of an autoescaped template writes: `value`, HTML-escaped.

    The same text as markupsafe's `escape`, which Jinja calls there, without
    wrapping every piece of a page in a new Markup object only to join them
    (a quarter of a page's time). Jinja uses it only for output, which is joined
    as plain text or wrapped in Markup whole.
    """
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


_escape_inner = getattr(markupsafe, "_escape_inner", None) or (lambda text: str(escape(text)))


class CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles `{{ … }}` in autoescaped templates to `escape_output(…)`, and runs
    of output to one `yield` each."""

    def visit_Template(self, node, frame=None):
        self.writeline("from luutru.render import escape_output")
        super().visit_Template(node, frame)

    def visit_Output(self, node, frame):
        # At a template's top level, one `yield` per `{{ … }}` and per piece of
        # text between them passes each through every template up the `extends`
        # chain: gathered into one string per run of output, a layout renders a
        # fifth quicker. (Inside blocks and loops a yield is cheaper than a list.)
        if frame.buffer is not None or not frame.toplevel or len(node.nodes) < 2:
            return super().visit_Output(node, frame)
        buffer = self.temporary_identifier()
        self.writeline(f"{buffer} = []")
        frame.buffer = buffer
        try:
            super().visit_Output(node, frame)
        finally:
            frame.buffer = None
        self.writeline(f"if {buffer}: yield ''.join({buffer})")

    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("escape_output(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


class Environment(jinja2.Environment):
    """Jinja with a quicker `a.title` on dicts, which is what every context holds.

    Jinja tries the attribute first and the item second; for a dict that is an
    AttributeError raised and caught on every lookup, a third of a page's time.
    """

    code_generator_class = CodeGenerator

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def make_environment(config, bodies: Callable[[BodyRef], str] | None = None) -> jinja2.Environment:
    """`bodies` gives the HTML of a body the site model holds by reference."""
    dirs = template_dirs(config.root)
    if not dirs:
        raise BuildError(config.root / "templates", "no templates found (neither the site's nor the default theme)")
    env = Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build: templates cannot change while it renders,
        # and checking their files' times costs a stat per page.
        auto_reload=False,
    )
    lang = config.language
    links = Links(config.pretty_urls, config.base_url)
    env.luutru_links = links

    @jinja2.pass_context  # only so that Jinja never folds `'x/' | url` into a constant
    def url(_ctx, target: str) -> Markup:
        # Escaped once here, so autoescape passes it through untouched.
        return links.markup(target)

    def absolute(target: str) -> str:
        return config.base_url + target if config.base_url else ""

    env.filters.update(
        url=url,
        absolute=absolute,
        date=lambda v, weekday=True: i18n.format_date(v, lang, weekday),
        isodate=lambda v: v.isoformat() if v is not None else "",
        body=lambda body: Markup(bodies(body) if isinstance(body, BodyRef) else blocks_to_html(body)),
        count=lambda n: i18n.counted("article_count", n, lang),  # "1 article", "2 articles"
    )
    # Interface strings are ours: escape them once, not on every use.
    strings = {k: Markup(escape(v)) for k, v in i18n.strings(lang).items()}
    env.globals.update(
        t=strings,
        site=config_view(config),
        # Article text is Vietnamese whatever the interface language: say so when they differ.
        content_lang=Markup(' lang="vi"' if lang != "vi" else ""),
    )
    install_filters(env)  # search tail, linked document mentions, data export: filters.py
    return env


def config_view(config) -> dict:
    return {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
    }


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """One page → bytes. Template problems become BuildError naming the template and line."""
    return render_parts(env, page.template, page.url, page.output, page.context)[0]


def render_parts(env, template_name: str, url: str, output: str, context: dict, keep=(), kept=None):
    """(bytes, where the `keep` blocks are in the text): see `fragments.render`."""
    try:
        template = env.get_template(template_name)
        env.luutru_links.page_url = url
        data, spans = fragments.render(template, {**context, "page_url": url}, keep, kept)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(exc.filename or exc.name or template_name, f"template error: {exc.message}", exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(template_name, f"template not found: {exc.name}") from None
    except (BuildError, fragments.Unkept):
        raise
    except Exception as exc:  # anything a template's expression raises is the template's problem
        name, line = _template_frame(exc)
        raise BuildError(name or template_name, f"template error while rendering /{output}: {exc}", line) from None
    return data, spans


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a traceback, if any."""
    found = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")  # set in compiled templates only
        if template is not None:
            found = (template.filename, template.get_corresponding_lineno(tb.tb_lineno))
        tb = tb.tb_next
    return found
