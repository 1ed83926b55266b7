"""The kiosk in real Chromium, every request to another host aborted: it runs by itself, pauses
on a touch, starts again after idle time, and comes back by itself after a server restart.

Short intervals come from the URL (?interval=, ?idle=); waits are for what the page shows,
with a timeout, never a sleep.
"""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import (
    REPO_ROOT,
    StreamlitServer,
    free_port,
    wait_for_app_idle,
    wait_for_map,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
FULL_HD = {"width": 1920, "height": 1080}
STORY_TIMEOUT_MS = 60_000
POLL_MS = 500
RESTART_TIMEOUT_MS = 60_000  # after the server is healthy again: the page polls every 3 s


def _wait_for_reload(page: Page, condition: str, timeout_ms: int = RESTART_TIMEOUT_MS) -> None:
    """Wait until `condition` holds, across the page's own reload (the wait may meet a page
    that is navigating away, which is no failure: it is taken up again in the new document);
    fail after `timeout_ms`."""
    deadline = time.monotonic() + timeout_ms / 1000
    while (remaining_ms := int((deadline - time.monotonic()) * 1000)) > 0:
        try:
            page.wait_for_function(condition, timeout=remaining_ms, polling=POLL_MS)
            return
        except PlaywrightTimeoutError:
            break
        except PlaywrightError as error:
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
    state = page.evaluate(
        "[window.__okWatchdog, window.__okWatchdogChecks, window.__okWatchdogLost]"
    )
    raise AssertionError(
        f"the page did not reload by itself within {timeout_ms} ms; watchdog "
        f"(installed, checks, saw the server gone): {state}"
    )


def _open(page: Page, url: str) -> None:
    page.set_viewport_size(FULL_HD)
    page.goto(url)
    wait_for_app_idle(page)


def test_kiosk_is_read_only_and_works_offline(page: Page, app_server: str):
    _open(page, f"{app_server}/?mode=kiosk&interval=600")
    wait_for_map(page)
    expect(page.get_by_role("heading", name="Tre nabolag i Trondheim")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    expect(page.get_by_text("Prosjekttallene er eksempeldata")).to_be_visible()
    # every touch target at least 44 × 44 px
    for button in page.locator("button:visible").all():
        box = button.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, button.inner_text()
    assert page.blocked_requests == []
    assert page.page_errors == []
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=DOCS / "kiosk.png")


def test_kiosk_advances_pauses_on_a_touch_and_returns_after_idle(page: Page, app_server: str):
    _open(page, f"{app_server}/?mode=kiosk&interval=2&idle=5")
    expect(page.get_by_text("Del 1 av 4")).to_be_visible()
    # advances by itself
    expect(page.get_by_text("Del 2 av 4")).to_be_visible(timeout=STORY_TIMEOUT_MS)
    expect(page.get_by_role("heading", name="Lademoen")).to_be_visible()
    # a touch pauses it: the play button and the note appear
    page.get_by_role("heading", name="Lademoen").click()
    expect(page.locator("html")).to_have_class("ok-kiosk-paused")
    expect(page.get_by_role("button", name="Fortsett")).to_be_visible()
    # after the idle time it starts again from the beginning, and runs on
    expect(page.get_by_text("Del 1 av 4")).to_be_visible(timeout=STORY_TIMEOUT_MS)
    expect(page.locator("html")).not_to_have_class("ok-kiosk-paused")
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(page.get_by_text("Del 2 av 4")).to_be_visible(timeout=STORY_TIMEOUT_MS)
    assert page.blocked_requests == []


def test_kiosk_reloads_itself_after_a_server_restart(browser: Browser, dataset_path: Path):
    # Its own page without the `page` fixture's request routing: the sync API runs route
    # handlers only while the test calls Playwright, so the page's health checks would hang
    # while this test blocks on stopping and starting the server. Only this machine is used.
    context = browser.new_context(viewport=FULL_HD, locale="nb-NO")
    page = context.new_page()
    port = free_port()
    env = {"OMRADEKART_GPKG": str(dataset_path), "OMRADEKART_MODE": "kiosk"}
    server = StreamlitServer(REPO_ROOT / "app.py", port, env)
    try:
        server.wait_until_healthy()
        _open(page, f"{server.base_url}/?interval=600")
        expect(page.get_by_role("heading", name="Tre nabolag i Trondheim")).to_be_visible()
        page.evaluate("window.__beforeRestart = true")
        server.stop()
        server = StreamlitServer(REPO_ROOT / "app.py", port, env)
        server.wait_until_healthy()
        # the page reloads itself once the server answers again: the marker is gone
        _wait_for_reload(page, "window.__beforeRestart === undefined")
        wait_for_app_idle(page)
        expect(page.get_by_role("heading", name="Tre nabolag i Trondheim")).to_be_visible()
        expect(page.get_by_role("dialog")).to_have_count(0)
    finally:
        server.stop()
        context.close()
