"""The kiosk in real Chromium, every request to another host aborted: it runs by itself, pauses
on a touch, starts again after idle time, and comes back by itself after a server restart.

Short intervals come from the URL (?interval=, ?idle=); waits are for what the page shows,
with a timeout, never a sleep.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Frame, Page, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import (
    REPO_ROOT,
    StreamlitServer,
    expect_rerun,
    free_port,
    map_content_frame,
    wait_for_app_idle,
    wait_for_map,
)
from tests.e2e.touch_targets import controls, too_small

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
    expect(page.get_by_text("eksempler på prosjekter (oppdiktet)")).to_be_visible()
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


# Every link in a document: where it goes (resolved) and in which window.
_LINKS_JS = "[...document.querySelectorAll('a[href]')].map(a => [a.href, a.target])"
# A right-click or long-press: true when the page cancelled it (no context menu).
_CONTEXT_MENU_JS = """() => !document.body.dispatchEvent(
  new MouseEvent('contextmenu', {bubbles: true, cancelable: true, button: 2}))"""


def _in_app(href: str, app_server: str) -> bool:
    return urlsplit(href).netloc == urlsplit(app_server).netloc


def _assert_links_stay_in_the_app(frame: Frame, app_server: str) -> None:
    # the kiosk disarms links as they appear (every 250 ms): wait for it, then check each
    frame.wait_for_function(
        f"""() => [...document.querySelectorAll('a[href]')].every(a =>
          new URL(a.href).host === {urlsplit(app_server).netloc!r} && a.target !== '_blank')""",
        timeout=10_000,
    )
    for href, target in frame.evaluate(_LINKS_JS):
        assert _in_app(href, app_server) and target != "_blank", (href, target)


def _open_zone(page: Page, app_server: str) -> Frame:
    _open(page, f"{app_server}/?mode=kiosk&interval=600")
    with expect_rerun(page):
        page.get_by_role("button", name="Lademoen", exact=True).click()
    wait_for_map(page)
    return map_content_frame(page)


def test_nothing_in_the_kiosk_leads_away(page: Page, app_server: str):
    map_frame = _open_zone(page, app_server)
    # the map's attribution names Leaflet as plain text: tapping it goes nowhere
    attribution = map_frame.locator(".leaflet-control-attribution")
    expect(attribution).to_contain_text("Leaflet")
    assert attribution.locator("a").count() == 0
    kiosk_url = page.url
    attribution.click()
    assert page.url == kiosk_url and map_frame.url != "about:blank"
    for frame in (page.main_frame, map_frame):
        _assert_links_stay_in_the_app(frame, app_server)
        assert frame.evaluate(_CONTEXT_MENU_JS), f"context menu not prevented in {frame.url}"
        assert frame.evaluate("getComputedStyle(document.body).userSelect") == "none"
    # no page zoom: not by pinch (viewport and touch-action), not by Ctrl+wheel
    viewport = page.evaluate("document.querySelector('meta[name=viewport]').content")
    assert "user-scalable=no" in viewport and "maximum-scale=1" in viewport
    assert page.evaluate("getComputedStyle(document.documentElement).touchAction") == "pan-x pan-y"
    ctrl_wheel_prevented = page.evaluate(
        """() => !document.body.dispatchEvent(new WheelEvent('wheel',
          {bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100}))"""
    )
    assert ctrl_wheel_prevented
    # the accessibility statement's e-mail address is text, not a mail program's link
    with expect_rerun(page):
        page.get_by_role("link", name="Tilgjengelighet").click()
    expect(
        page.get_by_role("heading", name="Tilgjengelighetserklæring", exact=False)
    ).to_be_visible()
    expect(page.get_by_text("postmottak@trondheim.kommune.no").first).to_be_visible()
    _assert_links_stay_in_the_app(page.main_frame, app_server)
    assert page.evaluate(_CONTEXT_MENU_JS)
    assert page.blocked_requests == []


def test_every_control_in_the_kiosk_is_at_least_44_px(page: Page, app_server: str):
    measured = 0
    # a zone: buttons, language, the map's zoom buttons and layer switches
    _open_zone(page, app_server)
    assert too_small(page) == []
    measured += len(controls(page))
    # the search with a result: the field, its button, the other matches
    with expect_rerun(page):
        page.get_by_role("button", name="Hva skjer nær meg?").click()
    page.get_by_label("Skriv en gate eller et sted").fill("lade")
    with expect_rerun(page):
        page.keyboard.press("Enter")
    wait_for_map(page)
    assert too_small(page) == []
    measured += len(controls(page))
    # the accessibility statement
    with expect_rerun(page):
        page.get_by_role("link", name="Tilgjengelighet").click()
    expect(page.get_by_role("link", name="Tilbake til kiosken")).to_be_visible()
    _assert_links_stay_in_the_app(page.main_frame, app_server)  # the e-mail address is text
    assert too_small(page) == []
    measured += len(controls(page))
    assert measured >= 30  # the measuring found the controls, it did not skip them


def test_near_me_finds_a_place_zooms_to_it_and_lists_what_is_near(page: Page, app_server: str):
    _open(page, f"{app_server}/?mode=kiosk&interval=600")
    with expect_rerun(page):
        page.get_by_role("button", name="Hva skjer nær meg?").click()
    page.get_by_label("Skriv en gate eller et sted").fill("mollenberg")  # ø typed as o
    with expect_rerun(page):
        page.get_by_role("button", name="Søk").click()
    expect(
        page.get_by_role("heading", name="Innen ca. 5 minutters gange fra Møllenberg")
    ).to_be_visible()
    expect(page.get_by_text("Regnet i luftlinje: inntil 400 meter")).to_be_visible()
    wait_for_map(page)
    map_frame = map_content_frame(page)
    expect(map_frame.locator(".ok-kiosk-search-label")).to_have_text("Møllenberg")
    zoom = map_frame.evaluate(
        "() => Object.entries(window)"
        ".find(([name, value]) => name.startsWith('map_') && value.getZoom)[1].getZoom()"
    )
    assert zoom >= 15, zoom  # zoomed in on the walk, not the whole zone
    # street and place names on the map, and the colour key under it
    assert map_frame.locator(".ok-kiosk-street-name").count() >= 10
    expect(page.get_by_text("Prosjekter (eksempler)", exact=True).first).to_be_visible()
    expect(page.get_by_text("Steder å møtes")).to_be_visible()
    projects = page.locator("li", has_text="min").filter(has_text="(eksempel)")
    expect(projects.first).to_be_visible()
    assert page.blocked_requests == []
    assert page.page_errors == []
    page.screenshot(path=DOCS / "kiosk-naer-meg.png")


# What of the page lies off the 1920 × 1080 screen: the page scrolling (the document, or
# Streamlit's main area, which is what scrolls in Streamlit), and every visible button, link,
# caption and the step number outside the step's text box (which may scroll inside itself)
# that is not wholly on the screen (but Streamlit's "Skip to main content" link). Empty when the
# page fits.
_OFF_SCREEN_JS = """() => {
  const problems = [];
  const page = document.scrollingElement;
  if (page.scrollHeight > innerHeight) problems.push(`page scrolls: ${page.scrollHeight}`);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main.scrollHeight > main.clientHeight) problems.push(`main scrolls: ${main.scrollHeight}`);
  const selector = 'button, a, [data-testid="stCaptionContainer"], .ok-kiosk-step';
  for (const element of document.querySelectorAll(selector)) {
    if (element.offsetParent === null || element.closest('.st-key-kiosk_text')) continue;
    if (element.matches('a[href="#stMain"]')) continue;  // 1 px, keyboard-only until focused
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth) {
      problems.push(`${element.innerText.slice(0, 40)} at ${Math.round(box.top)}..` +
                    `${Math.round(box.bottom)}`);
    }
  }
  return problems;
}"""


def _assert_fits(page: Page, where: str) -> None:
    expect(page.locator(".st-key-kiosk_next button")).to_be_in_viewport(ratio=1)
    expect(page.locator(".st-key-kiosk_prev button")).to_be_in_viewport(ratio=1)
    assert page.evaluate(_OFF_SCREEN_JS) == [], where


def test_every_step_and_the_longest_search_fit_the_screen(page: Page, app_server: str):
    _open(page, f"{app_server}/?mode=kiosk&interval=600")
    wait_for_map(page)
    for number in range(1, 5):  # the first running, the others paused (a touch pauses)
        expect(page.get_by_text(f"Del {number} av 4")).to_be_visible()
        _assert_fits(page, f"step {number}")
        with expect_rerun(page):
            page.get_by_role("button", name="Neste").click()
        wait_for_map(page)
    expect(page.get_by_role("button", name="Fortsett")).to_be_visible()  # the note is shown
    with expect_rerun(page):
        page.get_by_role("button", name="Hva skjer nær meg?").click()
    wait_for_map(page)
    _assert_fits(page, "search, nothing typed")
    field = page.get_by_label("Skriv en gate eller et sted")
    # common words with many matches, and Rosenborg gate: the most projects (14) and meeting
    # places (47) within the walk of any name on the map
    for query, place in [
        ("gate", "Aasmund Vinjes gate"),
        ("lade", "Lade"),
        ("innherred", "Innherredsveien"),
        ("Rosenborg gate", "Rosenborg gate"),
    ]:
        field.fill(query)
        with expect_rerun(page):
            field.press("Enter")
        wait_for_map(page)
        expect(page.get_by_role("heading", name=f"gange fra {place}")).to_be_visible()
        _assert_fits(page, f"search {query!r}")
    # the long answer: short lists that say how many more the map shows, both readable in the
    # text's box without scrolling it
    text_box = page.locator(".st-key-kiosk_text")
    for more in ("… og 12 til (se kartet)", "… og 45 til (se kartet)"):
        expect(text_box.get_by_text(more)).to_be_visible()
    expect(text_box.get_by_text("Steder å møtes")).to_be_in_viewport(ratio=1)
    box = text_box.bounding_box()
    heading = text_box.get_by_text("Steder å møtes").bounding_box()
    assert box is not None and heading is not None
    assert heading["y"] + heading["height"] <= box["y"] + box["height"]
    assert page.blocked_requests == []
