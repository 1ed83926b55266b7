"""Readers for the real source files in data/sources, one small function per source.

Every reader returns its data in the storage CRS (EPSG:25832) with plain column names, and
`ATTRIBUTION` holds the source text each derived row carries. Origins, licences and cuts are
documented in data/sources/SOURCES.md.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from geo.schema import CRS

SOURCES_DIR = Path(__file__).resolve().parents[2] / "data" / "sources"

_OSM_2023 = "lab5e-osm-tiles-2023/trondheim_sentrum_osm2023_"
# The padded box the OSM 2023 layers were cut to (lon/lat, EPSG:4326; see SOURCES.md).
OSM_2023_BOX = (10.36, 63.395, 10.46, 63.45)

# Short attribution per source, as stored in the `source` column of every derived row.
ATTRIBUTION = {
    "levekarssoner": "Trondheim kommune, levekårssoner (Levekår 2020); lisens ikke oppgitt",
    "delomrader": "SSB/Kartverket via nor-maps, 2025",
    "bydeler": "SSB/Kartverket via nor-maps, 2025",
    "kommune": "Kartverket via robhop/fylker-og-kommuner, 2024 (CC BY 4.0)",
    "population_delomrade": "SSB tabell 04317 via nor-maps (delområder)",
    "population_fhi": "SSB 07459/10826 via FHI csdata (bydel, kommune), NLOD 2.0",
    "kindergartens": "Trondheim kommune, barnehager 2021 (koordinater: Kartverket CC BY 4.0)",
    "school_catchments": "Trondheim kommune, skolekretser (NLOD)",
    "osm_2023": "OpenStreetMap 2023 (© OpenStreetMap contributors, ODbL)",
    "osm_2016": "OpenStreetMap 2016 (© OpenStreetMap contributors, ODbL)",
    "transit": "Entur/AtB GTFS, timetable Tuesday 19 January 2021 (NLOD)",
    "population_estimate": "Beregnet fra SSB tabell 04317 via nor-maps (delområder) og "
    "bygninger og arealbruk fra OpenStreetMap 2023 (© OpenStreetMap contributors, ODbL)",
}


def read_levekarssoner(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """The 60 levekårssoner: feature_index, name."""
    frame = _read(root, "kundeprosjekt-levekarssoner/levekarssoner_trondheim_60.geojson")
    return frame.rename(columns={"levekarssone": "name"})


def read_delomrader(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """SSB delområder 2025 (a delområde split over two bydeler appears once per bydel)."""
    return _read(root, "nor-maps/trondheim_delomrader_2025_landmask_m.geojson")


def read_bydeler(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """Trondheim's four bydeler 2025: bydel_no, bydel_name, population."""
    return _read(root, "nor-maps/trondheim_bydeler_2025_landmask_xl.geojson")


def read_kommune(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """Trondheim municipality outline, 2024 borders, clipped to the coastline."""
    return _read(root, "robhop-fylker-og-kommuner/trondheim_5001_kommune_2024_M.geojson")


def read_delomrade_population(root: Path = SOURCES_DIR) -> pd.DataFrame:
    """Population 1 January per delområde and year 2002–2025 (codes 1601… and 5001…)."""
    return pd.read_csv(
        root / "nor-maps/trondheim_delomrade_population_2002_2025.csv",
        dtype={"delomraade_no": str, "kommune_no": str},
    )


def read_population_agegroups(root: Path = SOURCES_DIR) -> pd.DataFrame:
    """Population by age group for Trondheim (municip_nor5001) and its bydeler, 2005–2026."""
    return pd.read_csv(root / "fhi-csdata/trondheim_population_agegroups_municip_and_bydel.csv")


def read_kindergartens(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """Trondheim kommune's kindergarten list 2021: enhet_id, name, address."""
    frame = _read(root, "tk-sonetilhorighet/barnehager_trondheim_kommunale_2021.geojson")
    return frame.rename(columns={"navn": "name", "adresse": "address"})


def read_school_catchments(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """Primary and lower-secondary catchments together: name, kind, krets_nr."""
    parts = []
    for kind, stem, name, number in (
        ("barneskole", "barneskolekretser", "barneskolenavn", "barnekretsnr"),
        ("ungdomsskole", "ungdomsskolekretser", "ungskolenavn", "ungskretsnr"),
    ):
        part = _read(root, f"tk-skolekretser/{stem}_trondheim_epsg25832.geojson")
        part = part.rename(columns={name: "name", number: "krets_nr"})
        part["kind"] = kind
        parts.append(part[["name", "kind", "krets_nr", "geometry"]])
    frame = pd.concat(parts, ignore_index=True)
    frame["krets_nr"] = frame["krets_nr"].astype(str)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def read_osm_pois(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """OpenMapTiles POIs 2023: poi_id, osm_class, osm_subclass, name."""
    return _read(root, _OSM_2023 + "pois.geojson")


def read_street_edges(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """The walkable street and path network 2023 (walk=true edges only)."""
    return _read(root, _OSM_2023 + "street_edges.geojson")


def read_landuse(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """Land use, land cover and water polygons 2023: layer, osm_class, osm_subclass."""
    return _read(root, _OSM_2023 + "landuse_landcover_water.geojson")


def read_waterways(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """River and stream lines 2023: osm_class, name, intermittent."""
    return _read(root, _OSM_2023 + "waterways.geojson")


def read_place_labels(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """OSM place names 2023 (suburb, neighbourhood, square…): name, osm_place."""
    return _read(root, _OSM_2023 + "place_labels.geojson")


def read_buildings(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """Building footprints 2023 with render_height_m."""
    return _read(root, _OSM_2023 + "buildings.geojson")


def osm_2023_extent() -> shapely.Geometry:
    """The ground the OSM 2023 layers cover, in the storage CRS."""
    box = gpd.GeoSeries([shapely.box(*OSM_2023_BOX)], crs="EPSG:4326").to_crs(CRS)
    return box.iloc[0]


def read_places_of_worship_2016(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """OSM places of worship 2016 (polygons and points): osm_id, name, denomination."""
    frame = _read(root, "osm-evengis-2016/trondheim_places_of_worship_osm_2016.geojson")
    return frame.rename(columns={"id": "osm_id"})


def read_transit_departures(root: Path = SOURCES_DIR) -> gpd.GeoDataFrame:
    """AtB stop places with weekday departures (Tuesday 19 January 2021) as points."""
    table = pd.read_csv(
        root / "entur-atb-gtfs-2020/atb_stopplace_departures_tue_2021-01-19_box.csv"
    )
    points = gpd.points_from_xy(table.pop("lon"), table.pop("lat"), crs="EPSG:4326")
    return gpd.GeoDataFrame(table, geometry=points).to_crs(CRS)


def _read(root: Path, relpath: str) -> gpd.GeoDataFrame:
    frame = pyogrio.read_dataframe(root / relpath, use_arrow=True)
    return frame.to_crs(CRS)
