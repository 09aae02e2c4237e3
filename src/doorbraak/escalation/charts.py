"""Knelpunten per law and quarter as inline SVG (server-side, no script).

One row per law, one column per quarter; each cell has a bar in proportion to the number of
knelpunten and the number itself, so nothing depends on colour. The table beside it carries
the same figures per organisation; the SVG is labelled as an image of that table.
"""

from django.utils.html import format_html, format_html_join

WIDTH, LABEL, ROW, HEAD, BAR_MAX = 680, 220, 34, 26, 22
MAX_LAWS = 10


def _short(text: str, length: int = 32) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def knelpunten_chart(quarters: list[str], per_law: dict[str, dict[str, int]], title: str) -> str:
    if not quarters or not per_law:
        return ""
    laws = sorted(per_law, key=lambda law: (-sum(per_law[law].values()), law))[:MAX_LAWS]
    top = max(max(per_law[law].values()) for law in laws) or 1
    cell = (WIDTH - LABEL) / len(quarters)
    bar_width = max(min(cell * 0.5, 36), 4)
    height = HEAD + ROW * len(laws) + 6

    heads = format_html_join(
        "",
        '<text x="{}" y="16" text-anchor="middle" class="doorbraak-chart__legend">{}</text>',
        ((f"{LABEL + cell * (n + 0.5):.1f}", q) for n, q in enumerate(quarters)),
    )
    cells = []
    for row, law in enumerate(laws):
        base = HEAD + ROW * row + BAR_MAX + 4
        for n, quarter in enumerate(quarters):
            count = per_law[law].get(quarter, 0)
            if not count:
                continue
            bar = BAR_MAX * count / top
            centre = LABEL + cell * (n + 0.5)
            cells.append(
                (
                    f"{centre - bar_width / 2:.1f}",
                    f"{base - bar:.1f}",
                    f"{bar_width:.1f}",
                    f"{bar:.1f}",
                    f"{centre + bar_width / 2 + 3:.1f}",
                    f"{base - 2:.1f}",
                    count,
                )
            )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#01689b"></rect>'
        '<text x="{}" y="{}" class="doorbraak-chart__value">{}</text>',
        cells,
    )
    labels = format_html_join(
        "",
        '<text x="0" y="{}" class="doorbraak-chart__label">{}</text>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b3b3b3"></line>',
        (
            (
                f"{HEAD + ROW * row + BAR_MAX:.0f}",
                _short(law),
                LABEL,
                WIDTH,
                f"{HEAD + ROW * row + BAR_MAX + 4:.0f}",
                f"{HEAD + ROW * row + BAR_MAX + 4:.0f}",
            )
            for row, law in enumerate(laws)
        ),
    )
    return format_html(
        '<svg class="doorbraak-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-label="{}" font-size="12">{}{}{}</svg>',
        WIDTH,
        height,
        title,
        heads,
        labels,
        bars,
    )
