"""The floor: the least this stack can do on this machine, for bench/pages.py to compare with.

A bare Streamlit page with one ``st_folium`` map holding a single polygon; on a click its only
work is one line of text (where the map was clicked). Leaflet from the same local files as the
app, returning only the click, as the app's maps do.

    streamlit run bench/floor_page.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components.maps.offline import use_local_assets  # noqa: E402

use_local_assets()
st.set_page_config(page_title="Gulv", layout="wide")

# A square around Lademoen, in the map's opening view.
SQUARE = {
    "type": "Feature",
    "properties": {"area_id": "floor"},
    "geometry": {
        "type": "Polygon",
        "coordinates": [
            [[10.40, 63.42], [10.44, 63.42], [10.44, 63.44], [10.40, 63.44], [10.40, 63.42]]
        ],
    },
}

fmap = folium.Map(location=(63.43, 10.42), zoom_start=13, tiles=None, prefer_canvas=True)
folium.GeoJson(SQUARE).add_to(fmap)
value = st_folium(
    fmap, key="floor", height=560, use_container_width=True, returned_objects=["last_clicked"]
)
clicked = (value or {}).get("last_clicked")
st.write(f"Klikk: {clicked['lat']:.5f}, {clicked['lng']:.5f}" if clicked else "Ingen klikk")
