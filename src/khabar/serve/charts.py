"""Server-rendered SVG charts: counts per day as bars, laid out here, drawn by a template.

Only numbers and ISO dates leave this module; the template writes the SVG with autoescaping, so
a chart never carries page text unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

WIDTH = 720
HEIGHT = 180
MARGIN_LEFT = 36
MARGIN_BOTTOM = 28
MARGIN_TOP = 10
MAX_BAR_WIDTH = 40  # one lone day should look like a bar, not a wall
MAX_DAYS = 400  # beyond this a daily axis is unreadable: counts are summed per month


@dataclass(slots=True)
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(slots=True)
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, label) along the time axis
    max_count: int = 0
    unit: str = "day"
    baseline: float = HEIGHT - MARGIN_BOTTOM
    left: float = MARGIN_LEFT


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None


def timeline(points: list[dict], width: int = WIDTH, height: int = HEIGHT) -> Chart:  # type: ignore[type-arg]
    """Bars for ``[{"date": "2024-08-16", "count": 3}, ...]``: every day between the first and the
    last (empty days included, so gaps show), or every month when the span is long."""
    counts: dict[date, int] = {}
    for point in points:
        day = _parse(str(point.get("date") or ""))
        if day is not None:
            counts[day] = counts.get(day, 0) + int(point.get("count") or 0)
    chart = Chart(width=width, height=height, baseline=height - MARGIN_BOTTOM)
    if not counts:
        return chart
    first, last = min(counts), max(counts)
    if (last - first).days <= MAX_DAYS:
        slots = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        labels = [day.isoformat() for day in slots]
        values = [counts.get(day, 0) for day in slots]
    else:
        chart.unit = "month"
        months: dict[str, int] = {}
        for day, count in counts.items():
            months[day.isoformat()[:7]] = months.get(day.isoformat()[:7], 0) + count
        labels = _month_range(min(months), max(months))
        values = [months.get(month, 0) for month in labels]
    chart.max_count = max(values)
    plot_width = width - MARGIN_LEFT - 4
    plot_height = chart.baseline - MARGIN_TOP
    step = plot_width / len(values)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar_height = plot_height * value / chart.max_count if chart.max_count else 0
        bar_width = min(max(step * 0.8, 0.5), MAX_BAR_WIDTH)
        chart.bars.append(
            Bar(
                label=label,
                count=value,
                x=round(MARGIN_LEFT + i * step + (step - bar_width) / 2, 2),
                y=round(chart.baseline - bar_height, 2),
                width=round(bar_width, 2),
                height=round(bar_height, 2),
            )
        )
    every = max(1, len(values) // 6)  # about six labels whatever the span
    chart.ticks = [
        (round(MARGIN_LEFT + i * step + step / 2, 2), labels[i]) for i in range(0, len(values), every)
    ]
    return chart


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
