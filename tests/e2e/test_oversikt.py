"""The overview in real Chromium, with every request to another host than this machine aborted."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import FrameLocator, Page, expect

from tests.e2e.conftest import (
    REPO_ROOT,
    expect_rerun,
    folium_frame,
    running_streamlit,
    wait_for_app_idle,
    wait_for_map,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"

# Runs inside the map's iframe: the polygons on the Leaflet map that carry a zone id, either
# the clickable zones (interactive) or the outline drawn for the selection (not interactive).
_ZONES_JS = """(interactive = true) => {
    const map = Object.values(window).find((value) => value instanceof L.Map);
    const zones = [];
    map.eachLayer((layer) => {
        const id = layer.feature && layer.feature.properties && layer.feature.properties.area_id;
        if (id && layer.getBounds && map.hasLayer(layer)
            && (layer.options.interactive !== false) === interactive) zones.push(layer);
    });
    return zones;
}"""


def _zone_count(frame: FrameLocator) -> int:
    return frame.locator("body").evaluate(f"() => ({_ZONES_JS})().length")


def _selection_outline(frame: FrameLocator) -> list[str]:
    """area_id of every selection outline on the map."""
    return frame.locator("body").evaluate(
        f"() => ({_ZONES_JS})(false).map((layer) => layer.feature.properties.area_id)"
    )


def _zone_point(frame: FrameLocator, name: str) -> tuple[float, float]:
    """Screen coordinates (in the iframe) of a point inside the named zone."""
    return frame.locator("body").evaluate(
        f"""(_body, name) => {{
            const map = Object.values(window).find((value) => value instanceof L.Map);
            const zone = ({_ZONES_JS})().find((layer) => layer.feature.properties.name === name);
            const point = map.latLngToContainerPoint(zone.getCenter());
            const box = map.getContainer().getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }}""",
        name,
    )


def test_overview_draws_the_60_zones_with_no_network(app_page: Page):
    frame = wait_for_map(app_page)
    assert _zone_count(frame) == 60
    assert _selection_outline(frame) == []
    expect(frame.locator(".leaflet-container")).to_be_visible()
    expect(app_page.get_by_test_id("stException")).to_have_count(0)
    expect(app_page.get_by_role("heading", name="Oversikt")).to_be_visible()
    # Nothing the page needed was outside this machine: Leaflet and its plugins are served locally.
    assert app_page.blocked_requests == []
    assert app_page.page_errors == []
    DOCS.mkdir(exist_ok=True)
    app_page.screenshot(path=DOCS / "oversikt.png")  # the README's picture


def test_clicking_lademoen_on_the_map_focuses_the_card_and_chart(app_page: Page):
    frame = wait_for_map(app_page)
    # Hide the point layers (as a user would, in the layer control) so the click hits the zone.
    for checkbox in frame.locator(".leaflet-control-layers-overlays input").all():
        checkbox.uncheck()
    x, y = _zone_point(frame, "Lademoen")
    iframe_box = app_page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    with expect_rerun(app_page):
        app_page.mouse.click(iframe_box["x"] + x, iframe_box["y"] + y)
    expect(app_page.get_by_text("Valgt sone: Lademoen")).to_be_visible()
    expect(
        app_page.get_by_role("heading", name="Møteplasser etter type i Lademoen")
    ).to_be_visible()
    assert "zone=lks-09" in app_page.url
    expect(app_page.get_by_test_id("stException")).to_have_count(0)
    frame = wait_for_map(app_page)
    # The selection is drawn into the live map: the layers the user hid stay hidden.
    expect(frame.locator(".leaflet-control-layers-overlays input:checked")).to_have_count(0)
    assert _selection_outline(frame) == ["lks-09"]


def test_a_permalink_restores_zone_and_language(page: Page, app_server: str):
    page.goto(f"{app_server}/?lang=en&zone=lks-26")
    wait_for_app_idle(page)
    wait_for_map(page)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_text("Selected zone: Tempe-Sorgenfri")).to_be_visible()
    assert _zone_count(folium_frame(page)) == 60
    assert _selection_outline(folium_frame(page)) == ["lks-26"]


def test_a_permalink_as_a_fresh_servers_first_request_runs_through_the_app(
    page: Page, dataset_path: Path
):
    """A page file must never run on its own (no navigation, no language, no mode logic)."""
    env = {"OMRADEKART_GPKG": str(dataset_path)}
    with running_streamlit(REPO_ROOT / "app.py", env) as server:
        page.goto(f"{server.base_url}/prosjekter?lang=en")
        wait_for_app_idle(page)
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav.get_by_text("Overview")).to_be_visible()
        expect(nav.get_by_text("kiosk", exact=True)).to_have_count(0)
        expect(page.get_by_role("heading", name="Projects", exact=True)).to_be_visible()
