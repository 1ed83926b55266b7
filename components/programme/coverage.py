"""Coverage for the pages, cached: the walking model once per dataset, each answer per choice.

The model (graph, snapping, a walk from every source group up to the largest distance) is
a ``cache_resource`` keyed on the dataset's path and modification time; an answer for a set of
types and a distance is a ``cache_data`` entry on top, so going back to a distance already
seen is instant and a new one costs the geometry only (no new walk).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import data
from geo.analysis import coverage
from geo.build import browser as prepare
from geo.schema import Level

TOLERANCE_M = 4.0  # reach and gap polygons for the browser: about a pixel at zoom 14


@st.cache_resource(show_spinner=False, max_entries=2)
def model(path: str, mtime: float) -> coverage.CoverageModel:
    """The walking model around the focus zones (where the OSM walking network lies)."""
    tables = data.tables()
    areas = tables["areas"]
    zones = areas[(areas["level"] == Level.LEVEKARSSONE) & areas["is_focus"]].sort_values("name")
    return coverage.prepare(
        zones, tables["walk_edges"], tables["meeting_places"], tables["transit_stops"]
    )


@st.cache_data(show_spinner=False, max_entries=64)
def answer(path: str, mtime: float, groups: tuple[str, ...], distance: int) -> dict[str, Any]:
    """Per-zone table and browser GeoJSON (reach, gaps, straight-line reach) for one choice."""
    result = coverage.coverage(model(path, mtime), groups, distance)
    return {
        "table": result.table,
        "network_reach": _browser(result.network_reach),
        "gaps": _browser(result.gaps),
        "straight_reach": _browser(result.straight_reach),
    }


@st.cache_data(show_spinner=False, max_entries=8)
def transit(path: str, mtime: float, distance: int) -> pd.DataFrame:
    """Stops and weekday departures within walking reach of each zone, and the share of each
    zone's area within the distance of a stop (network)."""
    walk_model = model(path, mtime)
    access = coverage.transit_access(walk_model, distance)
    shares = coverage.coverage(walk_model, [coverage.TRANSIT], distance).table
    return access.merge(shares[["area_id", "network_share"]], on="area_id")


def _browser(frame: Any) -> dict[str, Any]:
    shapes = frame[~frame.geometry.is_empty]
    return prepare.to_browser_geojson(shapes, ["area_id"], TOLERANCE_M)
