"""Import a register into one table of the model: the public API (page and command line).

    from geo.ingest import importer
    plan = importer.plan(path_or_bytes, "projects", store=store, name="prosjekter.xlsx",
                         header_row=None, mapping=None, fixed=None, mode="upsert")
    print(plan.text("nb"))            # the report, as a person reads it; plan.as_dict() for JSON
    if not plan.blocked:
        done = importer.apply(store, plan, user)  # Applied(import_id, inserted, updated, ...)
    importer.undo(store, done.import_id, user)   # UndoBlockedError names the change in the way
    importer.imports(store)                      # [ImportRecord], newest first (for `history`)

`plan` never writes. It reads the file (readers.py: CSV UTF-8/Windows-1252 with ; or ,,
Excel with title rows above the header, GeoJSON, GeoPackage, zipped Shapefile), finds the
header row (headers.py; `header_row` = the row number as in the file overrides it), pairs the
file's columns with the table's fields (fields.py; `mapping` {field: column label or None}
overrides the suggestion, `fixed` {field: value as typed} gives a field one value for every
row), drops personal fields (privacy.py), converts values as people type them (values.py),
resolves zones by name, code or the point (zones.py), builds geometry in EPSG:25832
(geometry.py), and compares the rows with the stored table by their key (keys.py) to count
what `mode` would insert, update, leave unchanged or delete.

Modes (MODES): "append" adds rows (a key already stored is an error), "upsert" inserts new
keys, updates changed rows (only the fields the file gives) and leaves unchanged rows alone,
"replace" makes the file the whole table. Importing the same file twice with "upsert" changes
nothing and `plan.nothing_to_do` says so.

Every `Message` has a severity ("error" blocks the import; "warning"; "info"), the row number
as in the file (Excel row / CSV line, header counted; None for the file as a whole), the column
label as the user sees it (the file's header, or the field's Norwegian/English label), the
value, and what to do, in Norwegian and English.

`apply` writes the planned rows as one transaction through the store (all rows or none) and
records every changed row in the history (before/after) under one import id. `undo` reverts
one import's rows when no later change touched them, else raises UndoBlockedError naming that
change; the undo is itself in the history. Both stores (GeoPackage, PostGIS) behave the same.

Errors: ImportFileError (a StoreError with .nb/.en) when the file as a whole cannot be read
(plan raises it); auth.NotAllowedError when `user` is not an editor (apply, undo).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from geo.ingest.fields import MODES, field_label, suggest_mapping, target_fields
from geo.ingest.messages import Message
from geo.ingest.planning import Plan, make_plan
from geo.ingest.readers import MAX_ROWS, ImportFileError, RawFile, read
from geo.ingest.undo import ImportRecord, UndoBlockedError, Undone, import_records, undo_import
from geo.ingest.writing import Applied, apply_plan
from geo.store import Store, auth

__all__ = [
    "MAX_ROWS",
    "MODES",
    "Applied",
    "ImportFileError",
    "ImportRecord",
    "Message",
    "Plan",
    "RawFile",
    "UndoBlockedError",
    "Undone",
    "apply",
    "field_label",
    "imports",
    "plan",
    "read",
    "suggest_mapping",
    "target_fields",
    "undo",
]


def plan(
    source: str | Path | bytes | RawFile,
    table: str,
    *,
    store: Store,
    name: str | None = None,
    header_row: int | None = None,
    mapping: Mapping[str, str | None] | None = None,
    fixed: Mapping[str, str] | None = None,
    mode: str = "upsert",
) -> Plan:
    """Read `source` (a path, or bytes with `name` giving the file name, or a file `read`
    already) and plan its import into `table` of `store`; nothing is written. Raises
    ImportFileError if the file cannot be read."""
    raw = source if isinstance(source, RawFile) else read(source, name=name, header_row=header_row)
    return make_plan(raw, table, store=store, mapping=mapping, fixed=fixed, mode=mode)


def apply(store: Store, plan: Plan, user: auth.User) -> Applied:
    """Write the plan (all rows or none); refused (ImportFileError) when `plan.blocked`."""
    return apply_plan(store, plan, user)


def undo(store: Store, import_id: str | None, user: auth.User) -> Undone:
    """Undo one import (None: the newest that can be undone); UndoBlockedError otherwise."""
    return undo_import(store, import_id, user)


def imports(store: Store) -> list[ImportRecord]:
    """Every import in the history, newest first, with whether (and why not) it can be undone."""
    return import_records(store.history())
