"""Nabolagspotten in AppTest: runs, no personal data on the page, filters, language switch."""

from __future__ import annotations

import os

from tests.app.programme import rerun, run_page, tables, text


def test_runs_with_sample_marked_and_the_privacy_note():
    at = run_page("nabolagspotten")
    assert not at.exception
    assert [t.value for t in at.title] == ["Nabolagspotten"]
    shown = text(at)
    assert "illustrative eksempeldata" in shown
    assert "Bare organisasjoner vises" in shown
    assert "Søknader" in shown


def test_language_switch():
    at = run_page("nabolagspotten", lang="en")
    assert not at.exception
    assert "Only organisations are shown" in text(at)


def test_year_filter_changes_the_numbers():
    at = run_page("nabolagspotten")
    before = at.metric[0].value
    at.multiselect(key="npt_year").set_value([2024])
    rerun(at)
    assert not at.exception
    assert at.metric[0].value != before
    listing = tables(at)[-1]
    assert set(listing["År"]) == {2024}


def test_personal_data_in_an_imported_file_never_reaches_the_page(tmp_path, monkeypatch):
    """A grant whose applicant is a person and whose text holds a name, e-mail and phone."""
    import shutil

    import pyogrio

    from geo.store import GeoPackageStore

    path = tmp_path / "imported.gpkg"
    shutil.copy(os.environ["OMRADEKART_GPKG"], path)
    grants = GeoPackageStore(path).read("grants")
    grants.loc[0, "organisation"] = "Kari Nordmann"
    grants.loc[0, "title"] = "Gatefest, kontakt Kari Nordmann, kari@example.no, tlf. 912 34 567"
    pyogrio.write_dataframe(
        grants, path, layer="grants", driver="GPKG", layer_options={"OVERWRITE": "YES"}
    )
    monkeypatch.setenv("OMRADEKART_GPKG", str(path))
    at = run_page("nabolagspotten")
    assert not at.exception
    everything = text(at) + "\n".join(frame.to_csv() for frame in tables(at))
    assert "Gatefest, kontakt" in everything  # the row is there …
    for personal in ("Kari", "Nordmann", "kari@example.no", "912 34 567"):
        assert personal not in everything  # … without the person
