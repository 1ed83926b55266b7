"""The language switch of the kiosk's top bar and the presentation's slide bar in AppTest
(components.state.language_switch): English changes the text and writes ?lang=en to the URL;
Norsk changes it back and removes ?lang= (Norwegian is the default). The browser version of
these tests is tests/e2e/test_language_switch.py."""

from __future__ import annotations

import pytest

from tests.app.test_modes import _run, _text


@pytest.mark.parametrize(
    ("query", "key", "norwegian", "english"),
    [
        (
            {"mode": "kiosk", "interval": "600"},
            "kiosk_language",
            ("Tre nabolag i Trondheim", "Del 1 av 4"),
            ("Three neighbourhoods in Trondheim", "Part 1 of 4"),
        ),
        (
            {"mode": "presentasjon", "slide": "2"},
            "presentation_language",
            ("Lademoen: soneprofil", "Lysbilde 2 av 7"),
            ("Lademoen: zone profile", "Slide 2 of 7"),
        ),
    ],
    ids=["kiosk bar", "slide bar"],
)
def test_the_bar_switches_the_language_and_the_url(query, key, norwegian, english):
    at = _run(**query)
    assert not at.exception
    assert [t.value for t in at.title] == [norwegian[0]]
    assert norwegian[1] in _text(at) and "lang" not in at.query_params
    at.segmented_control(key=key).set_value("en")
    _run(at)
    assert not at.exception
    assert [t.value for t in at.title] == [english[0]]
    assert english[1] in _text(at) and norwegian[1] not in _text(at)
    assert at.query_params["lang"] == "en"
    assert at.query_params["mode"] == query["mode"]  # still in the same mode
    at.segmented_control(key=key).set_value("nb")
    _run(at)
    assert [t.value for t in at.title] == [norwegian[0]]
    assert norwegian[1] in _text(at)
    assert "lang" not in at.query_params
