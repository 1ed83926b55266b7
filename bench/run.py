"""Kart against a plain-folium reference page, on the shipped data and a national-size dataset.

For each page and dataset it measures
  1. bytes   what st_folium sends to the browser for the map (its component arguments:
             script, HTML, feature groups; Leaflet's own files are the same for both, left out)
  2. rerun   server time of one script run after a zone click (AppTest, median of many)
  3. paint   navigation to the map's features present in headless Chromium (median)
  4. click   a click inside a zone to the chart answering it in Chromium (median)
and prints each with the ratio Kart / reference. Not a test: nothing is asserted, timings are
noisy on a shared machine, so ratios taken in the same run are the figures to read.

    python bench/run.py                 # both datasets (a few minutes on 2 cores)
    python bench/run.py --quick         # fewer repetitions
    python bench/run.py --skip-national
    python bench/run.py --skip-pages    # without bench/pages.py (pages against the floor)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402
import streamlit_folium  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import serve  # noqa: E402  (the repo root: python serve.py starts the app)
from bench import national  # noqa: E402
from geo.store import DEFAULT_PATH, GeoPackageStore  # noqa: E402

APP = ROOT / "app.py"
REFERENCE = ROOT / "bench" / "reference_page.py"
# Zones clicked in turn: two focus zones large enough for a click well inside them.
CLICKED = ("Lademoen", "Tempe-Sorgenfri")
KART_MAP_KEY = "kart_map"


@dataclass
class Figures:
    bytes_map: int | None = None
    bytes_zones: int | None = None
    rerun_s: list[float] = field(default_factory=list)
    paint_s: list[float] = field(default_factory=list)
    click_s: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- 1 and 2: AppTest with streamlit-folium's component replaced by a recorder ----------------


class Component:
    """Stands in for streamlit-folium's component: records the size of what would be sent and
    answers with ``click`` (a zone feature) as the browser would."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.click: dict[str, Any] | None = None
        self.key: str | None = None

    def __call__(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.pop("on_change", None)
        self.sizes.append(len(json.dumps(kwargs, default=str).encode()))
        self.key = kwargs["key"]
        value = dict(kwargs["default"])
        if self.click is not None:
            value["last_active_drawing"] = self.click
        return value


def _zone_feature(area_id: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"area_id": area_id},
        "geometry": {"type": "Polygon", "coordinates": []},
    }


def app_figures(page: str, gpkg: Path, clicks: list[str], figures: Figures) -> None:
    """Bytes of the map and the server time of a run after each zone click, in AppTest."""
    os.environ["OMRADEKART_GPKG"] = str(gpkg)
    component = Component()
    script = APP if page == "kart" else REFERENCE
    at = AppTest.from_file(str(script), default_timeout=900)
    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(streamlit_folium, "_component_func", component))
        stack.enter_context(mock.patch("streamlit.altair_chart", lambda *a, **k: None))
        at.run()
        if page == "kart":
            at.switch_page("views/kart.py")
            at.run()
        _fail_on_exception(at, page)
        figures.bytes_map = component.sizes[-1]
        for area_id in clicks:
            component.click = _zone_feature(area_id)
            if page == "kart":
                # what the browser's click does before the run: st_folium's on_change
                at.session_state[KART_MAP_KEY] = {"last_active_drawing": component.click}
                at.session_state["zone"] = area_id
            start = time.perf_counter()
            at.run()
            figures.rerun_s.append(time.perf_counter() - start)
            _fail_on_exception(at, page)


def _fail_on_exception(at: AppTest, page: str) -> None:
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")


# --- 3 and 4: real Chromium ----------------------------------------------------------------------

_FEATURES_JS = """(n) => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = frame && frame.contentWindow;
    if (!w || !w.L) return false;
    const map = Object.values(w).find((v) => v instanceof w.L.Map);
    if (!map) return false;
    let count = 0;
    map.eachLayer((layer) => { if (layer.feature || layer instanceof w.L.Marker) count += 1; });
    return count >= n;
}"""

