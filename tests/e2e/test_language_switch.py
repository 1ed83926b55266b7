"""The language switch where a visitor meets it outside the sidebar, in real Chromium: the
kiosk's top bar and the presentation's slide bar (both components.state.language_switch).
English changes the page's text, its lang attribute and the URL's ?lang=; Norsk turns it back.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import expect_rerun, wait_for_app_idle

FULL_HD = {"width": 1920, "height": 1080}
LANG_IN_URL = "new URLSearchParams(location.search).get('lang')"


def _open(page: Page, url: str) -> None:
    page.set_viewport_size(FULL_HD)
    page.goto(url)
    wait_for_app_idle(page)


def _switch(page: Page, language: str) -> None:
    choice = page.get_by_role("radio", name=language, exact=True)  # a segmented control
    expect(choice).not_to_be_checked()
    with expect_rerun(page):
        choice.click()
    expect(page.get_by_role("radio", name=language, exact=True)).to_be_checked()


def _expect_language(page: Page, code: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", code)
    expected = "'en'" if code == "en" else "null"  # Norwegian is the default: no ?lang=
    page.wait_for_function(f"{LANG_IN_URL} === {expected}")


def test_the_kiosk_bar_switches_the_language(page: Page, app_server: str):
    _open(page, f"{app_server}/?mode=kiosk&interval=600")
    expect(page.get_by_role("heading", name="Tre nabolag i Trondheim")).to_be_visible()
    _expect_language(page, "nb")
    _switch(page, "English")
    expect(page.get_by_role("heading", name="Three neighbourhoods in Trondheim")).to_be_visible()
    expect(page.get_by_role("heading", name="Tre nabolag i Trondheim")).to_have_count(0)
    expect(page.get_by_text("Part 1 of 4")).to_be_visible()
    _expect_language(page, "en")
    assert "mode=kiosk" in page.url
    _switch(page, "Norsk")
    expect(page.get_by_role("heading", name="Tre nabolag i Trondheim")).to_be_visible()
    expect(page.get_by_text("Del 1 av 4")).to_be_visible()
    _expect_language(page, "nb")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.blocked_requests == []
    assert page.page_errors == []


def test_the_slide_bar_switches_the_language(page: Page, app_server: str):
    _open(page, f"{app_server}/?mode=presentasjon&slide=2")
    expect(page.get_by_role("heading", name="Lademoen: soneprofil")).to_be_visible()
    expect(page.get_by_text("Lysbilde 2 av 7")).to_be_visible()
    _expect_language(page, "nb")
    _switch(page, "English")
    expect(page.get_by_role("heading", name="Lademoen: zone profile")).to_be_visible()
    expect(page.get_by_text("Slide 2 of 7")).to_be_visible()
    expect(page.get_by_role("button", name="Leave presentation")).to_be_visible()
    _expect_language(page, "en")
    assert "slide=2" in page.url and "mode=presentasjon" in page.url  # same slide, now English
    _switch(page, "Norsk")
    expect(page.get_by_role("heading", name="Lademoen: soneprofil")).to_be_visible()
    expect(page.get_by_text("Lysbilde 2 av 7")).to_be_visible()
    _expect_language(page, "nb")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.blocked_requests == []
    assert page.page_errors == []
