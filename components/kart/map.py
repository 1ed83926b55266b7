"""The Kart map: a base (areas of one level, the offline base map, Leaflet.draw, a copy-link
button) built once, and every data layer added as a feature group.

The base map's script only changes with the start view, so st_folium keeps the same live map;
the areas, layers, the choropleth and the selection outline go in through
``feature_group_to_add`` and are swapped in place: the user's pan and zoom stay as they are.
Shown with components.maps.widget (components/kart/widget.py): a click on a feature or a
finished drawing reruns the script, panning and zooming never do.

Builders here return folium objects (no Streamlit), so tests render them and read the HTML.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import folium.plugins
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from components.kart.layers import Colouring
from components.maps import style as map_style
from components.maps.overview import (
    DATA_ATTRIBUTION,
    ZONE_LABEL_CSS,
    _Attribution,
    hover_style,
    zone_labels,
    zone_style,
)
from components.maps.shapes import MarkerShapes
from components.maps.tiles import VectorTiles
from geo.build.tiles import TiledLayer

# Leaflet.draw: polygons, rectangles and circles select; lines and markers do not.
DRAW_OPTIONS: dict[str, Any] = {
    "polyline": False,
    "marker": False,
    "circlemarker": False,
    "polygon": {"shapeOptions": map_style.DRAWN_SHAPE_STYLE},
    "rectangle": {"shapeOptions": map_style.DRAWN_SHAPE_STYLE},
    "circle": {"shapeOptions": map_style.DRAWN_SHAPE_STYLE},
}


@dataclass(frozen=True)
class BaseView:
    """Where the map opens: a centre and zoom from a permalink, or the bounds to fit."""

    centre: tuple[float, float]
    zoom: int
    fit_bounds: Sequence[Sequence[float]] | None = None


def base_map(
    *,
    basemap: Mapping[str, dict[str, Any]],
    view: BaseView,
    copy_link: Mapping[str, str],
    draw: bool = True,
    tiles: Mapping[str, TiledLayer] | None = None,
) -> folium.Map:
    """The map that stays: the base map, the draw toolbar and the "Kopier lenke" button
    (``copy_link``: label, done, failed). Everything clickable comes as feature groups.
    ``tiles`` (geo.build.tiles.tiled_layers): the vector tiles of a national-size dataset, shown by
    the feature group components.maps.tiles.tile_styles."""
    fmap = folium.Map(location=view.centre, zoom_start=view.zoom, tiles=None, prefer_canvas=True)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(_CSS))
    fmap.add_child(_Attribution(DATA_ATTRIBUTION))
    fmap.add_child(MarkerShapes())
    fmap.add_child(_NearLabels())
    for name, collection in basemap.items():
        folium.GeoJson(
            collection,
            name=name,
            control=False,
            style_function=_basemap_style(name),
            interactive=False,
        ).add_to(fmap)
    if draw:
        drawn = folium.FeatureGroup(name="drawn", control=False).add_to(fmap)
        folium.plugins.Draw(
            export=False,
            feature_group=drawn,
            draw_options=DRAW_OPTIONS,
            edit_options={"edit": False, "remove": False},
        ).add_to(fmap)
        fmap.add_child(_ExposeDrawn(drawn))
        fmap.add_child(_DrawingWins())
    fmap.add_child(_CopyLink(copy_link))
    if tiles:
        fmap.add_child(
            VectorTiles(
                {name: layer.url for name, layer in tiles.items()},
                max_zoom=min(layer.max_zoom for layer in tiles.values()),
            )
        )
    if view.fit_bounds is not None:
        fmap.fit_bounds(view.fit_bounds)
    return fmap


def zones_group(areas: dict[str, Any], area_label: str) -> folium.FeatureGroup:
    """Clickable areas of one level (properties area_id, name, is_focus), focus zones marked.

    A feature group rather than part of the base map: switching level or the choropleth (which
    carries the same zones) swaps it in the live map, and the zones are sent once, not twice.
    """
    group = folium.FeatureGroup(name="areas", control=False)
    folium.GeoJson(
        areas,
        name="areas",
        control=False,
        style_function=lambda feature: zone_style(feature["properties"], None),
        highlight_function=lambda feature: hover_style(zone_style(feature["properties"], None)),
        tooltip=folium.GeoJsonTooltip(
            fields=["name"], aliases=[html.escape(area_label)], sticky=True
        ),
    ).add_to(group)
    return group


def points_group(
    key: str, collection: dict[str, Any], colouring: Colouring, marker: str
) -> folium.FeatureGroup:
    """One layer of points as one GeoJson of markers drawn on the map's canvas, in the layer's
    shape (map_style.KART_MARKER_SHAPES, drawn by components.maps.shapes)."""
    group = folium.FeatureGroup(name=key, control=False)
    marker_style = {
        **map_style.MARKER_STYLES[marker],
        "shape": map_style.KART_MARKER_SHAPES.get(key, "circle"),
    }

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        return {**marker_style, "fillColor": _colour(colouring, feature["properties"].get("code"))}

    folium.GeoJson(
        collection,
        name=key,
        control=False,
        marker=folium.CircleMarker(**marker_style),
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["name", "tip"], labels=False),
    ).add_to(group)
    return group


def areas_group(key: str, collection: dict[str, Any]) -> folium.FeatureGroup:
    """Outlines of a polygon layer (school catchments), styled by their ``kind``."""
    group = folium.FeatureGroup(name=key, control=False)
    default = next(iter(map_style.CATCHMENT_STYLES.values()))
    folium.GeoJson(
        collection,
        name=key,
        control=False,
        style_function=lambda feature: map_style.CATCHMENT_STYLES.get(
            feature["properties"].get("kind"), default
        ),
        tooltip=folium.GeoJsonTooltip(fields=["name", "tip"], labels=False, sticky=True),
    ).add_to(group)
    return group


def choropleth_group(layer: folium.GeoJson) -> folium.FeatureGroup:
    """The indicator choropleth (components.maps.choropleth.choropleth_layer) as a feature group."""
    group = folium.FeatureGroup(name="choropleth", control=False)
    layer.add_to(group)
    return group


def selection_group(
    *,
    zone: dict[str, Any] | None,
    points: Sequence[tuple[float, float]],
    drawing: dict[str, Any] | None,
) -> folium.FeatureGroup:
    """On top of everything, not clickable: the selected zone's outline, a ring around each
    highlighted point (lat, lon) and the drawn selection (``drawing``, a GeoJSON feature in
    EPSG:4326; a circle as a Polygon). Leaflet.draw's own thin shape is cleared: the drawn area
    is always this outline, whether just drawn or restored from a permalink, until it is
    cleared."""
    group = folium.FeatureGroup(name="selection", control=False)
    if drawing is not None:
        for line_style in (map_style.DRAWN_CASING_STYLE, map_style.DRAWN_SELECTION_STYLE):
            folium.GeoJson(
                drawing, style_function=lambda _f, s=line_style: s, interactive=False
            ).add_to(group)
    if zone is not None:
        outline = map_style.SELECTION_OUTLINE_STYLE
        folium.GeoJson(zone, style_function=lambda _feature: outline, interactive=False).add_to(
            group
        )
    for lat, lon in points:
        folium.CircleMarker(
            location=(lat, lon), interactive=False, **map_style.HIGHLIGHT_MARKER
        ).add_to(group)
    group.add_child(_ClearDrawn())
    return group


def _colour(colouring: Colouring, code: Any) -> str:
    if colouring.column is None:
        return colouring.single
    return colouring.colours.get(code, map_style.MARKER_FALLBACK_COLOUR)


def _basemap_style(name: str) -> Any:
    base = map_style.BASEMAP_STYLES.get(name, {})

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        street_class = feature["properties"].get("osm_class")
        return {**base, **map_style.STREET_STYLES.get(street_class, {})}

    return style


class _ExposeDrawn(MacroElement):
    """Keep Leaflet.draw's layer group where the selection layer's script can reach it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.__okDrawn = {{ this.drawn.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, drawn: folium.FeatureGroup):
        super().__init__()
        self._name = "ExposeDrawn"
        self.drawn = drawn


def labels_group(areas: dict[str, Any]) -> folium.FeatureGroup:
    """The areas' names on the map: the focus zones' always, the others' from zoom
    NEAR_LABELS_ZOOM on (further out they would cover each other and the points)."""
    return zone_labels(areas, every_zone=True)


NEAR_LABELS_ZOOM = 14


class _NearLabels(MacroElement):
    """Mark the map ``ok-near`` while zoomed in to NEAR_LABELS_ZOOM or closer (CSS shows the
    other zones' names then); in the browser, so zooming never reruns the script."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          const mark = function () {
            map.getContainer().classList.toggle('ok-near', map.getZoom() >= {{ this.zoom }});
          };
          map.on('zoomend', mark);
          mark();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "NearLabels"
        self.zoom = NEAR_LABELS_ZOOM


class _DrawingWins(MacroElement):
    """While a draw tool is active, zones and points let the pointer through to the map.

    Otherwise a rectangle or circle started on a zone or a point also "clicked" it (press and
    release on the same canvas make a click), and that click replaced the new shape as the
    selection. Leaflet.draw's own handles and guide marker stay clickable (they are not in
    the overlay pane, nor ``ok-point`` markers)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          const box = map.getContainer();
          map.on('draw:drawstart', function () { box.classList.add('ok-drawing'); });
          map.on('draw:drawstop', function () { box.classList.remove('ok-drawing'); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "DrawingWins"


class _ClearDrawn(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.__okDrawn) { window.__okDrawn.clearLayers(); }
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ClearDrawn"


class _CopyLink(MacroElement):
    """A "Kopier lenke" button on the map: writes the current centre and zoom into the page's
    URL (?c=lat,lon&z=zoom, next to the parameters the app keeps there) and copies that URL.

    It runs in the browser only, so the view is read when the user asks for a link and panning
    never reruns the script. Where the clipboard is not allowed, the link is shown selected,
    ready for Ctrl+C.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          const map = {{ this._parent.get_name() }};
          const texts = {{ this.texts|tojson }};
          const CopyLink = L.Control.extend({
            options: {position: 'topright'},
            onAdd: function () {
              const box = L.DomUtil.create('div', 'leaflet-bar ok-copy-link');
              const button = L.DomUtil.create('button', '', box);
              button.type = 'button';
              button.textContent = texts.label;
              button.setAttribute('aria-label', texts.label);
              const out = L.DomUtil.create('input', 'ok-copy-link-url', box);
              out.readOnly = true;
              out.hidden = true;
              const note = L.DomUtil.create('span', 'ok-copy-link-note', box);
              note.setAttribute('role', 'status');
              L.DomEvent.disableClickPropagation(box);
              L.DomEvent.on(button, 'click', function () {
                const c = map.getCenter();
                let url;
                try {
                  const loc = window.parent.location;
                  const params = new URLSearchParams(loc.search);
                  params.set('c', c.lat.toFixed(5) + ',' + c.lng.toFixed(5));
                  params.set('z', String(map.getZoom()));
                  url = loc.origin + loc.pathname + '?' + params.toString();
                  window.parent.history.replaceState(window.parent.history.state, '', url);
                } catch (error) {
                  url = '?c=' + c.lat.toFixed(5) + ',' + c.lng.toFixed(5) + '&z=' + map.getZoom();
                }
                out.value = url;
                box.dataset.url = url;
                const shown = function (ok) {
                  note.textContent = ok ? texts.done : texts.failed;
                  out.hidden = ok;
                  if (!ok) { out.focus(); out.select(); }
                };
                if (navigator.clipboard && navigator.clipboard.writeText) {
                  navigator.clipboard.writeText(url).then(() => shown(true), () => shown(false));
                } else {
                  shown(false);
                }
              });
              return box;
            },
          });
          new CopyLink().addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, texts: Mapping[str, str]):
        super().__init__()
        self._name = "CopyLink"
        self.texts = dict(texts)  # set as textContent, never as HTML


_CSS = f"""<style>
.leaflet-container {{ background: {map_style.LAND_COLOUR}; }}
{ZONE_LABEL_CSS}
.leaflet-container:not(.ok-near) .ok-zone-label.ok-other {{ display: none; }}
.ok-copy-link {{ background: #fff; padding: 4px 6px; font: 14px/1.3 system-ui, sans-serif; }}
.ok-copy-link button {{ font: inherit; padding: 4px 8px; cursor: pointer; border: 1px solid #5B6B7F;
  border-radius: 4px; background: #fff; color: #14213D; }}
.ok-copy-link-url {{ display: block; width: 260px; margin-top: 4px; font-size: 12px; }}
.ok-copy-link-note {{ display: block; font-size: 12px; color: #1F2937; }}
.ok-drawing .leaflet-overlay-pane, .ok-drawing .leaflet-overlay-pane *,
.ok-drawing .leaflet-marker-pane .ok-point {{ pointer-events: none !important; }}
.ok-copy-link-note:empty, .ok-copy-link-url[hidden] {{ display: none; }}
</style>"""
