"""The Kart map in the page: browser GeoJSON prepared once per dataset, zoom, language and
filter (cached), the base map kept, layers swapped through ``feature_group_to_add``.

Shown with components.maps.widget, listening to a zone, a point of a layer (has ``fid``) and a
shape the user drew (a clicked catchment counts as one); ``_clicked`` dispatches them to
components/state.py before the fragment reruns. How much of a national-size layer is sent
(level of detail, data window) is geo.build.level_of_detail.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from typing import Any

import folium
import geopandas as gpd
import shapely.geometry
import streamlit as st

from components import data, state
from components.i18n import translate
from components.kart import indicator as kart_indicator
from components.kart.layers import LAYERS, layer_frame, parse_fid
from components.kart.map import (
    BaseView,
    areas_group,
    base_map,
    choropleth_group,
    labels_group,
    points_group,
    selection_group,
    zones_group,
)
from components.maps import widget
from components.maps.click import MapClick
from components.maps.overview import DEFAULT_ZOOM, TRONDHEIM_CENTER
from geo.analysis.filters import Filters
from geo.analysis.select import shape_from_drawing
from geo.build import browser as prepare
from geo.build.level_of_detail import Window, data_window, in_window, level_of_detail
from geo.schema import CRS, WEB_CRS, Level

MAP_KEY = "kart_map"
INDICATOR_LAYER = "indicator"  # the choropleth, listed with the layers of LAYERS
MAP_HEIGHT = 620
_BASEMAP_SOURCES = ("base_water", "base_parks", "base_streets", "base_buildings")


def show(
    *,
    lang: str,
    level: str,
    layers: Sequence[str],
    colour_by: str,
    filters: Filters,
    indicator: kart_indicator.IndicatorView | None,
    centre: tuple[float, float] | None,
    zoom: int | None,
    highlighted: Sequence[tuple[float, float]],
) -> None:
    """Draw the map with the chosen layers; clicks and drawings update components/state."""
    path, mtime = data.cache_key()
    base_zoom = zoom if zoom is not None else DEFAULT_ZOOM
    view = BaseView(
        centre=centre or TRONDHEIM_CENTER,
        zoom=base_zoom,
        fit_bounds=None if centre is not None else _focus_bounds(path, mtime),
    )
    window = data_window(view.centre, view.zoom, view.fit_bounds)
    areas_fc = areas_geojson(path, mtime, level, base_zoom, window)
    fmap = base_map(
        basemap=basemap_geojson(path, mtime, base_zoom),
        view=view,
        copy_link={
            "label": translate("kart.copy_link", lang),
            "done": translate("kart.copy_link_done", lang),
            "failed": translate("kart.copy_link_failed", lang),
        },
    )
    groups: list[folium.FeatureGroup] = []
    choropleth = indicator is not None and INDICATOR_LAYER in layers
    if indicator is not None and choropleth:
        zones_fc = areas_geojson(path, mtime, Level.LEVEKARSSONE, base_zoom, window)
        groups.append(choropleth_group(kart_indicator.layer(indicator, zones_fc, lang)))
    if not (choropleth and level == Level.LEVEKARSSONE):  # the choropleth is these zones
        groups.append(zones_group(areas_fc, translate(f"kart.level_{level}", lang)))
    groups.append(labels_group(areas_fc))
    filter_key = dataclasses.astuple(filters)
    for key in drawing_order(layers):
        layer = LAYERS[key]
        collection = layer_geojson(path, mtime, lang, key, filter_key, colour_by, window)
        colouring = layer.colouring(colour_by)
        if layer.kind == "areas":
            groups.append(areas_group(key, collection))
        else:
            groups.append(points_group(key, collection, colouring, layer.marker))
    zone = state.selected_zone(_area_ids(path, mtime))
    groups.append(
        selection_group(
            zone=_zone_feature(path, mtime, zone, base_zoom),
            points=highlighted,
            drawing=drawn_outline(state.drawing()),
        )
    )
    widget.show(
        fmap,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        listen=("zone", "shape", "point"),
        on_click=_clicked,
        feature_group_to_add=groups,
    )


def drawing_order(layers: Sequence[str]) -> list[str]:
    """The layers of LAYERS in ``layers``, bottom first: outlines (catchments) under every
    point, and the points so that the layer list's first comes out on top (projects over
    meeting places): a project at a meeting place stays clickable."""
    keys = list(LAYERS)
    shown = [key for key in keys if key in layers]
    return sorted(shown, key=lambda key: (LAYERS[key].kind != "areas", -keys.index(key)))


def _clicked(click: MapClick) -> None:
    """A zone, a drawn shape or a layer's feature becomes the one selection."""
    if click.kind == "zone":
        state.set_drawing(None)
        state.select_feature(None)
        state.pick(None)
        state.select_zone(click.area_id)
    elif click.kind == "shape":
        state.select_zone(None)
        state.select_feature(None)
        state.pick(None)
        state.set_drawing(click.drawing)
    elif parse_fid(fid := click.properties.get("fid")) is not None:
        state.pick(None)
        state.select_feature(fid)


