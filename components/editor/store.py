"""The store as the Data page sees it: read-only by default, writable only for a write.

Reads go through components.data's cache (it follows every write by the file's mtime, or the
database's history count); writes open the store writable for that one call.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

from components import data, modes
from geo import schema
from geo.build import browser as prepare
from geo.store import Store, StoreError, open_store


def readable() -> Store:
    return open_store(data.store_path())


def writable() -> Store:
    """The store for one write; refused in kiosk and presentation mode, whatever page asks."""
    modes.require_writable()
    return open_store(data.store_path(), writable=True)


def tables_or_none() -> dict[str, pd.DataFrame] | None:
    try:
        return data.tables()
    except StoreError:
        return None


def boundary() -> shapely.Geometry | None:
    """Trondheim municipality's outline, when the data has it (points outside are refused)."""
    tables = tables_or_none()
    if tables is None:
        return None
    areas = tables["areas"]
    outline = areas[areas["level"] == schema.Level.KOMMUNE]
    return None if outline.empty else outline.geometry.union_all()


def zones() -> gpd.GeoDataFrame | None:
    """The 60 levekårssoner: an imported row without a zone gets the one it lies in."""
    tables = tables_or_none()
    if tables is None:
        return None
    areas = tables["areas"]
    return areas[areas["level"] == schema.Level.LEVEKARSSONE]


def zone_context() -> dict[str, Any]:
    return _zone_context(*data.cache_key())


@st.cache_data(show_spinner=False, max_entries=2)
def _zone_context(path: str, mtime: float) -> dict[str, Any]:
    tables = tables_or_none()
    if tables is None:
        return {"type": "FeatureCollection", "features": []}
    areas = tables["areas"]
    zones = areas[areas["level"] == schema.Level.LEVEKARSSONE]
    return prepare.to_browser_geojson(zones, ["name"], prepare.tolerance_for_zoom(12))
