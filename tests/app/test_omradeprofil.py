"""Områdeprofil in AppTest: one zone, synced with ?zone=, both languages, and a real PDF."""

from __future__ import annotations

import io
from unittest import mock

import pypdf
from streamlit.testing.v1 import AppTest

from tests.app.test_oversikt import APP, TIMEOUT, _clicked


def _run(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
        at.switch_page("views/omradeprofil.py").run()
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts + [s.value for s in at.subheader])


def test_profile_runs_for_the_first_focus_zone_with_real_and_sample_marked():
    at = _run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Lademoen"]
    text = _text(at)
    # the zone's own population, estimated and said to be, with how it was estimated
    assert [m.value for m in at.metric][0] == "ca. 5\u00a0000"
    assert "Innbyggere (beregnet)" in [m.label for m in at.metric]
    assert "Hvordan er tallet beregnet?" in [e.label for e in at.expander]
    assert "Slik er innbyggertallet beregnet" in text
    assert "Til sammenligning: delområdet Lademoen" in text
    assert "Offentlige data" in text and "Eksempeldata" in text
    assert "Befolkningsutvikling" in text


def test_profile_follows_the_zone_in_the_url_and_the_selectbox():
    at = _run(zone="lks-26")
    assert [t.value for t in at.title] == ["Tempe-Sorgenfri"]
    at.selectbox(key="profile_zone").set_value("lks-02")
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Midtbyen"]
    assert at.query_params["zone"] == "lks-02"
    assert "ikke en satsingssone" in _text(at)


def test_language_from_the_url():
    at = _run(lang="en")
    assert not at.exception
    assert "Population trend" in _text(at)


def test_the_download_button_builds_a_pdf_of_the_zone():
    captured = {}

    def fake_download_button(label, data=None, **kwargs):
        captured["label"], captured["data"] = label, data
        return False

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["zone"] = "lks-07"  # Møllenberg
    with (
        mock.patch("streamlit_folium.st_folium", _clicked(None)),
        mock.patch("streamlit.download_button", fake_download_button),
    ):
        at.run()
        at.switch_page("views/omradeprofil.py").run()
    assert not at.exception
    assert captured["label"] == "Last ned PDF"
    pdf = captured["data"]()  # built only when clicked
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Møllenberg" in text and "Områdeprofil" in text
    assert "Side 1 av" in text and "Kilder" in text
    assert sum(len(page.images) for page in reader.pages) >= 2
