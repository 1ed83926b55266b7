"""The click contract without a browser: what st_folium returns becomes the right MapClick, and
the map widget asks only for what it listens to and calls back before the rerun.

The returned values are those the AppTests' fake st_folium produce (tests/app/test_oversikt.py
``_clicked``, test_kart.py, programme.py ``fake_st_folium``, test_data.py, test_modes.py), so
the fakes and the contract cannot drift apart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from unittest import mock

import folium
import pytest
import streamlit as st

from components.kart.map import selection_group
from components.maps import style as map_style
from components.maps import widget
from components.maps.click import MapClick, clicked_area_id, read_click, returned_objects
from components.maps.overview import selection_layer

ZONE = {  # test_oversikt._clicked("lks-09"), test_kart._zone_click
    "last_active_drawing": {
        "type": "Feature",
        "properties": {"area_id": "lks-09", "name": "?", "is_focus": True},
        "geometry": {"type": "Polygon", "coordinates": []},
    }
}
PROJECT = {  # test_kart: a project point of the Kart's layers
    "last_active_drawing": {
        "type": "Feature",
        "properties": {"fid": "projects:3", "name": "?"},
        "geometry": {"type": "Point", "coordinates": [10.4, 63.4]},
    }
}
PROGRAMME_POINT = {  # programme.fake_st_folium(clicked), properties as geo.build.browser sent them
    "last_active_drawing": {
        "type": "Feature",
        "properties": {"project_id": "p&amp;1", "name": "Lademoen &lt;park&gt;"},
        "geometry": {"type": "Point", "coordinates": [10.4, 63.43]},
    }
}
RECTANGLE = {  # test_kart: a rectangle drawn with Leaflet.draw
    "last_active_drawing": {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [[10.40, 63.425], [10.44, 63.425], [10.44, 63.44], [10.40, 63.44], [10.40, 63.425]]
            ],
        },
    }
}
CIRCLE = {  # a circle drawn with Leaflet.draw: a Point with its radius in metres
    "last_active_drawing": {
        "type": "Feature",
        "properties": {"radius": 250.0},
        "geometry": {"type": "Point", "coordinates": [10.42, 63.43]},
    }
}
LOCATION = {"last_clicked": {"lat": 63.4398, "lng": 10.4218}}  # test_data: the edit map
NOTHING = {"last_active_drawing": None}  # test_modes: before any click
KART = ("zone", "shape", "point")


def test_a_zone_click_gives_its_area_id() -> None:
    click = read_click(ZONE, ("zone",))
    assert click == MapClick(
        "zone", area_id="lks-09", properties={"area_id": "lks-09", "name": "?", "is_focus": True}
    )
    assert read_click(ZONE, KART) == click
    assert clicked_area_id(ZONE) == "lks-09"


def test_a_zone_id_comes_back_unescaped() -> None:
    escaped = {
        "last_active_drawing": {**ZONE["last_active_drawing"], "properties": {"area_id": "a&amp;b"}}
    }
    click = read_click(escaped, ("zone",))
    assert click is not None and click.area_id == "a&b"


def test_a_point_click_gives_its_properties_unescaped() -> None:
    click = read_click(PROGRAMME_POINT, ("point",))
    assert click == MapClick("point", properties={"project_id": "p&1", "name": "Lademoen <park>"})
    kart_click = read_click(PROJECT, KART)
    assert kart_click is not None and kart_click.kind == "point"
    assert kart_click.properties["fid"] == "projects:3"


def test_a_drawn_shape_gives_the_feature_as_drawn() -> None:
    click = read_click(RECTANGLE, KART)
    assert click == MapClick("shape", drawing=RECTANGLE["last_active_drawing"])
    circle = read_click(CIRCLE, KART)
    assert circle is not None and circle.kind == "shape"
    # a map that cannot draw reads a Point as a point, radius or not
    point = read_click(CIRCLE, ("point",))
    assert point is not None and point.kind == "point"


def test_a_click_on_the_edit_map_gives_lat_lon() -> None:
    assert read_click(LOCATION, ("location",)) == MapClick("location", lat_lon=(63.4398, 10.4218))


def test_on_a_tiled_map_a_feature_counts_only_when_it_changed() -> None:
    """Vector tiles have no features: after a point was clicked, a click on a tiled zone
    returns the same last_active_drawing and a new last_clicked; that is a location."""
    tiled = (*KART, "location")
    before = {**PROJECT, "last_clicked": {"lat": 63.40, "lng": 10.40}}
    point = read_click(before, tiled, previous={**NOTHING, "last_clicked": None})
    assert point is not None and point.kind == "point"
    after = {**PROJECT, **LOCATION}
    assert read_click(after, tiled, previous=before) == MapClick(
        "location", lat_lon=(63.4398, 10.4218)
    )
    assert read_click(after, tiled).kind == "point"  # no previous: as before
    assert read_click(PROJECT, KART, previous=PROJECT).kind == "point"  # no location: as before


@pytest.mark.parametrize("value", [None, {}, NOTHING, {"last_clicked": None}])
def test_no_click_yet_is_none(value: dict[str, Any] | None) -> None:
    assert read_click(value) is None


def test_a_map_hears_only_what_it_listens_to() -> None:
    assert read_click(PROGRAMME_POINT, ("zone",)) is None  # the overview ignores points
    assert read_click(ZONE, ("point",)) is None
    assert read_click(RECTANGLE, ("zone", "point")) is None
    assert read_click(LOCATION, ("zone",)) is None
    assert read_click(ZONE, ()) is None
    no_id = {"last_active_drawing": {**ZONE["last_active_drawing"], "properties": {"name": "x"}}}
    assert read_click(no_id, ("zone", "point")) is None


def test_the_browser_returns_only_what_is_listened_to() -> None:
    assert returned_objects(()) == []  # nothing reruns the script
    assert returned_objects(("zone",)) == ["last_active_drawing"]
    assert returned_objects(KART) == ["last_active_drawing"]
    assert returned_objects(("location",)) == ["last_clicked"]


class FakeStFolium:
    """st_folium as the AppTests fake it: a new value is copied to st.session_state[key] and
    on_change is called (the rerun that follows is Streamlit's)."""

    def __init__(self, value: dict[str, Any] | None) -> None:
        self.value = value
        self.kwargs: dict[str, Any] = {}

    def __call__(self, fig: folium.Map, *, key: str, on_change: Any = None, **kwargs: Any) -> Any:
        self.kwargs = {"key": key, "on_change": on_change, **kwargs}
        if self.value is not None and on_change is not None:
            st.session_state[key] = self.value
            on_change()
        return self.value


def test_the_widget_calls_back_with_the_click_before_the_rerun() -> None:
    fake = FakeStFolium(ZONE)
    heard: list[MapClick] = []
    group = folium.FeatureGroup(name="selection")
    with mock.patch("streamlit_folium.st_folium", fake):
        returned = widget.show(
            folium.Map(),
            key="test_widget_zone",
            height=300,
            listen=("zone",),
            on_click=heard.append,
            feature_group_to_add=group,
        )
    assert [c.area_id for c in heard] == ["lks-09"]
    assert returned == heard[0]
    assert fake.kwargs["returned_objects"] == ["last_active_drawing"]
    assert fake.kwargs["feature_group_to_add"] is group
    assert fake.kwargs["use_container_width"] is True and fake.kwargs["height"] == 300


def test_a_widget_that_listens_to_nothing_returns_nothing() -> None:
    fake = FakeStFolium(ZONE)
    with mock.patch("streamlit_folium.st_folium", fake):
        returned = widget.show(folium.Map(), key="test_widget_kiosk", height=300)
    assert returned is None
    assert fake.kwargs["returned_objects"] == [] and fake.kwargs["on_change"] is None


def test_a_click_of_another_kind_is_not_called_back() -> None:
    fake = FakeStFolium(PROGRAMME_POINT)
    heard: list[MapClick] = []
    with mock.patch("streamlit_folium.st_folium", fake):
        widget.show(
            folium.Map(),
            key="test_widget_other",
            height=300,
            listen=("zone",),
            on_click=heard.append,
        )
    assert heard == []


def test_only_the_map_widget_calls_st_folium() -> None:
    """One map widget: every page's map, and so every click, goes through widget.show."""
    root = Path(__file__).resolve().parents[2]
    callers = {
        str(path.relative_to(root))
        for folder in ("components", "views")
        for path in (root / folder).rglob("*.py")
        if "streamlit_folium" in path.read_text(encoding="utf-8")
    }
    assert callers == {"components/maps/widget.py"}


def _script(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def _outline_styles(html: str) -> list[dict[str, Any]]:
    """Every style object in the map's script that names a class."""
    return [json.loads(found) for found in re.findall(r'\{[^{}]*"className"[^{}]*\}', html)]


def test_a_map_that_listens_to_zones_outlines_a_click_in_the_browser() -> None:
    """The browser draws the clicked zone's outline itself, in the server's own style."""
    fake = FakeStFolium(None)
    zone_map, point_map = folium.Map(), folium.Map()
    with mock.patch("streamlit_folium.st_folium", fake):
        widget.show(zone_map, key="test_outline_zone", height=300, listen=("zone",))
        widget.show(point_map, key="test_outline_point", height=300, listen=("point",))
    zone_html, point_html = _script(zone_map), _script(point_map)
    assert "_okClickOutline" in zone_html and "_okClickOutline" not in point_html
    assert _outline_styles(zone_html) == [map_style.SELECTION_OUTLINE_STYLE]
    assert "window.feature_group.push" in zone_html  # replaced by the server's answer


def test_shown_twice_the_map_gets_one_outline_handler() -> None:
    fmap = folium.Map()
    with mock.patch("streamlit_folium.st_folium", FakeStFolium(None)):
        for _ in range(2):
            widget.show(fmap, key="test_outline_twice", height=300, listen=("zone",))
    assert _script(fmap).count("_okClickOutline = true") == 1


def test_the_server_outline_is_the_one_the_browser_draws() -> None:
    """Oversikt's and Kart's selection layers carry the style and class the browser looks for."""
    zones = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"area_id": "lks-09", "name": "Lademoen", "is_focus": True},
                "geometry": {"type": "Point", "coordinates": [10.4, 63.4]},
            }
        ],
    }
    for group in (
        selection_layer(zones, "lks-09"),
        selection_group(zone=zones, points=[], drawing=None),
    ):
        fmap = folium.Map()
        group.add_to(fmap)
        html = _script(fmap)
        assert map_style.SELECTION_OUTLINE_STYLE["className"] == map_style.SELECTION_OUTLINE_CLASS
        assert _outline_styles(html) == [map_style.SELECTION_OUTLINE_STYLE]


def test_the_map_is_rendered_once_per_run() -> None:
    """st_folium's own render of the map is the only one (render=False skips a second)."""
    fake = FakeStFolium(None)
    with mock.patch("streamlit_folium.st_folium", fake):
        widget.show(folium.Map(), key="test_render_once", height=300, listen=("zone",))
    assert fake.kwargs["render"] is False
