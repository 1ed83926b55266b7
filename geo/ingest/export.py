"""The one way data leaves the app: a table or a set of layers as CSV, Excel, GeoJSON or GeoPackage.

Every download button (components.downloads) and the command line (`omradekart export`, geo/cli)
write through ``write``; a new format is one entry in ``FORMATS``.

- One table (a DataFrame) or several layers (a mapping name -> frame). Several layers become
  one CSV/GeoJSON with a ``layer`` column first, one Excel sheet each, one GeoPackage layer each.
- CSV is UTF-8 with a BOM (so Excel reads æøå), comma separated, with the geometry as WKT in
  EPSG:25832 in a ``geometry`` column: one layout for points, lines and zones alike, in the
  model's own coordinates, and a column the Data page's import recognises, so a file goes back
  in unchanged. (Longitude/latitude columns would only suit points.)
- Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula,
  so such texts in a CSV or Excel file get a leading apostrophe: data typed by others must
  never execute. Excel cells holding text are stored as text, never as formulas.
- GeoJSON is in EPSG:4326 (RFC 7946); the GeoPackage in EPSG:25832 (opens in QGIS).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from geo import schema
from geo.ingest import templates
from geo.store import Store, history

Exportable: TypeAlias = pd.DataFrame | Mapping[str, pd.DataFrame]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET = "data"  # the sheet (and GeoPackage layer) of a single table
EXCEL_CELL_LIMIT = 32_767  # characters one Excel cell holds; Excel cuts off the rest
SIMPLIFIED = "geometry_simplified_m"  # Excel only: how far a too-long WKT was simplified
_TOLERANCES_M = (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


@dataclass(frozen=True)
class Format:
    """How to write one file format: the writer, its media type and file extension."""

    writer: Callable[[Exportable], bytes]
    mime: str
    extension: str


def write(fmt: str, data: Exportable) -> bytes:
    """``data`` as a file of format ``fmt`` (a key of FORMATS)."""
    return FORMATS[fmt].writer(data)


def neutralise(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made inert; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def dataset(store: Store) -> dict[str, pd.DataFrame]:
    """Every table of the model, the reference layers and the change history, by layer name."""
    layers = {name: store.read(name) for name in (*schema.TABLES, *schema.REFERENCE_LAYERS)}
    changes = store.history()
    if not changes.empty:
        layers[history.TABLE] = changes
    return layers


def _csv(data: Exportable) -> bytes:
    return _for_spreadsheet(_one(data)).to_csv(index=False).encode("utf-8-sig")


def _xlsx(data: Exportable) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in _layers(data).items():
            sheet = name[:31]  # Excel's limit on sheet names
            table = _for_spreadsheet(frame, cell_limit=EXCEL_CELL_LIMIT)
            table.to_excel(writer, sheet_name=sheet, index=False)
            for cells in writer.sheets[sheet].iter_rows(min_row=2):
                for cell in cells:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # always a string, never a formula
    return buffer.getvalue()


def _geojson(data: Exportable) -> bytes:
    frame = _one(data)
    if not isinstance(frame, gpd.GeoDataFrame):
        raise ValueError("GeoJSON needs a geometry column")
    return frame.to_crs(schema.WEB_CRS).to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


def _gpkg(data: Exportable) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.gpkg"
        for name, frame in _layers(data).items():
            if isinstance(frame, gpd.GeoDataFrame):
                pyogrio.write_dataframe(
                    frame.to_crs(schema.CRS), path, layer=name, driver="GPKG", append=False
                )
            else:
                pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", geometry_type=None)
        return path.read_bytes()


def _fit(geometry: Any, limit: int) -> tuple[str | None, float | None]:
    """The WKT of ``geometry`` simplified by the smallest tolerance (metres) that fits
    ``limit`` characters, with that tolerance; (None, None) when none does."""
    for metres in _TOLERANCES_M:
        text = shapely.to_wkt(shapely.simplify(geometry, metres), rounding_precision=2)
        if len(text) <= limit:
            return text, metres
    return None, None


FORMATS: dict[str, Format] = {
    "csv": Format(_csv, "text/csv", "csv"),
    "xlsx": Format(
        _xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    ),
    "geojson": Format(_geojson, "application/geo+json", "geojson"),
    "gpkg": Format(_gpkg, "application/geopackage+sqlite3", "gpkg"),
    # an empty register to fill in, from {table: templates.spec(...)}; not a format for data
    templates.FORMAT: Format(
        templates.workbook,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}
DATA_FORMATS = ("csv", "xlsx", "geojson", "gpkg")  # the formats a table can be exported in


def _layers(data: Exportable) -> Mapping[str, pd.DataFrame]:
    return {SHEET: data} if isinstance(data, pd.DataFrame) else data


def _one(data: Exportable) -> pd.DataFrame:
    """One table; several layers stacked with a ``layer`` column first."""
    if isinstance(data, pd.DataFrame):
        return data
    parts = [frame.assign(layer=name) for name, frame in data.items() if len(frame)]
    if not parts:
        return gpd.GeoDataFrame({"layer": []}, geometry=[], crs=schema.CRS)
    geo = [p for p in parts if isinstance(p, gpd.GeoDataFrame)]
    crs = geo[0].crs if geo else None
    combined = pd.concat(
        [p.to_crs(crs) if isinstance(p, gpd.GeoDataFrame) else p for p in parts],
        ignore_index=True,
    )
    columns = ["layer", *[c for c in combined.columns if c not in ("layer", "geometry")]]
    if not geo:
        return combined[columns]
    return gpd.GeoDataFrame(combined[[*columns, "geometry"]], geometry="geometry", crs=crs)


def _for_spreadsheet(frame: pd.DataFrame, cell_limit: int | None = None) -> pd.DataFrame:
    """Geometry as WKT (EPSG:25832, to the centimetre), every text cell neutralised.

    With ``cell_limit`` (Excel), a WKT longer than a cell holds is simplified until it fits,
    never cut off (a cut WKT is no shape at all), and how far is said in a column of its own.
    """
    table = pd.DataFrame(frame).copy()
    if isinstance(frame, gpd.GeoDataFrame):
        geometry = frame.geometry.to_crs(schema.CRS) if frame.crs else frame.geometry
        wkt = geometry.to_wkt(rounding_precision=2)
        table[frame.geometry.name] = wkt
        too_long = wkt.str.len() > cell_limit if cell_limit else pd.Series(False, wkt.index)
        if too_long.any():
            fitted = [_fit(g, cell_limit or 0) for g in geometry[too_long]]
            table.loc[too_long, frame.geometry.name] = [text for text, _ in fitted]
            tolerances = pd.Series([m for _, m in fitted], index=too_long[too_long].index)
            table.insert(table.columns.get_loc(frame.geometry.name) + 1, SIMPLIFIED, tolerances)
    for name in table.columns:
        if table[name].dtype == object or pd.api.types.is_string_dtype(table[name]):
            table[name] = table[name].astype(object).map(neutralise)
    return table

