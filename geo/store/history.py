"""Who changed what: one history row per changed table row, with the row before and after.

Pure functions over DataFrames, shared by every store: a store computes the changes of a
commit here and writes them in the same transaction as the data. Rows are kept as JSON
(geometry as WKT), so the history reads the same in QGIS, in the app and in a download.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import uuid
from dataclasses import dataclass
from typing import Any

import pandas as pd
import shapely

from geo import schema

TABLE = "history"  # a table of its own in every store; not part of the programme's model
COLUMNS = ["change_id", "batch_id", "at", "user", "kind", "table", "row_id", "action"]
COLUMNS += ["before", "after"]

# what a batch of changes was; an undo's batch_id is UNDO_PREFIX + the batch it undid
UNDO_PREFIX = "undo-"
IMPORT_KINDS = ("import_append", "import_upsert", "import_replace")
KINDS = (*IMPORT_KINDS, "edit", "delete", "undo")


@dataclass(frozen=True)
class Change:
    """One row of one table: inserted (before None), deleted (after None) or updated."""

    table: str
    row_id: str
    action: str  # "insert" | "update" | "delete"
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def key_column(table: str) -> str:
    """The column that names a row: the table's unique id, or the first column otherwise."""
    table_schema = schema.TABLES[table]
    for name, column in table_schema.columns.items():
        if column.unique:
            return str(name)
    return str(next(iter(table_schema.columns)))


def identity_columns(table: str) -> list[str]:
    """The columns that together name a row (one id column, or e.g. indicator, area, year)."""
    unique = schema.TABLES[table].unique
    if unique:
        return [unique] if isinstance(unique, str) else [str(c) for c in unique]
    return [key_column(table)]


def row_ids(table: str, frame: pd.DataFrame) -> pd.Series:
    """The id of every row; tables keyed by several columns join them with '|'."""
    return frame[identity_columns(table)].astype(str).agg("|".join, axis=1)


def diff(table: str, before: pd.DataFrame, after: pd.DataFrame) -> list[Change]:
    """Every inserted, deleted and changed row between two versions of a table."""
    old = dict(
        zip(row_ids(table, before), (row_dict(r) for _, r in before.iterrows()), strict=True)
    )
    new = dict(zip(row_ids(table, after), (row_dict(r) for _, r in after.iterrows()), strict=True))
    changes = [
        Change(table, rid, "delete", row, None) for rid, row in old.items() if rid not in new
    ]
    for rid, row in new.items():
        if rid not in old:
            changes.append(Change(table, rid, "insert", None, row))
        elif old[rid] != row:
            changes.append(Change(table, rid, "update", old[rid], row))
    return changes


def entries(
    changes: list[Change], *, user: str, kind: str, batch_id: str | None = None
) -> pd.DataFrame:
    """History rows for one batch of changes, stamped now (UTC)."""
    if kind not in KINDS:
        raise ValueError(f"unknown history kind {kind!r}")
    batch = batch_id or new_batch_id()
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows = [
        {
            "change_id": uuid.uuid4().hex,
            "batch_id": batch,
            "at": at,
            "user": user,
            "kind": kind,
            "table": change.table,
            "row_id": change.row_id,
            "action": change.action,
            "before": _dumps(change.before),
            "after": _dumps(change.after),
        }
        for change in changes
    ]
    return pd.DataFrame(rows, columns=COLUMNS).astype(str)


def new_batch_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


@dataclass(frozen=True)
class Batch:
    """One import, edit or undo: every history row it wrote."""

    batch_id: str
    at: str
    user: str
    kind: str
    table: str
    rows: frozenset[str]  # the row ids it touched
    inserted: int
    updated: int
    deleted: int


def batches(history: pd.DataFrame) -> list[Batch]:
    """Every batch of changes, oldest first, as written."""
    found = []
    for batch_id, rows in history.groupby("batch_id", sort=False):
        first = rows.iloc[0]
        actions = rows["action"].value_counts()
        found.append(
            Batch(
                str(batch_id),
                str(first["at"]),
                str(first["user"]),
                str(first["kind"]),
                str(first["table"]),
                frozenset(rows["row_id"].astype(str)),
                int(actions.get("insert", 0)),
                int(actions.get("update", 0)),
                int(actions.get("delete", 0)),
            )
        )
    return found


def undone(history: pd.DataFrame) -> set[str]:
    """The batches that have been undone."""
    ids = history["batch_id"].astype(str).unique() if not history.empty else []
    return {b.removeprefix(UNDO_PREFIX) for b in ids if b.startswith(UNDO_PREFIX)}


def undo_blocker(history: pd.DataFrame, batch_id: str) -> Batch | None:
    """The first later change to any row `batch_id` touched (an undone import and its undo
    cancel out and stand in nobody's way), or None when the batch can be undone."""
    order = batches(history)
    position = next(i for i, b in enumerate(order) if b.batch_id == batch_id)
    mine = order[position]
    cancelled = undone(history)
    cancelled |= {UNDO_PREFIX + b for b in cancelled}
    for later in order[position + 1 :]:
        if later.batch_id in cancelled or later.batch_id == UNDO_PREFIX + batch_id:
            continue
        if later.table == mine.table and later.rows & mine.rows:
            return later
    return None


def changes_of(history: pd.DataFrame, batch_id: str) -> list[Change]:
    rows = history[history["batch_id"] == batch_id]
    return [
        Change(
            str(r["table"]),
            str(r["row_id"]),
            str(r["action"]),
            _loads(r["before"]),
            _loads(r["after"]),
        )
        for _, r in rows.iterrows()
    ]


def revert(table: str, current: pd.DataFrame, changes: list[Change]) -> pd.DataFrame:
    """`current` with `changes` taken back: inserted rows removed, updated and deleted rows as
    they were before."""
    ids = row_ids(table, current)
    restore = {c.row_id: c.before for c in changes if c.before is not None}
    remove = {c.row_id for c in changes}
    kept = current[~ids.isin(remove)]
    if not restore:
        return kept.reset_index(drop=True)
    rows = pd.DataFrame(list(restore.values()), columns=list(current.columns))
    if "geometry" in rows.columns:
        import geopandas as gpd

        geoms = [shapely.from_wkt(w) if isinstance(w, str) else None for w in rows["geometry"]]
        rows = gpd.GeoDataFrame(rows.drop(columns="geometry"), geometry=geoms, crs=current.crs)
    for name in current.columns:
        if name != "geometry" and str(current[name].dtype) in ("boolean", "Int64", "bool"):
            rows[name] = rows[name].astype(current[name].dtype)
    merged = pd.concat([kept, rows[list(current.columns)]], ignore_index=True)
    return merged


def row_dict(row: pd.Series) -> dict[str, Any]:
    """A row as plain JSON values: geometry as WKT, missing values as None."""
    return {str(name): _plain(value) for name, value in row.items()}


def row_version(row: pd.Series) -> str:
    """A short fingerprint of a row's content: changes whenever any value changes."""
    text = json.dumps(row_dict(row), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def empty() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=str) for name in COLUMNS})


def _plain(value: Any) -> Any:
    if isinstance(value, shapely.Geometry):
        return shapely.to_wkt(value, rounding_precision=3)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _loads(text: Any) -> dict[str, Any] | None:
    return json.loads(text) if isinstance(text, str) and text not in ("", "None", "nan") else None


def _dumps(row: dict[str, Any] | None) -> str:
    return "" if row is None else json.dumps(row, ensure_ascii=False, sort_keys=True)
