"""Real-browser tests: the app under ``streamlit run`` and Debian's Chromium driven by Playwright.

Fixtures: ``app_server`` (base URL of the running app, one per session), ``page`` (a fresh page
in which every request to a host other than this machine is aborted and recorded in
``page.blocked_requests``), ``app_page`` (``page`` opened at the app and idle).
Helpers, imported as ``from tests.e2e.conftest import wait_for_app_idle, wait_for_map``:
``wait_for_app_idle``, ``expect_rerun`` (wrap an interaction; waits for the rerun it causes),
``folium_frame`` and ``wait_for_map`` (the streamlit-folium iframe, drawn and settled),
``map_content_frame`` (its Frame, to wait on a condition inside the map).

Playwright never downloads a browser here: it launches ``/usr/bin/chromium`` (``make chromium``
installs it as root). Without it these tests are skipped, or fail when
``OMRADEKART_REQUIRE_BROWSER=1`` (set by ``make test`` in CI).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    Frame,
    FrameLocator,
    Page,
    Playwright,
    Route,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from geo.store import auth

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
VIEWPORT = {"width": 1400, "height": 1000}
SERVER_START_TIMEOUT_S = 90  # cold start imports geopandas & co. on a 2-core machine
APP_TIMEOUT_MS = 60_000
# The streamlit-folium component's iframe: Streamlit titles a v1 component iframe with the
# component's registered name, "<module>.<function>".
FOLIUM_IFRAME = 'iframe[data-testid="stCustomComponentV1"][title="streamlit_folium.st_folium"]'


def _browser_missing_reason() -> str | None:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return None
    return (
        f"browser tests need Debian's Chromium at {CHROMIUM}; it is missing "
        "(run `make chromium` as root to install it)"
    )


def _browser_required() -> bool:
    return os.environ.get("OMRADEKART_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e as ``e2e``; skip them all when there is no browser."""
    missing = _browser_missing_reason()
    for item in items:
        if E2E_DIR not in item.path.parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if missing and not _browser_required():
            item.add_marker(pytest.mark.skip(reason=missing))


# --- the app server -------------------------------------------------------------------------


