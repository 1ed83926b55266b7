"""How complete the kommune's registers are: per table, how many rows lack each optional field.

A field is optional where the table's schema lets it be empty (geo.schema: ``nullable``); such
values are stored empty and shown as "ikke oppgitt", never invented. Counting them tells the
kommune what to fill in. Provenance (is_sample, source), ids and geometry are not the
register's content and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import schema

NOT_CONTENT = frozenset({"is_sample", "source", "geometry"})


@dataclass(frozen=True)
class Gap:
    """``missing`` of the ``rows`` of ``table`` have no value for ``field``."""

    table: str
    field: str
    missing: int
    rows: int

    @property
    def share(self) -> float:
        return self.missing / self.rows if self.rows else 0.0


def optional_fields(table: str) -> list[str]:
    """The fields of ``table`` that may be empty, in the schema's order."""
    columns = schema.TABLES[table].columns
    return [
        str(name)
        for name, column in columns.items()
        if column.nullable and name not in NOT_CONTENT and not column.unique
    ]


def missing(values: pd.Series) -> pd.Series:
    """True where a value is absent: None, NaN, NA or a text of blanks only."""
    blank = values.map(lambda v: isinstance(v, str) and not v.strip())
    return values.isna() | blank.astype(bool)


def gaps(table: str, frame: pd.DataFrame) -> list[Gap]:
    """Every optional field of ``table`` with the number of rows of ``frame`` lacking it
    (a field the frame does not have at all is missing in every row)."""
    rows = len(frame)
    result = []
    for name in optional_fields(table):
        count = int(missing(frame[name]).sum()) if name in frame.columns else rows
        result.append(Gap(table, name, count, rows))
    return result


def report(tables: dict[str, pd.DataFrame]) -> list[Gap]:
    """The gaps of every model table in ``tables``, in the schema's table order."""
    return [gap for name in schema.TABLES if name in tables for gap in gaps(name, tables[name])]
