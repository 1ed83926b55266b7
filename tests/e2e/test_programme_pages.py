"""Prosjekter, Møteplasser, Nabolagspotten and Risiko in real Chromium, with no network beyond
this machine: each draws without an error, answers an interaction, and leaves a screenshot in
docs/<page>.png."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import expect_rerun, wait_for_app_idle, wait_for_map

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _open(page: Page, app_server: str, path: str, maps: int = 0) -> None:
    page.goto(f"{app_server}/{path}")  # a page's URL opens it directly (app.py runs first)
    wait_for_app_idle(page)
    for index in range(maps):
        wait_for_map(page, index)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _chart_texts(page: Page) -> list[str]:
    """The text in the page's Vega-Lite charts (axis labels, titles, bar labels)."""
    return page.locator('[data-testid="stVegaLiteChart"] svg text').evaluate_all(
        "(texts) => texts.map((text) => text.textContent)"
    )


def _clean(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.blocked_requests == []
    assert page.page_errors == []


def _shot(page: Page, name: str, heading: str | None = None) -> None:
    if heading is not None:
        page.get_by_role("heading", name=heading).scroll_into_view_if_needed()
        page.get_by_role("heading", name=heading).evaluate("el => el.scrollIntoView()")
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=DOCS / name)


def test_prosjekter(page: Page, app_server: str):
    _open(page, app_server, "prosjekter", maps=1)
    expect(page.get_by_role("heading", name="Prosjekter", exact=True)).to_be_visible()
    expect(page.get_by_text("Viser 41 av 41 prosjekter.")).to_be_visible()
    _clean(page)
    _shot(page, "prosjekter.png")
    # search narrows the table
    with expect_rerun(page):
        page.get_by_label("Søk", exact=True).fill("ungdom")
        page.get_by_label("Søk", exact=True).press("Enter")
    expect(page.get_by_text("av 41 prosjekter.")).not_to_have_text("Viser 41 av 41 prosjekter.")
    _clean(page)
    _shot(page, "prosjekter-tidslinje.png", heading="Tidslinje etter mål")


def test_moteplasser_distance_change(page: Page, app_server: str):
    _open(page, app_server, "moteplasser", maps=2)
    expect(page.get_by_role("heading", name="Møteplasser", exact=True)).to_be_visible()
    expect(page.get_by_text("Innen 500 m fra: Lekeplass, Park")).to_be_visible()
    _clean(page)
    with expect_rerun(page):
        page.get_by_role("radio", name="300 m").click()
    expect(page.get_by_text("Innen 300 m fra: Lekeplass, Park")).to_be_visible()
    wait_for_map(page, 1)
    _clean(page)
    _shot(page, "moteplasser.png", heading="Dekning: innen gangavstand")


def test_nabolagspotten(page: Page, app_server: str):
    _open(page, app_server, "nabolagspotten", maps=1)
    expect(page.get_by_role("heading", name="Nabolagspotten", exact=True)).to_be_visible()
    expect(page.get_by_text("Bare organisasjoner vises.", exact=False)).to_be_visible()
    _clean(page)
    by_zone = _chart_texts(page)
    assert "Lademoen" in by_zone and "2024" not in by_zone  # by zone, the default
    with expect_rerun(page):
        page.get_by_role("radio", name="År", exact=True).click()
    expect(page.get_by_role("radio", name="År", exact=True)).to_be_checked()
    # the chart of applied and granted is now by year: a bar per year, no zone
    by_year = _chart_texts(page)
    assert {"2023", "2024", "2025", "2026"} <= set(by_year)
    assert "Lademoen" not in by_year and "Tempe-Sorgenfri" not in by_year
    _clean(page)
    _shot(page, "nabolagspotten.png", heading="Søkt og innvilget")


def test_risiko(page: Page, app_server: str):
    _open(page, app_server, "risiko")
    expect(page.get_by_role("heading", name="Risiko", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Sannsynlighet × konsekvens")).to_be_visible()
    expect(page.get_by_text("Viser 9 av 9 risikoer.")).to_be_visible()
    _clean(page)
    _shot(page, "risiko.png")
    # filtering by area narrows the register and its count
    page.get_by_test_id("stMultiSelect").first.click()
    with expect_rerun(page):
        page.get_by_role("option", name="Interessenter", exact=True).click()
    page.keyboard.press("Escape")
    expect(page.get_by_text("Viser 9 av 9 risikoer.")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^Viser [1-8] av 9 risikoer\.$"))).to_be_visible()
    _clean(page)
