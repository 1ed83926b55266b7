"""The store is asked its data version once per script run, not once per cached function that
keys on it (Kart has some fifty; with PostGIS each ask was a database connection), and asked
again on the next run, so a change made elsewhere is still seen at the next rerun."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from geo.store import version as store_version
from tests.app.programme import rerun, run_page


def test_one_version_query_per_run_and_a_new_one_each_run(dataset_path: Path, monkeypatch):
    monkeypatch.setenv("OMRADEKART_GPKG", str(dataset_path))
    asked: list[str] = []
    real = store_version.geopackage_version

    def counted(path):
        asked.append(str(path))
        return real(path)

    with mock.patch.object(store_version, "geopackage_version", counted):
        at = run_page("kart")
        assert not at.exception
        before = len(asked)
        rerun(at)
        assert not at.exception
        # one run of the whole Kart page (sidebar, filters, map layers, charts, table)
        assert len(asked) - before == 1, asked[before:]
        rerun(at)
        assert len(asked) - before == 2
