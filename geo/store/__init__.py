"""Where the data lives: the `Store` interface, and the store in use (GeoPackage or PostGIS).

Pages, the command line and analysis ask `open_store()` for a store and talk to the `Store`
interface; which backend answers is the environment's choice, never theirs.
"""

from __future__ import annotations

import os

from geo.store.base import Store, StoreError, row_version_in, validate
from geo.store.geopackage import DEFAULT_PATH, GeoPackageStore

__all__ = [
    "DEFAULT_PATH",
    "GeoPackageStore",
    "Store",
    "StoreError",
    "open_store",
    "row_version_in",
    "validate",
]


def open_store(path: str | os.PathLike[str] | None = None, writable: bool = False) -> Store:
    """The store in use: PostGIS when DATABASE_URL is set, else the GeoPackage at `path`
    (default: OMRADEKART_GPKG, else data/omradekart.gpkg). Read-only unless asked."""
    url = os.environ.get("DATABASE_URL")
    if url:
        from geo.store.postgis import PostGISStore

        return PostGISStore(url, writable=writable)
    chosen = path or os.environ.get("OMRADEKART_GPKG") or DEFAULT_PATH
    return GeoPackageStore(chosen, writable=writable)

