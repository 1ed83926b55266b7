"""The Data page's templates and completeness in real Chromium: an editor downloads the Excel
template for Prosjekter, fills it in as a planner would (values from its drop-down lists),
imports it through the page, and sees what the data still lacks."""

from __future__ import annotations

import openpyxl
from playwright.sync_api import Page, expect

from geo import schema
from geo.ingest import templates
from geo.store import GeoPackageStore
from tests.e2e.conftest import expect_rerun, open_data_page_as_editor, wait_for_app_idle


def _lists(book: openpyxl.Workbook) -> dict[str, list[str]]:
    """Each header's drop-down values, read from the workbook as Excel offers them."""
    data, lists = book[templates.DATA_SHEET], book[templates.LIST_SHEET]
    headers = {cell.column_letter: cell.value for cell in data[1]}
    found = {}
    for check in data.data_validations.dataValidation:
        if check.type == "list":
            column = str(check.sqref).split(":")[0].rstrip("0123456789")
            cells = lists[check.formula1.split("!")[1].replace("$", "")]
            found[headers[column]] = [c.value for row in cells for c in row]
    return found


def test_download_a_template_fill_it_and_import_it_through_the_page(
    page: Page, editor_server, tmp_path
):
    base_url, gpkg = editor_server
    open_data_page_as_editor(page, base_url)
    page.get_by_role("tab", name="Maler").click()
    expect(page.get_by_text("Må fylles ut: «Navn», «Status».")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Last ned Excel-mal for «Prosjekter»").click()
    assert download.value.suggested_filename == "mal-projects.xlsx"
    template = tmp_path / "mal-projects.xlsx"
    download.value.save_as(template)

    book = openpyxl.load_workbook(template)
    sheet = book[templates.DATA_SHEET]
    headers = [cell.value for cell in sheet[1]]
    choices = _lists(book)
    areas = GeoPackageStore(gpkg).read("areas")
    zones = areas[areas["level"] == schema.Level.LEVEKARSSONE].set_index("name")
    filled = {
        "E2E-MAL-1": ("Lademoen", "Pågår", "Husbanken"),
        "E2E-MAL-2": ("Tempe-Sorgenfri", "Planlagt", "Trondheim kommune"),
    }
    for project_id, (zone, status, funding) in filled.items():
        point = zones.loc[zone, "geometry"].representative_point()
        assert zone in choices["Levekårssone"] and status in choices["Status"]
        assert funding in choices["Finansiering"]
        row = {
            "Prosjekt-id": project_id,
            "Navn": f"Malprosjekt {zone}",
            "Levekårssone": zone,
            "Status": status,
            "Finansiering": funding,
            "Mål": choices["Mål"][0],
            "Startår": 2026,
            "Sluttår": 2028,
            "Budsjett (kr)": 250000,
            "Varig endring": "Ja",
            "Øst / lengdegrad (x)": round(point.x, 1),
            "Nord / breddegrad (y)": round(point.y, 1),
        }
        sheet.append([row.get(header) for header in headers])
    book.save(template)

    page.get_by_role("tab", name="Importer").click()
    with expect_rerun(page):
        page.locator(
            '.st-key-import_file_0 [data-testid="stFileUploaderDropzoneInput"]'
        ).set_input_files(template)
    wait_for_app_idle(page)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    with expect_rerun(page):
        page.locator(".st-key-import_go button").click()
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_be_visible()

    stored = GeoPackageStore(gpkg).read("projects").set_index("project_id")
    for project_id, (zone, _status, _funding) in filled.items():
        assert stored.loc[project_id, "area_id"] == zones.loc[zone, "area_id"]
        assert stored.loc[project_id, "name"] == f"Malprosjekt {zone}"
        assert not stored.loc[project_id, "is_sample"]
    assert stored.loc["E2E-MAL-1", "status"] == "pagar"
    assert stored.loc["E2E-MAL-2", "funding"] == "kommune"

    # the rows left out of the template show up as gaps, in plain words
    page.get_by_role("tab", name="Hva mangler").click()
    wait_for_app_idle(page)
    expect(page.get_by_text("Hva mangler i dataene")).to_be_visible()
    total = len(stored)
    expect(page.get_by_text(f"av {total} prosjekter mangler", exact=False).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.page_errors == []
