"""geo.ingest.templates: an empty register per table whose headers the import matches, with
explanations and drop-down lists; a filled template imports cleanly through the importer."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from geo import schema
from geo.ingest import export, fields, importer, templates, values
from geo.store import GeoPackageStore, auth

EDITOR = auth.User("kari", auth.EDITOR)


@pytest.fixture
def store(dataset_path: Path, tmp_path: Path) -> GeoPackageStore:
    copy = tmp_path / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    return GeoPackageStore(copy, writable=True)


@pytest.fixture
def found(store: GeoPackageStore) -> templates.Choices:
    return templates.choices(store)


def _xlsx(table: str, found: templates.Choices) -> openpyxl.Workbook:
    data = export.write(templates.FORMAT, {table: templates.spec(table, found)})
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("table", templates.TABLES)
def test_every_header_is_matched_back_to_its_field(table: str):
    headers = list(templates.empty(table).columns)
    mapping = fields.suggest_mapping(headers, table)
    for name, header in zip(templates.template_fields(table), headers, strict=True):
        assert mapping[name] == header, (table, name, header)


def test_the_excel_template_has_data_help_and_list_sheets(found):
    book = _xlsx("projects", found)
    assert book.sheetnames == [templates.DATA_SHEET, templates.HELP_SHEET, templates.LIST_SHEET]
    data = book[templates.DATA_SHEET]
    headers = [cell.value for cell in data[1]]
    assert headers == list(templates.empty("projects").columns)
    assert data.max_row == 1  # empty: nothing to delete before filling in
    assert data.freeze_panes == "A2"
    bold = {cell.value for cell in data[1] if cell.font.bold}
    assert bold == {fields.field_label(f, "nb") for f in fields.required("projects")}
    assert "Må fylles ut" in data["B1"].comment.text  # Navn
    help_rows = list(book[templates.HELP_SHEET].iter_rows(min_row=2, values_only=True))
    explained = {row[0]: row for row in help_rows if row[0] in headers}
    assert set(explained) == set(headers)
    assert explained["Status"][1] == "Ja" and explained["Beskrivelse"][1] == "Nei"
    assert explained["Levekårssone"][1] == "Sone eller Øst/Nord"
    assert all(row[2] and row[3] and row[5] for row in explained.values())  # format, example
    assert book[templates.LIST_SHEET].sheet_state == "hidden"


def _drop_downs(book: openpyxl.Workbook) -> dict[str, list[str]]:
    """The values each header's drop-down offers, read from the sheet as Excel does."""
    data, lists = book[templates.DATA_SHEET], book[templates.LIST_SHEET]
    headers = {cell.column_letter: cell.value for cell in data[1]}
    found = {}
    for check in data.data_validations.dataValidation:
        if check.type != "list":
            continue
        column = str(check.sqref).split(":")[0].rstrip("0123456789")
        source = check.formula1.split("!")[1].replace("$", "")
        found[headers[column]] = [c.value for row in lists[source] for c in row]
    return found


def test_every_closed_set_has_a_drop_down_of_the_labels_people_read(found):
    lists = _drop_downs(_xlsx("projects", found))
    assert lists["Status"] == ["Idé", "Planlagt", "Pågår", "Avsluttet", "Videreført i drift"]
    assert lists["Levekårssone"][:3] == ["Lademoen", "Møllenberg", "Tempe-Sorgenfri"]
    assert len(lists["Levekårssone"]) == 60
    assert "Husbanken" in lists["Finansiering"] and "Bygge lokalsamfunn" in lists["Innsatsområde"]
    assert lists["Varig endring"] == ["Ja", "Nei"]
    assert {"Mål", "Arbeidsnivå"} <= set(lists)
    places = _drop_downs(_xlsx("meeting_places", found))
    assert "Bibliotek" in places["Type møteplass"]
    values_lists = _drop_downs(_xlsx("indicator_values", found))
    assert "trivsel_nabolag" in values_lists["Indikator-id"]


@pytest.mark.parametrize("table", templates.TABLES)
def test_every_drop_down_value_reads_back_as_the_code_it_names(table: str, found):
    for item in templates.spec(table, found).itertuples():
        enum = values.closed_set(table, item.field)
        if enum is None or not item.choices:
            continue
        codes = [values.code(label, enum) for label in item.choices]
        assert sorted(codes) == sorted(values.SYNONYMS[enum]), (table, item.field)


