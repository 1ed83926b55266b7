"""One project in detail: every field formatted, the five criteria, the indicators it moves."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Mapping
from pathlib import Path

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
        st.markdown(html.escape(str(project["description"])))
        fields = [
            (t("projects.zone"), zone_names.get(project["area_id"], project["area_id"])),
            (t("projects.goal"), enum_label("goal", project["goal"], lang)),
            (t("projects.strategy"), project["strategy"]),
            (t("projects.focus_area"), enum_label("focus_area", project["focus_area"], lang)),
            (t("projects.work_level"), enum_label("work_level", project["work_level"], lang)),
            (t("projects.owner_unit"), project["owner_unit"]),
            (t("projects.status"), enum_label("status", project["status"], lang)),
            (t("projects.period"), f"{int(project['start_year'])}–{int(project['end_year'])}"),
            (
                t("projects.col_budget"),
                sample_mark.mark_if(fmt.nok(project["budget_nok"], lang), is_sample, lang),
            ),
            (t("projects.funding"), enum_label("funding", project["funding"], lang)),
            (t("projects.place"), _text(project.get("place_name"), lang)),
            (t("projects.source"), project["source"]),
        ]
        left, right = st.columns(2, gap="large")
        with left:
            _definition_list(fields)
        with right:
            st.markdown(f"**{t('projects.criteria_heading')}**")
            items = []
            for criterion in portfolio.CRITERIA:
                met = bool(project[criterion])
                mark = "✓" if met else "✗"
                word = t("projects.met") if met else t("projects.not_met")
                items.append(
                    f'<li class="{"ok-met" if met else "ok-not-met"}"><b>{mark}</b> '
                    f"{html.escape(t(f'projects.{criterion}'))}: {html.escape(word)}</li>"
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


def _text(value: object, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return translate("common.unknown", lang)
    return str(value)