_CLICK_POINT_JS = """(candidates) => {
    // The first candidate (lat, lon) where a click reaches a zone, not a marker icon or a
    // control: the element there is a vector path (SVG) or the canvas the paths are drawn on.
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = frame.contentWindow;
    const map = Object.values(w).find((v) => v instanceof w.L.Map);
    const box = frame.getBoundingClientRect();
    const inner = map.getContainer().getBoundingClientRect();
    for (const [lat, lon] of candidates) {
        const p = map.latLngToContainerPoint([lat, lon]);
        const el = w.document.elementFromPoint(inner.left + p.x, inner.top + p.y);
        if (el && (el.tagName === 'path' || el.tagName === 'CANVAS')) {
            return [box.left + inner.left + p.x, box.top + inner.top + p.y];
        }
    }
    return null;
}"""


def browser_figures(
    page_name: str,
    url: str,
    n_features: int,
    clicks: list[tuple[str, list[tuple[float, float]], str]],
    repeats: int,
    figures: Figures,
    warm_url: str | None = None,
    timeout_s: float = 120,
) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, RUN_COUNTER_JS, VIEWPORT, wait_for_map

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            if warm_url:  # the server's first run of app.py (and warm caches), not timed
                page = browser.new_page(viewport=VIEWPORT)
                page.goto(warm_url)
                page.wait_for_function(_FEATURES_JS, arg=1, timeout=timeout_s * 1000)
                page.close()
            for attempt in range(repeats):
                context = browser.new_context(viewport=VIEWPORT, locale="nb-NO")
                context.add_init_script(RUN_COUNTER_JS)
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url, wait_until="commit")
                try:
                    page.wait_for_function(
                        _FEATURES_JS, arg=n_features, timeout=timeout_s * 1000, polling=50
                    )
                except Exception:  # noqa: BLE001 -- a page that never paints is a figure too
                    figures.notes.append(f"{page_name}: map not painted within {timeout_s:.0f} s")
                    context.close()
                    return
                figures.paint_s.append(time.perf_counter() - start)
                if attempt == repeats - 1:
                    wait_for_map(page, timeout_ms=int(timeout_s * 1000))
                    for _name, latlon, expected in clicks:
                        spot = page.evaluate(_CLICK_POINT_JS, [list(c) for c in latlon])
                        if spot is None:
                            figures.notes.append(f"{page_name}: no free spot to click")
                            break
                        x, y = spot
                        start = time.perf_counter()
                        page.mouse.click(x, y)
                        try:
                            page.get_by_role("heading", name=expected).first.wait_for(
                                timeout=timeout_s * 1000
                            )
                        except Exception:  # noqa: BLE001 -- no answer is a figure too
                            figures.notes.append(
                                f"{page_name}: click not answered within {timeout_s:.0f} s"
                            )
                            break
                        figures.click_s.append(time.perf_counter() - start)
                        wait_for_map(page, timeout_ms=int(timeout_s * 1000))
                context.close()
        finally:
            browser.close()


def free_points(gpkg: Path, names: tuple[str, ...]) -> dict[str, list[tuple[float, float]]]:
    """Per zone, (lat, lon) spots inside it, farthest (in metres) from every project, meeting
    place and the zone's border first: where a click reaches the zone rather than a marker."""
    store = GeoPackageStore(gpkg)
    areas = store.read("areas")
    points = np.concatenate(
        [
            shapely.get_coordinates(store.read(t).geometry.values)
            for t in ("projects", "meeting_places")
        ]
    )
    tree = shapely.STRtree(shapely.points(points))
    out = {}
    for name in names:
        zone = areas[(areas["name"] == name) & (areas["level"] == "levekarssone")].geometry.iloc[0]
        west, south, east, north = zone.bounds
        grid = shapely.points(
            *np.meshgrid(np.linspace(west, east, 80), np.linspace(south, north, 80))
        ).ravel()
        inside = grid[shapely.contains(zone, grid)]
        _, to_point = tree.query_nearest(inside, return_distance=True, all_matches=False)
        to_border = shapely.distance(inside, zone.boundary)
        order = np.argsort(-np.minimum(to_point, to_border))[:60]
        spots = gpd.GeoSeries(inside[order], crs=areas.crs).to_crs(4326)
        out[name] = [(p.y, p.x) for p in spots]
    return out


