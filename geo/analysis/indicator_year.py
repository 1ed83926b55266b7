"""One indicator across areas, as the Indikatorer page shows it: the catalog's order, the roles
of the areas, one year's rows, Trondheim's value and the two years a change is measured between."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.analysis import indicators
from geo.schema import Goal

# the first socio-cultural place analysis: the programme's zero point, when later years exist
BASELINE_YEAR = 2022


@dataclass(frozen=True)
class Roles:
    """The areas at the indicator's level that hold a focus zone or a comparison zone."""

    focus: frozenset[str]
    comparison: frozenset[str]

    @classmethod
    def of(cls, focus: Iterable[str | None], comparison: Iterable[str | None]) -> Roles:
        """Roles from the areas that contain the zones (None where no area does)."""
        return cls(
            focus=frozenset(a for a in focus if a is not None),
            comparison=frozenset(a for a in comparison if a is not None),
        )

    def role(self, area_id: str) -> str:
        """ "focus", "comparison" or "other"; an area holding both counts as focus."""
        if area_id in self.focus:
            return "focus"
        if area_id in self.comparison:
            return "comparison"
        return "other"

    def series_ids(self, kommune: str) -> list[str]:
        """The areas whose time series are drawn: focus, comparison (each by id), Trondheim."""
        return [*sorted(self.focus), *sorted(self.comparison), kommune]

    def series_role(self, area_id: str, kommune: str) -> str:
        """The role of a line over time; here an area holding both counts as comparison."""
        if area_id == kommune:
            return "reference"
        return "comparison" if area_id in self.comparison else "focus"


def catalog_order(catalog: pd.DataFrame) -> list[str]:
    """Indicator ids, real before sample; each by goal (in the programme's order), then id.

    ``catalog`` is the indicators table indexed by indicator_id."""
    goals = [g.value for g in Goal]
    return sorted(
        catalog["indicator_id"],
        key=lambda i: (bool(catalog.loc[i, "is_sample"]), goals.index(catalog.loc[i, "goal"]), i),
    )


def year_rows(
    values: pd.DataFrame, indicator_id: str, year: int, area_ids: Collection[str], roles: Roles
) -> pd.DataFrame:
    """The (suppressed) rows of one indicator-year for ``area_ids``, with each area's role."""
    rows = indicators.year_values(values, indicator_id, year)
    rows = rows[rows["area_id"].isin(set(area_ids))]
    return rows.assign(role=rows["area_id"].map(roles.role))


def reference(values: pd.DataFrame, indicator_id: str, year: int, kommune: str) -> float | None:
    """Trondheim's value in that year, or None when it is missing or hidden."""
    rows = indicators.year_values(values, indicator_id, year)
    rows = rows[rows["area_id"] == kommune]
    if rows.empty or bool(rows[indicators.SUPPRESSED].iloc[0]):
        return None
    return float(rows["value"].iloc[0])


def change_years(available: Sequence[int]) -> tuple[int, int]:
    """The baseline and latest year of the change shown: from 2022 (the zero point) when there
    are later years, otherwise from the first year; to the latest. ``available`` is sorted."""
    latest = available[-1]
    baseline = (
        BASELINE_YEAR if BASELINE_YEAR in available and latest > BASELINE_YEAR else available[0]
    )
    return baseline, latest
