"""The kiosk's map: one focus zone (or all three) with its projects and meeting places.

Built with components.maps.overview.overview_map on the vector base map (no tiles: the kiosk
must work without a network). The map listens to no click, so nothing is sent back to the
server: touching, panning and zooming never rerun the script; the kiosk's own script notices
the touch.
"""

from __future__ import annotations

from typing import Any

import folium
import streamlit as st

from components import data
from components.i18n import enum_label, translate
from components.maps import widget
from components.maps.overview import PointLayer, overview_map
from components.maps.style import PLACE_TYPE_COLOURS, STATUS_COLOURS
from geo.build import browser as prepare
from geo.schema import WEB_CRS, Level

ZOOM = 14
_BASEMAP_SOURCES = ("base_water", "base_parks", "base_streets", "base_buildings")


def zone_map(area_id: str | None, lang: str) -> folium.Map:
    """The zone `area_id` framed, with its points; None: the three focus zones, no points."""
    layers = _layers(*data.cache_key(), lang)
    points: list[PointLayer] = []
    if area_id is not None:
        points = [
            PointLayer(
                name=translate("map.projects_layer", lang),
                data=_only(layers["projects"], area_id),
                colour_by="status",
                colours=STATUS_COLOURS,
                marker="projects",
            ),
            PointLayer(
                name=translate("map.places_layer", lang),
                data=_only(layers["places"], area_id),
                colour_by="place_type",
                colours=PLACE_TYPE_COLOURS,
            ),
        ]
    fmap = overview_map(
        zones=layers["zones"],
        labels={"zone": translate("map.zone", lang)},
        basemap=layers["basemap"],
        points=points,
        selected_area_id=area_id,
        zoom=ZOOM,
    )
    fmap.fit_bounds(layers["bounds"][area_id or "focus"])
    return fmap


def show(area_id: str | None, lang: str, *, height: int) -> None:
    widget.show(
        zone_map(area_id, lang), key=f"kiosk_map_{area_id or 'focus'}_{lang}", height=height
    )


def _only(collection: dict[str, Any], area_id: str) -> dict[str, Any]:
    features = [f for f in collection["features"] if f["properties"].get("area_id") == area_id]
    return {"type": "FeatureCollection", "features": features}


@st.cache_data(show_spinner=False, max_entries=4)
def _layers(path: str, mtime: float, lang: str) -> dict[str, Any]:
    tables = data.tables()
    areas = tables["areas"]
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    focus = zones[zones["is_focus"]]
    outline = areas[areas["level"] == Level.KOMMUNE]
    focus_ids = set(focus["area_id"])
    projects = tables["projects"][lambda df: df["area_id"].isin(focus_ids)].assign(
        type_label=lambda df: [enum_label("status", s, lang) for s in df["status"]]
    )
    places = tables["meeting_places"][lambda df: df["area_id"].isin(focus_ids)].assign(
        type_label=lambda df: [enum_label("place_type", p, lang) for p in df["place_type"]]
    )
    bounds: dict[str, list[list[float]]] = {}
    for key, frame in [("focus", focus), *((a, focus[focus["area_id"] == a]) for a in focus_ids)]:
        west, south, east, north = frame.to_crs(WEB_CRS).total_bounds
        bounds[str(key)] = [[south, west], [north, east]]
    tolerance = prepare.tolerance_for_zoom(ZOOM - 2)
    return {
        "bounds": bounds,
        "zones": prepare.to_browser_geojson(zones, ["area_id", "name", "is_focus"], tolerance),
        "basemap": prepare.basemap(
            {"outline": outline, **{name: tables[name] for name in _BASEMAP_SOURCES}},
            zoom=ZOOM,
        ),
        "projects": prepare.to_browser_geojson(
            projects, ["project_id", "name", "status", "type_label", "area_id"]
        ),
        "places": prepare.to_browser_geojson(
            places, ["place_id", "name", "place_type", "type_label", "area_id"]
        ),
    }