def test_years_and_scores_are_checked_as_whole_numbers(found):
    data = _xlsx("risks", found)[templates.DATA_SHEET]
    whole = {
        str(c.sqref).split(":")[0][0]
        for c in data.data_validations.dataValidation
        if c.type == "whole"
    }
    headers = {cell.column_letter: cell.value for cell in data[1]}
    assert {headers[letter] for letter in whole} >= {"Sannsynlighet (1–5)", "Konsekvens (1–5)"}


def _filled_rows(table: str, found: templates.Choices, store: GeoPackageStore) -> list[dict]:
    """Three rows as a planner fills them in: examples, values from the drop-downs, a point
    in the zone the row names."""
    areas = store.read("areas")
    zones = areas[areas["level"] == schema.Level.LEVEKARSSONE].set_index("name")
    spec = templates.spec(table, found)
    rows = []
    for number in range(3):
        zone = found.zones[number]  # the programme's three zones
        point = zones.loc[zone, "geometry"].representative_point()
        row: dict[str, object] = {}
        for item in spec.itertuples():
            if item.field == fields.id_field(table):
                value: object = f"{table[:3].upper()}-{number + 1:03d}"
            elif item.field == "area_id" and table != "areas":
                value = zone
            elif item.field == fields.X_FIELD:
                value = round(point.x, 1)
            elif item.field == fields.Y_FIELD:
                value = round(point.y, 1)
            elif item.choices:
                value = item.choices[number % len(item.choices)]
            elif item.field in ("year", "baseline_year", "start_year"):
                value = 2024 + number
            elif item.field in ("target_year", "end_year"):
                value = 2028
            else:
                value = item.example
            row[item.header] = value
        rows.append(row)
    return rows


TABLES_FILLED = ["projects", "meeting_places", "grants", "risks", "indicator_values", "targets"]


@pytest.mark.parametrize("table", TABLES_FILLED)
def test_a_filled_excel_template_imports_cleanly(table: str, store, found):
    book = _xlsx(table, found)
    sheet = book[templates.DATA_SHEET]
    headers = [cell.value for cell in sheet[1]]
    rows = _filled_rows(table, found, store)
    for row in rows:
        sheet.append([row[h] for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    before = len(store.read(table))

    plan = importer.plan(buffer.getvalue(), table, store=store, name="mal.xlsx", mode="upsert")
    assert not plan.blocked, plan.text("nb")
    importer.apply(store, plan, EDITOR)

    after = store.read(table)
    assert len(after) == before + 3
    if "area_id" in after.columns and table != "areas":
        areas = store.read("areas")
        zone_ids = areas[areas["level"] == schema.Level.LEVEKARSSONE].set_index("name")["area_id"]
        new = after.iloc[before:] if table == "indicator_values" else after.tail(3)
        assert set(new["area_id"]) == {zone_ids[z] for z in found.zones[:3]}
    # the same file again changes nothing
    again = importer.plan(buffer.getvalue(), table, store=store, name="mal.xlsx", mode="upsert")
    assert not again.blocked and again.nothing_to_do, again.text("nb")


def test_a_filled_csv_template_imports_cleanly(store, found):
    rows = _filled_rows("projects", found, store)
    table = pd.DataFrame(rows, columns=list(templates.empty("projects").columns))
    data = export.write("csv", table)
    assert data.splitlines()[0] == export.write("csv", templates.empty("projects")).strip()
    plan = importer.plan(data, "projects", store=store, name="mal.csv", mode="upsert")
    assert not plan.blocked, plan.text("nb")
    importer.apply(store, plan, EDITOR)
    stored = store.read("projects").set_index("project_id")
    assert stored.loc["PRO-002", "name"] == "Lademoen nabolagshus"
    assert not stored.loc["PRO-002", "is_sample"]


def test_templates_cover_every_table_of_the_model():
    assert set(templates.TABLES) == set(schema.TABLES)


def test_headers_are_what_a_planner_writes_and_older_spellings_still_match():
    headers = list(templates.empty("projects").columns)
    assert {"Levekårssone", "Øst", "Nord"} <= set(headers)
    assert "Område-id" in list(templates.empty("areas").columns)  # an area's own id
    for zone, east, north in [
        ("Sone/område-id", "Øst / lengdegrad (x)", "Nord / breddegrad (y)"),  # earlier templates
        ("Levekårssone", "Lengdegrad", "Breddegrad"),
        ("Zone", "East", "North"),
    ]:
        mapping = fields.suggest_mapping(["Prosjektnavn", zone, east, north], "projects")
        assert mapping["area_id"] == zone
        assert (mapping[fields.X_FIELD], mapping[fields.Y_FIELD]) == (east, north)
