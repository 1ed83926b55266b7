"""A schema failure (pandera) told as the import's row messages: the row as in the file, the
column as the user sees it, the value and what to do — never a check's or a field's internal
name. The importer checks most rules itself, row by row; this is the net under it, for the
table as it would be stored."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from geo import schema
from geo.ingest import fields, values
from geo.ingest import messages as msg
from geo.ingest.messages import Message

Where = Callable[[str], tuple[str, str]]  # field -> the column as the user sees it (nb, en)

# What a failed check means, and what to do about it, by pandera's check name.
_SAID = {
    "not_nullable": (
        "Feltet må ha en verdi, men er tomt.",
        "The field needs a value, but it is empty.",
        "Fyll inn en verdi.",
        "Fill in a value.",
    ),
    "str_length": (
        "Feltet må ha en verdi, men er tomt.",
        "The field needs a value, but it is empty.",
        "Fyll inn en verdi.",
        "Fill in a value.",
    ),
    "field_uniqueness": (
        "Verdien finnes allerede i en annen rad; den må være unik.",
        "The value is already in another row; it must be unique.",
        "Gi raden en verdi ingen annen rad har.",
        "Give the row a value no other row has.",
    ),
    "greater_than_or_equal_to": (
        "Verdien kan ikke være negativ.",
        "The value cannot be negative.",
        "Skriv 0 eller et positivt tall.",
        "Write 0 or a positive number.",
    ),
    "isin": (
        "Verdien er ikke en av de gyldige.",
        "The value is not one of the valid ones.",
        "Velg en av verdiene i malen.",
        "Choose one of the values in the template.",
    ),
    "empty geometry": (
        "Raden har ingen plassering.",
        "The row has no location.",
        "Fyll inn koordinater.",
        "Fill in coordinates.",
    ),
}
_TYPE = {  # a value of the wrong type, by the field's type
    "bool": ("ja eller nei", "yes or no"),
    "boolean": ("ja eller nei", "yes or no"),
    "int64": ("et heltall", "a whole number"),
    "Int64": ("et heltall", "a whole number"),
    "float64": ("et tall", "a number"),
}
_TABLE_RULES = {  # checks of two fields at once: (the field pointed at, the other, nb, en, fixes)
    "end_year < start_year": (
        "end_year",
        "start_year",
        "Avslutningen er før oppstarten ({other}).",
        "The end is before the start ({other}).",
        "Rett årstallene.",
        "Correct the years.",
    ),
    "amount_granted > amount_applied": (
        "amount_granted",
        "amount_applied",
        "Innvilget beløp er større enn søkt beløp ({other}).",
        "The amount granted is larger than the amount applied for ({other}).",
        "Rett beløpene.",
        "Correct the amounts.",
    ),
}
_FALLBACK = (
    "Verdien passer ikke i feltet.",
    "The value does not fit the field.",
    "Rett verdien i fila.",
    "Correct the value in the file.",
)
# The same for a row edited in a form (field_messages): there is no file to correct.
_FALLBACK_FORM = (*_FALLBACK[:2], "Rett verdien i skjemaet.", "Correct the value in the form.")


def row_messages(
    table: str,
    frame: pd.DataFrame,
    failures: pd.DataFrame | None,
    origin: Sequence[int | None],
    file_rows: Sequence[int],
    where: Where,
) -> list[Message]:
    """One error per failing row and field of `frame` (the table as it would be stored).
    `origin` gives, per row of `frame`, the file's row position it came from (None: a stored
    row the file did not touch)."""
    if failures is None or failures.empty:
        return [_whole_table()]
    out: list[Message] = []
    seen: set[tuple[int | None, str]] = set()
    for _, case in failures.iterrows():
        check = str(case["check"])
        name = case["column"] if isinstance(case["column"], str) else None
        index = case["index"]
        value = case["failure_case"]
        said = _TABLE_RULES.get(check)
        if said is not None and not pd.isna(index):
            name, other, nb, en, fix_nb, fix_en = said
            value, known = frame[name].iloc[int(index)], _shown(frame[other].iloc[int(index)])
            text = [nb.format(other=known), en.format(other=known), fix_nb, fix_en]
        else:
            text = list(_meaning(table, name, check))
        position = origin[int(index)] if not pd.isna(index) and int(index) < len(origin) else None
        row = None if position is None else file_rows[position]
        if (row, str(name)) in seen:  # one field, one message (pandera may report it twice)
            continue
        seen.add((row, str(name)))
        column_nb, column_en = where(name) if name and name != "geometry" else where("geometry")
        nb, en, fix_nb, fix_en = text
        if row is None and not pd.isna(index):
            nb = f"En rad som alt er lagret, blir ugyldig: {nb}"
            en = f"A row already stored would become invalid: {en}"
        out.append(
            msg.error(
                nb,
                en,
                row=row,
                column_nb=column_nb,
                column_en=column_en,
                value=_shown(value),
                fix_nb=fix_nb,
                fix_en=fix_en,
            )
        )
    return out


def field_messages(table: str, failures: pd.DataFrame | None) -> list[Message]:
    """A schema failure of a row edited in a form, in the form's terms: the field's label, the
    value and what to do (no file row: the form is one row). One message per field."""
    if failures is None or failures.empty:
        return [_whole_table()]
    out: list[Message] = []
    seen: set[str] = set()
    for _, case in failures.iterrows():
        name = case["column"] if isinstance(case["column"], str) else None
        if str(name) in seen:
            continue
        seen.add(str(name))
        nb, en, fix_nb, fix_en = _meaning(table, name, str(case["check"]), _FALLBACK_FORM)
        column_nb, column_en = fields.labels(name or "geometry", table)
        out.append(
            msg.error(
                nb,
                en,
                column_nb=column_nb,
                column_en=column_en,
                value=_shown(case["failure_case"]),
                fix_nb=fix_nb,
                fix_en=fix_en,
            )
        )
    return out


def _meaning(
    table: str, name: str | None, check: str, fallback: tuple[str, str, str, str] = _FALLBACK
) -> tuple[str, str, str, str]:
    base = check.split("(", 1)[0]
    if base in ("coerce_dtype", "dtype") and name is not None:
        column = schema.TABLES[table].columns.get(name)
        kind = _TYPE.get(str(getattr(column, "dtype", "")))
        if kind is not None:
            return (
                f"Verdien må være {kind[0]}.",
                f"The value must be {kind[1]}.",
                f"Skriv {kind[0]}.",
                f"Write {kind[1]}.",
            )
    if base == "isin" and name is not None:
        allowed = fields.allowed_values(table, name) or []
        enum = values.closed_set(table, name)
        nb = fields.enum_labels(enum, "nb") if enum else {}
        en = fields.enum_labels(enum, "en") if enum else {}
        if allowed:
            return (
                _SAID["isin"][0],
                _SAID["isin"][1],
                "Bruk en av: " + ", ".join(f"«{nb.get(v, v)}»" for v in allowed) + ".",
                "Use one of: " + ", ".join(f"'{en.get(v, v)}'" for v in allowed) + ".",
            )
    if base == "in_range":
        low, high = re.findall(r"-?\d+(?:\.\d+)?", check)[:2] or ("…", "…")
        return (
            f"Verdien er utenfor tillatt område ({low}–{high}).",
            f"The value is out of range ({low}–{high}).",
            "Rett verdien.",
            "Correct the value.",
        )
    if check.startswith("geometry must be"):
        return (
            "Plasseringen har feil geometritype for tabellen.",
            "The location has the wrong geometry type for the table.",
            "Bruk punkter (koordinater) for denne tabellen.",
            "Use points (coordinates) for this table.",
        )
    return _SAID.get(base, _SAID.get(check, fallback))


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)[:60]


def _whole_table() -> Message:
    return msg.error(
        "Tabellen slik den ville blitt lagret, er ugyldig.",
        "The table as it would be stored is invalid.",
        fix_nb="Sjekk kolonnene og verdiene i fila.",
        fix_en="Check the columns and values in the file.",
    )
