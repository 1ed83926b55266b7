"""Cached access to the store for the pages: read once per process, shared by every session.

The cache is keyed on the store's data version (geo.store.version), asked on every rerun: with
several app servers on one PostGIS, an import or edit made on one is read by the others at
their next rerun. Only the newest versions are kept, so a long day of edits does not pile up
copies of every table in memory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import schema
from geo.store import DEFAULT_PATH, GeoPackageStore, open_store
from geo.store import version as store_version
from geo.store.version import StoreUnavailableError

__all__ = ["StoreUnavailableError", "available", "cache_key", "store_path", "tables"]


def store_path() -> Path:
    """The GeoPackage in use: OMRADEKART_GPKG if set (tests, other datasets), else the default."""
    return Path(os.environ.get("OMRADEKART_GPKG", DEFAULT_PATH))


@st.cache_resource(show_spinner=False, max_entries=2)
def _tables(path: str, version: float) -> dict[str, pd.DataFrame]:
    # DATABASE_URL: the PostGIS store (cache_key then holds its URL and data version)
    store = open_store() if os.environ.get("DATABASE_URL") else GeoPackageStore(path)
    # Every table is required: a missing file or table raises a StoreError that says which.
    return {name: store.read(name) for name in (*schema.TABLES, *schema.REFERENCE_LAYERS)}


def tables() -> dict[str, pd.DataFrame]:
    """All tables of the store, validated. Re-read when the data changes (on any server)."""
    return _tables(*cache_key())


def cache_key() -> tuple[str, float]:
    """(store, data version): derived caches key on it to follow imports and edits. Asked of
    the store once per script run (a fragment's rerun is a run): a Kart run has some fifty
    cached functions keyed on it, and with PostGIS each ask is a connection. Every write in
    the pages is followed by st.rerun(), so the next run asks again.

    Raises StoreUnavailableError when the database cannot be reached right now."""
    memo = _run_memo()
    if memo is None:
        return _store_key()
    if "cache_key" not in memo:
        memo["cache_key"] = _store_key()
    return memo["cache_key"]


def _run_memo() -> dict[str, tuple[str, float]] | None:
    """A dict that lives for the current script run, None outside one. Kept on the run's
    ParallelFragmentCoordinator, which Streamlit creates afresh at the start of every run."""
    ctx = get_script_run_ctx(suppress_warning=True)
    run = getattr(ctx, "parallel_coordinator", None)
    if run is None:
        return None
    memo = getattr(run, "_omradekart_memo", None)
    if memo is None:
        memo = {}
        run._omradekart_memo = memo
    return memo


def _store_key() -> tuple[str, float]:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url, float(store_version.postgis_version(url))
    path = store_path()
    return str(path), float(store_version.geopackage_version(path))


def available() -> bool:
    """Whether the store answers now (the pages' "database not available" notice polls it)."""
    try:
        cache_key()
    except StoreUnavailableError:
        return False
    return True
