"""An indicator over time for the programme's areas and Trondheim, and the honest change between
two years with 95 % intervals (shares with counts only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.indicators import view as indicator_view
from components.indicators.choice import Choice, role_labels
from components.page import Page
from geo.analysis import indicators
from geo.analysis.indicator_year import change_years


def show(*, view: Page, choice: Choice, values: pd.DataFrame) -> None:
    """The series chart; then, where counts give intervals and there are two years, the change."""
    lang, unit, kommune = view.lang, choice.unit, choice.kommune
    st.subheader(view.t("indicators.series_heading"))
    series_ids = choice.roles.series_ids(kommune)
    series = indicators.series(values, choice.indicator_id, series_ids)
    series = series.assign(
        name=series["area_id"]
        .map(view.area_names)
        .where(series["area_id"] != kommune, "Trondheim"),
        text=[
            fmt.indicator_value(r.value, bool(r.suppressed), unit, lang)
            for r in series.itertuples()
        ],
        role=[choice.roles.series_role(a, kommune) for a in series["area_id"]],
    )
    has_counts = choice.is_share and series["denominator"].notna().any()
    indicator_view.show_chart(
        lang,
        indicator_charts.series_lines(
            series,
            titles={
                "year": view.t("chart.year"),
                "value": fmt.unit_label(unit, lang),
                "area": view.t("chart.zone"),
            },
            role_labels=role_labels(view),
        ),
        width="stretch",
    )
    st.caption(
        view.t("indicators.series_caption_ci")
        if has_counts
        else view.t("indicators.series_caption")
    )
    if has_counts and len(choice.years) > 1:
        _change(view=view, choice=choice, values=values, area_ids=series_ids)


def _change(*, view: Page, choice: Choice, values: pd.DataFrame, area_ids: list[str]) -> None:
    """Baseline to latest per area: an interval chart and one sentence each."""
    lang, unit = view.lang, choice.unit
    baseline_year, latest_year = change_years(choice.years)
    st.subheader(view.t("indicators.change_heading", start=baseline_year, end=latest_year))
    changes = [
        indicators.change(
            values, choice.indicator_id, area_id, baseline_year, latest_year, choice.direction
        )
        for area_id in area_ids
    ]
    rows = pd.DataFrame(
        {
            "name": [
                "Trondheim" if c.area_id == choice.kommune else view.area_names[c.area_id]
                for c in changes
            ],
            "difference": [c.difference for c in changes],
            "low": [c.difference_ci[0] for c in changes],
            "high": [c.difference_ci[1] for c in changes],
            "verdict": [c.verdict.value for c in changes],
            "text": [
                view.t(
                    "indicators.change_text",
                    difference=fmt.points(c.difference, lang),
                    low=fmt.points(c.difference_ci[0], lang),
                    high=fmt.points(c.difference_ci[1], lang),
                )
                for c in changes
            ],
        }
    )
    verdicts = {v.value: view.t(f"indicator.verdict_{v.value}") for v in indicators.Verdict}
    indicator_view.show_chart(
        lang,
        indicator_charts.change_intervals(
            rows,
            titles={
                "area": view.t("chart.zone"),
                "difference": view.t("indicators.change_axis"),
                "verdict": view.t("indicators.verdict"),
            },
            verdict_labels=verdicts,
        ),
        width="stretch",
    )
    sentences = []
    for c, row in zip(changes, rows.itertuples(), strict=True):
        if c.verdict is indicators.Verdict.NO_DATA:
            no_data = view.t("indicators.change_no_data")
            sentences.append(f"- **{indicator_view.esc(row.name)}**: {no_data}")
            continue
        sentences.append(
            "- "
            + view.t(
                "indicators.change_sentence",
                name=indicator_view.esc(row.name),
                start=fmt.indicator_value(c.baseline, False, unit, lang),
                start_low=fmt.number(c.baseline_ci[0], lang, 1),
                start_high=fmt.number(c.baseline_ci[1], lang, 1),
                end=fmt.indicator_value(c.latest, False, unit, lang),
                end_low=fmt.number(c.latest_ci[0], lang, 1),
                end_high=fmt.number(c.latest_ci[1], lang, 1),
                change=row.text,
                verdict=verdicts[c.verdict.value],
            )
        )
    st.markdown("\n".join(sentences))
    st.caption(view.t("indicators.change_method"))