@contextmanager
def server(script: Path, gpkg: Path) -> Iterator[str]:
    """``streamlit run`` of ``script`` from the repo root (where .streamlit/config.toml turns on
    the static files Leaflet is served from), on a free port, stopped afterwards."""
    from tests.e2e.conftest import free_port

    port = free_port()
    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 -- closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script.relative_to(ROOT)),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "OMRADEKART_GPKG": str(gpkg)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        serve.wait_healthy(base, 120)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


# --- national size: zones from vector tiles ----------------------------------------------------

NATIONAL_GPKG = ROOT / "data" / "national.gpkg"  # `make national`; its tiles: static/tiles/national
TRONDHEIM = (63.43, 10.40)
TROMSO = (69.65, 18.96)


def national_dataset() -> Path:
    """data/national.gpkg with its tiles, built (as `make national` does) when missing."""
    from geo.build import tiles

    if not NATIONAL_GPKG.exists():
        print("generating the national dataset and its tiles …", flush=True)
        national.build(NATIONAL_GPKG)
    elif not tiles.tiled_layers(NATIONAL_GPKG):
        print("building the national dataset's tiles …", flush=True)
        tiles.build_tiles(NATIONAL_GPKG)
    return NATIONAL_GPKG


@dataclass
class NationalFigures:
    app: Figures = field(default_factory=Figures)
    pan_s: list[float] = field(default_factory=list)
    pan_reruns: list[int] = field(default_factory=list)
    pan_zone: str | None = None


def measure_national(gpkg: Path, repeats: int, reruns: int) -> NationalFigures:
    """Kart at national size: bytes and server reruns (AppTest), warm paint of the tiled zones,
    a click in a focus zone to its chart, and a pan from Trondheim to Tromsø to zones drawn
    there, with the reruns it caused counted."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import (
        CHROMIUM,
        CHROMIUM_ARGS,
        RUN_COUNTER_JS,
        TILED_ZONE_AT_CENTRE_JS,
        VIEWPORT,
        wait_for_map,
    )

    result = NationalFigures()
    figures = result.app
    zones = GeoPackageStore(gpkg).read("areas")
    zones = zones[zones["level"] == "levekarssone"]
    ids = dict(zip(zones["name"], zones["area_id"], strict=True))
    print("[national] kart: AppTest …", flush=True)
    try:
        app_figures("kart", gpkg, [ids[CLICKED[i % 2]] for i in range(reruns)], figures)
    except Exception as error:  # noqa: BLE001
        figures.notes.append(f"kart: AppTest failed: {error}")
    spots = free_points(gpkg, CLICKED)
    print("[national] kart: Chromium …", flush=True)
    timeout_ms = 120_000
    with server(APP, gpkg) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        url = f"{base}/kart"
        try:
            for attempt in range(repeats + 1):  # the first visit warms the server, not timed
                context = browser.new_context(viewport=VIEWPORT, locale="nb-NO")
                context.add_init_script(RUN_COUNTER_JS)
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url, wait_until="commit")
                frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                frame.locator(".leaflet-container").wait_for(timeout=timeout_ms)
                inner = page.locator('iframe[title="streamlit_folium.st_folium"]')
                content = inner.element_handle(timeout=timeout_ms).content_frame()
                content.wait_for_function(TILED_ZONE_AT_CENTRE_JS, timeout=timeout_ms, polling=50)
                if attempt > 0:
                    figures.paint_s.append(time.perf_counter() - start)
                if attempt == repeats:
                    _national_clicks(page, spots, figures, timeout_ms, wait_for_map)
                    _national_pan(page, result, timeout_ms, wait_for_map, TILED_ZONE_AT_CENTRE_JS)
                context.close()
        finally:
            browser.close()
    return result


def _national_clicks(
    page: Any, spots: dict, figures: Figures, timeout_ms: int, settle: Any
) -> None:
    settle(page, timeout_ms=timeout_ms)
    for name in [CLICKED[i % 2] for i in range(4)]:
        spot = page.evaluate(_CLICK_POINT_JS, [list(c) for c in spots[name]])
        if spot is None:
            figures.notes.append("kart: no free spot to click")
            return
        start = time.perf_counter()
        page.mouse.click(*spot)
        page.get_by_role("heading", name=f"{name} sammenlignet med").first.wait_for(
            timeout=timeout_ms
        )
        figures.click_s.append(time.perf_counter() - start)
        settle(page, timeout_ms=timeout_ms)


def _national_pan(
    page: Any, result: NationalFigures, timeout_ms: int, settle: Any, zone_drawn_js: str
) -> None:
    """From Trondheim to Tromsø (setView, as a drag of ~800 km would end) until the zones there
    are drawn; the reruns it caused counted by the page's run counter."""
    frame = page.locator('iframe[title="streamlit_folium.st_folium"]').element_handle()
    frame = frame.content_frame()
    for _ in range(2):
        frame.evaluate(f"() => window.__okTiles.map.setView([{TRONDHEIM[0]}, {TRONDHEIM[1]}], 9)")
        frame.wait_for_function(zone_drawn_js, timeout=timeout_ms, polling=50)
        settle(page, timeout_ms=timeout_ms)
        runs = page.evaluate("window.__omradekartRunsFinished")
        start = time.perf_counter()
        frame.evaluate(f"() => window.__okTiles.map.setView([{TROMSO[0]}, {TROMSO[1]}], 9)")
        handle = frame.wait_for_function(zone_drawn_js, timeout=timeout_ms, polling=50)
        result.pan_s.append(time.perf_counter() - start)
        result.pan_zone = handle.json_value()
        settle(page, timeout_ms=timeout_ms)
        result.pan_reruns.append(page.evaluate("window.__omradekartRunsFinished") - runs)


