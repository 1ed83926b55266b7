"""Where the data lives: a `Store` interface and its embedded GeoPackage implementation.

Every table is validated against its schema when it is read, so a broken file is reported
by table, row and field instead of failing somewhere inside a chart.
"""

from __future__ import annotations

import abc
import contextlib
import fcntl
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa
import pyogrio

from geo import auth, history, schema

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

    # Editing: every method below checks that `editor` may write (geo.auth), changes one table
    # in one transaction (all rows or none) and records each changed row in the history.

    def history(self) -> pd.DataFrame: ...

    def replace_table(
        self, table: str, frame: pd.DataFrame, *, editor: auth.User, kind: str
    ) -> str: ...

    def row_version(self, table: str, row_id: str) -> str | None: ...

    def save_row(
        self,
        table: str,
        row: dict[str, Any],
        *,
        editor: auth.User,
        expected_version: str | None,
    ) -> None: ...

    def delete_row(
        self, table: str, row_id: str, *, editor: auth.User, expected_version: str
    ) -> None: ...

    def undo_last_import(self, *, editor: auth.User) -> str: ...


class RowEditing(abc.ABC):
    """The row-level edits both stores offer, in terms of their own `read` and `_change`.

    `_change(table, editor, kind, new_content, backup)` locks, validates the new content and
    writes it with its history rows in one transaction; only that differs between backends.
    """

    @abc.abstractmethod
    def read(self, table: str) -> pd.DataFrame:
        """The validated table (each store reads its own backend)."""

    @abc.abstractmethod
    def _change(
        self,
        table: str,
        editor: auth.User,
        kind: str,
        new_content: Callable[[pd.DataFrame], pd.DataFrame],
        backup: bool = False,
    ) -> str:
        """Apply `new_content` to the current table as one transaction; return the batch id."""

    def replace_table(
        self, table: str, frame: pd.DataFrame, *, editor: auth.User, kind: str
    ) -> str:
        """Make `frame` the whole content of `table`; returns the batch id for the history."""
        return self._change(table, editor, kind, lambda _current: frame, backup=True)

    def row_version(self, table: str, row_id: str) -> str | None:
        return row_version_in(table, self.read(table), row_id)

    def save_row(
        self,
        table: str,
        row: dict[str, Any],
        *,
        editor: auth.User,
        expected_version: str | None,
    ) -> None:
        self._change(table, editor, "edit", lambda c: with_row(table, c, row, expected_version))

    def delete_row(
        self, table: str, row_id: str, *, editor: auth.User, expected_version: str
    ) -> None:
        self._change(
            table, editor, "delete", lambda c: without_row(table, c, row_id, expected_version)
        )


