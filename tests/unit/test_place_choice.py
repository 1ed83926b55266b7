"""Meeting places chosen by type and zone, and those within a distance of the focus zones."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point, box

from geo.analysis.places import filter_places, within_reach
from geo.schema import CRS


def _places() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "place_id": ["a", "b", "c", "d"],
            "place_type": ["park", "lekeplass", "park", "bibliotek"],
            "area_id": ["z1", "z1", "z2", "z2"],
        },
        geometry=[Point(0, 0), Point(100, 0), Point(700, 0), Point(300, 0)],
        crs=CRS,
    )


def test_filter_places_by_type_and_zone():
    places = _places()
    both = filter_places(places, types=["park"], area_ids=["z2"])
    assert both["place_id"].tolist() == ["c"]


def test_no_zone_chosen_means_every_zone():
    places = _places()
    assert filter_places(places, types=["park", "lekeplass"], area_ids=[])["place_id"].tolist() == [
        "a",
        "b",
        "c",
    ]
    assert filter_places(places, types=[], area_ids=[]).empty


def test_within_reach_counts_straight_line_distance_to_the_area():
    area = box(-50, -50, 50, 50)  # the nearest edge is at x = 50
    reach = within_reach(_places(), types=["park", "bibliotek"], area=area, distance=250)
    assert reach["place_id"].tolist() == ["a", "d"]  # c is 650 m away; b is not a chosen type
