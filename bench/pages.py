"""Oversikt and Kart against Streamlit's floor, side by side in one run, in headless Chromium.

The floor is bench/floor_page.py: a bare Streamlit page with one ``st_folium`` map holding a
single polygon, whose only work on a click is one line of text. For each page:

  first    a new server (``python serve.py`` for the app, as ``make run`` starts it), the
           first visitor arriving as soon as /_stcore/health answers: navigation until the
           map's features are painted (``first@health``); and once more with the visitor
           arriving after the server has warmed itself (``first@warm``; for the floor, after the
           same wait)
  paint    a warm server, a new browser context: navigation until the map's features are
           painted (median)
  click    a click in a zone until the text that follows it has changed (Oversikt: the chart's
           heading, Kart: the charts' heading, floor: its line of text; median)
  outline  a click in a zone until the zone's selection outline is in the map, timed inside the
           map's frame, and whether the app's script was still running then (median)
  reruns   script runs caused by a pan (drag) and a zoom (wheel) of the map

and prints each page's ratio to the floor, with the issue's targets. Figures, not a test:
nothing is asserted. Run by bench/run.py (``make bench``), or alone:

    python bench/pages.py [--repeats 3] [--clicks 6]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import serve  # noqa: E402  (the repo root: python serve.py starts the app)
from bench.run import _CLICK_POINT_JS, _FEATURES_JS, free_points  # noqa: E402
from geo.store import DEFAULT_PATH, GeoPackageStore  # noqa: E402

FLOOR = ROOT / "bench" / "floor_page.py"
SERVE = ROOT / "serve.py"
CLICKED = ("Lademoen", "Tempe-Sorgenfri")
FLOOR_SPOTS = [(63.425, 10.41), (63.435, 10.43)]  # inside bench/floor_page.py's square
WARM_WAIT_S = 120  # the longest wait for the app's warm-up before the "first@warm" visit


@dataclass
class PageFigures:
    first_health: list[float] = field(default_factory=list)
    first_warm: list[float] = field(default_factory=list)
    paint: list[float] = field(default_factory=list)
    click: list[float] = field(default_factory=list)
    outline: list[float] = field(default_factory=list)
    outline_before_answer: list[bool] = field(default_factory=list)
    reruns_pan_zoom: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- servers -----------------------------------------------------------------------------------


class Server:
    def __init__(self, page: str, gpkg: Path, port: int, before: Path | None = None) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.log = tempfile.NamedTemporaryFile("w+", prefix="omradekart-bench-", delete=False)  # noqa: SIM115
        options = [
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        if page == "floor":
            command = [sys.executable, "-m", "streamlit", "run", str(FLOOR.relative_to(ROOT))]
        elif before is not None:  # the code before this branch: plain `streamlit run app.py`
            command = [sys.executable, "-m", "streamlit", "run", "app.py"]
        else:
            command = [sys.executable, str(SERVE)]
        self.process = subprocess.Popen(
            [*command, *options],
            cwd=before or ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "OMRADEKART_GPKG": str(gpkg)},
        )

    def wait_healthy(self, timeout_s: float = 120) -> None:
        if not serve.wait_healthy(self.base, timeout_s):
            raise RuntimeError(f"server not healthy within {timeout_s} s")

    def wait_warmed(self, timeout_s: float = WARM_WAIT_S) -> float:
        """Seconds until serve.py reported its warm-up done (or skipped), from now."""
        start = time.monotonic()
        while time.monotonic() - start < timeout_s:
            self.log.flush()
            text = Path(self.log.name).read_text(errors="replace")
            if "omradekart: warm" in text:
                return time.monotonic() - start
            time.sleep(0.2)
        return time.monotonic() - start

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


@contextmanager
def server(page: str, gpkg: Path, port: int, before: Path | None = None) -> Iterator[Server]:
    running = Server(page, gpkg, port, before)
    try:
        running.wait_healthy()
        yield running
    finally:
        running.stop()


# --- the browser -------------------------------------------------------------------------------

# Inside the map's frame, before a click: the time of the click, then (every frame) whether a
# selection outline of `zone` is in the map; the time it appeared and the app's script state then.
_WATCH_OUTLINE_JS = """([zone, outlineClass]) => {
    const map = Object.values(window).find((v) => v instanceof L.Map);
    window.__okOutline = {clickedAt: null, shownAt: null, scriptState: null};
    const watch = window.__okOutline;
    map.getContainer().addEventListener('click', () => {
        watch.clickedAt = performance.now();
        const look = () => {
            let found = false;
            map.eachLayer((layer) => {
                const id = layer.feature && layer.feature.properties.area_id;
                if (layer.options && layer.options.className === outlineClass && id === zone) {
                    found = true;
                }
            });
            if (found) {
                watch.shownAt = performance.now();
                const app = window.parent.document.querySelector('[data-testid="stApp"]');
                watch.scriptState = app && app.getAttribute('data-test-script-state');
            } else if (performance.now() - watch.clickedAt < 30000) {
                requestAnimationFrame(look);
            }
        };
        look();
    }, {capture: true, once: true});
}"""

# The floor's one line of text ("Klikk: lat, lon" or "Ingen klikk").
_FLOOR_TEXT_JS = """() => {
    const found = Array.from(document.querySelectorAll('[data-testid="stMarkdownContainer"] p'))
        .find((p) => /^(Klikk|Ingen)/.test(p.innerText));
    return found ? found.innerText : null;
}"""


def _url(base: str, page: str) -> str:
    return f"{base}/kart" if page == "kart" else base


def _features(page: str) -> int:
    return 1 if page == "floor" else 60  # the 60 zones: the zone layer is painted


def _paint(browser: Any, url: str, n_features: int, timeout_s: float) -> tuple[Any, float | None]:
    from tests.e2e.conftest import RUN_COUNTER_JS, VIEWPORT

    context = browser.new_context(viewport=VIEWPORT, locale="nb-NO")
    context.add_init_script(RUN_COUNTER_JS)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    try:
        page.wait_for_function(_FEATURES_JS, arg=n_features, timeout=timeout_s * 1000, polling=50)
    except Exception:  # noqa: BLE001 -- a page that never paints is a figure too
        return context, None
    return context, time.perf_counter() - start


def _clicks(
    page_name: str,
    page: Any,
    spots: dict[str, list[tuple[float, float]]],
    zone_ids: dict[str, str],
    clicks: int,
    figures: PageFigures,
    timeout_s: float,
) -> None:
    from components.maps.style import SELECTION_OUTLINE_CLASS
    from tests.e2e.conftest import map_content_frame, wait_for_app_idle, wait_for_map

    names = list(spots)
    for index in range(clicks):
        name = names[index % len(names)]
        frame = map_content_frame(page)
        point = page.evaluate(_CLICK_POINT_JS, [list(c) for c in spots[name]])
        if point is None:
            figures.notes.append(f"{page_name}: no free spot to click in {name}")
            return
        if page_name != "floor":
            frame.evaluate(_WATCH_OUTLINE_JS, [zone_ids[name], SELECTION_OUTLINE_CLASS])
        before = page.evaluate(_FLOOR_TEXT_JS) if page_name == "floor" else None
        expected = {
            "floor": None,
            "oversikt": f"Møteplasser etter type i {name}",
            "kart": f"{name} sammenlignet med",
        }[page_name]
        start = time.perf_counter()
        page.mouse.click(*point)
        try:
            if expected is None:
                page.wait_for_function(
                    f"(before) => {{ const now = ({_FLOOR_TEXT_JS})();"
                    " return now !== null && now !== before; }",
                    arg=before,
                    timeout=timeout_s * 1000,
                    polling="raf",
                )
            else:
                page.get_by_role("heading", name=expected).first.wait_for(timeout=timeout_s * 1000)
        except Exception:  # noqa: BLE001 -- no answer is a figure too
            figures.notes.append(f"{page_name}: click not answered within {timeout_s:.0f} s")
            return
        figures.click.append(time.perf_counter() - start)
        if page_name != "floor":
            watch = frame.evaluate("window.__okOutline")
            if watch and watch["shownAt"] is not None and watch["clickedAt"] is not None:
                figures.outline.append((watch["shownAt"] - watch["clickedAt"]) / 1000)
                figures.outline_before_answer.append(watch["scriptState"] != "notRunning")
        if page_name == "floor":
            wait_for_app_idle(page, timeout_ms=int(timeout_s * 1000))
        else:
            wait_for_map(page, timeout_ms=int(timeout_s * 1000))


def _pan_and_zoom(page: Any, timeout_s: float) -> int:
    """Script runs finished while the map is dragged and zoomed with the wheel."""
    from tests.e2e.conftest import (
        FOLIUM_IFRAME,
        MAP_REPORTED_JS,
        map_content_frame,
        wait_for_app_idle,
    )

    frame = map_content_frame(page)
    runs_before = page.evaluate("window.__omradekartRunsFinished")
    box = page.locator(FOLIUM_IFRAME).first.bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 60, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -300)
    # the map is still and has sent what it returns; then any rerun it caused has ended
    frame.wait_for_function(MAP_REPORTED_JS, timeout=timeout_s * 1000, polling=100)
    wait_for_app_idle(page, timeout_ms=int(timeout_s * 1000))
    return int(page.evaluate("window.__omradekartRunsFinished")) - int(runs_before)


def measure_page(
    page_name: str,
    browser: Any,
    gpkg: Path,
    port: int,
    repeats: int,
    clicks: int,
    spots: dict[str, list[tuple[float, float]]],
    zone_ids: dict[str, str],
    before: Path | None = None,
    timeout_s: float = 120,
) -> PageFigures:
    figures = PageFigures()
    n = _features(page_name)
    for mode in ("health", "warm"):
        with server(page_name, gpkg, port, before) as running:
            if mode == "warm":
                waited = running.wait_warmed() if page_name != "floor" and not before else None
                if waited is not None:
                    figures.notes.append(f"{page_name}: server warmed {waited:.1f} s after health")
            context, seconds = _paint(browser, _url(running.base, page_name), n, timeout_s)
            context.close()
            (figures.first_health if mode == "health" else figures.first_warm).append(
                seconds if seconds is not None else float("nan")
            )
            if mode == "health":
                continue
            for attempt in range(repeats):
                context, seconds = _paint(browser, _url(running.base, page_name), n, timeout_s)
                if seconds is None:
                    figures.notes.append(f"{page_name}: not painted within {timeout_s:.0f} s")
                    context.close()
                    break
                figures.paint.append(seconds)
                if attempt == repeats - 1:
                    page = context.pages[0]
                    _clicks(page_name, page, spots, zone_ids, clicks, figures, timeout_s)
                    figures.reruns_pan_zoom.append(_pan_and_zoom(page, timeout_s))
                context.close()
    return figures


# --- the report ----------------------------------------------------------------------------------


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def _ratio(value: float | None, floor: float | None) -> str:
    return "" if value is None or not floor else f"{value / floor:.2f}×"


ROWS = [  # label, attribute, target ratio to the floor (None: none)
    ("first visit, at health", "first_health", 1.5),
    ("first visit, after warm-up", "first_warm", 1.5),
    ("warm paint", "paint", 1.3),
    ("zone click -> text/chart updated", "click", 1.2),
]


def report(results: dict[str, PageFigures]) -> None:
    floor = results["floor"]
    print("\n== pages against the floor (medians; ratio = page / floor, target in brackets) ==")
    print(f"  {'':36s} {'floor':>9s} " + " ".join(f"{p:>20s}" for p in results if p != "floor"))
    for label, attribute, target in ROWS:
        base = _median(getattr(floor, attribute))
        cells = []
        for name, figures in results.items():
            if name == "floor":
                continue
            value = _median(getattr(figures, attribute))
            ratio = _ratio(value, base)
            cells.append(f"{_s(value):>9s} {ratio:>6s}(≤{target})")
        print(f"  {label:36s} {_s(base):>9s} " + " ".join(f"{c:>20s}" for c in cells))
    for name, figures in results.items():
        if name == "floor":
            continue
        outline = _median(figures.outline)
        early = sum(figures.outline_before_answer)
        print(
            f"  {name}: outline after click {_s(outline)} (target < 0.10 s), shown while the"
            f" script still ran in {early} of {len(figures.outline)} clicks;"
            f" reruns on pan+zoom {figures.reruns_pan_zoom} (target 0)"
        )
    print(f"  floor: reruns on pan+zoom {floor.reruns_pan_zoom}")
    for figures in results.values():
        for note in figures.notes:
            print(f"    note: {note}")


def _measure_or_note(name: str, *args: Any) -> PageFigures:
    try:
        return measure_page(*args)
    except Exception as error:  # noqa: BLE001 -- a page that fails is a figure too
        figures = PageFigures()
        figures.notes.append(f"{name}: failed: {str(error).splitlines()[0]}")
        return figures


def main(argv: list[str] | None = None) -> dict[str, PageFigures]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="warm paints per page")
    parser.add_argument("--clicks", type=int, default=6, help="zone clicks per page")
    parser.add_argument("--pages", nargs="+", default=["floor", "oversikt", "kart"])
    parser.add_argument(
        "--before",
        type=Path,
        help="also measure Oversikt and Kart of another checkout (e.g. `git archive HEAD`), "
        "started with plain `streamlit run app.py`, as oversikt@before and kart@before",
    )
    parser.add_argument(
        "--only-before", action="store_true", help="with --before: the floor and DIR's pages only"
    )
    args = parser.parse_args(argv)
    gpkg = Path(os.environ.get("OMRADEKART_GPKG", DEFAULT_PATH)).resolve()
    areas = GeoPackageStore(gpkg).read("areas")
    zones = areas[areas["level"] == "levekarssone"]
    zone_ids = dict(zip(zones["name"], zones["area_id"], strict=True))
    app_spots = free_points(gpkg, CLICKED)
    floor_spots = {"a": [FLOOR_SPOTS[0]], "b": [FLOOR_SPOTS[1]]}
    print(f"load average before: {os.getloadavg()}", flush=True)
    results: dict[str, PageFigures] = {}
    names = list(args.pages)
    if args.before:
        befores = [f"{name}@before" for name in args.pages if name != "floor"]
        names = ["floor", *befores] if args.only_before else [*names, *befores]
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for name in names:
                page_name = name.split("@")[0]
                print(f"[pages] {name} …", flush=True)
                results[name] = _measure_or_note(
                    name,
                    page_name,
                    browser,
                    gpkg,
                    free_port(),
                    args.repeats,
                    args.clicks,
                    floor_spots if page_name == "floor" else app_spots,
                    zone_ids,
                    args.before if name.endswith("@before") else None,
                )
        finally:
            browser.close()
    print(f"load average after: {os.getloadavg()}", flush=True)
    if "floor" in results:
        report(results)
    return results


if __name__ == "__main__":
    main()
