"""Prosjekter: the portfolio as a table, on the map and in detail; timeline, totals, criteria."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from components import page, state
from components.charts.portfolio import criteria_chart, gantt_chart, totals_chart
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.i18n.share_format import percent
from components.maps import programme as page_map
from components.maps.overview import PointLayer
from components.maps.style import STATUS_COLOURS
from components.programme.project_detail import project_detail
from geo.analysis import portfolio
from geo.build import browser as prepare
from geo.schema import WEB_CRS, Funding, Goal, Level, ProjectStatus

lang = state.lang()
CHOICE = "prj_choice"
PENDING = "prj_pending"


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


tables = page.tables_or_stop(lang)
projects = tables["projects"]
areas = tables["areas"]
zones = areas[areas["level"] == Level.LEVEKARSSONE]
zone_names: dict[str, str] = dict(zip(zones["area_id"], zones["name"], strict=True))

st.title(t("projects.title"))
st.markdown(t("projects.intro"))
page.sample_notice(lang)

# --- filters ---------------------------------------------------------------------------------
with st.container(border=True):
    search_col, status_col, goal_col, zone_col, funding_col = st.columns([3, 2, 2, 2, 2])
    search = search_col.text_input(
        t("projects.search"), key="prj_search", placeholder=t("projects.search_hint")
    )
    statuses = status_col.multiselect(
        t("projects.status"),
        [s.value for s in ProjectStatus],
        format_func=lambda code: enum_label("status", code, lang),
        key="prj_status",
        placeholder=t("projects.any"),
    )
    goals = goal_col.multiselect(
        t("projects.goal"),
        [g.value for g in Goal],
        format_func=lambda code: enum_label("goal", code, lang),
        key="prj_goal",
        placeholder=t("projects.any"),
    )
    zone_options = sorted(set(projects["area_id"]), key=lambda a: zone_names.get(a, a))
    area_ids = zone_col.multiselect(
        t("projects.zone"),
        zone_options,
        format_func=lambda a: zone_names.get(a, a),
        key="prj_zone",
        placeholder=t("projects.any"),
    )
    fundings = funding_col.multiselect(
        t("projects.funding"),
        [f.value for f in Funding],
        format_func=lambda code: enum_label("funding", code, lang),
        key="prj_funding",
        placeholder=t("projects.any"),
    )

shown = portfolio.filter_projects(
    projects,
    search=search,
    statuses=statuses,
    goals=goals,
    area_ids=area_ids,
    fundings=fundings,
).sort_values(["start_year", "name"])
ids: list[str] = shown["project_id"].tolist()
st.caption(
    t("projects.count", shown=fmt.number(len(shown), lang), total=fmt.number(len(projects), lang))
)


def _choose(project_id: str) -> None:
    # Applied before the choice widget is drawn on the next run (a click on the map can come
    # after the widget in the same run).
    if project_id in ids:
        st.session_state[PENDING] = project_id


def _table_selected() -> None:
    rows = st.session_state["prj_table"].selection.rows
    if rows:
        _choose(ids[rows[0]])


def _map_clicked(properties: Mapping[str, Any]) -> None:
    _choose(str(properties.get("project_id", "")))


def _table(frame: pd.DataFrame) -> None:
    table = pd.DataFrame(
        {
            "name": frame["name"],
            "zone": frame["area_id"].map(zone_names),
            "goal": [enum_label("goal", g, lang) for g in frame["goal"]],
            "status": [enum_label("status", s, lang) for s in frame["status"]],
            "start": frame["start_year"].astype(int),
            "end": frame["end_year"].astype(int),
            "budget": frame["budget_nok"].astype(float),
            "funding": [enum_label("funding", f, lang) for f in frame["funding"]],
        }
    ).reset_index(drop=True)
    styled = table.style.format({"budget": lambda v: fmt.nok(v, lang)})
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=420,
        key="prj_table",
        on_select=_table_selected,
        selection_mode="single-row",
        column_config={
            "name": st.column_config.TextColumn(t("projects.col_name"), width="large"),
            "zone": t("projects.zone"),
            "goal": t("projects.goal"),
            "status": t("projects.status"),
            "start": st.column_config.NumberColumn(t("projects.col_start"), format="%d"),
            "end": st.column_config.NumberColumn(t("projects.col_end"), format="%d"),
            "budget": t("projects.col_budget"),
            "funding": t("projects.funding"),
        },
    )
    st.caption(t("projects.table_help"))


def _map(frame: pd.DataFrame, chosen: pd.Series | None) -> None:
    points = frame.assign(
        type_label=[enum_label("status", s, lang) for s in frame["status"]],
    )
    layer = PointLayer(
        name=t("projects.map_layer"),
        data=prepare.to_browser_geojson(points, ["project_id", "name", "status", "type_label"]),
        colour_by="status",
        colours=STATUS_COLOURS,
        marker="projects",
    )
    ring = None
    if chosen is not None:
        where = frame[frame["project_id"] == chosen["project_id"]].to_crs(WEB_CRS)
        if len(where):
            ring = (where.geometry.iloc[0].y, where.geometry.iloc[0].x)
    fmap = page_map.programme_map(lang=lang, points=[layer])
    page_map.show(
        fmap,
        key="prj_map",
        on_point_click=_map_clicked,
        overlay=page_map.highlight(ring),
        height=470,
    )
    st.caption(t("projects.map_help"))


# --- table, map, detail -------------------------------------------------------------------
if shown.empty:
    st.info(t("projects.none_match"))
else:
    if st.session_state.get(PENDING) in ids:
        st.session_state[CHOICE] = st.session_state.pop(PENDING)
    if st.session_state.get(CHOICE) not in ids:
        st.session_state[CHOICE] = ids[0]
    table_col, map_col = st.columns([3, 2], gap="medium")
    with table_col:
        _table(shown)
    chosen_id = st.selectbox(
        t("projects.detail_choice"),
        ids,
        format_func=lambda pid: str(shown.set_index("project_id").loc[pid, "name"]),
        key=CHOICE,
    )
    chosen = shown.set_index("project_id", drop=False).loc[chosen_id]
    with map_col:
        _map(shown, chosen)
    project_detail(
        chosen,
        lang=lang,
        zone_names=zone_names,
        indicators=tables["indicators"],
    )

# --- charts ----------------------------------------------------------------------------------
if not shown.empty:
    today = dt.date.today()
    st.header(t("projects.timeline_heading"))
    st.caption(
        t(
            "projects.timeline_caption",
            count=fmt.number(len(portfolio.running_on(shown, today)), lang),
        )
    )
    st.altair_chart(
        gantt_chart(
            portfolio.gantt_data(shown),
            today=today,
            today_label=t("projects.today", date=fmt.date(today, lang)),
            goal_labels={g.value: enum_label("goal", g, lang) for g in Goal},
            status_labels={s.value: enum_label("status", s, lang) for s in ProjectStatus},
            titles={
                "name": t("projects.col_name"),
                "goal": t("projects.goal"),
                "status": t("projects.status"),
                "period": t("projects.period"),
            },
        ),
        width="stretch",
    )

    st.header(t("projects.totals_heading"))
    dimension = st.segmented_control(
        t("projects.totals_by"),
        list(portfolio.DIMENSIONS),
        format_func=lambda d: t(f"projects.dim_{d}"),
        default="status",
        key="prj_dimension",
        required=True,
    )
    dimension = dimension or "status"
    enum_names = {"status": "status", "goal": "goal", "funding": "funding"}

    def _label(key: str) -> str:
        if dimension == "area_id":
            return zone_names.get(key, key)
        return enum_label(enum_names[dimension], key, lang)

    totals = portfolio.totals_by(shown, dimension)
    totals = totals.assign(label=[_label(k) for k in totals["key"]])
    count_col, budget_col = st.columns(2, gap="large")
    with count_col:
        st.altair_chart(
            totals_chart(
                totals.assign(text=[fmt.number(v, lang) for v in totals["count"]]),
                value="count",
                title=t("projects.count_axis"),
            ),
            width="stretch",
        )
    with budget_col:
        st.altair_chart(
            totals_chart(
                totals.assign(text=[fmt.nok(v, lang) for v in totals["budget_nok"]]),
                value="budget_nok",
                title=t("projects.budget_axis"),
                colour="#009E73",
            ),
            width="stretch",
        )
    st.caption(
        t(
            "projects.totals_caption",
            count=fmt.number(len(shown), lang),
            budget=fmt.nok(shown["budget_nok"].sum(), lang),
        )
    )

    st.header(t("projects.criteria_heading"))
    st.markdown(t("projects.criteria_intro"))
    shares = portfolio.criteria_shares(shown)
    shares = shares.assign(
        label=[t(f"projects.{c}") for c in shares["criterion"]],
        text=[
            t(
                "projects.n_of",
                met=fmt.number(m, lang),
                total=fmt.number(n, lang),
                share=percent(s, lang),
            )
            for m, n, s in zip(shares["met"], shares["total"], shares["share"], strict=True)
        ],
    )
    st.altair_chart(criteria_chart(shares, title=t("projects.share_axis")), width="stretch")
    missing = portfolio.missing_criteria(shown)
    st.subheader(t("projects.missing_heading", count=fmt.number(len(missing), lang)))
    if missing.empty:
        st.caption(t("projects.missing_none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("projects.col_name"): missing["name"],
                    t("projects.missing_col"): [
                        ", ".join(t(f"projects.{c}") for c in codes) for codes in missing["missing"]
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
        )

page.footer(lang)
