"""Clicks and drawings on the maps as users make them, in real Chromium at their screen sizes.

A planner at 1440×900 pressed Lademoen on a freshly opened Kart and got a playground in
Rosenborg: Leaflet focused its map on the press and the page scrolled the map's iframe into
view under the button. These tests press on each map page and check that nothing moves, click a
named zone and check that THAT zone is selected, draw shapes that start on a zone and on a point
and check that the drawing wins and comes back from its permalink, and compare the counts the
panel, a chart and the CSV give for one selection.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from playwright.sync_api import Browser, FrameLocator, Page, expect

from geo.schema import CRS, WEB_CRS, Level
from tests.e2e.conftest import (
    APP_TIMEOUT_MS,
    FOLIUM_IFRAME,
    RUN_COUNTER_JS,
    expect_rerun,
    wait_for_app_idle,
    wait_for_map,
)

PLANNER = {"width": 1440, "height": 900}
POLITICIAN = {"width": 1920, "height": 1080}
_MAP_JS = "Object.values(window).find((value) => value instanceof L.Map)"

# Records every layout shift from now on, with when it happened (performance.now() time).
_WATCH_SHIFTS_JS = """() => {
    window.__okShifts = [];
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            window.__okShifts.push({value: entry.value, at: entry.startTime});
        }
    }).observe({type: 'layout-shift'});
}"""
_MAIN_SCROLL_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return [window.scrollY, main ? main.scrollTop : 0];
}"""
_TWO_FRAMES_JS = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.fixture
def planner(browser: Browser) -> Iterator[Page]:
    """A fresh page at the planner's 1440×900, with the run counter the helpers need."""
    yield from _new_page(browser, PLANNER)


@pytest.fixture
def politician(browser: Browser) -> Iterator[Page]:
    """A fresh page at the meeting room's 1920×1080."""
    yield from _new_page(browser, POLITICIAN)


def _new_page(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale="nb-NO", accept_downloads=True)
    context.set_default_timeout(APP_TIMEOUT_MS)
    context.add_init_script(RUN_COUNTER_JS)
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    new_page.page_errors = errors  # type: ignore[attr-defined]
    yield new_page
    context.close()


