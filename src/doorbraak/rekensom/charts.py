"""The payer chart: per payer a bar for each path, as inline SVG (server-side, no script).

The table beside it carries the same figures; the SVG is labelled as an image of that table.
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join

from .money import euro

WIDTH, LABEL, ROW, BAR, GAP = 640, 230, 40, 14, 4


def payer_chart(matrix, labels: dict[str, str], title: str) -> str:
    if not matrix:
        return ""
    top = max(max(b.zonder, b.met) for b in matrix) or Decimal(1)
    span = WIDTH - LABEL - 110
    height = ROW * len(matrix) + 34

    def width(value):
        return f"{float(value / top) * span:.1f}"

    rows = []
    for n, balance in enumerate(matrix):
        y = 30 + n * ROW
        rows.append(
            (
                f"{y + BAR:.0f}",
                labels[balance.payer],
                f"{y:.0f}",
                width(balance.zonder),
                f"{y + BAR + GAP:.0f}",
                width(balance.met),
                f"{LABEL + float(balance.zonder / top) * span + 6:.1f}",
                f"{y + BAR - 3:.0f}",
                euro(balance.zonder, cents=False),
                f"{LABEL + float(balance.met / top) * span + 6:.1f}",
                f"{y + 2 * BAR + GAP - 3:.0f}",
                euro(balance.met, cents=False),
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" class="doorbraak-chart__label">{}</text>'
        f'<rect x="{LABEL}" y="{{}}" width="{{}}" height="{BAR}" class="doorbraak-chart__zonder">'
        "</rect>"
        f'<rect x="{LABEL}" y="{{}}" width="{{}}" height="{BAR}" class="doorbraak-chart__met">'
        "</rect>"
        '<text x="{}" y="{}" class="doorbraak-chart__value">{}</text>'
        '<text x="{}" y="{}" class="doorbraak-chart__value">{}</text>',
        rows,
    )
    return format_html(
        '<svg class="doorbraak-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-label="{}">'
        '<rect x="0" y="4" width="12" height="12" class="doorbraak-chart__zonder"></rect>'
        '<text x="18" y="15" class="doorbraak-chart__legend">{}</text>'
        '<rect x="200" y="4" width="12" height="12" class="doorbraak-chart__met"></rect>'
        '<text x="218" y="15" class="doorbraak-chart__legend">{}</text>{}</svg>',
        WIDTH,
        height,
        title,
        labels["zonder"],
        labels["met"],
        body,
    )
