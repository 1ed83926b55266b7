"""The overview map: the 60 zones over a base map drawn from data, with point layers.

Builders return a ``folium.Map`` (no Streamlit here), so tests render it and assert on the
HTML; the page shows it with components.maps.widget (what a click returns:
components.maps.click). Input GeoJSON comes from ``geo.build.browser`` (simplified, rounded,
string properties already HTML-escaped); text from the catalog is escaped here. The selection
is kept in session state and drawn with ``selection_layer``, never read back from the map.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import shapely.geometry
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from components.maps import style as map_style

try:  # components/maps/offline.py: Leaflet from /app/static/vendor, never a CDN
    from components.maps.offline import use_local_assets
except ImportError:  # pragma: no cover - until offline.py lands
    pass
else:
    use_local_assets()


def _compact_json() -> None:
    """Make folium embed JSON without the spaces after "," and ":" (about 10 % of a layer).

    folium's templates share one Jinja environment; this changes only whitespace in the JSON
    they write, so it is safe for every map. Idempotent.
    """
    policies = folium.GeoJson._template.environment.policies
    policies["json.dumps_kwargs"] = {**policies["json.dumps_kwargs"], "separators": (",", ":")}


_compact_json()

TRONDHEIM_CENTER = (63.423, 10.415)  # lat, lon: between the three focus zones
DEFAULT_ZOOM = 13
DATA_ATTRIBUTION = "© Trondheim kommune, SSB, Kartverket, © OpenStreetMap contributors"
KARTVERKET_GREY_URL = (
    "https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png"
)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ZONE_TOOLTIP_FIELD = "name"


@dataclass(frozen=True)
class PointLayer:
    """One toggleable layer of points, drawn as one GeoJson of circle markers."""

    name: str  # translated; shown in the layer control
    data: dict[str, Any]  # browser GeoJSON of points (geo.build.browser.to_browser_geojson)
    colour_by: str  # the property holding an enum code, e.g. "status" or "place_type"
    colours: Mapping[str, str]  # code -> colour, from components.maps.style
    tooltip_fields: tuple[str, ...] = ("name", "type_label")  # translated values, no field names
    marker: str = "places"  # key of map_style.MARKER_STYLES
    show: bool = True


def overview_map(
    *,
    zones: dict[str, Any],
    labels: Mapping[str, str],
    basemap: Mapping[str, dict[str, Any]] | None = None,
    points: Sequence[PointLayer] = (),
    selected_area_id: str | None = None,
    center: tuple[float, float] = TRONDHEIM_CENTER,
    zoom: int = DEFAULT_ZOOM,
    tiles_online: bool = False,
) -> folium.Map:
    """The zones (properties ``area_id``, ``name``, ``is_focus``) over the base map.

    ``labels`` holds translated text: ``zone`` (tooltip heading) and, when ``tiles_online``,
    optionally ``tiles_kartverket`` / ``tiles_osm`` (the tile layers' names). ``basemap`` is
    ``geo.build.browser.basemap(...)``: drawn in its order, under everything, not clickable; it is
    always drawn, so the map still reads when online tiles fail to load.
    """
    fmap = folium.Map(
        location=center,
        zoom_start=zoom,
        tiles=None,
        prefer_canvas=True,
    )
    root = fmap.get_root()
    assert isinstance(root, Figure)  # folium.Map always sits in a Figure
    root.header.add_child(Element(_CSS))
    fmap.add_child(_Attribution(DATA_ATTRIBUTION))
    if tiles_online:
        _add_tiles(fmap, labels)
    for name, collection in (basemap or {}).items():
        _basemap_layer(name, collection).add_to(fmap)
    _zones_layer(zones, selected_area_id, labels["zone"]).add_to(fmap)
    zone_labels(zones).add_to(fmap)
    for layer in points:
        group = folium.FeatureGroup(name=html.escape(layer.name), show=layer.show)
        _points_layer(layer).add_to(group)
        group.add_to(fmap)
    if points or tiles_online:
        folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap


def selection_layer(zones: dict[str, Any], area_id: str | None) -> folium.FeatureGroup:
    """The selected zone's outline, drawn on top, for ``st_folium(feature_group_to_add=...)``.

    Passed that way, a new selection is drawn into the live map: the map is not rebuilt, so the
    user's view and layer choices stay as they were. Not clickable: clicks reach the zone below.
    """
    group = folium.FeatureGroup(name="selection", control=False)
    chosen = [
        feature
        for feature in zones["features"]
        if html.unescape(str(feature["properties"]["area_id"])) == area_id
    ]
    if chosen:
        outline = map_style.SELECTION_OUTLINE_STYLE
        folium.GeoJson(
            {"type": "FeatureCollection", "features": chosen},
            style_function=lambda _feature: outline,
            interactive=False,
        ).add_to(group)
    return group


# --- layers ----------------------------------------------------------------------------------


def _zones_layer(zones: dict[str, Any], selected: str | None, zone_label: str) -> folium.GeoJson:
    # Focus zones after the others and the selected zone last: on a canvas the last drawn
    # outline is on top, so thick borders are not painted over by neighbours.
    def order(feature: dict[str, Any]) -> tuple[bool, bool]:
        props = feature["properties"]
        return (html.unescape(str(props["area_id"])) == selected, bool(props["is_focus"]))

    features = sorted((dict(feature) for feature in zones["features"]), key=order)
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="zones",
        control=False,
        style_function=lambda feature: zone_style(feature["properties"], selected),
        highlight_function=lambda feature: hover_style(zone_style(feature["properties"], selected)),
        tooltip=folium.GeoJsonTooltip(
            fields=[ZONE_TOOLTIP_FIELD], aliases=[html.escape(zone_label)], sticky=True
        ),
    )


def zone_style(properties: Mapping[str, Any], selected: str | None) -> dict[str, Any]:
    """Leaflet path options of a zone: ordinary, focus and/or selected."""
    style = dict(map_style.ZONE_STYLE)
    if properties.get("is_focus"):
        style.update(map_style.FOCUS_ZONE_STYLE)
    if selected is not None and html.unescape(str(properties.get("area_id"))) == selected:
        style.update(map_style.SELECTED_ZONE_STYLE)
    return style


def hover_style(style: Mapping[str, Any]) -> dict[str, Any]:
    """A zone under the pointer: darker outline, never thinner, a little more fill."""
    hover = map_style.HOVER_ZONE_STYLE
    return {
        **style,
        "color": hover["color"],
        "weight": max(style["weight"], hover["weight"]),
        "fillOpacity": min(1.0, style["fillOpacity"] + hover["fillOpacity"]),
    }


def zone_labels(zones: dict[str, Any], *, every_zone: bool = False) -> folium.FeatureGroup:
    """A permanent name label at a point inside each focus zone (not clickable); with
    ``every_zone`` the other zones too, with the class ``ok-other`` (a map may show those only
    when zoomed in, see NEAR_LABELS_CSS)."""
    group = folium.FeatureGroup(name="zone labels", control=False)
    for feature in zones["features"]:
        props = feature["properties"]
        focus = bool(props.get("is_focus"))
        if not focus and not every_zone:
            continue
        point = shapely.geometry.shape(feature["geometry"]).representative_point()
        # names from geo.build.browser are escaped once already; escape again only what is raw
        text = html.escape(html.unescape(str(props["name"])))
        folium.Marker(
            location=(point.y, point.x),
            icon=folium.DivIcon(
                html=f'<div class="ok-zone-label{"" if focus else " ok-other"}">{text}</div>',
                icon_size=(0, 0),
                class_name="ok-zone-label-anchor",
            ),
            interactive=False,
            keyboard=False,
        ).add_to(group)
    return group


def _points_layer(layer: PointLayer) -> folium.GeoJson:
    marker_style = map_style.MARKER_STYLES[layer.marker]

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        code = feature["properties"].get(layer.colour_by)
        colour = layer.colours.get(code, map_style.MARKER_FALLBACK_COLOUR)
        return {**marker_style, "fillColor": colour}

    data = {"type": "FeatureCollection", "features": [dict(f) for f in layer.data["features"]]}
    return folium.GeoJson(
        data,
        name=html.escape(layer.name),
        control=False,
        marker=folium.CircleMarker(**marker_style),
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=list(layer.tooltip_fields), labels=False),
    )


def _basemap_layer(name: str, collection: dict[str, Any]) -> folium.GeoJson:
    base = map_style.BASEMAP_STYLES.get(name, {})

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        street_class = feature["properties"].get("osm_class")
        return {**base, **map_style.STREET_STYLES.get(street_class, {})}

    return folium.GeoJson(
        collection,
        name=name,
        control=False,
        style_function=style,
        interactive=False,  # Leaflet option: no hover, no click, clicks fall through
    )


def _add_tiles(fmap: folium.Map, labels: Mapping[str, str]) -> None:
    folium.TileLayer(
        tiles=KARTVERKET_GREY_URL,
        attr="© Kartverket",
        name=html.escape(labels.get("tiles_kartverket", "Kartverket")),
        overlay=False,
        max_zoom=18,
    ).add_to(fmap)
    folium.TileLayer(
        tiles=OSM_URL,
        attr="© OpenStreetMap contributors",
        name=html.escape(labels.get("tiles_osm", "OpenStreetMap")),
        overlay=False,
        show=False,  # Kartverket's grey map is the default background
        max_zoom=19,
    ).add_to(fmap)


class _Attribution(MacroElement):
    """The data sources in Leaflet's attribution control (which works without tiles), and a
    metric-only scale bar."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = html.escape(text)  # Leaflet inserts attributions as HTML


ZONE_LABEL_CSS = f"""
.ok-zone-label {{
  position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  font: 600 13px/1.2 system-ui, sans-serif; color: {map_style.LABEL_TEXT_COLOUR};
  text-shadow: 0 0 3px {map_style.LABEL_HALO_COLOUR}, 0 0 3px {map_style.LABEL_HALO_COLOUR},
    0 0 2px {map_style.LABEL_HALO_COLOUR};
  pointer-events: none;
}}
.ok-zone-label.ok-other {{ font-weight: 500; font-size: 12px; }}
"""
_CSS = f"""<style>
.leaflet-container {{ background: {map_style.LAND_COLOUR}; }}
{ZONE_LABEL_CSS}
</style>"""
