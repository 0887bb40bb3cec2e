"""Template filters and globals for linked mentions, the data export, the search page and counts.

`install(env)` adds them to the Jinja environment (render.make_environment
calls it); each is a thin adapter over the module that owns the work.
"""

from __future__ import annotations

import json

from . import export, i18n, mentions, search


def install(env) -> None:
    lang = env.globals["site"]["language"]
    def link_documents(body_html, documents):
        return mentions.link_documents(str(body_html), documents, env.luutru_links)

    env.filters.update(
        link_documents=link_documents,
        export_json=lambda rows, meta: export.to_json(rows, meta),
        export_csv=export.to_csv,
        number=lambda n: i18n.number(n, lang),
    )
    env.globals["counted"] = lambda key, n, **fields: i18n.counted(key, n, lang, **fields)
    # JSON-LD with Vietnamese as it is, not as \u escapes (a quarter fewer bytes); `tojson`
    # still escapes what could close the <script> element.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals["search_types"] = json.dumps(search.type_keys(), ensure_ascii=False, separators=(",", ":"))
