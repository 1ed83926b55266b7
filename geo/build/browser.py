"""Geometry for the browser: simplified for the zoom in use, rounded, escaped, compact.

The 60 zones are 4.3 MB of raw GeoJSON; a screen cannot show detail finer than a pixel, so
geometry is simplified in metres (EPSG:25832) for the zoom, reprojected to EPSG:4326 and
rounded to what a screen can show. Every function is deterministic for the same input, so a
page can wrap it in ``st.cache_data``.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

from geo.schema import CRS, WEB_CRS

EARTH_CIRCUMFERENCE_M = 40_075_016.686  # equator, WGS84 / Web Mercator sphere
TILE_SIZE_PX = 256
TOLERANCE_PX = 1.0  # simplify away what moves a boundary by less than about one screen pixel

# coverage_simplify (Visvalingam–Whyatt) removes triangles whose area is below tolerance², so its
# tolerance is not a distance. On the 60 zones, VW at 2·t moves 99 % of vertices less than t, as
# Douglas–Peucker at t does (measured at zoom 13: p99 1.13 px vs 0.92 px), so we scale by 2.
VW_PER_DISPLACEMENT = 2.0

# Central Trondheim: the largest EPSG:25832 rectangle inside the OSM extract's box
# (lon 10.36–10.46, lat 63.395–63.45), so the base map has no half-empty corners.
CENTRAL_TRONDHEIM_BBOX = (567_960.0, 7_030_440.0, 572_800.0, 7_036_440.0)

MAJOR_STREETS = ("trunk", "primary", "secondary", "tertiary")
STREET_CLASSES_BY_ZOOM: dict[int, tuple[str, ...]] = {  # the classes drawn from this zoom up
    0: MAJOR_STREETS,
    14: (*MAJOR_STREETS, "minor"),
    16: (*MAJOR_STREETS, "minor", "service"),
}
GREEN_CLASSES = ("park", "recreation_ground", "wood", "forest", "cemetery", "meadow", "grassland")
BUILDINGS_MIN_ZOOM = 15
BUILDING_GAP_PX = 3.0  # buildings closer than this many pixels are drawn as one block
# Buildings are left out beyond these (about 65 B a footprint at zoom 15): the whole central box
# is ~2.7 MB even dissolved; a bbox around one zone (~3,000 footprints) fits.
BUILDINGS_MAX_COUNT = 4_000
BUILDINGS_MAX_BYTES = 200_000
MIN_AREA_PX = 4.0  # base-map polygons smaller than this many square pixels are dropped


def tolerance_for_zoom(zoom: int, latitude: float = 63.4) -> float:
    """Simplification tolerance in metres: one screen pixel at ``zoom`` (Web Mercator).

    Halves with every zoom step; about 8.6 m at zoom 13 in Trondheim.
    """
    metres_per_px = (
        EARTH_CIRCUMFERENCE_M * math.cos(math.radians(latitude)) / (TILE_SIZE_PX * 2**zoom)
    )
    return metres_per_px * TOLERANCE_PX


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """Simplify so that no boundary moves more than about ``tolerance_m`` metres.

    A polygon layer that forms a valid coverage (no overlaps, shared edges with identical
    vertices, like the zones) is simplified as a whole with ``shapely.coverage_simplify``, so
    shared borders stay shared: no gaps or slivers appear between neighbours. Other layers
    (lines, points, overlapping polygons) are simplified one geometry at a time with
    Douglas–Peucker, keeping each geometry valid.
    """
    projected = _to_crs(gdf, CRS)
    geoms = projected.geometry.values
    if tolerance_m <= 0 or len(projected) == 0:
        return projected
    if _is_coverage(geoms):
        simplified = shapely.coverage_simplify(geoms, tolerance_m * VW_PER_DISPLACEMENT)
    else:
        simplified = shapely.simplify(geoms, tolerance_m, preserve_topology=True)
    return projected.set_geometry(gpd.GeoSeries(simplified, index=projected.index, crs=CRS))


def to_browser_geojson(
    gdf: gpd.GeoDataFrame,
    columns: Sequence[str],
    tolerance_m: float | None = None,
    precision: int = 5,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection for Leaflet: only ``columns``, simplified, in EPSG:4326.

    Coordinates are rounded to ``precision`` decimals (5 ≈ 1 m) without making polygons
    invalid; geometries that vanish are dropped. Every string property is HTML-escaped,
    because folium's tooltips and popups insert property values as HTML.
    """
    missing = [column for column in columns if column not in gdf.columns]
    if missing:
        raise KeyError(f"columns not in the layer: {missing}")
    frame = gdf[[*columns, gdf.geometry.name]]
    if tolerance_m:
        frame = simplify_coverage(frame, tolerance_m)
    frame = _to_crs(frame, WEB_CRS)
    geoms = _round(frame.geometry.values, precision)
    keep = ~(shapely.is_empty(geoms) | shapely.is_missing(geoms))
    records = frame.loc[keep, list(columns)].to_dict("records")
    features = [
        {
            "type": "Feature",
            "properties": {column: _json_value(record[column]) for column in columns},
            "geometry": shapely.geometry.mapping(geom),
        }
        for geom, record in zip(geoms[keep], records, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(fc: dict[str, Any]) -> int:
    """Size of ``fc`` as sent to the browser (compact JSON, as folium embeds it)."""
    return len(json.dumps(fc, separators=(",", ":")).encode())


def basemap(
    layers: dict[str, gpd.GeoDataFrame],
    zoom: int,
    bbox: tuple[float, float, float, float] = CENTRAL_TRONDHEIM_BBOX,
) -> dict[str, dict[str, Any]]:
    """The offline base map for ``zoom``: browser GeoJSON per layer, in drawing order.

    ``layers`` holds the source layers by name (any CRS; missing ones are skipped):
    ``base_water``, ``base_parks``, ``base_buildings``, ``base_streets`` (needs ``osm_class``),
    all clipped to ``bbox`` (EPSG:25832), and ``outline`` (the municipality polygon, drawn
    whole: it gives the coast where the OSM extract ends). Each layer is dissolved by class,
    simplified to a pixel, stripped of polygons too small to see and sent as one multi-geometry
    per class. Buildings come only from zoom 15 and are left out when more than
    ``BUILDINGS_MAX_COUNT`` lie in ``bbox`` or they would exceed ``BUILDINGS_MAX_BYTES``: pass a
    ``bbox`` around the selected zone to get them.
    """
    tolerance = tolerance_for_zoom(zoom)
    clip_box = box(*bbox)
    prepared: dict[str, dict[str, Any]] = {}
    for name, layer in BASEMAP_LAYERS.items():
        source = layers.get(name)
        if source is None or len(source) == 0 or zoom < layer.min_zoom:
            continue
        frame = _to_crs(source, CRS)
        if layer.clip:
            frame = _clip(frame, clip_box)
        frame = layer.select(frame, zoom)
        if len(frame) == 0:
            continue
        # Simplify part by part (fast, and parts of one layer never overlap after dissolving).
        parts = frame.explode(index_parts=False).reset_index(drop=True)
        parts = simplify_coverage(parts, tolerance)
        parts = _drop_small(parts, MIN_AREA_PX * tolerance**2)
        collection = _merge_by(to_browser_geojson(parts, layer.columns), layer.columns)
        if name == "base_buildings" and geojson_bytes(collection) > BUILDINGS_MAX_BYTES:
            continue
        if collection["features"]:
            prepared[name] = collection
    return prepared


# --- base-map layers: how each is selected and dissolved, in drawing order -------------------


def _outline(frame: gpd.GeoDataFrame, zoom: int) -> gpd.GeoDataFrame:
    return _dissolve(frame, None)


def _water(frame: gpd.GeoDataFrame, zoom: int) -> gpd.GeoDataFrame:
    if "layer" in frame.columns:  # the raw OSM land-use/land-cover/water file
        frame = frame[frame["layer"] == "water"]
    return _dissolve(frame, None)


def _parks(frame: gpd.GeoDataFrame, zoom: int) -> gpd.GeoDataFrame:
    classes = frame.get("osm_subclass", pd.Series(index=frame.index, dtype=object))
    classes = classes.fillna(frame.get("osm_class", pd.Series(index=frame.index, dtype=object)))
    if classes.notna().any():
        frame = frame[classes.isin(GREEN_CLASSES)]
    return _dissolve(frame, None)


def _streets(frame: gpd.GeoDataFrame, zoom: int) -> gpd.GeoDataFrame:
    wanted = STREET_CLASSES_BY_ZOOM[max(z for z in STREET_CLASSES_BY_ZOOM if z <= zoom)]
    frame = frame[frame["osm_class"].isin(wanted)]
    if "brunnel" in frame.columns:  # tunnels run under what is drawn
        frame = frame[frame["brunnel"].fillna("") != "tunnel"]
    return _dissolve(frame, "osm_class", merge_lines=True)


def _buildings(frame: gpd.GeoDataFrame, zoom: int) -> gpd.GeoDataFrame:
    if len(frame) > BUILDINGS_MAX_COUNT:
        return frame.iloc[0:0]
    # Footprints less than a few pixels apart become one block: far fewer polygons, same look.
    half_gap = BUILDING_GAP_PX * tolerance_for_zoom(zoom) / 2
    blocks = shapely.union_all(frame.geometry.values)
    blocks = shapely.buffer(
        shapely.buffer(blocks, half_gap, join_style="mitre"), -half_gap, join_style="mitre"
    )
    return gpd.GeoDataFrame(geometry=[blocks], crs=frame.crs)


class BaseLayer(NamedTuple):
    select: Callable[[gpd.GeoDataFrame, int], gpd.GeoDataFrame]  # (layer, zoom) -> dissolved
    columns: tuple[str, ...] = ()  # properties sent to the browser
    min_zoom: int = 0
    clip: bool = True  # cut to the bbox of central Trondheim (where the OSM data is)


# In drawing order (the outline last: it runs along the coast, where water would cover it).
# Below zoom 12 the clipped layers would show the bbox as a hard edge in the fjord, so the
# overview of all 60 zones gets only the municipality outline.
BASEMAP_LAYERS: dict[str, BaseLayer] = {
    "base_water": BaseLayer(_water, min_zoom=12),
    "base_parks": BaseLayer(_parks, min_zoom=12),
    "base_buildings": BaseLayer(_buildings, min_zoom=BUILDINGS_MIN_ZOOM),
    "base_streets": BaseLayer(_streets, ("osm_class",), min_zoom=12),
    "outline": BaseLayer(_outline, clip=False),
}


# --- helpers ---------------------------------------------------------------------------------


def _to_crs(gdf: gpd.GeoDataFrame, crs: str) -> gpd.GeoDataFrame:
    if gdf.crs is None:
        raise ValueError("layer has no CRS")
    return gdf if gdf.crs == crs else gdf.to_crs(crs)


_POLYGON_TYPES = (3, 6)  # shapely type ids of Polygon, MultiPolygon


def _is_coverage(geoms: np.ndarray) -> bool:
    polygonal = np.isin(shapely.get_type_id(geoms), _POLYGON_TYPES)
    return bool(polygonal.all()) and bool(shapely.coverage_is_valid(geoms))


def _round(geoms: np.ndarray, precision: int) -> np.ndarray:
    """Snap to a 10^-precision grid keeping polygons valid, then print short decimals."""
    snapped = shapely.set_precision(geoms, 10.0**-precision)
    # set_precision leaves binary noise like 63.443690000000004; np.round makes it 63.44369.
    return shapely.transform(snapped, lambda coords: np.round(coords, precision))


def _json_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, bool | int | float):
        return value
    return html.escape(str(value))


def _clip(frame: gpd.GeoDataFrame, clip_box: shapely.Geometry) -> gpd.GeoDataFrame:
    """Cut to ``clip_box``, keeping only pieces of each geometry's own dimension."""
    frame = frame[frame.intersects(clip_box)]
    geoms = frame.geometry.values.copy()
    cut = ~shapely.within(geoms, clip_box)
    for i in np.flatnonzero(cut):
        parts = shapely.get_parts(shapely.intersection(geoms[i], clip_box))
        own = parts[shapely.get_dimensions(parts) == shapely.get_dimensions(geoms[i])]
        geoms[i] = shapely.union_all(own)
    frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))
    return frame[~frame.geometry.is_empty]


