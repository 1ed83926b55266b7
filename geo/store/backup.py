"""Backup and restore of the store in use: the GeoPackage file, or the PostGIS database.

- GeoPackage: SQLite's online backup API copies a consistent snapshot while the app runs
  (a write swaps in a whole new file, so a copy never sees half of one).
- PostGIS: pg_dump's custom format, restored by pg_restore in one transaction.

A restore first checks that the file is a complete Områdekart store of the same kind (every
table there and valid), then keeps a copy of what it replaces beside it, then swaps it in.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from geo import schema
from geo.store import open_store
from geo.store.base import StoreError
from geo.store.geopackage import GeoPackageStore

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
MODEL_TABLES = (*schema.TABLES, *schema.REFERENCE_LAYERS)


def backup(target: str | os.PathLike[str]) -> Path:
    """Write a backup of the store in use to `target`; returns its path."""
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("DATABASE_URL")
    if url:
        _pg("pg_dump", "--format=custom", "--no-owner", f"--file={out}", f"--dbname={url}")
    else:
        _sqlite_copy(_gpkg_in_use(), out)
    return out


def restore(source: str | os.PathLike[str]) -> Path:
    """Replace the store in use by the backup `source`; returns the copy of what was replaced.

    Refuses (StoreError) a file that is not a valid Områdekart store of the kind in use; then
    nothing is changed.
    """
    src = Path(source)
    if not src.is_file():
        raise StoreError(f"Fant ikke fila {src}.", f"File {src} not found.")
    url = os.environ.get("DATABASE_URL")
    if url:
        _check_dump(src)
        kept = _kept_name(src.parent / "omradekart", ".dump")  # beside the file restored
        backup(kept)
        _pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={url}",
            str(src),
        )
        return kept
    path = _gpkg_in_use()
    _check_gpkg(src)
    kept = _kept_name(path.with_suffix(""), ".gpkg")
    # under the store's own write lock: no edit can land between the copy and the swap
    with GeoPackageStore(path, writable=True)._locked():
        if path.exists():
            _sqlite_copy(path, kept)
        fd, tmp = tempfile.mkstemp(suffix=".restore.gpkg", dir=path.parent)
        os.close(fd)
        try:
            _sqlite_copy(src, Path(tmp))
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return kept


def _gpkg_in_use() -> Path:
    store = open_store()
    assert isinstance(store, GeoPackageStore)
    return store.path


def _sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API, even while another process writes."""
    if not source.exists():
        raise StoreError(f"Fant ikke datafila {source}.", f"Data file {source} not found.")
    target.unlink(missing_ok=True)
    with (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src,
        sqlite3.connect(target) as dst,
    ):
        src.backup(dst)
    src.close()
    dst.close()


def _check_gpkg(path: Path) -> None:
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(PGDUMP_MAGIC):
        raise _refused(
            path,
            "den er en PostGIS-sikkerhetskopi, men datalageret i bruk er en GeoPackage",
            "it is a PostGIS backup, but the store in use is a GeoPackage",
        )
    if head != SQLITE_MAGIC:
        raise _refused(path, "den er ikke en GeoPackage", "it is not a GeoPackage")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    conn.close()
    if app_id != GPKG_APPLICATION_ID:
        raise _refused(path, "den er ikke en GeoPackage", "it is not a GeoPackage")
    store = GeoPackageStore(path)
    missing = [name for name in MODEL_TABLES if name not in store.tables()]
    if missing:
        raise _missing(path, missing)
    for name in MODEL_TABLES:
        try:
            store.read(name)  # validated against the schema: a broken table is refused here
        except StoreError as error:
            raise _refused(path, error.nb, error.en) from None


def _check_dump(path: Path) -> None:
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        raise _refused(
            path,
            "den er en GeoPackage, men datalageret i bruk er PostGIS "
            "(last den inn med `python -m geo.store.postgis load FIL`)",
            "it is a GeoPackage, but the store in use is PostGIS "
            "(load it with `python -m geo.store.postgis load FILE`)",
        )
    if not head.startswith(PGDUMP_MAGIC):
        raise _refused(
            path,
            "den er ikke en sikkerhetskopi fra `omradekart backup` (pg_dump)",
            "it is not a backup made by `omradekart backup` (pg_dump)",
        )
    listing = _pg("pg_restore", "--list", str(path))
    tables = {
        parts[-2]
        for line in listing.splitlines()
        if " TABLE DATA " in line and len(parts := line.split()) >= 2
    }
    missing = [name for name in MODEL_TABLES if name not in tables]
    if missing:
        raise _missing(path, missing)


def _missing(path: Path, missing: list[str]) -> StoreError:
    names = ", ".join(missing)
    return _refused(
        path,
        f"den mangler tabellene {names}, så den er ikke et Områdekart-datalager",
        f"it lacks the tables {names}, so it is not an Områdekart store",
    )


def _refused(path: Path, why_nb: str, why_en: str) -> StoreError:
    return StoreError(
        f"{path.name} kan ikke gjenopprettes: {why_nb}. Ingenting er endret. "
        "Velg en fil laget med `omradekart backup`.",
        f"{path.name} cannot be restored: {why_en}. Nothing was changed. "
        "Choose a file made by `omradekart backup`.",
    )


def _kept_name(stem: Path, suffix: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return stem.with_name(f"{stem.name}.before-restore-{stamp}{suffix}")


def _pg(program: str, *args: str) -> str:
    """Run Debian's PostgreSQL client of the newest installed version (as the server)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))
    binary = found[-1] if found else shutil.which(program)
    if binary is None:
        raise StoreError(
            f"{program} er ikke installert (Debian-pakken postgresql-client).",
            f"{program} is not installed (Debian package postgresql-client).",
        )
    done = subprocess.run([binary, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
        raise StoreError(f"{program} feilet: {message}", f"{program} failed: {message}")
    return done.stdout
