"""How much of a large layer the browser gets: the detail that fits a byte budget, and the
window around the view the map opens at.

A national-size layer (~14,000 polygons, 10,000 points) sent whole and at the view's detail
is ~7 MB and hangs the browser; panning never reruns the script, so what is sent is fixed
when the map opens. Measured in bench/README.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import shapely

from geo.build import browser
from geo.schema import WEB_CRS

AREA_BYTES_BUDGET = 1_500_000  # one polygon layer; the 60 zones need under 120 KB
MIN_DETAIL_ZOOM = 5  # never coarser: about five vertices a national cell
LOD_STEP = 3  # zoom levels dropped per try; each try simplifies the whole layer
LARGE_LAYER = 3_000  # features; larger layers are sent for the opening view's window only
WINDOW_MARGIN = 2  # view widths (heights) added on each side: the window is 5× the view
VIEW_PX = (1_400, 800)  # width, height of the view assumed when only a centre is known

Window = tuple[float, float, float, float]  # west, south, east, north in EPSG:4326


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


def data_window(
    centre: tuple[float, float],
    zoom: int,
    fit_bounds: Sequence[Sequence[float]] | None = None,
) -> Window:
    """The part of the map a large layer is sent for: the opening view (``fit_bounds``
    [[south, west], [north, east]], else ``VIEW_PX`` around ``centre`` (lat, lon) at ``zoom``)
    with ``WINDOW_MARGIN`` times its width and height on every side."""
    if fit_bounds is not None:
        (south, west), (north, east) = fit_bounds
    else:
        lat, lon = centre
        degrees = 360 / (browser.TILE_SIZE_PX * 2**zoom)  # per pixel, at the equator
        half_w = VIEW_PX[0] / 2 * degrees
        half_h = VIEW_PX[1] / 2 * degrees * math.cos(math.radians(lat))
        west, east, south, north = lon - half_w, lon + half_w, lat - half_h, lat + half_h
    width, height = east - west, north - south
    return (
        west - WINDOW_MARGIN * width,
        south - WINDOW_MARGIN * height,
        east + WINDOW_MARGIN * width,
        north + WINDOW_MARGIN * height,
    )


def in_window(frame: gpd.GeoDataFrame, window: Window | None) -> gpd.GeoDataFrame:
    """The features of ``frame`` that touch ``window``; a layer of at most ``LARGE_LAYER``
    features (or no window) whole."""
    if window is None or len(frame) <= LARGE_LAYER:
        return frame
    local_box = gpd.GeoSeries([shapely.box(*window)], crs=WEB_CRS).to_crs(frame.crs).iloc[0]
    return frame[frame.intersects(local_box)]
