"""Small charts as inline SVG, drawn at build time.

Readable without JavaScript or images, a few hundred bytes each, coloured by
the stylesheet (so they follow dark mode), and accessible: `role="img"` with
a title and a description that reads out every value; the same figures are
also in the page as text nearby.
"""

from __future__ import annotations

from markupsafe import Markup, escape

BAR = 26  # width of one bar's slot, in SVG units
HEIGHT = 120  # plot height
TOP, BOTTOM = 18, 22  # room for the value above a bar and the label below


def year_counts(years: list[int]) -> list[tuple[int, int]]:
    """Years (one per article) → (year, count) for every year from the first to the last."""
    counts: dict[int, int] = {}
    for y in years:
        counts[y] = counts.get(y, 0) + 1
    if not counts:
        return []
    return [(y, counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


def bar_chart(data: list[tuple[object, int]], title: str, description: str, ident: str) -> Markup:
    """A vertical bar chart of (label, value) pairs; empty markup for no data."""
    if not data:
        return Markup("")
    top = max(v for _, v in data) or 1
    width = max(BAR * len(data), 120)
    total_h = TOP + HEIGHT + BOTTOM
    offset = (width - BAR * len(data)) / 2
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {total_h}" width="{width}" height="{total_h}"'
        f' aria-labelledby="{ident}-t {ident}-d" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
        f'<line class="axis" x1="0" y1="{TOP + HEIGHT}.5" x2="{width}" y2="{TOP + HEIGHT}.5"/>',
    ]
    # Long ranges: label every other year so the labels never touch.
    step = 1 if len(data) <= 16 else 2
    for i, (label, value) in enumerate(data):
        x = offset + i * BAR
        h = round(HEIGHT * value / top)
        if value:
            parts.append(f'<rect x="{x + 3:g}" y="{TOP + HEIGHT - h}" width="{BAR - 6}" height="{h}"/>')
            parts.append(f'<text class="value" x="{x + BAR / 2:g}" y="{TOP + HEIGHT - h - 4}">{value}</text>')
        if i % step == 0 or i == len(data) - 1:
            text = str(label)
            short = f"’{text[2:]}" if len(data) > 8 and len(text) == 4 and text.isdigit() else text
            parts.append(f'<text class="label" x="{x + BAR / 2:g}" y="{TOP + HEIGHT + 16}">{escape(short)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
