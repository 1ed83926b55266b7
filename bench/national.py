"""A synthetic national-size dataset: ~14,000 polygons and 10,000 points, in the store's schema.

Every grunnkrets of Norway is about 14,000 polygons. We have no such file, so this makes a
stand-in with the same load: the real 60 zones of Trondheim (so the focus zones, the indicators
and the page's texts still make sense) plus ~13,940 Voronoi cells around them, each densified to
about as many vertices as a real grunnkrets (~40), over an area the size of Norway; 10,000
meeting places (the real ~800 plus synthetic ones, each in a cell); values of the default
indicator for every cell. Seeded, so every run measures the same data.

    python bench/national.py OUT.gpkg      # or `make national`, or let bench/run.py make it

``build`` also writes the vector tiles of its large layers (geo.build.tiles) into
static/tiles/<OUT's stem>/, where the app finds them when OMRADEKART_GPKG names OUT.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.build.tiles import build_tiles  # noqa: E402
from geo.schema import CRS, Level  # noqa: E402
from geo.store import DEFAULT_PATH, GeoPackageStore  # noqa: E402

N_POLYGONS = 14_000
N_POINTS = 10_000
SEED = 2026
# About Norway's extent in EPSG:25832 (1,100 km × 1,500 km), Trondheim near the middle.
EXTENT = (-60_000.0, 6_450_000.0, 1_040_000.0, 7_950_000.0)
SEGMENT_M = 700.0  # densify cell edges: a cell of ~10 km perimeter gets ~40 vertices
SAMPLE_SOURCE = "Syntetisk nasjonalt testdatasett (bench/national.py) / synthetic benchmark data"


def build(
    out: Path,
    source: Path = DEFAULT_PATH,
    polygons: int = N_POLYGONS,
    points: int = N_POINTS,
    tiles: bool = True,
) -> Path:
    """Write the national dataset to ``out`` (a GeoPackage) and return it; with ``tiles``, its
    vector tiles too. Fewer ``polygons`` and ``points`` make a smaller stand-in (tests), which
    must stay over geo.build.tiles.TILE_THRESHOLD to be drawn from tiles."""
    store = GeoPackageStore(source)
    tables = {name: store.read(name) for name in store.tables()}
    rng = np.random.default_rng(SEED)
    areas = tables["areas"]
    real_zones = areas[areas["level"] == Level.LEVEKARSSONE]
    cells = _cells(real_zones, polygons - len(real_zones), rng)
    tables["areas"] = pd.concat([areas, cells], ignore_index=True)
    tables["meeting_places"] = _places(tables["meeting_places"], cells, rng, points)
    tables["indicator_values"] = _values(tables, cells, rng)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    GeoPackageStore(out, writable=True).write_all(tables)
    if tiles:
        build_tiles(out)
    return out


def _cells(real_zones: gpd.GeoDataFrame, count: int, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Voronoi cells over the extent, those touching the real zones' hull removed."""
    x0, y0, x1, y1 = EXTENT
    hull = real_zones.union_all().convex_hull.buffer(2_000)
    seeds = []
    while len(seeds) < count * 1.02:
        xs = rng.uniform(x0, x1, count)
        ys = rng.uniform(y0, y1, count)
        points = shapely.points(xs, ys)
        seeds.extend(points[~shapely.intersects(points, hull)])
    seeds = seeds[: int(count * 1.02)]
    regions = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=shapely.box(*EXTENT))
    )
    regions = shapely.intersection(regions, shapely.box(*EXTENT))
    regions = regions[~shapely.intersects(regions, hull)]
    regions = regions[shapely.area(regions) > 0][:count]
    regions = shapely.segmentize(regions, SEGMENT_M)
    n = len(regions)
    return gpd.GeoDataFrame(
        {
            "area_id": [f"syn-{i:05d}" for i in range(n)],
            "level": Level.LEVEKARSSONE.value,
            "name": [f"Krets {i:05d}" for i in range(n)],
            "code": None,
            "parent_id": None,
            "is_focus": False,
            "programme": None,
            "is_sample": True,
            "source": SAMPLE_SOURCE,
        },
        geometry=regions,
        crs=CRS,
    )


def _places(
    places: gpd.GeoDataFrame, cells: gpd.GeoDataFrame, rng: np.random.Generator, total: int
) -> gpd.GeoDataFrame:
    count = total - len(places)
    chosen = rng.integers(0, len(cells), count)
    centres = shapely.point_on_surface(cells.geometry.values[chosen])
    types = rng.choice(sorted(set(places["place_type"])), count)
    synthetic = gpd.GeoDataFrame(
        {
            "place_id": [f"syn-mp-{i:05d}" for i in range(count)],
            "name": [f"Møteplass {i:05d}" for i in range(count)],
            "place_type": types,
            "indoor": pd.array([None] * count, dtype="boolean"),
            "audience": None,
            "opening_hours": None,
            "universal_design": pd.array([None] * count, dtype="boolean"),
            "owner": None,
            "is_anchor": False,
            "area_id": cells["area_id"].to_numpy()[chosen],
            "is_sample": True,
            "source": SAMPLE_SOURCE,
        },
        geometry=centres,
        crs=CRS,
    )
    return pd.concat([places, synthetic], ignore_index=True)


def _values(tables: dict, cells: gpd.GeoDataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The first zone indicator's newest year for every cell (what Kart shows by default)."""
    values = tables["indicator_values"]
    zone_ids = set(tables["areas"].loc[tables["areas"]["level"] == Level.LEVEKARSSONE, "area_id"])
    at_zones = values[values["area_id"].isin(zone_ids)]
    indicator = next(
        i for i in tables["indicators"]["indicator_id"] if i in set(at_zones["indicator_id"])
    )
    year = int(at_zones.loc[at_zones["indicator_id"] == indicator, "year"].max())
    n = len(cells)
    denominator = rng.integers(100, 1500, n).astype(float)
    numerator = np.floor(denominator * rng.uniform(0.05, 0.3, n))
    extra = pd.DataFrame(
        {
            "indicator_id": indicator,
            "area_id": cells["area_id"].to_numpy(),
            "year": year,
            "value": 100 * numerator / denominator,
            "numerator": numerator,
            "denominator": denominator,
            "is_sample": True,
            "source": SAMPLE_SOURCE,
        }
    )
    return pd.concat([values, extra], ignore_index=True)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("national.gpkg")
    print(build(target))
