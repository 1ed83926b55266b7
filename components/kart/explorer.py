"""The Kart page's explorer: map, selection panel, linked charts, table and downloads.

A fragment: a click on the map or a pick in a chart reruns only this, not the sidebar.
"""

from __future__ import annotations

from dataclasses import astuple

import geopandas as gpd
import shapely
import streamlit as st

from components import data, page, state
from components.kart import detail as kart_detail
from components.kart import downloads as kart_downloads
from components.kart import indicator as kart_indicator
from components.kart import legends as kart_legends
from components.kart import linked as kart_linked
from components.kart import permalink as kart_permalink
from components.kart import widget as kart_widget
from components.kart.layers import LAYERS, nearby, parse_fid
from components.kart.page_state import KartPage
from geo.analysis import select as geo_select
from geo.schema import CRS


@st.fragment
def explorer(*, view: page.Page, kart: KartPage) -> None:
    """Map, selection panel, charts and table: a click or a chart pick reruns only this."""
    t, lang, tables, chosen = view.t, view.lang, view.tables, kart.view
    areas = tables["areas"]
    zone = state.selected_zone(view.area_names)
    drawing = state.drawing()
    state.set_params({kart_permalink.DRAWING_PARAM: kart_permalink.encode_drawing(drawing)})
    fid = parse_fid(state.selected_feature())
    picked = state.picked()
    shape = geo_select.shape_from_drawing(drawing)
    if shape is None and zone is not None:
        shape = areas.loc[areas["area_id"] == zone].to_crs(CRS).geometry.iloc[0]
    scope_name = view.area_names.get(zone, "") if zone else t("kart.drawn_area")
    compared = _compared(view, chosen.filters.zones)
    zones = gpd.GeoDataFrame(view.zones)
    filtered = kart_linked.filtered(tables, chosen.filters, chosen.layers, zones)
    indicator = (
        kart_indicator.view(chosen.indicator, chosen.year, lang)
        if chosen.indicator is not None and chosen.year is not None
        else None
    )

    map_column, side_column = st.columns([5, 3], gap="medium")
    with map_column:
        kart_widget.show(
            lang=lang,
            level=chosen.level,
            layers=chosen.layers,
            colour_by=chosen.colour_by,
            filters=chosen.filters,
            indicator=indicator,
            centre=kart.centre,
            zoom=kart.zoom,
            highlighted=kart_linked.highlight_points(filtered, tables, fid, picked),
        )
        left, right = st.columns([1, 2])
        left.button(
            t("kart.clear_selection"),
            icon=":material/close:",
            on_click=state.clear_selection,
            disabled=not (zone or drawing or fid or picked),
            key="kart_clear",
        )
        right.caption(t("kart.map_help"))
    with side_column:
        picked_rows = kart_linked.picked_rows(filtered, picked)
        if fid is not None:
            kart_detail.detail(
                fid,
                tables,
                zone_names=view.area_names,
                indicator_names=kart.indicator_names,
                lang=lang,
            )
            kart_detail.nearby(
                nearby(fid, chosen.layers, tables, chosen.filters, zones, lang), lang=lang
            )
        elif picked is not None and picked_rows is not None:
            field = "projects" if picked[0] in ("goal_status", "funding") else "places"
            kart_detail.picked(
                geo_select.inside(picked_rows, shape) if shape is not None else picked_rows,
                category=kart_detail.picked_category(picked, lang),
                scope=scope_name if shape is not None else compared,
                name=LAYERS[field].name,
                lang=lang,
            )
        elif shape is not None:
            kart_detail.summary(
                geo_select.summarise(
                    shape,
                    projects=filtered["projects"],
                    places=filtered["places"],
                    grants=filtered["grants"],
                    zones=zones,
                ),
                heading=t("kart.summary_heading", name=scope_name),
                counted={
                    name: bool(filtered[name]["is_sample"].any())
                    for name, keys in kart_linked.COUNTED_LAYERS.items()
                    if any(key in chosen.layers for key in keys)
                },
                lang=lang,
            )
        else:
            st.info(t("kart.nothing_selected"), icon=":material/touch_app:")
        kart_legends.legends(chosen, indicator, lang, tables)

    kart_linked.charts(
        filtered,
        shape=shape,
        scope_name=scope_name,
        indicator=indicator,
        zone=zone,
        fid=fid,
        picked=picked,
        tables=tables,
        compared=compared,
        lang=lang,
    )
    _table(view, kart, shape)


def _compared(view: page.Page, zones: tuple[str, ...]) -> str:
    """What the charts compare the selection with, in words: what the zone filter lets
    through (Trondheim, the focus zones, or the zones in the filter)."""
    if not zones:
        return view.t("kart.trondheim")
    focus = set(view.zones.loc[view.zones["is_focus"].astype(bool), "area_id"])
    return view.t("kart.compared_focus" if set(zones) == focus else "kart.compared_filtered")


def _table(view: page.Page, kart: KartPage, shape: shapely.Geometry | None) -> None:
    t, lang, chosen = view.t, view.lang, kart.view
    st.subheader(t("kart.table_heading"))
    frames = kart_downloads.selection_frames(
        [layer for layer in chosen.layers if layer != kart_widget.INDICATOR_LAYER],
        view.tables,
        chosen.filters,
        gpd.GeoDataFrame(view.zones),
        shape,
    )
    st.caption(t("kart.table_scope_selection" if shape is not None else "kart.table_scope_all"))
    texts = {
        key: kart_widget.layer_table(*data.cache_key(), lang, key, astuple(chosen.filters))
        for key in frames
    }
    st.dataframe(
        kart_downloads.table(frames, lang, texts), hide_index=True, width="stretch", height=300
    )
    kart_downloads.download_buttons(frames, lang, stem=t("kart.file_stem"))
