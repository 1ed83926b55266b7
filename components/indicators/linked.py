"""The Indikatorer map, its legend, the comparison with Trondheim and the ranking: one fragment,
so a click on a zone (map or bar) reruns these together and leaves the rest of the page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.indicators import view as indicator_view
from components.indicators.choice import Choice, role_labels
from components.maps.choropleth import choropleth_legend, legend_entries
from components.page import Page
from geo.analysis import indicators
from geo.schema import Direction, Level

RANKING_KEY = "indicator_ranking"


@st.fragment
def show(
    *,
    view: Page,
    choice: Choice,
    values: pd.DataFrame,
    rows: pd.DataFrame,
    reference: float | None,
) -> None:
    """Map and legend side by side, the comparison under the legend, the ranking below.

    ``rows`` are the indicator-year's rows at its level with ``name``, ``text`` and ``role``."""
    lang, unit, year, level = view.lang, choice.unit, choice.year, choice.level
    areas, name = view.tables["areas"], indicator_view.name(choice.spec, lang)
    selected = state.selected_zone(view.zones["area_id"])
    highlight = indicator_view.ancestor_at(selected, level, areas) if selected else None
    linkable = level == Level.LEVEKARSSONE
    map_column, side = st.columns([3, 2], gap="medium")
    with map_column:
        st.subheader(view.t("indicators.map_heading", year=year))
        classes = indicator_view.choropleth_widget(
            key=f"indicator_map_{level}",
            level=level,
            rows=rows,
            direction=choice.direction,
            unit=unit,
            labels={
                "zone": view.t(f"level.{level}").capitalize(),
                "value": f"{name} ({year})",
            },
            lang=lang,
            selected=selected if linkable else None,
            on_zone_click=state.select_zone if linkable else None,
        )
        st.caption(
            view.t("indicators.map_help") if linkable else view.t("indicators.map_help_level")
        )
    with side:
        choropleth_legend(
            name,
            legend_entries(classes, lambda v: fmt.number(v, lang, fmt.decimals(unit))),
            note=view.t("indicators.legend_note", unit=fmt.unit_label(unit, lang), year=year),
            hidden_label=view.t("indicator.suppressed"),
            worse_label=view.t(
                "indicators.legend_darker"
                if choice.direction != Direction.NEUTRAL
                else "indicators.legend_darker_neutral"
            ),
        )
        hidden_count = int(rows["suppressed"].sum())
        if hidden_count:
            st.caption(view.t("indicators.hidden_count", count=hidden_count))
        _comparison(
            view=view,
            choice=choice,
            values=values,
            reference=reference,
            selected=selected,
            highlight=highlight,
        )
    st.subheader(view.t("indicators.ranking_heading", year=year))
    chart = indicator_charts.ranked_bars(
        rows,
        reference=reference,
        reference_label=f"Trondheim {fmt.indicator_value(reference, False, unit, lang)}",
        titles={"value": fmt.unit_label(unit, lang), "area": view.t("chart.zone")},
        role_labels=role_labels(view),
        selected=highlight,
    )
    st.altair_chart(  # type: ignore[call-overload]  # on_select's type depends on linkable
        indicator_charts.localised(chart, lang),
        width="stretch",
        key=RANKING_KEY,
        on_select=_ranking_picked if linkable else "ignore",
        selection_mode=indicator_charts.PICK if linkable else None,
    )
    st.caption(
        view.t("indicators.ranking_caption")
        + (" " + view.t("indicators.ranking_click") if linkable else "")
    )


def _ranking_picked() -> None:
    """A click on a bar selects that zone, as a click on the map does."""
    event = st.session_state.get(RANKING_KEY) or {}
    points = (event.get("selection") or {}).get(indicator_charts.PICK) or []
    if points and isinstance(points[0], dict) and points[0].get("area_id"):
        state.select_zone(str(points[0]["area_id"]))


def _comparison(
    *,
    view: Page,
    choice: Choice,
    values: pd.DataFrame,
    reference: float | None,
    selected: str | None,
    highlight: str | None,
) -> None:
    """The selected zone (or the focus zones) against Trondheim, as metrics."""
    lang, unit = view.lang, choice.unit
    names = view.area_names
    shown = [highlight] if highlight else sorted(choice.roles.focus, key=lambda a: names[a])
    st.markdown(f"**{view.t('indicators.compare_heading')}**")
    if selected:
        st.caption(view.t("indicators.selected_zone", name=indicator_view.esc(names[selected])))
    compared = indicators.compare(values, choice.indicator_id, choice.year, shown, choice.kommune)
    for row in compared.itertuples():
        label = indicator_view.esc(names[row.area_id])
        if row.suppressed:
            st.metric(label, view.t("indicator.suppressed"))
            continue
        st.metric(
            label,
            fmt.indicator_value(row.value, False, unit, lang),
            delta=(
                view.t(
                    "indicators.delta",
                    difference=fmt.difference(row.difference, unit, lang),
                    index=fmt.number(row.index, lang, 0),
                )
                if row.difference == row.difference
                else None
            ),
            delta_color="off",
        )
    st.caption(
        view.t(
            "indicators.compare_caption",
            value=fmt.indicator_value(reference, reference is None, unit, lang)
            if reference is not None
            else "–",
        )
    )
    if selected:
        st.button(
            view.t("indicators.clear_selection"),
            icon=":material/close:",
            on_click=state.select_zone,
            args=(None,),
            key="ind_clear",
        )
