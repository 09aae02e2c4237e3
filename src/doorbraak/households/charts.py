"""The ZRM trend per domain as a small inline SVG (server-side, no script), with its table."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

from . import zrm

WIDTH, HEIGHT, PAD = 180, 50, 6


@dataclass
class TrendRow:
    domain: str
    label: str
    points: list[tuple[str, int | None]]  # (date label, score)
    svg: str
    special: bool


def _svg(scores: list[int | None], label: str) -> str:
    values = [(i, s) for i, s in enumerate(scores) if s is not None]
    if not values:
        return ""
    step = (WIDTH - 2 * PAD) / max(len(scores) - 1, 1)

    def xy(i, s):
        return PAD + i * step, HEIGHT - PAD - (s - 1) * (HEIGHT - 2 * PAD) / 4

    path = " ".join(
        f"{'M' if n == 0 else 'L'}{x:.1f},{y:.1f}"
        for n, (x, y) in enumerate(xy(i, s) for i, s in values)
    )
    # format_html escapes its arguments to strings first: format the numbers ourselves.
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3"></circle>',
        ((f"{x:.1f}", f"{y:.1f}") for x, y in (xy(i, s) for i, s in values)),
    )
    return format_html(
        '<svg class="doorbraak-trend" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}"><line x1="{}" x2="{}" y1="{}" y2="{}" '
        'class="doorbraak-trend__base"></line>'
        '<path d="{}" fill="none"></path>{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        label,
        PAD,
        WIDTH - PAD,
        HEIGHT - PAD,
        HEIGHT - PAD,
        path,
        dots,
    )


def trend_rows(assessments, special_allowed: bool) -> list[TrendRow]:
    rows = []
    for code, label in zrm.DOMAINS_2017:
        special = code in zrm.SPECIAL_CATEGORY_DOMAINS
        if special and not special_allowed:
            continue
        points = []
        for assessment in assessments:
            score = next((s.score for s in assessment.scores.all() if s.domain == code), None)
            points.append((assessment.assessed_on.strftime("%d-%m-%Y"), score))
        text = f"{label}: " + ", ".join(f"{d} {s if s is not None else '—'}" for d, s in points)
        rows.append(
            TrendRow(code, str(label), points, _svg([s for _d, s in points], text), special)
        )
    return rows
