"""Shared fixtures: the dataset every app and browser test runs on."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GPKG = ROOT / "data" / "omradekart.gpkg"


def _up_to_date(gpkg: Path) -> bool:
    if not gpkg.exists():
        return False
    # what `python -m geo.build` reads: the sources, the builders, the schema and the store
    inputs = [
        *(ROOT / "data" / "sources").rglob("*"),
        *(ROOT / "geo" / "build").glob("*.py"),
        *(ROOT / "geo" / "store").glob("*.py"),
        ROOT / "geo" / "schema.py",
    ]
    newest = max(path.stat().st_mtime for path in inputs if path.is_file())
    return gpkg.stat().st_mtime >= newest


@pytest.fixture(scope="session")
def dataset_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped GeoPackage when it is current (as `make test` leaves it), else a fresh build."""
    if _up_to_date(DEFAULT_GPKG):
        return DEFAULT_GPKG
    from geo.build import dataset as build

    out = tmp_path_factory.mktemp("dataset") / "omradekart.gpkg"
    build.main(["--out", str(out)])
    return out
