"""Map overlays of the coverage: the reached part of each zone, the gaps, the straight-line reach.

Non-interactive polygons (clicks and tooltips go to the zone below), simplified to about a
pixel at zoom 14 (components.programme.coverage). Colours are Okabe–Ito: blue for reached, reddish
purple for gaps, so they read apart for colour-blind readers and from the orange focus zones.
"""

from __future__ import annotations

import html
from typing import Any

import folium

REACH_COLOUR = "#0072B2"
GAP_COLOUR = "#CC79A7"
STRAIGHT_COLOUR = "#1F2937"

REACH_STYLE: dict[str, Any] = {
    "stroke": False,
    "fillColor": REACH_COLOUR,
    "fillOpacity": 0.45,
}
GAP_STYLE: dict[str, Any] = {
    "color": GAP_COLOUR,
    "weight": 1,
    "fillColor": GAP_COLOUR,
    "fillOpacity": 0.6,
}
STRAIGHT_STYLE: dict[str, Any] = {
    "color": STRAIGHT_COLOUR,
    "weight": 2,
    "dashArray": "6 4",
    "fill": False,
}


def polygon_layer(
    geojson: dict[str, Any], *, name: str, style: dict[str, Any], show: bool = True
) -> folium.FeatureGroup:
    """One toggleable overlay of browser GeoJSON polygons, drawn with ``style``, not clickable."""
    group = folium.FeatureGroup(name=html.escape(name), show=show)
    if geojson["features"]:
        folium.GeoJson(geojson, style_function=lambda _feature: style, interactive=False).add_to(
            group
        )
    return group