def report_national(result: NationalFigures) -> None:
    f = result.app
    print("\n== national size (14,000 polygons, 10,000 points; zones and places from tiles) ==")
    print(f"  {'bytes for the map':42s} {_val(f.bytes_map, 'B')}")
    print(f"  {'rerun after zone click (server, median)':42s} {_val(_median(f.rerun_s), 's')}")
    print(f"  {'navigation to zones painted (warm, median)':42s} {_val(_median(f.paint_s), 's')}")
    print(f"  {'zone click to chart updated (median)':42s} {_val(_median(f.click_s), 's')}")
    print(
        f"  {'pan Trondheim -> Tromsø to zones drawn':42s} {_val(_median(result.pan_s), 's')}"
        f"  (zone {result.pan_zone}; reruns during the pans: {result.pan_reruns})"
    )
    for note in f.notes:
        print(f"    note: {note}", flush=True)


# --- the run -------------------------------------------------------------------------------------


def measure(gpkg: Path, label: str, repeats: int, reruns: int, pages: tuple[str, ...]) -> dict:
    store = GeoPackageStore(gpkg)
    areas = store.read("areas")
    zones = areas[areas["level"] == "levekarssone"]
    ids = dict(zip(zones["name"], zones["area_id"], strict=True))
    cycle = [ids[name] for name in CLICKED]
    clicks_ids = [cycle[i % len(cycle)] for i in range(reruns)]
    results = {}
    spots = free_points(gpkg, CLICKED)
    for page in pages:
        figures = Figures()
        print(f"[{label}] {page}: AppTest …", flush=True)
        try:
            app_figures(page, gpkg, clicks_ids, figures)
        except Exception as error:  # noqa: BLE001
            figures.notes.append(f"{page}: AppTest failed: {error}")
        if page == "kart":
            figures.bytes_zones = _zone_bytes(gpkg)
        print(f"[{label}] {page}: Chromium …", flush=True)
        script = APP if page == "kart" else REFERENCE
        with server(script, gpkg) as base:
            url = f"{base}/kart" if page == "kart" else base
            expected = (
                (lambda n: f"{n} sammenlignet med")  # Trondheim or the focus zones
                if page == "kart"
                else (lambda n: f"Møteplasser i {n}")
            )
            order = [CLICKED[i % 2] for i in range(max(4, 2 * repeats))]
            browser_figures(
                page,
                url,
                # Leaflet adds a GeoJSON layer's features in one go: once the 60 real zones
                # (in both datasets) are on the map, the zone layer is painted
                n_features=60,
                clicks=[(n, spots[n], expected(n)) for n in order],
                repeats=repeats,
                figures=figures,
                warm_url=base if page == "kart" else None,
            )
        results[page] = figures
        _print(label, page, figures)
    return results


