"""Simplify Kartverket's county polygons into the map asset (run by `build_county_map`).

Projection: Lambert azimuthal equal-area centred on Norway (15° E, 65° N), so that a county's
shaded area is in proportion to its land area. Simplification: GEOS's coverage simplifier
(`shapely.coverage_simplify`), which simplifies each shared border once, so neighbouring
counties still meet without gaps or overlaps. Islands smaller than `min_area_km2` are left out.
The result is SVG path data in whole units of the view box, with relative moves.
"""

import math

import numpy
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

EARTH_RADIUS_KM = 6371.0
CENTRE_LON, CENTRE_LAT = 15.0, 65.0
HEIGHT = 1000  # view-box units; the width follows the country's shape
MARGIN = 4


def project(coordinates):
    """Longitude/latitude (degrees) to kilometres, spherical Lambert azimuthal equal-area."""
    lon = numpy.radians(coordinates[:, 0] - CENTRE_LON)
    lat = numpy.radians(coordinates[:, 1])
    lat0 = math.radians(CENTRE_LAT)
    k = numpy.sqrt(
        2 / (1 + math.sin(lat0) * numpy.sin(lat) + math.cos(lat0) * numpy.cos(lat) * numpy.cos(lon))
    )
    x = EARTH_RADIUS_KM * k * numpy.cos(lat) * numpy.sin(lon)
    y = (
        EARTH_RADIUS_KM
        * k
        * (math.cos(lat0) * numpy.sin(lat) - math.sin(lat0) * numpy.cos(lat) * numpy.cos(lon))
    )
    return numpy.column_stack([x, y])


def _polygons(geometry):
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [part for part in getattr(geometry, "geoms", []) if isinstance(part, Polygon)]


def _keep_large(geometry, min_area):
    """The polygons (and holes) of at least `min_area`; always the largest polygon."""
    polygons = sorted(_polygons(geometry), key=lambda polygon: -polygon.area)
    kept = []
    for index, polygon in enumerate(polygons):
        if index and polygon.area < min_area:
            continue
        holes = [ring for ring in polygon.interiors if Polygon(ring).area >= min_area]
        kept.append(Polygon(polygon.exterior, holes))
    return MultiPolygon(kept)


def _ring_path(points):
    """'M x y l dx dy …z' with repeated points dropped."""
    steps, previous = [], None
    for x, y in points[:-1]:  # A closed ring repeats its first point.
        if previous is None:
            steps.append(f"M{x} {y}")
        elif (x, y) != previous:
            steps.append(f"l{x - previous[0]} {y - previous[1]}")
        previous = (x, y)
    return "".join(steps).replace(" -", "-") + "z" if len(steps) > 2 else ""


def county_map_build(collection, *, tolerance_km, min_area_km2):
    """The asset: the view box, the source and each county's number, name and path."""
    features = sorted(collection["features"], key=lambda feature: feature["properties"]["id"])
    geometries = [shapely.transform(shape(feature["geometry"]), project) for feature in features]
    geometries = [_keep_large(geometry, min_area_km2) for geometry in geometries]
    simplified = shapely.coverage_simplify(numpy.array(geometries), tolerance_km)
    simplified = [_keep_large(geometry, min_area_km2) for geometry in simplified]

    min_x, min_y, max_x, max_y = shapely.total_bounds(numpy.array(simplified))
    scale = (HEIGHT - 2 * MARGIN) / (max_y - min_y)
    width = math.ceil((max_x - min_x) * scale) + 2 * MARGIN

    def to_view_box(coordinates):
        x = numpy.rint((coordinates[:, 0] - min_x) * scale + MARGIN)
        y = numpy.rint((max_y - coordinates[:, 1]) * scale + MARGIN)  # SVG's y points down
        return numpy.column_stack([x, y])

    counties = []
    for feature, geometry in zip(features, simplified, strict=True):
        geometry = shapely.transform(geometry, to_view_box)
        rings = [
            ring
            for polygon in _polygons(geometry)
            for ring in [polygon.exterior, *polygon.interiors]
        ]
        path = "".join(_ring_path([(int(x), int(y)) for x, y in ring.coords]) for ring in rings)
        properties = feature["properties"]
        counties.append(
            {"code": properties["fylkesnummer"], "name": properties["fylkesnavn"], "d": path}
        )
    return {
        "source": "© Kartverket (CC BY 4.0), fylker 2024, forenklet",
        "viewBox": f"0 0 {width} {HEIGHT}",
        "tolerance_km": tolerance_km,
        "min_area_km2": min_area_km2,
        "counties": counties,
    }
