"""The store interface on both backends: GeoPackage and PostGIS behave the same.

PostGIS runs in a throwaway cluster (tests/postgres.py). Without PostgreSQL/PostGIS these
tests are skipped with one line, except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psycopg
import pytest
import shapely
from psycopg import sql

from geo import schema
from geo.ingest import importer
from geo.store import GeoPackageStore, StoreError, auth, postgis
from tests import postgres

EDITOR = auth.User("kari", auth.EDITOR)
OTHER = auth.User("per", auth.EDITOR)
MISSING = postgres.missing_reason()


@pytest.fixture(scope="session")
def pg_template(dataset_path: Path) -> Iterator[str]:
    """A server with a database `base` holding the model's tables from the test dataset."""
    if MISSING:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the PostGIS tests, but {MISSING}", pytrace=False)
        pytest.skip(f"PostGIS tests skipped: {MISSING}")
    with postgres.running_postgis() as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE base")
        base = url.rsplit("/", 1)[0] + "/base"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")
        source = GeoPackageStore(dataset_path)
        postgis.PostGISStore(base, writable=True).write_all(
            {name: source.read(name) for name in schema.TABLES}
        )
        yield url


def _fresh_database(server_url: str) -> str:
    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE base')
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, dataset_path: Path, tmp_path: Path):
    if request.param == "gpkg":
        copy = tmp_path / "omradekart.gpkg"
        shutil.copyfile(dataset_path, copy)
        return GeoPackageStore(copy, writable=True)
    return postgis.PostGISStore(_fresh_database(request.getfixturevalue("pg_template")), True)


def _plan(store, rows: int, bad_row: int | None = None, mode: str = "append") -> importer.Plan:
    lines = ["place_id,name,place_type,lat,lon"]
    for i in range(1, rows + 1):
        kind = "ukjent" if i == bad_row else "park"
        lines.append(f"imp-{i},Sted {i},{kind},{63.42 + i * 1e-5:.5f},10.42")
    content = ("\n".join(lines) + "\n").encode()
    return importer.plan(content, "meeting_places", store=store, name="f.csv", mode=mode)


def _snapshot(store) -> dict[str, pd.DataFrame]:
    return {"meeting_places": store.read("meeting_places"), "history": store.history()}


def test_reads_the_same_tables_as_the_geopackage(store, dataset_path: Path):
    reference = GeoPackageStore(dataset_path)
    for name in schema.TABLES:
        ours, theirs = store.read(name), reference.read(name)
        assert list(ours.columns) == list(theirs.columns), name
        assert len(ours) == len(theirs), name
        key = ours.columns[0]
        assert list(ours[key]) == list(theirs[key]), name
        if "geometry" in ours:
            assert ours.crs == theirs.crs
            assert ours.geometry.geom_equals_exact(theirs.geometry, tolerance=1e-6).all()


def test_import_history_and_undo(store):
    before = store.read("meeting_places")
    batch = importer.apply(store, _plan(store, 5, mode="append"), EDITOR).import_id
    assert len(store.read("meeting_places")) == len(before) + 5
    log = store.history()
    assert (log["batch_id"] == batch).sum() == 5 and set(log["user"]) == {"kari"}
    assert json.loads(log["after"].iloc[0])["name"] == "Sted 1"
    assert importer.undo(store, batch, EDITOR).table == "meeting_places"
    assert sorted(store.read("meeting_places")["place_id"]) == sorted(before["place_id"])


def test_failure_on_the_last_step_writes_nothing(store, monkeypatch):
    before = _snapshot(store)
    if isinstance(store, postgis.PostGISStore):
        monkeypatch.setattr(postgis, "_append_history", _boom)
    else:
        from geo.store import geopackage as gpkg_store

        monkeypatch.setattr(gpkg_store.pyogrio, "write_dataframe", _boom)
    with pytest.raises(RuntimeError):
        importer.apply(store, _plan(store, 1000, mode="append"), EDITOR)
    after = _snapshot(store)
    assert list(after["meeting_places"]["place_id"]) == list(before["meeting_places"]["place_id"])
    assert len(after["history"]) == len(before["history"])


def test_reimport_update_and_undo_behave_the_same_in_both_stores(store):
    registers = Path(__file__).resolve().parents[1] / "fixtures" / "registers"
    first = importer.plan(registers / "prosjektregister.xlsx", "projects", store=store)
    done = importer.apply(store, first, EDITOR)
    assert (done.inserted, done.updated) == (7, 0)
    again = importer.plan(registers / "prosjektregister.xlsx", "projects", store=store)
    assert again.nothing_to_do
    v2 = importer.plan(registers / "prosjektregister_v2.xlsx", "projects", store=store)
    second = importer.apply(store, v2, EDITOR)
    assert (second.inserted, second.updated, second.unchanged) == (1, 2, 5)
    with pytest.raises(importer.UndoBlockedError, match=second.import_id):
        importer.undo(store, done.import_id, EDITOR)
    importer.undo(store, second.import_id, EDITOR)
    importer.undo(store, done.import_id, EDITOR)  # the later import is undone: no longer in the way
    names = set(store.read("projects")["name"])
    assert "Aktivitetspark Lademoen" not in names and "Sommerjobb for ungdom" not in names


