"""The county map: Kartverket's boundaries, simplified once into data/county-map.json
(`manage.py build_county_map`), shaded by a number per county. See docs/maps-and-charts.md.

The page draws it as inline SVG (templates/includes/county_map.html) beside a table of the
same numbers, which is the fallback and the source of truth.
"""

import json
import math
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

ASSET = settings.BASE_DIR / "data" / "county-map.json"

# A sequential single-hue scale (ColorBrewer's "Blues"), light to dark: the first for none,
# the others for four equal steps up to the largest number. Every fill is separated from its
# neighbours and from the page by BORDER, at least 3:1 against each (tests/regions/).
SHADES = ["#f7fbff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd"]
BORDER = "#1a1a1a"
BACKGROUND = "#ffffff"

LABELS = {
    "employers": lambda count: ngettext(
        "%(county)s: %(count)s bedrift", "%(county)s: %(count)s bedrifter", count
    ),
    "apprenticeships": lambda count: ngettext(
        "%(county)s: %(count)s lærebedrift", "%(county)s: %(count)s lærebedrifter", count
    ),
}
TITLES = {
    "employers": _("Bedrifter per fylke"),
    "apprenticeships": _("Lærebedrifter per fylke"),
}
COLUMNS = {"employers": _("Bedrifter"), "apprenticeships": _("Lærebedrifter")}


@cache
def county_shapes():
    """(view box, {county number: SVG path}), read once per process."""
    with open(ASSET, encoding="utf-8") as handle:
        asset = json.load(handle)
    return asset["viewBox"], {county["code"]: county["d"] for county in asset["counties"]}


@dataclass(frozen=True)
class CountyArea:
    code: str
    name: str
    path: str
    count: int
    fill: str
    url: str
    label: str
    current: bool


@dataclass(frozen=True)
class LegendStep:
    fill: str
    low: int
    high: int


@dataclass(frozen=True)
class CountyMap:
    view_box: str
    areas: list
    legend: list
    title: str
    count_heading: str


def shade_bounds(largest):
    """The upper bound of each shade: 0, then four equal steps up to `largest` (at least 1)."""
    largest = max(largest, 1)
    return [0] + [math.ceil(largest * step / 4) for step in range(1, 5)]


def shade_of(count, bounds):
    return next(SHADES[index] for index, bound in enumerate(bounds) if count <= bound)


def county_map(*, counties, counts, url_for, current=None, kind="employers"):
    """The map of `counties` (County rows, the 15 with a shape) shaded by `counts`
    ({county id: number}); `url_for(county)` is each county's link. None when all are 0."""
    view_box, shapes = county_shapes()
    bounds = shade_bounds(max(counts.values(), default=0))
    label = LABELS[kind]
    areas = []
    for county in counties:
        if county.code not in shapes:
            continue
        count = counts.get(county.pk, 0)
        areas.append(
            CountyArea(
                code=county.code,
                name=county.name,
                path=shapes[county.code],
                count=count,
                fill=shade_of(count, bounds),
                url=url_for(county),
                label=label(count) % {"county": county.name, "count": number_format(count)},
                current=current is not None and county.pk == current.pk,
            )
        )
    if not any(area.count for area in areas):
        return None
    legend, low = [], 0
    for fill, high in zip(SHADES, bounds, strict=True):
        if high >= low:
            legend.append(LegendStep(fill=fill, low=low, high=high))
            low = high + 1
    return CountyMap(
        view_box=view_box,
        areas=areas,
        legend=legend,
        title=TITLES[kind],
        count_heading=COLUMNS[kind],
    )
