"""The kiosk's place search: forgiving matches on the real gazetteer, and a straight-line walk."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.analysis import placesearch
from geo.build.placenames import build_place_names
from geo.schema import CRS
from geo.store import open_store


@pytest.fixture(scope="module")
def names() -> gpd.GeoDataFrame:
    return open_store().read("place_names")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Møllenberg", "Møllenberg"),
        ("mollenberg", "Møllenberg"),  # Ø typed as O, lower case
        ("MØLLENBERG", "Møllenberg"),
        ("innherredsvegen", "Innherredsveien"),  # veg/vei
        ("Innheredsveien", "Innherredsveien"),  # one letter missing
        ("Lademoen", "Lademoen"),
        ("tempe", "Tempe"),
    ],
)
def test_search_finds_the_name_despite_case_letters_and_typos(names, query, expected):
    found = placesearch.search(names, query)
    assert found["name"].iloc[0] == expected


def test_exact_name_comes_before_names_that_only_start_with_it(names):
    found = placesearch.search(names, "Lade")["name"].tolist()
    assert found[0] == "Lade"
    assert "Lademoen" in found
    assert found.index("Lade") < found.index("Lademoen")


@pytest.mark.parametrize("query", ["", " ", "ø", "qqqqqqqq"])
def test_too_short_or_unknown_queries_find_nothing(names, query):
    assert placesearch.search(names, query).empty


@pytest.mark.parametrize("query", ["vei", "veien", "veg"])
def test_the_word_for_road_alone_finds_only_names_with_it(names, query):
    found = placesearch.search(names, query, limit=50)
    assert not found.empty
    keys = found["name"].map(placesearch.normalise)
    assert keys.str.contains("vei|veg").all(), found["name"].tolist()  # not "Valentinlyst"


def test_normalise_folds_norwegian_letters_and_punctuation():
    assert placesearch.normalise("  Øvre Æsird-Å gate ") == "ovre aesird a gate"


def test_nearby_keeps_points_within_the_walk_nearest_first_with_minutes():
    origin = shapely.Point(0, 0)
    points = gpd.GeoDataFrame(
        {"name": ["far", "near", "edge"]},
        geometry=[shapely.Point(900, 0), shapely.Point(50, 0), shapely.Point(0, 400)],
        crs=CRS,
    )
    found = placesearch.nearby(points, origin, minutes=5)
    assert found["name"].tolist() == ["near", "edge"]
    assert found["walk_min"].tolist() == [1, 5]
    assert placesearch.walk_radius_m(5) == 400


def test_gazetteer_has_one_point_per_street_on_the_street_and_the_place_labels():
    streets = gpd.GeoDataFrame(
        {"name": ["Storgata", "Storgata", None, "Stien"], "osm_class": ["minor"] * 3 + ["path"]},
        geometry=[
            shapely.LineString([(0, 0), (100, 0)]),
            shapely.LineString([(100, 0), (200, 0)]),
            shapely.LineString([(0, 50), (10, 50)]),
            shapely.LineString([(0, 90), (10, 90)]),
        ],
        crs=CRS,
    )
    labels = gpd.GeoDataFrame(
        {"name": ["Bakken", "Gården"], "osm_place": ["neighbourhood", "farm"]},
        geometry=[shapely.Point(5, 5), shapely.Point(6, 6)],
        crs=CRS,
    )
    built = build_place_names(streets, labels)
    assert built["name"].tolist() == ["Storgata", "Bakken"]  # no paths, no farms, no blanks
    assert built["kind"].tolist() == ["street", "neighbourhood"]
    street_point = built.geometry.iloc[0]
    assert streets.geometry.iloc[:2].union_all().distance(street_point) < 1e-6


def test_built_gazetteer_covers_the_focus_zones(names):
    assert isinstance(names, pd.DataFrame) and len(names) > 500
    for name in ("Innherredsveien", "Lademoen", "Møllenberg", "Sorgenfriveien"):
        assert name in set(names["name"]), name
