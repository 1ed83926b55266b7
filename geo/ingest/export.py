"""The current selection as files a planner can open: CSV (Excel), GeoJSON and GeoPackage.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or
carriage return) are prefixed with an apostrophe: data typed by others must never execute.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.schema import CRS, WEB_CRS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads æøå) of the attributes, plus lon/lat of points.

    Geometry other than points is left out (CSV has no place for it; use GeoJSON or
    GeoPackage). Text cells that start like a formula are neutralised.
    """
    table = _with_lon_lat(frame)
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(neutralise)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")


def neutralise(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """GeoJSON in EPSG:4326 (RFC 7946), the attributes as they are stored."""
    return frame.to_crs(WEB_CRS).to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


def geopackage_bytes(layers: dict[str, gpd.GeoDataFrame]) -> bytes:
    """One GeoPackage with a layer per entry, in EPSG:25832 (opens in QGIS)."""
    fd, name = tempfile.mkstemp(suffix=".gpkg")
    os.close(fd)
    path = Path(name)
    path.unlink()
    try:
        for layer, frame in layers.items():
            pyogrio.write_dataframe(
                frame.to_crs(CRS), path, layer=layer, driver="GPKG", append=path.exists()
            )
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def _with_lon_lat(frame: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(frame, gpd.GeoDataFrame):
        return frame.copy()
    geometry = frame.geometry
    table = pd.DataFrame(frame.drop(columns=geometry.name))
    if len(frame) and (geometry.geom_type == "Point").all():
        points = geometry.to_crs(WEB_CRS)
        table["lon"] = points.x.round(6)
        table["lat"] = points.y.round(6)
    return table
