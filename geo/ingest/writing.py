"""Writing a planned import: one transaction through the store, every changed row in the
history under one import id. The rows are matched again while the table is locked, so an edit
made between the preview and the button is neither lost nor overwritten unseen."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.ingest import keys
from geo.ingest.planning import Plan
from geo.ingest.readers import ImportFileError
from geo.store import Store, auth


@dataclass(frozen=True)
class Applied:
    """What an import did. `import_id` is None when there was nothing to change."""

    import_id: str | None
    table: str
    inserted: int
    updated: int
    unchanged: int
    deleted: int

    def text(self, lang: str) -> str:
        if self.import_id is None:
            return (
                "Ingenting er endret: alle radene var lagret slik fila har dem."
                if lang == "nb"
                else "Nothing changed: every row was stored as the file has it."
            )
        if lang == "nb":
            return (
                f"Import {self.import_id}: {self.inserted} nye, {self.updated} endret, "
                f"{self.unchanged} uendret, {self.deleted} slettet."
            )
        return (
            f"Import {self.import_id}: {self.inserted} new, {self.updated} changed, "
            f"{self.unchanged} unchanged, {self.deleted} deleted."
        )


def apply_plan(store: Store, plan: Plan, user: auth.User) -> Applied:
    auth.require_editor(user)
    if plan.blocked or plan.frame is None:
        raise ImportFileError(
            "Fila har feil; ingenting er skrevet. Rett feilene i rapporten først.",
            "The file has errors; nothing was written. Fix the errors in the report first.",
        )
    rows = plan.frame
    done: list[keys.Merge] = []

    def merged(current: pd.DataFrame) -> pd.DataFrame:
        result = keys.merge(
            plan.table, current, rows, plan.provided, plan.key, plan.mode, plan.centres
        )
        if "exists" in result.actions:
            raise ImportFileError(
                "Noen av radene er lagt inn av en annen etter forhåndsvisningen; ingenting er "
                "skrevet. Last fila opp på nytt.",
                "Someone added some of the rows after the preview; nothing was written. Upload "
                "the file again.",
            )
        done.append(result)
        return result.frame

    if plan.nothing_to_do:
        return Applied(None, plan.table, 0, 0, plan.rows, 0)
    import_id = store.change_table(plan.table, merged, editor=user, kind=f"import_{plan.mode}")
    result = done[-1]
    return Applied(
        import_id,
        plan.table,
        result.count("insert"),
        result.count("update"),
        result.count("unchanged"),
        result.deleted,
    )
