"""components.kart.permalink: a view survives the URL; anything unknown is dropped, never raised."""

from __future__ import annotations

from dataclasses import replace

import pytest

from components.kart.permalink import (
    KartView,
    Known,
    decode,
    decode_drawing,
    encode,
    encode_all,
    encode_drawing,
)
from geo.analysis.filters import Filters

KNOWN = Known(
    levels=("levekarssone", "delomrade", "bydel"),
    layers=("indicator", "projects", "places", "stops"),
    indicators=("trangbodde", "trygghet"),
    years=(2024, 2025),
    zones=("lks-09", "lks-26", "lks-19"),
    goals=("stedsutvikling", "tjenesteutvikling"),
    focus_areas=("bomiljo", "fou"),
    statuses=("pagar", "ide"),
    place_types=("park", "skole"),
    period=(2022, 2031),
)
DEFAULT = KartView(layers=("indicator", "projects"), indicator="trangbodde", year=2025)

FULL = KartView(
    level="bydel",
    layers=("places", "stops"),
    colour_by="goal",
    indicator="trygghet",
    year=2024,
    filters=Filters(
        zones=("lks-09", "lks-26"),
        goals=("stedsutvikling",),
        focus_areas=("fou",),
        statuses=("pagar", "ide"),
        years=(2026, 2028),
        place_types=("park",),
    ),
    centre=(63.43012, 10.41234),
    zoom=15,
)


def _present(params):
    return {k: v for k, v in params.items() if v is not None}


def test_round_trip_of_a_full_view():
    params = _present(encode(FULL, DEFAULT))
    assert params["period"] == "2026-2028" and params["zones"] == "lks-09,lks-26"
    view, rejected = decode(params, KNOWN, DEFAULT)
    assert rejected == []
    assert view == FULL


def test_the_default_view_gives_no_parameters():
    assert _present(encode(DEFAULT, DEFAULT)) == {}
    assert decode({}, KNOWN, DEFAULT) == (DEFAULT, [])


def test_no_layers_is_written_as_none():
    view = KartView(layers=())
    assert encode_all(view)["layers"] == "none"
    assert decode({"layers": "none"}, KNOWN, DEFAULT)[0].layers == ()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("level", "grunnkrets"),
        ("layers", "projects,<script>"),
        ("layers", ""),
        ("colour", "rainbow"),
        ("ind", "unknown"),
        ("year", "1999"),
        ("year", "twenty"),
        ("zones", "lks-09,lks-99"),
        ("goal", "stedsutvikling;drop"),
        ("status", "pagar,,ide"),
        ("period", "2031-2022"),
        ("period", "2000-2040"),
        ("period", "2026"),
        ("c", "95.0,10.4"),
        ("c", "63.4;10.4"),
        ("c", "abc"),
        ("z", "25"),
        ("z", "-1"),
        ("z", "1e3"),
        ("nonsense", "1"),
    ],
)
def test_malformed_or_unknown_parameters_are_dropped_and_named(name, value):
    view, rejected = decode({name: value, "ptype": "park"}, KNOWN, DEFAULT)
    assert rejected == [name]
    assert view.filters.place_types == ("park",)  # the good parameter is still used
    assert view.level == DEFAULT.level and view.layers == DEFAULT.layers


def test_shared_parameters_are_left_to_components_state():
    assert decode({"lang": "en", "zone": "lks-09"}, KNOWN, DEFAULT) == (DEFAULT, [])


def test_duplicates_in_a_list_are_kept_once():
    view, _ = decode({"layers": "places,places,stops"}, KNOWN, DEFAULT)
    assert view.layers == ("places", "stops")


# --- the drawn area (?draw=) -------------------------------------------------------------------

RECTANGLE = {
    "type": "Feature",
    "properties": {},
    "geometry": {
        "type": "Polygon",
        "coordinates": [
            [[10.4, 63.425], [10.44, 63.425], [10.44, 63.44], [10.4, 63.44], [10.4, 63.425]]
        ],
    },
}
CIRCLE = {
    "type": "Feature",
    "properties": {"radius": 412.5},
    "geometry": {"type": "Point", "coordinates": [10.41, 63.43]},
}


@pytest.mark.parametrize("drawing", [RECTANGLE, CIRCLE])
def test_a_drawing_survives_the_url(drawing):
    value = encode_drawing(drawing)
    assert value is not None and len(value) < 200
    assert decode_drawing(value) == drawing


def test_the_drawing_parameter_reads_as_the_user_sees_it():
    assert encode_drawing(RECTANGLE) == (
        "p:63.425000,10.400000;63.425000,10.440000;63.440000,10.440000;63.440000,10.400000"
    )
    assert encode_drawing(CIRCLE) == "c:63.430000,10.410000,412.5"


@pytest.mark.parametrize(
    "feature",
    [
        None,
        {"type": "Feature", "properties": {"area_id": "lks-09"}, "geometry": {"type": "Point"}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": "garbage"}},
    ],
)
def test_what_is_not_a_drawing_gives_no_parameter(feature):
    assert encode_drawing(feature) is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        "x:1,2",
        "p:63.4,10.4;63.5,10.5",  # two corners are no area
        "p:63.4,10.4;91,10.5;63.5,10.6",  # off the globe
        "p:63.4,10.4;63.5,abc;63.5,10.6",
        "c:63.4,10.4",
        "c:63.4,10.4,-5",
        "c:63.4,10.4,nan",
        "c:63.4,10.4,1e9",
        "p:" + ";".join(["63.4,10.4"] * 501),
    ],
)
def test_a_malformed_drawing_parameter_is_refused(value):
    assert decode_drawing(value) is None


def test_the_drawing_parameter_is_left_to_the_page_not_named_as_ignored():
    view, rejected = decode({"draw": "p:garbage"}, KNOWN, DEFAULT)
    assert view == DEFAULT and rejected == []


def test_every_zone_is_written_when_the_default_filters_on_zones():
    focus = replace(DEFAULT, filters=Filters(zones=("lks-09", "lks-26")))
    params = encode(replace(focus, filters=Filters()), focus)
    assert params["zones"] == "all"
    view, rejected = decode({"zones": "all"}, KNOWN, focus)
    assert view.filters.zones == () and rejected == []
    assert encode(focus, focus)["zones"] is None  # the default stays out of the URL
