"""The walking network as a graph: build it once, snap points to it, walk from sets of points.

The graph is the real OpenStreetMap walking network (``walk_edges``: ``u``, ``v``, ``length_m``
in EPSG:25832 metres). Every point we walk from or to (a meeting place, a stop) is added as a
leaf joined to its nearest network node by an edge as long as the straight line between them,
so the step from the door to the path counts, and a leaf can never be a shortcut.

What can be precomputed is: the graph, the snapping, and for each group of sources (a meeting
place type, the stops) the network distance to every node up to the largest distance offered.
A smaller distance is then a comparison on an array, no new walk.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import shapely
from shapely.ops import substring

WEIGHT = "length"


@dataclass(frozen=True)
class WalkNetwork:
    """A walking graph with its nodes in index order and its edges as geometry."""

    graph: nx.Graph
    node_ids: np.ndarray  # network node labels (from walk_edges u/v), position = node index
    node_xy: np.ndarray  # (n, 2) coordinates in EPSG:25832
    edge_u: np.ndarray  # node index of each edge's start (where its LineString begins)
    edge_v: np.ndarray  # node index of each edge's end
    edge_length: np.ndarray  # metres
    edge_geometry: np.ndarray  # shapely LineStrings, EPSG:25832

    @property
    def n_nodes(self) -> int:
        return len(self.node_ids)


def build_network(edges: pd.DataFrame, exclude_private: bool = True) -> WalkNetwork:
    """The graph of ``edges`` (columns u, v, length_m, geometry; optional ``access``).

    Node coordinates come from the edges' end points (a LineString runs from u to v). With
    ``exclude_private``, ways tagged access=no (private) are left out.
    """
    if exclude_private and "access" in edges.columns:
        edges = edges[edges["access"].fillna("") != "no"]
    geoms = np.asarray(edges.geometry.values if hasattr(edges, "geometry") else edges["geometry"])
    u = edges["u"].to_numpy()
    v = edges["v"].to_numpy()
    start, end = shapely.get_point(geoms, 0), shapely.get_point(geoms, -1)
    labels = pd.Index(pd.unique(np.concatenate([u, v])))
    xy = np.zeros((len(labels), 2))
    xy[labels.get_indexer(u)] = shapely.get_coordinates(start)
    xy[labels.get_indexer(v)] = shapely.get_coordinates(end)
    u_index, v_index = labels.get_indexer(u), labels.get_indexer(v)
    lengths = edges["length_m"].to_numpy(dtype=float)
    graph = nx.Graph()
    graph.add_nodes_from(range(len(labels)))
    # Parallel ways between the same two nodes: nx.Graph keeps the last; keep the shortest.
    order = np.argsort(-lengths)
    graph.add_weighted_edges_from(
        zip(u_index[order].tolist(), v_index[order].tolist(), lengths[order].tolist(), strict=True),
        weight=WEIGHT,
    )
    return WalkNetwork(
        graph=graph,
        node_ids=labels.to_numpy(),
        node_xy=xy,
        edge_u=u_index,
        edge_v=v_index,
        edge_length=lengths,
        edge_geometry=geoms,
    )


def nearest_nodes(
    network: WalkNetwork, points: Iterable[shapely.Point]
) -> tuple[np.ndarray, np.ndarray]:
    """For each point, the index of the nearest network node and the straight distance to it."""
    geoms = np.asarray(list(points), dtype=object)
    if len(geoms) == 0:
        return np.zeros(0, dtype=int), np.zeros(0)
    tree = shapely.STRtree(shapely.points(network.node_xy))
    (point_index, node_index), distance = tree.query_nearest(
        geoms, return_distance=True, all_matches=False
    )
    nodes = np.zeros(len(geoms), dtype=int)
    gaps = np.zeros(len(geoms))
    nodes[point_index] = node_index
    gaps[point_index] = distance
    return nodes, gaps


def add_leaves(
    network: WalkNetwork, leaves: Mapping[Hashable, shapely.Point]
) -> dict[Hashable, float]:
    """Join each point (by key) to its nearest node; returns the length of each joining edge.

    Leaf keys must not be plain integers (those are the network's nodes).
    """
    keys = list(leaves)
    nodes, gaps = nearest_nodes(network, (leaves[key] for key in keys))
    for key, node, gap in zip(keys, nodes.tolist(), gaps.tolist(), strict=True):
        network.graph.add_edge(key, node, **{WEIGHT: gap})
    return dict(zip(keys, gaps.tolist(), strict=True))


def distances_from(
    network: WalkNetwork, sources: Iterable[Hashable], cutoff: float
) -> tuple[np.ndarray, dict[Hashable, float]]:
    """Network distance from the nearest of ``sources`` to every node, up to ``cutoff`` metres.

    Returns (distance per network node index, inf where farther than ``cutoff``) and the
    distances to the leaves reached (keys as given to ``add_leaves``).
    """
    distance = np.full(network.n_nodes, np.inf)
    sources = [source for source in sources if source in network.graph]
    if not sources:
        return distance, {}
    reached = nx.multi_source_dijkstra_path_length(
        network.graph, set(sources), cutoff=cutoff, weight=WEIGHT
    )
    leaves: dict[Hashable, float] = {}
    for node, metres in reached.items():
        if isinstance(node, int):
            distance[node] = metres
        else:
            leaves[node] = metres
    return distance, leaves


def reached_segments(network: WalkNetwork, node_distance: np.ndarray, limit: float) -> np.ndarray:
    """The parts of every edge within ``limit`` metres, given each node's network distance.

    An edge is walked in from either end: from u as far as ``limit - d(u)``, from v as far as
    ``limit - d(v)``; where the two meet the whole edge is reached. Lengths along the edge are
    scaled to its drawn geometry.
    """
    du = node_distance[network.edge_u]
    dv = node_distance[network.edge_v]
    length = network.edge_length
    from_u = np.clip(limit - du, 0.0, length)
    from_v = np.clip(limit - dv, 0.0, length)
    whole = (from_u + from_v >= length) & ((from_u > 0) | (from_v > 0) | (length == 0))
    parts: list[shapely.Geometry] = list(network.edge_geometry[whole])
    for index in np.flatnonzero(~whole & ((from_u > 0) | (from_v > 0))):
        geom = network.edge_geometry[index]
        if from_u[index] > 0:
            parts.append(substring(geom, 0.0, from_u[index] / length[index], True))
        if from_v[index] > 0:
            parts.append(substring(geom, 1.0 - from_v[index] / length[index], 1.0, True))
    return np.asarray(parts, dtype=object)


def nodes_within(network: WalkNetwork, area: shapely.Geometry) -> np.ndarray:
    """Indices of the network nodes inside ``area`` (EPSG:25832)."""
    return np.flatnonzero(shapely.contains_xy(area, network.node_xy[:, 0], network.node_xy[:, 1]))
