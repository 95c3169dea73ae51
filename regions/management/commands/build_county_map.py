"""Rebuild the county map asset (data/county-map.json) from Kartverket's county polygons.

Run once when the boundaries change; the site reads only the small asset. Needs shapely, a
development dependency (`pip install -e '.[dev]'`). See docs/maps-and-charts.md.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from regions.maps import ASSET

SOURCE = settings.BASE_DIR / "data" / "fylker-2024.geojson"


class Command(BaseCommand):
    help = (
        "Forenkler fylkesgrensene i data/fylker-2024.geojson (Kartverket) til kartet sidene "
        "viser (data/county-map.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(SOURCE), help="GeoJSON med fylkene")
        parser.add_argument("--output", default=str(ASSET), help="filen som skrives")
        parser.add_argument(
            "--tolerance", type=float, default=3.0, help="forenkling i kilometer (standard 3)"
        )
        parser.add_argument(
            "--min-area",
            type=float,
            default=60.0,
            help="øyer mindre enn dette (km²) tas ikke med (standard 60)",
        )

    def handle(self, *args, source, output, tolerance, min_area, **options):
        from regions.maps_build import county_map_build  # shapely: a dev dependency

        with open(source, encoding="utf-8") as handle:
            collection = json.load(handle)
        asset = county_map_build(collection, tolerance_km=tolerance, min_area_km2=min_area)
        with open(output, "w", encoding="utf-8") as handle:
            json.dump(asset, handle, ensure_ascii=False, separators=(",", ":"))
            handle.write("\n")
        self.stdout.write(
            f"Skrev {output}: {len(asset['counties'])} fylker, {len(json.dumps(asset))} tegn."
        )
