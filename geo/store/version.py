"""A cheap fingerprint of the store's content, for caches that must follow every change.

Several app servers share one PostGIS: each keeps its own cache, so a server must notice an
import or edit made on another at its next rerun. One small query answers that:

- PostGIS: the newest history row (a bigserial, never reused: edits, imports and undos all
  append) and the tables' OIDs (a load or restore drops and re-creates them).
- GeoPackage: every write swaps in a new file, so its inode, size and modification time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import psycopg
from psycopg import sql

from geo.store import history
from geo.store.base import StoreError
from geo.store.postgis import ORDER

_TABLES = """
SELECT string_agg(c.oid::text || c.relname, ',' ORDER BY c.relname), to_regclass(%s) IS NOT NULL
FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
"""


class StoreUnavailableError(StoreError):
    """The database cannot be reached now (restart, network): try again shortly."""


def postgis_version(url: str) -> int:
    """Changes whenever anything is committed to the model's tables or the history."""
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            found = conn.execute(_TABLES, (f'"{history.TABLE}"',)).fetchone()
            tables, has_history = found if found else ("", False)
            newest = None
            if has_history:
                query = sql.SQL("SELECT max({}) FROM {}").format(
                    sql.Identifier(ORDER), sql.Identifier(history.TABLE)
                )
                newest = (conn.execute(query).fetchone() or (None,))[0]
    except psycopg.OperationalError as error:
        raise StoreUnavailableError(
            f"Databasen er ikke tilgjengelig: {error}", f"The database is not available: {error}"
        ) from None
    return _digest(f"{tables}|{newest}")


def geopackage_version(path: str | os.PathLike[str]) -> int:
    """0 for a missing file (reading it then says what is missing)."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        return 0
    return _digest(f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}")


def _digest(text: str) -> int:
    """48 bits: exact as a float too, which the pages' cache keys have always been."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=6).digest(), "big")
