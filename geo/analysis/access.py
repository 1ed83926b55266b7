"""Access of a zone's residents along the walking network: the real indicators per levekårssone.

Residents are placed in their buildings (geo.analysis.dasymetric: the estimated persons per
building) and walk the OpenStreetMap walking network (geo.analysis.network) from the building's
nearest network node, the straight step from the building to that node included. A place or a
stop is joined to the network the same way.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace

import numpy as np
import pandas as pd
import shapely

from geo.analysis import network as walk


def home_distance(
    network: walk.WalkNetwork, homes: np.ndarray, targets: np.ndarray, limit: float
) -> np.ndarray:
    """For each home (point), the walk to the nearest target (point); inf beyond ``limit``."""
    graph = replace(network, graph=network.graph.copy())
    keys: list[Hashable] = [("target", i) for i in range(len(targets))]
    walk.add_leaves(graph, dict(zip(keys, targets, strict=True)))
    node_distance, _ = walk.distances_from(graph, keys, cutoff=limit)
    nodes, gaps = walk.nearest_nodes(network, homes)
    metres = node_distance[nodes] + gaps
    return np.where(metres <= limit, metres, np.inf)


def share_within(
    network: walk.WalkNetwork, homes: pd.DataFrame, targets: np.ndarray, limit: float
) -> pd.Series:
    """Per zone, the percentage of residents within ``limit`` metres' walk of a target.

    ``homes``: zone_id, persons, geometry (points). Zones without residents are left out.
    """
    reached = np.isfinite(home_distance(network, homes["geometry"].to_numpy(), targets, limit))
    frame = pd.DataFrame(
        {
            "zone_id": homes["zone_id"].to_numpy(),
            "persons": homes["persons"].to_numpy(dtype=float),
            "reached": np.where(reached, homes["persons"].to_numpy(dtype=float), 0.0),
        }
    )
    sums = frame.groupby("zone_id")[["persons", "reached"]].sum()
    sums = sums[sums["persons"] > 0]
    return (100 * sums["reached"] / sums["persons"]).rename("value")


def departures_within(
    network: walk.WalkNetwork,
    homes: pd.DataFrame,
    stops: pd.DataFrame,
    limit: float,
) -> pd.Series:
    """Per zone, the weekday departures of every stop within ``limit`` metres' walk of at
    least one of its homes (each stop counted once per zone).

    ``homes``: zone_id, geometry; ``stops``: departures_day, geometry (points).
    """
    nodes, gaps = walk.nearest_nodes(network, homes["geometry"].to_numpy())
    zone_ids = homes["zone_id"].to_numpy()
    totals = dict.fromkeys(pd.unique(zone_ids), 0.0)
    graph = replace(network, graph=network.graph.copy())
    stop_points = stops["geometry"].to_numpy()
    departures = stops["departures_day"].to_numpy(dtype=float)
    for index, (point, count) in enumerate(zip(stop_points, departures, strict=True)):
        key = ("stop", index)
        walk.add_leaves(graph, {key: point})
        node_distance, _ = walk.distances_from(graph, [key], cutoff=limit)
        graph.graph.remove_node(key)
        near = node_distance[nodes] + gaps <= limit
        for zone_id in pd.unique(zone_ids[near]):
            totals[zone_id] += count
    return pd.Series(totals, name="value", dtype=float)


def per_thousand(counts: pd.Series, persons: pd.Series) -> pd.Series:
    """``counts`` per 1 000 ``persons``, by index; none where there are no persons."""
    persons = persons[persons > 0]
    return (1000 * counts.reindex(persons.index).fillna(0.0) / persons).rename("value")


def change_percent(start: pd.Series, end: pd.Series) -> pd.Series:
    """The change from ``start`` to ``end`` in percent of ``start``, by index."""
    start = start[start > 0]
    return (100 * (end.reindex(start.index) - start) / start).dropna().rename("value")


def points(geometries: object) -> np.ndarray:
    """A point inside each geometry (buildings, places): where a walk starts or ends."""
    return np.asarray(shapely.point_on_surface(np.asarray(geometries, dtype=object)))
