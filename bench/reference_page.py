"""The reference: the Kart map written the way a plain folium user would write it.

Raw GeoJSON of the zones (full geometry, every property), one ``folium.Marker`` per project and
meeting place, ``st_folium`` with its defaults (every object returned, so every pan and zoom
reruns), and a chart of meeting places by type that follows the clicked zone. Leaflet comes
from the same local files as the app (components/maps/offline.py), so both pages load the same
libraries and the comparison is about the map data and the reruns only.

Run by bench/run.py: ``streamlit run bench/reference_page.py`` with OMRADEKART_GPKG set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import altair as alt
import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components.maps.offline import use_local_assets  # noqa: E402
from geo.store import DEFAULT_PATH, GeoPackageStore  # noqa: E402

use_local_assets()
st.set_page_config(page_title="Referanse", layout="wide")


@st.cache_resource
def load(path: str) -> dict[str, gpd.GeoDataFrame]:
    store = GeoPackageStore(path)
    return {name: store.read(name) for name in ("areas", "projects", "meeting_places")}


tables = load(os.environ.get("OMRADEKART_GPKG", str(DEFAULT_PATH)))
areas = tables["areas"]
zones = areas[areas["level"] == "levekarssone"].to_crs(4326)
projects = tables["projects"].to_crs(4326)
places = tables["meeting_places"].to_crs(4326)

st.title("Referanse")
m = folium.Map(location=(63.423, 10.415), zoom_start=13)
folium.GeoJson(
    zones.to_json(),
    tooltip=folium.GeoJsonTooltip(fields=["name"]),
).add_to(m)
for row in projects.itertuples():
    folium.Marker((row.geometry.y, row.geometry.x), tooltip=row.name).add_to(m)
for row in places.itertuples():
    folium.Marker((row.geometry.y, row.geometry.x), tooltip=row.name).add_to(m)
focus = zones[zones["is_focus"]].total_bounds
m.fit_bounds([[focus[1], focus[0]], [focus[3], focus[2]]])
out = st_folium(m, height=620, use_container_width=True)

clicked = (out or {}).get("last_active_drawing") or {}
area_id = (clicked.get("properties") or {}).get("area_id")
name = dict(zip(zones["area_id"], zones["name"], strict=True)).get(area_id)
chosen = places[places["area_id"] == area_id] if name else places
st.subheader(f"Møteplasser i {name}" if name else "Møteplasser i Trondheim")
counts = chosen.groupby("place_type").size().rename("antall").reset_index()
st.altair_chart(alt.Chart(counts).mark_bar().encode(y="place_type:N", x="antall:Q"))
