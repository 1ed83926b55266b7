"""Editing the GeoPackage store: all-or-nothing commits, backup and undo, history, row versions.

Every test writes to its own copy of the dataset; the shipped file is never touched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

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


def _prepare(content: bytes, name: str = "f.csv", existing=None) -> importer.Prepared:
    raw = importer.read_upload(name, content)
    mapping = importer.suggest_mapping(list(raw.frame.columns), "meeting_places")
    return importer.prepare(raw, "meeting_places", mapping, existing=existing, source="test")


def test_import_appends_and_writes_history(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    before = writable.read("meeting_places")
    tables_before = writable.tables()
    batch = importer.commit(writable, _prepare(_csv_rows(3)), mode="append", editor=EDITOR)
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
    prepared = _prepare(_csv_rows(1000, bad_row=900))
    assert [n.row for n in prepared.errors] == [900]
    writable = GeoPackageStore(gpkg, writable=True)
    written = _fail_after_writing(monkeypatch)
    with pytest.raises(importer.ImportFileError):
        importer.commit(writable, prepared, mode="append", editor=EDITOR)
    assert written == []  # refused before the store wrote anything
    assert _hash(gpkg) == digest
    # Row 900 failing while it is written: rows 1–899 are already in the new copy of the file
    # when the write breaks off, and the stored file is still byte for byte what it was.
    existing = len(writable.read("meeting_places"))
    written = _fail_after_writing(monkeypatch, rows=existing + 899)
    with pytest.raises(OSError, match=f"at row {existing + 900}$"):
        importer.commit(writable, _prepare(_csv_rows(1000)), mode="append", editor=EDITOR)
    assert len(written) == 1 and written[0] != gpkg
    assert _hash(gpkg) == digest
    assert not list(gpkg.parent.glob("*.tmp.gpkg"))


def test_a_failure_while_writing_leaves_the_file_unchanged(gpkg: Path, monkeypatch):
    digest = _hash(gpkg)
    prepared = _prepare(_csv_rows(1000))
    assert prepared.ok

    written = _fail_after_writing(monkeypatch)  # fails midway: after the table is written
    with pytest.raises(OSError):
        importer.commit(
            GeoPackageStore(gpkg, writable=True), prepared, mode="append", editor=EDITOR
        )
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
    try:
        prepared = _prepare((BAD / name).read_bytes(), name, writable.read("meeting_places"))
    except importer.ImportFileError as failure:
        assert failure.nb and failure.en
        assert written == []
    else:
        if prepared.ok:  # accepted as text (HTML) or after a stated repair: may be imported
            assert name in ("html_script.csv", "swapped.csv", "other_crs.geojson")
            # its import reaches the store, which fails after writing the table to its copy
            with pytest.raises(OSError, match="disk full"):
                importer.commit(writable, prepared, mode="append", editor=EDITOR)
            assert len(written) == 1 and written[0] != gpkg
        else:
            with pytest.raises(importer.ImportFileError):
                importer.commit(writable, prepared, mode="append", editor=EDITOR)
            assert written == []  # refused before the store wrote anything
    assert _hash(gpkg) == digest
    assert not list(gpkg.parent.glob("*.tmp.gpkg"))


def test_replace_keeps_a_backup_and_undo_restores_it(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    original = writable.read("meeting_places")
    importer.commit(writable, _prepare(_csv_rows(2)), mode="replace", editor=EDITOR)
    assert len(writable.read("meeting_places")) == 2
    log = writable.history()
    assert (log["action"] == "delete").sum() == len(original)
    assert writable.undo_last_import(editor=EDITOR) == "meeting_places"
    restored = writable.read("meeting_places")
    assert sorted(restored["place_id"]) == sorted(original["place_id"])
    assert history.last_undoable_import(writable.history()) is None
    with pytest.raises(StoreError):
        writable.undo_last_import(editor=EDITOR)


def test_undo_is_refused_after_a_later_edit_of_the_table(gpkg: Path):
    writable = GeoPackageStore(gpkg, writable=True)
    importer.commit(writable, _prepare(_csv_rows(2)), mode="append", editor=EDITOR)
    version = writable.row_version("meeting_places", "imp-1")
    row = writable.read("meeting_places").set_index("place_id").loc["imp-1"].to_dict()
    writable.save_row(
        "meeting_places",
        {**row, "place_id": "imp-1", "name": "Endret"},
        editor=EDITOR,
        expected_version=version,
    )
    with pytest.raises(StoreError):
        writable.undo_last_import(editor=EDITOR)


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
        lambda user: importer.commit(writable, _prepare(_csv_rows(1)), mode="append", editor=user),
        lambda user: writable.replace_table("meeting_places", places, editor=user, kind="edit"),
        lambda user: writable.save_row(
            "meeting_places", row, editor=user, expected_version=version
        ),
        lambda user: writable.delete_row(
            "meeting_places", place_id, editor=user, expected_version=version
        ),
        lambda user: writable.undo_last_import(editor=user),
    ]
    for attempt in attempts:
        for user in (VIEWER, None, "kari"):
            with pytest.raises(auth.NotAllowedError):
                attempt(user)
    assert _hash(gpkg) == digest


def test_last_undoable_import_follows_the_log():
    def rows(*batches):
        return (
            history.entries([], user="x", kind="edit")
            .reindex(range(len(batches)))
            .assign(
                batch_id=[b for b, _, _ in batches],
                kind=[k for _, k, _ in batches],
                table=[t for _, _, t in batches],
            )
        )

    assert history.last_undoable_import(history.empty()) is None
    log = rows(("a", "import_append", "projects"), ("b", "edit", "grants"))
    assert history.last_undoable_import(log) == ("a", "projects")
    log = rows(("a", "import_append", "projects"), ("b", "edit", "projects"))
    assert history.last_undoable_import(log) is None
    log = rows(("a", "import_append", "projects"), ("undo-a", "undo", "projects"))
    assert history.last_undoable_import(log) is None
