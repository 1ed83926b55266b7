"""Kart: the planner's map explorer. Every layer, filters that map, charts and table obey,
click or draw to select, linked charts, downloads, and a permalink for the whole view."""

from __future__ import annotations

from dataclasses import astuple, replace

import geopandas as gpd
import streamlit as st

from components import data, page, state
from components.i18n import translate
from components.kart import (
    downloads as kart_downloads,
)
from components.kart import (
    filters as kart_filters,
)
from components.kart import (
    indicator as kart_indicator,
)
from components.kart import (
    legends as kart_legends,
)
from components.kart import (
    linked as kart_linked,
)
from components.kart import (
    permalink as kart_permalink,
)
from components.kart import (
    widget as kart_widget,
)
from components.kart.detail import detail, summary
from components.kart.layers import DEFAULT_LAYERS, parse_fid
from geo.analysis import filters as geo_filters
from geo.analysis import select as geo_select
from geo.schema import CRS, FocusArea, Goal, Level, PlaceType, ProjectStatus, values

lang = state.lang()


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


tables = page.tables_or_stop(lang)
areas = tables["areas"]
zones = areas[areas["level"] == Level.LEVEKARSSONE]
zone_names = dict(
    zip(
        *zones.sort_values(["is_focus", "name"], ascending=[False, True])[
            ["area_id", "name"]
        ].T.to_numpy(),
        strict=True,
    )
)
area_names = dict(zip(areas["area_id"], areas["name"], strict=True))
period = geo_filters.year_span(tables["projects"], tables["grants"])
indicator_names = kart_indicator.choices(lang)
with_indicator = bool(indicator_names)
first_indicator = next(iter(indicator_names), None)
default = kart_permalink.KartView(
    layers=((kart_widget.INDICATOR_LAYER,) if with_indicator else ()) + DEFAULT_LAYERS,
    indicator=first_indicator,
    year=kart_indicator.years(first_indicator)[-1] if first_indicator else None,
)
known = kart_permalink.Known(
    levels=kart_filters.LEVELS,
    layers=kart_filters.all_layers(with_indicator),
    indicators=indicator_names,
    years=sorted({y for i in indicator_names for y in kart_indicator.years(i)}),
    zones=zone_names,
    goals=values(Goal),
    focus_areas=values(FocusArea),
    statuses=values(ProjectStatus),
    place_types=values(PlaceType),
    period=period,
)

# The permalink: read on the page's first run in a session, then the widgets own the view.
from_url, rejected = kart_permalink.decode(state.params(), known, default)
if "kart_start" not in st.session_state:
    st.session_state["kart_start"] = (from_url.centre, from_url.zoom)
    st.session_state["kart_rejected"] = rejected
    state.set_params(dict.fromkeys(rejected))
if (
    from_url.indicator is not None
    and from_url.year is not None
    and from_url.year not in kart_indicator.years(from_url.indicator)
):
    from_url = replace(from_url, year=kart_indicator.years(from_url.indicator)[-1])
kart_filters.seed(from_url, period, with_indicator)
kart_filters.sidebar(
    lang=lang, zone_names=zone_names, period=period, indicator_names=indicator_names
)
view = kart_filters.read(default, period, with_indicator)
centre, zoom = st.session_state["kart_start"]
# centre and zoom are written by the map's "Kopier lenke" button, in the browser; never here
state.set_params({k: v for k, v in kart_permalink.encode(view, default).items() if k not in "cz"})

st.title(t("kart.title"))
st.markdown(t("kart.intro"))
page.sample_notice(lang)
if st.session_state.get("kart_rejected"):
    st.caption(
        t("kart.params_ignored", names=", ".join(st.session_state["kart_rejected"])),
        help=t("kart.params_ignored_help"),
    )


@st.fragment
def explorer() -> None:
    """Map, selection panel, charts and table: a click or a chart pick reruns only this."""
    zone = state.selected_zone(area_names)
    drawing = state.drawing()
    fid = parse_fid(state.selected_feature())
    picked = state.picked()
    shape = geo_select.shape_from_drawing(drawing)
    if shape is None and zone is not None:
        shape = areas.loc[areas["area_id"] == zone].to_crs(CRS).geometry.iloc[0]
    scope_name = area_names.get(zone, "") if zone else t("kart.drawn_area")
    filtered = kart_linked.filtered(tables, view.filters)
    indicator = (
        kart_indicator.view(view.indicator, view.year, lang)
        if view.indicator is not None and view.year is not None
        else None
    )

    map_column, side_column = st.columns([5, 3], gap="medium")
    with map_column:
        kart_widget.show(
            lang=lang,
            level=view.level,
            layers=view.layers,
            colour_by=view.colour_by,
            filters=view.filters,
            indicator=indicator,
            centre=centre,
            zoom=zoom,
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
        if fid is not None:
            detail(
                fid,
                tables,
                zone_names=area_names,
                indicator_names=indicator_names,
                lang=lang,
            )
        elif shape is not None:
            summary(
                geo_select.summarise(
                    shape,
                    projects=filtered["projects"],
                    places=filtered["places"],
                    grants=filtered["grants"],
                    zones=gpd.GeoDataFrame(zones),
                ),
                heading=t("kart.summary_heading", name=scope_name),
                lang=lang,
            )
        else:
            st.info(t("kart.nothing_selected"), icon=":material/touch_app:")
        kart_legends.legends(view, indicator, lang)

    kart_linked.charts(
        filtered,
        shape=shape,
        scope_name=scope_name,
        indicator=indicator,
        zone=zone,
        fid=fid,
        picked=picked,
        tables=tables,
        lang=lang,
    )

    st.subheader(t("kart.table_heading"))
    frames = kart_downloads.selection_frames(
        [layer for layer in view.layers if layer != kart_widget.INDICATOR_LAYER],
        tables,
        view.filters,
        gpd.GeoDataFrame(zones),
        shape,
    )
    st.caption(t("kart.table_scope_selection" if shape is not None else "kart.table_scope_all"))
    texts = {
        key: kart_widget.layer_table(*data.cache_key(), lang, key, astuple(view.filters))
        for key in frames
    }
    st.dataframe(
        kart_downloads.table(frames, lang, texts), hide_index=True, width="stretch", height=300
    )
    kart_downloads.download_buttons(frames, lang, stem=t("kart.file_stem"))


explorer()
page.footer(lang)
