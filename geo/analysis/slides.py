"""Summaries for the presentation and the kiosk: a few numbers per focus zone, targets, risks.

Pure functions over the store's tables (no Streamlit), so the slides only draw what they get.
Kept small on purpose: the planners' pages (indicators, portfolio, risk) own the detailed
analyses; these are the headline figures a meeting or an open day needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.analysis import indicators, overview, risk
from geo.schema import Level, ProjectStatus


@dataclass(frozen=True)
class ZoneFigures(overview.ZoneSummary):
    """The headline figures of one focus zone: the shared summary, plus work under way and
    the budget."""

    n_projects_running: int
    budget_nok: float


def zone_figures(area_id: str, tables: dict[str, pd.DataFrame]) -> ZoneFigures:
    """Population, projects (all / under way), budget and meeting places of one zone."""
    summary = overview.zone_summary(
        area_id,
        tables["areas"],
        tables["projects"],
        tables["meeting_places"],
        tables["indicator_values"],
    )
    projects = tables["projects"][tables["projects"]["area_id"] == area_id]
    return ZoneFigures(
        **vars(summary),
        n_projects_running=summary.projects_by_status.get(ProjectStatus.PAGAR, 0),
        budget_nok=float(projects["budget_nok"].sum()),
    )


def focus_figures(tables: dict[str, pd.DataFrame]) -> list[ZoneFigures]:
    """zone_figures for each focus zone, by name."""
    return [zone_figures(area_id, tables) for area_id in overview.focus_zone_ids(tables["areas"])]


def zone_indicators(area_id: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Newest value of each indicator for the zone beside Trondheim's value for the same year.

    Columns: indicator_id, name_nb, name_en, unit, direction, year, zone_value, kommune_value,
    is_sample. Only indicators published for levekårssoner, in the catalog's order (real
    first); not the population, which the slide shows as a figure of its own.
    """
    areas, values = tables["areas"], tables["indicator_values"]
    kommune_ids = areas.loc[areas["level"] == Level.KOMMUNE, "area_id"].tolist()
    zone_values = values[
        (values["area_id"] == area_id)
        & values["value"].notna()
        & ~values["indicator_id"].isin([overview.POPULATION, overview.ESTIMATE])
    ]
    if zone_values.empty:
        return pd.DataFrame(columns=_INDICATOR_COLUMNS)
    newest = zone_values.loc[zone_values.groupby("indicator_id")["year"].idxmax()]
    kommune = values[values["area_id"].isin(kommune_ids)][["indicator_id", "year", "value"]]
    merged = newest.merge(
        kommune.rename(columns={"value": "kommune_value"}), on=["indicator_id", "year"], how="left"
    ).rename(columns={"value": "zone_value"})
    meta = tables["indicators"][["indicator_id", "name_nb", "name_en", "unit", "direction"]]
    merged = merged.merge(meta, on="indicator_id", how="left")
    order = tables["indicators"]["indicator_id"].tolist()
    merged = merged.assign(order=merged["indicator_id"].map(order.index)).sort_values("order")
    return merged[_INDICATOR_COLUMNS].reset_index(drop=True)


_INDICATOR_COLUMNS = [
    "indicator_id",
    "name_nb",
    "name_en",
    "unit",
    "direction",
    "year",
    "zone_value",
    "kommune_value",
    "is_sample",
]

TARGET_STATUSES = tuple(status.value for status in indicators.Status)


def target_status(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every target with its newest shown value and status, by geo.analysis.indicators' rule.

    The rule is the one the Gevinstrealisering page states, so a meeting sees the same status
    as the planners. Pass the suppressed indicator_values: a hidden cell gives "no_data".
    Columns: area_id, zone, indicator_id, name_nb, name_en, unit, baseline_year, baseline_value,
    target_year, target_value, year, value, status, is_sample.
    """
    names = tables["areas"].set_index("area_id")["name"]
    meta = tables["indicators"].set_index("indicator_id")
    sample = tables["targets"].set_index("target_id")["is_sample"]
    rows = [
        {
            "area_id": progress.area_id,
            "zone": str(names.get(progress.area_id, progress.area_id)),
            "indicator_id": progress.indicator_id,
            "name_nb": str(meta.loc[progress.indicator_id, "name_nb"]),
            "name_en": str(meta.loc[progress.indicator_id, "name_en"]),
            "unit": str(meta.loc[progress.indicator_id, "unit"]),
            "baseline_year": progress.baseline_year,
            "baseline_value": progress.baseline,
            "target_year": progress.target_year,
            "target_value": progress.target,
            "year": progress.latest_year,
            "value": progress.latest,
            "status": progress.status.value,
            "is_sample": bool(sample[progress.target_id]),
        }
        for progress in indicators.target_progress(
            tables["targets"], tables["indicator_values"], tables["indicators"]
        )
    ]
    return pd.DataFrame(rows).sort_values(["zone", "indicator_id"], ignore_index=True)


def status_counts(status: pd.DataFrame) -> pd.DataFrame:
    """Targets per zone and status (every status present, zero where none): zone, status, count."""
    zones = sorted(status["zone"].unique())
    index = pd.MultiIndex.from_product([zones, TARGET_STATUSES], names=["zone", "status"])
    counts = status.groupby(["zone", "status"]).size().reindex(index, fill_value=0)
    return counts.rename("count").reset_index()


def portfolio(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Projects and budget per goal and status: goal, status, count, budget_nok."""
    projects = tables["projects"]
    grouped = projects.groupby(["goal", "status"]).agg(
        count=("project_id", "size"), budget_nok=("budget_nok", "sum")
    )
    return grouped.reset_index()


def funding(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Budget per funding source, largest first: funding, budget_nok, count."""
    projects = tables["projects"]
    grouped = projects.groupby("funding").agg(
        budget_nok=("budget_nok", "sum"), count=("project_id", "size")
    )
    return grouped.sort_values("budget_nok", ascending=False).reset_index()


def risk_register(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Risks by score (likelihood × consequence), highest first, with the change since last time.

    The columns of geo.analysis.risk.with_scores: score, prev_score (nullable), level, trend.
    """
    scored = risk.with_scores(tables["risks"])
    return scored.sort_values(["score", "risk_id"], ascending=[False, True], ignore_index=True)
