"""A risk imported with only the four fields a register must have (title, area, likelihood,
consequence): the Risiko page, the risk slide and the zone profile say «ikke oppgitt» for the
rest — never "None", "nan" or an empty cell."""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from geo.ingest import importer
from geo.store import GeoPackageStore, auth
from tests.app.programme import APP, TIMEOUT, fake_st_folium, run_page, tables

TITLE = "Nøkkelperson slutter"
MINIMAL = f"Tittel;Risikoområde;Sannsynlighet;Konsekvens\n{TITLE};Organisatorisk;5;5\n"


@pytest.fixture(scope="module")
def with_minimal_risk(dataset_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("risk") / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    store = GeoPackageStore(copy, writable=True)
    plan = importer.plan(MINIMAL.encode(), "risks", store=store, name="ros.csv")
    assert not plan.blocked, [m.text("en") for m in plan.messages]
    importer.apply(store, plan, auth.User("kari", auth.EDITOR))
    return copy


@pytest.fixture
def store_env(with_minimal_risk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMRADEKART_GPKG", str(with_minimal_risk))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (None, ("Risiko", "ikke oppgitt", ["Beskrivelse", "Eier", "Tiltak", "Status"])),
        ("en", ("Risk", "not given", ["Description", "Owner", "Mitigation", "Status"])),
    ],
)
def test_the_risk_register_says_not_given(store_env, lang, words):
    title_column, not_given, optional = words
    at = run_page("risiko", lang=lang)
    assert not at.exception
    register = tables(at)[-1]
    row = register[register[title_column] == TITLE]
    assert len(row) == 1
    assert row.iloc[0][optional].tolist() == [not_given] * 4
    # the status filter offers the missing status as a choice of its own, in words
    assert not_given in at.multiselect(key="ros_status").options


def test_the_status_filter_finds_the_risk_without_a_status(store_env):
    at = run_page("risiko")
    at.multiselect(key="ros_status").set_value([""])
    with mock.patch("streamlit_folium.st_folium", fake_st_folium(None)):
        at.run()
    assert not at.exception
    assert list(tables(at)[-1]["Risiko"]) == [TITLE]


def test_the_risk_slide_says_not_given(store_env):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["mode"] = "presentasjon"
    at.query_params["slide"] = "99"  # the last slide: the risks
    with mock.patch("streamlit_folium.st_folium", fake_st_folium(None)):
        at.run()
    assert not at.exception
    slide = at.table[0].value
    assert slide.loc[TITLE, "Status"] == "ikke oppgitt"  # the risk names the row
    assert not set(slide.astype(str).to_numpy().ravel()) & {"None", "nan", "<NA>", ""}
