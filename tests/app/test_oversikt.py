"""The overview page in Streamlit's AppTest: it runs, speaks both languages, follows a click.

streamlit-folium's component cannot run without a browser, so `st_folium` is replaced by a fake
that answers as the real one does when a zone polygon has been clicked.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 120


def _clicked(area_id: str | None):
    """A stand-in for st_folium whose browser has clicked the zone `area_id` (or nothing).

    Like the real component, a value that differs from the last one reported is copied to
    st.session_state[key], `on_change` is called and the script reruns.
    """
    feature = None
    if area_id is not None:
        feature = {
            "type": "Feature",
            "properties": {"area_id": area_id, "name": "?"},
            "geometry": {"type": "Polygon", "coordinates": []},
        }
    value = {"last_active_drawing": feature}

    def fake_st_folium(fig, *, key=None, on_change=None, **kwargs):
        if feature is not None and st.session_state.get(key) != value:
            st.session_state[key] = value
            on_change()
            st.rerun()
        return value

    return fake_st_folium


def _run(click: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    with mock.patch("streamlit_folium.st_folium", _clicked(click)):
        at.run()
    return at


def _card_titles(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [s.value for s in at.subheader]
    return "\n".join(parts)


def test_overview_runs_without_exception():
    at = _run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Oversikt"]


def test_overview_shows_one_card_per_focus_zone_with_sample_marked():
    at = _run()
    assert _card_titles(at) == ["#### Lademoen", "#### Møllenberg", "#### Tempe-Sorgenfri"]
    assert _text(at).count("badge[:material/science: Eksempeldata]") == 3
    assert "illustrative eksempeldata" in _text(at)


def test_language_switch_changes_the_text():
    at = _run()
    at.segmented_control(key="language_choice").set_value("en")
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Overview"]
    assert "illustrative sample data" in _text(at)
    assert "Meeting places by type in the focus zones" in _text(at)


def test_language_from_the_url():
    at = _run(lang="en")
    assert [t.value for t in at.title] == ["Overview"]


def test_language_switch_is_written_to_the_url():
    at = _run()
    at.segmented_control(key="language_choice").set_value("en")
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
    assert at.query_params["lang"] == "en"


def test_clicking_a_zone_focuses_cards_and_chart():
    at = _run(click="lks-09")  # Lademoen
    assert not at.exception
    assert "Møteplasser etter type i Lademoen" in [s.value for s in at.subheader]
    assert "Valgt sone: Lademoen" in _text(at)
    assert at.query_params["zone"] == "lks-09"


def test_clicking_a_zone_outside_the_programme_adds_its_card():
    at = _run(click="lks-02")  # Midtbyen
    titles = _card_titles(at)
    assert titles[0] == "#### Midtbyen" and len(titles) == 4
    assert "Ikke en satsingssone" in _text(at)


def test_clear_selection():
    at = _run(click="lks-09")
    with mock.patch("streamlit_folium.st_folium", _clicked("lks-09")):
        at.button[0].click().run()
    assert not at.exception
    assert "Møteplasser etter type i satsingssonene" in [s.value for s in at.subheader]
    assert "zone" not in at.query_params


@pytest.mark.parametrize("zone", ["lks-99", "<script>", ""])
def test_unknown_zone_in_the_url_is_ignored(zone):
    at = _run(zone=zone)
    assert not at.exception
    assert "Møteplasser etter type i satsingssonene" in [s.value for s in at.subheader]
