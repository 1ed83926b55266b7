"""What lies inside a selection (a drawn polygon or circle, or a zone): counts, budget, cover.

The browser sends GeoJSON in EPSG:4326; everything is measured in EPSG:25832, so a circle's
radius is metres on the ground and a zone's covered share is a true area ratio.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import shapely.geometry
from shapely.geometry.base import BaseGeometry

from geo.schema import CRS, WEB_CRS

MIN_SHARE = 0.001  # zones covered by less than 0.1 % are left out of the cover table


@dataclass(frozen=True)
class SelectionSummary:
    """Counts and sums of what lies inside one selection shape."""

    area_m2: float
    projects_by_status: dict[str, int] = field(default_factory=dict)
    projects_by_goal: dict[str, int] = field(default_factory=dict)
    places_by_type: dict[str, int] = field(default_factory=dict)
    grants_by_status: dict[str, int] = field(default_factory=dict)
    budget_nok: float = 0.0
    granted_nok: float = 0.0
    # area_id, name, share (0–1 of the zone's area inside the shape), largest share first
    zone_cover: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def n_projects(self) -> int:
        return sum(self.projects_by_status.values())

    @property
    def n_places(self) -> int:
        return sum(self.places_by_type.values())

    @property
    def n_grants(self) -> int:
        return sum(self.grants_by_status.values())


def shape_from_drawing(feature: Mapping[str, Any] | None) -> BaseGeometry | None:
    """The selection shape in EPSG:25832 from a drawn GeoJSON feature, or None.

    Leaflet.draw gives polygons and rectangles as Polygon features; a circle as a Point
    feature whose ``properties.radius`` is in metres (streamlit-folium adds it). Anything else
    (a clicked marker, a zone, garbage) is not a drawing and gives None.
    """
    if not isinstance(feature, Mapping):
        return None
    geometry = feature.get("geometry")
    properties = feature.get("properties") or {}
    if not isinstance(geometry, Mapping) or not isinstance(properties, Mapping):
        return None
    try:
        shape = shapely.geometry.shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError):
        return None
    if shape.is_empty:
        return None
    kind = shape.geom_type
    if kind == "Point":
        radius = properties.get("radius")
        if not isinstance(radius, int | float) or isinstance(radius, bool) or radius <= 0:
            return None
        return to_local(shape).buffer(float(radius), quad_segs=32)
    if kind in ("Polygon", "MultiPolygon") and "area_id" not in properties:
        local = shapely.make_valid(to_local(shape))
        return local if local.area > 0 else None
    return None


def to_local(shape: BaseGeometry) -> BaseGeometry:
    """A geometry from EPSG:4326 (lon, lat) into EPSG:25832."""
    return gpd.GeoSeries([shape], crs=WEB_CRS).to_crs(CRS).iloc[0]


def summarise(
    shape: BaseGeometry,
    *,
    projects: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame,
    grants: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
) -> SelectionSummary:
    """Everything inside ``shape`` (EPSG:25832): projects by status and goal, meeting places
    by type, grants by status, the projects' budget, the grants' sum, and the share of each
    zone's area the shape covers."""
    inside_projects = inside(projects, shape)
    inside_places = inside(places, shape)
    inside_grants = inside(grants, shape)
    return SelectionSummary(
        area_m2=float(shape.area),
        projects_by_status=_counts(inside_projects, "status"),
        projects_by_goal=_counts(inside_projects, "goal"),
        places_by_type=_counts(inside_places, "place_type"),
        grants_by_status=_counts(inside_grants, "status"),
        budget_nok=float(inside_projects["budget_nok"].sum()) if len(inside_projects) else 0.0,
        granted_nok=float(inside_grants["amount_granted"].sum()) if len(inside_grants) else 0.0,
        zone_cover=zone_cover(zones, shape),
    )


def inside(layer: gpd.GeoDataFrame, shape: BaseGeometry) -> gpd.GeoDataFrame:
    """The features of ``layer`` that intersect ``shape`` (points: lie in it or on its edge)."""
    if len(layer) == 0:
        return layer
    local = layer.to_crs(CRS) if layer.crs != CRS else layer
    return layer[local.intersects(shape).to_numpy()]


def zone_cover(zones: gpd.GeoDataFrame, shape: BaseGeometry) -> pd.DataFrame:
    """area_id, name and share of each zone's area inside ``shape``, largest first."""
    local = zones.to_crs(CRS) if zones.crs != CRS else zones
    geoms = local.geometry.values
    hit = shapely.intersects(geoms, shape)
    overlap = shapely.area(shapely.intersection(geoms[hit], shape))
    share = overlap / shapely.area(geoms[hit])
    cover = pd.DataFrame(
        {"area_id": local["area_id"].to_numpy()[hit], "name": local["name"].to_numpy()[hit]}
    ).assign(share=share)
    cover = cover[cover["share"] >= MIN_SHARE]
    return cover.sort_values(["share", "name"], ascending=[False, True], ignore_index=True)


def _counts(frame: pd.DataFrame, column: str) -> dict[str, int]:
    if len(frame) == 0:
        return {}
    return {str(k): int(v) for k, v in frame[column].value_counts().sort_index().items()}
