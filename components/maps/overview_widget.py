"""The overview map as a widget: layers prepared once per dataset and language, clicks returned.

Shown with components.maps.widget, listening to zone clicks only: a click on a zone calls
`on_zone_click` before the fragment that holds the map reruns, so that rerun already draws the
new selection; panning and zooming never rerun the script.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from components import data, sample_mark
from components.i18n import enum_label, translate
from components.maps import widget
from components.maps.click import MapClick
from components.maps.overview import DEFAULT_ZOOM, PointLayer, overview_map, selection_layer
from components.maps.style import PLACE_TYPE_COLOURS, STATUS_COLOURS
from geo.build import browser as prepare
from geo.schema import WEB_CRS, Level

MAP_KEY = "overview_map"
_BASEMAP_SOURCES = ("base_water", "base_parks", "base_streets", "base_buildings")


def show(
    *,
    lang: str,
    selected: str | None,
    online_tiles: bool,
    on_zone_click: Callable[[str], None],
) -> None:
    """Draw the overview map; `on_zone_click(area_id)` runs when a zone is clicked."""

    def clicked(click: MapClick) -> None:
        if click.area_id is not None:
            on_zone_click(click.area_id)

    layers = _browser_layers(*data.cache_key(), lang)
    fmap = overview_map(
        zones=layers["zones"],
        labels={
            "zone": translate("map.zone", lang),
            "tiles_kartverket": "Kartverket",
            "tiles_osm": "OpenStreetMap",
        },
        basemap=layers["basemap"],
        points=[
            PointLayer(
                name=translate("map.projects_layer", lang),
                data=layers["projects"],
                colour_by="status",
                colours=STATUS_COLOURS,
                marker="projects",
            ),
            PointLayer(
                name=translate("map.places_layer", lang),
                data=layers["places"],
                colour_by="place_type",
                colours=PLACE_TYPE_COLOURS,
            ),
        ],
        tiles_online=online_tiles,
    )
    fmap.fit_bounds(layers["focus_bounds"])
    widget.show(
        fmap,
        key=MAP_KEY,
        height=560,
        listen=("zone",),
        on_click=clicked,
        feature_group_to_add=selection_layer(layers["zones"], selected),
    )


@st.cache_data(show_spinner=False, max_entries=8)
def _browser_layers(path: str, mtime: float, lang: str) -> dict[str, Any]:
    """Browser GeoJSON, simplified for the overview zoom; cached per dataset and language."""
    tables = data.tables()
    areas = tables["areas"]
    # One zoom level coarser than the view: borders move under 2 px, and the 60 zones stay
    # under the 120 KB budget (130 KB at the view's own tolerance).
    tolerance = prepare.tolerance_for_zoom(DEFAULT_ZOOM - 1)
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    outline = areas[areas["level"] == Level.KOMMUNE]
    projects = tables["projects"].assign(
        name=lambda df: [
            sample_mark.mark_if(str(n), bool(s), lang)
            for n, s in zip(df["name"], df["is_sample"], strict=True)
        ],
        type_label=lambda df: [enum_label("status", s, lang) for s in df["status"]],
    )
    # The overview shows the places of the focus zones; the whole layer would bury them.
    focus_ids = set(areas.loc[areas["is_focus"], "area_id"])
    places = tables["meeting_places"][lambda df: df["area_id"].isin(focus_ids)].assign(
        type_label=lambda df: [enum_label("place_type", p, lang) for p in df["place_type"]]
    )
    west, south, east, north = zones[zones["is_focus"]].to_crs(WEB_CRS).total_bounds
    return {
        "focus_bounds": [[south, west], [north, east]],
        "zones": prepare.to_browser_geojson(zones, ["area_id", "name", "is_focus"], tolerance),
        "basemap": prepare.basemap(
            {"outline": outline, **{name: tables[name] for name in _BASEMAP_SOURCES}},
            zoom=DEFAULT_ZOOM,
        ),
        "projects": prepare.to_browser_geojson(
            projects, ["project_id", "name", "status", "type_label"]
        ),
        "places": prepare.to_browser_geojson(
            places, ["place_id", "name", "place_type", "type_label"]
        ),
    }
