"""The kiosk all day, compressed: the story at its shortest interval (1 s a step) for --steps
steps or --minutes, whichever comes first, in one headless Chromium against one app server.

    python bench/soak.py [--steps 2000] [--minutes 30] [--interval 1]

Prints, at the start and after every tenth of the run: story steps done, the app server's
resident memory, the browser's (all Chromium processes) and the page's JavaScript heap, and
how many times the page reconnected (new websocket) or reloaded. Memory that keeps growing
from one tenth to the next is a leak; flat after the first tenths is caches filling up.
Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import serve  # noqa: E402  (the repo root: python serve.py starts the app)

# counts finished script runs: each story step is one (the kiosk presses its "next" button)
RUNS_JS = """(() => {
    if (window.top !== window) return;
    // kept in sessionStorage: a reload of the kiosk page does not lose the count
    window.__runs = Number(sessionStorage.getItem('soakRuns') || 0);
    new MutationObserver((_, observer) => {
        const app = document.querySelector('[data-testid="stApp"]');
        if (!app) return;
        observer.disconnect();
        let last = app.getAttribute('data-test-script-state');
        new MutationObserver(() => {
            const state = app.getAttribute('data-test-script-state');
            if (state !== last && state === 'notRunning') {
                window.__runs += 1;
                sessionStorage.setItem('soakRuns', String(window.__runs));
            }
            last = state;
        }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }).observe(document, {childList: true, subtree: true});
})();"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _mb(value: float) -> str:
    return f"{value / 2**20:8.1f}"


def _chromium_rss() -> int:
    me = psutil.Process()
    return sum(
        p.memory_info().rss
        for p in me.children(recursive=True)
        if "chrom" in p.name().lower() or "headless" in p.name().lower()
    )


def soak(steps: int, minutes: float, interval: int) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OMRADEKART_MODE": "kiosk", "OMRADEKART_KIOSK_INTERVAL": str(interval)}
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"omradekart-soak-{port}.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "serve.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    process = psutil.Process(server.pid)
    try:
        if not serve.wait_healthy(url):
            raise RuntimeError("app server did not start")
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--enable-precise-memory-info"],
            )  # fmt: skip
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.add_init_script(RUNS_JS)
            sockets: list[str] = []
            loads: list[float] = []
            page.on("websocket", lambda ws: sockets.append(ws.url))
            page.on("load", lambda _page: loads.append(time.monotonic()))
            page.goto(url)
            page.wait_for_function("window.__runs >= 2", timeout=180_000)
            started = time.monotonic()
            end = started + minutes * 60
            print(f"kiosk soak: {steps} steps of {interval} s or {minutes} min; {os.cpu_count()} "
                  f"cores, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
            print("  steps  minutes  server MB  browser MB  JS heap MB  reconnects  reloads")
            for tenth in range(11):
                target = steps * tenth // 10
                while True:
                    try:
                        done = int(page.evaluate("window.__runs || 0"))
                    except PlaywrightError:  # the kiosk reloaded itself mid-call: ask again
                        continue
                    if done >= target or time.monotonic() >= end:
                        break
                    page.wait_for_timeout(1000)  # a benchmark's sampling period, not a test wait
                page.wait_for_load_state()
                try:
                    heap = page.evaluate("performance.memory.usedJSHeapSize")
                except PlaywrightError:  # reloaded between the two calls
                    heap = 0
                print(f"{done:7d}  {(time.monotonic() - started) / 60:7.1f}  "
                      f"{_mb(process.memory_info().rss)}   {_mb(_chromium_rss())}    {_mb(heap)}  "
                      f"{max(len(sockets) - 1, 0):10d}  {max(len(loads) - 1, 0):7d}",
                      flush=True)  # fmt: skip
                if time.monotonic() >= end:
                    break
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python bench/soak.py")
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--interval", type=int, default=1, help="seconds per story step (>= 1)")
    args = parser.parse_args()
    soak(args.steps, args.minutes, args.interval)


if __name__ == "__main__":
    main()
