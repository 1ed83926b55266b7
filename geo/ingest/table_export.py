"""Export, the way back out: the whole dataset as a GeoPackage, one table as CSV/Excel/GeoJSON.

Spreadsheet programs run a cell that starts with =, +, - or @ as a formula (CSV injection),
so every such text cell of a CSV or Excel export is prefixed with an apostrophe.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo import schema
from geo.store import Store, history

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made inert; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def for_spreadsheet(frame: pd.DataFrame) -> pd.DataFrame:
    """Geometry as WKT (EPSG:25832), every text cell neutralised."""
    table = pd.DataFrame(frame).copy()
    if isinstance(frame, gpd.GeoDataFrame):
        table["geometry"] = frame.geometry.to_wkt(rounding_precision=2)
    for name in table.columns:
        if table[name].dtype == object or str(table[name].dtype).startswith(("str", "string")):
            table[name] = table[name].astype(object).map(neutralise)
    return table


def table_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (so Excel reads æøå), comma separated."""
    return for_spreadsheet(frame).to_csv(index=False).encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    table = for_spreadsheet(frame)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=sheet[:31], index=False)
        for cells in writer.sheets[sheet[:31]].iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # always a string, never a formula
    return buffer.getvalue()


def table_geojson(frame: gpd.GeoDataFrame) -> bytes:
    """GeoJSON in EPSG:4326, as RFC 7946 asks."""
    return frame.to_crs(schema.WEB_CRS).to_json(drop_id=True).encode("utf-8")


def dataset_gpkg(store: Store) -> bytes:
    """Every table of the model and its history in one GeoPackage (EPSG:25832)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "omradekart.gpkg"
        for name in (*schema.TABLES, *schema.REFERENCE_LAYERS):
            frame = store.read(name)
            if isinstance(frame, gpd.GeoDataFrame):
                pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=False)
            else:
                pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", geometry_type=None)
        changes = store.history()
        if not changes.empty:
            pyogrio.write_dataframe(
                changes, path, layer=history.TABLE, driver="GPKG", geometry_type=None
            )
        return path.read_bytes()
