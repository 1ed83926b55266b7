"""Marker shapes besides the circle, so that layers differ in shape and not only in colour
(for colour-blind readers, and where a project and a meeting place share a hue).

Leaflet draws a ``CircleMarker`` as a circle. ``MarkerShapes`` teaches both of its renderers
(canvas and SVG) a ``shape`` option: "diamond", "square", "triangle" or "plus"; any other value
(or none) stays a circle. The marker stays a CircleMarker, so clicks, tooltips, styles and
streamlit-folium's click handling work as before; a click is caught within the marker's radius.
``SHAPE_CSS`` draws the same shapes as legend swatches.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

SHAPES = ("circle", "diamond", "square", "triangle", "plus")

# The same outlines as the map draws, as CSS for a legend swatch (a square span).
SHAPE_CSS: dict[str, str] = {
    "circle": "border-radius:50%",
    "square": "border-radius:1px",
    "diamond": "clip-path:polygon(50% 0,100% 50%,50% 100%,0 50%)",
    "triangle": "clip-path:polygon(50% 0,100% 100%,0 100%)",
    "plus": "clip-path:polygon(35% 0,65% 0,65% 35%,100% 35%,100% 65%,65% 65%,65% 100%,"
    "35% 100%,35% 65%,0 65%,0 35%,35% 35%)",
}


class MarkerShapes(MacroElement):
    """Add to a map (once) before its markers are drawn; a marker's ``shape`` option does the
    rest. The corners are scaled so that each shape covers about the circle's area."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          if (L.CircleMarker.prototype._okShapes) { return; }
          const outline = function (layer) {
            const shape = layer.options.shape;
            const p = layer._point;
            const r = Math.max(Math.round(layer._radius), 1);
            if (shape === 'diamond') {
              const d = r * 1.3;
              return [[p.x, p.y - d], [p.x + d, p.y], [p.x, p.y + d], [p.x - d, p.y]];
            }
            if (shape === 'square') {
              const d = r * 0.9;
              return [[p.x - d, p.y - d], [p.x + d, p.y - d], [p.x + d, p.y + d],
                      [p.x - d, p.y + d]];
            }
            if (shape === 'triangle') {
              const d = r * 1.35;
              return [[p.x, p.y - d], [p.x + d, p.y + d * 0.75], [p.x - d, p.y + d * 0.75]];
            }
            if (shape === 'plus') {
              const a = r * 0.45, b = r * 1.25;
              return [[p.x - a, p.y - b], [p.x + a, p.y - b], [p.x + a, p.y - a],
                      [p.x + b, p.y - a], [p.x + b, p.y + a], [p.x + a, p.y + a],
                      [p.x + a, p.y + b], [p.x - a, p.y + b], [p.x - a, p.y + a],
                      [p.x - b, p.y + a], [p.x - b, p.y - a], [p.x - a, p.y - a]];
            }
            return null;
          };
          const canvasCircle = L.Canvas.prototype._updateCircle;
          L.Canvas.prototype._updateCircle = function (layer) {
            const points = outline(layer);
            if (!points) { return canvasCircle.call(this, layer); }
            if (!this._drawing || layer._empty()) { return; }
            const ctx = this._ctx;
            ctx.beginPath();
            ctx.moveTo(points[0][0], points[0][1]);
            points.slice(1).forEach(function (point) { ctx.lineTo(point[0], point[1]); });
            ctx.closePath();
            this._fillStroke(ctx, layer);
          };
          const svgCircle = L.SVG.prototype._updateCircle;
          L.SVG.prototype._updateCircle = function (layer) {
            const points = outline(layer);
            if (!points) { return svgCircle.call(this, layer); }
            this._setPath(layer, layer._empty() ? 'M0 0' :
              'M' + points.map(function (p) { return p[0] + ',' + p[1]; }).join('L') + 'z');
          };
          L.CircleMarker.prototype._okShapes = true;
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MarkerShapes"
