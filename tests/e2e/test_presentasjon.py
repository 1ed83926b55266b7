"""The presentation in real Chromium: no chrome, slides by keys and buttons, one URL per slide."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import expect_rerun, wait_for_app_idle

DOCS = Path(__file__).resolve().parents[2] / "docs"
FULL_HD = {"width": 1920, "height": 1080}


def _open(page: Page, app_server: str, query: str) -> None:
    page.set_viewport_size(FULL_HD)
    page.goto(f"{app_server}/?{query}")
    wait_for_app_idle(page)


def test_presentation_hides_streamlit_and_shows_the_first_slide(page: Page, app_server: str):
    _open(page, app_server, "mode=presentasjon")
    expect(
        page.get_by_role("heading", name="Områdesatsingene i Trondheim 2026–2031")
    ).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    expect(page.get_by_test_id("stToolbar")).to_be_hidden()
    expect(page.get_by_text("Lysbilde 1 av 7")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    assert "slide=1" in page.url and "mode=presentasjon" in page.url
    assert page.blocked_requests == []
    assert page.page_errors == []
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=DOCS / "presentasjon.png")


def test_arrow_keys_and_buttons_move_between_slides(page: Page, app_server: str):
    _open(page, app_server, "mode=presentasjon&slide=1")
    with expect_rerun(page):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_role("heading", name="Lademoen: soneprofil")).to_be_visible()
    assert "slide=2" in page.url
    with expect_rerun(page):
        page.get_by_role("button", name="Neste").click()
    expect(page.get_by_role("heading", name="Møllenberg: soneprofil")).to_be_visible()
    with expect_rerun(page):
        page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("heading", name="Lademoen: soneprofil")).to_be_visible()
    assert "slide=2" in page.url


def test_a_slide_permalink_opens_that_slide_in_english(page: Page, app_server: str):
    _open(page, app_server, "mode=presentasjon&slide=5&lang=en")
    expect(page.get_by_role("heading", name="Targets and status")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # the chart's text alternative and its table view
    expect(page.get_by_text("Targets per zone:")).to_be_visible()
    page.get_by_text("Show as a table").click()
    expect(page.get_by_role("table").first).to_be_visible()
