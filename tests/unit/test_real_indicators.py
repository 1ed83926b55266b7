"""The real indicators per levekårssone (geo.analysis.access) on a small hand-made network,
and their place in the built catalog (real, first, with definition, source and year)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.analysis import access, indicator_year
from geo.analysis import network as walk
from geo.build import real_indicators
from geo.schema import CRS


def street() -> walk.WalkNetwork:
    """One straight street along y = 0 from x = 0 to x = 1 000 m, with a node every 100 m."""
    rows = [
        {
            "u": i,
            "v": i + 1,
            "length_m": 100.0,
            "geometry": shapely.LineString([(100 * i, 0), (100 * (i + 1), 0)]),
        }
        for i in range(10)
    ]
    return walk.build_network(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS))


def homes() -> pd.DataFrame:
    """Zone A: 30 persons at x = 0 and 10 at x = 300 (each 10 m off the street);
    zone B: 50 persons at x = 900."""
    return pd.DataFrame(
        {
            "zone_id": ["A", "A", "B"],
            "persons": [30.0, 10.0, 50.0],
            "geometry": [shapely.Point(0, 10), shapely.Point(300, 10), shapely.Point(900, 10)],
        }
    )


def test_walk_distance_counts_the_step_to_the_street_and_stops_at_the_limit() -> None:
    playground = np.array([shapely.Point(100, 20)])  # 20 m off the street at x = 100
    metres = access.home_distance(street(), homes()["geometry"].to_numpy(), playground, 300)
    # 10 m to the street + 100 m along it + 20 m to the playground = 130 m; x = 300: 230 m
    assert metres[0] == pytest.approx(130.0)
    assert metres[1] == pytest.approx(230.0)
    assert np.isinf(metres[2])  # 830 m: beyond 300 m


def test_share_of_residents_within_300_m() -> None:
    playground = np.array([shapely.Point(100, 20)])
    share = access.share_within(street(), homes(), playground, 300)
    assert share["A"] == pytest.approx(100.0)  # both homes of A reach it
    assert share["B"] == pytest.approx(0.0)
    park = np.array([shapely.Point(0, 0)])
    share = access.share_within(street(), homes(), park, 200)
    assert share["A"] == pytest.approx(75.0)  # 30 of 40 residents: x = 300 is 310 m away


def test_the_network_is_not_changed_by_a_walk() -> None:
    network = street()
    edges = network.graph.number_of_edges()
    access.share_within(network, homes(), np.array([shapely.Point(0, 0)]), 300)
    assert network.graph.number_of_edges() == edges


def test_departures_within_400_m_per_1000_residents() -> None:
    stops = pd.DataFrame(
        {
            "departures_day": [100.0, 40.0, 7.0],
            "geometry": [shapely.Point(350, 0), shapely.Point(800, 0), shapely.Point(5000, 0)],
        }
    )
    departures = access.departures_within(street(), homes(), stops, 400)
    # A reaches the stop at x = 350 (from x = 300: 60 m; from x = 0: 360 m) once, not twice
    assert departures["A"] == pytest.approx(100.0)
    # B (x = 900) reaches x = 800 (110 m) and x = 350 (560 m: no)
    assert departures["B"] == pytest.approx(40.0)
    persons = homes().groupby("zone_id")["persons"].sum()
    rate = access.per_thousand(departures, persons)
    assert rate["A"] == pytest.approx(100 / 40 * 1000)
    assert rate["B"] == pytest.approx(40 / 50 * 1000)


def test_meeting_places_per_1000_and_none_without_residents() -> None:
    places = pd.Series({"A": 3, "C": 2})
    persons = pd.Series({"A": 1500.0, "B": 400.0, "C": 0.0})
    rate = access.per_thousand(places, persons)
    assert rate.to_dict() == {"A": pytest.approx(2.0), "B": 0.0}  # C has nobody: no rate


def test_population_change_in_percent() -> None:
    change = access.change_percent(pd.Series({"A": 2000.0, "B": 0.0}), pd.Series({"A": 2500.0}))
    assert change.to_dict() == {"A": pytest.approx(25.0)}


def test_real_indicators_are_real_described_and_first(
    built_tables: dict[str, pd.DataFrame],
) -> None:
    catalog = built_tables["indicators"].set_index("indicator_id", drop=False)
    values = built_tables["indicator_values"]
    areas = built_tables["areas"]
    focus = set(areas.loc[areas["is_focus"], "area_id"])
    for spec in real_indicators.CATALOG:
        row = catalog.loc[spec["indicator_id"]]
        assert not row["is_sample"]
        assert row["definition_nb"] and row["definition_en"] and row["source"]
        rows = values[values["indicator_id"] == spec["indicator_id"]]
        assert not rows["is_sample"].any()
        if spec["indicator_id"] != "andel_67_pluss":  # only per bydel in the sources
            assert focus <= set(rows["area_id"]), spec["indicator_id"]
    shares = values[values["indicator_id"].isin(["andel_lekeplass_300m", "andel_park_300m"])]
    assert shares["value"].between(0, 100).all()
    order = indicator_year.catalog_order(catalog)
    first_sample = next(i for i, key in enumerate(order) if catalog.loc[key, "is_sample"])
    assert not catalog.loc[order[:first_sample], "is_sample"].any()
    assert catalog.loc[order[first_sample:], "is_sample"].all()
