"""The Kart map in the page: browser GeoJSON prepared once per dataset, zoom, language and
filter (cached), the base map kept, layers swapped through ``feature_group_to_add``.

Shown with components.maps.widget, listening to a zone, a point of a layer (has ``fid``) and a
shape the user drew (a clicked catchment counts as one); ``_clicked`` dispatches them to
components/state.py before the fragment reruns. How much detail a large layer gets is
geo.build.level_of_detail; a national-size dataset draws its zones and meeting places from
vector tiles instead (components/kart/tiled.py), and a click there comes as a location.
"""

from __future__ import annotations

import dataclasses
import functools
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
from components.kart import tiled as kart_tiled
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
from components.maps.click import ClickKind, MapClick
from components.maps.overview import DEFAULT_ZOOM, TRONDHEIM_CENTER
from components.maps.tiles import TileStyle, tile_styles
from geo.analysis.filters import Filters
from geo.analysis.select import shape_from_drawing
from geo.build import browser as prepare
from geo.build.level_of_detail import level_of_detail
from geo.schema import CRS, WEB_CRS, Level

MAP_KEY = "kart_map"
INDICATOR_LAYER = "indicator"  # the choropleth, listed with the layers of LAYERS
MAP_HEIGHT = 620
LISTEN: tuple[ClickKind, ...] = ("zone", "shape", "point")  # + "location" on tiled zones
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
    tiled = kart_tiled.sources(path)
    zones_tiled = kart_tiled.ZONES in tiled
    choropleth = indicator is not None and INDICATOR_LAYER in layers
    level_tiled = zones_tiled and level == Level.LEVEKARSSONE
    # a tiled level is labelled at its focus zones only (the others' names need no data)
    areas_fc = areas_geojson(path, mtime, level, base_zoom, focus_only=level_tiled)
    fmap = base_map(
        basemap=basemap_geojson(path, mtime, base_zoom),
        view=view,
        copy_link={
            "label": translate("kart.copy_link", lang),
            "done": translate("kart.copy_link_done", lang),
            "failed": translate("kart.copy_link_failed", lang),
        },
        tiles=tiled,
    )
    groups: list[folium.FeatureGroup] = []
    styles: list[TileStyle] = []
    if indicator is not None and choropleth:
        if zones_tiled:
            styles.append(
                tiled_choropleth(path, mtime, indicator.indicator_id, indicator.year, indicator)
            )
        else:
            zones_fc = areas_geojson(path, mtime, Level.LEVEKARSSONE, base_zoom)
            groups.append(choropleth_group(kart_indicator.layer(indicator, zones_fc, lang)))
    if not (choropleth and level == Level.LEVEKARSSONE):  # the choropleth is these zones
        if level_tiled:
            styles.append(tiled_zones(path, mtime))
        else:
            groups.append(zones_group(areas_fc, translate(f"kart.level_{level}", lang)))
    groups.append(labels_group(areas_fc))
    filter_key = dataclasses.astuple(filters)
    for key in drawing_order(layers):
        layer = LAYERS[key]
        if kart_tiled.is_tiled(tiled, key):
            styles.append(tiled_points(path, mtime, key, filter_key, colour_by))
            continue
        collection = layer_geojson(path, mtime, lang, key, filter_key, colour_by)
        colouring = layer.colouring(colour_by)
        if layer.kind == "areas":
            groups.append(areas_group(key, collection))
        else:
            groups.append(points_group(key, collection, colouring, layer.marker))
    zone = state.selected_zone(_area_ids(path, mtime))
    zones_drawn_tiled = any(style.key == kart_tiled.ZONES for style in styles)
    outlined_in_tiles = zones_drawn_tiled and _level_of(path, mtime, zone) == Level.LEVEKARSSONE
    if tiled:
        groups.append(tile_styles(styles, zone if outlined_in_tiles else None))
    groups.append(
        selection_group(
            zone=None if outlined_in_tiles else _zone_feature(path, mtime, zone, base_zoom),
            points=highlighted,
            drawing=drawn_outline(state.drawing()),
        )
    )
    widget.show(
        fmap,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        listen=(*LISTEN, "location") if zones_drawn_tiled else LISTEN,
        on_click=functools.partial(_clicked, path, mtime),
        feature_group_to_add=groups,
    )


