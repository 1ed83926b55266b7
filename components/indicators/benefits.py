"""The sections of Gevinstrealisering: the focus-zone filter, the goal × zone status overview,
and per goal a bullet chart and a table for each indicator with a target."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.indicators import view as indicator_view
from components.page import Page
from geo.analysis import indicators
from geo.schema import Goal

ZONE_KEY = "benefits_zone"
ALL = "all"


def zone_choice(*, view: Page, focus_ids: list[str]) -> list[str]:
    """The focus zones shown: all, or the one picked. The filter follows the shared selection
    (?zone=) when that is a focus zone, and sets it when the reader picks one."""
    names = view.zone_names
    selected = state.selected_zone(names)
    options = [ALL, *focus_ids]
    if st.session_state.get(ZONE_KEY) not in options or (
        selected in options and st.session_state.get(ZONE_KEY) != selected
    ):
        st.session_state[ZONE_KEY] = selected if selected in options else ALL
    chosen = st.segmented_control(
        view.t("benefits.zone"),
        options,
        key=ZONE_KEY,
        format_func=lambda a: view.t("benefits.all_zones") if a == ALL else names[a],
        on_change=_zone_changed,
        required=True,
    )
    if selected is not None and selected not in options:
        st.caption(view.t("benefits.not_focus", name=indicator_view.esc(names[selected])))
    return list(focus_ids) if chosen in (None, ALL) else [chosen]


def status_overview(*, view: Page, progress: pd.DataFrame, zone_ids: list[str]) -> None:
    """Per goal and zone, how many targets have each status; the totals below."""
    labels = status_labels(view)
    st.subheader(view.t("benefits.matrix_heading"))
    matrix = indicators.status_matrix(progress)
    rows = []
    for goal in Goal:
        row = {view.t("benefits.goal"): view.enum("goal", goal)}
        for area_id in zone_ids:
            counts = (
                matrix.loc[(goal.value, area_id)]
                if (goal.value, area_id) in matrix.index
                else pd.Series(0, index=matrix.columns)
            )
            row[view.zone_names[area_id]] = " · ".join(
                f"{labels[s]} {int(n)}" for s, n in counts.items() if int(n)
            ) or view.t("benefits.no_targets")
        rows.append(row)
    st.table(pd.DataFrame(rows).set_index(view.t("benefits.goal")))
    totals = progress["status"].value_counts()
    st.caption(
        view.t(
            "benefits.matrix_caption",
            total=len(progress),
            summary=", ".join(
                f"{labels[s.value].lower()} {int(totals.get(s.value, 0))}"
                for s in indicators.Status
            ),
        )
    )


def details(
    *, view: Page, progress: pd.DataFrame, catalog: pd.DataFrame, values: pd.DataFrame
) -> None:
    """A tab per goal; in it a card per indicator with a target (``catalog`` by indicator_id)."""
    st.subheader(view.t("benefits.details_heading"))
    goal_tabs = st.tabs([view.enum("goal", goal) for goal in Goal])
    for goal, tab in zip(Goal, goal_tabs, strict=True):
        with tab:
            in_goal = progress[progress["goal"] == goal.value]
            if in_goal.empty:
                st.caption(view.t("benefits.no_targets"))
            for indicator_id, rows in in_goal.groupby("indicator_id", sort=True):
                with st.container(border=True):
                    _indicator(view=view, spec=catalog.loc[indicator_id], rows=rows, values=values)


def status_labels(view: Page) -> dict[str, str]:
    """Each target status's label in the reader's language."""
    return {s.value: view.t(f"indicator.status_{s.value}") for s in indicators.Status}


def _zone_changed() -> None:
    choice = st.session_state[ZONE_KEY]
    state.select_zone(None if choice == ALL else choice)


def _indicator(*, view: Page, spec: pd.Series, rows: pd.DataFrame, values: pd.DataFrame) -> None:
    """One indicator's targets: name, provenance, a bullet chart and a table of the zones."""
    t, lang, unit = view.t, view.lang, str(spec["unit"])
    labels, names = status_labels(view), view.zone_names
    st.markdown(f"#### {indicator_view.esc(indicator_view.name(spec, lang))}")
    indicator_view.provenance_badge(bool(spec["is_sample"]), lang)
    st.caption(
        t(
            "benefits.indicator_caption",
            direction=view.enum("direction", str(spec["direction"])),
            unit=fmt.unit_label(unit, lang),
        )
    )
    chart_rows = pd.DataFrame(
        {
            "name": rows["area_id"].map(names),
            "baseline": rows["baseline"],
            "latest": rows["latest"],
            "target": rows["target"],
            "status": rows["status"],
            "text": [
                t(
                    "benefits.bullet_text",
                    baseline=fmt.indicator_value(r.baseline, r.baseline != r.baseline, unit, lang),
                    latest=fmt.indicator_value(r.latest, r.latest != r.latest, unit, lang),
                    target=fmt.indicator_value(r.target, False, unit, lang),
                )
                for r in rows.itertuples()
            ],
        }
    )
    indicator_view.show_chart(
        lang,
        indicator_charts.bullet(
            chart_rows,
            titles={
                "area": t("chart.zone"),
                "value": fmt.unit_label(unit, lang),
                "status": t("benefits.status"),
            },
            status_labels=labels,
        ),
        width="stretch",
    )
    table_rows = []
    for r in rows.itertuples():
        latest_year = None if pd.isna(r.latest_year) else int(r.latest_year)
        change = indicators.change(
            values,
            str(spec["indicator_id"]),
            r.area_id,
            int(r.baseline_year),
            latest_year or int(r.baseline_year),
            str(spec["direction"]),
        )
        hidden_latest = r.latest != r.latest and latest_year is not None
        table_rows.append(
            {
                t("chart.zone"): names[r.area_id],
                t("benefits.col_baseline"): t(
                    "benefits.value_year",
                    value=fmt.indicator_value(r.baseline, r.baseline != r.baseline, unit, lang),
                    year=r.baseline_year,
                ),
                t("benefits.col_latest"): (
                    t(
                        "benefits.value_year",
                        value=fmt.indicator_value(r.latest, hidden_latest, unit, lang),
                        year=latest_year,
                    )
                    if latest_year is not None
                    else "–"
                ),
                t("benefits.col_target"): t(
                    "benefits.value_year",
                    value=fmt.indicator_value(r.target, False, unit, lang),
                    year=r.target_year,
                ),
                t("benefits.status"): labels[r.status],
                t("benefits.col_noise"): (
                    t(f"indicator.verdict_{change.verdict.value}")
                    if change.verdict is not indicators.Verdict.NO_DATA
                    else "–"
                ),
            }
        )
    st.dataframe(pd.DataFrame(table_rows), hide_index=True, width="stretch")