class GeoPackageStore(RowEditing):
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
        names = [str(name) for name, _ in pyogrio.list_layers(self.path)]
        # the editing history and import backups are the store's own, not the model's tables
        return [n for n in names if n != history.TABLE and not n.startswith(_BACKUP_PREFIX)]

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

    # --- editing ----------------------------------------------------------------------------
    # A change copies the file, writes the changed table, its history rows (and for an import
    # a backup of the replaced table) into the copy, and swaps the copy in: a failure at any
    # point leaves the stored file byte for byte as it was. A lock file serialises writers.

    def history(self) -> pd.DataFrame:
        layers = [str(n) for n, _ in pyogrio.list_layers(self.path)] if self.path.exists() else []
        if history.TABLE not in layers:
            return history.empty()
        frame = pyogrio.read_dataframe(self.path, layer=history.TABLE, use_arrow=False)
        return frame[history.COLUMNS].astype(str).reset_index(drop=True)

    def undo_last_import(self, *, editor: auth.User) -> str:
        """Put back the table the newest import replaced; returns the table's name."""
        auth.require_editor(editor)
        with self._locked():
            found = history.last_undoable_import(self.history())
            if found is None:
                raise nothing_to_undo()
            batch, table = found
            backup = _backup_layer(table)
            frame = pyogrio.read_dataframe(self.path, layer=backup, use_arrow=False)
            restored = validate(table, _restore_types(table, frame))
            self._write_change(
                table, restored, editor, "undo", history.UNDO_PREFIX + batch, backup=False
            )
            return table

    def _change(
        self,
        table: str,
        editor: auth.User,
        kind: str,
        new_content: Callable[[pd.DataFrame], pd.DataFrame],
        backup: bool = False,
    ) -> str:
        auth.require_editor(editor)
        if table not in schema.TABLES:
            raise StoreError(
                f"Tabellen «{table}» kan ikke endres her.", f"Table '{table}' cannot be edited."
            )
        with self._locked():
            current = self.read(table)
            frame = validate(table, new_content(current))
            return self._write_change(table, frame, editor, kind, None, backup, current)

    def _write_change(
        self,
        table: str,
        frame: pd.DataFrame,
        editor: auth.User,
        kind: str,
        batch_id: str | None,
        backup: bool,
        current: pd.DataFrame | None = None,
    ) -> str:
        if not self.writable:
            raise StoreError(
                "Datalageret er åpnet skrivebeskyttet.", "The store is opened read-only."
            )
        current = self.read(table) if current is None else current
        batch = batch_id or history.new_batch_id()
        entries = history.entries(
            history.diff(table, current, frame), user=editor.name, kind=kind, batch_id=batch
        )
        fd, tmp_name = tempfile.mkstemp(suffix=".tmp.gpkg", dir=self.path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            shutil.copyfile(self.path, tmp)
            if backup:
                _overwrite_layer(tmp, _backup_layer(table), current)
            _overwrite_layer(tmp, table, frame)
            if not entries.empty:
                pyogrio.write_dataframe(
                    entries, tmp, layer=history.TABLE, driver="GPKG", append=True
                )
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
        return batch

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with _THREAD_LOCK, open(self.path.with_name(self.path.name + ".lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


_THREAD_LOCK = threading.RLock()


def open_store(path: str | os.PathLike[str] | None = None, writable: bool = False) -> Store:
    """The store in use: PostGIS when DATABASE_URL is set, else the GeoPackage at `path`
    (default: OMRADEKART_GPKG, else data/omradekart.gpkg). Read-only unless asked."""
    url = os.environ.get("DATABASE_URL")
    if url:
        from geo.postgis import PostGISStore  # only needed, and importable, with a database

        return PostGISStore(url, writable=writable)
    chosen = path or os.environ.get("OMRADEKART_GPKG") or DEFAULT_PATH
    return GeoPackageStore(chosen, writable=writable)


def row_version_in(table: str, frame: pd.DataFrame, row_id: str) -> str | None:
    """The version (content fingerprint) of one row, or None when there is no such row."""
    matches = frame[history.row_ids(table, frame) == row_id]
    return None if matches.empty else history.row_version(matches.iloc[0])


def with_row(
    table: str, current: pd.DataFrame, row: dict[str, Any], expected_version: str | None
) -> pd.DataFrame:
    """`current` with `row` inserted or updated; refused when someone changed it meanwhile."""
    row_id = "|".join(str(row[c]) for c in history.identity_columns(table))
    found = row_version_in(table, current, row_id)
    if found != expected_version:
        raise conflict(table, row_id, exists=found is not None)
    new_row = pd.DataFrame([row], columns=list(current.columns))
    if isinstance(current, gpd.GeoDataFrame):
        new_row = gpd.GeoDataFrame(new_row, geometry="geometry", crs=current.crs)
    if found is None:
        return pd.concat([current, new_row], ignore_index=True)
    updated = current.copy()
    position = int((history.row_ids(table, current) == row_id).to_numpy().nonzero()[0][0])
    for name in current.columns:
        if name in row:
            updated.iat[position, updated.columns.get_loc(name)] = row[name]
    return updated


def without_row(
    table: str, current: pd.DataFrame, row_id: str, expected_version: str
) -> pd.DataFrame:
    found = row_version_in(table, current, row_id)
    if found != expected_version:
        raise conflict(table, row_id, exists=found is not None)
    return current[history.row_ids(table, current) != row_id].reset_index(drop=True)


def conflict(table: str, row_id: str, exists: bool) -> StoreError:
    if not exists:
        return StoreError(
            f"Raden «{row_id}» i «{table}» finnes ikke lenger, eller er lagt til av en annen "
            "i mellomtiden. Ingenting ble lagret; last siden på nytt.",
            f"Row '{row_id}' of '{table}' no longer exists, or someone else added it meanwhile. "
            "Nothing was saved; reload the page.",
        )
    return StoreError(
        f"Noen andre har endret raden «{row_id}» i «{table}» etter at du åpnet den. "
        "Ingenting ble lagret; last inn raden på nytt og gjør endringen igjen.",
        f"Someone else changed row '{row_id}' of '{table}' after you opened it. Nothing was "
        "saved; reload the row and make your change again.",
    )


def nothing_to_undo() -> StoreError:
    return StoreError(
        "Det er ingen import å angre (eller tabellen er endret etter importen).",
        "There is no import to undo (or the table has changed since the import).",
    )


_BACKUP_PREFIX = "backup_"


def _backup_layer(table: str) -> str:
    return _BACKUP_PREFIX + table


def _overwrite_layer(path: Path, name: str, frame: pd.DataFrame) -> None:
    if isinstance(frame, gpd.GeoDataFrame):
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")
    else:
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", geometry_type=None)


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
