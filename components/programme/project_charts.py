"""The Prosjekter page's charts of the filtered projects: timeline, totals, impact criteria."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import page
from components.charts.portfolio import criteria_chart, gantt_chart, totals_chart
from components.i18n import format as fmt
from components.i18n.format import percent
from geo.analysis import portfolio
from geo.schema import Goal, ProjectStatus

_ENUM_NAMES = {"status": "status", "goal": "goal", "funding": "funding"}


def timeline(*, view: page.Page, shown: pd.DataFrame, today: dt.date) -> None:
    """A Gantt chart of the projects, with a line at ``today``."""
    t, lang = view.t, view.lang
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
            goal_labels={g.value: view.enum("goal", g) for g in Goal},
            status_labels={s.value: view.enum("status", s) for s in ProjectStatus},
            titles={
                "name": t("projects.col_name"),
                "goal": t("projects.goal"),
                "status": t("projects.status"),
                "period": t("projects.period"),
            },
        ),
        width="stretch",
    )


def totals(*, view: page.Page, shown: pd.DataFrame) -> None:
    """Count and budget by status, goal, zone or funding ("prj_dimension")."""
    t, lang = view.t, view.lang
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

    def label(key: str) -> str:
        if dimension == "area_id":
            return view.zone_names.get(key, key)
        return view.enum(_ENUM_NAMES[dimension], key)

    sums = portfolio.totals_by(shown, dimension)
    sums = sums.assign(label=[label(k) for k in sums["key"]])
    count_col, budget_col = st.columns(2, gap="large")
    with count_col:
        st.altair_chart(
            totals_chart(
                sums.assign(text=[fmt.number(v, lang) for v in sums["count"]]),
                value="count",
                title=t("projects.count_axis"),
            ),
            width="stretch",
        )
    with budget_col:
        st.altair_chart(
            totals_chart(
                sums.assign(text=[fmt.nok(v, lang) for v in sums["budget_nok"]]),
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


def criteria(*, view: page.Page, shown: pd.DataFrame) -> None:
    """The share of projects that meet each impact criterion, and those that miss some."""
    t, lang = view.t, view.lang
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
        return
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
