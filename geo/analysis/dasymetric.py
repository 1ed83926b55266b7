"""Population per levekårssone, estimated from buildings (a dasymetric estimate).

SSB publishes population per delområde, and a delområde holds several levekårssoner. Each
delområde's population is spread over the residential floor space inside it, and a zone gets
what falls on its buildings:

- floor space = footprint area × storeys; storeys = ``render_height_m`` / 3.66 m rounded, at
  least 1 (OpenMapTiles writes ``building:levels`` × 3.66 m as the height where only levels are
  tagged, which is almost every building in the extract);
- buildings under 40 m² are left out (garages, sheds, bin houses: the extract has no type);
- the floor space is weighted by the OSM land use the building stands on (``LANDUSE_WEIGHTS``):
  1 for residential and for buildings with no land use mapped (most housing in Trondheim has
  none), 0.25 for commercial and retail (flats above shops in the centre), 0 for industry,
  railway, university, college, school, kindergarten, hospital, sports, cemetery and the like.

Persons are whole numbers: each delområde's total is handed out over its pieces by largest
remainder, so the pieces of a delområde add up to SSB's figure to the person.

tobler (PySAL) was considered: its ``area_interpolate`` weights by intersected area only and its
``masked_area_interpolate`` needs a land-cover raster, so neither takes a weight per building;
the weighting here is a spatial join and a group-by.
"""

from __future__ import annotations

from collections.abc import Collection

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

STOREY_HEIGHT_M = 3.66
MIN_FOOTPRINT_M2 = 40.0
UNMAPPED = "(ingen)"  # land-use class of a building on no mapped land use
LANDUSE_WEIGHTS = {
    "residential": 1.0,
    UNMAPPED: 1.0,
    "commercial": 0.25,
    "retail": 0.25,
}  # every other land-use class: 0
# A zone counts as covered when at most this share of its area lies outside the covered
# delområder: the zone and delområde borders come from different sources and simplifications.
BORDER_TOLERANCE = 0.01


