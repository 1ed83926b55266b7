"""The store on PostGIS, for several editors at once: chosen when DATABASE_URL is set.

Same interface and the same rules as the GeoPackage store (geo.store.geopackage): every table
validated on read, geometry in EPSG:25832, every change one transaction with its history rows.
A change locks its table (readers go on reading) and checks the row's version, a fingerprint of
its content, inside that lock: when two editors change the same row at once, the second is told
and nothing is overwritten.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from geo import schema
from geo.store import auth, history
from geo.store.base import (
    BACKUP_PREFIX,
    RowEditing,
    StoreError,
    check_editable,
    restore_types,
    validate,
)

ORDER = "_ord"  # keeps rows in the order they were written
SRID = 25832


class PostGISStore(RowEditing):
    """Tables of the model in one PostgreSQL schema, geometry as geometry(…, 25832)."""

    def __init__(self, url: str, writable: bool = False) -> None:
        self.url = url
        self.writable = writable

    def tables(self) -> list[str]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY table_name"
            ).fetchall()
        names = [str(r[0]) for r in rows]
        return [n for n in names if n != history.TABLE and not n.startswith(BACKUP_PREFIX)]

    def read(self, table: str) -> pd.DataFrame:
        with self._connect() as conn:
            return self._read(conn, table)

    def write_all(self, tables: dict[str, pd.DataFrame]) -> None:
        self._require_writable()
        checked = {name: validate(name, frame) for name, frame in tables.items()}
        with self._connect() as conn, conn.transaction():
            for name, frame in checked.items():
                _create(conn, name, frame)
                _insert(conn, name, frame)

    def version(self) -> str:
        """Changes whenever any edit is committed: for caches that follow the data."""
        with self._connect() as conn:
            if not _exists(conn, history.TABLE):
                return "0"
            row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(_id(history.TABLE)))
            return str(row.fetchone()[0])  # type: ignore[index]

    # --- editing ------------------------------------------------------------------------------

    def history(self) -> pd.DataFrame:
        with self._connect() as conn:
            return _history(conn)

    def _change(
        self,
        table: str,
        editor: auth.User,
        kind: str,
        new_content: Callable[[pd.DataFrame], pd.DataFrame],
        batch_id: str | None = None,
    ) -> str:
        check_editable(table, editor)
        self._require_writable()
        with self._connect() as conn, conn.transaction():
            conn.execute(sql.SQL("LOCK TABLE {} IN EXCLUSIVE MODE").format(_id(table)))
            current = self._read(conn, table)
            frame = validate(table, new_content(current))
            batch = batch_id or history.new_batch_id()
            _replace_rows(conn, table, frame)
            changes = history.diff(table, current, frame)
            _append_history(
                conn, history.entries(changes, user=editor.name, kind=kind, batch_id=batch)
            )
            return batch

    def _read(
        self, conn: psycopg.Connection, table: str, as_table: str | None = None
    ) -> pd.DataFrame:
        name = as_table or table
        if not _exists(conn, table):
            raise StoreError(
                f"Tabellen «{table}» finnes ikke i databasen.",
                f"Table '{table}' is missing from the database.",
            )
        columns = [
            str(r[0])
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND table_schema = current_schema() ORDER BY ordinal_position",
                (table,),
            ).fetchall()
        ]
        data_columns = [c for c in columns if c != ORDER]
        selected = [
            sql.SQL("ST_AsBinary({}) AS {}").format(_id(c), _id(c)) if c == "geometry" else _id(c)
            for c in data_columns
        ]
        query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
            sql.SQL(", ").join(selected), _id(table), _id(ORDER)
        )
        cursor = conn.execute(query)
        frame = pd.DataFrame(cursor.fetchall(), columns=data_columns)
        if "geometry" in frame.columns:
            wkb = [bytes(v) if v is not None else None for v in frame["geometry"]]
            geoms = shapely.from_wkb(np.array(wkb, dtype=object))
            frame = gpd.GeoDataFrame(frame.drop(columns="geometry"), geometry=geoms, crs=schema.CRS)
        for column in frame.columns:
            if column != "geometry" and frame[column].dtype == object:
                values = frame[column].dropna()
                if not values.empty and isinstance(values.iloc[0], str):
                    frame[column] = frame[column].astype("str")
                    frame.loc[frame[column].isin(["None", "nan"]), column] = None
        return validate(name, restore_types(name, frame))

    @contextlib.contextmanager
    def _connect(self) -> Iterator[psycopg.Connection]:
        try:
            conn = psycopg.connect(self.url, connect_timeout=10)
        except psycopg.OperationalError as error:
            raise StoreError(
                f"Får ikke kontakt med databasen: {error}",
                f"Cannot reach the database: {error}",
            ) from None
        try:
            yield conn
            conn.commit()
        finally:
            conn.close()

    def _require_writable(self) -> None:
        if not self.writable:
            raise StoreError(
                "Datalageret er åpnet skrivebeskyttet.", "The store is opened read-only."
            )


def _id(name: str) -> sql.Identifier:
    return sql.Identifier(name)


def _exists(conn: psycopg.Connection, table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f'"{table}"',)).fetchone()
    return bool(row and row[0])


def _sql_type(frame: pd.DataFrame, name: str) -> sql.Composable:
    dtype = str(frame[name].dtype)
    if name == "geometry":
        return sql.SQL(f"geometry(Geometry, {SRID})")
    if dtype in ("bool", "boolean"):
        return sql.SQL("boolean")
    if dtype.lower().startswith("int"):
        return sql.SQL("bigint")
    if dtype.startswith("float"):
        return sql.SQL("double precision")
    return sql.SQL("text")


def _create(conn: psycopg.Connection, table: str, frame: pd.DataFrame) -> None:
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(_id(table)))
    columns = [sql.SQL("{} bigint").format(_id(ORDER))]
    columns += [sql.SQL("{} {}").format(_id(c), _sql_type(frame, c)) for c in frame.columns]
    conn.execute(sql.SQL("CREATE TABLE {} ({})").format(_id(table), sql.SQL(", ").join(columns)))


def _replace_rows(conn: psycopg.Connection, table: str, frame: pd.DataFrame) -> None:
    conn.execute(sql.SQL("DELETE FROM {}").format(_id(table)))
    _insert(conn, table, frame)


def _insert(conn: psycopg.Connection, table: str, frame: pd.DataFrame) -> None:
    columns = [ORDER, *map(str, frame.columns)]
    copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
        _id(table), sql.SQL(", ").join(map(_id, columns))
    )
    values = pd.DataFrame(frame).copy()
    if "geometry" in values.columns:
        geoms = shapely.set_srid(np.asarray(frame.geometry.values, dtype=object), SRID)
        values["geometry"] = shapely.to_wkb(geoms, hex=True, include_srid=True)
    values = values.astype(object).where(values.notna(), None)
    with conn.cursor() as cursor, cursor.copy(copy) as writer:
        for position, row in enumerate(values.itertuples(index=False, name=None)):
            writer.write_row((position, *(_plain(v) for v in row)))


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _history(conn: psycopg.Connection) -> pd.DataFrame:
    if not _exists(conn, history.TABLE):
        return history.empty()
    query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
        sql.SQL(", ").join(map(_id, history.COLUMNS)), _id(history.TABLE), _id(ORDER)
    )
    rows = conn.execute(query).fetchall()
    return pd.DataFrame(rows, columns=history.COLUMNS).astype(str)


def _append_history(conn: psycopg.Connection, entries: pd.DataFrame) -> None:
    if not _exists(conn, history.TABLE):
        columns = [sql.SQL("{} bigserial").format(_id(ORDER))]
        columns += [sql.SQL("{} text").format(_id(c)) for c in history.COLUMNS]
        conn.execute(
            sql.SQL("CREATE TABLE {} ({})").format(_id(history.TABLE), sql.SQL(", ").join(columns))
        )
    if entries.empty:
        return
    copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
        _id(history.TABLE), sql.SQL(", ").join(map(_id, history.COLUMNS))
    )
    with conn.cursor() as cursor, cursor.copy(copy) as writer:
        for row in entries[history.COLUMNS].itertuples(index=False, name=None):
            writer.write_row(row)


def main(argv: list[str] | None = None) -> int:
    """`python -m geo.store.postgis load [GPKG]`: copy every table of a GeoPackage into
    DATABASE_URL."""
    import argparse
    import os

    from geo.store.geopackage import DEFAULT_PATH, GeoPackageStore

    parser = argparse.ArgumentParser(prog="python -m geo.store.postgis")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="copy a GeoPackage's tables into DATABASE_URL")
    load.add_argument("gpkg", nargs="?", default=str(DEFAULT_PATH))
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL")
    if not url:
        parser.error("set DATABASE_URL, e.g. postgresql://user@localhost/omradekart")
    source = GeoPackageStore(args.gpkg)
    names = [*schema.TABLES, *schema.REFERENCE_LAYERS]
    PostGISStore(url, writable=True).write_all({name: source.read(name) for name in names})
    print(f"{len(names)} tables -> {url.split('@')[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
