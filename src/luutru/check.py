"""`luutru check`: records a person should look at, one reason per line.

A record is listed when its title, date, locality or documents are missing,
or were filled in by a guess the loader marked with a flag (model.FLAGS).
Each reason names the front-matter field to correct, so that fixing the
record by hand (and removing the flag, where there is one) takes it off the
list. Pure: records in, (record key, reason) pairs out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import Article
from .registry import Registry, parse_id


def problems(records: Iterable[tuple[str, Article]], registry: Registry | None = None) -> Iterator[tuple[str, str]]:
    """(record key, reason) for every record that needs a look, by key."""
    for key, article in sorted(records, key=lambda kr: kr[0]):
        for reason in reasons(article, registry):
            yield key, reason


def reasons(a: Article, registry: Registry | None = None) -> list[str]:
    """Why one record needs a look; empty when it does not."""
    flags = set(a.flags)
    out: list[str] = []
    if not a.title.strip():
        out.append("no title: write it in `title:`")
    elif "title-from-lead" in flags:
        out.append(
            "no title was found on the page: the lead's first sentence stands in for it; "
            "write the real title in `title:` and remove the flag"
        )
    if a.published is None:
        out.append("no publication date: the page gives none; add `published:` (YYYY-MM-DD, with a time if known)")
    elif "date-from-body" in flags:
        out.append(
            f"the page header gives no date: `published: {a.published.isoformat()}` is the date of the "
            "event the text reports; check it against the page and remove the flag"
        )
    if a.locality is None:
        out.append(
            "no locality: the text names no unit it is about; add `locality:` "
            "({name: …, level: …, province: …})"
        )
    elif a.locality.province is None:
        out.append(
            f"locality '{a.locality.name}' is ambiguous (several units have that name): add its `province:` "
            "under `locality:`, or a `sources:` hint for this site in luutru.yaml"
        )
    if not a.documents:
        out.append("no document cited was recognised: list them under `documents:` if the article reports on any")
    for doc_id in a.documents:
        parsed = parse_id(doc_id)
        if parsed is not None and parsed.level != "central" and parsed.place is None:
            out.append(
                f"document {doc_id} was issued by a local committee whose locality is unknown: "
                f"write it as '{doc_id} <locality>' under `documents:`"
            )
    return out
