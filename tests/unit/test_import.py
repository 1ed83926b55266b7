"""The import engine (geo.ingest.importer): registers as the kommune keeps them, the rules for
zones, required fields, keys and privacy, and the bad-file corpus.

Plans are made against the built dataset (read-only); imports write to a copy of it.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely

from geo.analysis import placement
from geo.ingest import geometry, importer, values
from geo.ingest.readers import MAX_ROWS, ImportFileError
from geo.store import GeoPackageStore, auth

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD, REGISTERS = FIXTURES / "bad", FIXTURES / "registers"
EDITOR = auth.User("kari", auth.EDITOR)
POINTS = [(10.420, 63.430), (10.4211, 63.4312)]  # lon, lat in Lademoen
LADEMOEN, MOLLENBERG, TEMPE = "lks-09", "lks-07", "lks-26"


@pytest.fixture(scope="module")
def store(dataset_path: Path) -> GeoPackageStore:
    return GeoPackageStore(dataset_path)


@pytest.fixture
def writable(dataset_path: Path, tmp_path: Path) -> GeoPackageStore:
    copy = tmp_path / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    return GeoPackageStore(copy, writable=True)


def _plan(store, content: bytes | Path, table: str = "meeting_places", name: str = "f.csv", **kw):
    if isinstance(content, Path):
        return importer.plan(content, table, store=store, **kw)
    return importer.plan(content, table, store=store, name=name, **kw)


def _messages(plan: importer.Plan) -> str:
    return "\n".join(f"{m.severity} {m.text('en')}" for m in plan.messages)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- formats --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "sep", "decimal"),
    [("utf-8", ",", "."), ("utf-8-sig", ";", ","), ("cp1252", ";", ","), ("cp1252", ",", ".")],
)
def test_csv_encodings_separators_and_decimals(store, encoding, sep, decimal):
    lines = [sep.join(["Navn", "Type", "Breddegrad", "Lengdegrad"])]
    for (lon, lat), name in zip(POINTS, ["Åpen gård", "Møllenberg torg"], strict=True):
        coords = [f"{lat}".replace(".", decimal), f"{lon}".replace(".", decimal)]
        lines.append(sep.join([name, "Park", *coords]))
    plan = _plan(store, ("\n".join(lines) + "\n").encode(encoding))
    assert not plan.blocked, _messages(plan)
    assert list(plan.frame["name"]) == ["Åpen gård", "Møllenberg torg"]
    assert list(plan.frame["place_type"]) == ["park", "park"]
    back = plan.frame.to_crs("EPSG:4326").geometry
    assert np.allclose([back.x.iloc[0], back.y.iloc[0]], POINTS[0], atol=1e-6)
    assert "EPSG:4326" in _messages(plan)  # the assumed CRS is stated


def test_geojson_geopackage_and_zipped_shapefile(store, tmp_path):
    frame = gpd.GeoDataFrame(
        {"place_id": ["mp-a", "mp-b"], "name": ["Åpen gård", "Møllenberg torg"]},
        geometry=[shapely.Point(x, y) for x, y in POINTS],
        crs="EPSG:4326",
    ).assign(place_type="bibliotek")
    frame.to_file(tmp_path / "p.geojson", driver="GeoJSON")
    frame.to_crs("EPSG:25833").to_file(tmp_path / "p.gpkg", driver="GPKG")
    frame.to_crs("EPSG:25832").to_file(tmp_path / "p.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in tmp_path.glob("p.*"):
            if part.suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                archive.write(part, f"mappe/{part.name}")
    expected = frame.to_crs("EPSG:25832").geometry
    for name, content in [
        ("p.geojson", (tmp_path / "p.geojson").read_bytes()),
        ("p.gpkg", (tmp_path / "p.gpkg").read_bytes()),
        ("p.zip", buffer.getvalue()),
    ]:
        plan = _plan(store, content, name=name)
        assert not plan.blocked, (name, _messages(plan))
        assert list(plan.frame["place_id"]) == ["mp-a", "mp-b"], name
        assert plan.frame.geometry.distance(expected).max() < 0.01, name


def test_the_registers_own_files_plan_cleanly(store):
    cases = {
        "prosjektregister.xlsx": "projects",
        "prosjektregister_v2.xlsx": "projects",
        "prosjekter_windows1252.csv": "projects",
        "tilskudd_eksport.xlsx": "grants",
        "moteplasser_gis.geojson": "meeting_places",
        "moteplasser_shape.zip": "meeting_places",
    }
    for name, table in cases.items():
        plan = _plan(store, REGISTERS / name, table)
        assert not plan.blocked, (name, _messages(plan))
        assert plan.would_insert == plan.rows, name
    gis = _plan(store, REGISTERS / "moteplasser_gis.geojson")
    assert "25832" in _messages(gis)
    assert list(gis.frame["area_id"]) == [LADEMOEN, MOLLENBERG, TEMPE]
    assert list(gis.frame["place_type"]) == ["park", "nabolagshus", "ungdom"]
    shape = _plan(store, REGISTERS / "moteplasser_shape.zip")
    assert "25833" in _messages(shape)
    assert shape.frame.geometry.distance(gis.frame.geometry).max() < 0.01


def test_title_rows_and_a_blank_row_above_the_header_are_skipped(store):
    plan = _plan(store, REGISTERS / "prosjektregister.xlsx", "projects")
    assert plan.header_row == 4
    assert plan.file_rows[:3] == [5, 6, 7]  # row numbers as Excel shows them
    assert plan.mapping["name"] == "Prosjektnavn" and plan.mapping["area_id"] == "Levekårssone"
    assert plan.mapping["budget_nok"] == "Budsjett (kr)" and plan.mapping["_x"] == "Øst"
    assert "row 4" in _messages(plan)
    other = _plan(store, REGISTERS / "prosjektregister.xlsx", "projects", header_row=2)
    assert other.header_row == 2 and other.blocked  # the user's choice is used as given


def test_values_as_people_type_them(store):
    frame = _plan(store, REGISTERS / "prosjektregister.xlsx", "projects").frame
    rows = frame.set_index("name")
    assert rows.loc["Aktivitetspark Lademoen", "status"] == "pagar"
    assert rows.loc["Nabolagsvert Møllenberg", "status"] == "pagar"  # "pågår " with a space
    assert rows.loc["Møteplass Tempe", "status"] == "i_drift"  # "Videreført i drift"
    assert rows.loc["Aktivitetspark Lademoen", "budget_nok"] == 350_000  # "kr 350 000"
    assert rows.loc["Møteplass Tempe", "budget_nok"] == 12_345.5  # "12 345,50"
    assert rows.loc["Aktivitetspark Lademoen", "start_year"] == 2024  # an Excel date
    assert rows.loc["Aktivitetspark Lademoen", "end_year"] == 2026  # "31.12.2026"
    assert rows.loc["Møteplass Tempe", "goal"] == "lokalsamfunnsutvikling"
    assert rows.loc["Aktivitetspark Lademoen", "goal"] == "stedsutvikling"  # "Mål 1"
    assert rows.loc["Nabolagsvert Møllenberg", "funding"] == "husbanken"
    assert rows.loc["Møteplass Tempe", "funding"] == "kommune"  # "Kommunen"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kr 350 000", 350_000),
        ("12 345,50", 12_345.5),
        ("350.000", 350_000),
        ("1,5 mill", 1_500_000),
        ("350 000,-", 350_000),
        ("1.234,5", 1234.5),
    ],
)
def test_money(text, expected):
    assert values.number(text, money=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026", 2026),
        ("01.02.2024", 2024),
        ("2024-02-01", 2024),
        ("45323", 2024),
        ("høsten 2025", 2025),
    ],
)
def test_years_from_dates(text, expected):
    assert values.year(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("pågår ", "pagar"),
        ("Pågår", "pagar"),
        ("Videreført i drift", "i_drift"),
        ("IDÉ", "ide"),
        ("ferdig", "avsluttet"),
        ("pågåår", "pagar"),
    ],
)
def test_status_spellings(text, code):
    assert values.code(text, "ProjectStatus") == code


def test_an_unknown_status_names_the_valid_ones(store):
    content = b"Prosjektnavn,Sone,Status\nA,Lademoen,kanskje\n"
    plan = _plan(store, content, "projects")
    [error] = plan.errors
    assert (error.row, error.column("nb"), error.value) == (2, "Status", "kanskje")
    assert "«Pågår»" in error.fix_nb and "'In progress'" in error.fix_en


# --- zones ----------------------------------------------------------------------------------


def test_zones_by_name_in_any_spelling_by_code_or_from_the_point(store):
    content = (
        "Prosjektnavn;Sone;Status;Øst;Nord\n"
        "A;tempe - sorgenfri;Idé;;\n"
        "B;LADEMOEN;Idé;;\n"
        "C;132;Idé;;\n"
        "D;;Idé;570544;7034539\n"
    ).encode()
    plan = _plan(store, content, "projects")
    assert not plan.blocked, _messages(plan)
    assert list(plan.frame["area_id"]) == [TEMPE, LADEMOEN, "lks-04", MOLLENBERG]


def test_a_near_miss_is_corrected_from_the_point_and_said_so(store):
    plan = _plan(store, REGISTERS / "prosjektregister.xlsx", "projects")
    row = plan.frame.set_index("name").loc["Ungdomsklubb Nyhavna"]
    assert row["area_id"] == LADEMOEN
    [note] = [m for m in plan.messages if m.value == "Ladmoen"]
    assert note.severity == "warning" and note.row == 9 and "'Lademoen'" in note.en


def test_a_near_miss_without_a_point_is_refused_with_the_nearest_names(store):
    plan = _plan(store, "Prosjektnavn,Sone,Status\nA,Ladmoen,Idé\n".encode(), "projects")
    [error] = plan.errors
    assert error.row == 2 and error.value == "Ladmoen" and "'Lademoen'" in error.fix_en


def test_a_point_in_another_zone_keeps_the_stated_zone_with_a_warning(store):
    plan = _plan(store, REGISTERS / "prosjektregister.xlsx", "projects")
    assert plan.frame.set_index("name").loc["Grønn gård Møllenberg", "area_id"] == MOLLENBERG
    [warning] = [m for m in plan.messages if m.row == 10]
    assert warning.severity == "warning" and "Singsaker" in warning.en
    assert "as the register says" in warning.en


# --- required and optional fields, fixed values -----------------------------------------------


def test_a_project_needs_only_name_status_and_a_zone(store, writable):
    content = "Prosjektnavn;Levekårssone;Status\nLeksehjelp;Lademoen;Pågår\n".encode()
    plan = _plan(writable, content, "projects")
    assert not plan.blocked, _messages(plan)
    importer.apply(writable, plan, EDITOR)
    row = writable.read("projects").set_index("name").loc["Leksehjelp"]
    assert row["area_id"] == LADEMOEN and row["status"] == "pagar"
    for optional in ("description", "goal", "owner_unit", "funding", "budget_nok", "start_year"):
        assert pd.isna(row[optional]), optional
    assert "centre of their zone" in _messages(plan)  # no coordinates: shown at the zone


def test_a_missing_required_field_is_named_by_its_label(store):
    plan = _plan(store, b"Prosjektnavn,Sone\nA,Lademoen\n", "projects")
    [error] = plan.errors
    assert error.row is None and error.column("nb") == "Status"
    assert "«Status» er påkrevd" in error.nb and "status'" not in error.en.lower().split("field")[0]


def test_a_fixed_value_fills_a_field_for_every_row(store):
    content = "Prosjektnavn,Sone\nA,Lademoen\nB,Møllenberg\n".encode()
    plan = _plan(store, content, "projects", fixed={"status": "Pågår", "funding": "KDD"})
    assert not plan.blocked, _messages(plan)
    assert list(plan.frame["status"]) == ["pagar", "pagar"]
    assert list(plan.frame["funding"]) == ["kdd", "kdd"]


def test_meeting_places_do_not_need_a_place_type(store):
    plan = _plan(store, b"Navn,lat,lon\nTorget,63.4330,10.4230\n")
    assert not plan.blocked, _messages(plan)
    assert plan.frame["place_type"].iloc[0] is None


# --- keys and re-import -----------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing_and_v2_updates_exactly_the_changed_rows(writable):
    first = _plan(writable, REGISTERS / "prosjektregister.xlsx", "projects")
    assert first.natural_key and first.key == ["name", "area_id"]
    importer.apply(writable, first, EDITOR)
    stored = writable.read("projects")
    again = _plan(writable, REGISTERS / "prosjektregister.xlsx", "projects")
    assert again.nothing_to_do and again.would_unchanged == 7
    assert importer.apply(writable, again, EDITOR).import_id is None
    assert writable.read("projects").equals(stored)
    v2 = _plan(writable, REGISTERS / "prosjektregister_v2.xlsx", "projects")
    assert (v2.would_insert, v2.would_update, v2.would_unchanged) == (1, 2, 5)
    done = importer.apply(writable, v2, EDITOR)
    log = writable.history()
    changes = log[log["batch_id"] == done.import_id]
    updates = changes[changes["action"] == "update"]
    assert len(updates) == 2 and (changes["action"] == "insert").sum() == 1
    for _, change in updates.iterrows():
        before, after = json.loads(change["before"]), json.loads(change["after"])
        changed = {k for k in after if before.get(k) != after[k]} - {"source"}
        assert changed in ({"budget_nok"}, {"status"})
    ids_before = set(stored["project_id"])
    assert ids_before <= set(writable.read("projects")["project_id"])  # rows keep their ids


def test_an_id_column_is_the_key(store):
    plan = _plan(store, REGISTERS / "prosjekter_windows1252.csv", "projects")
    assert plan.key == ["project_id"] and not plan.natural_key
    assert list(plan.frame["project_id"]) == ["P-101", "P-102", "P-103"]


def test_duplicate_keys_in_one_file_name_both_rows(store):
    content = "ID,Navn,Type,lat,lon\nmp-1,A,park,63.43,10.42\nmp-1,B,park,63.43,10.42\n"
    plan = _plan(store, content.encode())
    [error] = plan.errors
    assert error.row == 3 and "row 2" in error.en and error.value == "mp-1"


def test_append_refuses_a_row_already_stored(writable):
    content = b"ID,Navn,Type,lat,lon\nmp-z,A,park,63.43,10.42\n"
    importer.apply(writable, _plan(writable, content, mode="append"), EDITOR)
    plan = _plan(writable, content, mode="append")
    [error] = plan.errors
    assert error.row == 2 and "Update" in error.fix_en


# --- privacy ----------------------------------------------------------------------------------


def test_personal_fields_of_a_grant_export_never_reach_the_store(writable, dataset_path):
    plan = _plan(writable, REGISTERS / "tilskudd_eksport.xlsx", "grants")
    assert not plan.blocked, _messages(plan)
    assert plan.left_out == ["Kontaktperson", "E-post", "Telefon"]
    assert "personal data" in _messages(plan) and "private person" in _messages(plan)
    importer.apply(writable, plan, EDITOR)
    stored = writable.read("grants")
    assert list(stored["organisation"].tail(4)) == [
        "Lademoen Vel",
        "Privatperson",
        "Møllenberg beboerforening",
        "Tempe IL",
    ]
    everything = writable.path.read_bytes()
    for personal in ("Kari Nordmann", "Per Hansen", "per.hansen@example.no", "900 11 222"):
        assert personal.encode() not in everything
    assert list(stored["area_id"].tail(4)) == [LADEMOEN, MOLLENBERG, MOLLENBERG, TEMPE]
    assert list(stored["status"].tail(4)) == ["innvilget", "innvilget", "avslatt", "innvilget"]


# --- messages and limits ----------------------------------------------------------------------


def test_messages_are_bilingual_and_json_ready(store):
    plan = _plan(store, REGISTERS / "prosjektregister.xlsx", "projects")
    data = json.loads(json.dumps(plan.as_dict()))
    assert data["would_insert"] == 7 and data["blocked"] is False and data["header_row"] == 4
    for message in data["messages"]:
        assert message["message"]["nb"] and message["message"]["en"]
    assert plan.text("nb").startswith("7 rader lest") and plan.text("en").startswith("7 rows")


def test_a_point_in_oslo_is_that_rows_error(store):
    plan = _plan(store, (BAD / "outside.csv").read_bytes())
    [error] = plan.errors
    assert error.row == 3 and "outside Trondheim" in error.en
    alone = _plan(store, b"Navn,lat,lon\nI Oslo,59.91,10.75\n")
    [error] = alone.errors
    assert error.row == 2 and "outside Trondheim" in error.en and "CRS" not in error.en


def test_a_file_over_the_limit_says_exactly_how_many_rows_it_has():
    content = "Navn,Type,lat,lon\n" + "Sted,park,63.43,10.42\n" * 300_000
    with pytest.raises(ImportFileError) as caught:
        importer.read(content.encode(), name="huge.csv")
    assert "300,000 data rows" in caught.value.en and f"{MAX_ROWS:,}" in caught.value.en
    assert "300\u00a0000" in caught.value.nb


def test_reader_errors_are_translated_not_passed_through():
    with pytest.raises(ImportFileError) as caught:
        importer.read(b'{"type": "FeatureCollection", "features": [', name="brutt.geojson")
    assert "GeoJSON" in caught.value.nb and "ødelagt" in caught.value.nb
    assert "GDAL" not in caught.value.nb and "Failed" not in caught.value.nb


# --- the bad-file corpus ----------------------------------------------------------------------


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
        importer.read((BAD / name).read_bytes(), name=name)
    assert message in caught.value.en and caught.value.nb


def test_wrong_columns_name_the_missing_fields(store):
    plan = _plan(store, (BAD / "wrong_columns.csv").read_bytes())
    assert plan.blocked
    text = _messages(plan)
    assert "'Name' is required" in text and "needs a location" in text


def test_bad_values_are_reported_by_row(store):
    plan = _plan(store, (BAD / "bad_values.csv").read_bytes(), "projects")
    errors = {(m.row, m.column("en")): m for m in plan.errors}
    assert (2, "status") not in errors  # "paagar" is how "pågår" is written without å
    assert "not a year or a date" in errors[(3, "start_year")].en
    assert "out of range" in errors[(3, "budget_nok")].en


def test_formula_cells_in_excel_are_refused(store):
    plan = _plan(store, (BAD / "formula.xlsx").read_bytes(), name="formula.xlsx")
    assert any(m.row == 2 and "formula" in m.en for m in plan.errors)


def test_html_and_script_are_kept_as_plain_text(store):
    plan = _plan(store, (BAD / "html_script.csv").read_bytes())
    assert not plan.blocked, _messages(plan)
    assert plan.frame["name"].iloc[0] == "<script>alert(1)</script>"


def test_swapped_coordinates_are_caught_and_turned(store):
    plan = _plan(store, (BAD / "swapped.csv").read_bytes())
    assert not plan.blocked, _messages(plan)
    assert "swapped back" in _messages(plan)
    point = plan.frame.to_crs("EPSG:4326").geometry.iloc[0]
    assert round(point.x, 2) == 10.42 and round(point.y, 2) == 63.43


def test_invalid_polygons_are_repaired_and_said_so(store):
    plan = _plan(store, (BAD / "invalid_geometry.csv").read_bytes(), "areas")
    assert "repaired (make_valid)" in _messages(plan)
    assert plan.frame.geometry.iloc[0].is_valid


def test_geojson_in_another_crs_is_transformed(store):
    plan = _plan(store, (BAD / "other_crs.geojson").read_bytes(), name="other_crs.geojson")
    assert not plan.blocked, _messages(plan)
    expected = gpd.GeoSeries([shapely.Point(270500, 7041300)], crs="EPSG:25833").to_crs(25832)
    assert plan.frame.geometry.iloc[0].distance(expected.iloc[0]) < 0.01


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
    assert geometry.detect_crs(np.array(xs), np.array(ys)) == expected


# --- zones in tables without a geometry (figures, targets, risks) -------------------------------

_BY_NAME = {
    "risks": (
        "Tittel;Beskrivelse;Risikoområde;Sannsynlighet;Konsekvens;Eier;Tiltak;Status;Sone\n"
        "Lav oppslutning;Få møter opp;Interessenter;3;4;Programleder;Flere kanaler;Åpen;{}\n"
    ),
    "indicator_values": "Indikator;Sone;År;Verdi\nbefolkning;{};2024;1234\n",
    "targets": (
        "Indikator;Sone;Nullpunkt, år;Nullpunkt, verdi;Målår;Målverdi\n"
        "trangbodde;{};2022;17,9;2030;14\n"
    ),
}


@pytest.mark.parametrize("table", list(_BY_NAME))
@pytest.mark.parametrize(
    ("stated", "area_id"), [("lademoen", LADEMOEN), ("Tempe - Sorgenfri", TEMPE)]
)
def test_a_zone_named_in_a_table_without_geometry_is_stored_as_its_id(
    writable, table, stated, area_id
):
    plan = _plan(writable, _BY_NAME[table].format(stated).encode(), table)
    assert not plan.blocked, _messages(plan)
    importer.apply(writable, plan, EDITOR)
    stored = writable.read(table)
    new = stored[~stored["is_sample"].astype(bool) & (stored["source"] == "f.csv")]
    assert list(new["area_id"]) == [area_id]


def test_figures_may_belong_to_a_bydel_or_the_kommune_by_name_or_code(store):
    content = "Indikator;Område;År;Verdi\nbefolkning;Østbyen;2024;1\nbefolkning;5001;2024;2\n"
    plan = _plan(store, content.encode(), "indicator_values")
    assert not plan.blocked, _messages(plan)
    assert list(plan.frame["area_id"]) == ["byd-500102", "kom-5001"]


def test_an_unknown_area_in_a_table_without_geometry_is_refused_with_the_nearest_names(store):
    plan = _plan(store, _BY_NAME["risks"].format("Ladmoen").encode(), "risks")
    [error] = plan.errors
    assert error.row == 2 and error.value == "Ladmoen" and "'Lademoen'" in error.fix_en


def test_a_project_given_only_a_zone_is_known_as_placed_at_the_zones_centre(writable):
    content = (
        "Prosjektnavn;Levekårssone;Status;Øst;Nord\n"
        "Leksehjelp;Lademoen;Pågår;;\n"
        "Torgdag;Møllenberg;Idé;570544;7034539\n"
    ).encode()
    importer.apply(writable, _plan(writable, content, "projects"), EDITOR)
    projects = writable.read("projects")
    flags = placement.at_zone_centre(projects, writable.read("areas"))
    by_name = dict(zip(projects["name"], flags, strict=True))
    assert by_name["Leksehjelp"] and not by_name["Torgdag"]
    assert flags.sum() == 1  # the sample projects have their own points


# --- the schema and the importer agree on what is required ----------------------------------

_LADEMOEN_SQUARE = "POLYGON ((570000 7034000, 570100 7034000, 570100 7034100, 570000 7034000))"
_ONLY_REQUIRED = {  # per table: a file with the required columns only (and a location)
    "areas": f"Område-id;Nivå;Navn;Geometri\nomr-test;bydel;Testbydel;{_LADEMOEN_SQUARE}\n",
    "projects": "Prosjektnavn;Status;Levekårssone\nLeksehjelp;Pågår;Lademoen\n",
    "meeting_places": "Navn;lat;lon\nTorget;63.4330;10.4230\n",
    "grants": "Levekårssone;År;Innvilget beløp\nLademoen;2024;5000\n",
    "indicators": (
        "ID;Navn (bokmål);Navn (engelsk);Mål;Enhet;Retning;Skjermingsgrense\n"
        "trivsel;Trivsel;Thriving;Stedsutvikling;prosent;Høyere er bedre;5\n"
    ),
    "indicator_values": "Indikator;Sone;År\nbefolkning;Lademoen;2024\n",
    "targets": (
        "Indikator;Sone;Nullpunkt, år;Nullpunkt, verdi;Målår;Målverdi\n"
        "trangbodde;Lademoen;2022;17,9;2030;14\n"
    ),
    "risks": "Tittel;Risikoområde;Sannsynlighet;Konsekvens\nLav oppslutning;Interessenter;3;4\n",
}


def test_every_importable_table_has_a_file_with_only_required_columns():
    from geo import schema

    assert set(_ONLY_REQUIRED) == set(schema.TABLES)


@pytest.mark.parametrize("table", list(_ONLY_REQUIRED))
def test_a_file_with_only_the_required_columns_imports_cleanly(writable, table):
    from geo.ingest import fields

    plan = _plan(writable, _ONLY_REQUIRED[table].encode(), table)
    mapped = {f for f, c in plan.mapping.items() if c} - {"_x", "_y", "_wkt"}
    own_id = fields.id_field(table)
    # nothing beyond the required fields (a project's zone stands in for its location)
    assert mapped - {own_id, "area_id"} == set(fields.required(table)) - {own_id, "area_id"}
    assert not plan.blocked, _messages(plan)
    before = len(writable.read(table))
    done = importer.apply(writable, plan, EDITOR)
    assert done.inserted == 1
    stored = writable.read(table)
    assert len(stored) == before + 1
    new = stored[stored["source"] == "f.csv"].iloc[0]
    optional = [
        str(name)
        for name, column in schema_columns(table).items()
        if column.nullable and name not in mapped and name != "area_id"
    ]
    for name in optional:  # stored empty, never invented
        assert pd.isna(new[name]), (table, name, new[name])


def schema_columns(table: str):
    from geo import schema

    return schema.TABLES[table].columns


def test_a_schema_failure_is_told_as_a_row_message_in_the_users_terms(writable):
    # the file updates a stored grant's amount granted above the amount it applied for: only
    # the table as it would be stored (the file's value beside the stored one) breaks the rule
    grants = writable.read("grants").dropna(subset=["amount_applied"])
    grant = grants.iloc[0]
    too_much = int(grant["amount_applied"]) + 1000
    content = (
        "Tittel på søknaden;Saksnr;Levekårssone;År;Innvilget beløp\n"
        f"Ny tittel;{grant['grant_id']};{grant['area_id']};{grant['year']};{too_much}\n"
    )
    plan = _plan(writable, content.encode(), "grants")
    assert plan.blocked
    [error] = plan.errors
    assert error.row == 2  # the file's row, not the row's place in the stored table
    assert error.column("nb") == error.column("en") == "Innvilget beløp"  # the file's header
    assert error.value == str(too_much)
    assert str(int(grant["amount_applied"])) in error.nb and "søkt beløp" in error.nb
    assert "amount applied for" in error.en and error.fix_nb and error.fix_en
    for internal in ("amount_granted", "amount_applied", "grants", "field", "felt", "check"):
        assert internal not in error.text("nb") + error.text("en"), internal


def test_validation_failures_name_the_file_row_column_and_value():
    from geo.ingest import validation

    frame = pd.DataFrame({"risk_id": ["risk-1", "risk-2"], "likelihood": [3, 9]})
    failures = pd.DataFrame(
        {
            "index": [1, 1],
            "column": ["likelihood", "likelihood"],
            "check": ["in_range(1, 5)", "in_range(1, 5)"],
            "failure_case": [9, 9],
        }
    )
    where = {"likelihood": ("Sannsynlighet (1–5)", "Sannsynlighet (1–5)")}
    [message] = validation.row_messages(
        "risks", frame, failures, [None, 0], [7], lambda name: where[name]
    )
    assert (message.row, message.column("nb"), message.value) == (7, "Sannsynlighet (1–5)", "9")
    assert "(1–5)" in message.nb and "out of range" in message.en
    assert "in_range" not in message.text("nb") + message.text("en")


def test_a_zone_only_project_moved_to_another_zone_moves_to_that_zones_centre(writable):
    first = "Prosjektnavn;Levekårssone;Status\nLeksehjelp;Lademoen;Pågår\n"
    importer.apply(writable, _plan(writable, first.encode(), "projects"), EDITOR)
    project_id = writable.read("projects").set_index("name").loc["Leksehjelp", "project_id"]
    moved = f"ID;Prosjektnavn;Levekårssone;Status\n{project_id};Leksehjelp;Møllenberg;Pågår\n"
    plan = _plan(writable, moved.encode(), "projects")
    assert plan.would_update == 1 and "geometry" in plan.changed[0]
    importer.apply(writable, plan, EDITOR)
    projects, areas = writable.read("projects"), writable.read("areas")
    row = projects[projects["project_id"] == project_id]
    assert row["area_id"].iloc[0] == MOLLENBERG
    mollenberg = areas.set_index("area_id").geometry[MOLLENBERG]
    assert row.geometry.iloc[0].equals(placement.zone_centre(mollenberg))
    assert placement.at_zone_centre(row, areas).all()  # still said to be at the zone's centre


def test_a_project_with_its_own_point_keeps_it_when_only_the_zone_changes(writable):
    first = "Prosjektnavn;Levekårssone;Status;Øst;Nord\nTorgdag;Lademoen;Idé;570544;7034539\n"
    importer.apply(writable, _plan(writable, first.encode(), "projects"), EDITOR)
    stored = writable.read("projects").set_index("name").loc["Torgdag"]
    moved = f"ID;Prosjektnavn;Levekårssone;Status\n{stored['project_id']};Torgdag;Møllenberg;Idé\n"
    plan = _plan(writable, moved.encode(), "projects")
    assert plan.changed[0] == ["area_id"]
    importer.apply(writable, plan, EDITOR)
    after = writable.read("projects").set_index("name").loc["Torgdag"]
    assert after["area_id"] == MOLLENBERG and after.geometry.equals(stored.geometry)
