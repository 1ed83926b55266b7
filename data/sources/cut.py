"""Cut the raw files in ../shared/data/raw down to what Områdekart uses.

Run once from the repository root when the raw collection changes:

    python data/sources/cut.py [RAW_DIR]

GeoJSON is filtered with the json module, so coordinates are written back exactly as they
were read (no rounding, no reprojection). SOURCES.md in this folder documents every cut.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_RAW = HERE.parent.parent.parent / "shared" / "data" / "raw"

# Street furniture and other POI subclasses no meeting-place or service analysis needs.
POI_SUBCLASSES_DROPPED = {
    "bicycle_parking",
    "motorcycle_parking",
    "parking",
    "waste_basket",
    "recycling",
    "post_box",
    "toilets",
    "telephone",
    "bollard",
    "cycle_barrier",
    "gate",
    "lift_gate",
    "vacant",
}

Feature = dict
Keep = Callable[[Feature], bool]


def main(raw: Path = DEFAULT_RAW) -> None:
    copy(raw, "kundeprosjekt-levekarssoner/levekarssoner_trondheim_60.geojson")
    cut(raw, "nor-maps/trondheim_delomrader_2025_landmask_m.geojson",
        ["delomraade_no", "delomraade_name", "bydel_no", "bydel_name", "population"])
    cut(raw, "nor-maps/trondheim_bydeler_2025_landmask_xl.geojson",
        ["bydel_no", "bydel_name", "population"])
    copy(raw, "nor-maps/trondheim_delomrade_population_2002_2025.csv")
    cut(raw, "robhop-fylker-og-kommuner/trondheim_5001_kommune_2024_M.geojson",
        ["kommunenummer", "kommunenavn"])
    copy(raw, "fhi-csdata/trondheim_population_agegroups_municip_and_bydel.csv")
    cut(raw, "tk-sonetilhorighet/barnehager_trondheim_kommunale_2021.geojson",
        ["enhet_id", "navn", "adresse"])
    cut(raw, "tk-skolekretser/barneskolekretser_trondheim_epsg25832.geojson",
        ["barneskolenavn", "barnekretsnr"])
    cut(raw, "tk-skolekretser/ungdomsskolekretser_trondheim_epsg25832.geojson",
        ["ungskolenavn", "ungskretsnr"])
    osm = "lab5e-osm-tiles-2023/trondheim_sentrum_osm2023_"
    cut(raw, osm + "pois.geojson", ["poi_id", "osm_class", "osm_subclass", "name"],
        keep=lambda f: f["properties"]["osm_subclass"] not in POI_SUBCLASSES_DROPPED)
    cut(raw, osm + "street_edges.geojson",
        ["edge_id", "u", "v", "length_m", "osm_class", "osm_subclass", "name", "brunnel",
         "access"],
        keep=lambda f: f["properties"]["walk"] is True)
    copy(raw, osm + "landuse_landcover_water.geojson")
    copy(raw, osm + "waterways.geojson")
    copy(raw, osm + "place_labels.geojson")
    cut(raw, osm + "buildings.geojson", ["render_height_m"])
    cut(raw, "osm-evengis-2016/trondheim_places_of_worship_osm_2016.geojson",
        ["id", "name", "denomination"])
    copy(raw, "entur-atb-gtfs-2020/atb_stopplace_departures_tue_2021-01-19_box.csv")


def copy(raw: Path, relpath: str) -> None:
    target = HERE / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(raw / relpath, target)
    _report(relpath, raw / relpath, target)


def cut(raw: Path, relpath: str, fields: list[str], keep: Keep | None = None) -> None:
    """Keep the named properties (in that order) of the features `keep` accepts."""
    collection = json.loads((raw / relpath).read_text(encoding="utf-8"))
    features = [f for f in collection["features"] if keep is None or keep(f)]
    head = {k: v for k, v in collection.items() if k in ("type", "name", "crs")}
    lines = []
    for feature in features:
        props = {name: feature["properties"].get(name) for name in fields}
        slim = {"type": "Feature", "properties": props, "geometry": feature["geometry"]}
        lines.append(json.dumps(slim, ensure_ascii=False, separators=(",", ":")))
    target = HERE / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    target.write_text(
        opening + ',"features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8"
    )
    _report(relpath, raw / relpath, target, len(collection["features"]), len(features))


def _report(relpath: str, source: Path, target: Path, n_in: int = 0, n_out: int = 0) -> None:
    rows = f" {n_in}→{n_out} features" if n_in else ""
    if target.suffix == ".csv":
        with target.open(encoding="utf-8") as handle:
            rows = f" {sum(1 for _ in csv.reader(handle)) - 1} rows"
    print(f"{relpath}: {source.stat().st_size:,} → {target.stat().st_size:,} bytes{rows}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RAW)
