"""Layers drawn from vector tiles (PMTiles, geo/build/tiles.py) in a folium map, with
protomaps-leaflet (vendored, components/maps/vendor.py).

Two pieces, so that a rerun never refetches tiles:

- ``VectorTiles`` goes into the base map (built once): it knows the tile files and keeps the
  Leaflet layers in ``window.__okTiles``; on a click it outlines the zone under the pointer at
  once, in the browser, from the tile's own geometry, before the server has answered.
- ``tile_styles`` is a feature group sent on every rerun (``feature_group_to_add``): which tiled
  layers are shown, how each feature is coloured and which zone is selected. Colours come as
  one string per layer with a character per feature key ``k`` (geo.build.tiles.codes) and
  short palettes: the tiles never carry an indicator's values, so a new indicator, year, filter
  or colour choice is ~14 KB for 14,000 zones and a re-render, not new tiles.

A tiled map holds no feature data: a click is sent as a location (components.maps.click, kind
"location") and the server finds the zone with geo.analysis.zone_lookup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from components.maps import style as map_style
from components.maps.offline import PROTOMAPS_JS

# Panes just under Leaflet's overlay pane (400): the GeoJSON layers (points of small layers,
# the drawn selection, labels) stay on top of the tiles and clickable.
AREAS_PANE_Z = 390
POINTS_PANE_Z = 395


@dataclass(frozen=True)
class TileStyle:
    """How one tiled layer is drawn: feature k gets ``fills[int(codes[k], 36)]`` and the
    stroke and width of the same index; ``-`` in ``codes`` is not drawn. ``outline``: the
    layer's zones can be selected (the selected one is outlined)."""

    key: str
    source: str
    kind: str  # "polygon" or "point"
    codes: str
    fills: Sequence[str]
    strokes: Sequence[str]
    widths: Sequence[float]
    fill_opacity: float = 0.0
    radius: float = 5.0
    outline: bool = False


class VectorTiles(JSCSSMixin, MacroElement):
    """The tile sources of a map (``sources``: name -> URL of a .pmtiles file)."""

    default_js = [PROTOMAPS_JS]

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
          const sources = {{ this.sources|tojson }};
          const selectedStyle = {{ this.selected_style|tojson }};
          const tiles = window.__okTiles = {map: map, layers: {}, selected: null};
          if (!map.getPane('okTileAreas')) {
            map.createPane('okTileAreas').style.zIndex = {{ this.areas_z }};
            map.createPane('okTilePoints').style.zIndex = {{ this.points_z }};
          }
          const code = function (layer, f) {
            return DIGITS.indexOf(layer.okStyle.codes.charAt(f.props.k));
          };
          const rules = function (layer) {
            const pick = (list) => (z, f) => layer.okStyle[list][code(layer, f)];
            const drawn = (z, f) => code(layer, f) >= 0;
            if (layer.okKind === 'point') {
              return [{dataLayer: layer.okSource, filter: drawn,
                symbolizer: new protomapsL.CircleSymbolizer({
                  radius: () => layer.okStyle.radius, fill: pick('fills'),
                  stroke: pick('strokes'), width: pick('widths')})}];
            }
            return [
              {dataLayer: layer.okSource, filter: drawn,
               symbolizer: new protomapsL.PolygonSymbolizer({
                 fill: pick('fills'), opacity: () => layer.okStyle.fill_opacity})},
              {dataLayer: layer.okSource, filter: drawn,
               symbolizer: new protomapsL.LineSymbolizer({
                 color: pick('strokes'), width: pick('widths')})},
              {dataLayer: layer.okSource,
               filter: (z, f) => layer.okStyle.outline && tiles.selected !== null
                 && f.props.area_id === tiles.selected,
               symbolizer: new protomapsL.LineSymbolizer({
                 color: selectedStyle.color, width: selectedStyle.weight})},
            ];
          };
          tiles.apply = function (styles, selected) {
            tiles.selected = selected;
            const keep = {};
            styles.forEach(function (style) {
              let layer = tiles.layers[style.key];
              if (!layer) {
                layer = protomapsL.leafletLayer({
                  url: sources[style.source], maxDataZoom: {{ this.max_zoom }},
                  pane: style.kind === 'point' ? 'okTilePoints' : 'okTileAreas',
                  attribution: '', paintRules: [], labelRules: []});
                layer.okSource = style.source;
                layer.okKind = style.kind;
                layer.okStyle = style;
                layer.paintRules = rules(layer);
                tiles.layers[style.key] = layer;
              }
              layer.okStyle = style;
              keep[style.key] = true;
              if (map.hasLayer(layer)) { layer.rerenderTiles(); } else { layer.addTo(map); }
            });
            Object.keys(tiles.layers).forEach(function (key) {
              if (!keep[key] && map.hasLayer(tiles.layers[key])) {
                map.removeLayer(tiles.layers[key]);
              }
            });
          };
          // The zone under a click, outlined at once from the tile (the server answers later).
          tiles.zoneAt = function (latlng) {
            for (const key of Object.keys(tiles.layers)) {
              const layer = tiles.layers[key];
              if (!map.hasLayer(layer) || !layer.okStyle.outline) { continue; }
              const found = layer.queryTileFeaturesDebug(latlng.lng, latlng.lat, 0);
              for (const picked of found.values()) {
                for (const hit of picked) {
                  if (hit.feature.props.area_id != null && code(layer, hit.feature) >= 0) {
                    return {layer: layer, id: hit.feature.props.area_id};
                  }
                }
              }
            }
            return null;
          };
          map.on('click', function (e) {
            if (map.getContainer().classList.contains('ok-drawing')) { return; }
            const hit = tiles.zoneAt(e.latlng);
            if (hit && hit.id !== tiles.selected) {
              tiles.selected = hit.id;
              hit.layer.rerenderTiles();
            }
          });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, sources: Mapping[str, str], max_zoom: int) -> None:
        super().__init__()
        self._name = "VectorTiles"
        self.sources = dict(sources)
        self.max_zoom = int(max_zoom)
        self.selected_style = {
            "color": map_style.SELECTED_ZONE_STYLE["color"],
            "weight": map_style.SELECTED_ZONE_STYLE["weight"],
        }
        self.areas_z = AREAS_PANE_Z
        self.points_z = POINTS_PANE_Z


class _ApplyStyles(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.__okTiles) {
          window.__okTiles.apply({{ this.styles|tojson }}, {{ this.selected|tojson }});
        }
        {% endmacro %}
        """
    )

    def __init__(self, styles: Sequence[TileStyle], selected: str | None) -> None:
        super().__init__()
        self._name = "ApplyTileStyles"
        self.styles = [asdict(style) for style in styles]
        self.selected = selected


def tile_styles(styles: Sequence[TileStyle], selected: str | None) -> folium.FeatureGroup:
    """The feature group that shows the tiled layers ``styles`` (others are taken off the map)
    with zone ``selected`` (an area_id, or None) outlined."""
    group = folium.FeatureGroup(name="tiles", control=False)
    group.add_child(_ApplyStyles(styles, selected))
    return group
