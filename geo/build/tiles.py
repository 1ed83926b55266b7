"""Vector tiles (PMTiles) for layers too large to send as GeoJSON: built at data-build time.

A national-size dataset (~14,000 zones, 10,000 meeting places) is ~7 MB as GeoJSON and hangs
the browser; as vector tiles the browser fetches only the tiles of the view, so a planner can
pan anywhere without the script rerunning. A layer of more than ``TILE_THRESHOLD`` features is
written with GDAL's PMTiles driver (through pyogrio) to ``<out_dir>/<layer>.pmtiles``, carrying
only an integer key ``k`` (and the zone's ``area_id``, for the selection outline); a
``tiles.json`` manifest beside them lists, per layer, the store id of every ``k``. The server
colours and filters the tiles with one short string per layer (one character per ``k``, see
``codes``): the tiles never need rebuilding when the indicator, year, filter or colour choice
changes, and the string is ~14 KB for 14,000 zones.

    python -m geo.build.tiles data/national.gpkg      # -> static/tiles/national/

The shipped 60 zones need no tiles (``tile_dir`` of a small dataset stays empty).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio

from geo.schema import WEB_CRS, Level

REPO_ROOT = Path(__file__).resolve().parents[2]
TILES_ROOT = REPO_ROOT / "static" / "tiles"  # served by Streamlit under /app/static/tiles/
TILES_URL = "/app/static/tiles"
MANIFEST = "tiles.json"
TILE_THRESHOLD = 3_000  # features: a larger layer is drawn from tiles, never sent as GeoJSON
MIN_ZOOM = 0
MAX_ZOOM = 10  # ~10 m per tile unit (extent 4096); Leaflet overzooms the z10 tiles beyond it
HIDDEN = "-"  # in a codes string: the feature is not drawn (filtered out, hidden, not in store)


@dataclass(frozen=True)
class TiledLayer:
    """One layer drawn from tiles: its file, geometry kind and the store id of each key k."""

    name: str
    url: str
    kind: str  # "polygon" or "point"
    ids: tuple[str, ...]
    max_zoom: int = MAX_ZOOM  # the browser overzooms these tiles beyond it


def tile_dir(gpkg: str | Path, root: Path = TILES_ROOT) -> Path:
    """Where the tiles of the GeoPackage ``gpkg`` live: ``static/tiles/<its stem>/``."""
    return root / Path(gpkg).stem


def build_tiles(
    gpkg: str | Path, out_dir: Path | None = None, max_zoom: int = MAX_ZOOM
) -> dict[str, Any]:
    """Write the tiles of every layer of ``gpkg`` over ``TILE_THRESHOLD`` features into
    ``out_dir`` (default ``tile_dir(gpkg)``) with their manifest; return the manifest. A dataset
    with no large layer gets an empty manifest. A lower ``max_zoom`` builds faster (tests)."""
    from geo.store import GeoPackageStore  # the store reads through pyogrio too

    out = out_dir or tile_dir(gpkg)
    out.mkdir(parents=True, exist_ok=True)
    store = GeoPackageStore(gpkg)
    layers: dict[str, Any] = {}
    for name, frame, id_column in _sources(store.read("areas"), store.read("meeting_places")):
        if len(frame) <= TILE_THRESHOLD:
            continue
        ordered = frame.assign(_id=frame[id_column].astype(str)).sort_values("_id")
        ids = ordered["_id"].tolist()
        written = gpd.GeoDataFrame(
            {"k": range(len(ordered))} | ({"area_id": ids} if id_column == "area_id" else {}),
            geometry=ordered.geometry.to_crs(WEB_CRS).values,
            crs=WEB_CRS,
        )
        target = out / f"{name}.pmtiles"
        target.unlink(missing_ok=True)
        pyogrio.write_dataframe(
            written,
            target,
            layer=name,
            driver="PMTiles",
            dataset_options={"MINZOOM": MIN_ZOOM, "MAXZOOM": max_zoom, "NAME": name},
        )
        kind = "point" if written.geom_type.iloc[0] == "Point" else "polygon"
        layers[name] = {"file": target.name, "kind": kind, "ids": ids}
    manifest = {"min_zoom": MIN_ZOOM, "max_zoom": max_zoom, "layers": layers}
    (out / MANIFEST).write_text(json.dumps(manifest))
    return manifest


def tiled_layers(gpkg: str | Path, root: Path = TILES_ROOT) -> dict[str, TiledLayer]:
    """The layers of ``gpkg`` that are drawn from tiles (name -> TiledLayer); none when its
    tiles were never built (the shipped dataset)."""
    directory = tile_dir(gpkg, root)
    manifest_file = directory / MANIFEST
    if not manifest_file.is_file():
        return {}
    manifest = json.loads(manifest_file.read_text())
    url = f"{TILES_URL}/{directory.relative_to(root).as_posix()}" if root == TILES_ROOT else ""
    return {
        name: TiledLayer(
            name=name,
            url=f"{url}/{entry['file']}" if url else str(directory / entry["file"]),
            kind=entry["kind"],
            ids=tuple(entry["ids"]),
            max_zoom=int(manifest["max_zoom"]),
        )
        for name, entry in manifest["layers"].items()
        if (directory / entry["file"]).is_file()
    }


def codes(layer: TiledLayer, code_of: Mapping[str, int]) -> str:
    """One character per key k of ``layer``: the index (0–9, then a–z) of the colour of that
    feature in the caller's palette, ``HIDDEN`` where ``code_of`` has no entry for its id."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    return "".join(
        digits[code_of[i]] if i in code_of and code_of[i] < len(digits) else HIDDEN
        for i in layer.ids
    )


def _sources(
    areas: gpd.GeoDataFrame, places: gpd.GeoDataFrame
) -> Sequence[tuple[str, gpd.GeoDataFrame, str]]:
    """(layer name, rows, id column) of every layer that may need tiles: the zones (the
    levekårssone level, also the choropleth's) and the meeting places (id: the row label,
    as in the Kart page's fid)."""
    zones = areas[areas["level"] == Level.LEVEKARSSONE]
    points = places.assign(label=places.index.astype(str))
    return [("zones", zones, "area_id"), ("places", points, "label")]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m geo.build.tiles GEOPACKAGE", file=sys.stderr)
        return 2
    manifest = build_tiles(args[0])
    for name, entry in manifest["layers"].items():
        print(f"tiles: {name}: {len(entry['ids'])} features -> {tile_dir(args[0]) / entry['file']}")
    if not manifest["layers"]:
        print(f"tiles: no layer of {args[0]} has more than {TILE_THRESHOLD} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
