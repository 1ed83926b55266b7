"""Oversikt: the 60 zones on a map, the focus zones as cards, a chart that follows a click."""

from __future__ import annotations

import streamlit as st

from components import page, state
from components.charts.overview import places_by_type_chart
from components.i18n import enum_label, translate
from components.maps import overview_widget as map_widget
from components.maps.legend import legend, outline_legend
from components.maps.style import PLACE_TYPE_COLOURS, STATUS_COLOURS, ZONE_LEGEND
from components.programme.cards import zone_card
from geo.analysis import overview
from geo.schema import Level, PlaceType, ProjectStatus

lang = state.lang()


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


tables = page.tables_or_stop(lang)

areas = tables["areas"]
zones = areas[areas["level"] == Level.LEVEKARSSONE]
focus_ids = overview.focus_zone_ids(areas)

st.title(t("overview.title"))
st.markdown(t("overview.intro"))
page.sample_notice(lang)


@st.fragment
def map_cards_and_chart() -> None:
    """Map, cards and chart rerun together on a click; the rest of the page stays as it is."""
    selected = state.selected_zone(zones["area_id"])
    online = st.session_state.get("online_tiles", False)
    map_column, side_column = st.columns([5, 3], gap="medium")
    with map_column:
        st.subheader(t("overview.map_heading"))
        map_widget.show(
            lang=lang, selected=selected, online_tiles=online, on_zone_click=state.select_zone
        )
        st.caption(t("overview.map_help"))
        st.toggle(
            t("overview.online_tiles"), key="online_tiles", help=t("overview.online_tiles_help")
        )
    with side_column:
        _legends()
        if selected is not None:
            st.button(
                t("overview.clear_selection"),
                icon=":material/close:",
                on_click=state.select_zone,
                args=(None,),
            )

    st.subheader(t("overview.cards_heading"))
    card_ids = focus_ids if selected in focus_ids or selected is None else [selected, *focus_ids]
    for column, area_id in zip(st.columns(len(card_ids)), card_ids, strict=True):
        with column:
            summary = overview.zone_summary(
                area_id,
                areas,
                tables["projects"],
                tables["meeting_places"],
                tables["indicator_values"],
            )
            zone_card(summary, lang, selected=area_id == selected)

    _chart(selected)


def _legends() -> None:
    outline_legend(
        t("map.legend_heading"),
        [(fill, border, t(key)) for fill, border, key in ZONE_LEGEND],
    )
    legend(
        t("map.legend_projects"),
        [(STATUS_COLOURS[s], enum_label("status", s, lang)) for s in ProjectStatus],
    )
    legend(
        t("map.legend_places"),
        [(PLACE_TYPE_COLOURS[p], enum_label("place_type", p, lang)) for p in PlaceType],
    )


def _chart(selected: str | None) -> None:
    chosen = [selected] if selected is not None else focus_ids
    names = dict(zip(zones["area_id"], zones["name"], strict=True))
    heading = (
        t("overview.chart_heading_zone", name=names[selected])
        if selected is not None
        else t("overview.chart_heading_focus")
    )
    st.subheader(heading)
    counts = overview.places_by_zone_and_type(tables["meeting_places"], chosen)
    if counts.empty:
        st.caption(t("overview.places_none"))
        return
    chart = places_by_type_chart(
        counts,
        type_labels={p.value: enum_label("place_type", p, lang) for p in PlaceType},
        zone_names=names,
        axis_titles={"type": t("chart.type"), "count": t("chart.count"), "zone": t("chart.zone")},
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("overview.chart_caption"))


map_cards_and_chart()
page.footer(lang)
