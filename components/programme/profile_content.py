"""What the Områdeprofil says about one zone, in the reader's language: built once, then drawn
on the page (components.programme.profile_page) and printed in the PDF (profile_download)."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.indicators import view as indicator_view
from components.page import Page
from components.programme import profile_pdf
from geo.analysis import indicators, profile
from geo.schema import Goal, Level, ProjectStatus


@dataclass(frozen=True)
class Content:
    """The zone's figures as text and tables, and the two charts both page and PDF show."""

    zone: profile.ZoneProfile
    key_rows: list[dict[str, str]]  # name, year, value, reference, index, sample ("sample"/"real")
    on_track: int  # targets reached or on track
    map_chart: alt.TopLevelMixin
    population_chart: alt.Chart
    population_caption: str
    project_table: pd.DataFrame  # status × goal counts, labelled
    place_rows: pd.DataFrame  # place_type, count, label
    target_heads: list[str]
    target_rows: list[list[str]]
    risk_lines: list[str]


def build(*, view: Page, zone: profile.ZoneProfile, catalog: pd.DataFrame) -> Content:
    """The profile of ``zone``; ``catalog`` is the indicators table indexed by indicator_id."""
    t = view.t
    targets = zone.targets
    places = view.tables["meeting_places"]
    return Content(
        zone=zone,
        key_rows=_key_rows(view, zone, catalog),
        on_track=int(
            targets["status"].isin([indicators.Status.REACHED, indicators.Status.ON_TRACK]).sum()
        ),
        map_chart=profile_pdf.zone_map_chart(
            view.zones, zone.area_id, places=places[places["area_id"] == zone.area_id]
        ),
        population_chart=indicator_charts.population_lines(
            _population_series(view, zone),
            titles={"year": t("chart.year"), "value": t("chart.population")},
        ),
        population_caption=_population_caption(view, zone),
        project_table=_project_table(view, zone),
        place_rows=zone.places.assign(
            label=[view.enum("place_type", p) for p in zone.places["place_type"]]
        ),
        target_heads=[
            t("profile.col_indicator"),
            t("benefits.col_baseline"),
            t("benefits.col_latest"),
            t("benefits.col_target"),
            t("benefits.status"),
        ],
        target_rows=_target_rows(view, zone, catalog),
        risk_lines=[
            t(
                "profile.risk_line",
                title=str(r.title),
                area=view.enum("risk_area", str(r.risk_area)),
                score=int(r.score),
                status=fmt.risk_status(r.status, view.lang),
                scope=t(f"profile.risk_scope_{r.scope}"),
            )
            for r in zone.risks.itertuples()
        ],
    )


def _population_series(view: Page, zone: profile.ZoneProfile) -> pd.DataFrame:
    """The population over time with each value as text, for the chart's tooltip."""
    series = zone.population_series
    return series.assign(text=[fmt.number(v, view.lang) for v in series["value"]])


def _key_rows(view: Page, zone: profile.ZoneProfile, catalog: pd.DataFrame) -> list[dict[str, str]]:
    rows = []
    for figure in zone.key_figures:
        spec = catalog.loc[figure.indicator_id]
        unit = str(spec["unit"])
        label = indicator_view.name(spec, view.lang)
        if figure.level != Level.LEVEKARSSONE:
            label += " " + view.t(
                "profile.at_level", level=view.t(f"level.{figure.level}"), area=figure.area_name
            )
        rows.append(
            {
                "name": label,
                "year": str(figure.year),
                "value": fmt.indicator_value(figure.value, figure.hidden, unit, view.lang),
                "reference": fmt.indicator_value(figure.reference, False, unit, view.lang),
                "index": fmt.number(figure.index, view.lang, 0),
                "sample": "sample" if figure.is_sample else "real",
            }
        )
    return rows


def _population_caption(view: Page, zone: profile.ZoneProfile) -> str:
    """Which area's figures and years the population chart shows (a delområde's, often)."""
    series = zone.population_series
    if not len(series):
        return view.t("profile.population_missing")
    if zone.population is not None:  # the chart shows the zone's own estimate
        return view.t(
            "profile.population_caption_estimate",
            area=zone.name,
            start=int(series["year"].min()),
            end=int(series["year"].max()),
        )
    caption = view.t(
        "profile.population_caption",
        level=view.t(f"level.{series['level'].iloc[0]}"),
        area=str(series["area_name"].iloc[0]),
        start=int(series["year"].min()),
        end=int(series["year"].max()),
    )
    if series["level"].iloc[0] != Level.LEVEKARSSONE:
        caption += " " + view.t("profile.population_larger")
    return caption


def _project_table(view: Page, zone: profile.ZoneProfile) -> pd.DataFrame:
    projects = zone.projects
    return pd.DataFrame(
        [
            {
                view.t("profile.col_status"): view.enum("status", status),
                **{
                    view.enum("goal", goal): int(
                        projects[(projects["goal"] == goal.value) & (projects["status"] == status)][
                            "count"
                        ].sum()
                    )
                    for goal in Goal
                },
            }
            for status in [s.value for s in ProjectStatus]
        ]
    ).set_index(view.t("profile.col_status"))


def _target_rows(view: Page, zone: profile.ZoneProfile, catalog: pd.DataFrame) -> list[list[str]]:
    lang = view.lang
    status_labels = {s.value: view.t(f"indicator.status_{s.value}") for s in indicators.Status}
    rows = []
    for r in zone.targets.itertuples():
        spec = catalog.loc[r.indicator_id]
        unit = str(spec["unit"])
        latest_year = None if pd.isna(r.latest_year) else int(r.latest_year)
        rows.append(
            [
                indicator_view.name(spec, lang),
                fmt.indicator_value(r.baseline, r.baseline != r.baseline, unit, lang)
                + f" ({r.baseline_year})",
                (
                    fmt.indicator_value(r.latest, r.latest != r.latest, unit, lang)
                    + f" ({latest_year})"
                    if latest_year
                    else "–"
                ),
                f"{fmt.indicator_value(r.target, False, unit, lang)} ({r.target_year})",
                status_labels[r.status],
            ]
        )
    return rows
