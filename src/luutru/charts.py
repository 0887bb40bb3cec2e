"""Small charts as inline SVG, drawn at build time.

Readable without JavaScript or images, a few hundred bytes each, coloured by
the stylesheet (so they follow dark mode), and accessible: `role="img"` with
a title and a description that reads out every value; the same figures are
also in the page as a table nearby.

Drawn for a phone first: the chart is at most `WIDTH` units wide and shown
at most that many CSS pixels wide, so on a 360-pixel screen (320 pixels of
column) one unit is one pixel and the 13-pixel labels of the stylesheet stay
13 pixels. Wider screens show it at the same size. So that labels never
crowd, a long run of years labels every second, third … year (always the
last), and the bars carry their values only when every value fits above
its bar; otherwise only the highest bar does.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

WIDTH = 320  # the widest chart, in SVG units (= CSS pixels at most)
SLOT = 40  # width given to each bar while the chart is narrower than WIDTH
HEIGHT = 110  # plot height
TOP, BOTTOM = 20, 22  # room for the value above a bar and the label below
CHAR = 8  # width of a digit at the stylesheet's 13 px, rounded up
LABEL_GAP = 6  # at least this much between two labels


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
    n = len(data)
    top = max(v for _, v in data) or 1
    width = min(WIDTH, max(120, SLOT * n))
    slot = width / n
    bar = round(min(28, slot * 0.7), 1)
    total_h = TOP + HEIGHT + BOTTOM
    base = TOP + HEIGHT
    # Every k-th label counted back from the last, k as small as lets them clear each other.
    widest = max(len(str(label)) for label, _ in data) * CHAR + LABEL_GAP
    every = math.ceil(widest / slot)
    values_fit = max(len(str(v)) for _, v in data) * CHAR + 2 <= slot
    peak = max(range(n), key=lambda i: data[i][1])  # the first of the highest
    parts = [
        (f'<svg class="chart" role="img" viewBox="0 0 {width} {total_h}" width="{width}" height="{total_h}"'
         f' aria-labelledby="{ident}-t {ident}-d">'),
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
        f'<line class="axis" x1="0" y1="{base}.5" x2="{width}" y2="{base}.5"/>',
    ]
    labels: list[tuple[float, str]] = []
    for i, (label, value) in enumerate(data):
        middle = round(slot * i + slot / 2, 1)
        h = round(HEIGHT * value / top)
        if value:
            parts.append(f'<rect x="{round(middle - bar / 2, 1):g}" y="{base - h}" width="{bar:g}" height="{h}"/>')
            if values_fit or i == peak:
                parts.append(f'<text class="value" x="{middle:g}" y="{base - h - 5}">{value}</text>')
        if (n - 1 - i) % every == 0:
            text = str(label)
            half = len(text) * CHAR / 2  # kept inside the chart: under its bar, or as near as fits
            labels.append((min(max(middle, half), width - half), text))
    # A label moved in from an edge may come too near its neighbour: the neighbour goes.
    kept: list[tuple[float, str]] = []
    for x, text in reversed(labels):
        if not kept or kept[-1][0] - x >= widest:
            kept.append((x, text))
    parts += [f'<text class="label" x="{x:g}" y="{base + 16}">{escape(text)}</text>' for x, text in reversed(kept)]
    parts.append("</svg>")
    return Markup("".join(parts))
