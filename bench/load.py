"""How many simultaneous browser sessions the app holds: N sessions through the proxy of a
cluster (deploy/cluster.py, as `make cluster`), for one app server and for two.

    python bench/load.py [--sessions 10 30 60] [--servers 1 2] [--timeout 300]

For each N: how many sessions painted (the overview map drawn in the browser), the time from
opening all N at once to the last paint, and per session the app servers' CPU-seconds and
resident memory (growth over the idle servers). Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.async_api import Browser, async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from deploy import cluster as deploy  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MAP = 'iframe[title="streamlit_folium.st_folium"]'


async def _one(browser: Browser, url: str, timeout_s: float, started: float) -> float | None:
    """Open the app in a new browser context; seconds from `started` to the map drawn (its
    Leaflet container visible in the component's frame), None when not within the timeout."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        await page.goto(url, timeout=timeout_s * 1000)
        frame = page.frame_locator(MAP).first
        await frame.locator(".leaflet-container").wait_for(timeout=timeout_s * 1000)
        return time.monotonic() - started
    except Exception:  # a session that does not paint in time is counted, not fatal
        return None


async def _round(
    browser: Browser, url: str, sessions: int, timeout_s: float, servers: list[psutil.Process]
) -> tuple[list[float | None], int]:
    """Open `sessions` at once; (paint times, servers' RSS while they are all open)."""
    started = time.monotonic()
    results = await asyncio.gather(
        *(_one(browser, url, timeout_s, started) for _ in range(sessions))
    )
    rss = _rss(servers)
    for context in browser.contexts:
        await context.close()
    return list(results), rss


def _servers(running: deploy.Cluster) -> list[psutil.Process]:
    return [psutil.Process(int(running.pid_file(f"app{i}").read_text())) for i in
            range(len(running.app_ports))]  # fmt: skip


def _cpu(servers: list[psutil.Process]) -> float:
    return sum(p.cpu_times().user + p.cpu_times().system for p in servers)


def _rss(servers: list[psutil.Process]) -> int:
    return sum(p.memory_info().rss for p in servers)


async def bench(server_counts: list[int], session_counts: list[int], timeout_s: float) -> None:
    print(f"{platform.platform()}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at start")  # fmt: skip
    print("servers  sessions  painted  last paint (s)  CPU-s/session  RSS MB/session  load avg")
    async with async_playwright() as driver:
        for servers in server_counts:
            with tempfile.TemporaryDirectory(prefix="omradekart-load-") as workdir:
                running = deploy.start(Path(workdir), deploy._free_port(), apps=servers)
                try:
                    processes = _servers(running)
                    browser = await driver.chromium.launch(
                        executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                    )
                    await _round(browser, running.url, 1, timeout_s, processes)  # warm caches
                    for sessions in session_counts:
                        cpu, rss = _cpu(processes), _rss(processes)
                        painted, rss_open = await _round(
                            browser, running.url, sessions, timeout_s, processes
                        )
                        done = [t for t in painted if t is not None]
                        cpu_each = (_cpu(processes) - cpu) / sessions
                        rss_each = (rss_open - rss) / sessions / 2**20
                        last = f"{max(done):.1f}" if done else "-"
                        print(f"{servers:7d}  {sessions:8d}  {len(done):7d}  {last:>14}  "
                              f"{cpu_each:13.2f}  {rss_each:14.1f}  {os.getloadavg()[0]:8.1f}",
                              flush=True)  # fmt: skip
                    await browser.close()
                finally:
                    deploy.stop(Path(workdir))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python bench/load.py")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30, 60])
    parser.add_argument("--servers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timeout", type=float, default=300, help="seconds for one paint")
    args = parser.parse_args()
    asyncio.run(bench(args.servers, args.sessions, args.timeout))


if __name__ == "__main__":
    main()
