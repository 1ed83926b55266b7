"""The Kart view as URL query parameters and back: a permalink restores the view exactly.

Pure (no Streamlit): ``encode`` gives the parameters of a view, ``decode`` reads them back,
checking every value against what the data knows. A parameter that is unknown or malformed is
dropped and named in the result, so the page can say so in a small notice; decoding never
raises.

    ?level=levekarssone&layers=projects,places&colour=goal&ind=trangbodde&year=2025
    &zones=lks-09,lks-26&goal=stedsutvikling&focus=bomiljo&status=pagar&period=2026-2028
    &ptype=park,lekeplass&c=63.42300,10.41500&z=14&draw=p:63.431,10.41;63.43,10.42;63.425,10.415

The selected zone (``zone``) and the language (``lang``) belong to components/state.py; the
drawn area (``draw``) is the selection, so the explorer writes it with ``encode_drawing`` and
the page reads it once with ``decode_drawing``: ``p:lat,lon;lat,lon;…`` for a polygon or
rectangle, ``c:lat,lon,radius`` (metres) for a circle.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from geo.analysis.filters import Filters

SHARED_PARAMS = frozenset({"lang", "zone"})  # read and written by components/state.py
ALL = "all"  # ?zones=all: every zone, where the default view filters on the focus zones
DRAWING_PARAM = "draw"  # the drawn selection: encode_drawing / decode_drawing
MAX_DRAWN_VERTICES = 500  # a longer drawn outline is not a hand-drawn shape
COLOUR_CHOICES = ("status", "goal")
MIN_ZOOM, MAX_ZOOM = 3, 19
_LIST = re.compile(r"^[A-Za-z0-9_\-]+(,[A-Za-z0-9_\-]+)*$")
_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
_CENTRE = re.compile(r"^(-?\d{1,2}(?:\.\d{1,7})?),(-?\d{1,3}(?:\.\d{1,7})?)$")


@dataclass(frozen=True)
class KartView:
    """Everything about the Kart page that a permalink carries (besides zone and language)."""

    level: str = "levekarssone"
    layers: tuple[str, ...] = ()
    colour_by: str = "status"
    indicator: str | None = None
    year: int | None = None
    filters: Filters = field(default_factory=Filters)
    centre: tuple[float, float] | None = None  # lat, lon
    zoom: int | None = None


@dataclass(frozen=True)
class Known:
    """What the data knows, to check parameters against."""

    levels: Collection[str]
    layers: Collection[str]
    indicators: Collection[str]
    years: Collection[int]  # indicator years
    zones: Collection[str]
    goals: Collection[str]
    focus_areas: Collection[str]
    statuses: Collection[str]
    place_types: Collection[str]
    period: tuple[int, int]  # the widest period the slider allows


def encode(view: KartView, default: KartView) -> dict[str, str | None]:
    """Query parameters for ``view``: a value equal to ``default``'s is None (left out)."""
    params = encode_all(view)
    defaults = encode_all(default)
    return {key: None if value == defaults.get(key) else value for key, value in params.items()}


def encode_all(view: KartView) -> dict[str, str | None]:
    """Every parameter of ``view``, none left out (for comparing with a default)."""
    return {
        "level": view.level,
        "layers": ",".join(view.layers) if view.layers else "none",
        "colour": view.colour_by,
        "ind": view.indicator,
        "year": None if view.year is None else str(view.year),
        "zones": _join(view.filters.zones) or ALL,  # "all": the default may name zones
        "goal": _join(view.filters.goals),
        "focus": _join(view.filters.focus_areas),
        "status": _join(view.filters.statuses),
        "period": None
        if view.filters.years is None
        else f"{view.filters.years[0]}-{view.filters.years[1]}",
        "ptype": _join(view.filters.place_types),
        "c": None if view.centre is None else f"{view.centre[0]:.5f},{view.centre[1]:.5f}",
        "z": None if view.zoom is None else str(view.zoom),
    }


