"""geo.analysis.filters: an empty choice lets everything through; each filter cuts what it names."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.analysis import filters
from geo.analysis.filters import Filters


@pytest.fixture
def projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_id": ["a", "a", "b"],
            "goal": ["stedsutvikling", "tjenesteutvikling", "stedsutvikling"],
            "focus_area": ["bomiljo", "fou", "bomiljo"],
            "status": ["pagar", "ide", "avsluttet"],
            "start_year": [2026, 2028, 2022],
            "end_year": [2027, 2030, 2024],
        }
    )


def test_no_filter_keeps_everything(projects):
    assert Filters().is_empty
    assert len(filters.projects(projects, Filters())) == 3


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (Filters(zones=("b",)), [2]),
        (Filters(goals=("stedsutvikling",)), [0, 2]),
        (Filters(focus_areas=("fou",)), [1]),
        (Filters(statuses=("pagar", "ide")), [0, 1]),
        (Filters(years=(2025, 2026)), [0]),  # overlaps 2026–2027 only
        (Filters(years=(2024, 2028)), [0, 1, 2]),
        (Filters(goals=("stedsutvikling",), zones=("a",)), [0]),
    ],
)
def test_each_project_filter(projects, chosen, expected):
    assert filters.projects(projects, chosen).index.tolist() == expected


def test_meeting_places_split_kindergartens_and_filter_types():
    places = pd.DataFrame({"area_id": ["a", "a", "b"], "place_type": ["park", "barnehage", "park"]})
    assert filters.meeting_places(places, Filters()).index.tolist() == [0, 2]
    assert filters.meeting_places(places, Filters(), kindergartens=True).index.tolist() == [1]
    only_kindergartens = Filters(place_types=("barnehage",))
    assert filters.meeting_places(places, only_kindergartens).empty
    assert filters.meeting_places(places, Filters(zones=("b",))).index.tolist() == [2]


def test_grants_by_zone_and_year():
    grants = pd.DataFrame({"area_id": ["a", "b", "b"], "year": [2023, 2024, 2026]})
    assert filters.grants(grants, Filters(zones=("b",), years=(2025, 2031))).index.tolist() == [2]


def test_reference_layers_follow_the_zone_filter_spatially():
    zones = gpd.GeoDataFrame(
        {"area_id": ["a", "b"]}, geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10)], crs=25832
    )
    stops = gpd.GeoDataFrame(
        {"name": ["in a", "in b"]}, geometry=[Point(5, 5), Point(15, 5)], crs=25832
    )
    assert filters.within_zones(stops, zones, Filters()).index.tolist() == [0, 1]
    assert filters.within_zones(stops, zones, Filters(zones=("b",))).index.tolist() == [1]


def test_year_span_covers_projects_and_grants(projects):
    grants = pd.DataFrame({"year": [2021, 2031]})
    assert filters.year_span(projects, grants) == (2021, 2031)
