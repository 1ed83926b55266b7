"""Every download button of every page, pressed in AppTest, on a dataset with hostile texts.

A grant, a project and a zone are named =HYPERLINK(...): whatever file a user takes away, a
spreadsheet must show that text, never run it. CSVs are UTF-8 with a BOM and keep æøå. The
Kart and Data-page files are opened as a user would (pyogrio, openpyxl) and their rows checked.
``st.download_button`` is replaced by a recorder that presses each button (makes its file).
"""

from __future__ import annotations

import codecs
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
from streamlit.testing.v1 import AppTest

from geo import schema
from geo.store import GeoPackageStore, auth
from tests.app.programme import run_page
from tests.app.test_data import ACCOUNTS
from tests.app.test_kart import Kart
from tests.app.test_oversikt import APP, TIMEOUT, _clicked

HOSTILE = '=HYPERLINK("http://x","klikk")'
INERT = "'" + HOSTILE  # what the guard makes of it
FORMULA_START = ("=", "+", "-", "@")
EDITOR = auth.User("kari", auth.EDITOR)


@dataclass
class Download:
    label: str
    file_name: str
    mime: str
    data: bytes
    disabled: bool


class Recorder:
    """st.download_button that presses itself: keeps each button's file by key (or file name)."""

    def __init__(self) -> None:
        self.files: dict[str, Download] = {}

    def __call__(self, label, data=None, *, file_name, mime, key=None, disabled=False, **kwargs):
        made = data() if callable(data) else data
        self.files[key or file_name] = Download(label, file_name, mime, made, disabled)
        return False

    @contextmanager
    def patched(self) -> Iterator[Recorder]:
        with mock.patch("streamlit.download_button", self):
            yield self


