"""Coverage against geometry computed by hand: a square zone, one place, a tiny network."""

from __future__ import annotations

import math

import geopandas as gpd
import pytest
import shapely

from geo.analysis import coverage
from geo.schema import CRS
from tests.unit.test_network import cross_edges

SQUARE = shapely.box(-100, -100, 100, 100)  # 200 m × 200 m = 40 000 m²


def _model(place_xy=(0, 0), stops=()):
    zones = gpd.GeoDataFrame({"area_id": ["z"], "name": ["Kvadrat"]}, geometry=[SQUARE], crs=CRS)
    places = gpd.GeoDataFrame(
        {"place_id": ["p"], "place_type": ["park"]}, geometry=[shapely.Point(place_xy)], crs=CRS
    )
    stop_frame = gpd.GeoDataFrame(
        {
            "stop_place_id": [s[0] for s in stops],
            "stop_name": [s[0] for s in stops],
            "departures_day": [s[2] for s in stops],
        },
        geometry=[shapely.Point(s[1]) for s in stops],
        crs=CRS,
    )
    return coverage.prepare(zones, cross_edges(), places, stop_frame, max_distance=800)


def test_straight_line_share_of_a_square_with_one_point_in_the_middle():
    reach = coverage.straight_line_area([shapely.Point(0, 0)], 50)
    # a circle of radius 50 m inside the square: π·50² / 200²
    assert coverage.share_within(SQUARE, reach) == pytest.approx(math.pi * 2500 / 40000, rel=0.01)


def test_straight_line_circle_larger_than_the_square_covers_it_all():
    reach = coverage.straight_line_area([shapely.Point(0, 0)], 150)  # corner is 141 m away
    assert coverage.share_within(SQUARE, reach) == pytest.approx(1.0)


def test_straight_line_point_in_a_corner_covers_a_quarter_circle():
    reach = coverage.straight_line_area([shapely.Point(100, 100)], 100)
    assert coverage.share_within(SQUARE, reach) == pytest.approx(
        math.pi * 100**2 / 4 / 40000, rel=0.01
    )


def test_network_service_area_on_the_cross():
    model = _model()
    result = coverage.coverage(model, ["park"], 30)
    # Four arms of 30 m from the centre, widened 50 m to each side with round ends: two
    # 60 × 100 bars with round caps (each 60·100 + π·50²), minus their shared 100 × 100 centre.
    width = coverage.SERVICE_WIDTH_M
    bar = 60 * 2 * width + math.pi * width**2
    expected = 2 * bar - (2 * width) ** 2
    row = result.table.iloc[0]
    assert row["network_m2"] == pytest.approx(expected, rel=0.01)
    assert row["network_share"] == pytest.approx(expected / 40000, rel=0.01)
    assert row["straight_share"] == pytest.approx(math.pi * 900 / 40000, rel=0.01)
    # what is not reached is the gap: the two add up to the zone
    gap = result.gaps.geometry.iloc[0].area
    assert gap + row["network_m2"] == pytest.approx(40000)


def test_network_is_never_more_than_the_width_around_the_paths():
    model = _model()
    row = coverage.coverage(model, ["park"], 800).table.iloc[0]
    # The whole cross, widened 50 m: everything but four 50 × 50 corners.
    assert row["network_share"] == pytest.approx((40000 - 4 * 2500) / 40000, rel=0.001)
    assert row["straight_share"] == pytest.approx(1.0)


def test_a_place_off_the_path_walks_to_it_first():
    model = _model(place_xy=(100, 20))  # 20 m from node (100, 0)
    row = coverage.coverage(model, ["park"], 30).table.iloc[0]
    # 10 m of the east arm is reached: a 10 m piece widened to a capsule, clipped by the square
    capsule = shapely.LineString([(90, 0), (100, 0)]).buffer(50, quad_segs=8)
    assert row["network_m2"] == pytest.approx(SQUARE.intersection(capsule).area, rel=0.01)


def test_no_type_chosen_covers_nothing():
    row = coverage.coverage(_model(), [], 500).table.iloc[0]
    assert row["network_share"] == 0 and row["straight_share"] == 0


def test_distance_beyond_the_precomputed_one_is_refused():
    with pytest.raises(ValueError):
        coverage.coverage(_model(), ["park"], 900)


def test_transit_access_counts_stops_in_walking_reach():
    model = _model(stops=[("inne", (50, 0), 100), ("kant", (0, 90), 7), ("nord", (0, 300), 40)])
    # "inne" and "kant" lie in the zone: in reach at any distance. "nord" is 300 m north of the
    # centre, off the network: from the centre node (the zone's only inner node) 100 m up the
    # north arm to (0, 100), then 200 m in a straight line to the stop = 300 m.
    near = coverage.transit_access(model, 299).iloc[0]
    assert near["stops"] == 2 and near["departures"] == 107
    assert near["best_stop"] == "inne" and near["best_departures"] == 100
    far = coverage.transit_access(model, 300).iloc[0]
    assert far["stops"] == 3 and far["departures"] == 147
