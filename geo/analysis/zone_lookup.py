"""The zone under a clicked point, found with a spatial index.

A map drawn from vector tiles holds no zone features of its own to click: the browser sends
where it was clicked (lat, lon) and the server finds the zone there. An STR-tree over the
zones answers in well under a millisecond for 14,000 polygons; build it once per dataset and
level (``ZoneIndex``) and keep it (the page caches it as a resource).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from geo.schema import WEB_CRS


@dataclass(frozen=True)
class ZoneIndex:
    """Zones (``area_id`` and geometry) in their own CRS with an STR-tree over them."""

    area_ids: np.ndarray
    geometries: np.ndarray
    tree: shapely.STRtree
    to_local: Transformer


def zone_index(zones: gpd.GeoDataFrame) -> ZoneIndex:
    """The index of ``zones`` (a frame with ``area_id`` and polygon geometry, any CRS)."""
    geometries = np.asarray(zones.geometry.values)
    return ZoneIndex(
        area_ids=zones["area_id"].to_numpy(dtype=object),
        geometries=geometries,
        tree=shapely.STRtree(geometries),
        to_local=Transformer.from_crs(WEB_CRS, zones.crs, always_xy=True),
    )


def zone_at(index: ZoneIndex, lat: float, lon: float) -> str | None:
    """The ``area_id`` of the zone that covers (lat, lon) in EPSG:4326, None where there is
    none. On a shared border the first zone of the frame wins, so the answer is stable."""
    x, y = index.to_local.transform(lon, lat)
    hits = index.tree.query(shapely.Point(x, y), predicate="intersects")
    if len(hits) == 0:
        return None
    return str(index.area_ids[int(np.min(hits))])
