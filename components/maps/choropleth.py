"""A choropleth of the 60 zones for one indicator and year: darker = worse, colour-blind safe.

Built from plain ``folium.GeoJson`` (no ``folium.Choropleth`` or branca colormap: those make
streamlit-folium fetch d3 from a CDN). The values come from ``geo.analysis.indicators.suppress``ed
tables, so a hidden zone arrives as NaN and is drawn grey with the words the caller passes
("skjult (få personer)"); it never gets a class colour, which would give its value away.

Usage::

    classes = indicators.classify(values.values(), direction)
    layer = choropleth_layer(zones_fc, values=values, classes=classes,
                             value_text=texts, labels={"zone": ..., "value": ...})
    fmap = choropleth_map(zones_fc, ...)           # or a whole map, ready for st_folium
    choropleth_legend(title, legend_entries(classes, fmt), note=unit_and_year)

``zones_fc`` is ``geo.build.browser.to_browser_geojson(zones, ["area_id", "name", "is_focus"])``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import folium
import streamlit as st
from branca.element import Element, Figure

from components.maps import overview as zone_map
from components.maps import style as map_style
from geo.analysis.indicators import Classes

# ColorBrewer "BuPu" (Cynthia Brewer, colorbrewer2.org): sequential, colour-blind safe and
# print friendly; light = better, dark = worse. Indexed by the number of classes.
SEQUENTIAL_PALETTES: dict[int, list[str]] = {
    1: ["#8C96C6"],
    2: ["#B3CDE3", "#8856A7"],
    3: ["#E0ECF4", "#9EBCDA", "#8856A7"],
    4: ["#EDF8FB", "#B3CDE3", "#8C96C6", "#88419D"],
    5: ["#EDF8FB", "#B3CDE3", "#8C96C6", "#8856A7", "#810F7C"],
    6: ["#EDF8FB", "#BFD3E6", "#9EBCDA", "#8C96C6", "#8856A7", "#810F7C"],
    7: ["#EDF8FB", "#BFD3E6", "#9EBCDA", "#8C96C6", "#8C6BB1", "#88419D", "#6E016B"],
}
HIDDEN_FILL = "#BDBDBD"  # suppressed: mid grey, with a dashed outline
MISSING_FILL = "#FFFFFF"  # no value for this zone
CHOROPLETH_STYLE: dict[str, Any] = {
    "color": "#4B5563",
    "weight": 0.8,
    "opacity": 0.9,
    "fill": True,
    "fillOpacity": 0.85,
}
FOCUS_OUTLINE: dict[str, Any] = {"color": map_style.FOCUS_ZONE_STYLE["color"], "weight": 3}


def palette(count: int) -> list[str]:
    """The sequential colours for ``count`` classes, lightest first."""
    if count <= 0:
        return []
    return SEQUENTIAL_PALETTES[min(count, max(SEQUENTIAL_PALETTES))][:count]


def fill_colour(value: float | None, classes: Classes, hidden: bool = False) -> str:
    """The fill for one zone: its class colour, grey when hidden, white when missing."""
    if hidden:
        return HIDDEN_FILL
    shade = classes.shade(value)
    return MISSING_FILL if shade is None else palette(classes.count)[shade]


def choropleth_layer(
    zones: dict[str, Any],
    *,
    values: Mapping[str, float | None],
    classes: Classes,
    value_text: Mapping[str, str],
    labels: Mapping[str, str],
    hidden: frozenset[str] | set[str] = frozenset(),
    name: str = "choropleth",
) -> folium.GeoJson:
    """The zones filled by class, with a tooltip of name and value.

    ``values``: area_id -> shown value (NaN/None when hidden or missing); ``hidden``: the
    suppressed area_ids; ``value_text``: area_id -> the value as the reader should see it
    (formatted, or "skjult (få personer)"), escaped here; ``labels``: translated ``zone`` and
    ``value`` (the tooltip's headings). Focus zones keep their orange outline. Clicks work as
    on the overview map (a zone ``MapClick``, components.maps.click).
    """
    features = []
    for feature in zones["features"]:
        props = dict(feature["properties"])
        area_id = html.unescape(str(props["area_id"]))
        is_hidden = area_id in hidden
        value = None if is_hidden else values.get(area_id)
        props["fill"] = fill_colour(value, classes, is_hidden)
        props["hidden"] = is_hidden
        props["value_text"] = html.escape(value_text.get(area_id, "–"))
        features.append({**feature, "properties": props})
    # focus zones last, so their thick outline is painted over the neighbours' thin ones
    features.sort(key=lambda f: bool(f["properties"].get("is_focus")))
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        control=False,
        style_function=_style,
        highlight_function=lambda f: {
            **_style(f),
            **map_style.HOVER_ZONE_STYLE,
            "fillOpacity": 0.95,
        },
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "value_text"],
            aliases=[html.escape(labels["zone"]), html.escape(labels["value"])],
            sticky=True,
        ),
    )


def choropleth_map(
    zones: dict[str, Any],
    *,
    values: Mapping[str, float | None],
    classes: Classes,
    value_text: Mapping[str, str],
    labels: Mapping[str, str],
    hidden: frozenset[str] | set[str] = frozenset(),
    bounds: list[list[float]] | None = None,
) -> folium.Map:
    """A map with only the choropleth (no tiles, no network), fitted to ``bounds``
    ([[south, west], [north, east]]) or centred on Trondheim."""
    fmap = folium.Map(
        location=zone_map.TRONDHEIM_CENTER,
        zoom_start=11,
        tiles=None,
        prefer_canvas=True,
        zoom_snap=0.25,  # fit the zones closely; whole zoom steps leave half the map empty
    )
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(
        Element(f"<style>.leaflet-container {{ background: {map_style.LAND_COLOUR}; }}</style>")
    )
    # the data sources in Leaflet's attribution control, as on the overview map
    fmap.add_child(zone_map._Attribution(zone_map.DATA_ATTRIBUTION))
    choropleth_layer(
        zones,
        values=values,
        classes=classes,
        value_text=value_text,
        labels=labels,
        hidden=hidden,
    ).add_to(fmap)
    if bounds:
        fmap.fit_bounds(bounds)
    return fmap


def legend_entries(classes: Classes, number: Callable[[float], str]) -> list[tuple[str, str]]:
    """(colour, "low – high") per class, ascending by value, labels formatted by ``number``."""
    colours = palette(classes.count)
    return [
        (colours[shade], f"{number(low)} – {number(high)}") for low, high, shade in classes.bins()
    ]


def choropleth_legend(
    title: str,
    entries: list[tuple[str, str]],
    *,
    note: str,
    hidden_label: str,
    worse_label: str,
) -> None:
    """The legend next to the map: ``title`` (indicator), ``note`` (unit and year), the
    classes, a grey swatch for hidden zones and a line saying that darker is worse."""
    rows = "".join(
        f'<span class="ok-legend-item" role="listitem"><span class="ok-swatch ok-area" '
        f'style="background:{colour};border:1px solid #4B5563"></span>{html.escape(label)}</span>'
        for colour, label in [*entries, (HIDDEN_FILL, hidden_label)]
    )
    # role=list may hold only list items: the title and notes sit beside the list (axe-core)
    st.markdown(
        f'<div class="ok-legend"><div class="ok-legend-title">{html.escape(title)}</div>'
        f'<div class="ok-legend-note">{html.escape(note)}</div>'
        f'<div role="list" aria-label="{html.escape(title)}">{rows}</div>'
        f'<div class="ok-legend-note">{html.escape(worse_label)}</div></div>',
        unsafe_allow_html=True,
    )


def _style(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature["properties"]
    style = {**CHOROPLETH_STYLE, "fillColor": props["fill"]}
    if props.get("hidden"):
        style["dashArray"] = "4 3"
    if props.get("is_focus"):
        style.update(FOCUS_OUTLINE)
    return style
