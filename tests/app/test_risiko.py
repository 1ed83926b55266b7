"""Risiko in AppTest: runs, the matrix and the register, filters, language switch."""

from __future__ import annotations

from tests.app.programme import rerun, run_page, tables, text


def test_runs_with_matrix_and_register():
    at = run_page("risiko")
    assert not at.exception
    assert [t.value for t in at.title] == ["Risiko"]
    shown = text(at)
    assert "illustrative eksempeldata" in shown
    assert "Sannsynlighet × konsekvens" in shown and "Risikoregisteret" in shown
    register = tables(at)[-1]
    assert len(register) == 9
    assert {"Eier", "Tiltak", "Status", "Siden forrige vurdering"} <= set(register.columns)


def test_language_switch():
    at = run_page("risiko", lang="en")
    assert not at.exception
    assert [t.value for t in at.title] == ["Risk"]
    assert "Being followed up" in set(tables(at)[-1]["Status"])


def test_area_filter():
    at = run_page("risiko")
    at.multiselect(key="ros_area").set_value(["interessent"])
    rerun(at)
    assert not at.exception
    register = tables(at)[-1]
    assert set(register["Område"]) == {"Interessenter"} and len(register) < 9
