"""Where the data lives: a `Store` interface and its embedded GeoPackage implementation.

Every table is validated against its schema when it is read, so a broken file is reported
by table, row and field instead of failing somewhere inside a chart.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa
import pyogrio

from geo import schema

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "omradekart.gpkg"


@dataclass
class StoreError(Exception):
    """A problem with stored data, told in Norwegian and English."""

    nb: str
    en: str

    def __str__(self) -> str:
        return f"{self.nb} / {self.en}"


class Store(Protocol):
    """What pages and analysis need from a data store, whatever the backend."""

    def tables(self) -> list[str]: ...

    def read(self, table: str) -> pd.DataFrame: ...

    def write_all(self, tables: dict[str, pd.DataFrame]) -> None: ...


class GeoPackageStore:
    """The embedded default store: one GeoPackage file, geometry in EPSG:25832.

    Reads never modify the file. `write_all` writes a complete new file next to the old one
    and swaps it in, so a failed write leaves what was stored untouched.
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_PATH, writable: bool = False):
        self.path = Path(path)
        self.writable = writable

    def tables(self) -> list[str]:
        if not self.path.exists():
            return []
        return [str(name) for name, _ in pyogrio.list_layers(self.path)]

    def read(self, table: str) -> pd.DataFrame:
        if not self.path.exists():
            raise StoreError(
                f"Fant ikke datafila {self.path}. Kjør `make run` eller `python -m geo.build`.",
                f"Data file {self.path} not found. Run `make run` or `python -m geo.build`.",
            )
        if table not in self.tables():
            raise StoreError(
                f"Tabellen «{table}» finnes ikke i {self.path.name}.",
                f"Table '{table}' is missing from {self.path.name}.",
            )
        frame = pyogrio.read_dataframe(self.path, layer=table, use_arrow=False)
        return validate(table, _restore_types(table, frame))

    def write_all(self, tables: dict[str, pd.DataFrame]) -> None:
        if not self.writable:
            raise StoreError(
                "Datalageret er åpnet skrivebeskyttet.", "The store is opened read-only."
            )
        checked = {name: validate(name, frame) for name, frame in tables.items()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(suffix=".tmp.gpkg", dir=self.path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()
        try:
            for name, frame in checked.items():
                _write_layer(tmp, name, frame)
            shutil.move(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Check a table against its schema; raise StoreError naming table, row and field."""
    table_schema = schema.TABLES.get(table, schema.REFERENCE)
    try:
        return table_schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise StoreError(*_describe(table, errors.failure_cases)) from None
    except (TypeError, ValueError) as error:  # e.g. a CRS mismatch on the geometry column
        raise StoreError(
            f"Tabellen «{table}» er ugyldig: {error}", f"Table '{table}' is invalid: {error}"
        ) from None


def _describe(table: str, failures: pd.DataFrame) -> tuple[str, str]:
    lines_nb, lines_en = [], []
    for _, case in failures.head(5).iterrows():
        row = "" if pd.isna(case["index"]) else f" rad {int(case['index']) + 1}"
        row_en = "" if pd.isna(case["index"]) else f" row {int(case['index']) + 1}"
        field = case["column"] if isinstance(case["column"], str) else "(tabell)"
        value = case["failure_case"]
        lines_nb.append(f"{table}{row}, felt «{field}»: {case['check']} (verdi: {value!r})")
        lines_en.append(f"{table}{row_en}, field '{field}': {case['check']} (value: {value!r})")
    more = len(failures) - len(lines_nb)
    if more > 0:
        lines_nb.append(f"… og {more} feil til")
        lines_en.append(f"… and {more} more errors")
    return (
        "Ugyldige data: " + "; ".join(lines_nb),
        "Invalid data: " + "; ".join(lines_en),
    )


def _restore_types(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """GeoPackage keeps no pandas dtypes: give nullable booleans and texts back their type."""
    table_schema = schema.TABLES.get(table)
    if table_schema is None:
        return frame
    frame = frame.copy()
    for name, column in table_schema.columns.items():
        if name not in frame.columns or name == "geometry":
            continue
        dtype = str(column.dtype)
        if dtype == "boolean":
            frame[name] = frame[name].astype("boolean")
        elif dtype == "bool":
            frame[name] = frame[name].astype(bool)
        elif dtype in ("str", "string") and column.nullable:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


def _write_layer(path: Path, name: str, frame: pd.DataFrame) -> None:
    if isinstance(frame, gpd.GeoDataFrame):
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists())
    else:
        pyogrio.write_dataframe(
            frame, path, layer=name, driver="GPKG", append=path.exists(), geometry_type=None
        )
