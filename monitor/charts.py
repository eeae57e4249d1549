"""The geometry of the monitor's charts, drawn on the server as SVG: a line chart for a series
over time, grouped bars for a few periods. Each series has its own marker shape, line dash and
bar pattern besides its colour, and the last value of each line (every bar) is written beside
it, so a chart reads without colour. The template templates/monitor/includes/chart.html draws
what these functions compute; the numbers themselves are also in the chart's table.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# Narrow enough that the text (14px in the stylesheet) stays readable on a phone. The margins
# left and right grow with the longest value written there.
WIDTH, HEIGHT = 520, 300
TOP, BOTTOM = 24, 40
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
CHARACTER_WIDTH, MARGIN = 8.5, 16
# Up to this many periods a chart is drawn as bars: a line through two points says little.
MOST_BARS = 3
MOST_X_LABELS = 6
# Per series, in order: marker shape, line dash, bar pattern (patterns in the template).
MARKERS = ["circle", "square", "triangle", "diamond"]
DASHES = ["", "8 4", "2 4", "12 4 2 4"]
MARKER_SIZE = 5


def rounded(value, decimals):
    """Half away from zero, as statistics are rounded (Python's round() goes to even)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_value(value, decimals):
    """A value as the Dutch read it: 2.210.000 and 4,1."""
    text = f"{rounded(value, decimals):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def nice_step(span, ticks=5):
    """A round step (1, 2 or 5 times a power of ten) that divides `span` in about `ticks`."""
    raw = span / ticks if span > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    return next(power * factor for factor in (1, 2, 5, 10) if power * factor >= raw)


def value_axis(values):
    """(low, high, step) of the value axis: from zero (or below it, for negative values) to a
    round number above the highest value."""
    low, high = min(min(values), 0), max(max(values), 0)
    step = nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if high == low:
        high = low + step
    return low, high, step


def marker_path(shape, x, y, size=MARKER_SIZE):
    if shape == "square":
        return f"M{x - size} {y - size}h{2 * size}v{2 * size}h{-2 * size}Z"
    if shape == "triangle":
        return f"M{x} {y - size - 1}L{x + size + 1} {y + size}H{x - size - 1}Z"
    if shape == "diamond":
        return f"M{x} {y - size - 1}L{x + size + 1} {y}L{x} {y + size + 1}L{x - size - 1} {y}Z"
    return f"M{x - size} {y}a{size} {size} 0 1 0 {2 * size} 0a{size} {size} 0 1 0 {-2 * size} 0Z"


@dataclass
class Mark:
    x: float
    y: float
    text: str  # the value as written
    title: str  # series, period and value, for a pointer's tooltip
    path: str = ""
    width: float = 0
    height: float = 0

    @property
    def center(self):
        return round(self.x + self.width / 2, 1)

    @property
    def above(self):
        """Where a bar's value is written: just above it."""
        return round(self.y - 5, 1)


@dataclass
class DrawnSeries:
    index: int
    name: str
    marker: str
    dash: str
    lines: list = field(default_factory=list)  # one polyline per unbroken stretch
    marks: list = field(default_factory=list)
    label: Mark | None = None  # the last value, beside the end of the line
    legend_marker: str = ""


def draw(periods, series, formatter):
    """The chart of `series` (a list of (name, {period: value or None})) over `periods`
    (a list of (period, label)); `formatter` writes a value. Returns the drawing's parts."""
    values = [float(v) for _, points in series for v in points.values() if v is not None]
    low, high, step = value_axis(values or [0])
    kind = "bars" if len(periods) <= MOST_BARS else "line"

    tick_values = []
    tick = low
    while tick <= high + step / 2:
        tick_values.append(tick)
        tick += step
    decimals = max(0, -math.floor(math.log10(step)))
    tick_texts = [format_value(Decimal(str(round(tick, 6))), decimals) for tick in tick_values]
    left = MARGIN + CHARACTER_WIDTH * max(len(text) for text in tick_texts)
    right = MARGIN
    if kind == "line":
        right += CHARACTER_WIDTH * max((len(formatter(Decimal(str(v)))) for v in values), default=0)
    plot_width = WIDTH - left - right

    def y_of(value):
        return round(TOP + PLOT_HEIGHT * (high - float(value)) / (high - low), 1)

    ticks = [
        {"y": y_of(tick), "text": text} for tick, text in zip(tick_values, tick_texts, strict=True)
    ]
    slot = plot_width / len(periods) if periods else plot_width
    every = math.ceil(len(periods) / MOST_X_LABELS) if periods else 1
    x_labels = [
        {"x": round(left + slot * (position + 0.5), 1), "text": label}
        for position, (_, label) in enumerate(periods)
        # Counted from the end, so the newest period always has its label.
        if (len(periods) - 1 - position) % every == 0
    ]
    drawn = []
    for index, (name, points) in enumerate(series):
        item = DrawnSeries(index, name, MARKERS[index % len(MARKERS)], DASHES[index % len(DASHES)])
        item.legend_marker = marker_path(item.marker, 10, 10)
        stretch = []
        for position, (period, label) in enumerate(periods):
            value = points.get(period)
            if value is None:
                # A gap in the data is a gap in the line, not a straight line across it.
                stretch = []
                continue
            text = formatter(value)
            title = f"{name}, {label}: {text}"
            if kind == "bars":
                width = slot * 0.8 / len(series)
                x = left + slot * (position + 0.1) + width * index
                y = y_of(max(value, 0))
                height = abs(y_of(value) - y_of(0))
                item.marks.append(
                    Mark(round(x, 1), y, text, title, width=round(width, 1), height=height)
                )
            else:
                x = round(left + slot * (position + 0.5), 1)
                y = y_of(value)
                if not stretch:
                    item.lines.append(stretch)
                stretch.append(f"{x},{y}")
                item.marks.append(Mark(x, y, text, title, marker_path(item.marker, x, y)))
        item.lines = [" ".join(stretch) for stretch in item.lines if len(stretch) > 1]
        if kind == "line" and item.marks:
            last = item.marks[-1]
            item.label = Mark(last.x + 10, last.y + 4, last.text, last.title)
        drawn.append(item)
    spread_labels([item.label for item in drawn if item.label])
    return {
        "kind": kind,
        "width": WIDTH,
        "height": HEIGHT,
        "left": left,
        "right": WIDTH - right,
        "top": TOP,
        "bottom": TOP + PLOT_HEIGHT,
        "zero": y_of(0),
        "ticks": ticks,
        "x_labels": x_labels,
        "series": drawn,
    }


def spread_labels(labels, gap=14):
    """Moves the end-of-line labels apart vertically so they never overlap."""
    previous = None
    for label in sorted(labels, key=lambda label: label.y):
        if previous is not None and label.y - previous.y < gap:
            label.y = round(previous.y + gap, 1)
        previous = label
