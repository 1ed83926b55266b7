"""The Oversikt map, the focus-zone cards and the meeting-place chart: one fragment, so a click
on a zone reruns these together and leaves the rest of the page as it is."""

from __future__ import annotations

import streamlit as st

from components import data, state
from components.charts.overview import places_by_type_chart
from components.maps import overview_widget as map_widget
from components.maps.legend import legend, outline_legend
from components.maps.style import PLACE_TYPE_COLOURS, STATUS_COLOURS, ZONE_LEGEND
from components.page import Page
from components.programme.cards import zone_card
from geo.analysis import overview
from geo.schema import PlaceType, ProjectStatus


@st.fragment
def show(*, view: Page, focus_ids: list[str]) -> None:
    """Map beside its legends, the cards (the selected zone's first), the chart below."""
    t = view.t
    selected = state.selected_zone(view.zones["area_id"])
    online = st.session_state.get("online_tiles", False)
    map_column, side_column = st.columns([5, 3], gap="medium")
    with map_column:
        st.subheader(t("overview.map_heading"))
        map_widget.show(
            lang=view.lang, selected=selected, online_tiles=online, on_zone_click=state.select_zone
        )
        st.caption(t("overview.map_help"))
        st.toggle(
            t("overview.online_tiles"), key="online_tiles", help=t("overview.online_tiles_help")
        )
    with side_column:
        _legends(view)
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
            zone_card(
                _zone_summary(*data.cache_key(), area_id), view.lang, selected=area_id == selected
            )

    _chart(view, [selected] if selected is not None else focus_ids, selected)


@st.cache_data(show_spinner=False, max_entries=256)
def _zone_summary(path: str, version: float, area_id: str) -> overview.ZoneSummary:
    """A card's figures: the same for every session and run until the data changes."""
    tables = data.tables()
    return overview.zone_summary(
        area_id,
        tables["areas"],
        tables["projects"],
        tables["meeting_places"],
        tables["indicator_values"],
    )


def _legends(view: Page) -> None:
    outline_legend(
        view.t("map.legend_heading"),
        [(fill, border, view.t(key)) for fill, border, key in ZONE_LEGEND],
    )
    legend(
        view.t("map.legend_projects"),
        [(STATUS_COLOURS[s], view.enum("status", s)) for s in ProjectStatus],
    )
    legend(
        view.t("map.legend_places"),
        [(PLACE_TYPE_COLOURS[p], view.enum("place_type", p)) for p in PlaceType],
    )


def _chart(view: Page, chosen: list[str], selected: str | None) -> None:
    """Meeting places by type in the selected zone, or in the focus zones side by side."""
    t, names = view.t, view.zone_names
    st.subheader(
        t("overview.chart_heading_zone", name=names[selected])
        if selected is not None
        else t("overview.chart_heading_focus")
    )
    counts = overview.places_by_zone_and_type(view.tables["meeting_places"], chosen)
    if counts.empty:
        st.caption(t("overview.places_none"))
        return
    chart = places_by_type_chart(
        counts,
        type_labels={p.value: view.enum("place_type", p) for p in PlaceType},
        zone_names=names,
        axis_titles={"type": t("chart.type"), "count": t("chart.count"), "zone": t("chart.zone")},
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("overview.chart_caption"))
