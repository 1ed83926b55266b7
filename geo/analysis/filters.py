"""The Kart page's filters as one value, and the tables cut to what they let through.

An empty choice means "all": a planner who picks nothing sees everything. Pure functions over
the store's tables (no Streamlit), so the page, its charts, its table and its downloads all
obey the same filter.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.schema import CRS, PlaceType


@dataclass(frozen=True)
class Filters:
    """What the sidebar lets through. Codes are the enums of geo/schema.py."""

    zones: tuple[str, ...] = ()  # levekårssone area_ids
    goals: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    years: tuple[int, int] | None = None  # inclusive; a project counts if its period overlaps
    place_types: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == Filters()


def projects(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Projects in the chosen zones, goals, focus areas and statuses, active in the period."""
    keep = _isin(frame["area_id"], filters.zones)
    keep &= _isin(frame["goal"], filters.goals)
    keep &= _isin(frame["focus_area"], filters.focus_areas)
    keep &= _isin(frame["status"], filters.statuses)
    if filters.years is not None:
        first, last = filters.years
        keep &= (frame["start_year"] <= last) & (frame["end_year"] >= first)
    return frame[keep]


def meeting_places(
    frame: pd.DataFrame, filters: Filters, *, kindergartens: bool = False
) -> pd.DataFrame:
    """Meeting places of the chosen types in the chosen zones.

    Kindergartens are a layer of their own: ``kindergartens=True`` gives only those (still
    subject to the type filter), ``False`` every other type.
    """
    is_kindergarten = frame["place_type"] == PlaceType.BARNEHAGE
    keep = is_kindergarten if kindergartens else ~is_kindergarten
    keep &= _isin(frame["area_id"], filters.zones)
    keep &= _isin(frame["place_type"], filters.place_types)
    return frame[keep]


def grants(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Grants in the chosen zones and years."""
    keep = _isin(frame["area_id"], filters.zones)
    if filters.years is not None:
        first, last = filters.years
        keep &= frame["year"].between(first, last)
    return frame[keep]


def within_zones(
    layer: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, filters: Filters
) -> gpd.GeoDataFrame:
    """Features of a reference layer (stops, places of worship, catchments) that touch the
    chosen zones; all of them when no zone is chosen. Measured in EPSG:25832."""
    if not filters.zones:
        return layer
    chosen = zones[zones["area_id"].isin(filters.zones)].to_crs(CRS)
    if chosen.empty:
        return layer.iloc[0:0]
    area = chosen.union_all()
    return layer[layer.to_crs(CRS).intersects(area)]


def year_span(projects_frame: pd.DataFrame, grants_frame: pd.DataFrame) -> tuple[int, int]:
    """The first and last year any project or grant covers: the range of the period slider."""
    first = min(int(projects_frame["start_year"].min()), int(grants_frame["year"].min()))
    last = max(int(projects_frame["end_year"].max()), int(grants_frame["year"].max()))
    return first, last


def _isin(column: pd.Series, chosen: tuple[str, ...]) -> pd.Series:
    if not chosen:
        return pd.Series(True, index=column.index)
    return column.isin(chosen)
