"""Undoing an import, and the list of imports for the Data page and `omradekart history`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.store import Store, StoreError, auth, history
from geo.store.base import UndoBlockedError

__all__ = ["ImportRecord", "UndoBlockedError", "Undone", "import_records", "undo_import"]


@dataclass(frozen=True)
class ImportRecord:
    """One import as the history has it, and whether it can be undone (if not: why)."""

    import_id: str
    at: str
    user: str
    mode: str  # append | upsert | replace
    table: str
    inserted: int
    updated: int
    deleted: int
    undone: bool
    blocked_by: str | None  # the later change that stands in the way of undoing it

    @property
    def can_undo(self) -> bool:
        return not self.undone and self.blocked_by is None


@dataclass(frozen=True)
class Undone:
    import_id: str
    table: str

    def text(self, lang: str) -> str:
        if lang == "nb":
            return f"Importen {self.import_id} er angret; radene i «{self.table}» er som før."
        return f"Import {self.import_id} was undone; the rows of '{self.table}' are as before."


def import_records(log: pd.DataFrame) -> list[ImportRecord]:
    """Every import, newest first."""
    if log.empty:
        return []
    gone = history.undone(log)
    records = []
    for batch in history.batches(log):
        if batch.kind not in history.IMPORT_KINDS:
            continue
        blocker = None if batch.batch_id in gone else history.undo_blocker(log, batch.batch_id)
        records.append(
            ImportRecord(
                batch.batch_id,
                batch.at,
                batch.user,
                batch.kind.removeprefix("import_"),
                batch.table,
                batch.inserted,
                batch.updated,
                batch.deleted,
                batch.batch_id in gone,
                None if blocker is None else blocker.batch_id,
            )
        )
    return records[::-1]


def undo_import(store: Store, import_id: str | None, user: auth.User) -> Undone:
    auth.require_editor(user)
    records = import_records(store.history())
    if import_id is None:
        found = next((r for r in records if r.can_undo), None)
        if found is None:
            raise StoreError(
                "Det er ingen import som kan angres.", "There is no import that can be undone."
            )
        import_id = found.import_id
    record = next((r for r in records if r.import_id == import_id), None)
    if record is None:
        raise StoreError(
            f"Finner ingen import «{import_id}». Se `omradekart history`.",
            f"There is no import '{import_id}'. See `omradekart history`.",
        )
    table = store.undo(import_id, editor=user)
    return Undone(import_id, table)
