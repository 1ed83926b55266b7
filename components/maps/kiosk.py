"""The kiosk's map: one focus zone (or all three), or the walk around a searched place.

Built with components.maps.overview.overview_map on the vector base map (no tiles: the kiosk
must work without a network). Street and place names are drawn as labels (the base map has
none). The map listens to no click, so nothing is sent back to the server: touching, panning and
zooming never rerun the script; the kiosk's own script notices the touch. ``KioskLockdown``
keeps a tap inside the map from leaving the app and makes its controls big enough for a finger.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import shapely
import streamlit as st
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from components import data, sample_mark
from components.i18n import enum_label, translate
from components.maps import widget
from components.maps.overview import PointLayer, overview_map
from components.maps.style import PLACE_TYPE_COLOURS, STATUS_COLOURS
from geo.build import browser as prepare
from geo.schema import WEB_CRS, Level

ZOOM = 14
# Street and place names only from a zone's own view inwards: on the map of all three zones
# (about zoom 13.5) they crowded out the zone names, which are what that map is for.
STREET_NAMES_ZOOM = 14.5
PLACE_NAMES_ZOOM = 14
_BASEMAP_SOURCES = ("base_water", "base_parks", "base_streets", "base_buildings")
# Labels closer than this to one already drawn are left out (a label is ~100 px ≈ 400 m at
# zoom 14); place names come first, then the longest streets.
_LABEL_SPACING_M = 260
_SEARCH_COLOUR = "#1F2937"


@dataclass(frozen=True)
class Place:
    """A searched place and the walk around it (components.modes.kiosk_story)."""

    name: str
    x: float  # EPSG:25832 metres
    y: float
    radius_m: float
    project_ids: frozenset[str]
    place_ids: frozenset[str]


def zone_map(area_id: str | None, lang: str, place: Place | None = None) -> folium.Map:
    """The zone `area_id` framed with its points; None: the three focus zones, no points.
    With ``place``: the walk around it (a ring) and the projects and places inside."""
    layers = _layers(*data.cache_key(), lang)
    shown = _shown(area_id, lang, place)
    points: list[PointLayer] = []
    if shown is not None:
        projects, places = shown
        layers_shown = [
            PointLayer(
                name=translate("kiosk.map.projects_layer", lang),
                data=projects,
                colour_by="status",
                colours=STATUS_COLOURS,
                marker="projects",
            ),
            PointLayer(
                name=translate("kiosk.map.places_layer", lang),
                data=places,
                colour_by="place_type",
                colours=PLACE_TYPE_COLOURS,
            ),
        ]
        # a walk with no project near it (outside the focus zones) has no project layer
        points = [layer for layer in layers_shown if layer.data["features"]]
    fmap = overview_map(
        zones=layers["zones"],
        labels={"zone": translate("map.zone", lang)},
        basemap=layers["basemap"],
        points=points,
        selected_area_id=area_id,
        zoom=ZOOM,
    )
    fmap.options["zoomSnap"] = 0.25  # frame the zone closely, not at the next whole zoom out
    # the searched place is labelled by its ring (_walk_ring): not twice
    labels = [label for label in layers["labels"] if place is None or label["name"] != place.name]
    _name_labels(labels).add_to(fmap)
    fmap.add_child(KioskLockdown())
    if place is None:
        fmap.fit_bounds(layers["bounds"][area_id or "focus"])
    else:
        _walk_ring(place).add_to(fmap)
        ring = gpd.GeoSeries([shapely.Point(place.x, place.y).buffer(place.radius_m)], crs=_crs())
        west, south, east, north = ring.to_crs(WEB_CRS).total_bounds
        fmap.fit_bounds([[south, west], [north, east]])
    return fmap


def show(area_id: str | None, lang: str, *, height: int, place: Place | None = None) -> None:
    where = f"place_{place.name}" if place is not None else area_id or "focus"
    widget.show(zone_map(area_id, lang, place), key=f"kiosk_map_{where}_{lang}", height=height)


def legend_entries(area_id: str | None, lang: str, place: Place | None = None) -> dict[str, Any]:
    """The colour key of what the map shows: (colour, label) per project status and per place
    type present, under their layers' names."""
    shown = _shown(area_id, lang, place)
    if shown is None:
        return {}
    projects, places = shown
    statuses = {f["properties"]["status"] for f in projects["features"]}
    types = {f["properties"]["place_type"] for f in places["features"]}
    return {
        translate("kiosk.map.projects_layer", lang): [
            (colour, enum_label("status", code, lang))
            for code, colour in STATUS_COLOURS.items()
            if code in statuses
        ],
        translate("kiosk.map.places_layer", lang): [
            (colour, enum_label("place_type", code, lang))
            for code, colour in PLACE_TYPE_COLOURS.items()
            if code in types
        ],
    }


