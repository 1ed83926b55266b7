"""The embedded default store: one GeoPackage file, written atomically, locked for edits."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.store import auth, history
from geo.store.base import (
    BACKUP_PREFIX,
    RowEditing,
    StoreError,
    check_editable,
    restore_types,
    validate,
)

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "omradekart.gpkg"


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
        return [n for n in names if n != history.TABLE and not n.startswith(BACKUP_PREFIX)]

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
        return validate(table, restore_types(table, frame))

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
    # A change copies the file, writes the changed table and its history rows into the copy,
    # and swaps the copy in: a failure at any point (a refused undo included) leaves the stored
    # file byte for byte as it was. A lock file serialises writers.

    def history(self) -> pd.DataFrame:
        layers = [str(n) for n, _ in pyogrio.list_layers(self.path)] if self.path.exists() else []
        if history.TABLE not in layers:
            return history.empty()
        frame = pyogrio.read_dataframe(self.path, layer=history.TABLE, use_arrow=False)
        return frame[history.COLUMNS].astype(str).reset_index(drop=True)

    def _change(
        self,
        table: str,
        editor: auth.User,
        kind: str,
        new_content: Callable[[pd.DataFrame], pd.DataFrame],
        batch_id: str | None = None,
    ) -> str:
        check_editable(table, editor)
        if not self.writable:
            raise StoreError(
                "Datalageret er åpnet skrivebeskyttet.", "The store is opened read-only."
            )
        with self._locked():
            current = self.read(table)
            frame = validate(table, new_content(current))
            batch = batch_id or history.new_batch_id()
            entries = history.entries(
                history.diff(table, current, frame), user=editor.name, kind=kind, batch_id=batch
            )
            fd, tmp_name = tempfile.mkstemp(suffix=".tmp.gpkg", dir=self.path.parent)
            os.close(fd)
            tmp = Path(tmp_name)
            try:
                shutil.copyfile(self.path, tmp)
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


def _overwrite_layer(path: Path, name: str, frame: pd.DataFrame) -> None:
    if isinstance(frame, gpd.GeoDataFrame):
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")
    else:
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", geometry_type=None)


def _write_layer(path: Path, name: str, frame: pd.DataFrame) -> None:
    if isinstance(frame, gpd.GeoDataFrame):
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists())
    else:
        pyogrio.write_dataframe(
            frame, path, layer=name, driver="GPKG", append=path.exists(), geometry_type=None
        )
