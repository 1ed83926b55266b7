"""Gevinstrealisering in AppTest: runs in both languages, states its rule, follows the zone."""

from __future__ import annotations

from unittest import mock

from streamlit.testing.v1 import AppTest

from tests.app.test_oversikt import APP, TIMEOUT, _clicked


def _run(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
        at.switch_page("views/gevinst.py").run()
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info]
    return "\n".join(parts)


def test_benefits_page_runs_with_rule_matrix_and_sample_marks():
    at = _run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Gevinstrealisering"]
    assert "Slik settes status." in _text(at)
    assert "Eksempeldata" in _text(at)
    matrix = at.table[0].value
    assert list(matrix.columns) == ["Lademoen", "Møllenberg", "Tempe-Sorgenfri"]
    assert len(matrix) == 3  # the three goals


def test_language_from_the_url():
    at = _run(lang="en")
    assert not at.exception
    assert [t.value for t in at.title] == ["Benefits realisation"]
    assert "How the status is set." in _text(at)


def test_the_selected_zone_narrows_the_page():
    at = _run(zone="lks-26")  # Tempe-Sorgenfri
    assert not at.exception
    assert list(at.table[0].value.columns) == ["Tempe-Sorgenfri"]
    for frame in at.dataframe:
        assert set(frame.value["Sone"]) == {"Tempe-Sorgenfri"}
    at.segmented_control(key="benefits_zone").set_value("all")
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
    assert list(at.table[0].value.columns) == ["Lademoen", "Møllenberg", "Tempe-Sorgenfri"]
    assert "zone" not in at.query_params
