"""The Møteplasser page's coverage: the share of each focus zone within walking distance of the
chosen kinds of place, on a map and a chart, and the zones' access to public transport."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

from components import data, page
from components.charts.coverage import coverage_chart
from components.i18n import format as fmt
from components.i18n.format import percent
from components.maps import programme as page_map
from components.maps.coverage_layers import GAP_STYLE, REACH_STYLE, STRAIGHT_STYLE, polygon_layer
from components.maps.legend import outline_legend
from components.maps.overview import PointLayer
from components.programme import coverage as coverage_data
from components.programme.places import ALL_TYPES, place_layer
from geo.analysis import coverage
from geo.analysis.places import within_reach
from geo.schema import PlaceType

DEFAULT_COVERAGE_TYPES = [PlaceType.LEKEPLASS.value, PlaceType.PARK.value]


@st.fragment
def coverage_section(
    *, view: page.Page, places: gpd.GeoDataFrame, focus_area: shapely.Geometry
) -> None:
    """Types and distance in, shares per zone, chart and map out; reruns on its own."""
    t, lang = view.t, view.lang
    st.header(t("places.coverage_heading"))
    st.markdown(t("places.coverage_intro"))
    type_col, distance_col = st.columns([3, 2])
    groups = view.enum_filter(
        type_col,
        t("places.coverage_types"),
        "place_type",
        ALL_TYPES,
        key="cov_types",
        default=DEFAULT_COVERAGE_TYPES,
    )
    distance = distance_col.segmented_control(
        t("places.distance"),
        list(coverage.DISTANCES_M),
        format_func=lambda metres: f"{fmt.number(metres, lang)} m",
        default=500,
        key="cov_distance",
        required=True,
    )
    distance = int(distance or 500)
    with st.spinner(t("places.computing")):
        result = coverage_data.answer(*data.cache_key(), tuple(sorted(groups)), distance)
    table = result["table"]
    names = ", ".join(view.enum("place_type", g) for g in groups) or t("common.none")

    st.subheader(t("places.coverage_result", distance=fmt.number(distance, lang), types=names))
    _metrics(view, table)
    chosen = within_reach(places, types=groups, area=focus_area, distance=distance)
    _map(view, result, place_layer(view, chosen, t("places.coverage_layer")))
    chart_col, method_col = st.columns([1, 1], gap="large")
    with chart_col:
        _chart(view, table, distance)
        st.info(t("places.population_note"), icon=":material/groups:")
    with method_col:
        st.markdown(t("places.method", width=fmt.number(coverage.SERVICE_WIDTH_M, lang)))

    _transit(view, distance)


def _metrics(view: page.Page, table: pd.DataFrame) -> None:
    t, lang = view.t, view.lang
    for column, row in zip(st.columns(len(table)), table.itertuples(index=False), strict=True):
        with column, st.container(border=True):
            st.metric(
                t("places.metric_network", zone=row.name),
                percent(row.network_share, lang),
            )
            st.caption(
                t(
                    "places.metric_straight",
                    share=percent(row.straight_share, lang),
                    area=fmt.number(row.area_m2 / 1e6, lang, decimals=2),
                )
            )


def _map(view: page.Page, result: dict[str, Any], points: PointLayer) -> None:
    t = view.t
    overlays = [
        polygon_layer(result["network_reach"], name=t("places.layer_reach"), style=REACH_STYLE),
        polygon_layer(result["gaps"], name=t("places.layer_gaps"), style=GAP_STYLE),
        polygon_layer(
            result["straight_reach"],
            name=t("places.layer_straight"),
            style=STRAIGHT_STYLE,
            show=False,
        ),
    ]
    fmap = page_map.programme_map(lang=view.lang, points=[points], overlays=overlays)
    page_map.show(fmap, key="cov_map", height=600)
    outline_legend(
        t("places.legend_coverage"),
        [
            (REACH_STYLE["fillColor"], REACH_STYLE["fillColor"], t("places.layer_reach")),
            (GAP_STYLE["fillColor"], GAP_STYLE["color"], t("places.layer_gaps")),
            ("transparent", STRAIGHT_STYLE["color"], t("places.layer_straight")),
        ],
    )
    st.caption(t("places.coverage_map_help"))


def _chart(view: page.Page, table: pd.DataFrame, distance: int) -> None:
    t = view.t
    texts = {
        (row.area_id, method): percent(getattr(row, f"{method}_share"), view.lang)
        for row in table.itertuples(index=False)
        for method in ("network", "straight")
    }
    st.altair_chart(
        coverage_chart(
            table,
            labels={
                "network": t("places.label_network", distance=distance),
                "straight": t("places.label_straight", distance=distance),
                "share": t("places.share_axis"),
                "zone": t("places.col_zone"),
            },
            texts=texts,
        ),
        width="stretch",
    )


def _transit(view: page.Page, distance: int) -> None:
    t, lang = view.t, view.lang
    st.header(t("places.transit_heading"))
    st.markdown(t("places.transit_intro", distance=fmt.number(distance, lang)))
    st.badge(t("common.real_badge"), color="green", icon=":material/verified:")
    access = coverage_data.transit(*data.cache_key(), distance)
    table = pd.DataFrame(
        {
            t("places.col_zone"): access["name"],
            t("places.transit_share"): [percent(s, lang) for s in access["network_share"]],
            t("places.transit_stops"): [fmt.number(n, lang) for n in access["stops"]],
            t("places.transit_departures"): [fmt.number(n, lang) for n in access["departures"]],
            t("places.transit_best"): [
                t("places.best_stop", stop=s, departures=fmt.number(d, lang))
                if isinstance(s, str)
                else t("common.none")
                for s, d in zip(access["best_stop"], access["best_departures"], strict=True)
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(t("places.transit_caption"))