def _open(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    wait_for_app_idle(page)
    return wait_for_map(page)


def _free_spot(dataset_path: Path, zone_name: str) -> tuple[float, float]:
    """(lat, lon) of a spot well inside the zone, away from its edge, its name label and every
    project and meeting place: a click there can only mean the zone."""
    areas = gpd.read_file(dataset_path, layer="areas").to_crs(CRS)
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    zone = zones.loc[zones["name"] == zone_name].geometry.iloc[0]
    points = pd.concat(
        [
            gpd.read_file(dataset_path, layer=name).to_crs(CRS).geometry
            for name in ("projects", "meeting_places", "grants")
        ]
    )
    crowded = shapely.union_all(
        [*points.buffer(60).to_numpy(), zone.representative_point().buffer(150)]
    )
    free = zone.buffer(-60).difference(crowded)
    parts = getattr(free, "geoms", [free])
    spot = max(parts, key=lambda part: part.area).representative_point()
    lon_lat = gpd.GeoSeries([spot], crs=CRS).to_crs(WEB_CRS).iloc[0]
    return float(lon_lat.y), float(lon_lat.x)


def _page_xy(page: Page, frame: FrameLocator, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) is on the page, through the live map's own projection."""
    x, y = frame.locator("body").evaluate(
        f"""(_body, at) => {{
            const map = {_MAP_JS};
            const point = map.latLngToContainerPoint(at);
            const box = map.getContainer().getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }}""",
        [lat, lon],
    )
    box = page.locator(FOLIUM_IFRAME).first.bounding_box()
    assert box is not None
    return box["x"] + x, box["y"] + y


def _press_and_release(page: Page, x: float, y: float) -> dict[str, object]:
    """Press and release the mouse at (x, y) as a click, and report what moved meanwhile:
    the map's iframe, the page's scroll and the layout shifts the browser recorded."""
    page.evaluate(_WATCH_SHIFTS_JS)
    iframe = page.locator(FOLIUM_IFRAME).first
    box_before, scroll_before = iframe.bounding_box(), page.evaluate(_MAIN_SCROLL_JS)
    page.mouse.move(x, y)
    pressed_at = page.evaluate("performance.now()")
    page.mouse.down()
    page.evaluate(_TWO_FRAMES_JS)  # the press has been laid out and painted
    box_pressed, scroll_pressed = iframe.bounding_box(), page.evaluate(_MAIN_SCROLL_JS)
    released_at = page.evaluate("performance.now()")
    page.mouse.up()
    page.evaluate(_TWO_FRAMES_JS)
    shifts = page.evaluate(
        "([from, to]) => window.__okShifts.filter((s) => s.at >= from && s.at <= to)",
        [pressed_at, released_at],
    )
    return {
        "moved": box_pressed != box_before,
        "scrolled": scroll_pressed != scroll_before,
        "shifts": shifts,
    }


def test_a_click_on_lademoen_on_a_fresh_kart_selects_lademoen(
    planner: Page, app_server: str, dataset_path: Path
):
    frame = _open(planner, f"{app_server}/kart")
    x, y = _page_xy(planner, frame, *_free_spot(dataset_path, "Lademoen"))
    assert y < PLANNER["height"] - 20, "the spot must be on screen without scrolling"
    with expect_rerun(planner):
        report = _press_and_release(planner, x, y)
    assert report == {"moved": False, "scrolled": False, "shifts": []}
    expect(planner.get_by_role("heading", name="Innenfor: Lademoen")).to_be_visible()
    assert "zone=lks-09" in planner.url
    assert planner.page_errors == []


def test_a_click_on_lademoen_on_a_fresh_overview_selects_lademoen(
    politician: Page, app_server: str, dataset_path: Path
):
    page = politician
    frame = _open(page, app_server)
    x, y = _page_xy(page, frame, *_free_spot(dataset_path, "Lademoen"))
    with expect_rerun(page):
        report = _press_and_release(page, x, y)
    assert report == {"moved": False, "scrolled": False, "shifts": []}
    expect(page.get_by_text("Valgt sone: Lademoen")).to_be_visible()
    assert "zone=lks-09" in page.url


@pytest.mark.parametrize(
    "path", ["", "kart", "indikatorer", "prosjekter", "moteplasser", "nabolagspotten"]
)
def test_pressing_a_map_moves_nothing_on_any_map_page(planner: Page, app_server: str, path):
    _open(planner, f"{app_server}/{path}")
    iframe = planner.locator(FOLIUM_IFRAME).first
    iframe.scroll_into_view_if_needed()  # as a user would scroll to a map lower on the page
    box = iframe.bounding_box()
    assert box is not None
    # low on the map: the part that hangs below the window when the page is at its top
    x = box["x"] + box["width"] * 0.7
    y = min(box["y"] + box["height"] - 30, PLANNER["height"] - 10)
    report = _press_and_release(planner, x, y)
    assert report["moved"] is False and report["scrolled"] is False
    assert report["shifts"] == []
    wait_for_app_idle(planner)


def _drawn_outline(frame: FrameLocator) -> int:
    """How many drawn-selection outlines the map shows (the dark dashed line)."""
    return frame.locator("body").evaluate(
        f"""() => {{ let n = 0;
            ({_MAP_JS}).eachLayer((layer) => {{
                if (layer.options && layer.options.dashArray === '10 6' && layer.getBounds) n += 1;
            }});
            return n; }}"""
    )


def _project_point(dataset_path: Path) -> tuple[float, float]:
    projects = gpd.read_file(dataset_path, layer="projects").to_crs(WEB_CRS)
    areas = gpd.read_file(dataset_path, layer="areas")
    lademoen = areas.loc[areas["name"] == "Lademoen", "area_id"].iloc[0]
    point = projects.loc[projects["area_id"] == lademoen].geometry.iloc[0]
    return float(point.y), float(point.x)


@pytest.mark.parametrize("start", ["zone", "project"])
def test_drawing_wins_over_what_it_starts_on_and_stays_in_the_permalink(
    planner: Page, app_server: str, dataset_path: Path, start: str
):
    frame = _open(planner, f"{app_server}/kart")
    at = _free_spot(dataset_path, "Lademoen") if start == "zone" else _project_point(dataset_path)
    x, y = _page_xy(planner, frame, *at)
    frame.locator(".leaflet-draw-draw-rectangle").click()
    with expect_rerun(planner):
        planner.mouse.move(x, y)
        planner.mouse.down()
        planner.mouse.move(x + 60, y + 40, steps=4)
        planner.mouse.move(x + 120, y + 70, steps=4)
        planner.mouse.up()
    expect(planner.get_by_role("heading", name="Innenfor: Tegnet område")).to_be_visible()
    assert "zone=" not in planner.url and "draw=p%3A" in planner.url
    frame = wait_for_map(planner)
    assert _drawn_outline(frame) == 1
    # the permalink brings the area back, outlined, with the same summary
    metrics = planner.get_by_test_id("stMetric").all_inner_texts()
    frame = _open(planner, planner.url)
    expect(planner.get_by_role("heading", name="Innenfor: Tegnet område")).to_be_visible()
    assert planner.get_by_test_id("stMetric").all_inner_texts() == metrics
    assert _drawn_outline(frame) == 1
    with expect_rerun(planner):
        planner.get_by_role("button", name="Tøm utvalg").click()
    assert "draw=" not in planner.url
    assert _drawn_outline(wait_for_map(planner)) == 0


def _bar_counts(page: Page, scope: str) -> int:
    """The sum of the meeting-place chart's bars for ``scope``, read from their labels."""
    labels = page.locator('[aria-roledescription="bar"]').evaluate_all(
        "(bars) => bars.map((bar) => bar.getAttribute('aria-label'))"
    )
    total = 0
    for label in labels:
        fields = dict(part.split(": ", 1) for part in label.split("; ") if ": " in part)
        # the meeting-place chart's bars are the ones with a category and a count
        if fields.get("scope") == scope and "Kategori" in fields and "Antall" in fields:
            total += int(fields["Antall"].replace("\u00a0", "").replace(" ", ""))
    return total


def test_panel_chart_and_csv_count_the_same_meeting_places(
    planner: Page, app_server: str, tmp_path: Path
):
    _open(planner, f"{app_server}/kart?zone=lks-09")
    counts = []
    for layers in ("with kindergartens", "without"):
        panel = planner.get_by_test_id("stMetric").filter(has_text="Møteplasser")
        count = int(panel.get_by_test_id("stMetricValue").inner_text())
        assert _bar_counts(planner, "Lademoen") == count
        with planner.expect_download() as download:
            planner.get_by_role("button", name="Last ned CSV").click()
        csv = tmp_path / f"{layers.replace(' ', '-')}.csv"
        download.value.save_as(csv)
        table = pd.read_csv(csv, encoding="utf-8-sig")
        in_csv = int(table["layer"].isin(["places", "kindergartens"]).sum())
        assert in_csv == count, (layers, in_csv, count)
        counts.append(count)
        if layers == "with kindergartens":  # then without: none of the three counts them
            sidebar = planner.get_by_test_id("stSidebar")
            with expect_rerun(planner):
                sidebar.get_by_text("Barnehager", exact=True).click()  # its label, as a user
            wait_for_map(planner)
    assert counts[0] > counts[1] > 0


# In the map's frame: from the next click on, looks each frame for a selection outline of `zone`,
# and notes how many values the map had sent to the app (st_folium sends the click 250 ms after
# it) and how many script runs had finished, at the click and when the outline appeared.
_WATCH_OUTLINE_JS = """([zone, outlineClass]) => {
    const map = Object.values(window).find((value) => value instanceof L.Map);
    const watch = {runsAtClick: null, runsWhenShown: null, sentAtClick: null, sentWhenShown: null};
    window.__okOutlineWatch = watch;
    const runs = () => window.parent.__omradekartRunsFinished;
    const sent = () => window.parent.__omradekartValuesSent;
    map.getContainer().addEventListener('click', () => {
        watch.runsAtClick = runs();
        watch.sentAtClick = sent();
        const look = () => {
            let shown = false;
            map.eachLayer((layer) => {
                if (layer.options && layer.options.className === outlineClass
                    && layer.feature && layer.feature.properties.area_id === zone) shown = true;
            });
            if (!shown) { requestAnimationFrame(look); return; }
            watch.runsWhenShown = runs();
            watch.sentWhenShown = sent();
        };
        look();
    }, {capture: true, once: true});
}"""
_OUTLINES_JS = f"""(outlineClass) => {{
    const zones = [];
    ({_MAP_JS}).eachLayer((layer) => {{
        if (layer.options && layer.options.className === outlineClass && layer.feature)
            zones.push(layer.feature.properties.area_id);
    }});
    return zones;
}}"""


@pytest.mark.parametrize("path", ["", "kart", "indikatorer"])
def test_a_zone_click_is_outlined_before_the_server_answers_and_the_answer_agrees(
    politician: Page, app_server: str, dataset_path: Path, path: str
):
    """On every map with zone clicks: the browser outlines the clicked zone before the rerun
    the click causes has finished; after it, the server's outline is the only one, on the
    same zone (no double outline); a second zone moves the one outline there."""
    from components.maps.style import SELECTION_OUTLINE_CLASS
    from tests.e2e.conftest import map_content_frame

    frame = _open(politician, f"{app_server}/{path}")  # 1920×1080: both zones on screen
    areas = gpd.read_file(dataset_path, layer="areas")
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    ids = dict(zip(zones["name"], zones["area_id"], strict=True))
    for name in ("Lademoen", "Møllenberg"):
        area_id = ids[name]
        x, y = _page_xy(politician, frame, *_free_spot(dataset_path, name))
        assert y < POLITICIAN["height"] - 20, f"{name} must be on screen"
        content = map_content_frame(politician)
        content.evaluate(_WATCH_OUTLINE_JS, [area_id, SELECTION_OUTLINE_CLASS])
        with expect_rerun(politician):
            politician.mouse.click(x, y)
        wait_for_map(politician)
        content = map_content_frame(politician)
        watch = content.evaluate("window.__okOutlineWatch")
        if watch is not None:  # the same document: the map was not rebuilt
            assert watch["runsWhenShown"] is not None, f"{name}: no outline after the click"
            # before the click even reached the server, so before its rerun ended
            assert watch["sentWhenShown"] == watch["sentAtClick"], f"{name}: outlined too late"
            assert watch["runsWhenShown"] == watch["runsAtClick"]
        assert content.evaluate(_OUTLINES_JS, SELECTION_OUTLINE_CLASS) == [area_id]
    assert politician.page_errors == []


@pytest.mark.parametrize(
    "path",
    [
        "",
        "kart",
        "indikatorer",
        "prosjekter",
        "moteplasser",
        "nabolagspotten",
        "?mode=kiosk&interval=600&idle=600",
    ],
)
def test_panning_and_zooming_never_rerun_on_any_map_page(planner: Page, app_server: str, path):
    _open(planner, f"{app_server}/{path}")
    iframe = planner.locator(FOLIUM_IFRAME).first
    iframe.scroll_into_view_if_needed()
    wait_for_map(planner)
    runs_before = planner.evaluate("window.__omradekartRunsFinished")
    values_before = planner.evaluate("window.__omradekartValuesSent")
    box = iframe.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] * 0.5, box["y"] + min(box["height"] * 0.5, 300)
    planner.mouse.move(x, y)
    planner.mouse.down()
    planner.mouse.move(x + 120, y + 60, steps=8)
    planner.mouse.up()
    planner.mouse.wheel(0, -300)
    wait_for_map(planner)  # the map is still and has sent what it returns
    assert planner.evaluate("window.__omradekartValuesSent") == values_before
    assert planner.evaluate("window.__omradekartRunsFinished") == runs_before
