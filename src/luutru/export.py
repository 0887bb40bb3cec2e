"""The archive as data: /du-lieu/articles.json and /du-lieu/articles.csv.

One row per record, in the site's order (newest first, undated last), with
the fields named in `FIELDS`. The site model makes the rows (plain tuples,
cheap to digest); these functions turn them into bytes at render time, so
an unchanged archive never formats them again.

The CSV starts with a UTF-8 byte order mark and ends lines with CRLF, so
spreadsheet programs (Excel, LibreOffice, Numbers, Google Sheets) open it
with the Vietnamese letters intact; lists are joined with "; ".
"""

from __future__ import annotations

import csv
import io
import json

from markupsafe import Markup

# (field, is a list)
FIELDS: tuple[tuple[str, bool], ...] = (
    ("url", False),
    ("title", False),
    ("published", False),  # ISO 8601: a date, or a date and time with its UTC offset
    ("date", False),  # YYYY-MM-DD in Vietnam
    ("year", False),
    ("locality", False),
    ("locality_level", False),
    ("district", False),
    ("province", False),
    ("documents", True),
    ("places", True),
    ("author", False),
    ("author_unit", False),
    ("source", False),
    ("section", False),
    ("views", False),
    ("origin_file", False),
    ("origin_sha256", False),
    ("record", False),
)
NAMES = tuple(name for name, _ in FIELDS)
SEPARATOR = "; "


def to_json(rows: list[tuple], meta: dict) -> Markup:
    """`{"title", "count", "fields", "articles": [{…}, …]}`, one article per line."""
    head = json.dumps({**meta, "count": len(rows), "fields": list(NAMES)}, ensure_ascii=False, separators=(",", ": "))
    lines = [
        json.dumps(dict(zip(NAMES, row)), ensure_ascii=False, separators=(",", ":"))
        for row in rows
    ]
    body = ",\n".join(lines)
    return Markup(f'{head[:-1]},\n"articles": [\n{body}\n]}}\n' if lines else f'{head[:-1]},\n"articles": []}}\n')


def to_csv(rows: list[tuple]) -> Markup:
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(NAMES)
    lists = [i for i, (_, is_list) in enumerate(FIELDS) if is_list]
    for row in rows:
        row = list(row)
        for i in lists:
            row[i] = SEPARATOR.join(row[i])
        w.writerow(_cell(v) for v in row)
    return Markup(buf.getvalue())


def _cell(value) -> str:
    """A CSV cell; text a spreadsheet would run as a formula ("=…", "+…", "-…", "@…")
    gets a leading apostrophe, the usual guard: these texts come from the web.
    articles.json keeps every value exactly as recorded."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
