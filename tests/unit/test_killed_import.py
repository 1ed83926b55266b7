"""A real process importing a large file through the store API, SIGKILLed in the middle of the
write: the GeoPackage stays byte for byte as it was, readable, and the next import works.

The child announces on stdout when the new table is written into the store's working copy
but not yet swapped in, then waits; the test kills it there (no timing guesswork).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd

from geo import schema
from geo.ingest import importer
from geo.store import GeoPackageStore, auth

ROOT = Path(__file__).resolve().parents[2]
ROWS = 10_000  # the most one import may have (geo.ingest.readers)
CHILD = """
import sys
from pathlib import Path
import pyogrio
from geo.ingest import importer
from geo.store import GeoPackageStore, auth

gpkg, upload = sys.argv[1], Path(sys.argv[2])
store = GeoPackageStore(gpkg, writable=True)
plan = importer.plan(upload, "meeting_places", store=store, mode="replace")
assert not plan.blocked, plan.text("en")

real_write, calls = pyogrio.write_dataframe, []

def write_then_stop(frame, path, *args, **kwargs):
    real_write(frame, path, *args, **kwargs)
    calls.append(kwargs.get("layer"))
    if kwargs.get("layer") == "meeting_places":  # the import itself is in the working copy
        print("MID-WRITE", path, len(frame), flush=True)
        sys.stdin.readline()  # killed here

pyogrio.write_dataframe = write_then_stop
importer.apply(store, plan, auth.User("kari", auth.EDITOR))
print("FINISHED", calls, flush=True)
"""


def _large_csv(path: Path) -> Path:
    lines = ["Navn;Type;Breddegrad;Lengdegrad;Kilde"]
    for i in range(ROWS):
        lat = 63.425 + (i % 200) * 0.0001
        lon = 10.405 + (i // 200) * 0.0001
        lines.append(f"Stor import {i};Park;{lat:.5f};{lon:.5f};test".replace(".", ","))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_import_killed_mid_write_leaves_the_geopackage_unchanged(dataset_path, tmp_path):
    gpkg = tmp_path / "omradekart.gpkg"
    gpkg.write_bytes(dataset_path.read_bytes())
    before_hash = _sha256(gpkg)
    before = GeoPackageStore(gpkg).read("meeting_places")
    upload = _large_csv(tmp_path / "stor-import.csv")

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(gpkg), str(upload)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        announced = child.stdout.readline() if child.stdout else ""
        assert announced.startswith("MID-WRITE"), child.stderr.read() if child.stderr else ""
        _, working_copy, rows = announced.split()
        assert int(rows) == ROWS and Path(working_copy).exists()
        # the working copy really holds the half-done import: the kill is mid-write
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=60) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    assert _sha256(gpkg) == before_hash
    store = GeoPackageStore(gpkg, writable=True)
    for name in (*schema.TABLES, *schema.REFERENCE_LAYERS):
        store.read(name)  # every table still there and valid
    pd.testing.assert_frame_equal(store.read("meeting_places"), before)
    assert store.history().empty  # the built dataset has none, and the killed import left none

    # the killed process's lock went with it: the next import goes through at once
    editor = auth.User("kari", auth.EDITOR)
    small = tmp_path / "liten-import.csv"
    small.write_text(
        _large_csv(tmp_path / "stor-import.csv").read_text().splitlines()[0] + "\n"
        "Torget;Park;63,4330;10,4230;test\n",
        encoding="utf-8",
    )
    plan = importer.plan(small, "meeting_places", store=store, mode="replace")
    assert not plan.blocked, plan.text("en")
    applied = importer.apply(store, plan, editor)
    assert applied.inserted == 1 and applied.deleted == len(before)
    assert list(store.read("meeting_places")["name"]) == ["Torget"]
    assert len(importer.imports(store)) == 1
