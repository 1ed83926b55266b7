"""Make folium load Leaflet and its plugins from the app itself, never from a CDN.

folium's elements name their JavaScript/CSS in the class attributes ``default_js`` and
``default_css``; streamlit-folium collects those of every element in a map and loads them in its
iframe, one after another (if one fails, the ones after it are never loaded and the map stays
blank). Pointing them at ``static/vendor/`` (filled by ``python -m components.maps.vendor``,
served by Streamlit under ``/app/static/`` with ``server.enableStaticServing``) keeps the map
working with no network.

What folium's own templates need, checked against folium 0.20: Leaflet for the map, GeoJson,
CircleMarker, Tooltip and LayerControl; jQuery for ``folium.Popup`` (its template builds the
content with ``$(`...`)[0]``) and for ``Map(..., objects_to_stay_in_front)``. Bootstrap and
Leaflet.awesome-markers are only for ``folium.Icon``, which we do not use (use CircleMarker or
DivIcon). Never add a branca ColorMap to a map: streamlit-folium then adds d3 from a CDN.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import branca.colormap
import folium
import folium.elements
import folium.plugins

VENDOR_URL = "/app/static/vendor"

LEAFLET_JS = ("leaflet", f"{VENDOR_URL}/leaflet/leaflet.js")
# sets L.Icon.Default.imagePath (written by components/maps/vendor.py; see ICON_PATH_JS there)
LEAFLET_ICON_PATH_JS = ("leaflet_icon_path", f"{VENDOR_URL}/leaflet/icon-path.js")
JQUERY_JS = ("jquery", f"{VENDOR_URL}/jquery/jquery.min.js")
LEAFLET_CSS = ("leaflet_css", f"{VENDOR_URL}/leaflet/leaflet.css")
# vector tiles of national-size layers (components/maps/tiles.py): global ``protomapsL``
PROTOMAPS_JS = ("protomaps_leaflet", f"{VENDOR_URL}/protomaps-leaflet/protomaps-leaflet.js")

# class -> (default_js, default_css); the names match folium's so that links are de-duplicated.
LOCAL_ASSETS: dict[type, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    folium.Map: ([LEAFLET_JS, LEAFLET_ICON_PATH_JS, JQUERY_JS], [LEAFLET_CSS]),
    folium.plugins.MarkerCluster: (
        [("markerclusterjs", f"{VENDOR_URL}/leaflet.markercluster/leaflet.markercluster.js")],
        [
            ("markerclustercss", f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.css"),
            (
                "markerclusterdefaultcss",
                f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.Default.css",
            ),
        ],
    ),
    folium.plugins.Draw: (
        [("leaflet_draw_js", f"{VENDOR_URL}/leaflet.draw/leaflet.draw.js")],
        [("leaflet_draw_css", f"{VENDOR_URL}/leaflet.draw/leaflet.draw.css")],
    ),
}
# FastMarkerCluster subclasses MarkerCluster; set it explicitly so a future folium that gives
# it links of its own still gets ours.
LOCAL_ASSETS[folium.plugins.FastMarkerCluster] = LOCAL_ASSETS[folium.plugins.MarkerCluster]


def use_local_assets() -> None:
    """Point folium's Map, MarkerCluster, FastMarkerCluster and Draw at the vendored files.

    Call once before building maps (idempotent). Other folium plugins keep their CDN links:
    vendor them in components/maps/vendor.py and add them to LOCAL_ASSETS before using one.
    """
    for element_class, (js_links, css_links) in LOCAL_ASSETS.items():
        element_class.default_js = list(js_links)
        element_class.default_css = list(css_links)


def remote_asset_urls(element: Any) -> list[str]:
    """The script/stylesheet URLs of ``element`` and its children that are not served locally.

    Mirrors how streamlit-folium collects links (including the d3 it adds for a branca
    ColorMap), so a map builder's test can assert this is empty.
    """
    urls: list[str] = []
    for child in _walk(element):
        if isinstance(child, branca.colormap.ColorMap):
            urls.append("d3 (streamlit-folium adds it from a CDN for a branca ColorMap)")
        links = getattr(child, "default_js", []) + getattr(child, "default_css", [])
        urls.extend(url for _, url in links if not url.startswith("/"))
    return list(dict.fromkeys(urls))


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
