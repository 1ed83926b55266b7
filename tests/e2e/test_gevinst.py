"""Gevinstrealisering in real Chromium, with no network: the matrix, the rule and the charts."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app_idle

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_benefits_page_shows_status_rule_and_bullet_charts(page: Page, app_server: str):
    page.goto(f"{app_server}/gevinst")  # a page's URL opens it directly
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name="Gevinstrealisering", exact=True)).to_be_visible()
    expect(page.get_by_text("Slik settes status.")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.blocked_requests == []
    assert page.page_errors == []
    DOCS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 3600})
    wait_for_app_idle(page)
    page.screenshot(path=DOCS / "gevinst.png")
