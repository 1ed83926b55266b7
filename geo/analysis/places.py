"""Meeting places chosen on the Møteplasser page: by type and zone, and those within reach."""

from __future__ import annotations

from collections.abc import Collection

import geopandas as gpd
import shapely


def filter_places(
    places: gpd.GeoDataFrame, *, types: Collection[str], area_ids: Collection[str]
) -> gpd.GeoDataFrame:
    """The places of ``types``, in ``area_ids`` (every zone when none is chosen)."""
    shown = places[places["place_type"].isin(list(types))]
    return shown[shown["area_id"].isin(list(area_ids))] if area_ids else shown


def within_reach(
    places: gpd.GeoDataFrame, *, types: Collection[str], area: shapely.Geometry, distance: float
) -> gpd.GeoDataFrame:
    """The places of ``types`` that can reach ``area``: within ``distance`` in a straight line."""
    near = places.geometry.distance(area) <= distance
    return places[places["place_type"].isin(list(types)) & near]