# --- cached browser data -----------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=16)
def areas_geojson(
    path: str, mtime: float, level: str, zoom: int, window: Window | None = None
) -> dict[str, Any]:
    """The areas of one level, simplified for one zoom step coarser than the view (shared
    borders stay shared), rounded, with only area_id, name and is_focus; a national-size
    level only within ``window``."""
    areas = data.tables()["areas"]
    chosen = in_window(areas[areas["level"] == level], window)
    return level_of_detail(chosen, ["area_id", "name", "is_focus"], zoom - 1)


@st.cache_data(show_spinner=False, max_entries=8)
def basemap_geojson(path: str, mtime: float, zoom: int) -> dict[str, dict[str, Any]]:
    tables = data.tables()
    areas = tables["areas"]
    outline = areas[areas["level"] == Level.KOMMUNE]
    return prepare.basemap(
        {"outline": outline, **{name: tables[name] for name in _BASEMAP_SOURCES}}, zoom=zoom
    )


@st.cache_data(show_spinner=False, max_entries=256)
def layer_geojson(
    path: str,
    mtime: float,
    lang: str,
    key: str,
    filter_key: tuple,
    colour_by: str,
    window: Window | None = None,
) -> dict[str, Any]:
    """One layer under one filter: only fid, name, code, tip (and kind for catchments); a
    national-size layer only within ``window``."""
    layer = LAYERS[key]
    tables = data.tables()
    areas = tables["areas"]
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    frame = in_window(
        layer_frame(layer, tables, Filters(*filter_key), zones, lang, colour_by), window
    )
    columns = ["fid", "name", "tip", "code"] + (["kind"] if layer.kind == "areas" else [])
    tolerance = prepare.tolerance_for_zoom(DEFAULT_ZOOM) if layer.kind == "areas" else None
    return prepare.to_browser_geojson(frame, columns, tolerance)


@st.cache_data(show_spinner=False, max_entries=256)
def layer_table(
    path: str, mtime: float, lang: str, key: str, filter_key: tuple
) -> dict[int, tuple[str, str]]:
    """Row label -> (name, tooltip text) of one layer under one filter, for the page's table."""
    layer = LAYERS[key]
    tables = data.tables()
    areas = tables["areas"]
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    frame = layer_frame(layer, tables, Filters(*filter_key), zones, lang, "status")
    return {
        int(label): (name, tip)
        for label, name, tip in zip(frame.index, frame["name"], frame["tip"], strict=True)
    }


@st.cache_data(show_spinner=False, max_entries=4)
def _focus_bounds(path: str, mtime: float) -> list[list[float]]:
    areas = data.tables()["areas"]
    focus = areas[(areas["level"] == Level.LEVEKARSSONE) & areas["is_focus"]]
    west, south, east, north = focus.to_crs(WEB_CRS).total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


@st.cache_data(show_spinner=False, max_entries=4)
def _area_ids(path: str, mtime: float) -> list[str]:
    return data.tables()["areas"]["area_id"].tolist()


def _zone_feature(path: str, mtime: float, area_id: str | None, zoom: int) -> dict[str, Any] | None:
    if area_id is None:
        return None
    areas = data.tables()["areas"]
    level = str(areas.loc[areas["area_id"] == area_id, "level"].iloc[0])
    collection = areas_geojson(path, mtime, level, zoom)
    chosen = [
        f for f in collection["features"] if html.unescape(f["properties"]["area_id"]) == area_id
    ]
    return {"type": "FeatureCollection", "features": chosen} if chosen else None


def drawn_outline(drawing: dict[str, Any] | None) -> dict[str, Any] | None:
    """The drawn selection as a GeoJSON polygon feature in EPSG:4326 (a circle made a polygon,
    as the selection counts it), or None when nothing usable is drawn."""
    shape = shape_from_drawing(drawing)
    if shape is None:
        return None
    geometry = gpd.GeoSeries([shape], crs=CRS).to_crs(WEB_CRS).iloc[0]
    return {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(geometry)}


def points_of(frame: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """(lat, lon) of the points of a frame, for the highlight rings."""
    if len(frame) == 0:
        return []
    points = frame.to_crs(WEB_CRS).geometry
    points = points[points.geom_type == "Point"]
    return [(float(p.y), float(p.x)) for p in points]
