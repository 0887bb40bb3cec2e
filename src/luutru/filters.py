"""Template filters for search, linked mentions and the data export.

`install(env)` adds them to the Jinja environment (render.make_environment
calls it); each is a thin adapter over the module that owns the work.
"""

from __future__ import annotations

from markupsafe import Markup

from . import export, mentions, search


def install(env) -> None:
    lang = env.globals["site"]["language"]
    def link_documents(body_html, documents):
        return mentions.link_documents(str(body_html), documents, env.luutru_links)

    def search_tail(body_html, title, documents, locality):
        return search.tail(title, str(body_html), documents, locality)

    env.filters.update(
        link_documents=link_documents,
        search_tail=search_tail,
        export_json=lambda rows, meta: export.to_json(rows, meta),
        export_csv=export.to_csv,
        number=lambda n: f"{n:,}".replace(",", "." if lang == "vi" else ","),
    )