@pytest.fixture(scope="module")
def hostile_gpkg(dataset_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset with every grant and project, and one zone, named like a formula."""
    copy = tmp_path_factory.mktemp("hostile") / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    store = GeoPackageStore(copy, writable=True)
    for table, column in (("grants", "title"), ("projects", "name")):
        frame = store.read(table)
        frame[column] = HOSTILE
        store.replace_table(table, frame, editor=EDITOR, kind="edit")
    areas = store.read("areas")
    # a zone the default (real) indicator covers, so the Indikatorer CSV holds its row
    zones = areas["level"] == schema.Level.LEVEKARSSONE
    zone = areas.index[zones & (areas["name"] == "Singsaker")][0]
    areas.loc[zone, "name"] = HOSTILE
    store.replace_table("areas", areas, editor=EDITOR, kind="edit")
    return copy


@pytest.fixture
def hostile(hostile_gpkg: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OMRADEKART_GPKG", str(hostile_gpkg))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return hostile_gpkg


def test_nabolagspotten_csv_is_inert_and_keeps_norwegian_letters(hostile):
    with Recorder().patched() as pressed:
        at = run_page("nabolagspotten")
    assert not at.exception, at.exception
    download = pressed.files["npt_download"]
    assert download.file_name == "nabolagspotten.csv" and download.mime == "text/csv"
    table = _inert_csv(download.data)
    assert (table["Tiltak"] == INERT).all()
    assert len(table) == len(GeoPackageStore(hostile).read("grants"))
    assert {"År", "Søkt"} <= set(table.columns)  # æøå survive the BOM-marked UTF-8


def test_indikatorer_csv_is_inert_and_keeps_norwegian_letters(hostile):
    with Recorder().patched() as pressed:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        with mock.patch("streamlit_folium.st_folium", _clicked(None)):
            at.run()
            at.switch_page("views/indikatorer.py").run()
    assert not at.exception, at.exception
    (download,) = pressed.files.values()
    assert download.file_name.endswith(".csv") and download.mime == "text/csv"
    table = _inert_csv(download.data)
    assert INERT in set(table["area_name"])
    assert table["area_name"].str.contains("[æøå]").any()  # Møllenberg, Sjetne, Lilleby …


def test_kart_downloads_of_the_selection_open_with_their_rows_and_columns(hostile):
    kart = Kart()
    with Recorder().patched() as pressed:
        kart.run()
        kart.at.checkbox(key="kart_layer_grants").check()
        kart.run()
    files = pressed.files
    assert set(files) == {"kart_download_csv", "kart_download_geojson", "kart_download_gpkg"}
    stem = "omradekart-utvalg"
    assert {f.file_name for f in files.values()} == {
        f"{stem}.{k}" for k in ("csv", "geojson", "gpkg")
    }
    shown = kart.table()
    table = _inert_csv(files["kart_download_csv"].data)
    counts = table["layer"].value_counts().to_dict()
    assert set(counts) == {"projects", "places", "kindergartens", "grants"}
    assert sum(counts.values()) == len(shown)
    assert table.columns[0] == "layer" and table.columns[-1] == "geometry"
    assert (table.loc[table["layer"] == "projects", "name"] == INERT).all()
    assert table["geometry"].str.startswith("POINT (").all()

    collection = json.loads(files["kart_download_geojson"].data)
    assert len(collection["features"]) == len(shown)
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 10 < lon < 11 and 63 < lat < 64

    layers = _gpkg_layers(files["kart_download_gpkg"].data)
    assert {name: len(frame) for name, frame in layers.items()} == counts
    assert layers["projects"].crs.to_epsg() == 25832
    assert {"project_id", "name", "is_sample", "source"} <= set(layers["projects"].columns)


@pytest.mark.parametrize("table", ["grants", "areas", "indicators"])  # points, zones, no map
def test_data_page_exports_a_table_in_every_format(hostile, table):
    stored = GeoPackageStore(hostile)
    at = _data_page()
    at.selectbox(key="export_table").set_value(table)
    _run(at)
    kinds = ("csv", "xlsx", "geojson") if schema.has_geometry(table) else ("csv", "xlsx")
    assert len(at.radio(key="export_format").options) == len(kinds)
    for kind in kinds:
        at.radio(key="export_format").set_value(kind)
        with Recorder().patched() as pressed:
            _run(at)
        download = pressed.files["export_table_download"]
        assert download.file_name == f"omradekart-{table}.{kind}"
        frame = _open(download.data, kind)
        expected = stored.read(table)
        assert len(frame) == len(expected), (table, kind)
        assert set(expected.columns) - {"geometry"} <= set(frame.columns), (table, kind)


def test_data_page_files_are_inert(hostile):
    at = _data_page()
    at.selectbox(key="export_table").set_value("grants")
    _run(at)
    for kind in ("csv", "xlsx"):
        at.radio(key="export_format").set_value(kind)
        with Recorder().patched() as pressed:
            _run(at)
        data = pressed.files["export_table_download"].data
        if kind == "csv":
            assert (_inert_csv(data)["title"] == INERT).all()
        else:
            _inert_xlsx(data)
    history = pressed.files["history_download"]
    assert history.file_name == "omradekart-historikk.csv"
    log = _inert_csv(history.data, hostile=False)  # the rows' texts are inside JSON there
    assert len(log) == len(GeoPackageStore(hostile).history()) and "after" in log.columns


def test_data_page_whole_dataset_geopackage_opens_with_every_table(hostile):
    stored = GeoPackageStore(hostile)
    at = _data_page()
    at.button(key="export_all_prepare").click()
    with Recorder().patched() as pressed:
        _run(at)
    download = pressed.files["export_all_download"]
    assert download.file_name == "omradekart.gpkg"
    assert download.mime == "application/geopackage+sqlite3"
    layers = _gpkg_layers(download.data)
    assert set(schema.TABLES) | set(schema.REFERENCE_LAYERS) <= set(layers)
    for table in schema.TABLES:
        assert len(layers[table]) == len(stored.read(table)), table
    assert (layers["grants"]["title"] == HOSTILE).all()  # a GeoPackage keeps the data as stored
    assert len(layers["history"]) == len(stored.history())


def _inert_csv(data: bytes, *, hostile: bool = True) -> pd.DataFrame:
    """The CSV as a spreadsheet reads it, after checking it is BOM-marked and runs nothing
    (and, when ``hostile``, holds the formula text made inert)."""
    assert data.startswith(codecs.BOM_UTF8)
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    texts = [v for c in table.columns for v in table[c] if isinstance(v, str)]
    assert not [v for v in texts if v.startswith(FORMULA_START)]
    if hostile:
        assert INERT in texts
    return table


def _inert_xlsx(data: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert all(cell.data_type == "s" for cell in cells)
    assert not [c.value for c in cells if c.value.startswith(FORMULA_START)]
    assert INERT in {c.value for c in cells}


def _open(data: bytes, kind: str) -> pd.DataFrame:
    if kind == "csv":
        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    if kind == "xlsx":
        return pd.read_excel(io.BytesIO(data), engine="openpyxl")
    return gpd.GeoDataFrame(pyogrio.read_dataframe(io.BytesIO(data)))


def _gpkg_layers(data: bytes) -> dict[str, pd.DataFrame]:
    """Every layer of the GeoPackage, saved to a file and opened as QGIS would."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "download.gpkg"
        path.write_bytes(data)
        names = [str(name) for name, _ in pyogrio.list_layers(path)]
        return {name: pyogrio.read_dataframe(path, layer=name) for name in names}


def _data_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["local_users"] = ACCOUNTS
    at.session_state["auth_user"] = EDITOR
    _run(at)
    at.switch_page("views/data.py")
    return _run(at)


def _run(at: AppTest) -> AppTest:
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
    assert not at.exception, at.exception
    return at
