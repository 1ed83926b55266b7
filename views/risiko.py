"""Risiko (ROS): the register over the four areas, the likelihood × consequence matrix, trends."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import page, state
from components.charts.risk import risk_matrix_chart
from components.i18n import enum_label, has, translate
from components.i18n import format as fmt
from geo.analysis import risk
from geo.schema import Level, RiskArea

lang = state.lang()
# The register's status is free text; the ones the sample and the programme use have labels.
STATUS_KEYS = {"Åpen": "open", "Under oppfølging": "monitoring", "Lukket": "closed"}
TREND_MARKS = {"worse": "▲", "better": "▼", "unchanged": "▶", "new": "●"}


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


def _status(text: str) -> str:
    key = f"risks.status_{STATUS_KEYS.get(text, '')}"
    return t(key) if text in STATUS_KEYS and has(key, lang) else text


tables = page.tables_or_stop(lang)
areas = tables["areas"]
zone_names = dict(
    zip(
        areas.loc[areas["level"] == Level.LEVEKARSSONE, "area_id"],
        areas.loc[areas["level"] == Level.LEVEKARSSONE, "name"],
        strict=True,
    )
)
register = risk.with_scores(tables["risks"])

st.title(t("risks.title"))
st.markdown(t("risks.intro"))
page.sample_notice(lang)

with st.container(border=True):
    area_col, status_col = st.columns(2)
    chosen_areas = area_col.multiselect(
        t("risks.area"),
        [a.value for a in RiskArea],
        format_func=lambda code: enum_label("risk_area", code, lang),
        key="ros_area",
        placeholder=t("risks.any"),
    )
    statuses = sorted(set(register["status"]))
    chosen_status = status_col.multiselect(
        t("risks.status"),
        statuses,
        format_func=_status,
        key="ros_status",
        placeholder=t("risks.any"),
    )
shown = register
if chosen_areas:
    shown = shown[shown["risk_area"].isin(chosen_areas)]
if chosen_status:
    shown = shown[shown["status"].isin(chosen_status)]
st.caption(
    t("risks.count", shown=fmt.number(len(shown), lang), total=fmt.number(len(register), lang))
)

matrix_col, summary_col = st.columns([3, 2], gap="large")
with matrix_col:
    st.subheader(t("risks.matrix_heading"))
    cells = risk.matrix(shown)
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
    rows = []
    for area in RiskArea:
        here = shown[shown["risk_area"] == area]
        rows.append(
            {
                t("risks.area"): enum_label("risk_area", area, lang),
                t("risks.level_high"): int((here["level"] == "high").sum()),
                t("risks.level_medium"): int((here["level"] == "medium").sum()),
                t("risks.level_low"): int((here["level"] == "low").sum()),
                t("risks.trend_worse"): int((here["trend"] == "worse").sum()),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    trend_counts = shown["trend"].value_counts()
    st.markdown(
        "\n".join(
            f"- {TREND_MARKS[trend]} {t(f'risks.trend_{trend}')}: "
            f"**{fmt.number(int(trend_counts.get(trend, 0)), lang)}**"
            for trend in risk.TRENDS
        )
    )
    st.caption(t("risks.trend_caption"))

st.header(t("risks.register_heading"))
ordered = shown.sort_values(["score", "risk_id"], ascending=[False, True])
register_table = pd.DataFrame(
    {
        t("risks.area"): [enum_label("risk_area", a, lang) for a in ordered["risk_area"]],
        t("risks.risk"): ordered["title"],
        t("risks.description"): ordered["description"],
        t("risks.zone"): [
            zone_names.get(a, a) if isinstance(a, str) else t("risks.whole_programme")
            for a in ordered["area_id"]
        ],
        t("risks.likelihood_short"): ordered["likelihood"].astype(int),
        t("risks.consequence_short"): ordered["consequence"].astype(int),
        t("risks.score"): [
            f"{s} ({t(f'risks.level_{lv}')})"
            for s, lv in zip(ordered["score"], ordered["level"], strict=True)
        ],
        t("risks.trend"): [
            f"{TREND_MARKS[tr]} {t(f'risks.trend_{tr}')}"
            + ("" if pd.isna(p) else f" ({t('risks.was', score=int(p))})")
            for tr, p in zip(ordered["trend"], ordered["prev_score"], strict=True)
        ],
        t("risks.owner"): ordered["owner"],
        t("risks.mitigation"): ordered["mitigation"],
        t("risks.status"): [_status(s) for s in ordered["status"]],
    }
)
st.dataframe(
    register_table,
    hide_index=True,
    width="stretch",
    column_config={
        t("risks.description"): st.column_config.TextColumn(width="large"),
        t("risks.mitigation"): st.column_config.TextColumn(width="large"),
    },
)
st.caption(t("risks.register_caption"))
page.footer(lang)
