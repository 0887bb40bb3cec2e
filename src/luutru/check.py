"""`luutru check`: records a person should look at, one reason per line."""

from __future__ import annotations

from typing import Iterable, Iterator

from .model import Article

REASONS = {
    "title-from-lead": "no title found: the lead's first sentence stands in for it",
    "date-from-body": "no date in the header: the date of the event in the body was taken",
}


def problems(records: Iterable[tuple[str, Article]], registry=None) -> Iterator[tuple[str, str]]:
    for key, a in sorted(records, key=lambda kr: kr[0]):
        for flag in a.flags:
            if flag in REASONS:
                yield key, REASONS[flag]
        if a.published is None:
            yield key, "no publication date"
        if a.locality is None:
            yield key, "no locality"
        elif a.locality.province is None:
            yield key, f"locality '{a.locality.name}' is ambiguous: which province? (add province:, or a sources: hint in luutru.yaml)"
        if not a.documents:
            yield key, "no documents cited"
