"""Kart at national size in real Chromium: zones drawn from vector tiles anywhere in the country.

A smaller stand-in for ``make national`` (bench/national.py with just over
geo.build.tiles.TILE_THRESHOLD zones and meeting places, tiles to a lower zoom), served by its
own app server. A pan from Trondheim to Tromsø shows zones there with no rerun, and a click
there selects the zone under it: outlined in the browser from the tile at once, named by the
page after the server found it with its spatial index.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench import national
from geo.analysis.zone_lookup import zone_at, zone_index
from geo.build import tiles
from geo.schema import Level
from geo.store import GeoPackageStore
from tests.e2e.conftest import (
    FOLIUM_IFRAME,
    REPO_ROOT,
    TILED_ZONE_AT_CENTRE_JS,
    expect_rerun,
    map_content_frame,
    running_streamlit,
    wait_for_app_idle,
    wait_for_map,
)

TRONDHEIM = (63.43, 10.40)
TROMSO = (69.65, 18.96)
TEST_MAX_ZOOM = 8
_TILES_JS = "window.__okTiles"


@pytest.fixture(scope="module")
def national_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on a national stand-in with its tiles (in static/tiles/<stem>/, removed after)."""
    gpkg = tmp_path_factory.mktemp("national") / f"e2e-national-{os.getpid()}.gpkg"
    count = tiles.TILE_THRESHOLD + 200
    national.build(gpkg, polygons=count, points=count, tiles=False)
    try:
        tiles.build_tiles(gpkg, max_zoom=TEST_MAX_ZOOM)
        with running_streamlit(REPO_ROOT / "app.py", {"OMRADEKART_GPKG": str(gpkg)}) as server:
            yield server.base_url, gpkg
    finally:
        shutil.rmtree(tiles.tile_dir(gpkg), ignore_errors=True)


def _runs(page: Page) -> int:
    return int(page.evaluate("window.__omradekartRunsFinished"))


def _zone_under(gpkg: Path, lat: float, lon: float) -> tuple[str, str]:
    areas = GeoPackageStore(gpkg).read("areas")
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    area_id = zone_at(zone_index(zones), lat, lon)
    assert area_id is not None, "the stand-in has no zone at the test's point"
    return area_id, str(zones.loc[zones["area_id"] == area_id, "name"].iloc[0])


def test_a_pan_to_tromso_shows_zones_there_and_a_click_selects_the_zone_under_it(
    page: Page, national_server: tuple[str, Path]
):
    base_url, gpkg = national_server
    lat, lon = TRONDHEIM
    page.goto(f"{base_url}/kart?c={lat},{lon}&z=9")
    wait_for_app_idle(page)
    wait_for_map(page)
    frame = map_content_frame(page)
    frame.wait_for_function(TILED_ZONE_AT_CENTRE_JS, polling=200)  # Trondheim, from tiles
    before = _runs(page)
    values_before = page.evaluate("window.__omradekartValuesSent")

    frame.evaluate(f"() => {_TILES_JS}.map.setView([{TROMSO[0]}, {TROMSO[1]}], 9)")
    shown = frame.wait_for_function(TILED_ZONE_AT_CENTRE_JS, polling=200).json_value()
    wait_for_map(page)
    area_id, name = _zone_under(gpkg, *TROMSO)
    assert shown == area_id  # the zone drawn at the centre is the one the server knows there
    assert _runs(page) == before  # the pan reran nothing
    assert page.evaluate("window.__omradekartValuesSent") == values_before

    box = page.locator(FOLIUM_IFRAME).bounding_box()
    assert box is not None
    centre = frame.evaluate(
        f"""() => {{ const map = {_TILES_JS}.map;
            const p = map.latLngToContainerPoint(map.getCenter());
            const b = map.getContainer().getBoundingClientRect();
            return [b.left + p.x, b.top + p.y]; }}"""
    )
    with expect_rerun(page):
        page.mouse.click(box["x"] + centre[0], box["y"] + centre[1])
        # outlined in the browser from the tile, whether or not the server has answered yet
        frame.wait_for_function(f"() => {_TILES_JS}.selected === {area_id!r}")
    expect(page.get_by_role("heading", name=f"Innenfor: {name}")).to_be_visible()
    assert f"zone={area_id}" in page.url
    assert frame.evaluate(f"() => {_TILES_JS}.selected") == area_id  # the server agrees
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.blocked_requests == []
    assert page.page_errors == []
