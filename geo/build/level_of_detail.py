"""How much detail a large polygon layer gets in the browser: the detail that fits a byte budget.

A national-size layer (~14,000 polygons, 10,000 points) sent as GeoJSON is ~7 MB and hangs the
browser: such a layer is drawn from vector tiles instead (geo/build/tiles.py). What is still
sent as GeoJSON gets the view's detail while it fits ``AREA_BYTES_BUDGET``. Measured in
bench/README.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd

from geo.build import browser

AREA_BYTES_BUDGET = 1_500_000  # one polygon layer; the 60 zones need under 120 KB
MIN_DETAIL_ZOOM = 5  # never coarser: about five vertices a national cell
LOD_STEP = 3  # zoom levels dropped per try; each try simplifies the whole layer


def level_of_detail(
    frame: gpd.GeoDataFrame, columns: Sequence[str], zoom: int, budget: int = AREA_BYTES_BUDGET
) -> dict[str, Any]:
    """Browser GeoJSON simplified for ``zoom``; coarser, ``LOD_STEP`` zooms at a time, while it
    is over ``budget`` bytes, never below ``MIN_DETAIL_ZOOM``. The 60 zones fit at once; a
    national layer gets the geometry of the zoom at which all of it is small enough to draw
    without a hang."""
    collection = at_zoom(frame, columns, zoom)
    while browser.geojson_bytes(collection) > budget and zoom > MIN_DETAIL_ZOOM:
        zoom = max(MIN_DETAIL_ZOOM, zoom - LOD_STEP)
        collection = at_zoom(frame, columns, zoom)
    return collection


def at_zoom(frame: gpd.GeoDataFrame, columns: Sequence[str], zoom: int) -> dict[str, Any]:
    """Simplified for ``zoom`` and rounded to about a tenth of its pixel (5 decimals ≈ 1 m
    at zoom 13 and above, fewer when zoomed out)."""
    pixel_degrees = 360 / (browser.TILE_SIZE_PX * 2**zoom)
    precision = min(5, max(2, math.ceil(-math.log10(pixel_degrees)) + 1))
    return browser.to_browser_geojson(
        frame, columns, browser.tolerance_for_zoom(zoom), precision=precision
    )
