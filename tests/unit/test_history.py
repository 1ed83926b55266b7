"""Editing the GeoPackage store: all-or-nothing imports, undo of any import, history, row versions.

Every test writes to its own copy of the dataset; the shipped file is never touched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import shapely

from geo.ingest import importer
from geo.store import GeoPackageStore, StoreError, auth, history
from geo.store import geopackage as store

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
EDITOR = auth.User("kari", auth.EDITOR)
VIEWER = auth.User("ola", auth.VIEWER)
_REAL_OVERWRITE_LAYER = store._overwrite_layer


@pytest.fixture
def gpkg(dataset_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    return copy


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _csv_rows(count: int, bad_row: int | None = None) -> bytes:
    lines = ["place_id,name,place_type,lat,lon"]
    for i in range(1, count + 1):
        kind = "parkk-ukjent" if i == bad_row else "park"
        lines.append(f"imp-{i},Sted {i},{kind},{63.42 + i * 1e-5:.5f},10.42")
    return ("\n".join(lines) + "\n").encode()


def _fail_after_writing(monkeypatch, rows: int | None = None) -> list[Path]:
    """Make the store's layer writer really write its table (only the first `rows` rows, if
    given) into the store's working copy, then fail. Returns the files it wrote to."""
    written: list[Path] = []

    def write_then_fail(path: Path, name: str, frame) -> None:
        _REAL_OVERWRITE_LAYER(path, name, frame if rows is None else frame.iloc[:rows])
        written.append(Path(path))
        raise OSError("disk full" if rows is None else f"disk full at row {rows + 1}")

    monkeypatch.setattr(store, "_overwrite_layer", write_then_fail)
    return written


def _plan(store, content: bytes, name: str = "f.csv", mode: str = "append") -> importer.Plan:
    return importer.plan(content, "meeting_places", store=store, name=name, mode=mode)


def test_import_appends_and_writes_history(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    before = writable.read("meeting_places")
    tables_before = writable.tables()
    batch = importer.apply(writable, _plan(writable, _csv_rows(3)), EDITOR).import_id
    after = GeoPackageStore(gpkg).read("meeting_places")
    assert len(after) == len(before) + 3
    log = writable.history()
    assert list(log["batch_id"].unique()) == [batch]
    assert set(log["action"]) == {"insert"} and set(log["user"]) == {"kari"}
    assert set(log["kind"]) == {"import_append"} and set(log["table"]) == {"meeting_places"}
    row = json.loads(log.loc[log["row_id"] == "imp-2", "after"].iloc[0])
    assert row["name"] == "Sted 2" and row["geometry"].startswith("POINT")
    assert log["before"].eq("").all()
    # the history is a layer in the file, but not one of the store's tables
    assert history.TABLE in [name for name, _ in pyogrio.list_layers(gpkg)]
    assert sorted(GeoPackageStore(gpkg).tables()) == sorted(tables_before)
    assert "history" not in GeoPackageStore(gpkg).tables()


def test_a_bad_row_900_of_1000_writes_nothing(gpkg: Path, monkeypatch):
    digest = _hash(gpkg)
    writable = GeoPackageStore(gpkg, writable=True)
    plan = _plan(writable, _csv_rows(1000, bad_row=900))
    assert [m.row for m in plan.errors] == [901]  # the header is row 1 of the file
    written = _fail_after_writing(monkeypatch)
    with pytest.raises(importer.ImportFileError):
        importer.apply(writable, plan, EDITOR)
    assert written == []  # refused before the store wrote anything
    assert _hash(gpkg) == digest
    # Row 900 failing while it is written: rows 1–899 are already in the new copy of the file
    # when the write breaks off, and the stored file is still byte for byte what it was.
    existing = len(writable.read("meeting_places"))
    plan = _plan(writable, _csv_rows(1000))
    written = _fail_after_writing(monkeypatch, rows=existing + 899)
    with pytest.raises(OSError, match=f"at row {existing + 900}$"):
        importer.apply(writable, plan, EDITOR)
    assert len(written) == 1 and written[0] != gpkg
    assert _hash(gpkg) == digest
    assert not list(gpkg.parent.glob("*.tmp.gpkg"))


def test_a_failure_while_writing_leaves_the_file_unchanged(gpkg: Path, monkeypatch):
    digest = _hash(gpkg)
    writable = GeoPackageStore(gpkg, writable=True)
    plan = _plan(writable, _csv_rows(1000))
    assert not plan.blocked
    written = _fail_after_writing(monkeypatch)  # fails midway: after the table is written
    with pytest.raises(OSError):
        importer.apply(writable, plan, EDITOR)
    assert len(written) == 1 and written[0] != gpkg
    assert _hash(gpkg) == digest
    assert not list(gpkg.parent.glob("*.tmp.gpkg"))


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.iterdir() if p.suffix != ".py"))
def test_every_bad_file_leaves_the_store_byte_for_byte_unchanged(
    gpkg: Path, name: str, monkeypatch
):
    digest = _hash(gpkg)
    writable = GeoPackageStore(gpkg, writable=True)
    written = _fail_after_writing(monkeypatch)
    table = "areas" if name == "invalid_geometry.csv" else "meeting_places"
    try:
        plan = importer.plan((BAD / name).read_bytes(), table, store=writable, name=name)
    except importer.ImportFileError as failure:
        assert failure.nb and failure.en
        assert written == []
    else:
        if not plan.blocked:  # accepted as text (HTML) or after a stated repair: may be imported
            assert name in (
                "html_script.csv",
                "swapped.csv",
                "other_crs.geojson",
                "invalid_geometry.csv",
            )
            # its import reaches the store, which fails after writing the table to its copy
            with pytest.raises(OSError, match="disk full"):
                importer.apply(writable, plan, EDITOR)
            assert len(written) == 1 and written[0] != gpkg
        else:
            with pytest.raises(importer.ImportFileError):
                importer.apply(writable, plan, EDITOR)
            assert written == []  # refused before the store wrote anything
    assert _hash(gpkg) == digest
    assert not list(gpkg.parent.glob("*.tmp.gpkg"))


