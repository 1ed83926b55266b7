"""Gevinstrealisering: for each focus zone and each indicator with a target, baseline, latest,
target and a status by a rule written on the page; a bullet chart per indicator and a goal × zone
overview for a meeting. Values are suppressed in geo/ before they get here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import page, state
from components.charts import indicators as indicator_charts
from components.i18n import enum_label, translate
from components.indicators import data as indicator_data
from components.indicators import view
from geo.analysis import indicators
from geo.schema import Goal, Level

lang = state.lang()


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


tables = page.tables_or_stop(lang)
areas = tables["areas"]
catalog = tables["indicators"].set_index("indicator_id", drop=False)
values = indicator_data.suppressed_values()
zones = areas[areas["level"] == Level.LEVEKARSSONE]
names = dict(zip(areas["area_id"], areas["name"], strict=True))
focus = zones[zones["is_focus"]].sort_values("name")
progress = indicators.progress_table(tables["targets"], values, tables["indicators"])
status_labels = {s.value: t(f"indicator.status_{s.value}") for s in indicators.Status}

st.title(t("benefits.title"))
st.markdown(t("benefits.intro"))
page.sample_notice(lang)
st.info(t("benefits.rule"), icon=":material/rule:")

# The zone filter follows the shared selection (?zone=) when it is a focus zone.
ALL = "all"
selected = state.selected_zone(zones["area_id"])
options = [ALL, *focus["area_id"]]
if st.session_state.get("benefits_zone") not in options or (
    selected in options and st.session_state.get("benefits_zone") != selected
):
    st.session_state["benefits_zone"] = selected if selected in options else ALL


def _zone_changed() -> None:
    choice = st.session_state["benefits_zone"]
    state.select_zone(None if choice == ALL else choice)


chosen = st.segmented_control(
    t("benefits.zone"),
    options,
    key="benefits_zone",
    format_func=lambda a: t("benefits.all_zones") if a == ALL else names[a],
    on_change=_zone_changed,
    required=True,
)
if selected is not None and selected not in options:
    st.caption(t("benefits.not_focus", name=view.esc(names[selected])))
shown_zones = list(focus["area_id"]) if chosen in (None, ALL) else [chosen]
shown = progress[progress["area_id"].isin(shown_zones)]

st.subheader(t("benefits.matrix_heading"))
matrix = indicators.status_matrix(shown)
matrix_rows = []
for goal in Goal:
    row = {t("benefits.goal"): enum_label("goal", goal, lang)}
    for area_id in shown_zones:
        counts = (
            matrix.loc[(goal.value, area_id)]
            if (goal.value, area_id) in matrix.index
            else pd.Series(0, index=matrix.columns)
        )
        row[names[area_id]] = " · ".join(
            f"{status_labels[s]} {int(n)}" for s, n in counts.items() if int(n)
        ) or t("benefits.no_targets")
    matrix_rows.append(row)
st.table(pd.DataFrame(matrix_rows).set_index(t("benefits.goal")))
totals = shown["status"].value_counts()
st.caption(
    t(
        "benefits.matrix_caption",
        total=len(shown),
        summary=", ".join(
            f"{status_labels[s.value].lower()} {int(totals.get(s.value, 0))}"
            for s in indicators.Status
        ),
    )
)

st.subheader(t("benefits.details_heading"))
goal_tabs = st.tabs([enum_label("goal", goal, lang) for goal in Goal])
for goal, tab in zip(Goal, goal_tabs, strict=True):
    with tab:
        in_goal = shown[shown["goal"] == goal.value]
        if in_goal.empty:
            st.caption(t("benefits.no_targets"))
        for indicator_id, rows in in_goal.groupby("indicator_id", sort=True):
            spec = catalog.loc[indicator_id]
            unit = str(spec["unit"])
            with st.container(border=True):
                st.markdown(f"#### {view.esc(view.name(spec, lang))}")
                view.provenance_badge(bool(spec["is_sample"]), lang)
                st.caption(
                    t(
                        "benefits.indicator_caption",
                        direction=enum_label("direction", str(spec["direction"]), lang),
                        unit=view.unit_label(unit, lang),
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
                                baseline=view.value_text(
                                    r.baseline, r.baseline != r.baseline, unit, lang
                                ),
                                latest=view.value_text(r.latest, r.latest != r.latest, unit, lang),
                                target=view.value_text(r.target, False, unit, lang),
                            )
                            for r in rows.itertuples()
                        ],
                    }
                )
                view.show_chart(
                    lang,
                    indicator_charts.bullet(
                        chart_rows,
                        titles={
                            "area": t("chart.zone"),
                            "value": view.unit_label(unit, lang),
                            "status": t("benefits.status"),
                        },
                        status_labels=status_labels,
                    ),
                    width="stretch",
                )
                table_rows = []
                for r in rows.itertuples():
                    latest_year = None if pd.isna(r.latest_year) else int(r.latest_year)
                    change = indicators.change(
                        values,
                        indicator_id,
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
                                value=view.value_text(
                                    r.baseline, r.baseline != r.baseline, unit, lang
                                ),
                                year=r.baseline_year,
                            ),
                            t("benefits.col_latest"): (
                                t(
                                    "benefits.value_year",
                                    value=view.value_text(r.latest, hidden_latest, unit, lang),
                                    year=latest_year,
                                )
                                if latest_year is not None
                                else "–"
                            ),
                            t("benefits.col_target"): t(
                                "benefits.value_year",
                                value=view.value_text(r.target, False, unit, lang),
                                year=r.target_year,
                            ),
                            t("benefits.status"): status_labels[r.status],
                            t("benefits.col_noise"): (
                                t(f"indicator.verdict_{change.verdict.value}")
                                if change.verdict is not indicators.Verdict.NO_DATA
                                else "–"
                            ),
                        }
                    )
                st.dataframe(pd.DataFrame(table_rows), hide_index=True, width="stretch")
st.caption(t("benefits.noise_caption"))
page.footer(lang)
