"""The walking graph on a tiny hand-made network: snapping, distances, reached segments."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.analysis import network as walk
from geo.schema import CRS


def cross_edges() -> gpd.GeoDataFrame:
    """A plus sign: centre node 0 at (0, 0), arms of 100 m to nodes 1 (east), 2 (north),
    3 (west), 4 (south); and one private way from 1 to 2."""
    ends = {1: (100, 0), 2: (0, 100), 3: (-100, 0), 4: (0, -100)}
    rows = [
        {
            "u": 0,
            "v": n,
            "length_m": 100.0,
            "access": None,
            "geometry": shapely.LineString([(0, 0), xy]),
        }
        for n, xy in ends.items()
    ]
    rows.append(
        {
            "u": 1,
            "v": 2,
            "length_m": 141.4,
            "access": "no",
            "geometry": shapely.LineString([ends[1], ends[2]]),
        }
    )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def test_graph_nodes_and_coordinates():
    net = walk.build_network(cross_edges())
    assert net.n_nodes == 5
    assert net.graph.number_of_edges() == 4  # the private way is left out
    xy = dict(zip(net.node_ids.tolist(), map(tuple, net.node_xy.tolist()), strict=True))
    assert xy[0] == (0.0, 0.0) and xy[2] == (0.0, 100.0)


def test_private_ways_can_be_kept():
    assert walk.build_network(cross_edges(), exclude_private=False).graph.number_of_edges() == 5


def test_nearest_node_and_gap():
    net = walk.build_network(cross_edges())
    nodes, gaps = walk.nearest_nodes(net, [shapely.Point(90, 10)])
    assert net.node_ids[nodes[0]] == 1
    assert gaps[0] == pytest.approx(np.hypot(10, 10))


def test_distances_count_the_step_from_the_door():
    net = walk.build_network(cross_edges())
    walk.add_leaves(net, {("place", "a"): shapely.Point(100, 10)})  # 10 m off node 1
    distance, leaves = walk.distances_from(net, [("place", "a")], cutoff=150)
    by_label = dict(zip(net.node_ids.tolist(), distance.tolist(), strict=True))
    assert by_label[1] == pytest.approx(10)
    assert by_label[0] == pytest.approx(110)
    assert np.isinf(by_label[2])  # 210 m: beyond the cutoff
    assert leaves == {("place", "a"): 0}


def test_reached_segments_cut_edges_where_the_distance_runs_out():
    net = walk.build_network(cross_edges())
    walk.add_leaves(net, {("place", "c"): shapely.Point(0, 0)})
    distance, _ = walk.distances_from(net, [("place", "c")], cutoff=100)
    segments = walk.reached_segments(net, distance, 30)
    assert len(segments) == 4
    assert sorted(round(g.length, 6) for g in segments) == [30.0] * 4
    whole = walk.reached_segments(net, distance, 100)
    assert shapely.union_all(whole).length == pytest.approx(400)


def test_an_edge_reached_from_both_ends_is_whole():
    net = walk.build_network(cross_edges())
    distance = np.full(net.n_nodes, np.inf)
    index = {label: i for i, label in enumerate(net.node_ids.tolist())}
    distance[index[0]] = 0.0
    distance[index[1]] = 0.0
    segments = walk.reached_segments(net, distance, 60)
    east = [g for g in segments if g.bounds[2] > 50]
    assert shapely.union_all(east).length == pytest.approx(100)


def test_nodes_within():
    net = walk.build_network(cross_edges())
    inside = walk.nodes_within(net, shapely.box(-10, -10, 150, 10))
    assert sorted(net.node_ids[inside].tolist()) == [0, 1]
