"""Kart at national size: the layers drawn from vector tiles and how they are coloured.

A dataset whose build wrote tiles (geo/build/tiles.py, ``make national``) has its zones and
meeting places drawn from them (components/maps/tiles.py): panning anywhere shows them with no
rerun, and the page sends only a character per feature for the colours (choropleth classes,
focus zones, a filter's hidden points). The shipped dataset has no tiles and none of this
applies. A click on a tiled zone comes as a location; ``zone_at`` finds the zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import streamlit as st

from components import data
from components.kart.layers import Colouring
from components.maps import choropleth
from components.maps import style as map_style
from components.maps.tiles import TileStyle
from geo.analysis import indicators
from geo.analysis.zone_lookup import ZoneIndex, zone_index
from geo.analysis.zone_lookup import zone_at as lookup
from geo.build import tiles as build_tiles
from geo.schema import Level

ZONES = "zones"  # the tiled levekårssone level (also the choropleth's zones)
# Kart layer -> the tiles it is drawn from (kindergartens are meeting places too)
POINT_SOURCES: dict[str, str] = {"places": "places", "kindergartens": "places"}


def sources(path: str) -> dict[str, build_tiles.TiledLayer]:
    """The tiled layers of the GeoPackage at ``path`` (none for the shipped dataset)."""
    manifest = build_tiles.tile_dir(path) / build_tiles.MANIFEST
    stamp = manifest.stat().st_mtime if manifest.is_file() else 0.0
    return _sources(path, stamp)


@st.cache_data(show_spinner=False, max_entries=4)
def _sources(path: str, stamp: float) -> dict[str, build_tiles.TiledLayer]:
    return build_tiles.tiled_layers(Path(path)) if stamp else {}


def zones_style(layer: build_tiles.TiledLayer, zones: pd.DataFrame) -> TileStyle:
    """The zones as on the shipped map: a thin outline, focus zones filled and outlined."""
    focus = set(zones.loc[zones["is_focus"].astype(bool), "area_id"])
    return TileStyle(
        key=ZONES,
        source=layer.name,
        kind=layer.kind,
        codes=build_tiles.codes(
            layer, {area_id: int(area_id in focus) for area_id in zones["area_id"]}
        ),
        fills=[map_style.ZONE_STYLE["fillColor"], map_style.FOCUS_ZONE_STYLE["fillColor"]],
        strokes=[map_style.ZONE_STYLE["color"], map_style.FOCUS_ZONE_STYLE["color"]],
        widths=[map_style.ZONE_STYLE["weight"], map_style.FOCUS_ZONE_STYLE["weight"]],
        fill_opacity=0.25,  # one opacity per layer: ordinary zones have a white fill
        outline=True,
    )


def choropleth_style(
    layer: build_tiles.TiledLayer, rows: pd.DataFrame, classes: indicators.Classes
) -> TileStyle:
    """The indicator's classes on the tiled zones (``rows``: area_id, value, suppressed, as
    components.kart.indicator.IndicatorView.rows): class colours, grey when hidden, white when
    missing; focus zones keep their orange outline."""
    palette = choropleth.palette(classes.count)
    fills = [*palette, choropleth.HIDDEN_FILL, choropleth.MISSING_FILL]
    hidden_code, missing_code = len(palette), len(palette) + 1
    code_of: dict[str, int] = {}
    focus: set[str] = set()
    for area_id, value, suppressed, is_focus in zip(
        rows["area_id"], rows["value"], rows[indicators.SUPPRESSED], rows["is_focus"], strict=True
    ):
        shade = None if suppressed else classes.shade(value)
        code_of[area_id] = hidden_code if suppressed else missing_code if shade is None else shade
        if is_focus:
            focus.add(area_id)
    # focus zones: the same fills again, with the focus outline (codes shifted by len(fills))
    codes = {k: v + len(fills) if k in focus else v for k, v in code_of.items()}
    plain, outlined = choropleth.CHOROPLETH_STYLE, choropleth.FOCUS_OUTLINE
    return TileStyle(
        key=ZONES,
        source=layer.name,
        kind=layer.kind,
        codes=build_tiles.codes(layer, codes),
        fills=fills * 2,
        strokes=[plain["color"]] * len(fills) + [outlined["color"]] * len(fills),
        widths=[plain["weight"]] * len(fills) + [outlined["weight"]] * len(fills),
        fill_opacity=plain["fillOpacity"],
        outline=True,
    )


def points_style(
    key: str,
    layer: build_tiles.TiledLayer,
    rows: pd.DataFrame,
    colouring: Colouring,
    marker: str,
) -> TileStyle:
    """A point layer (``rows``: its table's rows the filter keeps, by row label) on the tiles
    of its table: coloured by code, the rows the filter left out not drawn."""
    marker_style = map_style.MARKER_STYLES[marker]
    codes = rows[colouring.column] if colouring.column is not None else [None] * len(rows)
    colours: list[str] = []
    code_of: dict[str, int] = {}
    for label, code in zip(rows.index, codes, strict=True):
        colour = (
            colouring.single
            if colouring.column is None
            else colouring.colours.get(code, map_style.MARKER_FALLBACK_COLOUR)
        )
        if colour not in colours:
            colours.append(colour)
        code_of[str(label)] = colours.index(colour)
    return TileStyle(
        key=key,
        source=layer.name,
        kind=layer.kind,
        codes=build_tiles.codes(layer, code_of),
        fills=colours,
        strokes=[marker_style["color"]] * len(colours),
        widths=[marker_style["weight"]] * len(colours),
        radius=marker_style["radius"],
    )


def zone_at(path: str, mtime: float, lat: float, lon: float) -> str | None:
    """The area_id of the tiled zone (levekårssone) at (lat, lon), None outside every zone."""
    return lookup(_index(path, mtime), lat, lon)


@st.cache_resource(show_spinner=False, max_entries=2)
def _index(path: str, mtime: float) -> ZoneIndex:
    areas = data.tables()["areas"]
    return zone_index(areas[areas["level"] == Level.LEVEKARSSONE])


def focus_zones(zones: pd.DataFrame) -> pd.DataFrame:
    """The focus zones of ``zones``: the only ones labelled on a tiled map."""
    return zones[zones["is_focus"].astype(bool)]


def is_tiled(tiled: Mapping[str, build_tiles.TiledLayer], key: str) -> bool:
    """Whether Kart layer ``key`` is drawn from tiles."""
    return POINT_SOURCES.get(key, key) in tiled
