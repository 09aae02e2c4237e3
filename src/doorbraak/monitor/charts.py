"""Server-side SVG for the dashboard: a line chart of a weekly series and a choropleth of the
gemeenten. No script, no tiles: every figure also stands in a table beside the chart, and the
map's gemeenten are links with their name and value, so the keyboard reaches each of them."""

from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .geo import gemeente_paths, shape_paths

#: ColorBrewer "Blues" (5 classes); the two darkest take white text in the legend.
CLASS_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#d9d9d9"
LINE_COLOUR = "#154273"


def rounded(value, decimals: int) -> Decimal:
    # Django's number_format cuts decimals off; round half up first, the same for page and CSV.
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def number(value: Decimal | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return formats.number_format(
        rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def csv_number(value: Decimal | None, decimals: int = 0) -> str:
    """A number in a CSV: no thousands separator, a decimal comma (as Dutch spreadsheets read)."""
    if value is None:
        return ""
    return f"{rounded(value, decimals):f}".replace(".", ",")


# --- Classes ---------------------------------------------------------------------------------


def class_breaks(values: list[Decimal], classes: int = 5) -> list[Decimal]:
    """Upper bounds of quantile classes (the last is the maximum); duplicates merge classes."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks = []
    for n in range(1, classes + 1):
        bound = ordered[min(len(ordered) - 1, (len(ordered) * n) // classes - 1)]
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    return breaks


def class_of(value: Decimal | None, breaks: list[Decimal]) -> int | None:
    """1-based class number of a value."""
    if value is None:
        return None
    for n, bound in enumerate(breaks, start=1):
        if value <= bound:
            return n
    return len(breaks)


def legend(breaks: list[Decimal], decimals: int) -> list[dict]:
    entries = []
    lower = None
    for n, bound in enumerate(breaks, start=1):
        label = (
            _("up to %(upper)s") % {"upper": number(bound, decimals)}
            if lower is None
            else _("%(lower)s to %(upper)s")
            % {"lower": number(lower, decimals), "upper": number(bound, decimals)}
        )
        index = CLASS_COLOURS.index(colour(n, len(breaks)))
        entries.append({"number": n, "swatch": f"c{index}", "label": label})
        lower = bound
    return entries


def colour(class_number: int | None, classes: int) -> str:
    if class_number is None:
        return NO_DATA
    # Spread fewer classes over the whole scale so the darkest colour is always used.
    index = round((class_number - 1) * (len(CLASS_COLOURS) - 1) / max(classes - 1, 1))
    return CLASS_COLOURS[index]


# --- Map -------------------------------------------------------------------------------------


def choropleth(
    values: dict[str, Decimal],
    names: dict[str, str],
    breaks: list[Decimal],
    *,
    decimals: int,
    unit: str,
    title: str,
    outlined: set[str] = frozenset(),
    current: str | None = None,
) -> str:
    paths, width, height = gemeente_paths()

    def entry(code):
        value = values.get(code)
        number_class = class_of(value, breaks)
        label = f"{names.get(code, code)}: " + (
            f"{number(value, decimals)} {unit}" if value is not None else _("no figure")
        )
        if number_class is not None:
            label += " " + _("(class %(n)s of %(total)s)") % {
                "n": number_class,
                "total": len(breaks),
            }
        if code in outlined:
            label += " — " + _("has a stedelijk vernieuwingsgebied")
        css = "monitor-map__gemeente"
        if code in outlined:
            css += " monitor-map__gemeente--area"
        if code == current:
            css += " monitor-map__gemeente--current"
        return (
            reverse("monitor:gemeente", kwargs={"cbs_code": code}),
            label,
            mark_safe(' aria-current="page"') if code == current else "",
            label,
            css,
            paths[code],
            colour(number_class, len(breaks)),
        )

    # Outlined and current gemeenten last, so their borders lie on top of their neighbours'.
    order = sorted(paths, key=lambda code: (code == current, code in outlined, code))
    body = format_html_join(
        "",
        '<a href="{}" aria-label="{}"{}><title>{}</title>'
        '<path class="{}" d="{}" fill="{}"></path></a>',
        (entry(code) for code in order),
    )
    return format_html(
        '<svg class="monitor-map" viewBox="0 0 {} {}" role="group" aria-label="{}">{}</svg>',
        int(width),
        int(height),
        title,
        body,
    )


def wijk_choropleth(
    shapes: dict[str, list],
    values: dict[str, Decimal],
    names: dict[str, str],
    breaks: list[Decimal],
    *,
    decimals: int,
    unit: str,
    title: str,
    highlighted: set[str] = frozenset(),
) -> str:
    """The wijken of one gemeente; each is a link to its row in the table below the map."""
    paths, width, height = shape_paths(shapes)

    def entry(code):
        value = values.get(code)
        number_class = class_of(value, breaks)
        name = names.get(code) or code
        label = f"{name} ({code}): " + (
            f"{number(value, decimals)} {unit}" if value is not None else _("no figure")
        )
        if number_class is not None:
            label += " " + _("(class %(n)s of %(total)s)") % {
                "n": number_class,
                "total": len(breaks),
            }
        css = "monitor-map__gemeente"
        if code in highlighted:
            label += " — " + _("part of this area")
            css += " monitor-map__gemeente--current"
        return (
            f"#wijk-{code}",
            label,
            label,
            css,
            paths[code],
            colour(number_class, len(breaks)),
        )

    order = sorted(paths, key=lambda code: (code in highlighted, code))
    body = format_html_join(
        "",
        '<a href="{}" aria-label="{}"><title>{}</title>'
        '<path class="{}" d="{}" fill="{}"></path></a>',
        (entry(code) for code in order if paths[code]),
    )
    return format_html(
        '<svg class="monitor-map monitor-map--wijken" viewBox="0 0 {} {}" role="group" '
        'aria-label="{}">{}</svg>',
        int(width),
        int(height),
        title,
        body,
    )


# --- Line chart ------------------------------------------------------------------------------

CHART_W, CHART_H, LEFT, BOTTOM, TOP = 640, 190, 56, 24, 12


def _nice_max(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal("0.1")
    for step in (1, 2, 2.5, 5, 10):
        candidate = magnitude * Decimal(str(step))
        if candidate >= value:
            return candidate
    return magnitude * 10


def line_chart(weeks: list[str], values: dict[str, Decimal], title: str, decimals: int) -> str:
    """One weekly series as a line; gaps where a week has no data; a tick at each new year."""
    if not weeks:
        return ""
    top = _nice_max(max(values.values(), default=Decimal(0)))
    plot_w, plot_h = CHART_W - LEFT - 8, CHART_H - TOP - BOTTOM
    step = plot_w / max(len(weeks) - 1, 1)

    def y(value):
        return TOP + plot_h - float(value / top) * plot_h

    segments, current = [], []
    for n, week in enumerate(weeks):
        value = values.get(week)
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        current.append(f"{LEFT + n * step:.1f} {y(value):.1f}")
    if current:
        segments.append(current)
    line = "".join("M" + "L".join(points) for points in segments if points)
    ticks = [Decimal(0), top / 2, top]
    y_axis = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b3b3b3" stroke-width="1"></line>'
        '<text x="{}" y="{}" text-anchor="end" class="monitor-chart__tick">{}</text>',
        (
            (
                LEFT,
                CHART_W - 8,
                f"{y(t):.1f}",
                f"{y(t):.1f}",
                LEFT - 6,
                f"{y(t) + 4:.1f}",
                number(t, 0 if top >= 10 else 1),
            )
            for t in ticks
        ),
    )
    years = [
        (n, week[:4]) for n, week in enumerate(weeks) if n == 0 or week[:4] != weeks[n - 1][:4]
    ]
    x_axis = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#6b6b6b" stroke-width="1"></line>'
        '<text x="{}" y="{}" class="monitor-chart__tick">{}</text>',
        (
            (
                f"{LEFT + n * step:.1f}",
                f"{LEFT + n * step:.1f}",
                TOP + plot_h,
                TOP + plot_h + 5,
                f"{LEFT + n * step + 3:.1f}",
                CHART_H - 4,
                year,
            )
            for n, year in years
        ),
    )
    return format_html(
        '<svg class="monitor-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">'
        "{}{}"
        '<path d="{}" fill="none" stroke="{}" stroke-width="2" stroke-linejoin="round"></path>'
        "</svg>",
        CHART_W,
        CHART_H,
        title,
        y_axis,
        x_axis,
        line,
        LINE_COLOUR,
    )


# --- Stacked bars (stapeling) ------------------------------------------------------------------

BUCKET_COLOURS = ["#eff3ff", "#6baed6", "#3182bd", "#08519c"]
SUPPRESSED = "#d9d9d9"


def stacked_bars(bars: list[tuple[str, list[float | None]]], title: str) -> str:
    """Horizontal bars of 100 %: per bar the shares (0-100) of 0, 1, 2 and 3+ groups; the part
    of suppressed cells is grey. The figures themselves are in the table beside the chart."""
    label_w, bar_w, bar_h, gap = 150, 460, 22, 10
    height = len(bars) * (bar_h + gap) + gap
    parts = []
    for n, (label, shares) in enumerate(bars):
        y = gap + n * (bar_h + gap)
        x = float(label_w)
        for index, share in enumerate(shares):
            if share is None:
                continue
            width = bar_w * share / 100
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#4d4d4d" '
                    'stroke-width="0.5"></rect>',
                    f"{x:.1f}",
                    y,
                    f"{width:.1f}",
                    bar_h,
                    BUCKET_COLOURS[index],
                )
            )
            x += width
        if x < label_w + bar_w - 0.5:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    f"{x:.1f}",
                    y,
                    f"{label_w + bar_w - x:.1f}",
                    bar_h,
                    SUPPRESSED,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="monitor-chart__tick">{}</text>',
                label_w - 6,
                y + bar_h - 7,
                label,
            )
        )
    return format_html(
        '<svg class="monitor-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">'
        "{}</svg>",
        label_w + bar_w + 8,
        height,
        title,
        mark_safe("".join(parts)),  # noqa: S308 (each part built with format_html)
    )