class StreamlitServer:
    """A ``streamlit run`` process in its own process group, with its output in a temp file."""

    def __init__(self, script: Path, port: int, env: dict[str, str] | None = None) -> None:
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self._log: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115 -- closed in stop()
            "w+", prefix="omradekart-streamlit-"
        )
        # the app is started as `make run` starts it (serve.py: warmed at start); other scripts
        # with `streamlit run`
        run = [str(REPO_ROOT / "serve.py")] if script == REPO_ROOT / "app.py" else []
        self._process = subprocess.Popen(
            [
                sys.executable,
                *(run or ["-m", "streamlit", "run", script.name]),
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
            cwd=script.parent,  # .streamlit/config.toml and static/ are read from here
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )

    def wait_until_healthy(self, timeout_s: float = SERVER_START_TIMEOUT_S) -> None:
        """Poll ``/_stcore/health``; fail with the server's output if it exits or times out."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._is_healthy():
                return
            with contextlib.suppress(subprocess.TimeoutExpired):
                # waits for an early exit, and paces the polling while it lasts
                self._process.wait(timeout=0.25)
            if self._process.returncode is not None:
                pytest.fail(
                    f"streamlit exited early with code {self._process.returncode}:\n"
                    f"{self.output()}",
                    pytrace=False,
                )
        output = self.output()
        self.stop()
        pytest.fail(f"streamlit not healthy after {timeout_s:.0f} s:\n{output}", pytrace=False)

    def output(self, tail_chars: int = 6000) -> str:
        """The last ``tail_chars`` characters the server printed (stdout and stderr)."""
        if self._log.closed:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read()[-tail_chars:]

    def stop(self) -> None:
        if self._process.poll() is None:
            for sig, grace_s in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self._process.pid, sig)
                try:
                    self._process.wait(timeout=grace_s)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self._log.close()

    def _is_healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as resp:
                return bool(resp.status == 200 and resp.read().strip() == b"ok")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_streamlit(script: Path, env: dict[str, str] | None = None) -> Iterator[StreamlitServer]:
    """Start ``streamlit run script`` on a free port, wait until healthy, stop it afterwards."""
    server = StreamlitServer(script, free_port(), env)
    try:
        server.wait_until_healthy()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_server(dataset_path: Path) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of the app started from the repo root."""
    with running_streamlit(REPO_ROOT / "app.py", {"OMRADEKART_GPKG": str(dataset_path)}) as server:
        yield server.base_url


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    missing = _browser_missing_reason()
    if missing:  # only reached when OMRADEKART_REQUIRE_BROWSER=1 kept the tests from skipping
        pytest.fail(f"OMRADEKART_REQUIRE_BROWSER=1 but {missing}", pytrace=False)
    chromium = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A new page whose requests may only reach this machine.

    Every other request is aborted and its URL appended to ``page.blocked_requests``; uncaught
    JavaScript errors (in any frame) are appended to ``page.page_errors``.
    """
    context = browser.new_context(viewport=VIEWPORT, locale="nb-NO", timezone_id="Europe/Oslo")
    context.set_default_timeout(APP_TIMEOUT_MS)
    blocked: list[str] = []

    def local_only(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", local_only)
    context.add_init_script(RUN_COUNTER_JS)
    new_page = context.new_page()
    new_page.blocked_requests = blocked  # type: ignore[attr-defined]
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    new_page.page_errors = errors  # type: ignore[attr-defined]
    yield new_page
    context.close()


EDITOR_PASSWORD = "e2e-passord-123"
# (the sign-in expander, its button, the sidebar's confirmation) in each language
SIGN_IN_TEXT = {
    "nb": ("Logg inn (redaktører)", "Logg inn", "Innlogget som kari"),
    "en": ("Sign in (editors)", "Sign in", "Signed in as kari"),
}


@pytest.fixture(scope="module")
def editor_server(
    dataset_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The app on this module's own copy of the dataset, with one editor account ("kari"), so
    what a test imports or edits changes nothing the other browser tests read."""
    workdir = tmp_path_factory.mktemp("editor")
    gpkg = workdir / "omradekart.gpkg"
    shutil.copyfile(dataset_path, gpkg)
    users = workdir / "users.toml"
    auth.add_user(users, "kari", EDITOR_PASSWORD)
    env = {"OMRADEKART_GPKG": str(gpkg), "OMRADEKART_USERS_FILE": str(users)}
    with running_streamlit(REPO_ROOT / "app.py", env) as server:
        yield server.base_url, gpkg


def open_data_page_as_editor(page: Page, base_url: str, lang: str = "nb") -> None:
    """Sign in as the editor in the sidebar, as a user does, and open the Data page."""
    heading, button, signed_in = SIGN_IN_TEXT[lang]
    page.goto(base_url if lang == "nb" else f"{base_url}/?lang={lang}")
    wait_for_map(page)  # the overview's map sends its first view back: let that rerun pass
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(heading).click()
    for key, value in (("auth_name", "kari"), ("auth_password", EDITOR_PASSWORD)):
        field = sidebar.locator(f".st-key-{key} input")
        with expect_rerun(page):  # a text input sends its value on Enter
            field.fill(value)
            field.press("Enter")
    with expect_rerun(page):
        sidebar.get_by_role("button", name=button, exact=True).click()
    expect(sidebar.get_by_text(signed_in, exact=False)).to_be_visible()
    with expect_rerun(page):
        sidebar.get_by_role("link", name="Data").click()
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()


@pytest.fixture
def app_page(page: Page, app_server: str) -> Page:
    """``page`` opened at the app's start page, with its first script run finished."""
    page.goto(app_server)
    wait_for_app_idle(page)
    return page


# --- helpers for tests ----------------------------------------------------------------------

# Installed in every page by the ``page`` fixture, before any of Streamlit's code runs: counts
# the script runs that finished (data-test-script-state turning to "notRunning"), so that a
# rerun is never missed however fast it is. It also counts the values components send to the
# app (streamlit-folium's map value, which reruns the script) and how many runs had finished
# when the last one arrived.
RUN_COUNTER_JS = """(() => {
    if (window.top !== window) return;  // not in component iframes
    window.__omradekartRunsFinished = 0;
    window.__omradekartValuesSent = 0;
    window.__omradekartRunsAtLastValue = 0;
    window.addEventListener('message', (event) => {
        const data = event.data;
        if (data && data.isStreamlitMessage && data.type === 'streamlit:setComponentValue') {
            window.__omradekartValuesSent += 1;
            window.__omradekartRunsAtLastValue = window.__omradekartRunsFinished;
        }
    });
    const watch = (app) => {
        let last = app.getAttribute('data-test-script-state');
        new MutationObserver(() => {
            const state = app.getAttribute('data-test-script-state');
            if (state === last) return;
            if (state === 'notRunning') window.__omradekartRunsFinished += 1;
            last = state;
        }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    };
    new MutationObserver((_, observer) => {
        const app = document.querySelector('[data-testid="stApp"]');
        if (app) { observer.disconnect(); watch(app); }
    }).observe(document, {childList: true, subtree: true});
})();"""

# Runs inside a streamlit-folium iframe: true when the map is still (no zoom or pan animation)
# and has sent the app everything it returns (``returned_objects``). streamlit-folium keeps
# what it last sent in ``__GLOBAL_DATA__.previous_data`` and, on load and 250 ms after every
# move or click, sends the returned objects when they differ from it, which reruns the script:
# while they differ, a value (and a rerun) is still to come.
MAP_REPORTED_JS = """() => {
    if (typeof L === 'undefined') return false;
    const map = Object.values(window).find((value) => value instanceof L.Map);
    const data = window.__GLOBAL_DATA__;
    if (!map || !data) return false;
    if (map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) return false;
    const now = {
        bounds: map.getBounds(), zoom: map.getZoom(), center: map.getCenter(),
        last_clicked: data.lat_lng_clicked,
        selected_layers: Object.values(data.selected_layers || {}),
    };
    const keys = data.returned_objects || ['last_clicked', 'last_object_clicked',
        'last_active_drawing', 'all_drawings', 'bounds', 'zoom', 'center', 'selected_layers'];
    const sent = data.previous_data || {};
    return keys.every((key) => JSON.stringify((key in now ? now[key] : data[key]) ?? null)
                               === JSON.stringify(sent[key] ?? null));
}"""

# In the app's page: the script is not running and every value a component sent has been
# answered by a finished run.
VALUES_ANSWERED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const sent = window.__omradekartValuesSent ?? 0;
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && (sent === 0 || window.__omradekartRunsFinished > window.__omradekartRunsAtLastValue);
}"""


# In a map's iframe drawn from vector tiles (components/maps/tiles.py): the area_id of the tiled
# zone under the view's centre once a tile canvas of the current zoom has painted pixels there,
# else null. For tests/e2e/test_national.py and bench/run.py's national figures.
TILED_ZONE_AT_CENTRE_JS = """() => {
    const tiles = window.__okTiles;
    const layer = tiles && tiles.layers.zones;
    if (!layer || !tiles.map.hasLayer(layer)) return null;
    const map = tiles.map;
    const centre = map.getCenter();
    let found = null;
    for (const picked of layer.queryTileFeaturesDebug(centre.lng, centre.lat, 0).values()) {
        for (const hit of picked) {
            if (hit.feature.props.area_id) found = hit.feature.props.area_id;
        }
    }
    if (found === null) return null;
    for (const tile of Object.values(layer._tiles)) {
        if (!tile.current || !tile.el.width) continue;
        const box = tile.el.getBoundingClientRect();
        const point = map.latLngToContainerPoint(centre);
        const container = map.getContainer().getBoundingClientRect();
        const x = container.left + point.x, y = container.top + point.y;
        if (x < box.left || x >= box.right || y < box.top || y >= box.bottom) continue;
        const size = [tile.el.width, tile.el.height];
        const pixels = tile.el.getContext('2d').getImageData(0, 0, size[0], size[1]);
        for (let i = 3; i < pixels.data.length; i += 4) { if (pixels.data[i] > 0) return found; }
    }
    return null;
}"""


def wait_for_app_idle(page: Page, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until Streamlit is connected, its script is not running and nothing is loading.

    Streamlit's root element carries its state, as its own e2e tests read it:
    ``<div data-testid="stApp" data-test-connection-state="CONNECTED"
    data-test-script-state="notRunning">``. The script state goes ``initial`` -> ``running``
    (or ``rerunRequested``) -> ``notRunning`` on each run. Right after an interaction the state
    can still read ``notRunning`` before the rerun starts: wrap the interaction in
    ``expect_rerun`` instead.
    """
    page.locator('[data-testid="stApp"]').wait_for(state="attached", timeout=timeout_ms)
    page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for(
        state="attached", timeout=timeout_ms
    )
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=timeout_ms
    )
    # placeholders Streamlit shows while an element (e.g. a component iframe) is loading
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout_ms)


