"""Indikatorer in real Chromium, with no network: the choropleth, a click, the change section."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import expect_rerun, wait_for_app_idle, wait_for_map

DOCS = Path(__file__).resolve().parents[2] / "docs"

_FILLS_JS = """() => {
    const map = Object.values(window).find((value) => value instanceof L.Map);
    const fills = {};
    map.eachLayer((layer) => {
        const p = layer.feature && layer.feature.properties;
        if (p && p.fill && layer.options.interactive !== false) fills[p.area_id] = p.fill;
    });
    return fills;
}"""


def _open(page: Page, app_server: str, query: str = "") -> None:
    page.goto(f"{app_server}/indikatorer{query}")
    wait_for_app_idle(page)


def test_indicator_page_draws_the_choropleth_with_no_network(page: Page, app_server: str):
    _open(page, app_server, "?indicator=trygghet")
    frame = wait_for_map(page)
    fills = frame.locator("body").evaluate(_FILLS_JS)
    assert len(fills) == 60
    assert "#BDBDBD" in fills.values()  # suppressed zones are grey
    expect(page.get_by_role("heading", name="Indikatorer", exact=True)).to_be_visible()
    expect(page.get_by_text("Endring 2022–2025, med usikkerhet")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.blocked_requests == []
    assert page.page_errors == []
    DOCS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 4200})  # the whole page in one picture
    wait_for_map(page)
    page.screenshot(path=DOCS / "indikatorer.png")


def test_clicking_a_zone_compares_it_with_trondheim(page: Page, app_server: str):
    _open(page, app_server, "?indicator=sysselsetting")
    frame = wait_for_map(page)
    page.locator("iframe[title='streamlit_folium.st_folium']").scroll_into_view_if_needed()
    x, y = frame.locator("body").evaluate(
        """() => {
            const map = Object.values(window).find((value) => value instanceof L.Map);
            let target;
            map.eachLayer((layer) => {
                const p = layer.feature && layer.feature.properties;
                const live = layer.options.interactive !== false;
                if (p && p.name === 'Lademoen' && live) target = layer;
            });
            const point = map.latLngToContainerPoint(target.getCenter());
            const box = map.getContainer().getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }"""
    )
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    with expect_rerun(page):
        page.mouse.click(box["x"] + x, box["y"] + y)
    expect(page.get_by_text("Valgt sone: Lademoen")).to_be_visible()
    assert "zone=lks-09" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_clicking_a_bar_selects_the_zone(page: Page, app_server: str):
    _open(page, app_server, "?indicator=sysselsetting")
    wait_for_map(page)
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.scroll_into_view_if_needed()
    # Vega's SVG renderer labels each bar for screen readers with its fields
    bar = chart.locator('.mark-rect path[aria-label*="Lademoen"]').first
    with expect_rerun(page):
        bar.click()
    expect(page.get_by_text("Valgt sone: Lademoen")).to_be_visible()
    assert "zone=lks-09" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)
