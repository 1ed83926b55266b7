"""Cached access to the store for the pages: read once per process, shared by every session."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import schema
from geo.store import DEFAULT_PATH, GeoPackageStore, open_store


def store_path() -> Path:
    """The GeoPackage in use: OMRADEKART_GPKG if set (tests, other datasets), else the default."""
    return Path(os.environ.get("OMRADEKART_GPKG", DEFAULT_PATH))


@st.cache_resource(show_spinner=False)
def _tables(path: str, mtime: float) -> dict[str, pd.DataFrame]:
    # DATABASE_URL: the PostGIS store (cache_key then holds its URL and data version)
    store = open_store() if os.environ.get("DATABASE_URL") else GeoPackageStore(path)
    # Every table is required: a missing file or table raises a StoreError that says which.
    return {name: store.read(name) for name in (*schema.TABLES, *schema.REFERENCE_LAYERS)}


def tables() -> dict[str, pd.DataFrame]:
    """All tables of the store, validated. Re-read when the file changes on disk."""
    return _tables(*cache_key())


def cache_key() -> tuple[str, float]:
    """(path, modification time) of the dataset: derived caches key on it to follow edits."""
    url = os.environ.get("DATABASE_URL")
    if url:
        from geo.store.postgis import PostGISStore

        return url, float(PostGISStore(url).version())
    path = store_path()
    return str(path), path.stat().st_mtime if path.exists() else 0.0
