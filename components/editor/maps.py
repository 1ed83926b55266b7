"""Small maps for the Data page: an import preview, and one row placed or moved by a click.

Builders return a ``folium.Map`` (tested without a browser). Text properties come from
``geo.build.browser.to_browser_geojson``, which HTML-escapes them, so a name like ``<script>`` is
shown as text in tooltips.
"""

from __future__ import annotations

import html
from typing import Any

import folium
import geopandas as gpd

from components.maps import overview as base_map
from geo.build import browser as prepare
from geo.schema import WEB_CRS

PREVIEW_COLOUR = "#C0392B"
ROW_COLOUR = "#005AA0"


def preview_map(
    frame: gpd.GeoDataFrame, label_field: str | None, context: dict[str, Any]
) -> folium.Map:
    """The rows of an import over the zone outlines (no tiles: works offline), fitted to them.

    `context` is browser GeoJSON of the levekårssoner (geo.build.browser.to_browser_geojson).
    """
    fields = [label_field] if label_field and label_field in frame.columns else []
    collection = prepare.to_browser_geojson(frame, fields)
    fmap = _plain_map(context)
    layer = folium.GeoJson(
        collection,
        name="import",
        marker=folium.CircleMarker(radius=7, fill=True, fill_opacity=0.9, weight=2),
        style_function=lambda _feature: {
            "color": "#FFFFFF",
            "fillColor": PREVIEW_COLOUR,
            "weight": 2,
            "fillOpacity": 0.6,
        },
        tooltip=folium.GeoJsonTooltip(fields=fields, labels=False) if fields else None,
    )
    layer.add_to(fmap)
    west, south, east, north = frame.to_crs(WEB_CRS).total_bounds
    fmap.fit_bounds([[south, west], [north, east]], max_zoom=16)
    return fmap


def row_map(point: tuple[float, float] | None, label: str, context: dict[str, Any]) -> folium.Map:
    """One row's position (lat, lon), or the programme's area when it has none yet."""
    fmap = _plain_map(context, point or base_map.TRONDHEIM_CENTER, 15 if point else 13)
    if point is not None:
        folium.CircleMarker(
            location=point,
            radius=9,
            color="#FFFFFF",
            weight=3,
            fill=True,
            fill_color=ROW_COLOUR,
            fill_opacity=1.0,
            tooltip=html.escape(label),
        ).add_to(fmap)
    return fmap


def _plain_map(
    context: dict[str, Any], location: Any = base_map.TRONDHEIM_CENTER, zoom: int = 13
) -> folium.Map:
    fmap = folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=True)
    folium.GeoJson(
        context,
        name="zones",
        style_function=lambda _feature: {
            "color": "#7A8793",
            "weight": 1,
            "fillColor": "#F0F4F8",
            "fillOpacity": 0.5,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(fmap)
    return fmap
