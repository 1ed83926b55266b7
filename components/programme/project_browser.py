"""The Prosjekter page's browser: the projects as a table and on the map, one of them in detail.

A row picked in the table or a point clicked on the map chooses the project the detail card
shows ("prj_choice"); the choice is applied before that widget is drawn on the next run.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from components import page, sample_mark
from components.i18n import format as fmt
from components.maps import programme as page_map
from components.maps.overview import PointLayer
from components.maps.style import STATUS_COLOURS
from components.programme.project_detail import project_detail
from geo import schema
from geo.analysis import placement
from geo.build import browser as prepare
from geo.schema import WEB_CRS

CHOICE = "prj_choice"
PENDING = "prj_pending"


def project_browser(*, view: page.Page, shown: pd.DataFrame) -> None:
    """Table and map side by side, the choice of project, its detail card (or a note if none)."""
    t = view.t
    if shown.empty:
        st.info(t("projects.none_match"))
        return
    ids: list[str] = shown["project_id"].tolist()
    areas = view.tables["areas"]
    if st.session_state.get(PENDING) in ids:
        st.session_state[CHOICE] = st.session_state.pop(PENDING)
    if st.session_state.get(CHOICE) not in ids:
        st.session_state[CHOICE] = ids[0]
    table_col, map_col = st.columns([3, 2], gap="medium")
    with table_col:
        _table(view, shown, ids)
    chosen_id = st.selectbox(
        t("projects.detail_choice"),
        ids,
        format_func=lambda pid: str(shown.set_index("project_id").loc[pid, "name"]),
        key=CHOICE,
    )
    chosen = shown.set_index("project_id", drop=False).loc[chosen_id]
    with map_col:
        _map(view, shown, chosen, ids)
    chosen_rows = shown[shown["project_id"] == chosen["project_id"]]
    project_detail(
        chosen,
        at_zone_centre=bool(placement.at_zone_centre(chosen_rows, areas).any()),
        lang=view.lang,
        zone_names=view.zone_names,
        indicators=view.tables["indicators"],
    )


def _choose(ids: list[str], project_id: str) -> None:
    # Applied before the choice widget is drawn on the next run (a click on the map can come
    # after the widget in the same run).
    if project_id in ids:
        st.session_state[PENDING] = project_id


def _table_selected(ids: list[str]) -> None:
    rows = st.session_state["prj_table"].selection.rows
    if rows:
        _choose(ids, ids[rows[0]])


def _map_clicked(ids: list[str], properties: Mapping[str, Any]) -> None:
    _choose(ids, str(properties.get("project_id", "")))


def _table(view: page.Page, frame: pd.DataFrame, ids: list[str]) -> None:
    t, lang = view.t, view.lang
    table = pd.DataFrame(
        {
            "name": frame["name"],
            "zone": frame["area_id"].map(view.zone_names),
            "goal": [fmt.not_given(g, lang, lambda c: view.enum("goal", c)) for g in frame["goal"]],
            "status": [view.enum("status", s) for s in frame["status"]],
            "start": frame["start_year"].astype("Int64"),  # empty where not given
            "end": frame["end_year"].astype("Int64"),
            "budget": frame["budget_nok"].astype(float),
            "funding": [
                fmt.not_given(f, lang, lambda c: view.enum("funding", c)) for f in frame["funding"]
            ],
        }
    ).reset_index(drop=True)
    styled = table.style.format(
        {"budget": lambda v: fmt.not_given(v, lang, lambda n: fmt.nok(n, lang))}
    )
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=420,
        key="prj_table",
        on_select=partial(_table_selected, ids),
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


def _map(view: page.Page, frame: pd.DataFrame, chosen: pd.Series, ids: list[str]) -> None:
    # the popup says when a point is only the zone's centre (the register gave no point)
    centre = view.t("projects.placed_at_zone_centre")
    points = frame.assign(
        name=[
            sample_mark.mark_if(str(n), bool(s), view.lang)
            for n, s in zip(frame["name"], frame["is_sample"], strict=True)
        ],
        type_label=[
            f"{view.enum('status', s)} · {centre}" if at else view.enum("status", s)
            for s, at in zip(
                frame["status"],
                placement.at_zone_centre(frame, view.tables["areas"]),
                strict=True,
            )
        ],
    )
    layer = PointLayer(
        name=view.t(
            "projects.map_layer_sample" if schema.includes_sample(frame) else "projects.map_layer"
        ),
        data=prepare.to_browser_geojson(points, ["project_id", "name", "status", "type_label"]),
        colour_by="status",
        colours=STATUS_COLOURS,
        marker="projects",
    )
    where = frame[frame["project_id"] == chosen["project_id"]].to_crs(WEB_CRS)
    ring = (where.geometry.iloc[0].y, where.geometry.iloc[0].x) if len(where) else None
    fmap = page_map.programme_map(lang=view.lang, points=[layer])
    page_map.show(
        fmap,
        key="prj_map",
        on_point_click=partial(_map_clicked, ids),
        overlay=page_map.highlight(ring),
        height=470,
    )
    st.caption(view.t("projects.map_help"))