def _zone_bytes(gpkg: Path) -> int:
    """The zones' layer as Kart sends it (geo.build.level_of_detail)."""
    from components.maps.overview import DEFAULT_ZOOM
    from geo.build import browser as prepare
    from geo.build.level_of_detail import level_of_detail

    areas = GeoPackageStore(gpkg).read("areas")
    zones = areas[areas["level"] == "levekarssone"]
    collection = level_of_detail(
        gpd.GeoDataFrame(zones), ["area_id", "name", "is_focus"], DEFAULT_ZOOM - 1
    )
    return prepare.geojson_bytes(collection)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _print(label: str, page: str, f: Figures) -> None:
    print(
        f"[{label}] {page:9s} bytes {f.bytes_map or 0:>11,}  rerun {_fmt(_median(f.rerun_s))}"
        f"  paint {_fmt(_median(f.paint_s))}  click {_fmt(_median(f.click_s))}"
        + (f"  zones-layer {f.bytes_zones:,} B" if f.bytes_zones else ""),
        flush=True,
    )
    for note in f.notes:
        print(f"    note: {note}", flush=True)


def _fmt(value: float | None) -> str:
    return "   n/a " if value is None else f"{value:6.2f}s"


def _ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.3f}"


def report(label: str, results: dict) -> None:
    kart, ref = results.get("kart"), results.get("reference")
    print(f"\n== {label} ==")
    rows: list[tuple[str, Callable[[Figures], float | None], str]] = [
        ("bytes for the map", lambda f: f.bytes_map, "B"),
        ("rerun after zone click (server, median)", lambda f: _median(f.rerun_s), "s"),
        ("navigation to map painted (median)", lambda f: _median(f.paint_s), "s"),
        ("zone click to chart updated (median)", lambda f: _median(f.click_s), "s"),
    ]
    for name, get, unit in rows:
        a = get(kart) if kart else None
        b = get(ref) if ref else None
        print(
            f"  {name:42s} kart {_val(a, unit):>12}  reference {_val(b, unit):>12}"
            f"  ratio {_ratio(a, b)}"
        )
    if kart and kart.bytes_zones:
        print(f"  {'zones layer alone (Kart)':42s} {kart.bytes_zones:,} B")


def _val(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f} B" if unit == "B" else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument(
        "--skip-pages", action="store_true", help="skip bench/pages.py (pages against the floor)"
    )
    parser.add_argument("--national-only", action="store_true")
    parser.add_argument(
        "--national-kart-only",
        action="store_true",
        help="kept for old command lines: national size measures Kart only (the reference "
        "takes many minutes to render 14,000 polygons)",
    )
    args = parser.parse_args(argv)
    repeats, reruns = (2, 5) if args.quick else (3, 11)
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    if not args.national_only and not args.skip_pages:
        from bench import pages  # Oversikt and Kart against Streamlit's floor

        pages.main(["--repeats", "2", "--clicks", "4"] if args.quick else [])
    if not args.national_only:
        report(
            "shipped data (60 zones)",
            measure(DEFAULT_PATH, "60", repeats, reruns, ("kart", "reference")),
        )
    if not args.skip_national:
        report_national(
            measure_national(national_dataset(), max(1, repeats - 1), max(3, reruns // 3))
        )


if __name__ == "__main__":
    main()
