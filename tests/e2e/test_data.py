"""The Data page in real Chromium: sign in, import a CSV, see the new points on the map.

Its own server, on a temp copy of the dataset and a temp accounts file, so nothing the other
browser tests read is changed and the real secrets are never touched.
"""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import Page, expect

from geo.store import GeoPackageStore
from tests.e2e.conftest import (
    FOLIUM_IFRAME,
    REPO_ROOT,
    expect_rerun,
    open_data_page_as_editor,
    wait_for_map,
)

DOCS = REPO_ROOT / "docs"
BAD = REPO_ROOT / "tests" / "fixtures" / "bad"
CSV = (
    "Navn;Type;Breddegrad;Lengdegrad;Kilde\n"
    "E2E-plass Lademoen;Park;63,4398;10,4218;e2e\n"
    "E2E-plass Møllenberg;Lekeplass;63,4315;10,4140;e2e\n"
    "<b>E2E</b> Tempe;Nabolagshus;63,4071;10,3977;e2e\n"
)

# Runs inside a map's iframe: the names of the point features whose name contains a text.
_POINTS_JS = """(text) => {
    const map = Object.values(window).find((value) => value instanceof L.Map);
    const names = [];
    map.eachLayer((layer) => {
        const props = layer.feature && layer.feature.properties;
        if (props && layer.getLatLng && map.hasLayer(layer)
            && String(props.name || '').includes(text)) names.push(props.name);
    });
    return names;
}"""


def test_sign_in_import_a_csv_and_see_the_points_on_the_map(
    page: Page, editor_server, tmp_path
):
    base_url, gpkg = editor_server
    open_data_page_as_editor(page, base_url)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Innlogget som kari (redaktør)")).to_be_visible()

    upload = tmp_path / "nye-steder.csv"
    upload.write_bytes(CSV.encode("cp1252"))
    with expect_rerun(page):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(upload)
    expect(page.get_by_text("3 rader er klare til import.")).to_be_visible()
    expect(page.get_by_text("Windows-1252").first).to_be_attached()  # a cell of the report
    preview = wait_for_map(page, 0)
    names = preview.locator("body").evaluate(f"(_b) => ({_POINTS_JS})('E2E')")
    assert len(names) == 3
    DOCS.mkdir(exist_ok=True)
    page.locator(FOLIUM_IFRAME).first.scroll_into_view_if_needed()
    page.screenshot(path=DOCS / "data.png")  # the README's picture: report and preview
    with expect_rerun(page):
        page.get_by_role("button", name="Importer 3 rader (legg til)").click()
    expect(page.get_by_text("3 rader er importert til «Møteplasser».")).to_be_visible()
    expect(page.get_by_text("Angre siste import", exact=False).first).to_be_visible()

    stored = GeoPackageStore(gpkg).read("meeting_places")
    new = stored[stored["source"].str.startswith("e2e")]
    assert sorted(new["name"]) == ["<b>E2E</b> Tempe", "E2E-plass Lademoen", "E2E-plass Møllenberg"]
    assert GeoPackageStore(gpkg).history()["user"].eq("kari").all()

    # the uploader is empty again: the same file cannot be imported twice by accident
    expect(page.get_by_text("nye-steder.csv")).to_have_count(0)

    with expect_rerun(page):
        sidebar.get_by_role("link", name="Oversikt").click()
    overview = wait_for_map(page, 0)
    shown = overview.locator("body").evaluate(f"(_b) => ({_POINTS_JS})('E2E')")
    assert "E2E-plass Lademoen" in shown and "E2E-plass Møllenberg" in shown
    # HTML from the file travels as escaped text, and no <b> element appears in the map
    assert "&lt;b&gt;E2E&lt;/b&gt; Tempe" in shown
    assert overview.locator("b", has_text="E2E").count() == 0
    assert page.page_errors == [] and page.blocked_requests == []


@pytest.mark.parametrize("name", ["binary_junk.csv", "no_shp.zip", "outside.csv"])
def test_a_bad_file_gets_a_message_and_changes_nothing(page: Page, editor_server, name):
    base_url, gpkg = editor_server
    before = hashlib.sha256(gpkg.read_bytes()).hexdigest()
    open_data_page_as_editor(page, base_url)
    with expect_rerun(page):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(BAD / name)
    alert = page.get_by_test_id("stAlertContentError").first
    expect(alert).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("button", name="Importer", exact=False)).to_have_count(0)
    assert hashlib.sha256(gpkg.read_bytes()).hexdigest() == before
