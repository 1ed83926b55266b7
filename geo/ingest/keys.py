"""Which stored row a file's row is: by an id column, else by a natural key (name + zone …).

Rows are compared only on the fields the file gives, so a re-import of the same file finds
every row unchanged, and an update leaves the fields the file does not have as they were.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.ingest.fields import id_field

# The key a table's rows have when the file has no id column: fields that name a row to a
# person. Shown to the user in the report.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "areas": ("area_id",),
    "projects": ("name", "area_id"),
    "meeting_places": ("name", "area_id"),
    "grants": ("year", "organisation", "title", "area_id"),
    "indicators": ("indicator_id",),
    "indicator_values": ("indicator_id", "area_id", "year"),
    "targets": ("indicator_id", "area_id", "target_year"),
    "risks": ("title",),
}
_ID_PREFIX = {
    "projects": "prj",
    "meeting_places": "mp",
    "grants": "tsk",
    "risks": "risk",
    "targets": "mal",
    "areas": "omr",
    "indicators": "ind",
}
GEOMETRY_TOLERANCE_M = 0.01


def key_fields(table: str, given: set[str]) -> tuple[list[str], bool]:
    """(the key's fields, whether it is a natural key): the id when the file gives it."""
    own = id_field(table)
    if own is not None and own in given:
        return [own], False
    return list(NATURAL_KEYS[table]), own is not None


def key_text(values: list[Any]) -> str:
    return "|".join(_normal_key(v) for v in values)


def new_id(table: str, key: str) -> str:
    """A stable id for a row known by its natural key: the same row gets the same id."""
    digest = hashlib.sha1(key.encode()).hexdigest()[:10]
    return f"{_ID_PREFIX.get(table, table)}-{digest}"


def same(a: Any, b: Any) -> bool:
    """Whether a stored value and a file's value are the same for the purpose of an update."""
    if _missing(a) and _missing(b):
        return True
    if _missing(a) or _missing(b):
        return False
    if isinstance(a, shapely.Geometry) or isinstance(b, shapely.Geometry):
        return bool(
            isinstance(a, shapely.Geometry)
            and isinstance(b, shapely.Geometry)
            and a.geom_type == b.geom_type
            and a.distance(b) <= GEOMETRY_TOLERANCE_M
            and abs(a.area - b.area) <= 1.0
        )
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)
    return str(a) == str(b)


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _normal_key(value: Any) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()).casefold()


@dataclass
class Merge:
    """A table's new content after an import, and what happened to each of the file's rows."""

    frame: pd.DataFrame
    actions: list[str]  # per file row: "insert" | "update" | "unchanged" | "exists"
    changed: list[list[str]]  # per file row: the fields an update changes
    deleted: int = 0
    ids: list[Any] | None = None  # per file row: its id in the table (kept or new)
    origin: list[int | None] | None = None  # per row of `frame`: the file row it came from

    def count(self, action: str) -> int:
        return self.actions.count(action)


def merge(
    table: str,
    current: pd.DataFrame,
    rows: pd.DataFrame,
    provided: set[str],
    key: list[str],
    mode: str,
    centres: Mapping[str, shapely.Geometry] | None = None,
) -> Merge:
    """`current` with `rows` appended, upserted or replacing it (mode), matched on `key`.

    Rows matched to a stored row keep its id; new rows known by a natural key get a stable id
    made from it. An update sets only the `provided` fields (and the source), except that a
    row placed at its zone's centre (`centres`: zone id → centre) follows a change of zone.
    """
    own = id_field(table)
    stored = {key_text([r[k] for k in key]): i for i, (_, r) in enumerate(current.iterrows())}
    updated = current.copy()
    new_rows = rows.copy()
    actions: list[str] = []
    changed: list[list[str]] = []
    inserts: list[int] = []
    origin: list[int | None] = [None] * len(current)
    compared = [f for f in provided if f in current.columns and f != own]
    for position, (_, row) in enumerate(rows.iterrows()):
        k = key_text([row[f] for f in key])
        match = stored.get(k)
        if own is not None and _missing(row[own]):
            new_rows.iat[position, new_rows.columns.get_loc(own)] = (
                current[own].iloc[match] if match is not None else new_id(table, k)
            )
        if mode == "replace" or match is None:
            actions.append("insert")
            changed.append([])
            inserts.append(position)
            continue
        if mode == "append":
            actions.append("exists")
            changed.append([])
            continue
        differs = [f for f in compared if not same(current[f].iloc[match], row[f])]
        if _follows_zone(current.iloc[match], differs, provided, centres):
            differs.append("geometry")  # the file's row is at its new zone's centre
        actions.append("update" if differs else "unchanged")
        changed.append(differs)
        origin[match] = position
        for name in [*differs, "source", "is_sample"] if differs else []:
            updated.iat[match, updated.columns.get_loc(name)] = row[name]
    if mode == "replace":
        kept = {key_text([r[f] for f in key]) for _, r in rows.iterrows()}
        # every stored row the file does not keep (stored rows may share a natural key)
        deleted = sum(key_text([r[f] for f in key]) not in kept for _, r in current.iterrows())
        return Merge(
            _typed(new_rows, current),
            actions,
            changed,
            deleted,
            _ids(new_rows, own),
            list(range(len(rows))),
        )
    added = new_rows.iloc[inserts]
    frame = pd.concat([updated, added], ignore_index=True) if len(added) else updated
    return Merge(
        _typed(frame, current), actions, changed, 0, _ids(new_rows, own), [*origin, *inserts]
    )


def _follows_zone(
    stored: pd.Series,
    differs: list[str],
    provided: set[str],
    centres: Mapping[str, shapely.Geometry] | None,
) -> bool:
    """Whether a stored row shown at its zone's centre moves with a change of zone: only when
    the file gives no point of its own (a real point stays where it is)."""
    if not centres or "geometry" in provided or "area_id" not in differs:
        return False
    old, point = centres.get(stored["area_id"]), stored.get("geometry")
    return isinstance(point, shapely.Geometry) and old is not None and bool(point.equals(old))


def _ids(rows: pd.DataFrame, own: str | None) -> list[Any] | None:
    return None if own is None else list(rows[own])


def _typed(frame: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    if isinstance(like, gpd.GeoDataFrame) and "geometry" in frame.columns:
        frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=like.crs)
    return (
        frame[list(like.columns)].reset_index(drop=True)
        if set(like.columns) <= set(frame.columns)
        else frame
    )
