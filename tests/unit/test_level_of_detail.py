"""The level of detail of a large polygon layer (bench/README.md), without Streamlit.

A small stand-in for bench/national.py: Voronoi cells over an area the size of Norway with
wiggly, densified borders (so that detail is there to simplify). Budgets are scaled down with
the layer, so each test simplifies only 100 cells.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.build import browser
from geo.build import level_of_detail as lod
from geo.schema import CRS

EXTENT = (-60_000.0, 6_450_000.0, 1_040_000.0, 7_950_000.0)  # bench/national.py, EPSG:25832
TRONDHEIM = (63.43, 10.40)  # lat, lon
COLUMNS = ["area_id", "name", "is_focus"]


@pytest.fixture(scope="module")
def national() -> gpd.GeoDataFrame:
    """3,200 cells, ~80 vertices each, borders wiggling by up to 500 m."""
    rng = np.random.default_rng(2026)
    n = 3_200
    seeds = shapely.points(
        rng.uniform(EXTENT[0], EXTENT[2], n), rng.uniform(EXTENT[1], EXTENT[3], n)
    )
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=shapely.box(*EXTENT))
    )
    cells = shapely.transform(
        shapely.segmentize(cells, 2_000.0),
        lambda xy: xy + 500 * np.sin(xy[:, ::-1] / 3_000),
    )
    return gpd.GeoDataFrame(
        {
            "area_id": [f"syn-{i:05d}" for i in range(len(cells))],
            "name": "Krets",
            "is_focus": False,
        },
        geometry=cells,
        crs=CRS,
    )


@pytest.fixture(scope="module")
def region(national: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """100 cells: the part of the layer a budget test simplifies."""
    return national.iloc[:100]


def test_a_layer_under_budget_keeps_the_view_s_detail(region: gpd.GeoDataFrame) -> None:
    at_view = lod.at_zoom(region, COLUMNS, 12)
    assert lod.level_of_detail(region, COLUMNS, 12, budget=10**9) == at_view


def test_a_layer_over_budget_is_simplified_a_few_zooms_coarser(region: gpd.GeoDataFrame) -> None:
    at_view = lod.at_zoom(region, COLUMNS, 12)
    coarser = lod.at_zoom(region, COLUMNS, 12 - lod.LOD_STEP)
    size = browser.geojson_bytes(coarser)
    assert size < browser.geojson_bytes(at_view)  # there was detail to drop
    sent = lod.level_of_detail(region, COLUMNS, 12, budget=size)
    assert sent == coarser  # the first step that fits
    assert len(sent["features"]) == len(region)  # every cell is still there


def test_the_detail_never_drops_below_the_floor(region: gpd.GeoDataFrame) -> None:
    sent = lod.level_of_detail(region, COLUMNS, lod.MIN_DETAIL_ZOOM + 2, budget=1)
    assert sent == lod.at_zoom(region, COLUMNS, lod.MIN_DETAIL_ZOOM)  # a step of 3 would pass it
    assert len(sent["features"]) == len(region)
    vertices = sum(len(f["geometry"]["coordinates"][0]) for f in sent["features"])
    assert vertices / len(region) < 12  # ~80 vertices a cell before; a handful at the floor


def test_coordinates_are_rounded_to_a_tenth_of_a_pixel(region: gpd.GeoDataFrame) -> None:
    def decimals(collection: dict) -> int:
        ring = collection["features"][0]["geometry"]["coordinates"][0]
        return max(len(repr(c).partition(".")[2]) for point in ring for c in point)

    assert decimals(lod.at_zoom(region.iloc[:5], COLUMNS, 13)) <= 5  # ≈ 1 m
    assert decimals(lod.at_zoom(region.iloc[:5], COLUMNS, lod.MIN_DETAIL_ZOOM)) <= 3
