"""Shared pieces of the indicator pages (Indikatorer, Gevinstrealisering, Områdeprofil).

Text from data (indicator names, definitions, zone names, sources) goes through ``esc`` before
it reaches Markdown; a value goes through components.i18n.format (``indicator_value``), the
only place that turns a hidden cell into words ("skjult (få personer)") and a shown one into a
Babel-formatted number.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from components import data
from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.i18n import translate
from components.maps import widget
from components.maps.choropleth import choropleth_map
from components.maps.click import MapClick
from components.maps.overview import DEFAULT_ZOOM, selection_layer
from geo.analysis import indicators
from geo.build import browser as prepare
from geo.schema import WEB_CRS, Level

# inline Markdown (and Streamlit's :color[...] / $math$); "-", "+" and "." only matter at the
# start of a line, where text from data never stands alone in these pages
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~:$])")
LEVEL_ORDER = (Level.LEVEKARSSONE, Level.DELOMRADE, Level.BYDEL)


def esc(text: object) -> str:
    """Text from data, safe inside Markdown: HTML escaped and Markdown characters backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def name(indicator: Mapping[str, Any], lang: str) -> str:
    return str(indicator["name_en" if lang == "en" else "name_nb"])


def definition(indicator: Mapping[str, Any], lang: str) -> str:
    return fmt.not_given(indicator.get("definition_en" if lang == "en" else "definition_nb"), lang)


def provenance_badge(is_sample: bool, lang: str) -> None:
    """Sample or real, visible next to what it marks."""
    if is_sample:
        st.badge(translate("common.sample_badge", lang), color="orange", icon=":material/science:")
    else:
        st.badge(translate("common.real_badge", lang), color="green", icon=":material/verified:")


def level_of(values: pd.DataFrame, areas: pd.DataFrame, indicator_id: str) -> str | None:
    """The finest level (levekårssone, delområde, bydel) that has values of the indicator."""
    ids = set(values.loc[values["indicator_id"] == indicator_id, "area_id"])
    levels = set(areas.loc[areas["area_id"].isin(ids), "level"])
    return next((str(level) for level in LEVEL_ORDER if level in levels), None)


def ancestor_at(area_id: str, level: str, areas: pd.DataFrame) -> str | None:
    """The area at ``level`` that contains ``area_id`` (itself if it is at that level)."""
    by_id = areas.set_index("area_id")
    current: str | None = area_id
    while current is not None and current in by_id.index:
        if by_id.loc[current, "level"] == level:
            return current
        parent = by_id.loc[current, "parent_id"]
        current = parent if isinstance(parent, str) else None
    return None


def kommune_id(areas: pd.DataFrame) -> str:
    return str(areas.loc[areas["level"] == Level.KOMMUNE, "area_id"].iloc[0])


def browser_areas(level: str) -> dict[str, Any]:
    """Browser GeoJSON of one level's areas and their bounds, cached per dataset."""
    return _browser_areas(*data.cache_key(), level)


@st.cache_data(show_spinner=False, max_entries=8)
def _browser_areas(path: str, mtime: float, level: str) -> dict[str, Any]:
    areas = data.tables()["areas"]
    chosen = areas[areas["level"] == level]
    focus_ids = set(areas.loc[areas["is_focus"], "area_id"])
    # an area at a coarser level is marked when it contains a focus zone
    marked = {ancestor_at(area_id, level, areas) for area_id in focus_ids}
    chosen = chosen.assign(is_focus=chosen["area_id"].isin(marked))
    west, south, east, north = chosen.to_crs(WEB_CRS).total_bounds
    tolerance = prepare.tolerance_for_zoom(DEFAULT_ZOOM - 2)
    return {
        "zones": prepare.to_browser_geojson(chosen, ["area_id", "name", "is_focus"], tolerance),
        "bounds": [[south, west], [north, east]],
    }


def choropleth_widget(
    *,
    key: str,
    level: str,
    rows: pd.DataFrame,
    direction: str,
    unit: str,
    labels: Mapping[str, str],
    lang: str,
    selected: str | None,
    on_zone_click: Callable[[str], None] | None,
    height: int = 520,
) -> indicators.Classes:
    """The choropleth of one indicator-year (suppressed ``rows``) in the map widget.

    A click on a levekårssone calls ``on_zone_click`` (as on the overview); the selected zone
    is outlined through ``feature_group_to_add``, so a new selection does not rebuild the map.
    """
    layers = browser_areas(level)
    values = {str(r.area_id): float(r.value) for r in rows.itertuples()}
    hidden = {str(r.area_id) for r in rows.itertuples() if bool(r.suppressed)}
    classes = indicators.classify(
        [v for k, v in values.items() if k not in hidden], direction, n_classes=5
    )
    texts = {k: fmt.indicator_value(v, k in hidden, unit, lang) for k, v in values.items()}
    fmap = choropleth_map(
        layers["zones"],
        values=values,
        classes=classes,
        value_text=texts,
        labels=labels,
        hidden=hidden,
        bounds=layers["bounds"],
    )

    def clicked(click: MapClick) -> None:
        if click.area_id is not None and on_zone_click is not None:
            on_zone_click(click.area_id)

    widget.show(
        fmap,
        key=key,
        height=height,
        listen=("zone",),
        on_click=clicked,
        feature_group_to_add=selection_layer(layers["zones"], selected),
    )
    return classes


def show_chart(lang: str, chart: Any, **kwargs: Any) -> None:
    """st.altair_chart with the chart's numbers in the reader's locale."""
    st.altair_chart(indicator_charts.localised(chart, lang), **kwargs)
