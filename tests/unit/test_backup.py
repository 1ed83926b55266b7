"""`omradekart backup` / `omradekart restore`: round trips on both stores, and what is refused.

The commands run through click's CliRunner on a temp copy of the dataset (GeoPackage) or a
throwaway PostGIS cluster (tests/postgres.py), never on data/omradekart.gpkg.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from geo import schema
from geo.cli import main
from geo.store import GeoPackageStore, auth, open_store, postgis
from tests import postgres

EDITOR = auth.User("kari", auth.EDITOR)
MODEL = (*schema.TABLES, *schema.REFERENCE_LAYERS)


def _omradekart(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _rename_first_place(name: str) -> str:
    store = open_store(writable=True)
    row = store.read("meeting_places").iloc[0].to_dict()
    version = store.row_version("meeting_places", row["place_id"])
    store.save_row("meeting_places", {**row, "name": name}, editor=EDITOR, expected_version=version)
    return str(row["place_id"])


def _name_of(place_id: str) -> str:
    places = open_store().read("meeting_places").set_index("place_id")
    return str(places.loc[place_id, "name"])


# --- GeoPackage ---------------------------------------------------------------------------


@pytest.fixture
def gpkg(dataset_path: Path, tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "store" / "omradekart.gpkg"
    copy.parent.mkdir()
    copy.write_bytes(dataset_path.read_bytes())
    monkeypatch.setenv("OMRADEKART_GPKG", str(copy))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return copy


def test_geopackage_round_trip_brings_back_the_backed_up_content(gpkg, tmp_path):
    before = {name: open_store().read(name) for name in MODEL}
    place = _rename_first_place("Før sikkerhetskopien")
    done = _omradekart("backup", "-o", str(tmp_path / "kopi.gpkg"))
    assert done.exit_code == 0, done.output
    _rename_first_place("Etter sikkerhetskopien")
    assert _name_of(place) == "Etter sikkerhetskopien"

    done = _omradekart("restore", str(tmp_path / "kopi.gpkg"))
    assert done.exit_code == 0, done.output
    assert _name_of(place) == "Før sikkerhetskopien"
    for name in MODEL:
        if name != "meeting_places":
            pd.testing.assert_frame_equal(open_store().read(name), before[name])
    # the history came back with the data: the edit after the backup is not in it
    assert "Etter sikkerhetskopien" not in open_store().history().to_string()

    kept = list(gpkg.parent.glob("omradekart.before-restore-*.gpkg"))
    assert len(kept) == 1 and str(kept[0]) in done.output
    places = GeoPackageStore(kept[0]).read("meeting_places").set_index("place_id")
    assert places.loc[place, "name"] == "Etter sikkerhetskopien"


def test_a_backup_taken_while_a_transaction_is_open_is_the_committed_state(gpkg, tmp_path):
    writer = sqlite3.connect(gpkg)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE risks SET title = 'halvskrevet'")
    try:
        assert _omradekart("backup", "-o", str(tmp_path / "kopi.gpkg")).exit_code == 0
    finally:
        writer.rollback()
        writer.close()
    titles = GeoPackageStore(tmp_path / "kopi.gpkg").read("risks")["title"]
    assert "halvskrevet" not in set(titles)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"place_id;name\nmp-1;Lademoen\n", "it is not a GeoPackage"),
        (b"PGDMP\x01\x0e\x00" + bytes(100), "it is a PostGIS backup, but the store in use"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_geopackage(gpkg, tmp_path, content, says):
    before = gpkg.read_bytes()
    bad = tmp_path / "feil.gpkg"
    bad.write_bytes(content)
    done = _omradekart("restore", str(bad))
    assert done.exit_code == 1
    assert "kan ikke gjenopprettes" in done.output and says in done.output
    assert "Nothing was changed" in done.output
    assert gpkg.read_bytes() == before
    assert not list(gpkg.parent.glob("*.before-restore-*"))


def test_restore_refuses_a_geopackage_that_is_not_an_omradekart_store(gpkg, tmp_path):
    other = tmp_path / "annen.gpkg"
    GeoPackageStore(other, writable=True).write_all(
        {"meeting_places": open_store().read("meeting_places")}
    )
    before = gpkg.read_bytes()
    done = _omradekart("restore", str(other))
    assert done.exit_code == 1
    assert "den mangler tabellene areas, projects" in done.output
    assert gpkg.read_bytes() == before


def test_restore_refuses_a_store_with_an_invalid_table(gpkg, tmp_path):
    assert _omradekart("backup", "-o", str(tmp_path / "kopi.gpkg")).exit_code == 0
    with sqlite3.connect(tmp_path / "kopi.gpkg") as conn:
        conn.execute("UPDATE risks SET likelihood = 9")
    conn.close()
    before = gpkg.read_bytes()
    done = _omradekart("restore", str(tmp_path / "kopi.gpkg"))
    assert done.exit_code == 1
    assert "risks" in done.output and "Nothing was changed" in done.output
    assert gpkg.read_bytes() == before


# --- PostGIS ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_server(dataset_path: Path) -> Iterator[str]:
    missing = postgres.missing_reason()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the PostGIS tests, but {missing}", pytrace=False)
        pytest.skip(f"PostGIS tests skipped: {missing}")
    with postgres.running_postgis() as url:
        yield url


@pytest.fixture
def pg(pg_server: str, dataset_path: Path, monkeypatch, tmp_path) -> str:
    source = GeoPackageStore(dataset_path)
    postgis.PostGISStore(pg_server, writable=True).write_all(
        {name: source.read(name) for name in MODEL}
    )
    monkeypatch.setenv("DATABASE_URL", pg_server)
    monkeypatch.chdir(tmp_path)
    return pg_server


def test_postgis_round_trip_brings_back_the_backed_up_content(pg, tmp_path):
    before = {name: open_store().read(name) for name in MODEL}
    place = _rename_first_place("Før sikkerhetskopien")
    dump = tmp_path / "backups" / "omradekart.dump"
    done = _omradekart("backup", "-o", str(dump))
    assert done.exit_code == 0, done.output
    assert dump.read_bytes().startswith(b"PGDMP")
    _rename_first_place("Etter sikkerhetskopien")

    done = _omradekart("restore", str(dump))
    assert done.exit_code == 0, done.output
    assert _name_of(place) == "Før sikkerhetskopien"
    for name in MODEL:
        if name != "meeting_places":
            pd.testing.assert_frame_equal(open_store().read(name), before[name])
    assert "Etter sikkerhetskopien" not in open_store().history().to_string()
    kept = list(dump.parent.glob("omradekart.before-restore-*.dump"))
    assert len(kept) == 1 and str(kept[0]) in done.output
    assert kept[0].read_bytes().startswith(b"PGDMP")


def test_postgis_restore_refuses_a_geopackage_and_changes_nothing(pg, dataset_path):
    version = postgis.PostGISStore(pg).version()
    place = _rename_first_place("Uendret")
    done = _omradekart("restore", str(dataset_path))
    assert done.exit_code == 1
    assert "it is a GeoPackage, but the store in use is PostGIS" in done.output
    assert _name_of(place) == "Uendret"
    assert postgis.PostGISStore(pg).version() != version  # the edit above, and nothing else


def test_postgis_restore_refuses_a_dump_without_the_model(pg, pg_server, tmp_path):
    dump = tmp_path / "annen.dump"
    backup_of_one_table = [
        "pg_dump",
        "--format=custom",
        f"--file={dump}",
        "--table=areas",
        f"--dbname={pg}",
    ]
    from geo.store.backup import _pg

    _pg(*backup_of_one_table)
    done = _omradekart("restore", str(dump))
    assert done.exit_code == 1
    assert "den mangler tabellene" in done.output and "meeting_places" in done.output
    assert not list(tmp_path.glob("*.before-restore-*"))