def _dissolve(
    frame: gpd.GeoDataFrame, by: str | None, merge_lines: bool = False
) -> gpd.GeoDataFrame:
    """One feature per class (or one in all); lines merged into as few parts as possible."""
    if len(frame) == 0:
        return frame
    groups = (
        [({}, frame)]
        if by is None
        else [({by: key}, group) for key, group in frame.groupby(by, sort=True)]
    )
    rows, geoms = [], []
    for properties, group in groups:
        merged = shapely.union_all(group.geometry.values)
        if merge_lines:
            merged = shapely.line_merge(merged)
        rows.append(properties)
        geoms.append(merged)
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=frame.crs)


def _drop_small(frame: gpd.GeoDataFrame, min_area_m2: float) -> gpd.GeoDataFrame:
    """Drop polygons smaller than ``min_area_m2`` (lines and points are kept)."""
    geoms = frame.geometry.values
    polygonal = np.isin(shapely.get_type_id(geoms), _POLYGON_TYPES)
    return frame[~(polygonal & (shapely.area(geoms) < min_area_m2))]


def _merge_by(fc: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """One feature per distinct property set: Polygons/LineStrings become one Multi* each."""
    groups: dict[str, dict[str, Any]] = {}
    for feature in fc["features"]:
        geometry = feature["geometry"]
        kind = geometry["type"].removeprefix("Multi")
        parts = (
            geometry["coordinates"]
            if geometry["type"].startswith("Multi")
            else [geometry["coordinates"]]
        )
        key = json.dumps([kind, [feature["properties"][c] for c in columns]])
        group = groups.setdefault(
            key,
            {
                "type": "Feature",
                "properties": feature["properties"],
                "geometry": {"type": f"Multi{kind}", "coordinates": []},
            },
        )
        group["geometry"]["coordinates"].extend(parts)
    return {"type": "FeatureCollection", "features": list(groups.values())}