def _shown(
    area_id: str | None, lang: str, place: Place | None
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(projects, places) the map shows: those within the walk around ``place``, else those of
    the zone; None for the introduction (no zone, no place: no points)."""
    layers = _layers(*data.cache_key(), lang)
    if place is not None:
        return (
            _only(layers["projects"], "project_id", place.project_ids),
            _only(layers["places"], "place_id", place.place_ids),
        )
    if area_id is not None:
        return (
            _only(layers["projects"], "area_id", {area_id}),
            _only(layers["places"], "area_id", {area_id}),
        )
    return None


def _only(collection: dict[str, Any], column: str, values: object) -> dict[str, Any]:
    wanted = set(values)  # type: ignore[call-overload]
    features = [f for f in collection["features"] if f["properties"].get(column) in wanted]
    return {"type": "FeatureCollection", "features": features}


def _crs() -> str:
    return str(data.tables()["areas"].crs)


def _walk_ring(place: Place) -> folium.FeatureGroup:
    """The searched place: a dot, its name, and the ring of the walk around it."""
    centre = gpd.GeoSeries([shapely.Point(place.x, place.y)], crs=_crs()).to_crs(WEB_CRS).iloc[0]
    group = folium.FeatureGroup(name="search", control=False)
    folium.Circle(
        location=(centre.y, centre.x),
        radius=place.radius_m,
        color=_SEARCH_COLOUR,
        weight=3,
        dash_array="8 6",
        fill=False,
        interactive=False,
    ).add_to(group)
    folium.CircleMarker(
        location=(centre.y, centre.x),
        radius=9,
        color="#FFFFFF",
        weight=3,
        fill=True,
        fill_color=_SEARCH_COLOUR,
        fill_opacity=1,
        interactive=False,
    ).add_to(group)
    folium.Marker(
        location=(centre.y, centre.x),
        icon=folium.DivIcon(
            html=f'<div class="ok-kiosk-search-label">{html.escape(place.name)}</div>',
            icon_size=(0, 0),
        ),
        interactive=False,
        keyboard=False,
    ).add_to(group)
    return group


def _name_labels(labels: list[dict[str, Any]]) -> folium.FeatureGroup:
    """Street and place names as text on the map (not clickable)."""
    group = folium.FeatureGroup(name="names", control=False)
    for label in labels:
        css = "ok-kiosk-place-name" if label["kind"] != "street" else "ok-kiosk-street-name"
        folium.Marker(
            location=(label["lat"], label["lon"]),
            icon=folium.DivIcon(
                html=f'<div class="{css}">{html.escape(label["name"])}</div>', icon_size=(0, 0)
            ),
            interactive=False,
            keyboard=False,
        ).add_to(group)
    return group


def _spaced_labels(names: gpd.GeoDataFrame, streets: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Place names first, then streets by their length, each far enough from those kept."""
    length = streets[streets["name"].notna()].assign(length=lambda df: df.geometry.length)
    street_length = length.groupby("name")["length"].sum()
    priority = [
        (0 if kind != "street" else 1, -street_length.get(name, 0.0))
        for name, kind in zip(names["name"], names["kind"], strict=True)
    ]
    ordered = names.assign(_priority=priority).sort_values("_priority")
    kept: list[shapely.Point] = []
    chosen = []
    for index, point in zip(ordered.index, ordered.geometry, strict=True):
        if all(point.distance(other) >= _LABEL_SPACING_M for other in kept):
            kept.append(point)
            chosen.append(index)
    picked = names.loc[chosen].to_crs(WEB_CRS)
    return [
        {"name": str(name), "kind": str(kind), "lat": point.y, "lon": point.x}
        for name, kind, point in zip(picked["name"], picked["kind"], picked.geometry, strict=True)
    ]


@st.cache_data(show_spinner=False, max_entries=4)
def _layers(path: str, mtime: float, lang: str) -> dict[str, Any]:
    tables = data.tables()
    areas = tables["areas"]
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    focus = zones[zones["is_focus"]]
    outline = areas[areas["level"] == Level.KOMMUNE]
    focus_ids = set(focus["area_id"])
    # Every project is an example: its name says so where the map shows it.
    projects = tables["projects"].assign(
        name=lambda df: [
            sample_mark.mark(name, lang) if is_sample else name
            for name, is_sample in zip(df["name"], df["is_sample"], strict=True)
        ],
        type_label=lambda df: [enum_label("status", s, lang) for s in df["status"]],
    )
    places = tables["meeting_places"].assign(
        type_label=lambda df: [enum_label("place_type", p, lang) for p in df["place_type"]]
    )
    bounds: dict[str, list[list[float]]] = {}
    for key, frame in [("focus", focus), *((a, focus[focus["area_id"] == a]) for a in focus_ids)]:
        west, south, east, north = frame.to_crs(WEB_CRS).total_bounds
        bounds[str(key)] = [[south, west], [north, east]]
    around_focus = focus.geometry.union_all().buffer(1500)
    names = tables["place_names"]
    tolerance = prepare.tolerance_for_zoom(ZOOM - 2)
    return {
        "bounds": bounds,
        "zones": prepare.to_browser_geojson(zones, ["area_id", "name", "is_focus"], tolerance),
        "basemap": prepare.basemap(
            {"outline": outline, **{name: tables[name] for name in _BASEMAP_SOURCES}},
            zoom=ZOOM,
        ),
        "labels": _spaced_labels(
            names[names.geometry.within(around_focus)], tables["base_streets"]
        ),
        "projects": prepare.to_browser_geojson(
            projects, ["project_id", "name", "status", "type_label", "area_id"]
        ),
        "places": prepare.to_browser_geojson(
            places, ["place_id", "name", "place_type", "type_label", "area_id"]
        ),
    }


class KioskLockdown(MacroElement):
    """Inside the map: the attribution as plain text (Leaflet's own link would replace the
    kiosk with another web site), finger-sized zoom buttons and layer switches, no text
    selection and no context menu; street and place names only at zooms where they can be
    read."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          map.attributionControl.setPrefix('Leaflet');
          document.addEventListener('contextmenu', (event) => event.preventDefault(), true);
          // names only where they can be read (STREET_NAMES_ZOOM, PLACE_NAMES_ZOOM)
          const names = () => {
            const zoom = map.getZoom(), box = map.getContainer().classList;
            box.toggle('ok-no-street-names', zoom < {{ this.street_zoom }});
            box.toggle('ok-no-place-names', zoom < {{ this.place_zoom }});
          };
          map.on('zoomend', names);
          map.whenReady(names);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "KioskLockdown"
        self.street_zoom = STREET_NAMES_ZOOM
        self.place_zoom = PLACE_NAMES_ZOOM

    def render(self, **kwargs: Any) -> None:
        root = self.get_root()
        assert isinstance(root, Figure)  # a folium.Map always sits in a Figure
        root.header.add_child(Element(_KIOSK_MAP_CSS), name="ok_kiosk_css")
        super().render(**kwargs)


_KIOSK_MAP_CSS = """<style>
html, body, .leaflet-container { -webkit-user-select: none; user-select: none;
  -webkit-touch-callout: none; }
.leaflet-control-zoom a.leaflet-control-zoom-in, .leaflet-control-zoom a.leaflet-control-zoom-out {
  width: 48px; height: 48px; line-height: 48px; font-size: 28px; }
.leaflet-control-layers-overlays label { min-height: 44px; display: flex; align-items: center; }
.leaflet-control-layers-overlays label > span, .leaflet-control-layers-overlays label > div {
  display: flex; align-items: center; gap: 8px; font-size: 16px; }
.leaflet-control-layers-selector { width: 24px; height: 24px; margin: 0; }
.leaflet-control-attribution a { pointer-events: none; color: inherit; text-decoration: none; }
.ok-kiosk-street-name, .ok-kiosk-place-name, .ok-kiosk-search-label {
  position: absolute; transform: translate(-50%, -50%); white-space: nowrap; pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; color: #374151; }
.ok-kiosk-street-name { font: 500 12px/1.2 system-ui, sans-serif; }
.ok-no-street-names .ok-kiosk-street-name, .ok-no-place-names .ok-kiosk-place-name {
  display: none; }
.ok-kiosk-place-name { font: italic 600 14px/1.2 system-ui, sans-serif; color: #1F2937; }
.ok-kiosk-search-label { font: 700 16px/1.2 system-ui, sans-serif; color: #111827;
  transform: translate(-50%, -170%); }
</style>"""