def drawing_order(layers: Sequence[str]) -> list[str]:
    """The layers of LAYERS in ``layers``, bottom first: outlines (catchments) under every
    point, and the points so that the layer list's first comes out on top (projects over
    meeting places): a project at a meeting place stays clickable."""
    keys = list(LAYERS)
    shown = [key for key in keys if key in layers]
    return sorted(shown, key=lambda key: (LAYERS[key].kind != "areas", -keys.index(key)))


def _clicked(path: str, mtime: float, click: MapClick) -> None:
    """A zone, a drawn shape or a layer's feature becomes the one selection; a click on a map
    drawn from tiles selects the zone under it (nothing there: nothing changes)."""
    area_id = click.area_id
    if click.kind == "location" and click.lat_lon is not None:
        area_id = kart_tiled.zone_at(path, mtime, *click.lat_lon)
        if area_id is None:
            return
    if click.kind in ("zone", "location"):
        state.set_drawing(None)
        state.select_feature(None)
        state.pick(None)
        state.select_zone(area_id)
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
    path: str, mtime: float, level: str, zoom: int, focus_only: bool = False
) -> dict[str, Any]:
    """The areas of one level, simplified for one zoom step coarser than the view (shared
    borders stay shared), rounded, with only area_id, name and is_focus; ``focus_only``: the
    focus zones alone (the labels of a level drawn from tiles)."""
    areas = data.tables()["areas"]
    chosen = areas[areas["level"] == level]
    if focus_only:
        chosen = chosen[chosen["is_focus"].astype(bool)]
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
) -> dict[str, Any]:
    """One layer under one filter: only fid, name, code, tip (and kind for catchments)."""
    layer = LAYERS[key]
    tables = data.tables()
    areas = tables["areas"]
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    frame = layer_frame(layer, tables, Filters(*filter_key), zones, lang, colour_by)
    columns = ["fid", "name", "tip", "code"] + (["kind"] if layer.kind == "areas" else [])
    tolerance = prepare.tolerance_for_zoom(DEFAULT_ZOOM) if layer.kind == "areas" else None
    return prepare.to_browser_geojson(frame, columns, tolerance)


@st.cache_data(show_spinner=False, max_entries=4)
def tiled_zones(path: str, mtime: float) -> TileStyle:
    """The tiled zones' colour codes (focus or not): ~14 KB for 14,000 zones, made once."""
    return kart_tiled.zones_style(kart_tiled.sources(path)[kart_tiled.ZONES], _zones(path, mtime))


@st.cache_data(show_spinner=False, max_entries=32)
def tiled_choropleth(
    path: str,
    mtime: float,
    indicator_id: str,
    year: int,
    _indicator: kart_indicator.IndicatorView,
) -> TileStyle:
    """The choropleth's class codes on the tiled zones, once per dataset, indicator and year
    (``_indicator`` is that indicator's view: not hashed, keyed by its id and year)."""
    layer = kart_tiled.sources(path)[kart_tiled.ZONES]
    return kart_tiled.choropleth_style(layer, _indicator.rows, _indicator.classes)


@st.cache_data(show_spinner=False, max_entries=64)
def tiled_points(path: str, mtime: float, key: str, filter_key: tuple, colour_by: str) -> TileStyle:
    """A point layer drawn from tiles under one filter: a colour code per feature, no data."""
    layer = LAYERS[key]
    tables = data.tables()
    rows = layer.rows(tables, Filters(*filter_key), _zones(path, mtime))
    source = kart_tiled.sources(path)[kart_tiled.POINT_SOURCES[key]]
    return kart_tiled.points_style(key, source, rows, layer.colouring(colour_by), layer.marker)


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


def _zones(path: str, mtime: float) -> gpd.GeoDataFrame:
    areas = data.tables()["areas"]
    return areas[areas["level"] == Level.LEVEKARSSONE]


def _level_of(path: str, mtime: float, area_id: str | None) -> str | None:
    if area_id is None:
        return None
    areas = data.tables()["areas"]
    return str(areas.loc[areas["area_id"] == area_id, "level"].iloc[0])


def _zone_feature(path: str, mtime: float, area_id: str | None, zoom: int) -> dict[str, Any] | None:
    level = _level_of(path, mtime, area_id)
    if area_id is None or level is None:
        return None
    if level == Level.LEVEKARSSONE and kart_tiled.ZONES in kart_tiled.sources(path):
        areas = data.tables()["areas"]  # a tiled level: this zone alone, not the whole level
        return level_of_detail(
            areas[areas["area_id"] == area_id], ["area_id", "name", "is_focus"], zoom - 1
        )
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