def test_replace_then_undo_puts_every_row_back(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    original = writable.read("meeting_places")
    done = importer.apply(writable, _plan(writable, _csv_rows(2), mode="replace"), EDITOR)
    assert len(writable.read("meeting_places")) == 2 and done.deleted == len(original)
    log = writable.history()
    assert (log["action"] == "delete").sum() == len(original)
    undone = importer.undo(writable, done.import_id, EDITOR)
    assert undone.table == "meeting_places"
    restored = writable.read("meeting_places")
    assert sorted(restored["place_id"]) == sorted(original["place_id"])
    by_id = restored.set_index("place_id")
    for _, row in original.iterrows():
        assert by_id.loc[row["place_id"], "name"] == row["name"]
        assert by_id.loc[row["place_id"], "geometry"].distance(row["geometry"]) < 0.001
    assert set(writable.history()["kind"]) == {"import_replace", "undo"}
    with pytest.raises(StoreError, match="already been undone"):
        importer.undo(writable, done.import_id, EDITOR)


def test_an_older_import_can_be_undone_while_later_ones_touch_other_rows(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    first = importer.apply(writable, _plan(writable, _csv_rows(2)), EDITOR)
    second = importer.apply(
        writable, _plan(writable, b"place_id,name,lat,lon\nnew-1,Annen,63.43,10.42\n"), EDITOR
    )
    assert [r.import_id for r in importer.imports(writable)] == [second.import_id, first.import_id]
    importer.undo(writable, first.import_id, EDITOR)
    ids = set(writable.read("meeting_places")["place_id"])
    assert "imp-1" not in ids and "imp-2" not in ids and "new-1" in ids
    assert history.UNDO_PREFIX + first.import_id in set(writable.history()["batch_id"])


def test_undo_is_refused_naming_the_later_edit_of_the_same_rows(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    done = importer.apply(writable, _plan(writable, _csv_rows(2)), EDITOR)
    version = writable.row_version("meeting_places", "imp-1")
    row = writable.read("meeting_places").set_index("place_id").loc["imp-1"].to_dict()
    writable.save_row(
        "meeting_places",
        {**row, "place_id": "imp-1", "name": "Endret"},
        editor=auth.User("ola", auth.EDITOR),
        expected_version=version,
    )
    edit = writable.history()["batch_id"].iloc[-1]
    digest = _hash(gpkg)
    with pytest.raises(importer.UndoBlockedError) as caught:
        importer.undo(writable, done.import_id, EDITOR)
    assert edit in caught.value.en and "ola" in caught.value.en and "an edit" in caught.value.en
    assert edit in caught.value.nb and "en redigering" in caught.value.nb
    assert _hash(gpkg) == digest  # nothing written
    record = importer.imports(writable)[0]
    assert record.blocked_by == edit and not record.can_undo


def test_edit_move_and_delete_one_row_with_history(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    places = writable.read("meeting_places")
    place_id = places["place_id"].iloc[0]
    row = places.iloc[0].to_dict()
    version = writable.row_version("meeting_places", place_id)
    moved = shapely.Point(570_000, 7_034_000)
    writable.save_row(
        "meeting_places",
        {**row, "name": "<b>Nytt navn</b>", "geometry": moved},
        editor=EDITOR,
        expected_version=version,
    )
    saved = writable.read("meeting_places").set_index("place_id").loc[place_id]
    assert saved["name"] == "<b>Nytt navn</b>" and saved["geometry"].equals(moved)
    entry = writable.history().iloc[-1]
    assert entry["action"] == "update" and entry["row_id"] == place_id
    assert json.loads(entry["before"])["name"] == row["name"]
    assert json.loads(entry["after"])["name"] == "<b>Nytt navn</b>"
    new_version = writable.row_version("meeting_places", place_id)
    writable.delete_row("meeting_places", place_id, editor=EDITOR, expected_version=new_version)
    assert place_id not in set(writable.read("meeting_places")["place_id"])
    assert writable.history().iloc[-1]["action"] == "delete"


def test_a_stale_row_version_is_refused_and_nothing_is_overwritten(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    places = writable.read("meeting_places")
    place_id, row = places["place_id"].iloc[0], places.iloc[0].to_dict()
    seen_by_both = writable.row_version("meeting_places", place_id)
    writable.save_row(
        "meeting_places", {**row, "name": "Første"}, editor=EDITOR, expected_version=seen_by_both
    )
    digest = _hash(gpkg)
    with pytest.raises(StoreError) as caught:
        writable.save_row(
            "meeting_places", {**row, "name": "Andre"}, editor=EDITOR, expected_version=seen_by_both
        )
    assert "Someone else changed" in caught.value.en
    assert _hash(gpkg) == digest


def test_a_viewer_cannot_write_through_any_path(gpkg: Path):
    digest = _hash(gpkg)
    writable = GeoPackageStore(gpkg, writable=True)
    places = writable.read("meeting_places")
    row, place_id = places.iloc[0].to_dict(), places["place_id"].iloc[0]
    version = writable.row_version("meeting_places", place_id)
    attempts = [
        lambda user: importer.apply(writable, _plan(writable, _csv_rows(1)), user),
        lambda user: writable.replace_table("meeting_places", places, editor=user, kind="edit"),
        lambda user: writable.save_row(
            "meeting_places", row, editor=user, expected_version=version
        ),
        lambda user: writable.delete_row(
            "meeting_places", place_id, editor=user, expected_version=version
        ),
        lambda user: importer.undo(writable, None, user),
        lambda user: writable.undo("any", editor=user),
    ]
    for attempt in attempts:
        for user in (VIEWER, None, "kari"):
            with pytest.raises(auth.NotAllowedError):
                attempt(user)
    assert _hash(gpkg) == digest


def test_an_import_and_its_undo_stand_in_nobodys_way():
    def rows(*batches):
        return pd.DataFrame(
            [
                {
                    "batch_id": b,
                    "kind": k,
                    "table": t,
                    "row_id": r,
                    "action": "update",
                    "at": "2026-01-01T00:00:00",
                    "user": "x",
                    "change_id": f"{b}{r}",
                    "before": "",
                    "after": "",
                }
                for b, k, t, ids in batches
                for r in ids
            ],
            columns=history.COLUMNS,
        )

    log = rows(("a", "import_upsert", "projects", ["p1", "p2"]), ("b", "edit", "grants", ["p1"]))
    assert history.undo_blocker(log, "a") is None  # another table
    log = rows(("a", "import_upsert", "projects", ["p1"]), ("b", "edit", "projects", ["p2"]))
    assert history.undo_blocker(log, "a") is None  # other rows
    log = rows(("a", "import_upsert", "projects", ["p1"]), ("b", "edit", "projects", ["p1"]))
    assert history.undo_blocker(log, "a").batch_id == "b"
    log = rows(
        ("a", "import_upsert", "projects", ["p1"]),
        ("b", "import_upsert", "projects", ["p1"]),
        ("undo-b", "undo", "projects", ["p1"]),
    )
    assert history.undo_blocker(log, "a") is None  # b was undone: p1 is as a left it
