"""The GeoPackage store: round trip, CRS in the file, read-only and atomic writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from pyproj import CRS

from geo.store import GeoPackageStore, StoreError, geopackage


def _same(before: pd.DataFrame, after: pd.DataFrame) -> None:
    columns = [c for c in before.columns if c != "geometry"]
    left = (
        before[columns]
        .reset_index(drop=True)
        .astype(object)
        .where(before[columns].notna().to_numpy(), None)
    )
    right = (
        after[columns]
        .reset_index(drop=True)
        .astype(object)
        .where(after[columns].notna().to_numpy(), None)
    )
    pd.testing.assert_frame_equal(left, right, check_dtype=False)
    if "geometry" in before.columns:
        assert (
            before.geometry.reset_index(drop=True)
            .geom_equals_exact(after.geometry.reset_index(drop=True), tolerance=1e-6)
            .all()
        )


def test_round_trip_keeps_every_table(
    built_tables: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    names = ["areas", "projects", "meeting_places", "risks", "indicator_values", "transit_stops"]
    path = tmp_path / "copy.gpkg"
    GeoPackageStore(path, writable=True).write_all({name: built_tables[name] for name in names})
    again = GeoPackageStore(path)
    assert sorted(again.tables()) == sorted(names)
    for name in names:
        _same(built_tables[name], again.read(name))


def test_the_file_declares_epsg_25832(built_gpkg: Path) -> None:
    for name, geometry_type in pyogrio.list_layers(built_gpkg):
        if geometry_type is None:
            continue
        crs = pyogrio.read_info(built_gpkg, layer=name)["crs"]
        assert CRS.from_user_input(crs).to_epsg() == 25832, name


def test_lademoen_lies_where_it_should_in_lon_lat(built_tables: dict[str, pd.DataFrame]) -> None:
    areas = built_tables["areas"]
    lademoen = areas[areas["name"].eq("Lademoen") & areas["level"].eq("levekarssone")]
    point = lademoen.to_crs("EPSG:4326").geometry.iloc[0].representative_point()
    assert point.x == pytest.approx(10.41, abs=0.02)
    assert point.y == pytest.approx(63.43, abs=0.01)


def test_a_read_only_store_refuses_to_write(built_gpkg: Path) -> None:
    with pytest.raises(StoreError, match="read-only"):
        GeoPackageStore(built_gpkg).write_all({})


def test_missing_file_and_missing_table_are_reported(tmp_path: Path, built_gpkg: Path) -> None:
    with pytest.raises(StoreError, match="geo.build"):
        GeoPackageStore(tmp_path / "none.gpkg").read("areas")
    with pytest.raises(StoreError, match="'nothing' is missing"):
        GeoPackageStore(built_gpkg).read("nothing")


def test_a_failed_write_leaves_the_old_file_untouched(
    built_tables: dict[str, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.gpkg"
    store = GeoPackageStore(path, writable=True)
    store.write_all({"risks": built_tables["risks"]})
    before = path.read_bytes()
    broken = built_tables["risks"].copy()
    broken.loc[0, "likelihood"] = 9
    with pytest.raises(StoreError, match="likelihood"):
        store.write_all({"areas": built_tables["areas"], "risks": broken})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["store.gpkg"]

    # A failure while writing, after the first table is already in the new file: the stored
    # file stays byte for byte as it was, and the half-written file is removed.
    written: list[str] = []
    real_write = geopackage._write_layer

    def write_one_then_fail(target: Path, name: str, frame: pd.DataFrame) -> None:
        if written:
            raise OSError("disk full")
        real_write(target, name, frame)
        written.append(name)
        assert target.exists() and target != path  # really written, to a file beside it

    monkeypatch.setattr(geopackage, "_write_layer", write_one_then_fail)
    with pytest.raises(OSError, match="disk full"):
        store.write_all({"areas": built_tables["areas"], "risks": built_tables["risks"]})
    assert written == ["areas"]
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["store.gpkg"]
