"""components.kart.permalink: a view survives the URL; anything unknown is dropped, never raised."""

from __future__ import annotations

import pytest

from components.kart.permalink import KartView, Known, decode, encode, encode_all
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
