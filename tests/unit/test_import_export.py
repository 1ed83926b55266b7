"""Export: whole dataset as GeoPackage, one table as CSV/Excel/GeoJSON, formulas neutralised."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import openpyxl
import pyogrio
import pytest
import shapely

from geo import schema
from geo.ingest import table_export as import_export
from geo.store import GeoPackageStore


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


def test_neutralise():
    assert import_export.neutralise("=1+1") == "'=1+1"
    assert import_export.neutralise("@x") == "'@x"
    assert import_export.neutralise("Møllenberg") == "Møllenberg"
    assert import_export.neutralise(-5) == -5  # numbers stay numbers


def test_csv_cells_that_start_a_formula_are_neutralised(places):
    text = import_export.table_csv(places).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+47 1234" in text and "'-1" in text and "'@SUM" in text
    assert ",-2," in text  # a negative number is a number, not a formula
    assert "POINT (570000 7034000)" in text


def test_excel_cells_are_text_not_formulas(places):
    book = openpyxl.load_workbook(io.BytesIO(import_export.table_xlsx(places)))
    sheet = book.active
    values = [sheet.cell(row=r, column=1).value for r in range(2, 7)]
    assert values[0] == '\'=HYPERLINK("http://x.invalid","klikk")'
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 7))


def test_geojson_is_in_wgs84(places):
    data = json.loads(import_export.table_geojson(places))
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 10 < lon < 11 and 63 < lat < 64


def test_the_whole_dataset_as_one_geopackage(dataset_path, tmp_path):
    payload = import_export.dataset_gpkg(GeoPackageStore(dataset_path))
    out = tmp_path / "export.gpkg"
    out.write_bytes(payload)
    layers = {str(name) for name, _ in pyogrio.list_layers(out)}
    assert set(schema.TABLES) <= layers and set(schema.REFERENCE_LAYERS) <= layers
    assert len(GeoPackageStore(out).read("projects")) == len(
        GeoPackageStore(dataset_path).read("projects")
    )
