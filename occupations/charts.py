"""Simple SVG charts of SSB's figures, drawn on the server beside the tables they show.

Only geometry is worked out here (in view-box units); the templates write the SVG and the
numbers (templates/occupations/includes/*_chart.html). The table under each chart is what
screen readers get and the source of truth; a figure SSB does not publish is not drawn.

- `salary_chart`: monthly earnings as ranges, lower to upper quartile with the median marked.
- `graduates_chart`: what graduates of an education work as, as bars of their shares.
"""

import math
from dataclasses import dataclass

from occupations.models import SalaryStatistic

WIDTH = 400
PAD = 30  # room for the first and last tick's label
ROW = 46  # a row: its label, then its bar below
BAR_TOP, BAR_HEIGHT = 22, 14
AXIS = 30  # the axis and its labels under the rows

Measure = SalaryStatistic.Measure


@dataclass(frozen=True)
class Tick:
    x: float
    value: int


@dataclass(frozen=True)
class RangeRow:
    label: str
    top: int
    lower: int | None
    median: int | None
    upper: int | None
    x_lower: float | None
    x_median: float | None
    x_upper: float | None

    @property
    def has_range(self):
        return self.x_lower is not None and self.x_upper is not None

    @property
    def range_width(self):
        return round(self.x_upper - self.x_lower, 1) if self.has_range else None

    @property
    def note_anchor(self):
        """Where the "not published" note goes: after the median, or before it when the
        median is in the right half (or to the left edge when there is none)."""
        if self.x_median is None:
            return PAD, "start"
        if self.x_median > WIDTH / 2:
            return self.x_median - 8, "end"
        return self.x_median + 8, "start"


@dataclass(frozen=True)
class RangeChart:
    rows: list
    ticks: list
    height: int
    axis_y: int
    width: int = WIDTH
    bar_top: int = BAR_TOP
    bar_height: int = BAR_HEIGHT


@dataclass(frozen=True)
class Bar:
    label: str
    share: object
    top: int
    length: float


@dataclass(frozen=True)
class BarChart:
    bars: list
    height: int
    width: int = WIDTH
    bar_top: int = BAR_TOP
    bar_height: int = BAR_HEIGHT
    left: int = 8


def _nice_step(span):
    """The smallest of 5,000, 10,000, 20,000 or 50,000 kr that needs at most four steps."""
    return next((step for step in (5_000, 10_000, 20_000) if span <= 4 * step), 50_000)


def salary_domain(table):
    """(low, high, step) shared by a salary table's charts: whole steps around every
    quartile and median SSB publishes; None when it publishes none of them."""
    columns = [
        index
        for index, measure in enumerate(table.measures)
        if measure in (Measure.LOWER_QUARTILE, Measure.MEDIAN, Measure.UPPER_QUARTILE)
    ]
    values = [
        row.values[index]
        for row in table.by_sector + table.by_gender
        for index in columns
        if row.values[index] is not None
    ]
    if not values:
        return None
    step = _nice_step(max(values) - min(values))
    low, high = math.floor(min(values) / step) * step, math.ceil(max(values) / step) * step
    return low, max(high, low + step), step


def salary_chart(table, rows):
    """The ranges of `rows` (a SalaryTable's by_sector or by_gender), or None when SSB
    publishes neither a median nor quartiles for any of them."""
    domain = salary_domain(table)
    figures = [dict(zip(table.measures, row.values, strict=True)) for row in rows]
    shown = [Measure.LOWER_QUARTILE, Measure.MEDIAN, Measure.UPPER_QUARTILE]
    if domain is None or not any(figure.get(m) is not None for figure in figures for m in shown):
        return None
    low, high, step = domain

    def x(value):
        if value is None:
            return None
        return round(PAD + (value - low) / (high - low) * (WIDTH - 2 * PAD), 1)

    chart_rows = []
    for index, (row, figure) in enumerate(zip(rows, figures, strict=True)):
        lower, median, upper = (figure.get(measure) for measure in shown)
        chart_rows.append(
            RangeRow(
                label=row.label,
                top=index * ROW,
                lower=lower,
                median=median,
                upper=upper,
                x_lower=x(lower),
                x_median=x(median),
                x_upper=x(upper),
            )
        )
    axis_y = len(rows) * ROW
    return RangeChart(
        rows=chart_rows,
        ticks=[Tick(x(value), value) for value in range(low, high + 1, step)],
        height=axis_y + AXIS,
        axis_y=axis_y,
    )


def graduates_chart(outcomes):
    """Bars of the shares in `outcomes` (GraduateOutcome rows, largest first), scaled so the
    largest share fills the width less room for its label; None without outcomes."""
    if not outcomes:
        return None
    largest = max(outcome.share_percent for outcome in outcomes) or 1
    room = WIDTH - 8 - 70  # the value is written after the bar
    bars = [
        Bar(
            label=outcome.styrk_group.name,
            share=outcome.share_percent,
            top=index * ROW,
            length=round(float(outcome.share_percent) / float(largest) * room, 1),
        )
        for index, outcome in enumerate(outcomes)
    ]
    return BarChart(bars=bars, height=len(bars) * ROW)
