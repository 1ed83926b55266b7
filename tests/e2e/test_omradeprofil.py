"""Områdeprofil in real Chromium, with no network: one zone on one screen, and its PDF."""

from __future__ import annotations

from pathlib import Path

import pypdf
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app_idle

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_profile_shows_the_zone_and_downloads_a_pdf(page: Page, app_server: str, tmp_path):
    page.goto(f"{app_server}/omradeprofil?zone=lks-09")  # a page's URL opens it directly
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name="Lademoen", exact=True)).to_be_visible()
    expect(page.get_by_text("Nøkkeltall mot Trondheim")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    DOCS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 3000})  # the whole profile in one picture
    wait_for_app_idle(page)
    page.screenshot(path=DOCS / "omradeprofil.png")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Last ned PDF").click()
    target = tmp_path / "profil.pdf"
    download_info.value.save_as(target)
    reader = pypdf.PdfReader(target)
    assert "Lademoen" in reader.pages[0].extract_text()
    assert page.blocked_requests == []
    assert page.page_errors == []
