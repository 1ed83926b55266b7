"""Vector tiles of national-size layers (geo/build/tiles.py) and their colour codes, the zone
under a clicked point (geo/analysis/zone_lookup.py) and the tiled map's pieces in folium."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import folium
import geopandas as gpd
import pyogrio
import pytest
import shapely

from bench import national
from components.maps import tiles as map_tiles
from components.maps.offline import PROTOMAPS_JS, VENDOR_URL
from components.maps.vendor import LIBRARIES
from geo.analysis.zone_lookup import zone_at, zone_index
from geo.build import tiles
from geo.schema import CRS, WEB_CRS, Level
from geo.store import GeoPackageStore

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_MAX_ZOOM = 5  # enough to check; the real build goes to tiles.MAX_ZOOM


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """A national stand-in just over the threshold, and its tiles."""
    gpkg = tmp_path_factory.mktemp("national") / "small-national.gpkg"
    count = tiles.TILE_THRESHOLD + 100
    national.build(gpkg, polygons=count, points=count, tiles=False)
    out = tmp_path_factory.mktemp("tiles")
    manifest = tiles.build_tiles(gpkg, out, max_zoom=TEST_MAX_ZOOM)
    return gpkg, out, manifest


def _header_zooms(path: Path) -> tuple[int, int]:
    """min and max zoom from a PMTiles v3 header (bytes 100 and 101)."""
    head = path.read_bytes()[:127]
    assert head[:7] == b"PMTiles" and head[7] == 3
    return struct.unpack_from("<BB", head, 100)


def test_the_large_layers_are_written_as_pmtiles_with_their_keys(built) -> None:
    gpkg, out, manifest = built
    assert set(manifest["layers"]) == {"zones", "places"}
    store = GeoPackageStore(gpkg)
    areas = store.read("areas")
    zone_ids = sorted(areas.loc[areas["level"] == Level.LEVEKARSSONE, "area_id"])
    assert manifest["layers"]["zones"]["ids"] == zone_ids  # k is the rank of the area_id
    assert len(manifest["layers"]["places"]["ids"]) == len(store.read("meeting_places"))
    for name, fields, kind in [
        ("zones", {"k", "area_id"}, "polygon"),
        ("places", {"k"}, "point"),
    ]:
        path = out / manifest["layers"][name]["file"]
        assert _header_zooms(path) == (tiles.MIN_ZOOM, TEST_MAX_ZOOM)
        info = pyogrio.read_info(path, layer=name)
        assert fields <= set(info["fields"])
        assert manifest["layers"][name]["kind"] == kind
    assert json.loads((out / tiles.MANIFEST).read_text()) == manifest


def test_a_zone_in_the_tiles_carries_its_area_id(built) -> None:
    _gpkg, out, manifest = built
    frame = pyogrio.read_dataframe(out / "zones.pmtiles", layer="zones")
    ids = manifest["layers"]["zones"]["ids"]
    assert len(frame) > 0
    for k, area_id in zip(frame["k"].head(20), frame["area_id"].head(20), strict=True):
        assert ids[int(k)] == area_id


def test_a_small_dataset_gets_no_tiles(tmp_path: Path) -> None:
    manifest = tiles.build_tiles(REPO_ROOT / "data" / "omradekart.gpkg", tmp_path)
    assert manifest["layers"] == {}
    assert tiles.tiled_layers(REPO_ROOT / "data" / "omradekart.gpkg", tmp_path) == {}


def test_tiled_layers_follow_the_geopackage_in_use(built, tmp_path: Path) -> None:
    gpkg, out, _manifest = built
    root = tmp_path / "tiles"
    (root).mkdir()
    (root / gpkg.stem).symlink_to(out, target_is_directory=True)
    found = tiles.tiled_layers(gpkg, root)
    assert set(found) == {"zones", "places"}
    assert found["zones"].kind == "polygon" and found["zones"].max_zoom == TEST_MAX_ZOOM
    assert tiles.tile_dir(gpkg) == tiles.TILES_ROOT / gpkg.stem
    assert tiles.tiled_layers(tmp_path / "other.gpkg", root) == {}


def test_codes_are_one_character_per_key() -> None:
    layer = tiles.TiledLayer("zones", "", "polygon", ("a", "b", "c", "d"))
    assert tiles.codes(layer, {"a": 0, "c": 11, "d": 2}) == "0-b2"


# --- the zone under a click ------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"area_id": ["west", "east"]},
        geometry=[
            shapely.box(560_000, 7_030_000, 570_000, 7_040_000),
            shapely.box(570_000, 7_030_000, 580_000, 7_040_000),
        ],
        crs=CRS,
    )


def _lat_lon(x: float, y: float) -> tuple[float, float]:
    point = gpd.GeoSeries([shapely.Point(x, y)], crs=CRS).to_crs(WEB_CRS).iloc[0]
    return point.y, point.x


def test_a_point_in_a_zone_gives_its_area_id(two_zones: gpd.GeoDataFrame) -> None:
    index = zone_index(two_zones)
    assert zone_at(index, *_lat_lon(565_000, 7_035_000)) == "west"
    assert zone_at(index, *_lat_lon(575_000, 7_035_000)) == "east"


def test_a_point_outside_every_zone_gives_none(two_zones: gpd.GeoDataFrame) -> None:
    assert zone_at(zone_index(two_zones), *_lat_lon(600_000, 7_035_000)) is None


def test_on_a_shared_border_the_first_zone_wins(two_zones: gpd.GeoDataFrame) -> None:
    assert zone_at(zone_index(two_zones), *_lat_lon(570_000, 7_035_000)) == "west"


# --- the browser side ------------------------------------------------------------------------


def test_protomaps_leaflet_is_vendored_from_npm_with_a_pinned_integrity() -> None:
    (library,) = [lib for lib in LIBRARIES if lib.folder == "protomaps-leaflet"]
    assert library.required_files == ("protomaps-leaflet.js",)
    assert PROTOMAPS_JS[1] == f"{VENDOR_URL}/protomaps-leaflet/protomaps-leaflet.js"
    assert map_tiles.VectorTiles.default_js == [PROTOMAPS_JS]


def test_the_tiled_map_names_its_sources_and_styles_without_feature_data() -> None:
    fmap = folium.Map(tiles=None)
    fmap.add_child(map_tiles.VectorTiles({"zones": "/app/static/tiles/x/zones.pmtiles"}, 10))
    style = map_tiles.TileStyle(
        key="zones",
        source="zones",
        kind="polygon",
        codes="01-",
        fills=["#fff", "#e86"],
        strokes=["#555", "#b35"],
        widths=[1, 2.5],
        outline=True,
    )
    map_tiles.tile_styles([style], "lks-01").add_to(fmap)
    html = fmap.get_root().render()
    assert "/app/static/tiles/x/zones.pmtiles" in html
    assert "protomaps-leaflet.js" in html
    compact = html.replace(" ", "")  # jinja's tojson spacing depends on its policies
    assert "window.__okTiles.apply([{" in compact
    assert '"codes":"01-"' in compact and '"key":"zones"' in compact
    assert '"lks-01")' in compact
