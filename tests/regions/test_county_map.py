"""The county map's asset, shading, legend and colours (regions/maps.py)."""

import io
import json

import pytest
from django.core.management import call_command

from regions.maps import ASSET, BACKGROUND, BORDER, SHADES, county_map, shade_bounds, shade_of
from regions.models import County


def luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_asset_has_the_fifteen_counties_of_2024_and_credits_kartverket():
    asset = json.loads(ASSET.read_text(encoding="utf-8"))
    codes = [county["code"] for county in asset["counties"]]
    expected = ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50"]
    assert codes == [*expected, "55", "56"]
    assert "Kartverket" in asset["source"]
    assert all(
        county["d"].startswith("M") and county["d"].endswith("z") for county in asset["counties"]
    )
    assert ASSET.stat().st_size < 20_000


def test_the_build_command_regenerates_the_committed_asset(tmp_path):
    pytest.importorskip("shapely")
    output = tmp_path / "county-map.json"
    call_command("build_county_map", "--output", str(output), stdout=io.StringIO())
    assert json.loads(output.read_text(encoding="utf-8")) == json.loads(
        ASSET.read_text(encoding="utf-8")
    )


def test_the_border_stands_out_3_to_1_against_the_page_and_every_shade():
    assert contrast(BORDER, BACKGROUND) >= 3
    for shade in SHADES:
        assert contrast(BORDER, shade) >= 3, shade


def test_the_scale_is_one_hue_from_light_to_dark():
    values = [luminance(shade) for shade in SHADES]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(SHADES)


@pytest.mark.parametrize(
    ("largest", "bounds"),
    [(0, [0, 1, 1, 1, 1]), (1, [0, 1, 1, 1, 1]), (8, [0, 2, 4, 6, 8]), (10, [0, 3, 5, 8, 10])],
)
def test_shade_bounds_are_four_equal_steps_above_zero(largest, bounds):
    assert shade_bounds(largest) == bounds


def test_zero_gets_the_lightest_shade_and_the_largest_the_darkest():
    bounds = shade_bounds(10)
    assert shade_of(0, bounds) == SHADES[0]
    assert shade_of(1, bounds) == SHADES[1]
    assert shade_of(6, bounds) == SHADES[3]
    assert shade_of(10, bounds) == SHADES[4]


@pytest.mark.django_db
def test_map_labels_legend_and_no_map_without_any_number(regions):
    counties = list(County.objects.all())
    by_code = {county.code: county for county in counties}
    counts = {by_code["46"].pk: 5, by_code["03"].pk: 1}
    areas = county_map(
        counties=counties, counts=counts, url_for=lambda county: f"?fylke={county.code}"
    )
    labels = {area.code: area.label for area in areas.areas}
    assert len(labels) == 15
    assert labels["46"] == "Vestland: 5 bedrifter"
    assert labels["03"] == "Oslo: 1 bedrift"
    assert labels["11"] == "Rogaland: 0 bedrifter"
    assert [(step.low, step.high) for step in areas.legend] == [
        (0, 0),
        (1, 2),
        (3, 3),
        (4, 4),
        (5, 5),
    ]
    apprenticeships = county_map(
        counties=counties, counts=counts, url_for=str, kind="apprenticeships"
    )
    assert apprenticeships.areas[0].label == "Oslo: 1 lærebedrift"
    assert county_map(counties=counties, counts={}, url_for=str) is None
