"""The Prosjekter page's filters: search, status, goal, zone and funding, and what they leave."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import page
from components.i18n import format as fmt
from geo.analysis import portfolio
from geo.schema import Funding, Goal, ProjectStatus


def project_filters(*, view: page.Page, projects: pd.DataFrame) -> pd.DataFrame:
    """The filter widgets ("prj_*" keys) and the projects they leave, by start year and name."""
    t = view.t
    with st.container(border=True):
        search_col, status_col, goal_col, zone_col, funding_col = st.columns([3, 2, 2, 2, 2])
        search = search_col.text_input(
            t("projects.search"), key="prj_search", placeholder=t("projects.search_hint")
        )
        statuses = view.enum_filter(
            status_col,
            t("projects.status"),
            "status",
            [s.value for s in ProjectStatus],
            key="prj_status",
            placeholder=t("projects.any"),
        )
        goals = view.enum_filter(
            goal_col,
            t("projects.goal"),
            "goal",
            [g.value for g in Goal],
            key="prj_goal",
            placeholder=t("projects.any"),
        )
        area_ids = view.zone_filter(
            zone_col,
            t("projects.zone"),
            projects["area_id"],
            key="prj_zone",
            placeholder=t("projects.any"),
        )
        fundings = view.enum_filter(
            funding_col,
            t("projects.funding"),
            "funding",
            [f.value for f in Funding],
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
    st.caption(
        t(
            "projects.count",
            shown=fmt.number(len(shown), view.lang),
            total=fmt.number(len(projects), view.lang),
        )
    )
    return shown
