"""One project in detail: every field formatted, the five criteria, the indicators it moves."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from components import sample_mark
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from geo.analysis import portfolio

INDICATOR_PAGE = "views/indikatorer.py"
_ROOT = Path(__file__).resolve().parents[2]


def project_detail(
    project: pd.Series,
    *,
    at_zone_centre: bool = False,
    lang: str,
    zone_names: Mapping[str, str],
    indicators: pd.DataFrame,
) -> None:
    """A bordered card with the project's fields; text from the data is escaped."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    with st.container(border=True, key="prj_detail"):
        is_sample = bool(project["is_sample"])
        st.subheader(sample_mark.mark_if(str(project["name"]), is_sample, lang))
        if is_sample:
            st.badge(t("common.sample_badge"), color="orange", icon=":material/science:")
        st.markdown(html.escape(fmt.not_given(project["description"], lang)))

        def given(name: str, show: Callable[[Any], str] = str) -> str:
            return fmt.not_given(project.get(name), lang, show)

        def label(enum: str) -> Callable[[Any], str]:
            return lambda code: enum_label(enum, code, lang)

        fields = [
            (t("projects.zone"), zone_names.get(project["area_id"], project["area_id"])),
            (t("projects.goal"), given("goal", label("goal"))),
            (t("projects.strategy"), given("strategy")),
            (t("projects.focus_area"), given("focus_area", label("focus_area"))),
            (t("projects.work_level"), given("work_level", label("work_level"))),
            (t("projects.owner_unit"), given("owner_unit")),
            (t("projects.status"), enum_label("status", project["status"], lang)),
            (t("projects.period"), _period(project, lang)),
            (
                t("projects.col_budget"),
                given(
                    "budget_nok", lambda v: sample_mark.mark_if(fmt.nok(v, lang), is_sample, lang)
                ),
            ),
            (t("projects.funding"), given("funding", label("funding"))),
            (t("projects.place"), given("place_name")),
            *(
                [(t("projects.location"), t("projects.placed_at_zone_centre"))]
                if at_zone_centre
                else []
            ),
            (t("projects.source"), project["source"]),
        ]
        left, right = st.columns(2, gap="large")
        with left:
            _definition_list(fields)
        with right:
            st.markdown(f"**{t('projects.criteria_heading')}**")
            items = []
            for criterion in portfolio.CRITERIA:
                value = project[criterion]
                met = None if pd.isna(value) else bool(value)  # None: the register left it out
                mark = {True: "✓", False: "✗", None: "–"}[met]
                word = {True: t("projects.met"), False: t("projects.not_met")}.get(met)
                css = {True: "ok-met", False: "ok-not-met", None: "ok-not-given"}[met]
                items.append(
                    f'<li class="{css}"><b>{mark}</b> {html.escape(t(f"projects.{criterion}"))}: '
                    f"{html.escape(word or fmt.not_given(None, lang))}</li>"
                )
            st.markdown(f'<ul class="ok-criteria">{"".join(items)}</ul>', unsafe_allow_html=True)
            st.markdown(f"**{t('projects.indicators_heading')}**")
            _indicators(portfolio.indicator_ids(project.get("indicator_ids")), indicators, lang)


def _indicators(ids: list[str], indicators: pd.DataFrame, lang: str) -> None:
    if not ids:
        st.caption(translate("projects.indicators_none", lang))
        return
    by_id = indicators.set_index("indicator_id")
    column = "name_en" if lang == "en" else "name_nb"
    names = [str(by_id.loc[i, column]) if i in by_id.index else i for i in ids]
    st.markdown("\n".join(f"- {html.escape(name)}" for name in names))
    if (_ROOT / INDICATOR_PAGE).exists():
        # the page exists but may not be in the navigation (yet): then the names suffice
        with contextlib.suppress(StreamlitAPIException):
            st.page_link(
                INDICATOR_PAGE,
                label=translate("projects.indicators_link", lang),
                icon=":material/monitoring:",
            )


def _definition_list(fields: list[tuple[str, object]]) -> None:
    rows = "".join(
        f"<dt><b>{html.escape(str(label))}</b></dt>"
        f'<dd style="margin:0">{html.escape(str(value))}</dd>'
        for label, value in fields
    )
    st.markdown(
        '<dl class="ok-fields" style="display:grid;grid-template-columns:max-content 1fr;'
        f'gap:0.2rem 1rem;margin:0">{rows}</dl>',
        unsafe_allow_html=True,
    )


def _year(value: Any) -> str:
    return str(int(value))


def _period(project: pd.Series, lang: str) -> str:
    """«2024–2026»; one «ikke oppgitt» when the register has neither year, not two."""
    start, end = project.get("start_year"), project.get("end_year")
    if pd.isna(start) and pd.isna(end):
        return fmt.not_given(None, lang)
    return f"{fmt.not_given(start, lang, _year)}–{fmt.not_given(end, lang, _year)}"
