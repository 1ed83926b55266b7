"""Møteplasser: the real meeting places by type, their coverage by walking distance, transit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, page, state
from components.charts.coverage import coverage_chart
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.i18n.share_format import percent
from components.maps import programme as page_map
from components.maps.coverage_layers import GAP_STYLE, REACH_STYLE, STRAIGHT_STYLE, polygon_layer
from components.maps.legend import legend, outline_legend
from components.maps.overview import PointLayer
from components.maps.style import PLACE_TYPE_COLOURS
from components.programme import coverage as coverage_data
from geo.analysis import coverage
from geo.build import browser as prepare
from geo.schema import Level, PlaceType

lang = state.lang()
DEFAULT_COVERAGE_TYPES = [PlaceType.LEKEPLASS.value, PlaceType.PARK.value]


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


def _type_label(code: str) -> str:
    return enum_label("place_type", code, lang)


tables = page.tables_or_stop(lang)
areas = tables["areas"]
zones = areas[areas["level"] == Level.LEVEKARSSONE]
focus = zones[zones["is_focus"]].sort_values("name")
zone_names: dict[str, str] = dict(zip(zones["area_id"], zones["name"], strict=True))
places = tables["meeting_places"]
all_types = [p.value for p in PlaceType]
focus_area = focus.geometry.union_all()

st.title(t("places.title"))
st.markdown(t("places.intro"))
st.badge(t("common.real_badge"), color="green", icon=":material/verified:")
st.caption(t("places.real_caption"))

# --- places by type: map and table ---------------------------------------------------------
with st.container(border=True):
    type_col, zone_col = st.columns([3, 2])
    chosen_types = type_col.multiselect(
        t("places.types"),
        all_types,
        default=all_types,
        format_func=_type_label,
        key="mp_types",
    )
    chosen_zones = zone_col.multiselect(
        t("places.zones"),
        focus["area_id"].tolist(),
        default=focus["area_id"].tolist(),
        format_func=zone_names.__getitem__,
        key="mp_zones",
        placeholder=t("places.zones_all"),
    )
shown = places[places["place_type"].isin(chosen_types)]
shown = shown[shown["area_id"].isin(chosen_zones)] if chosen_zones else shown
st.caption(t("places.count", count=fmt.number(len(shown), lang)))


def _yes_no(value: object, yes: str, no: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return t("common.unknown")
    return yes if bool(value) else no


def _text(value: object) -> str:
    return value if isinstance(value, str) and value else t("common.unknown")


map_col, table_col = st.columns([1, 1], gap="medium")
with map_col:
    layer = PointLayer(
        name=t("places.layer"),
        data=prepare.to_browser_geojson(
            shown.assign(type_label=[_type_label(p) for p in shown["place_type"]]),
            ["place_id", "name", "place_type", "type_label"],
        ),
        colour_by="place_type",
        colours=PLACE_TYPE_COLOURS,
    )
    page_map.show(page_map.programme_map(lang=lang, points=[layer]), key="mp_map", height=480)
    legend(
        t("places.legend"),
        [
            (PLACE_TYPE_COLOURS[p], _type_label(p))
            for p in all_types
            if p in set(shown["place_type"])
        ],
    )
with table_col:
    table = pd.DataFrame(
        {
            t("places.col_name"): shown["name"],
            t("places.col_type"): [_type_label(p) for p in shown["place_type"]],
            t("places.col_indoor"): [
                _yes_no(v, t("places.indoor"), t("places.outdoor")) for v in shown["indoor"]
            ],
            t("places.col_audience"): [_text(v) for v in shown["audience"]],
            t("places.col_hours"): [_text(v) for v in shown["opening_hours"]],
            t("places.col_universal"): [
                _yes_no(v, t("places.yes"), t("places.no")) for v in shown["universal_design"]
            ],
            t("places.col_owner"): [_text(v) for v in shown["owner"]],
            t("places.col_anchor"): [
                _yes_no(v, t("places.yes"), t("places.no")) for v in shown["is_anchor"]
            ],
            t("places.col_zone"): [
                zone_names.get(a, t("common.unknown")) for a in shown["area_id"]
            ],
            t("places.col_source"): shown["source"],
        }
    ).sort_values([t("places.col_type"), t("places.col_name")])
    st.dataframe(table, hide_index=True, width="stretch", height=480)
    st.caption(t("places.unknown_note"))


# --- coverage ------------------------------------------------------------------------------
@st.fragment
def coverage_section() -> None:
    """Types and distance in, shares per zone, chart and map out; reruns on its own."""
    st.header(t("places.coverage_heading"))
    st.markdown(t("places.coverage_intro"))
    type_col, distance_col = st.columns([3, 2])
    groups = type_col.multiselect(
        t("places.coverage_types"),
        all_types,
        default=DEFAULT_COVERAGE_TYPES,
        format_func=_type_label,
        key="cov_types",
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
    names = ", ".join(_type_label(g) for g in groups) or t("common.none")

    st.subheader(t("places.coverage_result", distance=fmt.number(distance, lang), types=names))
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

    # the chosen places that can reach a focus zone: within the distance in a straight line
    near = places.geometry.distance(focus_area) <= distance
    chosen = places[places["place_type"].isin(groups) & near]
    points = PointLayer(
        name=t("places.coverage_layer"),
        data=prepare.to_browser_geojson(
            chosen.assign(type_label=[_type_label(p) for p in chosen["place_type"]]),
            ["place_id", "name", "place_type", "type_label"],
        ),
        colour_by="place_type",
        colours=PLACE_TYPE_COLOURS,
    )
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
    fmap = page_map.programme_map(lang=lang, points=[points], overlays=overlays)
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

    chart_col, method_col = st.columns([1, 1], gap="large")
    with chart_col:
        texts = {
            (row.area_id, method): percent(getattr(row, f"{method}_share"), lang)
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
        st.info(t("places.population_note"), icon=":material/groups:")
    with method_col:
        st.markdown(t("places.method", width=fmt.number(coverage.SERVICE_WIDTH_M, lang)))

    _transit(distance)


def _transit(distance: int) -> None:
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


coverage_section()
page.footer(lang)
