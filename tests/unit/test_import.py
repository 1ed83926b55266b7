"""The importer: every format, column mapping, CRS detection, and the bad-file corpus."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely

from geo.ingest import importer
from geo.ingest.readers import MAX_ROWS, ImportFileError

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
POINTS = [(10.420, 63.430), (10.4211, 63.4312)]  # lon, lat in Lademoen


def _prepare(name: str, content: bytes, table: str = "meeting_places") -> importer.Prepared:
    raw = importer.read_upload(name, content)
    return importer.prepare(raw, table, importer.suggest_mapping(list(raw.frame.columns), table))


def _messages(prepared: importer.Prepared) -> str:
    return "\n".join(f"{n.level} {n.row} {n.field} {n.en}" for n in prepared.notes)


def _points_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"place_id": ["mp-a", "mp-b"], "name": ["Åpen gård", "Møllenberg torg"]},
        geometry=[shapely.Point(x, y) for x, y in POINTS],
        crs="EPSG:4326",
    )


# --- formats --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "sep", "decimal"),
    [("utf-8", ",", "."), ("utf-8-sig", ";", ","), ("cp1252", ";", ","), ("cp1252", ",", ".")],
)
def test_csv_encodings_separators_and_decimals(encoding, sep, decimal):
    lines = [sep.join(["Navn", "Type", "Breddegrad", "Lengdegrad"])]
    for (lon, lat), name in zip(POINTS, ["Åpen gård", "Møllenberg torg"], strict=True):
        coords = [f"{lat}".replace(".", decimal), f"{lon}".replace(".", decimal)]
        lines.append(sep.join([name, "Park", *coords]))
    prepared = _prepare("steder.csv", ("\n".join(lines) + "\n").encode(encoding))
    assert prepared.ok, _messages(prepared)
    frame = prepared.frame
    assert list(frame["name"]) == ["Åpen gård", "Møllenberg torg"]
    assert list(frame["place_type"]) == ["park", "park"]
    assert frame.crs == "EPSG:25832"
    back = frame.to_crs("EPSG:4326").geometry
    assert np.allclose([back.x.iloc[0], back.y.iloc[0]], POINTS[0], atol=1e-6)
    assert "EPSG:4326" in _messages(prepared)  # the assumed CRS is stated


def test_xlsx():
    book = openpyxl.Workbook()
    book.active.append(["name", "place_type", "lat", "lon"])
    for lon, lat in POINTS:
        book.active.append(["Sted", "lekeplass", lat, lon])
    buffer = io.BytesIO()
    book.save(buffer)
    prepared = _prepare("steder.xlsx", buffer.getvalue())
    assert prepared.ok, _messages(prepared)
    assert len(prepared.frame) == 2


def test_geojson_and_geopackage_and_zipped_shapefile(tmp_path):
    frame = _points_frame().assign(place_type="bibliotek")
    frame.to_file(tmp_path / "p.geojson", driver="GeoJSON")
    frame.to_crs("EPSG:25833").to_file(tmp_path / "p.gpkg", driver="GPKG")
    frame.to_crs("EPSG:25832").to_file(tmp_path / "p.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in tmp_path.glob("p.*"):
            if part.suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                archive.write(part, f"mappe/{part.name}")
    for name, content in [
        ("p.geojson", (tmp_path / "p.geojson").read_bytes()),
        ("p.gpkg", (tmp_path / "p.gpkg").read_bytes()),
        ("p.zip", buffer.getvalue()),
    ]:
        prepared = _prepare(name, content)
        assert prepared.ok, (name, _messages(prepared))
        assert list(prepared.frame["place_id"]) == ["mp-a", "mp-b"], name
        expected = frame.to_crs("EPSG:25832").geometry
        assert prepared.frame.geometry.distance(expected).max() < 0.01, name


def test_wkt_column_and_utm_detection():
    text = "name;place_type;geometri\nSted;park;POINT (570500 7034500)\n"
    prepared = _prepare("wkt.csv", text.encode())
    assert prepared.ok, _messages(prepared)
    assert prepared.frame.geometry.iloc[0].equals(shapely.Point(570500, 7034500))
    assert "EPSG:25832" in _messages(prepared)


@pytest.mark.parametrize(
    ("xs", "ys", "expected"),
    [
        ([10.4], [63.43], ("EPSG:4326", False)),
        ([63.43], [10.4], ("EPSG:4326", True)),
        ([570_000.0], [7_034_000.0], ("EPSG:25832", False)),
        ([7_034_000.0], [570_000.0], ("EPSG:25832", True)),
        ([270_000.0], [7_040_000.0], ("EPSG:25833", False)),
        ([0.0], [0.0], None),
    ],
)
def test_detect_crs_from_ranges(xs, ys, expected):
    assert importer.detect_crs(np.array(xs), np.array(ys)) == expected


def test_mapping_matches_norwegian_and_english_names():
    mapping = importer.suggest_mapping(
        ["Navn", "Kategori", "Åpningstider", "Eier", "lat", "lon", "Kilde"], "meeting_places"
    )
    assert mapping["name"] == "Navn" and mapping["place_type"] == "Kategori"
    assert mapping["opening_hours"] == "Åpningstider" and mapping["owner"] == "Eier"
    assert mapping["_y"] == "lat" and mapping["_x"] == "lon" and mapping["source"] == "Kilde"
    assert importer.suggest_mapping(["name", "status"], "projects")["status"] == "status"


# --- the bad-file corpus --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "The file is empty"),
        ("header_only.csv", "no data rows"),
        ("wrong_encoding.csv", "does not look like text"),
        ("binary_junk.csv", "does not look like text"),
        ("no_shp.zip", "no Shapefile"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(name, message):
    with pytest.raises(ImportFileError) as caught:
        importer.read_upload(name, (BAD / name).read_bytes())
    assert message in caught.value.en and caught.value.nb


def test_a_huge_file_is_refused_by_the_row_limit():
    content = "name,place_type,lat,lon\n" + "Sted,park,63.43,10.42\n" * (MAX_ROWS + 1)
    with pytest.raises(ImportFileError) as caught:
        importer.read_upload("huge.csv", content.encode())
    assert f"at most {MAX_ROWS}" in caught.value.en


def test_wrong_columns_name_the_missing_fields():
    prepared = _prepare("wrong_columns.csv", (BAD / "wrong_columns.csv").read_bytes())
    assert not prepared.ok
    text = _messages(prepared)
    assert "Field 'name' is required" in text and "needs a geometry" in text


def test_bad_values_are_reported_by_row_with_a_suggestion():
    prepared = _prepare("bad_values.csv", (BAD / "bad_values.csv").read_bytes(), "projects")
    assert not prepared.ok
    errors = {(n.row, n.field): n.en for n in prepared.errors}
    assert "did you mean 'pagar'" in errors[(1, "status")]
    assert "not a year or a date" in errors[(2, "start_year")]
    assert "out of range" in errors[(2, "budget_nok")]


def test_formula_cells_in_excel_are_refused():
    prepared = _prepare("formula.xlsx", (BAD / "formula.xlsx").read_bytes())
    assert not prepared.ok
    assert any(n.row == 1 and "formula" in n.en for n in prepared.errors)


def test_html_and_script_are_kept_as_plain_text():
    prepared = _prepare("html_script.csv", (BAD / "html_script.csv").read_bytes())
    assert prepared.ok, _messages(prepared)
    assert prepared.frame["name"].iloc[0] == "<script>alert(1)</script>"


def test_swapped_coordinates_are_caught_and_turned():
    prepared = _prepare("swapped.csv", (BAD / "swapped.csv").read_bytes())
    assert prepared.ok, _messages(prepared)
    assert "swapped back" in _messages(prepared)
    point = prepared.frame.to_crs("EPSG:4326").geometry.iloc[0]
    assert round(point.x, 2) == 10.42 and round(point.y, 2) == 63.43


def test_points_outside_trondheim_are_rejected_with_their_row():
    prepared = _prepare("outside.csv", (BAD / "outside.csv").read_bytes())
    assert not prepared.ok
    assert [(n.row, n.field) for n in prepared.errors] == [(2, "geometry")]
    assert "outside Trondheim" in prepared.errors[0].en


def test_invalid_polygons_are_repaired_and_said_so():
    prepared = _prepare(
        "invalid_geometry.csv", (BAD / "invalid_geometry.csv").read_bytes(), "areas"
    )
    assert "repaired (make_valid)" in _messages(prepared)
    assert prepared.ok, _messages(prepared)
    assert prepared.frame.geometry.iloc[0].is_valid


def test_geojson_in_another_crs_is_transformed():
    prepared = _prepare("other_crs.geojson", (BAD / "other_crs.geojson").read_bytes())
    assert prepared.ok, _messages(prepared)
    point = prepared.frame.geometry.iloc[0]
    expected = gpd.GeoSeries([shapely.Point(270500, 7041300)], crs="EPSG:25833").to_crs(25832)
    assert point.distance(expected.iloc[0]) < 0.01
    assert "25833" in _messages(prepared)


def test_duplicate_ids_in_the_file_and_against_the_table():
    content = (
        b"place_id,name,place_type,lat,lon\nmp-1,A,park,63.43,10.42\nmp-1,B,park,63.43,10.42\n"
    )
    raw = importer.read_upload("d.csv", content)
    existing = pd.DataFrame({"place_id": ["mp-1"]})
    mapping = importer.suggest_mapping(list(raw.frame.columns), "meeting_places")
    prepared = importer.prepare(raw, "meeting_places", mapping, existing=existing)
    rows = sorted(n.row for n in prepared.errors)
    assert rows == [1, 2]


def test_rows_without_a_zone_get_the_zone_they_lie_in(dataset_path):
    from geo.store import GeoPackageStore

    areas = GeoPackageStore(dataset_path).read("areas")
    zones = areas[areas["level"] == "levekarssone"]
    raw = importer.read_upload("z.csv", b"name,place_type,lat,lon\nSted,park,63.4330,10.4230\n")
    mapping = importer.suggest_mapping(list(raw.frame.columns), "meeting_places")
    prepared = importer.prepare(raw, "meeting_places", mapping, zones=zones)
    assert prepared.ok, _messages(prepared)
    expected = zones[zones.contains(prepared.frame.geometry.iloc[0])]["area_id"].iloc[0]
    assert prepared.frame["area_id"].iloc[0] == expected


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_field_has_a_label_for_the_mapping_and_the_form(lang):
    from components import i18n
    from geo import schema

    for table in schema.TABLES.values():
        for name in table.columns:
            if name != "geometry":
                assert i18n.has(f"data.fields.{name}", lang), (table.name, name)
