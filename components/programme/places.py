"""The Møteplasser page's first section: meeting places by type and zone, on a map and listed."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from components import page
from components.i18n import format as fmt
from components.maps import programme as page_map
from components.maps.legend import legend
from components.maps.overview import PointLayer
from components.maps.style import PLACE_TYPE_COLOURS
from geo.analysis.places import filter_places
from geo.build import browser as prepare
from geo.schema import PlaceType

ALL_TYPES = [p.value for p in PlaceType]


def places_by_type(*, view: page.Page, places: gpd.GeoDataFrame, focus: pd.DataFrame) -> None:
    """Type and zone filters ("mp_*"), the count, and the places on a map beside a table."""
    t = view.t
    with st.container(border=True):
        type_col, zone_col = st.columns([3, 2])
        chosen_types = view.enum_filter(
            type_col,
            t("places.types"),
            "place_type",
            ALL_TYPES,
            key="mp_types",
            default=ALL_TYPES,
        )
        chosen_zones = zone_col.multiselect(
            t("places.zones"),
            focus["area_id"].tolist(),
            default=focus["area_id"].tolist(),
            format_func=view.zone_names.__getitem__,
            key="mp_zones",
            placeholder=t("places.zones_all"),
        )
    shown = filter_places(places, types=chosen_types, area_ids=chosen_zones)
    st.caption(t("places.count", count=fmt.number(len(shown), view.lang)))
    map_col, table_col = st.columns([1, 1], gap="medium")
    with map_col:
        _map(view, shown)
    with table_col:
        st.dataframe(_table(view, shown), hide_index=True, width="stretch", height=480)
        st.caption(t("places.unknown_note"))


def place_layer(view: page.Page, places: gpd.GeoDataFrame, name: str) -> PointLayer:
    """The places as points coloured by type, for page_map.programme_map."""
    return PointLayer(
        name=name,
        data=prepare.to_browser_geojson(
            places.assign(type_label=[view.enum("place_type", p) for p in places["place_type"]]),
            ["place_id", "name", "place_type", "type_label"],
        ),
        colour_by="place_type",
        colours=PLACE_TYPE_COLOURS,
    )


def _map(view: page.Page, shown: gpd.GeoDataFrame) -> None:
    layer = place_layer(view, shown, view.t("places.layer"))
    page_map.show(page_map.programme_map(lang=view.lang, points=[layer]), key="mp_map", height=480)
    legend(
        view.t("places.legend"),
        [
            (PLACE_TYPE_COLOURS[p], view.enum("place_type", p))
            for p in ALL_TYPES
            if p in set(shown["place_type"])
        ],
    )


def _table(view: page.Page, shown: gpd.GeoDataFrame) -> pd.DataFrame:
    t = view.t

    def yes_no(value: object, yes: str, no: str) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return t("common.unknown")
        return yes if bool(value) else no

    def text(value: object) -> str:
        return value if isinstance(value, str) and value else t("common.unknown")

    return pd.DataFrame(
        {
            t("places.col_name"): shown["name"],
            t("places.col_type"): [view.enum("place_type", p) for p in shown["place_type"]],
            t("places.col_indoor"): [
                yes_no(v, t("places.indoor"), t("places.outdoor")) for v in shown["indoor"]
            ],
            t("places.col_audience"): [text(v) for v in shown["audience"]],
            t("places.col_hours"): [text(v) for v in shown["opening_hours"]],
            t("places.col_universal"): [
                yes_no(v, t("places.yes"), t("places.no")) for v in shown["universal_design"]
            ],
            t("places.col_owner"): [text(v) for v in shown["owner"]],
            t("places.col_anchor"): [
                yes_no(v, t("places.yes"), t("places.no")) for v in shown["is_anchor"]
            ],
            t("places.col_zone"): [
                view.zone_names.get(a, t("common.unknown")) for a in shown["area_id"]
            ],
            t("places.col_source"): shown["source"],
        }
    ).sort_values([t("places.col_type"), t("places.col_name")])
