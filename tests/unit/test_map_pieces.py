"""The pieces behind the user-test fixes on the maps: no scroll on a press, drawing over
clicks, the drawn outline, marker shapes and drawing order, zone labels, sample marks, Ja/Nei,
and a chart that keeps every label. Builders are rendered to HTML/JSON and read, no browser."""

from __future__ import annotations

from unittest import mock

import folium
import numpy as np
import pandas as pd
import pytest

from components.charts.overview import chart_height, places_by_type_chart
from components.i18n import format as fmt
from components.kart import map as kart_map
from components.kart import widget as kart_widget
from components.kart.layers import LAYERS, Colouring
from components.maps import style as map_style
from components.maps import widget as map_widget
from components.maps.shapes import SHAPE_CSS, SHAPES

CIRCLE = {
    "type": "Feature",
    "properties": {"radius": 400.0},
    "geometry": {"type": "Point", "coordinates": [10.41, 63.43]},
}


def _html(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def test_every_map_focuses_without_scrolling_once():
    fmap = folium.Map(location=(63.43, 10.4), zoom_start=13)
    with mock.patch("streamlit_folium.st_folium", return_value=None) as st_folium:
        map_widget.show(fmap, key="m", height=300)
        map_widget.show(fmap, key="m", height=300)  # a rerun with the same map
    assert st_folium.call_count == 2
    html = _html(fmap)
    assert html.count("focus({preventScroll: true})") == 1
    assert "keyboard.disable()" in html and "keyboard.enable()" in html


def _base() -> folium.Map:
    return kart_map.base_map(
        basemap={},
        view=kart_map.BaseView(centre=(63.43, 10.4), zoom=14),
        copy_link={"label": "Kopier lenke", "done": "Kopiert", "failed": "Kopier selv"},
    )


def test_while_drawing_zones_and_points_let_the_pointer_through():
    html = _html(_base())
    assert "draw:drawstart" in html and "ok-drawing" in html
    assert ".ok-drawing .leaflet-overlay-pane *" in html  # the canvas with zones and points
    assert "pointer-events: none" in html


def test_the_drawn_area_is_a_strong_outline_and_draw_s_own_shape_is_cleared():
    outline = kart_widget.drawn_outline(CIRCLE)
    assert outline is not None and outline["geometry"]["type"] == "Polygon"
    group = kart_map.selection_group(zone=None, points=[], drawing=outline)
    styles = [
        child.style_function(outline)
        for child in group._children.values()
        if isinstance(child, folium.GeoJson)
    ]
    assert styles == [map_style.DRAWN_CASING_STYLE, map_style.DRAWN_SELECTION_STYLE]
    assert map_style.DRAWN_SELECTION_STYLE["weight"] >= 4
    fmap = _base()
    group.add_to(fmap)
    assert "__okDrawn.clearLayers()" in _html(fmap)
    assert kart_widget.drawn_outline(None) is None
    assert kart_widget.drawn_outline({"type": "Feature", "properties": {"area_id": "x"}}) is None


def test_each_point_layer_has_its_own_shape_and_the_map_can_draw_it():
    shapes = [map_style.KART_MARKER_SHAPES[key] for key in ("projects", "places", "grants")]
    assert len(set(shapes)) == 3 and set(map_style.KART_MARKER_SHAPES.values()) <= set(SHAPES)
    assert set(SHAPE_CSS) == set(SHAPES)
    point = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"fid": "projects:0", "name": "A", "tip": "", "code": "pagar"},
                "geometry": {"type": "Point", "coordinates": [10.4, 63.43]},
            }
        ],
    }
    colouring = Colouring("status", map_style.STATUS_COLOURS, "status")
    group = kart_map.points_group("projects", point, colouring, "projects")
    fmap = _base()
    group.add_to(fmap)
    html = _html(fmap)
    assert '"shape": "diamond"' in html
    assert "L.Canvas.prototype._updateCircle" in html and "L.SVG.prototype._updateCircle" in html


def test_projects_are_drawn_over_meeting_places_and_outlines_under_all():
    order = kart_widget.drawing_order(["places", "catchments", "projects", "stops", "nope"])
    assert order == ["catchments", "stops", "places", "projects"]


def test_zone_names_label_the_map_the_others_only_when_zoomed_in():
    areas = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"area_id": area_id, "name": name, "is_focus": focus},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[x, 63.4], [x + 0.01, 63.4], [x + 0.01, 63.41], [x, 63.4]]],
                },
            }
            for area_id, name, focus, x in (
                ("a", "Lademoen", True, 10.4),
                ("b", "Ila", False, 10.5),
            )
        ],
    }
    fmap = _base()
    kart_map.labels_group(areas).add_to(fmap)
    html = _html(fmap)
    assert '\\u003cdiv class=\\"ok-zone-label\\"\\u003eLademoen' in html  # always shown
    assert '\\"ok-zone-label ok-other\\"\\u003eIla' in html  # only when zoomed in
    assert ".leaflet-container:not(.ok-near) .ok-zone-label.ok-other" in html
    assert f">= {kart_map.NEAR_LABELS_ZOOM}" in html


def test_a_sample_row_s_name_says_example():
    row = pd.Series({"name": "Ungdomsråd", "is_sample": np.True_})
    assert LAYERS["projects"].name(row, "nb") == "Ungdomsråd (eksempel)"
    assert LAYERS["projects"].name(row, "en") == "Ungdomsråd (example)"
    real = pd.Series({"name": "Lademoen bibliotek", "is_sample": np.False_})
    assert LAYERS["places"].name(real, "nb") == "Lademoen bibliotek"


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [(np.True_, "Ja", "Yes"), (np.False_, "Nei", "No"), (True, "Ja", "Yes"), (0, "Nei", "No")],
)
def test_yes_no_is_words_never_true_or_false(value, nb, en):
    assert fmt.yes_no(value, "nb") == nb and fmt.yes_no(value, "en") == en


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA])
def test_a_missing_yes_no_is_a_dash(value):
    assert fmt.yes_no(value, "nb") == fmt.MISSING


def test_the_overview_chart_keeps_every_type_label():
    types = ["park", "lekeplass", "idrett", "nabolagshus", "barnehage", "kafe", "kirke"]
    counts = pd.DataFrame({"area_id": "lks-09", "place_type": types, "count": range(7, 0, -1)})
    spec = places_by_type_chart(
        counts,
        type_labels={t: t.title() for t in types},
        zone_names={"lks-09": "Lademoen"},
        axis_titles={"count": "Antall", "zone": "Sone", "type": "Type"},
    ).to_dict()
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False
    assert spec["height"] == chart_height(7, 1) >= 7 * axis["labelFontSize"] * 2
