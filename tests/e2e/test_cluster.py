"""Two app servers behind nginx on one PostGIS (`make cluster`), driven in real Chromium.

The cluster is started by deploy/cluster.py, the same code `make cluster` runs, in a temp
directory on free ports. Each browser is pinned to a server by the proxy's cookie
(omradekart_server=a|b), as a real browser is after its first request.
"""

from __future__ import annotations

import os
import signal
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from deploy import cluster as deploy
from geo.store import auth
from geo.store.postgis import PostGISStore
from tests import postgres
from tests.e2e.conftest import (
    APP_TIMEOUT_MS,
    EDITOR_PASSWORD,
    RUN_COUNTER_JS,
    VIEWPORT,
    expect_rerun,
    free_port,
    open_data_page_as_editor,
    wait_for_app_idle,
    wait_for_map,
)

PLACE_NAME = 'input[aria-label="Navn"]'


def _missing() -> str | None:
    if not Path(deploy.NGINX).exists():
        return "nginx is not installed (run `make nginx` as root)"
    return postgres.missing_reason()


@pytest.fixture(scope="module")
def cluster(
    dataset_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[deploy.Cluster]:
    missing = _missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the cluster tests, but {missing}", pytrace=False)
        pytest.skip(f"cluster tests skipped: {missing}")
    workdir = tmp_path_factory.mktemp("cluster")
    users = workdir / "users.toml"
    auth.add_user(users, "kari", EDITOR_PASSWORD)
    saved = os.environ.get("OMRADEKART_USERS_FILE")
    os.environ["OMRADEKART_USERS_FILE"] = str(users)  # inherited by the app servers
    try:
        started = deploy.start(workdir / "run", free_port(), apps=2, gpkg=dataset_path)
    finally:
        if saved is None:
            os.environ.pop("OMRADEKART_USERS_FILE")
        else:
            os.environ["OMRADEKART_USERS_FILE"] = saved
    try:
        yield started
    finally:
        deploy.stop(Path(started.dir))


@pytest.fixture
def open_pages(browser: Browser) -> Iterator[list[BrowserContext]]:
    contexts: list[BrowserContext] = []
    yield contexts
    for context in contexts:
        context.close()


def _page_on(
    browser: Browser, contexts: list[BrowserContext], running: deploy.Cluster, server: str
) -> Page:
    """A browser pinned (by the proxy's cookie) to app server `server` ("a" or "b")."""
    context = browser.new_context(viewport=VIEWPORT, locale="nb-NO", timezone_id="Europe/Oslo")
    context.set_default_timeout(APP_TIMEOUT_MS)
    context.add_init_script(RUN_COUNTER_JS)
    context.add_cookies([{"name": "omradekart_server", "value": server, "url": running.url}])
    contexts.append(context)
    return context.new_page()


def _served_by(page: Page, running: deploy.Cluster) -> str:
    host = urlsplit(running.url).hostname
    cookies = page.context.cookies()
    return next(
        c["value"] for c in cookies if c["name"] == "omradekart_server" and c["domain"] == host
    )


def _open_edit_tab(page: Page, running: deploy.Cluster) -> None:
    open_data_page_as_editor(page, running.url)
    page.get_by_role("tab", name="Rediger").click()  # tabs switch in the browser: no rerun
    expect(page.locator(PLACE_NAME)).to_be_visible()


def test_the_proxy_sends_security_headers_pins_the_browser_and_answers_health(
    cluster: deploy.Cluster,
):
    with urllib.request.urlopen(cluster.url, timeout=30) as answer:
        headers = answer.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert "nginx/" not in headers["Server"]  # no version for an attacker to look up
    pinned = [c for c in headers.get_all("Set-Cookie") if c.startswith("omradekart_server=")]
    assert pinned and pinned[0].split(";")[0] in ("omradekart_server=a", "omradekart_server=b")
    assert "HttpOnly" in pinned[0]
    with urllib.request.urlopen(cluster.url + "/healthz", timeout=30) as answer:
        assert answer.status == 200 and answer.read() == b"ok"


def test_an_edit_on_one_server_is_seen_on_the_other_and_a_stale_save_is_refused(
    browser: Browser, open_pages: list[BrowserContext], cluster: deploy.Cluster
):
    kari_a = _page_on(browser, open_pages, cluster, "a")
    kari_b = _page_on(browser, open_pages, cluster, "b")
    _open_edit_tab(kari_a, cluster)
    _open_edit_tab(kari_b, cluster)  # both now hold the same version of the same row
    assert (_served_by(kari_a, cluster), _served_by(kari_b, cluster)) == ("a", "b")

    for page, name in ((kari_a, "Endret på server A"), (kari_b, "Endret på server B")):
        field = page.locator(PLACE_NAME)
        field.fill(name)
        with expect_rerun(page):
            page.get_by_role("button", name="Lagre").click()
    expect(kari_a.get_by_text("er lagret")).to_be_visible()
    expect(kari_b.get_by_text("Noen andre har endret raden", exact=False)).to_be_visible()
    expect(kari_b.get_by_text("Ingenting ble lagret", exact=False)).to_be_visible()
    names = PostGISStore(cluster.database_url).read("meeting_places")["name"]
    assert "Endret på server A" in set(names) and "Endret på server B" not in set(names)

    # server B read the row before A's save: at its next run of the page it shows A's edit
    sidebar = kari_b.get_by_test_id("stSidebar")
    with expect_rerun(kari_b):
        sidebar.get_by_role("link", name="Oversikt").click()
    with expect_rerun(kari_b):
        sidebar.get_by_role("link", name="Data").click()
    kari_b.get_by_role("tab", name="Rediger").click()
    expect(kari_b.locator(PLACE_NAME)).to_have_value("Endret på server A")
    assert _served_by(kari_b, cluster) == "b"


def test_a_killed_server_leaves_the_other_working_and_its_sessions_reconnect(
    browser: Browser, open_pages: list[BrowserContext], cluster: deploy.Cluster
):
    on_a = _page_on(browser, open_pages, cluster, "a")
    on_b = _page_on(browser, open_pages, cluster, "b")
    for page in (on_a, on_b):
        page.goto(cluster.url)
        wait_for_map(page)
    pid = int(cluster.pid_file("app0").read_text())
    try:
        # the killed server's sessions lose their websocket; Streamlit opens a new one, which
        # the proxy sends to B (A's backup)
        with on_a.expect_websocket(timeout=APP_TIMEOUT_MS) as reconnected:
            os.kill(pid, signal.SIGKILL)
        assert reconnected.value.url.endswith("/_stcore/stream")

        # the session on B goes on as if nothing happened
        with expect_rerun(on_b):
            on_b.get_by_test_id("stSidebar").get_by_role("link", name="Kart").click()
        wait_for_map(on_b)
        assert _served_by(on_b, cluster) == "b"

        # the reconnected page keeps what it showed, and its next interaction runs on B
        wait_for_app_idle(on_a)
        with expect_rerun(on_a):
            on_a.get_by_test_id("stSidebar").get_by_role("link", name="Indikatorer").click()
        expect(on_a.get_by_role("heading", name="Indikatorer", exact=True)).to_be_visible()
        assert on_a.locator('[data-testid="stException"]').count() == 0
        assert _served_by(on_a, cluster) == "b"
    finally:
        deploy.start_app(cluster, 0)  # back to two servers for whatever runs next
        deploy.wait_app(cluster, 0)


def test_a_database_restart_shows_a_clear_message_and_the_page_recovers_by_itself(
    browser: Browser, open_pages: list[BrowserContext], cluster: deploy.Cluster
):
    page = _page_on(browser, open_pages, cluster, "b")
    page.goto(cluster.url)
    wait_for_map(page)
    directory = Path(cluster.database_dir)
    port = urlsplit(cluster.database_url).port
    assert port is not None
    deploy.stop_database(directory)
    try:
        with expect_rerun(page):
            page.get_by_test_id("stSidebar").get_by_role("link", name="Gevinstrealisering").click()
        notice = page.get_by_text("Databasen er ikke tilgjengelig akkurat nå", exact=False)
        expect(notice).to_be_visible()
        assert page.get_by_text("Traceback").count() == 0
    finally:
        deploy.start_database(directory, port)
    # no click, no reload: the page notices the database is back and runs again
    expect(notice).to_have_count(0, timeout=APP_TIMEOUT_MS)
    wait_for_app_idle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
