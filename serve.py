"""Start the app: ``streamlit run app.py`` with this project's options, warmed when it starts.

    python serve.py [streamlit options, e.g. --server.port 8502]

The one way the app is started (``make run``, ``make kiosk``, deploy/cluster.py, the browser
tests' server and bench/). The server answers ``/_stcore/health`` at once; meanwhile a
background thread opens one session of its own over the app's websocket, as a browser would,
and runs the start page and Kart in it. That first run of each page imports what the views
import, reads the tables and fills the same ``st.cache_data`` / ``st.cache_resource`` caches a
visitor's session hits (they are per process), and compiles folium's and altair's templates;
so the first visitor after a start waits as long as the second. Nothing is shown to anyone: the
session has no browser and is closed when its runs are done. ``OMRADEKART_WARM=0`` turns the
warming off.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
APP = ROOT / "app.py"
# The start page and Kart: the pages with the most to prepare (url path; "" is the start page).
WARM_PAGES = ("", "kart")
DEFAULT_OPTIONS = {
    "--server.headless": "true",
    "--browser.gatherUsageStats": "false",
}


def streamlit_argv(options: Sequence[str]) -> list[str]:
    """``streamlit run app.py`` with ``options``, plus this project's defaults where not given."""
    given = {option.split("=", 1)[0] for option in options if option.startswith("--")}
    defaults = [(name, value) for name, value in DEFAULT_OPTIONS.items() if name not in given]
    return ["streamlit", "run", str(APP), *(part for pair in defaults for part in pair), *options]


def option(options: Sequence[str], name: str, default: str) -> str:
    """The value of ``--name value`` or ``--name=value`` in ``options``."""
    for index, part in enumerate(options):
        if part == name and index + 1 < len(options):
            return options[index + 1]
        if part.startswith(f"{name}="):
            return part.split("=", 1)[1]
    return default


def local_base(options: Sequence[str]) -> str:
    """Where this process's server can be reached from this machine."""
    port = option(options, "--server.port", os.environ.get("STREAMLIT_SERVER_PORT", "8501"))
    address = option(options, "--server.address", "127.0.0.1")
    host = "127.0.0.1" if address in ("", "0.0.0.0", "::", "localhost") else address
    return f"http://{host}:{port}"


def wait_healthy(base: str, timeout_s: float = 300) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def run_page(base: str, page: str, timeout_s: float = 300) -> None:
    """One session over the app's websocket runs ``page`` once; returns when its run is done."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_name = page
    deadline = time.monotonic() + timeout_s
    with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as socket:
        socket.send(message.SerializeToString())
        while time.monotonic() < deadline:
            raw = socket.recv(timeout=max(0.1, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            if forward.WhichOneof("type") == "script_finished":
                return
    raise TimeoutError(f"page /{page} did not finish within {timeout_s:.0f} s")


def warm(base: str, pages: Sequence[str] = WARM_PAGES) -> None:
    """Run ``pages`` once in a session of the server at ``base`` (never raises: a failed warm-up
    only means the first visitor waits)."""
    try:
        start = time.perf_counter()
        if not wait_healthy(base):
            return
        for page in pages:
            run_page(base, page)
        print(
            f"omradekart: warmed /{', /'.join(pages)} in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    except Exception as error:  # noqa: BLE001 -- warming is an optimisation, never a failure
        print(f"omradekart: warm-up skipped: {error!r}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    options = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("OMRADEKART_WARM", "1") != "0":
        threading.Thread(
            target=warm, args=(local_base(options),), name="omradekart-warm", daemon=True
        ).start()
    os.chdir(ROOT)  # .streamlit/config.toml and static/ are read from here
    from streamlit.web import cli

    sys.argv = streamlit_argv(options)
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
