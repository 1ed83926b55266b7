"""The project portfolio in numbers: filtering, the five criteria, the timeline, totals.

Pure functions over the ``projects`` table (schema PROJECTS), so the page only draws them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd

# The five portfolio criteria, in the programme document's order.
CRITERIA: tuple[str, ...] = (
    "crit_anchored",  # forankret hos eier i linja
    "crit_lasting",  # varig endring
    "crit_local_resources",  # mobiliserer lokale ressurser
    "crit_cross_service",  # tverrsektorielt samarbeid
    "crit_whole_neighbourhood",  # styrker nabolaget som helhet
)
# Dimensions the totals can be broken down by: the page offers these.
DIMENSIONS: tuple[str, ...] = ("status", "goal", "area_id", "funding")


def filter_projects(
    projects: pd.DataFrame,
    *,
    search: str = "",
    statuses: Collection[str] = (),
    goals: Collection[str] = (),
    area_ids: Collection[str] = (),
    fundings: Collection[str] = (),
) -> pd.DataFrame:
    """Projects whose name, description, strategy or owner contain ``search`` (any case) and
    whose status, goal, zone and funding are among those given (an empty choice: any)."""
    keep = pd.Series(True, index=projects.index)
    needle = search.strip().casefold()
    if needle:
        text = (
            projects["name"].fillna("")
            + " "
            + projects["description"].fillna("")
            + " "
            + projects["strategy"].fillna("")
            + " "
            + projects["owner_unit"].fillna("")
        )
        keep &= text.str.casefold().str.contains(needle, regex=False)
    for column, chosen in (
        ("status", statuses),
        ("goal", goals),
        ("area_id", area_ids),
        ("funding", fundings),
    ):
        if chosen:
            keep &= projects[column].isin(list(chosen))
    return projects[keep]


def criteria_shares(projects: pd.DataFrame) -> pd.DataFrame:
    """Per criterion: how many projects meet it, of how many, and the share (0–1)."""
    total = len(projects)
    rows = []
    for criterion in CRITERIA:
        met = int(projects[criterion].eq(True).sum()) if total else 0  # not given: not met
        rows.append(
            {
                "criterion": criterion,
                "met": met,
                "total": total,
                "share": met / total if total else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=["criterion", "met", "total", "share"])


def missing_criteria(projects: pd.DataFrame) -> pd.DataFrame:
    """The projects that miss at least one criterion: project_id, name, missing (codes)."""
    rows = []
    for row in projects.itertuples(index=False):
        # a criterion the register left out (NA) is not known to be missed
        missing = [c for c in CRITERIA if not pd.isna(getattr(row, c)) and not getattr(row, c)]
        if missing:
            rows.append({"project_id": row.project_id, "name": row.name, "missing": missing})
    return pd.DataFrame(rows, columns=["project_id", "name", "missing"])


def gantt_data(projects: pd.DataFrame) -> pd.DataFrame:
    """One bar per project: start 1 January of the start year, end 31 December of the end
    year, ordered by goal and start. Columns project_id, name, goal, status, start, end.
    A project without both years has no bar."""
    projects = projects[projects["start_year"].notna() & projects["end_year"].notna()]
    frame = pd.DataFrame(
        {
            "project_id": projects["project_id"].to_numpy(),
            "name": projects["name"].to_numpy(),
            "goal": projects["goal"].to_numpy(),
            "status": projects["status"].to_numpy(),
            "start": [dt.date(int(y), 1, 1) for y in projects["start_year"]],
            "end": [dt.date(int(y), 12, 31) for y in projects["end_year"]],
        }
    )
    return frame.sort_values(["goal", "start", "name"], ignore_index=True)


def running_on(projects: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The projects whose period includes ``day``."""
    return projects[(projects["start_year"] <= day.year) & (projects["end_year"] >= day.year)]


def totals_by(projects: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Count and budget (NOK) per value of ``dimension`` (one of DIMENSIONS)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    grouped = projects.groupby(dimension, sort=True)
    totals = pd.DataFrame(
        {"count": grouped.size(), "budget_nok": grouped["budget_nok"].sum()}
    ).reset_index()
    return totals.rename(columns={dimension: "key"})


def indicator_ids(value: object) -> list[str]:
    """The comma-separated ``indicator_ids`` of a project as a list (empty if none)."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(",") if part.strip()]
