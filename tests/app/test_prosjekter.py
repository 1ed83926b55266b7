"""Prosjekter in AppTest: runs in both languages, filters, detail by choice and by map click."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit import dataframe_util

from tests.app.programme import rerun, run_page, tables, text

REGISTERS = Path(__file__).resolve().parents[1] / "fixtures" / "registers"


def test_runs_with_sample_marked_and_every_section():
    at = run_page("prosjekter")
    assert not at.exception
    assert [t.value for t in at.title] == ["Prosjekter"]
    shown = text(at)
    assert "illustrative eksempeldata" in shown
    for heading in ("Tidslinje etter mål", "Antall og budsjett", "Porteføljekriteriene"):
        assert heading in shown
    assert "Viser 41 av 41 prosjekter." in shown
    assert "Forankret hos eier i linja" in shown  # the detail lists the five criteria


def test_language_switch():
    at = run_page("prosjekter", lang="en")
    assert not at.exception
    assert [t.value for t in at.title] == ["Projects"]
    assert "Timeline by goal" in text(at) and "illustrative sample data" in text(at)


def test_filter_by_status_narrows_table_and_count():
    at = run_page("prosjekter")
    at.multiselect(key="prj_status").set_value(["avsluttet"])
    rerun(at)
    assert not at.exception
    table = tables(at)[0]
    assert set(table["status"]) == {"Avsluttet"}
    assert f"Viser {len(table)} av 41 prosjekter." in text(at)


def test_search_with_no_match_says_so():
    at = run_page("prosjekter")
    at.text_input(key="prj_search").set_value("finnes ikke xyz")
    rerun(at)
    assert not at.exception
    assert "Ingen prosjekter passer til filtrene." in text(at)


def test_choosing_a_project_shows_its_detail():
    at = run_page("prosjekter")
    choice = at.selectbox(key="prj_choice")
    other = choice.options[3]
    choice.select_index(3)
    rerun(at)
    assert not at.exception
    assert f"{other} (eksempel)" in [s.value for s in at.subheader]  # a sample, said so


def test_clicking_a_project_on_the_map_shows_it():
    at = run_page("prosjekter", clicked={"project_id": "prj-002", "name": "x"})
    assert not at.exception
    assert at.selectbox(key="prj_choice").value == "prj-002"
    assert "Kulturkvelder i Bakke kirke (eksempel)" in [s.value for s in at.subheader]


def _count_chart(at) -> pd.DataFrame:
    """The data of the 'count' bar chart under "Antall og budsjett"."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["layer"][0]["encoding"]["x"]["field"] == "count":
            return dataframe_util.convert_arrow_bytes_to_pandas_df(
                chart.proto.datasets[0].data.data
            )
    raise AssertionError("no count chart on the page")


def test_totals_follow_the_chosen_dimension():
    at = run_page("prosjekter")
    by_status = _count_chart(at)
    assert set(by_status["label"]) == {
        "Avsluttet",
        "Videreført i drift",
        "Idé",
        "Pågår",
        "Planlagt",
    }
    at.segmented_control(key="prj_dimension").set_value("funding")
    rerun(at)
    assert not at.exception
    by_funding = _count_chart(at)
    # the bars are now the funding sources, and still count every one of the 41 projects
    assert {"Husbanken", "Trondheim kommune", "KDD (statlig områdesatsing)"} <= set(
        by_funding["label"]
    )
    assert not set(by_funding["label"]) & set(by_status["label"])
    assert by_funding["count"].sum() == by_status["count"].sum() == 41


def test_after_the_kommunes_own_register_replaced_the_sample_nothing_says_sample(
    dataset_path, tmp_path, monkeypatch
):
    from geo.ingest import importer
    from geo.store import GeoPackageStore, auth

    copy = tmp_path / "omradekart.gpkg"
    copy.write_bytes(dataset_path.read_bytes())
    store = GeoPackageStore(copy, writable=True)
    register = REGISTERS / "prosjektregister.xlsx"
    plan = importer.plan(register, "projects", store=store, mode="replace")
    assert not plan.blocked, plan.text("nb")
    importer.apply(store, plan, auth.User("kari", auth.EDITOR))
    monkeypatch.setenv("OMRADEKART_GPKG", str(copy))

    at = run_page("prosjekter")
    assert not at.exception
    shown = text(at)
    assert f"Viser {plan.rows} av {plan.rows} prosjekter." in shown
    page_itself = shown.split("**Kilder**")[0]  # the footer lists every source of the app
    assert "eksempeldata" not in page_itself.lower()  # no banner, no badge on the detail
    assert not [w for w in at.warning if "eksempeldata" in w.value]


def test_the_sample_banner_stays_while_the_projects_are_sample():
    at = run_page("prosjekter")
    assert [w for w in at.warning if "illustrative eksempeldata" in w.value]


def test_a_project_without_a_point_says_it_is_placed_at_the_zones_centre(
    dataset_path, tmp_path, monkeypatch
):
    from geo.ingest import importer
    from geo.store import GeoPackageStore, auth

    copy = tmp_path / "omradekart.gpkg"
    copy.write_bytes(dataset_path.read_bytes())
    store = GeoPackageStore(copy, writable=True)
    content = "Prosjektnavn;Levekårssone;Status\nLeksehjelp Lademoen;Lademoen;Pågår\n".encode()
    plan = importer.plan(content, "projects", store=store, name="p.csv", mode="upsert")
    importer.apply(store, plan, auth.User("kari", auth.EDITOR))
    monkeypatch.setenv("OMRADEKART_GPKG", str(copy))

    at = run_page("prosjekter")
    choice = at.selectbox(key="prj_choice")
    choice.select_index(choice.options.index(next(o for o in choice.options if "Leksehjelp" in o)))
    rerun(at)
    assert not at.exception
    assert "Leksehjelp Lademoen" in [s.value for s in at.subheader]
    assert "Plassert midt i sonen (punkt ikke oppgitt)" in text(at)
    # every field the register left out reads «ikke oppgitt», the place too (never «ukjent»)
    detail = next(m.value for m in at.markdown if "<dl" in m.value)
    assert '<dt><b>Sted</b></dt><dd style="margin:0">ikke oppgitt</dd>' in detail
    assert "ukjent" not in detail
    assert '<dt><b>Periode</b></dt><dd style="margin:0">ikke oppgitt</dd>' in detail
