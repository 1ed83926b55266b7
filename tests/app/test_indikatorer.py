"""Indikatorer in AppTest: runs in both languages, follows a map click, hides small numbers."""

from __future__ import annotations

from unittest import mock

from streamlit.testing.v1 import AppTest

from tests.app.test_oversikt import APP, TIMEOUT, _clicked


def _run(click: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    with mock.patch("streamlit_folium.st_folium", _clicked(click)):
        at.run()
        at.switch_page("views/indikatorer.py").run()
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info]
    return "\n".join(parts)


def test_indicator_page_runs_and_marks_sample_data():
    at = _run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Indikatorer"]
    assert "illustrative eksempeldata" in "\n".join(w.value for w in at.warning)
    assert "Eksempeldata" in _text(at)
    # the catalog lists every indicator under its goal, real ones marked as public data
    assert {"Stedsutvikling", "Tjenesteutvikling", "Lokalsamfunnsutvikling"} <= {
        s.value for s in at.subheader
    }
    assert "Offentlige data" in _text(at)


def test_language_switch():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    with mock.patch("streamlit_folium.st_folium", _clicked(None)):
        at.run()
        # (AppTest shows no sidebar after switch_page, so switch the language first)
        at.segmented_control(key="language_choice").set_value("en").run()
        at.switch_page("views/indikatorer.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Indicators"]
    assert "Ranking 2023" in _text(at)  # opens on a real indicator (OSM 2023)
    assert [tab.label for tab in at.tabs] == ["Indicator", "Catalogue by goal"]
    # the table too: English headings and values, and the language goes into the URL
    table = at.dataframe[0].value
    assert list(table.columns) == [
        "Zone",
        "Value",
        "Count (denominator)",
        "Difference from Trondheim",
        "Index (Trondheim = 100)",
        "Zone type",
    ]
    assert "Focus zone" in set(table["Zone type"])
    assert at.query_params["lang"] == "en"


def test_language_from_the_url():
    at = _run(lang="en")
    assert [t.value for t in at.title] == ["Indicators"]


def test_survey_indicator_shows_honest_change_and_hidden_zones():
    at = _run(indicator="trygghet")
    assert not at.exception
    text = _text(at)
    assert "Endring 2022–2025, med usikkerhet" in text
    assert "innenfor usikkerheten" in text or "større enn usikkerheten" in text
    table = at.dataframe[0].value
    assert (table["Verdi"] == "skjult (få personer)").any()
    hidden = table[table["Verdi"] == "skjult (få personer)"]
    assert (hidden["Antall (nevner)"] == "").all()
    assert (hidden["Forskjell fra Trondheim"] == "–").all()
    assert (hidden["Indeks (Trondheim = 100)"] == "–").all()


def test_a_click_on_the_map_compares_that_zone():
    at = _run(click="lks-02")  # Midtbyen
    assert not at.exception
    assert "Valgt sone: Midtbyen" in _text(at)
    assert [m.label for m in at.metric] == ["Midtbyen"]
    assert at.query_params["zone"] == "lks-02"


def test_real_indicator_at_its_own_level():
    at = _run(indicator="befolkning")
    assert not at.exception
    assert "bare på nivået delområde" in _text(at)
    assert "Offentlige data" in _text(at)
