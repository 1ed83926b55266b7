"""Shared fixtures for the unit tests: the default dataset, built once per session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.build import dataset as build
from geo.store import GeoPackageStore


@pytest.fixture(scope="session")
def built_gpkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/omradekart.gpkg as `python -m geo.build` makes it (default seed), in a temp dir."""
    path = tmp_path_factory.mktemp("build") / "omradekart.gpkg"
    build.main(["--out", str(path)])
    return path


@pytest.fixture(scope="session")
def built_store(built_gpkg: Path) -> GeoPackageStore:
    return GeoPackageStore(built_gpkg)


@pytest.fixture(scope="session")
def built_tables(built_store: GeoPackageStore) -> dict[str, pd.DataFrame]:
    """Every table and reference layer of the built file, read (and validated) by the store."""
    return {name: built_store.read(name) for name in built_store.tables()}
