"""Downloads in real Chromium: files made only when pressed (Kart, the whole dataset) arrive whole.

The Kart files and the Data page's GeoPackage are written when their button is clicked (a
callable given to st.download_button); here a browser clicks and opens what it saved.
"""

from __future__ import annotations

import codecs

import pandas as pd
import pyogrio
from playwright.sync_api import Page, expect

from geo import schema
from tests.e2e.conftest import (
    expect_rerun,
    open_data_page_as_editor,
    wait_for_app_idle,
    wait_for_map,
)


def test_kart_downloads_the_selection_when_pressed(page: Page, app_server: str, tmp_path):
    page.goto(f"{app_server}/kart")
    wait_for_map(page)  # the page settled, as a user sees it
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Last ned CSV").click()
    assert csv_download.value.suggested_filename == "omradekart-utvalg.csv"
    csv = tmp_path / "utvalg.csv"
    csv_download.value.save_as(csv)
    assert csv.read_bytes().startswith(codecs.BOM_UTF8)
    table = pd.read_csv(csv, encoding="utf-8-sig")
    assert set(table["layer"]) == {"projects", "places", "kindergartens"}
    assert table.columns[-1] == "geometry"

    with page.expect_download() as gpkg_download:
        page.get_by_role("button", name="Last ned GeoPackage").click()
    gpkg = tmp_path / "utvalg.gpkg"
    gpkg_download.value.save_as(gpkg)
    layers = {
        str(name): pyogrio.read_info(gpkg, layer=name)["features"]
        for name, _ in pyogrio.list_layers(gpkg)
    }
    assert layers == table["layer"].value_counts().to_dict()
    assert page.page_errors == []


def test_data_page_downloads_the_whole_dataset(page: Page, editor_server, tmp_path):
    base_url, _gpkg = editor_server
    open_data_page_as_editor(page, base_url)
    page.get_by_role("tab", name="Eksporter").click()
    with expect_rerun(page):
        page.get_by_role("button", name="Lag GeoPackage").click()
    wait_for_app_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Last ned omradekart.gpkg").click()
    target = tmp_path / "omradekart.gpkg"
    download.value.save_as(target)
    layers = {str(name) for name, _ in pyogrio.list_layers(target)}
    assert set(schema.TABLES) | set(schema.REFERENCE_LAYERS) <= layers
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.page_errors == []
