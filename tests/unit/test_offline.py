"""The map loads Leaflet and its plugins from static/vendor, never from a CDN."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import pytest

from components.maps.offline import LOCAL_ASSETS, VENDOR_URL, remote_asset_urls, use_local_assets

REPO_ROOT = Path(__file__).resolve().parents[2]

ZONES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"navn": "Lademoen"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[10.41, 63.43], [10.43, 63.43], [10.43, 63.44], [10.41, 63.43]]],
            },
        }
    ],
}


def _map_with_everything_we_use() -> folium.Map:
    use_local_assets()
    # no tile layer, so the map needs its own maxZoom (MarkerCluster throws without one)
    fmap = folium.Map(location=[63.435, 10.42], zoom_start=14, tiles=None, maxZoom=19)
    zones = folium.FeatureGroup(name="Soner").add_to(fmap)
    folium.GeoJson(ZONES, tooltip=folium.GeoJsonTooltip(["navn"])).add_to(zones)
    cluster = folium.plugins.MarkerCluster(name="Møteplasser").add_to(fmap)
    folium.CircleMarker(
        [63.435, 10.42], radius=6, tooltip="Lademoen bydelshus", popup=folium.Popup("Bydelshus")
    ).add_to(cluster)
    folium.plugins.FastMarkerCluster([[63.43, 10.41]]).add_to(fmap)
    folium.plugins.Draw().add_to(fmap)
    folium.LayerControl().add_to(fmap)
    return fmap


def _asset_urls(html: str) -> list[str]:
    scripts = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", html, flags=re.IGNORECASE)
    links = re.findall(r"<link[^>]*\bhref=[\"']([^\"']+)", html, flags=re.IGNORECASE)
    return scripts + links


def test_rendered_map_has_no_remote_script_or_stylesheet() -> None:
    fmap = _map_with_everything_we_use()
    html = fmap.get_root().render()

    urls = _asset_urls(html)
    assert urls, "expected folium to emit script/link tags"
    remote = [url for url in urls if re.match(r"(https?:)?//", url)]
    assert remote == []
    assert all(url.startswith(f"{VENDOR_URL}/") for url in urls), urls
    assert not any(isinstance(child, folium.TileLayer) for child in fmap._children.values())
    assert "cdn" not in html.lower()


def test_streamlit_folium_link_collection_is_local() -> None:
    # streamlit-folium walks the elements' default_js/default_css, not the rendered HTML.
    assert remote_asset_urls(_map_with_everything_we_use()) == []


def test_a_colormap_is_reported_because_streamlit_folium_adds_d3_from_a_cdn() -> None:
    fmap = _map_with_everything_we_use()
    branca.colormap.LinearColormap(["white", "blue"]).add_to(fmap)
    assert any("d3" in url for url in remote_asset_urls(fmap))


@pytest.fixture(scope="module")
def vendored() -> Path:
    subprocess.run(
        [sys.executable, "-m", "components.maps.vendor"], cwd=REPO_ROOT, check=True, timeout=600
    )
    return REPO_ROOT / "static" / "vendor"


def test_every_local_url_is_a_vendored_file(vendored: Path) -> None:
    for js_links, css_links in LOCAL_ASSETS.values():
        for _, url in js_links + css_links:
            path = vendored / url.removeprefix(f"{VENDOR_URL}/")
            assert path.is_file(), f"{url} is not served: {path} missing"


def test_images_that_the_stylesheets_refer_to_are_vendored(vendored: Path) -> None:
    for css in [
        vendored / "leaflet" / "leaflet.css",
        vendored / "leaflet.draw" / "leaflet.draw.css",
    ]:
        for ref in re.findall(r"url\(([^)]+)\)", css.read_text()):
            ref = ref.strip("'\"")
            if ref.startswith(("data:", "#")):  # inline images, IE VML behaviour
                continue
            assert (css.parent / ref).is_file(), f"{css.name} refers to missing {ref}"
