"""The dasymetric population estimate per levekårssone (geo.analysis.dasymetric, geo.build)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.analysis import dasymetric
from geo.build import population as population_estimate
from geo.schema import CRS


def _square(x: float, y: float, side: float) -> shapely.Polygon:
    return shapely.box(x, y, x + side, y + side)


def _areas() -> gpd.GeoDataFrame:
    """Delområde A (0–200 × 0–100) holds zones a1 (left) and a2 (right); delområde B
    (200–300) is zone b, one zone for the whole delområde."""
    rows = [
        ("del-A", "delomrade", shapely.box(0, 0, 200, 100)),
        ("del-B", "delomrade", shapely.box(200, 0, 300, 100)),
        ("lks-a1", "levekarssone", shapely.box(0, 0, 100, 100)),
        ("lks-a2", "levekarssone", shapely.box(100, 0, 200, 100)),
        ("lks-b", "levekarssone", shapely.box(200, 0, 300, 100)),
    ]
    return gpd.GeoDataFrame(
        {"area_id": [r[0] for r in rows], "level": [r[1] for r in rows]},
        geometry=[r[2] for r in rows],
        crs=CRS,
    )


def _buildings() -> gpd.GeoDataFrame:
    """a1: a 3-storey block (10×10) and a shed (5×5); a2: a 1-storey house (10×10) on
    residential land and an office (10×10) on industrial land; b: two houses."""
    shapes = [
        (_square(10, 10, 10), 10.98),  # a1, 3 storeys
        (_square(50, 50, 5), 3.66),  # a1, 25 m²: a shed, left out
        (_square(110, 10, 10), 3.66),  # a2, 1 storey
        (_square(150, 50, 10), 7.32),  # a2, industrial
        (_square(210, 10, 10), 3.66),  # b
        (_square(250, 50, 10), 3.66),  # b
    ]
    return gpd.GeoDataFrame(
        {"render_height_m": [h for _, h in shapes]}, geometry=[g for g, _ in shapes], crs=CRS
    )


def _landuse() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"osm_class": ["residential", "industrial"]},
        geometry=[shapely.box(100, 0, 140, 40), shapely.box(140, 40, 180, 80)],
        crs=CRS,
    )


def _population(a: int, b: int, year: int = 2025) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": "befolkning",
            "area_id": ["del-A", "del-B"],
            "year": year,
            "value": [float(a), float(b)],
        }
    )


EXTENT = shapely.box(-10, -10, 400, 400)


def test_floor_space_is_footprint_times_storeys_weighted_by_land_use() -> None:
    weights = dasymetric.building_weights(_buildings(), _landuse())
    assert weights["storeys"].tolist() == [3, 1, 1, 2, 1, 1]
    assert weights["landuse"].tolist() == [
        dasymetric.UNMAPPED,
        dasymetric.UNMAPPED,
        "residential",
        "industrial",
        dasymetric.UNMAPPED,
        dasymetric.UNMAPPED,
    ]
    assert weights["weight"].tolist() == pytest.approx([300.0, 0.0, 100.0, 0.0, 100.0, 100.0])


def test_largest_remainder_sums_to_the_total_and_gives_nothing_to_zero_weight() -> None:
    for total in (0, 1, 7, 1001, 6086):
        for weights in ([1, 1, 1], [3, 0, 1, 2], [0.1, 5.5, 0, 0, 2.2], [1]):
            persons = dasymetric.largest_remainder(total, np.array(weights, dtype=float))
            assert persons.sum() == total
            assert all(p == 0 for p, w in zip(persons, weights, strict=True) if w == 0)
            assert persons.dtype.kind == "i"
    assert dasymetric.largest_remainder(10, np.array([1.0, 1.0, 1.0])).tolist() == [4, 3, 3]
    with pytest.raises(ValueError):
        dasymetric.largest_remainder(5, np.array([0.0, 0.0]))


def test_the_estimate_sums_per_delomrade_and_a_whole_delomrade_zone_gets_its_total() -> None:
    areas, population = _areas(), _population(1001, 437)
    estimate = population_estimate.estimate(areas, population, _buildings(), _landuse(), EXTENT)
    by_zone = estimate.values.set_index("area_id")["value"]
    assert by_zone["lks-a1"] + by_zone["lks-a2"] == 1001  # to the person
    assert by_zone["lks-b"] == 437  # one zone = one delområde: exactly SSB's figure
    # 300 m² of homes in a1 and 100 m² in a2 (the shed and the industrial building weigh 0)
    assert by_zone["lks-a1"] == 751 and by_zone["lks-a2"] == 250
    assert set(estimate.values["indicator_id"]) == {"befolkning_estimert"}
    assert not estimate.values["is_sample"].any()
    assert estimate.values["source"].str.contains("SSB").all()
    assert estimate.values["source"].str.contains("OpenStreetMap").all()


def test_a_zone_without_residential_floor_space_gets_zero() -> None:
    buildings = _buildings()
    buildings = buildings[buildings.geometry.centroid.x < 100]  # a2 keeps no building
    buildings = pd.concat(
        [
            buildings,
            gpd.GeoDataFrame(
                {"render_height_m": [7.32, 3.66]},
                geometry=[_square(150, 50, 10), _square(210, 10, 10)],  # industrial; b's house
                crs=CRS,
            ),
        ],
        ignore_index=True,
    )
    pieces = dasymetric.pieces(
        dasymetric.building_weights(buildings, _landuse()),
        _areas()[lambda a: a["level"] == "delomrade"],
        _areas()[lambda a: a["level"] == "levekarssone"],
    )
    values = dasymetric.estimate(
        pieces,
        _population(1001, 437).rename(columns={"area_id": "del_id"}),
        ["lks-a1", "lks-a2", "lks-b"],
    ).set_index("area_id")["value"]
    assert values["lks-a1"] == 1001
    assert values["lks-a2"] == 0  # only an industrial building: no residential floor space


def test_zones_outside_the_building_extract_are_not_estimated() -> None:
    small_extent = shapely.box(-10, -10, 210, 400)  # delområde B sticks out
    estimate = population_estimate.estimate(
        _areas(), _population(1001, 437), _buildings(), _landuse(), small_extent
    )
    assert set(estimate.values["area_id"]) == {"lks-a1", "lks-a2"}


def test_every_year_is_estimated_and_each_year_sums_to_ssb() -> None:
    population = pd.concat([_population(1001, 437, 2002), _population(990, 440, 2025)])
    estimate = population_estimate.estimate(_areas(), population, _buildings(), _landuse(), EXTENT)
    in_a = estimate.values[estimate.values["area_id"].isin(["lks-a1", "lks-a2"])]
    assert in_a.groupby("year")["value"].sum().to_dict() == {2002: 1001, 2025: 990}


def test_the_built_dataset_sums_per_delomrade_for_every_year(
    built_tables: dict[str, pd.DataFrame],
) -> None:
    """In the real build: the three focus zones are estimated for every year 2002–2025, in
    whole persons, and zones outside the OSM extract never are."""
    values = built_tables["indicator_values"]
    areas = built_tables["areas"]
    estimated = values[values["indicator_id"] == "befolkning_estimert"]
    focus = areas.loc[areas["is_focus"], "area_id"]
    for area_id in focus:
        years = sorted(estimated.loc[estimated["area_id"] == area_id, "year"])
        assert years == list(range(2002, 2026)), area_id
    assert (estimated["value"] == estimated["value"].round()).all()
    lademoen = areas.loc[areas["name"] == "Lademoen", "area_id"].iloc[0]
    # Klæbu, Byåsen etc. lie outside the OSM extract: never estimated
    outside = areas.loc[areas["name"].isin(["Klæbu", "Saupstad"]), "area_id"]
    assert not estimated["area_id"].isin(outside).any()
    assert lademoen in set(estimated["area_id"])


def test_a_zone_shows_its_own_estimate_and_never_falls_back_to_the_delomrade() -> None:
    from geo.analysis import overview

    areas = pd.DataFrame(
        {
            "area_id": ["lks-a1", "lks-x", "del-A"],
            "level": ["levekarssone", "levekarssone", "delomrade"],
            "name": ["A1", "X", "A"],
            "parent_id": ["del-A", "del-A", None],
        }
    )
    values = pd.DataFrame(
        {
            "indicator_id": ["befolkning", "befolkning_estimert", "befolkning_estimert"],
            "area_id": ["del-A", "lks-a1", "lks-a1"],
            "year": [2025, 2024, 2025],
            "value": [6086.0, 2601.0, 2665.0],
        }
    )
    own = overview.zone_estimate("lks-a1", areas, values)
    assert own is not None and own.estimated and own.value == 2665 and own.year == 2025
    assert overview.zone_estimate("lks-x", areas, values) is None  # not estimated: no guess
    context = overview.latest_population("lks-x", areas, values)
    assert context is not None and context.area_name == "A" and not context.estimated
    series = overview.population_series("lks-a1", areas, values)
    assert series["value"].tolist() == [2601.0, 2665.0]
