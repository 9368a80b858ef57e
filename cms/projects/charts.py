"""Static SVG charts drawn on the server, so the published pages need no chart library.

Every chart is a self-contained inline ``<svg>`` with a title and a description for screen
readers; the figures themselves are also shown as a table next to the chart.
"""

from decimal import Decimal
from itertools import count

from django.utils.html import format_html
from django.utils.safestring import mark_safe

BAR_COLOUR = "#9b1b1e"  # one series, one colour; the site's red (7.6:1 on white)
_ids = count(1)


def format_amount(value):
    """亿元 amounts with at most two decimals and no trailing zeros."""
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bar_chart(rows, *, title, unit="亿元", width=640, bar_height=28, label_width=150):
    """A horizontal bar chart of ``rows`` (``(label, value)`` pairs), longest bar = largest value."""
    chart_id = f"chart-{next(_ids)}"
    rows = [(str(label), Decimal(value or 0)) for label, value in rows]
    gap = 10
    top = 8
    height = top + len(rows) * (bar_height + gap) + 4
    largest = max((value for _, value in rows), default=Decimal(0)) or Decimal(1)
    plot_width = width - label_width - 110
    parts = [
        format_html(
            '<svg class="chart chart--bar" xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-t {}-d">'
            '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            width,
            height,
            chart_id,
            chart_id,
            chart_id,
            title,
            chart_id,
            "；".join(f"{label}：{format_amount(value)} {unit}" for label, value in rows),
        )
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_height + gap)
        bar = int(round(float(value / largest) * plot_width)) if value > 0 else 0
        parts.append(
            format_html(
                '<g class="chart__row">'
                '<text x="{}" y="{}" text-anchor="end" font-size="14" fill="#222">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="13" fill="#222">{}</text></g>',
                label_width - 8,
                y + bar_height * 0.68,
                label,
                label_width,
                y,
                max(bar, 1) if value > 0 else 0,
                bar_height,
                BAR_COLOUR,
                label_width + bar + 6,
                y + bar_height * 0.68,
                f"{format_amount(value)} {unit}",
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - constant markup
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - parts are escaped


def goal_gauge(value, goal, *, title, unit="亿元", width=640, height=72):
    """A progress bar toward ``goal``; overshoot is drawn full and labelled with the real share."""
    chart_id = f"chart-{next(_ids)}"
    value = Decimal(value or 0)
    goal = Decimal(goal or 0)
    share = (value / goal * 100) if goal > 0 else Decimal(0)
    filled = int(round(min(float(share), 100.0) / 100 * (width - 4)))
    label = f"{format_amount(value)} / {format_amount(goal)} {unit}（{share:.1f}%）"
    return format_html(
        '<svg class="chart chart--gauge" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="{id}-t {id}-d">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{label}</desc>'
        '<rect x="2" y="2" width="{inner}" height="36" rx="6" fill="#eee" stroke="#999"></rect>'
        '<rect x="2" y="2" width="{filled}" height="36" rx="6" fill="#9b1b1e"></rect>'
        '<text x="2" y="62" font-size="15" fill="#222">{label}</text></svg>',
        w=width,
        h=height,
        id=chart_id,
        title=title,
        label=label,
        inner=width - 4,
        filled=filled,
    )
