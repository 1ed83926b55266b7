"""Kart in real Chromium (no network): a zone click changes the charts, a drawn rectangle is
summarised, a permalink restores the view, and panning or zooming never reruns the script."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import FrameLocator, Page, expect

from tests.e2e.conftest import (
    FOLIUM_IFRAME,
    expect_rerun,
    map_content_frame,
    wait_for_app_idle,
    wait_for_map,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"

_MAP_JS = "Object.values(window).find((value) => value instanceof L.Map)"


def open_kart(page: Page, app_server: str, query: str = "") -> FrameLocator:
    """Open Kart at ``query``, as a permalink would."""
    page.goto(f"{app_server}/kart{'?' + query if query else ''}")
    wait_for_app_idle(page)
    return wait_for_map(page)


def _view(frame: FrameLocator) -> dict:
    return frame.locator("body").evaluate(
        f"""() => {{
            const map = {_MAP_JS};
            const c = map.getCenter();
            return {{lat: c.lat, lng: c.lng, zoom: map.getZoom()}};
        }}"""
    )


def _zone_point(frame: FrameLocator, name: str) -> tuple[float, float]:
    """Page coordinates of a point inside the named zone (of the clickable area layer)."""
    return frame.locator("body").evaluate(
        f"""(_body, name) => {{
            const map = {_MAP_JS};
            let zone = null;
            map.eachLayer((layer) => {{
                const p = layer.feature && layer.feature.properties;
                if (p && p.area_id && p.name === name && layer.getBounds) zone = layer;
            }});
            const point = map.latLngToContainerPoint(zone.getCenter());
            const box = map.getContainer().getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }}""",
        name,
    )


def _iframe_box(page: Page) -> dict:
    box = page.locator(FOLIUM_IFRAME).bounding_box()
    assert box is not None
    return box


def _runs(page: Page) -> int:
    return int(page.evaluate("window.__omradekartRunsFinished"))


def test_kart_draws_every_default_layer_offline(page: Page, app_server: str):
    frame = open_kart(page, app_server)
    expect(page.get_by_role("heading", name="Kart", exact=True)).to_be_visible()
    expect(frame.locator(".leaflet-draw-draw-rectangle")).to_be_visible()
    expect(frame.get_by_role("button", name="Kopier lenke")).to_be_visible()
    paths = frame.locator("body").evaluate(
        f"""() => {{ let n = 0; ({_MAP_JS}).eachLayer((l) => {{ if (l.feature) n += 1; }});
                   return n; }}"""
    )
    assert paths > 60 + 60  # the zones, the choropleth, projects and meeting places
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.blocked_requests == []
    assert page.page_errors == []
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=DOCS / "kart.png")


def test_pan_and_zoom_never_rerun(page: Page, app_server: str):
    frame = open_kart(page, app_server)
    before = _runs(page)
    values_before = page.evaluate("window.__omradekartValuesSent")
    start = _view(frame)
    box = _iframe_box(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y - 80, steps=8)
    page.mouse.up()
    frame.locator(".leaflet-control-zoom-in").click()
    frame.locator(".leaflet-control-zoom-out").click()
    page.mouse.wheel(0, -300)
    # the map has moved, stopped, and sent the app whatever it would send (streamlit-folium
    # sends a changed value 250 ms after a move; every value sent must have been answered)
    wait_for_map(page)
    assert _view(frame) != start
    assert _runs(page) == before
    assert page.evaluate("window.__omradekartValuesSent") == values_before  # nothing sent


def test_clicking_a_zone_changes_the_charts(page: Page, app_server: str):
    frame = open_kart(page, app_server, "layers=indicator")
    expect(page.get_by_role("heading", name="Diagrammer for satsingssonene")).to_be_visible()
    x, y = _zone_point(frame, "Lademoen")
    box = _iframe_box(page)
    with expect_rerun(page):
        page.mouse.click(box["x"] + x, box["y"] + y)
    expect(
        page.get_by_role("heading", name="Lademoen sammenlignet med satsingssonene")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Innenfor: Lademoen")).to_be_visible()
    assert "zone=lks-09" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_drawing_a_rectangle_summarises_what_is_inside(page: Page, app_server: str):
    frame = open_kart(page, app_server, "layers=projects,places")
    frame.locator(".leaflet-draw-draw-rectangle").click()
    box = _iframe_box(page)
    x0, y0 = box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.35
    with expect_rerun(page):
        page.mouse.move(x0, y0)
        page.mouse.down()
        page.mouse.move(x0 + 140, y0 + 110, steps=6)
        page.mouse.up()
    expect(page.get_by_role("heading", name="Innenfor: Tegnet område")).to_be_visible()
    expect(page.get_by_text("Andel av hver sone som er dekket")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Tegnet område sammenlignet med satsingssonene")
    ).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_permalink_opens_the_same_view(page: Page, app_server: str):
    query = "zone=lks-26&level=bydel&layers=stops,catchments&ptype=park&c=63.42500,10.40000&z=14"
    frame = open_kart(page, app_server, query)
    view = _view(frame)
    assert view["zoom"] == 14
    assert abs(view["lat"] - 63.425) < 1e-4 and abs(view["lng"] - 10.40) < 1e-4
    expect(
        page.get_by_role("heading", name="Tempe-Sorgenfri sammenlignet med satsingssonene")
    ).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("checkbox", name="Holdeplasser (AtB)")).to_be_checked()
    expect(sidebar.get_by_role("checkbox", name="Prosjekter (eksempeldata)")).not_to_be_checked()
    expect(sidebar.get_by_role("radio", name="Bydel")).to_be_checked()


def test_copy_link_puts_the_map_view_in_the_url(page: Page, app_server: str):
    frame = open_kart(page, app_server, "layers=stops")
    before = _runs(page)
    zoom = _view(frame)["zoom"]
    frame.locator(".leaflet-control-zoom-in").click()
    map_content_frame(page).wait_for_function(  # the zoom animation is over
        f"""(zoom) => {{ const map = {_MAP_JS};
                         return map.getZoom() === zoom && !map._animatingZoom; }}""",
        arg=zoom + 1,
    )
    frame.get_by_role("button", name="Kopier lenke").click()
    page.wait_for_function("location.search.includes('z=')")
    url = page.url
    view = _view(frame)
    assert f"z={view['zoom']}" in url and "c=" in url and "layers=stops" in url
    assert _runs(page) == before  # the link is made in the browser: no rerun
    page.goto(url)
    wait_for_app_idle(page)
    again = _view(wait_for_map(page))
    assert again["zoom"] == view["zoom"]
    assert abs(again["lat"] - view["lat"]) < 1e-4 and abs(again["lng"] - view["lng"]) < 1e-4
