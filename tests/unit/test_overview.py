"""Zone summaries on small hand-made tables."""

import geopandas as gpd
import pandas as pd
import shapely

from geo.analysis import overview


def _areas() -> gpd.GeoDataFrame:
    rows = [
        ("lks-09", "levekarssone", "Lademoen", "del-1", True),
        ("lks-10", "levekarssone", "Lilleby", "del-1", False),
        ("del-1", "delomrade", "Lademoen", "byd-1", False),
        ("byd-1", "bydel", "Østbyen", None, False),
    ]
    frame = pd.DataFrame(rows, columns=["area_id", "level", "name", "parent_id", "is_focus"])
    return gpd.GeoDataFrame(frame, geometry=[shapely.box(0, 0, 1, 1)] * 4, crs=25832)


def _values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["befolkning"] * 3 + ["other"],
            "area_id": ["del-1", "del-1", "byd-1", "lks-09"],
            "year": [2024, 2025, 2025, 2025],
            "value": [7900.0, 8037.0, 63000.0, 12.0],
        }
    )


def _projects() -> pd.DataFrame:
    return pd.DataFrame(
        {"area_id": ["lks-09"] * 3, "status": ["pagar", "pagar", "ide"], "is_sample": [True] * 3}
    )


def _places() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_id": ["lks-09", "lks-09", "lks-10", None],
            "place_type": ["park", "skole", "park", "park"],
        }
    )


def test_population_comes_from_the_nearest_level_with_a_figure():
    figure = overview.latest_population("lks-09", _areas(), _values())
    assert figure == overview.Population(8037.0, 2025, "delomrade", "Lademoen")


def test_population_is_none_when_no_level_has_one():
    values = _values()[lambda v: v["indicator_id"] != "befolkning"]
    assert overview.latest_population("lks-09", _areas(), values) is None


def test_zone_summary_counts_projects_and_places():
    summary = overview.zone_summary("lks-09", _areas(), _projects(), _places(), _values())
    assert summary.projects_by_status == {"ide": 1, "pagar": 2}
    assert summary.projects_are_sample
    assert summary.places_by_type == {"park": 1, "skole": 1}
    assert summary.is_focus and summary.n_projects == 3 and summary.n_places == 2


def test_zone_without_projects():
    summary = overview.zone_summary("lks-10", _areas(), _projects(), _places(), _values())
    assert summary.n_projects == 0 and not summary.projects_are_sample
    assert summary.places_by_type == {"park": 1}


def test_population_series_follows_the_reported_level():
    series = overview.population_series("lks-09", _areas(), _values())
    assert series["year"].tolist() == [2024, 2025]
    assert set(series["level"]) == {"delomrade"}


def test_places_by_zone_and_type_only_counts_the_zones_asked_for():
    counts = overview.places_by_zone_and_type(_places(), ["lks-09"])
    assert counts.to_dict("records") == [
        {"area_id": "lks-09", "place_type": "park", "count": 1},
        {"area_id": "lks-09", "place_type": "skole", "count": 1},
    ]


def test_focus_zone_ids():
    assert overview.focus_zone_ids(_areas()) == ["lks-09"]