@contextlib.contextmanager
def expect_rerun(page: Page, timeout_ms: int = APP_TIMEOUT_MS) -> Iterator[None]:
    """Run the ``with`` body (an interaction), then wait until the rerun it causes has finished.

    Needs the run counter that the ``page`` fixture installs.
    """
    wait_for_app_idle(page, timeout_ms)
    finished_before = page.evaluate("window.__omradekartRunsFinished")
    if finished_before is None:
        raise RuntimeError("expect_rerun needs a page from the `page` fixture (run counter)")
    yield
    page.wait_for_function(
        f"window.__omradekartRunsFinished > {int(finished_before)}", timeout=timeout_ms
    )
    wait_for_app_idle(page, timeout_ms)


def folium_frame(page: Page, index: int = 0) -> FrameLocator:
    """The ``index``-th streamlit-folium map iframe on the page, top to bottom."""
    return page.frame_locator(FOLIUM_IFRAME).nth(index)


def wait_for_map(page: Page, index: int = 0, timeout_ms: int = APP_TIMEOUT_MS) -> FrameLocator:
    """Wait until the map is drawn and still, and the rerun its first value may cause is over.

    The Leaflet container inside the iframe must be visible; the map must have sent the app
    everything it returns (MAP_REPORTED_JS); every value sent must have been answered by a
    finished run; then the app must be idle with the map still reported. A rerun that redraws
    the map (a new frame) starts the wait again. Returns the iframe's FrameLocator.
    """
    frame = folium_frame(page, index)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        remaining_ms = max(1, int((deadline - time.monotonic()) * 1000))
        frame.locator(".leaflet-container").wait_for(state="visible", timeout=remaining_ms)
        try:
            map_frame = map_content_frame(page, index, remaining_ms)
            map_frame.wait_for_function(MAP_REPORTED_JS, timeout=remaining_ms, polling=100)
            page.wait_for_function(VALUES_ANSWERED_JS, timeout=remaining_ms, polling=100)
            wait_for_app_idle(page, remaining_ms)
            if map_frame.evaluate(MAP_REPORTED_JS):
                return frame
        except PlaywrightError as error:
            # the rerun replaced the map's iframe or document: wait for the new one
            if "detached" not in str(error) and "destroyed" not in str(error):
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"map {index} did not settle within {timeout_ms} ms")


def map_content_frame(page: Page, index: int = 0, timeout_ms: int = APP_TIMEOUT_MS) -> Frame:
    """The ``index``-th streamlit-folium iframe's Frame (for ``wait_for_function`` inside it)."""
    handle = page.locator(FOLIUM_IFRAME).nth(index).element_handle(timeout=timeout_ms)
    content = handle.content_frame()
    if content is None:
        raise AssertionError(f"map {index} has no document")
    return content
