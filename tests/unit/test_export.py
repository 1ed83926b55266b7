"""geo.ingest.export: CSV that Excel cannot run, GeoJSON in WGS84, a GeoPackage that reads back."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point, box

from geo.ingest import export


@pytest.fixture
def points() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "Lademoen & co", "\tx"],
            "budget": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "is_sample": [True] * 6,
        },
        geometry=[Point(569_000 + i, 7_033_000) for i in range(6)],
        crs="EPSG:25832",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+47 900 00 000", "'+47 900 00 000"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Møllenberg", "Møllenberg"),
        (5, 5),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert export.neutralise(value) == expected


def test_csv_neutralises_formulas_and_adds_lon_lat(points):
    data = export.csv_bytes(points)
    assert data.startswith("\ufeff".encode())  # BOM, so Excel reads UTF-8
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert all(not str(v).startswith(("=", "+", "-", "@")) for v in table["name"])
    assert table.loc[4, "name"] == "Lademoen & co"
    assert table["lon"].between(10, 11).all() and table["lat"].between(63, 64).all()
    assert "geometry" not in table.columns
    assert table["budget"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]  # numbers untouched


def test_csv_of_polygons_has_no_coordinates():
    areas = gpd.GeoDataFrame({"name": ["a"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:25832")
    table = pd.read_csv(io.BytesIO(export.csv_bytes(areas)), encoding="utf-8-sig")
    assert table.columns.tolist() == ["name"]


def test_geojson_is_wgs84(points):
    collection = json.loads(export.geojson_bytes(points))
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 10 < lon < 11 and 63 < lat < 64
    assert collection["features"][4]["properties"]["name"] == "Lademoen & co"


def test_geopackage_has_a_layer_per_entry(points, tmp_path):
    data = export.geopackage_bytes({"projects": points, "places": points.iloc[:2]})
    path = tmp_path / "out.gpkg"
    path.write_bytes(data)
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == {"projects", "places"}
    back = gpd.read_file(path, layer="places")
    assert len(back) == 2 and back.crs.to_epsg() == 25832
