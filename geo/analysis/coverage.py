"""Walking-distance coverage of zones: by network distance and by straight line, side by side.

Network (what the page calls "gangavstand langs gater og stier"): from the chosen meeting
places, walk the real OpenStreetMap walking network up to the distance; the *service area* is
every reached piece of street or path widened by ``SERVICE_WIDTH_M`` to each side (the homes
and yards along a path are reached with it). The share of a zone's area inside it is the
network figure. Straight line ("luftlinje"): a circle of the distance around every chosen place.
The straight-line figure is almost always the larger: nobody walks through buildings, rivers and
fences. All areas are measured in EPSG:25832.

Precomputed once per dataset (``prepare``): the graph clipped to the zones (plus the largest
distance, which is exact: a walk of at most D metres never leaves the D-circle around its
start), the snapping of places and stops to the graph, and for each source group (a place type,
or the stops) the network distance to every node up to the largest distance. A change of
distance or types is then array work and geometry, no new walk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.analysis import network as walk
from geo.schema import CRS

DISTANCES_M = (300, 500, 800)
MAX_DISTANCE_M = max(DISTANCES_M)
SERVICE_WIDTH_M = 50.0  # reached streets and paths count this far to each side
TRANSIT = "transit"  # the source group of the public-transport stops
_QUAD_SEGS = 8  # circle and buffer smoothness: a circle's area is 0.6 % short of πr²


@dataclass(frozen=True)
class CoverageModel:
    """Everything that does not depend on the chosen types and distance."""

    network: walk.WalkNetwork
    zones: gpd.GeoDataFrame  # area_id, name, geometry (EPSG:25832)
    group_points: dict[str, np.ndarray]  # source group -> point geometries
    group_distance: dict[str, np.ndarray]  # source group -> distance per node (inf beyond max)
    stops: pd.DataFrame  # stop_place_id, stop_name, departures_day
    zone_stop_distance: dict[str, dict[str, float]]  # area_id -> stop id -> metres from zone
    max_distance: float


def prepare(
    zones: gpd.GeoDataFrame,
    walk_edges: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame,
    stops: gpd.GeoDataFrame,
    max_distance: float = MAX_DISTANCE_M,
) -> CoverageModel:
    """Build the graph around ``zones`` and walk from every source group once.

    ``places`` need ``place_id``, ``place_type``; ``stops`` need ``stop_place_id``,
    ``stop_name``, ``departures_day``. Everything in EPSG:25832.
    """
    reach_box = shapely.box(*zones.total_bounds).buffer(max_distance + SERVICE_WIDTH_M)
    edges = walk_edges[walk_edges.intersects(reach_box)]
    network = walk.build_network(edges)
    places = places[places.within(reach_box)]
    stops = stops[stops.within(reach_box)]
    walk.add_leaves(
        network,
        {("place", pid): g for pid, g in zip(places["place_id"], places.geometry, strict=True)},
    )
    walk.add_leaves(
        network,
        {("stop", sid): g for sid, g in zip(stops["stop_place_id"], stops.geometry, strict=True)},
    )

    group_points: dict[str, np.ndarray] = {}
    group_distance: dict[str, np.ndarray] = {}
    for place_type, group in places.groupby("place_type"):
        sources = [("place", pid) for pid in group["place_id"]]
        group_distance[str(place_type)] = walk.distances_from(network, sources, max_distance)[0]
        group_points[str(place_type)] = np.asarray(group.geometry.values, dtype=object)
    stop_sources = [("stop", sid) for sid in stops["stop_place_id"]]
    group_distance[TRANSIT] = walk.distances_from(network, stop_sources, max_distance)[0]
    group_points[TRANSIT] = np.asarray(stops.geometry.values, dtype=object)

    zone_stop_distance: dict[str, dict[str, float]] = {}
    for area_id, geometry in zip(zones["area_id"], zones.geometry, strict=True):
        inside = walk.nodes_within(network, geometry)
        _, leaves = walk.distances_from(network, inside.tolist(), max_distance)
        reached = {
            str(key[1]): metres
            for key, metres in leaves.items()
            if isinstance(key, tuple) and key[0] == "stop"
        }
        for stop_id, point in zip(stops["stop_place_id"], stops.geometry, strict=True):
            if geometry.contains(point):  # a stop in the zone is in reach, whatever its path
                reached[str(stop_id)] = 0.0
        zone_stop_distance[str(area_id)] = reached

    return CoverageModel(
        network=network,
        zones=zones[["area_id", "name", "geometry"]].reset_index(drop=True),
        group_points=group_points,
        group_distance=group_distance,
        stops=pd.DataFrame(stops[["stop_place_id", "stop_name", "departures_day"]]),
        zone_stop_distance=zone_stop_distance,
        max_distance=max_distance,
    )


@dataclass(frozen=True)
class Coverage:
    """Coverage of every zone for one choice of source groups and distance."""

    table: pd.DataFrame  # area_id, name, area_m2, network_m2, network_share, straight_m2,
    # straight_share (shares 0–1)
    network_reach: gpd.GeoDataFrame  # area_id, geometry: reached part of each zone (network)
    gaps: gpd.GeoDataFrame  # area_id, geometry: the rest of each zone
    straight_reach: gpd.GeoDataFrame  # area_id, geometry: within the distance in a straight line


def coverage(model: CoverageModel, groups: Iterable[str], distance: float) -> Coverage:
    """Share of each zone within ``distance`` of at least one source of ``groups``."""
    if distance > model.max_distance:
        raise ValueError(f"distance {distance} m is beyond the precomputed {model.max_distance} m")
    chosen = [group for group in groups if group in model.group_distance]
    if chosen:
        node_distance = np.minimum.reduce([model.group_distance[g] for g in chosen])
        points = np.concatenate([model.group_points[g] for g in chosen])
    else:
        node_distance = np.full(model.network.n_nodes, np.inf)
        points = np.zeros(0, dtype=object)
    within = shapely.union_all(model.zones.geometry.values).buffer(SERVICE_WIDTH_M)
    network_area = service_area(model.network, node_distance, distance, within=within)
    straight_area = straight_line_area(points, distance)
    return _per_zone(model.zones, network_area, straight_area)


def service_area(
    network: walk.WalkNetwork,
    node_distance: np.ndarray,
    distance: float,
    width: float = SERVICE_WIDTH_M,
    within: shapely.Geometry | None = None,
) -> shapely.Geometry:
    """The reached streets and paths, widened by ``width`` to each side, as one polygon.

    With ``within``, only segments that touch it are kept (what lies farther cannot matter to
    it). Each segment is buffered alone and the buffers unioned: buffering one MultiLineString
    is a hundred times slower, as GEOS nodes every crossing first.
    """
    segments = walk.reached_segments(network, node_distance, distance)
    if within is not None and len(segments):
        segments = segments[shapely.intersects(segments, within)]
    if len(segments) == 0:
        return shapely.Polygon()
    return shapely.union_all(shapely.buffer(segments, width, quad_segs=_QUAD_SEGS))


def straight_line_area(
    points: Sequence[shapely.Geometry] | np.ndarray, distance: float
) -> shapely.Geometry:
    """Everything within ``distance`` of one of ``points`` in a straight line."""
    if len(points) == 0:
        return shapely.Polygon()
    return shapely.union_all(
        shapely.buffer(np.asarray(points, dtype=object), distance, quad_segs=_QUAD_SEGS)
    )


def share_within(zone: shapely.Geometry, reach: shapely.Geometry) -> float:
    """Share (0–1) of the zone's area inside ``reach``."""
    if zone.area == 0:
        return 0.0
    return float(shapely.intersection(zone, reach).area / zone.area)


