"""Where the server's time goes in one rerun of Oversikt or Kart after a zone click.

AppTest runs the app (the real st_folium, its browser part replaced by a stand-in that answers
with a zone click); one rerun after warm caches is timed step by step (STEPS, wrapped): the
page's own functions, folium's rendering of the map (streamlit_folium.st_folium), the data
version asked on every run, altair and dataframes.

    python bench/profile_rerun.py [oversikt|kart]
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit_folium  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.run import Component, _zone_feature  # noqa: E402

MAP_KEYS = {"oversikt": "overview_map", "kart": "kart_map"}
# The steps of a run, timed by wrapping them (the script runs in AppTest's own thread, where
# cProfile does not reach): module, function. Nested steps are included in their callers.
STEPS = (
    ("components.page", "start"),
    ("components.data", "cache_key"),
    ("components.data", "tables"),
    ("streamlit_folium", "st_folium"),
    ("streamlit_folium", "_get_map_string"),
    ("streamlit_folium", "_get_feature_group_string"),
    ("streamlit_folium", "_get_header"),
    ("streamlit_folium", "_get_html"),
    ("branca.element", "Element.get_bounds"),
    ("folium.folium", "Map.render"),
    ("components.maps.overview_widget", "show"),
    ("components.maps.overview", "overview_map"),
    ("components.programme.overview_linked", "_legends"),
    ("components.programme.overview_linked", "_chart"),
    ("components.programme.cards", "zone_card"),
    ("components.programme.overview_linked", "_zone_summary"),
    ("components.kart.page_state", "kart_page"),
    ("components.kart.widget", "show"),
    ("components.kart.map", "base_map"),
    ("components.kart.explorer", "explorer"),
    ("components.kart.linked", "filtered"),
    ("components.kart.linked", "highlight_points"),
    ("components.kart.linked", "charts"),
    ("components.kart.detail", "summary"),
    ("components.kart.legends", "legends"),
    ("components.kart.explorer", "_table"),
    ("components.kart.indicator", "view"),
    ("geo.analysis.select", "summarise"),
    ("components.kart.permalink", "decode"),
    ("components.kart.filters", "sidebar"),
    ("components.page", "footer"),
    ("streamlit.delta_generator", "DeltaGenerator.altair_chart"),
    ("streamlit.delta_generator", "DeltaGenerator.dataframe"),
)


def _wrap(stack: ExitStack, timings: dict[str, list[float]]) -> None:
    for module_name, attr in STEPS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        owner: object = module
        parts = attr.split(".")
        for part in parts[:-1]:
            owner = getattr(owner, part, None)
        original = getattr(owner, parts[-1], None) if owner is not None else None
        if original is None:
            continue
        name = f"{module_name}.{attr}"

        def timed(*args, _original=original, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                timings.setdefault(_name, []).append(time.perf_counter() - start)

        stack.enter_context(mock.patch.object(owner, parts[-1], timed))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", nargs="?", default="oversikt", choices=sorted(MAP_KEYS))
    args = parser.parse_args(argv)
    os.environ.setdefault("OMRADEKART_GPKG", str(ROOT / "data" / "omradekart.gpkg"))
    component = Component()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    with mock.patch.object(streamlit_folium, "_component_func", component):
        at.run()
        if args.page == "kart":
            at.switch_page("views/kart.py")
            at.run()
        ids = ["lks-09", "lks-49", "lks-09"]  # warm the caches of both zones first
        for area_id in ids[:2]:
            component.click = _zone_feature(area_id)
            at.session_state[MAP_KEYS[args.page]] = {"last_active_drawing": component.click}
            at.session_state["zone"] = area_id
            at.run()
        component.click = _zone_feature(ids[2])
        at.session_state[MAP_KEYS[args.page]] = {"last_active_drawing": component.click}
        at.session_state["zone"] = ids[2]
        timings: dict[str, list[float]] = {}
        with ExitStack() as stack:
            _wrap(stack, timings)
            start = time.perf_counter()
            at.run()
            total = time.perf_counter() - start
    if at.exception:
        raise SystemExit(at.exception[0].message)
    print(f"{args.page}: one rerun after a zone click, {total:.3f} s (AppTest, whole page)")
    print(f"bytes st_folium sends for the map: {component.sizes[-1]:,}")
    for name, values in sorted(timings.items(), key=lambda item: -sum(item[1])):
        print(f"  {sum(values):7.3f} s {len(values):4d}×  {name}")


if __name__ == "__main__":
    main()
