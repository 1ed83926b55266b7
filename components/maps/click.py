"""What a click on a map means: one typed ``MapClick``, read from what ``st_folium`` returned.

``st_folium`` binds a click handler to every Leaflet layer. When a feature of a
``folium.GeoJson`` is clicked, the event bubbles to the GeoJson group, which stores
``layer.toGeoJSON()`` of the clicked feature in ``last_active_drawing``::

    {"type": "Feature", "properties": {"area_id": ..., "name": ..., "is_focus": ...},
     "geometry": {"type": "MultiPolygon", "coordinates": [...]}}

A point layer's marker gives a ``Point`` feature with its properties (plus the ``"id"`` folium
added); a shape finished with Leaflet.draw comes the same way (a circle as a ``Point`` with
``properties.radius`` in metres). String properties come back HTML-escaped as
``geo.build.browser`` sent them ("&amp;"): they are unescaped here. A click anywhere gives
``last_clicked`` ({"lat", "lng"}). ``last_object_clicked_tooltip`` only holds the tooltip's
text, not the id, so it is never read.

Only what a map listens to is returned by the browser (``returned_objects``), so panning and
zooming never rerun the script. ``last_active_drawing`` keeps its value after a click on empty
map, and a map whose script changed mounts afresh and returns None again: read a None as "no
new click", never as "deselect".
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from geo.analysis.select import shape_from_drawing

ClickKind = Literal["zone", "point", "shape", "location"]
FEATURE_KINDS: tuple[ClickKind, ...] = ("zone", "point", "shape")  # from last_active_drawing
ALL_KINDS: tuple[ClickKind, ...] = (*FEATURE_KINDS, "location")


@dataclass(frozen=True)
class MapClick:
    """One click on a map.

    ``zone``: a zone polygon (``area_id``, ``properties``); ``point``: a point of a layer
    (``properties``); ``shape``: a shape the user drew, or a polygon of a layer without an
    ``area_id`` (``drawing``, the GeoJSON feature as the browser sent it); ``location``: where
    the map was clicked (``lat_lon``). ``properties`` are unescaped.
    """

    kind: ClickKind
    area_id: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)
    drawing: dict[str, Any] | None = None
    lat_lon: tuple[float, float] | None = None


def returned_objects(listen: Collection[ClickKind]) -> list[str]:
    """What the browser must send back for the kinds of click a map listens to; nothing else,
    so that no other interaction reruns the script."""
    objects = []
    if any(kind in listen for kind in FEATURE_KINDS):
        objects.append("last_active_drawing")
    if "location" in listen:
        objects.append("last_clicked")
    return objects


def read_click(
    value: Mapping[str, Any] | None,
    listen: Collection[ClickKind] = ALL_KINDS,
    previous: Mapping[str, Any] | None = None,
) -> MapClick | None:
    """The click in ``value`` (what ``st_folium`` returned) if it is of a kind in ``listen``;
    a clicked feature before the location under it. With ``previous`` (the value before) on a
    map that listens to locations too, a feature is the click only if it changed: after a
    click on empty map (or on vector tiles, which have no features) ``last_active_drawing``
    still holds the feature clicked before."""
    if not value:
        return None
    stale = (
        "location" in listen
        and previous is not None
        and value.get("last_active_drawing") == previous.get("last_active_drawing")
    )
    if any(kind in listen for kind in FEATURE_KINDS) and not stale:
        click = _feature_click(value.get("last_active_drawing"), "shape" in listen)
        if click is not None and click.kind in listen:
            return click
    if "location" in listen:
        return _location_click(value.get("last_clicked"))
    return None


def clicked_area_id(value: Mapping[str, Any] | None) -> str | None:
    """The ``area_id`` of the zone last clicked in ``value``; None for anything else."""
    click = read_click(value, ("zone",))
    return click.area_id if click is not None else None


def _feature_click(feature: Any, with_shapes: bool) -> MapClick | None:
    if not isinstance(feature, Mapping):
        return None
    geometry = feature.get("geometry") or {}
    properties = feature.get("properties") or {}
    if not isinstance(geometry, Mapping) or not isinstance(properties, Mapping):
        return None
    unescaped = {k: html.unescape(v) if isinstance(v, str) else v for k, v in properties.items()}
    area_id = properties.get("area_id")
    if geometry.get("type") in ("Polygon", "MultiPolygon") and isinstance(area_id, str) and area_id:
        return MapClick("zone", area_id=html.unescape(area_id), properties=unescaped)
    # Before points: a drawn circle is a Point with a radius. Only on maps that can draw.
    if with_shapes and shape_from_drawing(feature) is not None:
        return MapClick("shape", drawing=dict(feature))
    if geometry.get("type") == "Point":
        return MapClick("point", properties=unescaped)
    return None


def _location_click(clicked: Any) -> MapClick | None:
    if not isinstance(clicked, Mapping) or not clicked:
        return None
    return MapClick("location", lat_lon=(float(clicked["lat"]), float(clicked["lng"])))