def building_weights(buildings: gpd.GeoDataFrame, landuse: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Per building (polygons only): footprint_m2, storeys, landuse, factor and weight (m²).

    ``buildings`` has ``render_height_m``; ``landuse`` has ``osm_class`` (OSM landuse polygons).
    """
    polygons = buildings[buildings.geom_type.isin(["Polygon", "MultiPolygon"])]
    frame = gpd.GeoDataFrame(
        {"render_height_m": polygons["render_height_m"].to_numpy(dtype=float)},
        geometry=polygons.geometry.to_numpy(),
        crs=buildings.crs,
    )
    frame["footprint_m2"] = frame.geometry.area
    frame["storeys"] = np.maximum(1, np.rint(frame["render_height_m"] / STOREY_HEIGHT_M)).astype(
        int
    )
    frame["landuse"] = _landuse_at(frame.geometry.representative_point(), landuse)
    factor = frame["landuse"].map(LANDUSE_WEIGHTS).fillna(0.0)
    frame["factor"] = factor.where(frame["footprint_m2"] >= MIN_FOOTPRINT_M2, 0.0)
    frame["weight"] = frame["footprint_m2"] * frame["storeys"] * frame["factor"]
    return frame


def _landuse_at(points: gpd.GeoSeries, landuse: gpd.GeoDataFrame) -> np.ndarray:
    """The land-use class under each point; the highest-weighted class where polygons overlap."""
    joined = gpd.sjoin(
        gpd.GeoDataFrame(geometry=points.to_numpy(), crs=points.crs),
        landuse[["osm_class", "geometry"]],
        how="left",
        predicate="within",
    )
    joined["osm_class"] = joined["osm_class"].fillna(UNMAPPED)
    joined["rank"] = joined["osm_class"].map(LANDUSE_WEIGHTS).fillna(0.0)
    best = joined.sort_values(["rank", "osm_class"], ascending=[False, True], kind="stable")
    return best[~best.index.duplicated()].sort_index()["osm_class"].to_numpy()


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """``total`` whole persons over ``weights`` in proportion; sums to ``total`` exactly.

    The persons left after the whole parts go to the largest fractions (ties: the first
    piece). A piece with weight 0 gets 0. All weights 0 is an error: there is nowhere to put
    anyone.
    """
    weights = np.asarray(weights, dtype=float)
    if total < 0 or (weights < 0).any():
        raise ValueError("population and weights must not be negative")
    if total == 0:
        return np.zeros(len(weights), dtype=int)
    if weights.sum() <= 0:
        raise ValueError("no weight to distribute the population over")
    quotas = total * weights / weights.sum()
    whole = np.floor(quotas).astype(int)
    left = total - int(whole.sum())
    order = np.argsort(-(quotas - whole), kind="stable")
    whole[order[:left]] += 1
    return whole


def covered_delomrader(delomrader: gpd.GeoDataFrame, extent: shapely.Geometry) -> list[str]:
    """The delområder (``area_id``) lying wholly inside the building extract's ``extent``."""
    inside = delomrader.geometry.within(extent)
    return sorted(delomrader.loc[inside, "area_id"])


def pieces(
    weights: gpd.GeoDataFrame, delomrader: gpd.GeoDataFrame, zones: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Each building's delområde and zone (by a point inside it): del_id, zone_id, weight.

    A building outside every delområde (a gap between simplified borders) is left out; one in
    no zone keeps zone_id None, so the delområde total still covers it.
    """
    points = gpd.GeoDataFrame(
        {"weight": weights["weight"].to_numpy()},
        geometry=weights.geometry.representative_point().to_numpy(),
        crs=weights.crs,
        index=weights.index,
    )
    for column, frame in (("del_id", delomrader), ("zone_id", zones)):
        joined = gpd.sjoin(points, frame[["area_id", "geometry"]], how="left", predicate="within")
        joined = joined[~joined.index.duplicated()]
        points[column] = joined["area_id"].to_numpy()
    points = points[points["del_id"].notna()]
    return pd.DataFrame(points.drop(columns="geometry"))


def covered_zones(
    zones: gpd.GeoDataFrame,
    extent: shapely.Geometry,
    covered: Collection[str],
    building_pieces: pd.DataFrame,
) -> list[str]:
    """The zones an estimate is made for: each lies inside the building extract's ``extent``
    and has its residential floor space in covered delområder, both up to ``BORDER_TOLERANCE``
    (zone and delområde borders come from different sources and simplifications, so a few
    buildings on a border fall on the other side). Delområder are cut to land and zones are
    not, so the zone's area is compared with the extract, not with the delområder."""
    outside = zones.geometry.difference(extent).area / zones.geometry.area
    weighted = building_pieces[building_pieces["weight"] > 0]
    per_zone = weighted.groupby("zone_id")["weight"].sum()
    stray = weighted[~weighted["del_id"].isin(set(covered))].groupby("zone_id")["weight"].sum()
    stray_share = (stray / per_zone).reindex(zones["area_id"]).fillna(0.0).to_numpy()
    has_homes = zones["area_id"].isin(per_zone.index).to_numpy()
    ok = (outside.to_numpy() <= BORDER_TOLERANCE) & (stray_share <= BORDER_TOLERANCE) & has_homes
    return sorted(zones.loc[ok, "area_id"])


def estimate(
    building_pieces: pd.DataFrame, population: pd.DataFrame, zone_ids: Collection[str]
) -> pd.DataFrame:
    """Whole persons per zone and year: area_id, year, value, del_id.

    ``population``: del_id, year, value (SSB) for the covered delområder. A zone lying in two
    delområder gets the sum of its two pieces; only ``zone_ids`` are returned.
    """
    grouped = (
        building_pieces.assign(zone_id=building_pieces["zone_id"].fillna(""))
        .groupby(["del_id", "zone_id"], as_index=False)["weight"]
        .sum()
        .sort_values(["del_id", "zone_id"], ignore_index=True)
    )
    rows = []
    for (del_id, year), total in population.groupby(["del_id", "year"])["value"].first().items():
        own = grouped[grouped["del_id"] == del_id]
        if own.empty:
            continue
        persons = largest_remainder(int(total), own["weight"].to_numpy())
        for zone_id, count in zip(own["zone_id"], persons, strict=True):
            rows.append((zone_id, int(year), int(count), del_id))
    per_piece = pd.DataFrame(rows, columns=["area_id", "year", "value", "del_id"])
    chosen = per_piece[per_piece["area_id"].isin(set(zone_ids))]
    out = chosen.groupby(["area_id", "year"], as_index=False).agg(
        value=("value", "sum"), del_id=("del_id", lambda s: ", ".join(sorted(set(s))))
    )
    return out.sort_values(["area_id", "year"], ignore_index=True)


def persons_per_building(
    weights: gpd.GeoDataFrame, building_pieces: pd.DataFrame, totals: pd.Series
) -> np.ndarray:
    """Estimated residents of each building in ``weights`` (fractional) for one year.

    ``totals``: population per del_id. Buildings in no delområde or an uncovered one get 0.
    Used to place residents for the access indicators, where shares need no whole persons.
    """
    share = pd.Series(0.0, index=weights.index)
    by_del = building_pieces.groupby("del_id")["weight"].transform("sum")
    per_unit = building_pieces["del_id"].map(totals) / by_del
    share.loc[building_pieces.index] = (building_pieces["weight"] * per_unit).fillna(0.0)
    return share.to_numpy()
