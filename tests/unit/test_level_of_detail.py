"""The level of detail and the data window at national size (bench/README.md), without Streamlit.

A small stand-in for bench/national.py: Voronoi cells over an area the size of Norway with
wiggly, densified borders (so that detail is there to simplify), more of them than
``LARGE_LAYER``. Budgets are scaled down with the layer, so each test simplifies only 100
cells.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.build import browser
from geo.build import level_of_detail as lod
from geo.schema import CRS, WEB_CRS

EXTENT = (-60_000.0, 6_450_000.0, 1_040_000.0, 7_950_000.0)  # bench/national.py, EPSG:25832
TRONDHEIM = (63.43, 10.40)  # lat, lon
COLUMNS = ["area_id", "name", "is_focus"]


@pytest.fixture(scope="module")
def national() -> gpd.GeoDataFrame:
    """3,200 cells (> LARGE_LAYER), ~80 vertices each, borders wiggling by up to 500 m."""
    rng = np.random.default_rng(2026)
    n = lod.LARGE_LAYER + 200
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


def test_the_window_is_the_opening_view_and_twice_its_size_on_every_side() -> None:
    window = lod.data_window(TRONDHEIM, 13, fit_bounds=[[63.40, 10.35], [63.45, 10.45]])
    assert window == pytest.approx((10.15, 63.30, 10.65, 63.55))


def test_without_bounds_the_window_follows_the_centre_and_zoom() -> None:
    west, south, east, north = lod.data_window(TRONDHEIM, 12)
    assert (west + east) / 2 == pytest.approx(TRONDHEIM[1])
    assert (south + north) / 2 == pytest.approx(TRONDHEIM[0])
    closer = lod.data_window(TRONDHEIM, 13)
    assert closer[2] - closer[0] == pytest.approx((east - west) / 2)  # one zoom in: half as wide
    assert closer[3] - closer[1] == pytest.approx((north - south) / 2)


def test_a_national_layer_is_sent_for_the_window_only(national: gpd.GeoDataFrame) -> None:
    window = lod.data_window(TRONDHEIM, 12)
    sent = lod.in_window(national, window)
    box = gpd.GeoSeries([shapely.box(*window)], crs=WEB_CRS).to_crs(CRS).iloc[0]
    touching = national.intersects(box)
    assert 0 < len(sent) < len(national) / 10
    assert set(sent["area_id"]) == set(national.loc[touching, "area_id"])  # all that touch it


def test_a_layer_of_at_most_large_layer_features_is_sent_whole(
    national: gpd.GeoDataFrame,
) -> None:
    window = lod.data_window(TRONDHEIM, 12)
    layer = national.iloc[: lod.LARGE_LAYER]
    assert lod.in_window(layer, window) is layer
    assert lod.in_window(national, None) is national


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
