"""What every store is: the `Store` interface, the row edits both backends share, validation.

Every table is validated against its schema when it is read, so a broken file is reported
by table, row and field instead of failing somewhere inside a chart.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa

from geo import schema
from geo.store import auth, history

# Layers (GeoPackage) or tables (PostGIS) older versions kept before an import: not tables.
BACKUP_PREFIX = "backup_"


@dataclass
class StoreError(Exception):
    """A problem with stored data, told in Norwegian and English."""

    nb: str
    en: str

    def __str__(self) -> str:
        return f"{self.nb} / {self.en}"


@dataclass
class ValidationError(StoreError):
    """Rows that break their table's schema. `failures` holds pandera's failure cases (index =
    the row's position in the validated frame, column, check, failure_case), so a caller that
    knows where the rows came from (the import) can say it in the user's terms."""

    failures: pd.DataFrame | None = None
    table: str = ""


class Store(Protocol):
    """What pages and analysis need from a data store, whatever the backend."""

    def tables(self) -> list[str]: ...

    def read(self, table: str) -> pd.DataFrame: ...

    def write_all(self, tables: dict[str, pd.DataFrame]) -> None: ...

    # Editing: every method below checks that `editor` may write (geo.store.auth), changes one table
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

    def change_table(
        self,
        table: str,
        new_content: Callable[[pd.DataFrame], pd.DataFrame],
        *,
        editor: auth.User,
        kind: str,
    ) -> str: ...

    def undo(self, batch_id: str, *, editor: auth.User) -> str: ...


class RowEditing(abc.ABC):
    """The row-level edits both stores offer, in terms of their own `read` and `_change`.

    `_change(table, editor, kind, new_content, batch_id)` locks, validates the new content and
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
        batch_id: str | None = None,
    ) -> str:
        """Apply `new_content` to the current table as one transaction; return the batch id."""

    @abc.abstractmethod
    def history(self) -> pd.DataFrame:
        """Every change, oldest first."""

    def replace_table(
        self, table: str, frame: pd.DataFrame, *, editor: auth.User, kind: str
    ) -> str:
        """Make `frame` the whole content of `table`; returns the batch id for the history."""
        return self._change(table, editor, kind, lambda _current: frame)

    def change_table(
        self,
        table: str,
        new_content: Callable[[pd.DataFrame], pd.DataFrame],
        *,
        editor: auth.User,
        kind: str,
    ) -> str:
        """Make `new_content(current)` the table, computed while the table is locked."""
        return self._change(table, editor, kind, new_content)

    def undo(self, batch_id: str, *, editor: auth.User) -> str:
        """Take back one import or edit; refused (UndoBlockedError) when a later change touched
        the same rows. The undo is itself a batch in the history. Returns the table's name."""
        auth.require_editor(editor)
        first = _batch(self.history(), batch_id)

        def reverted(current: pd.DataFrame) -> pd.DataFrame:
            log = self.history()  # again, inside the lock: nobody changes the table meanwhile
            _batch(log, batch_id)
            blocker = history.undo_blocker(log, batch_id)
            if blocker is not None:
                raise UndoBlockedError.of(batch_id, blocker)
            return history.revert(first.table, current, history.changes_of(log, batch_id))

        self._change(first.table, editor, "undo", reverted, batch_id=history.UNDO_PREFIX + batch_id)
        return first.table

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


def check_editable(table: str, editor: auth.User) -> None:
    """Refuse a change by someone who may not edit, or to a table that is not the model's."""
    auth.require_editor(editor)
    if table not in schema.TABLES:
        raise StoreError(
            f"Tabellen «{table}» kan ikke endres her.", f"Table '{table}' cannot be edited."
        )


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


class UndoBlockedError(StoreError):
    """A later change touched rows of the import to undo; names that change."""

    @classmethod
    def of(cls, batch_id: str, blocker: history.Batch) -> UndoBlockedError:
        what = {"edit": ("en redigering", "an edit"), "delete": ("en sletting", "a deletion")}
        nb, en = what.get(blocker.kind, ("importen", "the import"))
        return cls(
            f"«{batch_id}» kan ikke angres: {nb} {blocker.batch_id} av {blocker.user} "
            f"({blocker.at}) har senere endret de samme radene i «{blocker.table}». Angre den "
            "først, eller rett radene for hånd. Ingenting er endret.",
            f"'{batch_id}' cannot be undone: {en} {blocker.batch_id} by {blocker.user} "
            f"({blocker.at}) later changed the same rows of '{blocker.table}'. Undo that first, "
            "or correct the rows by hand. Nothing was changed.",
        )


def _batch(log: pd.DataFrame, batch_id: str) -> history.Batch:
    found = next((b for b in history.batches(log) if b.batch_id == batch_id), None)
    if found is None or found.kind == "undo":
        raise StoreError(
            f"Finner ingen endring «{batch_id}» å angre.",
            f"There is no change '{batch_id}' to undo.",
        )
    if batch_id in history.undone(log):
        raise StoreError(
            f"«{batch_id}» er allerede angret.", f"'{batch_id}' has already been undone."
        )
    return found


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Check a table against its schema; raise StoreError naming table, row and field."""
    table_schema = schema.TABLES.get(table, schema.REFERENCE)
    try:
        return table_schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        raise ValidationError(*_describe(table, cases), failures=cases, table=table) from None
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


def restore_types(table: str, frame: pd.DataFrame) -> pd.DataFrame:
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
