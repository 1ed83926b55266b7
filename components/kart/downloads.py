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

from components.i18n import translate
from components.kart.layers import LAYERS, Tables
from geo.analysis import select as geo_select
from geo.analysis.filters import Filters
from geo.ingest import export


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
                    "layer": translate(layer.label, lang),
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
    """Three download buttons; each file is only made when its button is pressed."""
    first, second, third = st.columns(3)
    first.download_button(
        translate("kart.download_csv", lang),
        data=lambda: export.csv_bytes(combine(frames)),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/table:",
        key="kart_download_csv",
    )
    second.download_button(
        translate("kart.download_geojson", lang),
        data=lambda: export.geojson_bytes(combine(frames)),
        file_name=f"{stem}.geojson",
        mime="application/geo+json",
        icon=":material/data_object:",
        key="kart_download_geojson",
    )
    third.download_button(
        translate("kart.download_gpkg", lang),
        data=lambda: export.geopackage_bytes({k: v for k, v in frames.items() if len(v)}),
        file_name=f"{stem}.gpkg",
        mime="application/geopackage+sqlite3",
        icon=":material/map:",
        key="kart_download_gpkg",
        disabled=not any(len(v) for v in frames.values()),
    )


def combine(frames: Mapping[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """All layers in one frame with a ``layer`` column (for CSV and GeoJSON)."""
    parts = [frame.assign(layer=key) for key, frame in frames.items() if len(frame)]
    if not parts:
        return gpd.GeoDataFrame({"layer": []}, geometry=[], crs="EPSG:25832")
    crs = parts[0].crs
    combined = pd.concat([p.to_crs(crs) for p in parts], ignore_index=True)
    columns = ["layer", *[c for c in combined.columns if c not in ("layer", "geometry")]]
    return gpd.GeoDataFrame(combined[[*columns, "geometry"]], geometry="geometry", crs=crs)