def decode(
    params: Mapping[str, str], known: Known, default: KartView
) -> tuple[KartView, list[str]]:
    """The view the parameters describe, on top of ``default``, and the names of those ignored.

    Every value is checked: an unknown code, a list with one unknown item, a year outside the
    data, a zoom out of range or a centre off the globe makes that one parameter ignored.
    """
    view = default
    rejected: list[str] = []
    filters = default.filters
    for name, raw in params.items():
        if name in SHARED_PARAMS or name == DRAWING_PARAM:
            continue
        value = raw.strip() if isinstance(raw, str) else ""
        ok = True
        if name == "level" and value in known.levels:
            view = replace(view, level=value)
        elif name == "layers" and value == "none":
            view = replace(view, layers=())
        elif name == "layers" and (items := _items(value, known.layers)) is not None:
            view = replace(view, layers=items)
        elif name == "colour" and value in COLOUR_CHOICES:
            view = replace(view, colour_by=value)
        elif name == "ind" and value in known.indicators:
            view = replace(view, indicator=value)
        elif name == "year" and value.isdigit() and int(value) in known.years:
            view = replace(view, year=int(value))
        elif name == "zones" and value == ALL:
            filters = replace(filters, zones=())
        elif name == "zones" and (items := _items(value, known.zones)) is not None:
            filters = replace(filters, zones=items)
        elif name == "goal" and (items := _items(value, known.goals)) is not None:
            filters = replace(filters, goals=items)
        elif name == "focus" and (items := _items(value, known.focus_areas)) is not None:
            filters = replace(filters, focus_areas=items)
        elif name == "status" and (items := _items(value, known.statuses)) is not None:
            filters = replace(filters, statuses=items)
        elif name == "ptype" and (items := _items(value, known.place_types)) is not None:
            filters = replace(filters, place_types=items)
        elif name == "period" and (period := _period(value, known.period)) is not None:
            filters = replace(filters, years=period)
        elif name == "c" and (centre := _centre(value)) is not None:
            view = replace(view, centre=centre)
        elif name == "z" and value.isdigit() and MIN_ZOOM <= int(value) <= MAX_ZOOM:
            view = replace(view, zoom=int(value))
        else:
            ok = False
        if not ok:
            rejected.append(name)
    return replace(view, filters=filters), rejected


def _join(items: tuple[str, ...]) -> str | None:
    return ",".join(items) if items else None


def _items(value: str, allowed: Collection[str]) -> tuple[str, ...] | None:
    if not _LIST.match(value):
        return None
    items = tuple(dict.fromkeys(value.split(",")))
    return items if all(item in allowed for item in items) else None


def _period(value: str, bounds: tuple[int, int]) -> tuple[int, int] | None:
    match = _PERIOD.match(value)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    if not bounds[0] <= first <= last <= bounds[1]:
        return None
    return first, last


def _centre(value: str) -> tuple[float, float] | None:
    match = _CENTRE.match(value)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-85 <= lat <= 85 and -180 <= lon <= 180):
        return None
    return lat, lon


def encode_drawing(feature: Mapping[str, Any] | None) -> str | None:
    """The ``draw`` parameter for a drawn shape as the browser sent it, or None for nothing
    (or for anything that is not a drawn polygon or circle)."""
    if not isinstance(feature, Mapping):
        return None
    geometry = feature.get("geometry") or {}
    properties = feature.get("properties") or {}
    kind = geometry.get("type") if isinstance(geometry, Mapping) else None
    try:
        if kind == "Point" and isinstance(properties, Mapping) and properties.get("radius"):
            lon, lat = geometry["coordinates"][:2]
            return f"c:{lat:.6f},{lon:.6f},{float(properties['radius']):.1f}"
        if kind == "Polygon":
            ring = geometry["coordinates"][0]
            if ring and ring[0] == ring[-1]:
                ring = ring[:-1]  # the URL leaves out the closing vertex
            value = "p:" + ";".join(f"{lat:.6f},{lon:.6f}" for lon, lat, *_ in ring)
            return value if decode_drawing(value) is not None else None  # reads back
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return None


def decode_drawing(value: str) -> dict[str, Any] | None:
    """The drawn shape a ``draw`` parameter describes, as the browser would send it (GeoJSON in
    EPSG:4326; a circle as a Point with ``properties.radius`` in metres), or None when the
    value is not one."""
    kind, _, rest = value.strip().partition(":")
    if kind == "c":
        parts = rest.split(",")
        centre = _centre(f"{parts[0]},{parts[1]}") if len(parts) == 3 else None
        radius = _number(parts[2]) if centre is not None else None
        if centre is None or radius is None or not 0 < radius <= 50_000:
            return None
        lat, lon = centre
        return {
            "type": "Feature",
            "properties": {"radius": radius},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        }
    if kind == "p":
        points = [_centre(pair) for pair in rest.split(";")]
        if not 3 <= len(points) <= MAX_DRAWN_VERTICES or any(p is None for p in points):
            return None
        ring = [[lon, lat] for lat, lon in points]  # type: ignore[misc]
        return {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
        }
    return None


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None
