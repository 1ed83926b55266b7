"""The sections of the Risiko page: filters over the register, the likelihood × consequence
matrix with counts per area and trend, and the register itself, highest score first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.charts.risk import risk_matrix_chart
from components.i18n import format as fmt
from components.page import Page
from geo.analysis import risk
from geo.schema import RiskArea


def filters(*, view: Page, register: pd.DataFrame) -> pd.DataFrame:
    """Risk area and status pickers (none picked: all); the risks they leave, with a count."""
    t, lang = view.t, view.lang
    with st.container(border=True):
        area_col, status_col = st.columns(2)
        chosen_areas = view.enum_filter(
            area_col,
            t("risks.area"),
            "risk_area",
            [a.value for a in RiskArea],
            key="ros_area",
            placeholder=t("risks.any"),
        )
        statuses = register["status"].fillna("")  # "": not given, a choice of its own
        chosen_status = status_col.multiselect(
            t("risks.status"),
            sorted(set(statuses)),
            format_func=lambda status: fmt.risk_status(status, lang),
            key="ros_status",
            placeholder=t("risks.any"),
        )
    shown = register
    if chosen_areas:
        shown = shown[shown["risk_area"].isin(chosen_areas)]
    if chosen_status:
        shown = shown[statuses.loc[shown.index].isin(chosen_status)]
    st.caption(
        t("risks.count", shown=fmt.number(len(shown), lang), total=fmt.number(len(register), lang))
    )
    return shown


def matrix_and_summary(*, view: Page, risks: pd.DataFrame) -> None:
    """The 5 × 5 matrix beside the counts per risk area and per trend."""
    t, lang = view.t, view.lang
    matrix_col, summary_col = st.columns(2, gap="large")  # the summary table needs half
    with matrix_col:
        st.subheader(t("risks.matrix_heading"))
        cells = risk.matrix(risks)
        cells["level_label"] = [t(f"risks.level_{lv}") for lv in cells["level"]]
        st.altair_chart(
            risk_matrix_chart(
                cells,
                labels={
                    "likelihood": t("risks.likelihood"),
                    "consequence": t("risks.consequence"),
                    "count": t("risks.count_title"),
                    "level": t("risks.level"),
                    "risks": t("risks.risks"),
                    "level_low": t("risks.level_low"),
                    "level_medium": t("risks.level_medium"),
                    "level_high": t("risks.level_high"),
                },
            ),
        )
        st.caption(t("risks.matrix_caption"))
    with summary_col:
        st.subheader(t("risks.by_area_heading"))
        counts = risk.by_area(risks, [a.value for a in RiskArea])
        table = counts.assign(risk_area=[view.enum("risk_area", a) for a in counts["risk_area"]])
        table.columns = [
            t("risks.area"),
            t("risks.level_high"),
            t("risks.level_medium"),
            t("risks.level_low"),
            t("risks.trend_worse"),
        ]
        # Narrow count columns: in this column's width the default sizing cut off the last one.
        counts_column = st.column_config.NumberColumn(width="small")
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={label: counts_column for label in table.columns[1:]},
        )
        trend_counts = risks["trend"].value_counts()
        st.markdown(
            "\n".join(
                f"- {fmt.risk_trend(trend, lang)}: "
                f"**{fmt.number(int(trend_counts.get(trend, 0)), lang)}**"
                for trend in risk.TRENDS
            )
        )
        st.caption(t("risks.trend_caption"))


def register_table(*, view: Page, risks: pd.DataFrame) -> None:
    """Every risk with its zone (or the whole programme), score, trend, owner and mitigation."""
    t, lang = view.t, view.lang
    st.header(t("risks.register_heading"))
    ordered = risks.sort_values(["score", "risk_id"], ascending=[False, True])
    table = pd.DataFrame(
        {
            t("risks.area"): [view.enum("risk_area", a) for a in ordered["risk_area"]],
            t("risks.risk"): ordered["title"],
            t("risks.description"): [fmt.not_given(v, lang) for v in ordered["description"]],
            t("risks.zone"): [
                view.zone_names.get(a, a) if isinstance(a, str) else t("risks.whole_programme")
                for a in ordered["area_id"]
            ],
            t("risks.likelihood_short"): ordered["likelihood"].astype(int),
            t("risks.consequence_short"): ordered["consequence"].astype(int),
            t("risks.score"): [
                f"{s} ({t(f'risks.level_{lv}')})"
                for s, lv in zip(ordered["score"], ordered["level"], strict=True)
            ],
            t("risks.trend"): [
                fmt.risk_trend(tr, lang)
                + ("" if pd.isna(p) else f" ({t('risks.was', score=int(p))})")
                for tr, p in zip(ordered["trend"], ordered["prev_score"], strict=True)
            ],
            t("risks.owner"): [fmt.not_given(v, lang) for v in ordered["owner"]],
            t("risks.mitigation"): [fmt.not_given(v, lang) for v in ordered["mitigation"]],
            t("risks.status"): [fmt.risk_status(s, lang) for s in ordered["status"]],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("risks.description"): st.column_config.TextColumn(width="large"),
            t("risks.mitigation"): st.column_config.TextColumn(width="large"),
        },
    )
    st.caption(t("risks.register_caption"))
