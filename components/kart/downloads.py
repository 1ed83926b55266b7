"""What is on the map, as a table and as downloads (CSV, GeoJSON, GeoPackage) of the selection.

The rows are the stored rows of each visible layer, under the filters and, when something is
selected (a zone or a drawn shape), only those inside it. The files keep the stored fields and
their is_sample/source columns, so sample data stays marked outside the app too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from components.downloads import download_button
from components.i18n import translate
from components.kart.layers import LAYERS, Tables, label_key
from geo.analysis import select as geo_select
from geo.analysis.filters import Filters

_ICONS = {"csv": ":material/table:", "geojson": ":material/data_object:", "gpkg": ":material/map:"}


def selection_frames(
    layers: Sequence[str],
    tables: Tables,
    filters: Filters,
    zones: gpd.GeoDataFrame,
    shape: BaseGeometry | None,
) -> dict[str, gpd.GeoDataFrame]:
    """layer key -> its stored rows on the map (and inside ``shape`` when given)."""
    frames = {}
    for key in layers:
        layer = LAYERS.get(key)
        if layer is None:
            continue
        rows = layer.rows(tables, filters, zones)
        frames[key] = geo_select.inside(rows, shape) if shape is not None else rows
    return frames


def table(
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    texts: Mapping[str, Mapping[int, tuple[str, str]]],
) -> pd.DataFrame:
    """One row per feature: layer, name, what the tooltip says, and whether it is sample.

    ``texts`` holds each layer's (name, tooltip) by row label, prepared once per filter
    (components.kart.widget.layer_table), so a click does not format thousands of rows again.
    """
    parts = []
    for key, frame in frames.items():
        layer = LAYERS[key]
        by_label = texts[key]
        named = [by_label[int(label)] for label in frame.index]
        parts.append(
            pd.DataFrame(
                {
                    "layer": translate(label_key(layer, frame), lang),
                    "name": [name for name, _ in named],
                    "about": [tip for _, tip in named],
                    "sample": frame["is_sample"].astype(bool).to_numpy()
                    if "is_sample" in frame.columns
                    else False,
                }
            )
        )
    columns = ["layer", "name", "about", "sample"]
    result = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    return result[columns].rename(columns={c: translate(f"kart.col_{c}", lang) for c in columns})


def download_buttons(frames: Mapping[str, gpd.GeoDataFrame], lang: str, stem: str) -> None:
    """Three download buttons; each file is only made when its button is pressed.

    CSV and GeoJSON hold every layer with a ``layer`` column; the GeoPackage a layer each.
    """
    shown = {key: frame for key, frame in frames.items() if len(frame)}
    for column, (fmt, icon) in zip(st.columns(3), _ICONS.items(), strict=True):
        with column:
            download_button(
                translate(f"kart.download_{fmt}", lang),
                lambda: shown,
                fmt=fmt,
                file_stem=stem,
                key=f"kart_download_{fmt}",
                icon=icon,
                disabled=fmt == "gpkg" and not shown,
            )
