"""The Data page in real Chromium: sign in, import registers as the kommune keeps them, see
the rows in their zones and on the map; re-imports change only what changed; personal data
never reaches the store; a refused file leaves the store byte for byte as it was.

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
REGISTERS = REPO_ROOT / "tests" / "fixtures" / "registers"
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


def test_sign_in_import_a_csv_and_see_the_points_on_the_map(page: Page, editor_server, tmp_path):
    base_url, gpkg = editor_server
    open_data_page_as_editor(page, base_url)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Innlogget som kari (redaktør)")).to_be_visible()

    upload = tmp_path / "nye-steder.csv"
    upload.write_bytes(CSV.encode("cp1252"))
    _choose_table(page, "Møteplasser")
    _upload(page, upload)
    expect(page.get_by_text("3 rader lest: 3 nye, 0 endret, 0 uendret.")).to_be_visible()
    expect(page.get_by_text("Windows-1252").first).to_be_attached()  # a cell of the report
    preview = wait_for_map(page, 0)
    names = preview.locator("body").evaluate(f"(_b) => ({_POINTS_JS})('E2E')")
    assert len(names) == 3
    DOCS.mkdir(exist_ok=True)
    page.locator(FOLIUM_IFRAME).first.scroll_into_view_if_needed()
    page.screenshot(path=DOCS / "data.png")  # the README's picture: report and preview
    with expect_rerun(page):
        page.get_by_role("button", name="Importer (3 nye, 0 endret, 0 uendret)").click()
    expect(page.get_by_text("Lagret i «Møteplasser»: 3 nye", exact=False)).to_be_visible()

    stored = GeoPackageStore(gpkg).read("meeting_places")
    new = stored[stored["source"] == "nye-steder.csv"]  # the file is the rows' source
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
    _upload(page, BAD / name)
    alert = page.get_by_test_id("stAlertContentError").first
    expect(alert).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("button", name="Importer", exact=False)).to_have_count(0)
    assert hashlib.sha256(gpkg.read_bytes()).hexdigest() == before


def test_a_project_register_lands_in_its_zones_and_re_imports_change_only_what_changed(
    page: Page, editor_server
):
    base_url, gpkg = editor_server
    open_data_page_as_editor(page, base_url)
    store = GeoPackageStore(gpkg)
    before = set(store.read("projects")["project_id"])

    _upload(page, REGISTERS / "prosjektregister.xlsx")  # Prosjekter is the table chosen
    expect(page.get_by_text("7 rader lest: 7 nye, 0 endret, 0 uendret.")).to_be_visible()
    expect(page.get_by_text("raden kjennes igjen på Prosjektnavn + Levekårssone")).to_be_visible()
    with expect_rerun(page):
        page.get_by_role("button", name="Importer (7 nye, 0 endret, 0 uendret)").click()
    expect(page.get_by_text("Lagret i «Prosjekter»: 7 nye", exact=False)).to_be_visible()
    projects = GeoPackageStore(gpkg).read("projects")
    new = projects[~projects["project_id"].isin(before)].set_index("name")
    assert len(new) == 7
    assert new.loc["Aktivitetspark Lademoen", "area_id"] == "lks-09"
    assert new.loc["Ungdomsklubb Nyhavna", "area_id"] == "lks-09"  # "Ladmoen", by its point
    assert new.loc["Møteplass Tempe", "area_id"] == "lks-26"  # "tempe - sorgenfri"
    assert new.loc["Nabolagsvert Møllenberg", "area_id"] == "lks-07"

    # the same file again: nothing to do, and nothing is written
    digest = _digest(gpkg)
    _upload(page, REGISTERS / "prosjektregister.xlsx")
    expect(page.get_by_text("Alle 7 radene er allerede lagret", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Importer (", exact=False)).to_have_count(0)
    assert _digest(gpkg) == digest

    # the register's next version: exactly the two changed rows are updated, one is new
    _upload(page, REGISTERS / "prosjektregister_v2.xlsx")
    expect(page.get_by_text("8 rader lest: 1 nye, 2 endret, 5 uendret.")).to_be_visible()
    with expect_rerun(page):
        page.get_by_role("button", name="Importer (1 nye, 2 endret, 5 uendret)").click()
    log = GeoPackageStore(gpkg).history()
    batch = log[log["batch_id"] == log["batch_id"].iloc[-1]]
    assert sorted(batch["action"]) == ["insert", "update", "update"]
    updated = GeoPackageStore(gpkg).read("projects").set_index("name")
    assert updated.loc["Aktivitetspark Lademoen", "budget_nok"] == 400_000
    assert updated.loc["Møteplass Tempe", "status"] == "avsluttet"


def test_personal_fields_of_a_grant_export_never_reach_the_store(page: Page, editor_server):
    base_url, gpkg = editor_server
    open_data_page_as_editor(page, base_url)
    _choose_table(page, "Tilskudd (Nabolagspotten)")
    _upload(page, REGISTERS / "tilskudd_eksport.xlsx")
    expect(
        page.get_by_text("Ikke lagret (personopplysninger): Kontaktperson, E-post, Telefon")
    ).to_be_visible()
    with expect_rerun(page):
        page.get_by_role("button", name="Importer (4 nye", exact=False).click()
    expect(page.get_by_text("Lagret i «Tilskudd (Nabolagspotten)»", exact=False)).to_be_visible()
    stored = GeoPackageStore(gpkg).read("grants")
    assert "Privatperson" in set(stored["organisation"])
    content = gpkg.read_bytes()
    for personal in ("Kari Nordmann", "Per Hansen", "per.hansen@example.no", "98 76 54 32"):
        assert personal.encode() not in content, personal


def test_a_refused_register_leaves_the_store_byte_for_byte_unchanged(
    page: Page, editor_server, tmp_path
):
    base_url, gpkg = editor_server
    digest = _digest(gpkg)
    open_data_page_as_editor(page, base_url)
    upload = tmp_path / "skrivefeil.csv"
    upload.write_text("Prosjektnavn;Levekårssone;Status\nLeksehjelp;Ladmoen;Pågår\n")
    _upload(page, upload)
    expect(page.get_by_text("1 rader lest; 1 feil må rettes i fila.", exact=False)).to_be_visible()
    expect(page.get_by_text("Mente du «Lademoen»", exact=False).first).to_be_attached()
    expect(page.get_by_role("button", name="Importer (", exact=False)).to_have_count(0)
    assert _digest(gpkg) == digest


def _upload(page: Page, path) -> None:
    with expect_rerun(page):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(path)


def _choose_table(page: Page, label: str) -> None:
    page.locator(".st-key-import_table").click()
    with expect_rerun(page):
        page.get_by_role("option", name=label, exact=True).click()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