def _boom(*args, **kwargs):
    raise RuntimeError("fails after the data was written")


def test_a_bad_row_of_1000_writes_nothing(store, monkeypatch):
    prepared = _plan(store, 1000, bad_row=900, mode="replace")
    assert [m.row for m in prepared.errors] == [901]  # the header is the file's row 1
    before = _snapshot(store)
    stored = _stored(store)
    with pytest.raises(importer.ImportFileError):
        importer.apply(store, prepared, EDITOR)
    assert len(store.read("meeting_places")) == len(before["meeting_places"])
    assert _stored(store) == stored
    # Row 900 failing while it is written, after the delete of the old rows and
    # rows 1–899 went in: the file is byte for byte, the database row for row, as it was.
    written = _fail_at_row(store, monkeypatch, "meeting_places", 900)
    with pytest.raises(RuntimeError, match="row 900"):
        importer.apply(store, _plan(store, 1000, mode="replace"), EDITOR)
    assert written == [899]
    assert _stored(store) == stored


def _stored(store) -> bytes | dict[str, list[tuple]]:
    """Everything the store holds: the file's bytes, or every row of every table in order."""
    if isinstance(store, GeoPackageStore):
        return store.path.read_bytes()
    with psycopg.connect(store.url) as conn:
        names = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name"
        ).fetchall()
        query = "SELECT * FROM {} ORDER BY 1"
        return {
            name: conn.execute(sql.SQL(query).format(sql.Identifier(name))).fetchall()
            for (name,) in names
        }


def _fail_at_row(store, monkeypatch, table: str, row: int) -> list[int]:
    """Make the store's writer really write `table`'s rows before `row`, then fail (other
    tables, such as the import's backup, are written whole); returns how many rows of `table`
    it wrote."""
    written: list[int] = []

    def fail(message_row: int) -> None:
        raise RuntimeError(f"fails while writing row {message_row}")

    if isinstance(store, postgis.PostGISStore):
        real_insert = postgis._insert

        def insert_then_fail(conn, name, frame):
            if name != table:
                return real_insert(conn, name, frame)
            real_insert(conn, name, frame.iloc[: row - 1])
            written.append(len(frame.iloc[: row - 1]))
            fail(row)

        monkeypatch.setattr(postgis, "_insert", insert_then_fail)
    else:
        from geo.store import geopackage as gpkg_store

        real_overwrite = gpkg_store._overwrite_layer

        def overwrite_then_fail(path, name, frame):
            if name != table:
                return real_overwrite(path, name, frame)
            real_overwrite(path, name, frame.iloc[: row - 1])
            written.append(len(frame.iloc[: row - 1]))
            fail(row)

        monkeypatch.setattr(gpkg_store, "_overwrite_layer", overwrite_then_fail)
    return written


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(store):
    places = store.read("meeting_places")
    place_id, row = places["place_id"].iloc[0], places.iloc[0].to_dict()
    version = store.row_version("meeting_places", place_id)
    store.save_row(
        "meeting_places", {**row, "name": "Karis"}, editor=EDITOR, expected_version=version
    )
    with pytest.raises(StoreError) as caught:
        store.save_row(
            "meeting_places", {**row, "name": "Pers"}, editor=OTHER, expected_version=version
        )
    assert "Someone else changed" in caught.value.en
    assert store.read("meeting_places").set_index("place_id").loc[place_id, "name"] == "Karis"


def test_two_editors_at_the_same_moment_one_wins(store):
    places = store.read("meeting_places")
    place_id, row = places["place_id"].iloc[1], places.iloc[1].to_dict()
    version = store.row_version("meeting_places", place_id)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(user: auth.User) -> None:
        start.wait()
        try:
            store.save_row(
                "meeting_places",
                {**row, "name": user.name, "geometry": shapely.Point(570_000, 7_034_000)},
                editor=user,
                expected_version=version,
            )
            outcomes[user.name] = "saved"
        except StoreError:
            outcomes[user.name] = "refused"

    threads = [threading.Thread(target=edit, args=(u,)) for u in (EDITOR, OTHER)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert store.read("meeting_places").set_index("place_id").loc[place_id, "name"] == winner


def test_a_viewer_is_refused(store):
    before = _snapshot(store)
    with pytest.raises(auth.NotAllowedError):
        importer.apply(store, _plan(store, 1, mode="append"), auth.ANONYMOUS)
    with pytest.raises(auth.NotAllowedError):
        store.replace_table("meeting_places", before["meeting_places"], editor=None, kind="edit")
    assert len(store.history()) == len(before["history"])
