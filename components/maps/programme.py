"""The map of the programme pages (Prosjekter, Møteplasser, Nabolagspotten).

The zones and the offline base map of ``components.maps.overview.overview_map``, framed on the focus
zones, with the page's own point layers and overlays. Built here (no Streamlit in the
builders) and shown with components.maps.widget: only a click on a point reruns the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import folium
import streamlit as st

from components import data
from components.i18n import translate
from components.maps import widget
from components.maps.click import MapClick
from components.maps.overview import DEFAULT_ZOOM, PointLayer, overview_map
from geo.build import browser as prepare
from geo.schema import WEB_CRS, Level

MAP_HEIGHT = 520
HIGHLIGHT_STYLE = {"radius": 13, "weight": 4, "color": "#14213D", "fill": False, "opacity": 1.0}


@st.cache_data(show_spinner=False, max_entries=4)
def base_layers(path: str, mtime: float) -> dict[str, Any]:
    """Zones and base map as browser GeoJSON, and the bounds of the focus zones."""
    tables = data.tables()
    areas = tables["areas"]
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    outline = areas[areas["level"] == Level.KOMMUNE]
    west, south, east, north = zones[zones["is_focus"]].to_crs(WEB_CRS).total_bounds
    names = ("base_water", "base_parks", "base_streets", "base_buildings")
    return {
        "zones": prepare.to_browser_geojson(
            zones, ["area_id", "name", "is_focus"], prepare.tolerance_for_zoom(DEFAULT_ZOOM)
        ),
        "basemap": prepare.basemap(
            {"outline": outline, **{name: tables[name] for name in names}}, zoom=DEFAULT_ZOOM
        ),
        "focus_bounds": [[south, west], [north, east]],
    }


def programme_map(
    *,
    lang: str,
    points: Sequence[PointLayer],
    overlays: Sequence[folium.FeatureGroup] = (),
) -> folium.Map:
    """The zones and base map with ``points`` on top and ``overlays`` (e.g. reach areas) under
    the points, framed on the focus zones."""
    layers = base_layers(*data.cache_key())
    fmap = overview_map(
        zones=layers["zones"],
        labels={"zone": translate("map.zone", lang)},
        basemap=layers["basemap"],
        points=(),
    )
    for overlay in overlays:
        overlay.add_to(fmap)
    # The point layers as overview_map builds them (one GeoJson in a FeatureGroup each), added
    # after the overlays so that points are drawn over the reach areas, not under them.
    empty = {"type": "FeatureCollection", "features": []}
    for child in list(
        overview_map(zones=empty, labels={"zone": ""}, points=points)._children.values()
    ):
        if isinstance(child, folium.FeatureGroup) and child.control:
            child.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    fmap.fit_bounds(layers["focus_bounds"])
    return fmap


def highlight(lat_lon: tuple[float, float] | None) -> folium.FeatureGroup:
    """A ring around the chosen point, for ``st_folium(feature_group_to_add=...)``."""
    group = folium.FeatureGroup(name="highlight", control=False)
    if lat_lon is not None:
        folium.CircleMarker(location=lat_lon, interactive=False, **HIGHLIGHT_STYLE).add_to(group)
    return group


def show(
    fmap: folium.Map,
    *,
    key: str,
    on_point_click: Callable[[Mapping[str, Any]], None] | None = None,
    overlay: folium.FeatureGroup | None = None,
    height: int = MAP_HEIGHT,
) -> None:
    """Show the map. ``on_point_click(properties)`` runs when a point is clicked (properties
    unescaped); without it, nothing on the map reruns the page."""

    def clicked(click: MapClick) -> None:
        if on_point_click is not None:
            on_point_click(click.properties)

    widget.show(
        fmap,
        key=key,
        height=height,
        listen=("point",) if on_point_click else (),
        on_click=clicked,
        feature_group_to_add=overlay,
    )