def transit_access(model: CoverageModel, distance: float) -> pd.DataFrame:
    """Per zone: stops within ``distance`` walking of the zone, their weekday departures.

    Columns area_id, name, stops, departures (sum over those stops: a bus that calls at two of
    them counts twice), best_stop, best_departures (the busiest single stop in reach).
    """
    rows = []
    departures = model.stops.set_index("stop_place_id")
    for area_id, name in zip(model.zones["area_id"], model.zones["name"], strict=True):
        reach = [
            stop
            for stop, metres in model.zone_stop_distance[str(area_id)].items()
            if metres <= distance
        ]
        in_reach = departures.loc[reach] if reach else departures.iloc[0:0]
        best = in_reach["departures_day"].idxmax() if len(in_reach) else None
        rows.append(
            {
                "area_id": area_id,
                "name": name,
                "stops": len(in_reach),
                "departures": int(in_reach["departures_day"].sum()),
                "best_stop": None if best is None else str(in_reach.loc[best, "stop_name"]),
                "best_departures": None
                if best is None
                else int(in_reach.loc[best, "departures_day"]),
            }
        )
    return pd.DataFrame(rows)


def _per_zone(
    zones: gpd.GeoDataFrame, network_area: shapely.Geometry, straight_area: shapely.Geometry
) -> Coverage:
    geoms = np.asarray(zones.geometry.values, dtype=object)
    reached = shapely.intersection(geoms, network_area)
    gaps = shapely.difference(geoms, network_area)
    straight = shapely.intersection(geoms, straight_area)
    area = shapely.area(geoms)
    safe = np.where(area > 0, area, 1.0)
    table = pd.DataFrame(
        {
            "area_id": zones["area_id"].to_numpy(),
            "name": zones["name"].to_numpy(),
            "area_m2": area,
            "network_m2": shapely.area(reached),
            "straight_m2": shapely.area(straight),
        }
    )
    table["network_share"] = table["network_m2"] / safe
    table["straight_share"] = table["straight_m2"] / safe

    def frame(values: np.ndarray) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame({"area_id": zones["area_id"].to_numpy()}, geometry=values, crs=CRS)

    return Coverage(
        table=table, network_reach=frame(reached), gaps=frame(gaps), straight_reach=frame(straight)
    )
