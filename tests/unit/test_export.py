"""geo.ingest.export: one CSV layout Excel cannot run, Excel as text, GeoJSON, GeoPackage."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import Point, box

from geo import schema
from geo.ingest import export, importer, templates
from geo.store import GeoPackageStore


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


@pytest.fixture
def places() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name": ['=HYPERLINK("http://x.invalid","klikk")', "+47 1234", "-1", "@SUM(A1)", "Ok"],
            "count": [1, -2, 3, 4, 5],
        },
        geometry=[shapely.Point(570_000 + i, 7_034_000) for i in range(5)],
        crs=schema.CRS,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+47 900 00 000", "'+47 900 00 000"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("@x", "'@x"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Møllenberg", "Møllenberg"),
        (5, 5),
        (-5, -5),  # numbers stay numbers
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert export.neutralise(value) == expected


def test_every_format_is_one_registry_entry(points):
    assert set(export.DATA_FORMATS) == {"csv", "xlsx", "geojson", "gpkg"}
    assert set(export.FORMATS) == {*export.DATA_FORMATS, templates.FORMAT}
    for name in export.DATA_FORMATS:
        spec = export.FORMATS[name]
        assert spec.extension == name and "/" in spec.mime
        assert export.write(name, points)  # every data format takes a table


def test_csv_neutralises_formulas_and_has_the_geometry_as_wkt(points):
    data = export.write("csv", points)
    assert data.startswith("\ufeff".encode())  # BOM, so Excel reads UTF-8
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert all(not str(v).startswith(("=", "+", "-", "@")) for v in table["name"])
    assert table.loc[4, "name"] == "Lademoen & co"
    assert table.columns.tolist() == ["name", "budget", "is_sample", "geometry"]
    assert table.loc[0, "geometry"] == "POINT (569000 7033000)"  # EPSG:25832, as stored
    assert table["budget"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]  # numbers untouched


def test_csv_cells_that_start_a_formula_are_neutralised(places):
    text = export.write("csv", places).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+47 1234" in text and "'-1" in text and "'@SUM" in text
    assert ",-2," in text  # a negative number is a number, not a formula
    assert "POINT (570000 7034000)" in text


def test_csv_of_polygons_keeps_their_shape():
    areas = gpd.GeoDataFrame({"name": ["a"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:25832")
    table = pd.read_csv(io.BytesIO(export.write("csv", areas)), encoding="utf-8-sig")
    assert table.columns.tolist() == ["name", "geometry"]
    assert shapely.from_wkt(table.loc[0, "geometry"]).equals(box(0, 0, 1, 1))


def test_csv_keeps_norwegian_letters_and_a_plain_table():
    frame = pd.DataFrame({"sone": ["Møllenberg", "Ærø"], "verdi": [1.5, 2.0]})
    data = export.write("csv", frame)
    assert data.decode("utf-8-sig") == "sone,verdi\nMøllenberg,1.5\nÆrø,2.0\n"


def test_several_layers_become_one_csv_with_a_layer_column(points, places):
    data = export.write("csv", {"projects": points, "places": places, "empty": points.iloc[:0]})
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert table.columns[0] == "layer" and table.columns[-1] == "geometry"
    assert table["layer"].value_counts().to_dict() == {"projects": 6, "places": 5}


def test_a_csv_export_goes_back_in_through_the_import(dataset_path):
    stored = GeoPackageStore(dataset_path).read("meeting_places")
    store = GeoPackageStore(dataset_path)
    plan = importer.plan(export.write("csv", stored), "meeting_places", store=store, name="b.csv")
    assert not plan.blocked, [m.en for m in plan.errors]
    assert len(plan.frame) == len(stored) and plan.nothing_to_do  # the same rows come back
    assert plan.frame.geometry.distance(stored.geometry).max() < 0.01  # to the centimetre


def test_excel_cells_are_text_not_formulas(places):
    book = openpyxl.load_workbook(io.BytesIO(export.write("xlsx", places)))
    sheet = book.active
    values = [sheet.cell(row=r, column=1).value for r in range(2, 7)]
    assert values[0] == '\'=HYPERLINK("http://x.invalid","klikk")'
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 7))


def test_excel_has_a_sheet_per_layer(points, places):
    book = openpyxl.load_workbook(io.BytesIO(export.write("xlsx", {"a": points, "b": places})))
    assert book.sheetnames == ["a", "b"]
    assert book["b"].max_row == 1 + len(places)


def test_geojson_is_wgs84(points):
    collection = json.loads(export.write("geojson", points))
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 10 < lon < 11 and 63 < lat < 64
    assert collection["features"][4]["properties"]["name"] == "Lademoen & co"


def test_geojson_is_in_wgs84(places):
    data = json.loads(export.write("geojson", places))
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 10 < lon < 11 and 63 < lat < 64


def test_geopackage_has_a_layer_per_entry(points, tmp_path):
    data = export.write("gpkg", {"projects": points, "places": points.iloc[:2]})
    path = tmp_path / "out.gpkg"
    path.write_bytes(data)
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == {"projects", "places"}
    back = gpd.read_file(path, layer="places")
    assert len(back) == 2 and back.crs.to_epsg() == 25832


def test_the_whole_dataset_as_one_geopackage(dataset_path, tmp_path):
    payload = export.write("gpkg", export.dataset(GeoPackageStore(dataset_path)))
    out = tmp_path / "export.gpkg"
    out.write_bytes(payload)
    layers = {str(name) for name, _ in pyogrio.list_layers(out)}
    assert set(schema.TABLES) <= layers and set(schema.REFERENCE_LAYERS) <= layers
    assert len(GeoPackageStore(out).read("projects")) == len(
        GeoPackageStore(dataset_path).read("projects")
    )


def test_excel_simplifies_a_shape_too_long_for_a_cell_and_says_how_far():
    """Excel keeps 32 767 characters of a cell and drops the rest: a cut WKT is no shape, so a
    zone that long is simplified until it fits, with the tolerance beside it; short ones stay."""
    long_zone = Point(569_000, 7_033_000).buffer(800, quad_segs=2_000)  # ~8 000 vertices
    small = box(569_000, 7_033_000, 569_100, 7_033_100)
    zones = gpd.GeoDataFrame(
        {"name": ["lang", "liten"]}, geometry=[long_zone, small], crs=schema.CRS
    )
    assert len(long_zone.wkt) > export.EXCEL_CELL_LIMIT

    sheet = openpyxl.load_workbook(io.BytesIO(export.write("xlsx", zones)))[export.SHEET]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == ["name", "geometry", export.SIMPLIFIED]
    (_, long_wkt, metres), (_, small_wkt, small_metres) = rows
    assert len(long_wkt) <= export.EXCEL_CELL_LIMIT
    shape = shapely.from_wkt(long_wkt)
    assert shape.is_valid and metres > 0
    assert shape.hausdorff_distance(long_zone) <= metres + 0.01  # as far as it says, no further
    assert shapely.from_wkt(small_wkt).equals(small) and small_metres is None
    # CSV has no cell limit: there the shape stays exact
    csv = pd.read_csv(io.BytesIO(export.write("csv", zones)), encoding="utf-8-sig")
    assert list(csv.columns) == ["name", "geometry"]
    assert shapely.from_wkt(csv.loc[0, "geometry"]).equals_exact(long_zone, 0.01)
