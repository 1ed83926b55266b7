"""Møteplasser in AppTest: real data marked, coverage in both measures, a distance change."""

from __future__ import annotations

import re

from tests.app.programme import rerun, run_page, tables, text


def _network_shares(at) -> list[str]:
    return [m.value for m in at.metric if "langs gater og stier" in m.label]


def test_runs_with_real_data_marked_and_both_measures_labelled():
    at = run_page("moteplasser")
    assert not at.exception
    assert [t.value for t in at.title] == ["Møteplasser"]
    shown = text(at)
    assert "Offentlige data" in shown and "OpenStreetMap" in shown
    assert "Luftlinje:" in shown  # the straight-line figure beside the network one
    assert "Gangavstand langs gater og stier" in shown  # the method says which is which
    assert "Andel av befolkningen kan ikke beregnes" in shown
    assert len(_network_shares(at)) == 3  # one per focus zone
    assert "AtB" in shown and "19. januar 2021" in shown


def test_unknowns_are_shown_as_unknown_not_invented():
    at = run_page("moteplasser")
    places = tables(at)[0]
    assert set(places["Åpningstider"]) == {"ukjent"}
    assert set(places["Eier"]) == {"ukjent"}


def test_language_switch():
    at = run_page("moteplasser", lang="en")
    assert not at.exception
    assert [t.value for t in at.title] == ["Meeting places"]
    shown = text(at)
    assert "Straight line:" in shown and "Walking distance along streets and paths" in shown


def test_a_shorter_distance_covers_no_more():
    at = run_page("moteplasser")
    before = _network_shares(at)
    at.segmented_control(key="cov_distance").set_value(300)
    rerun(at)
    assert not at.exception
    after = _network_shares(at)
    assert "Innen 300 m fra: Lekeplass, Park" in text(at)

    def share(value: str) -> int:
        return int(re.sub(r"\D", "", value))

    assert all(share(a) <= share(b) for a, b in zip(after, before, strict=True))
    assert after != before


def test_type_filter_narrows_the_table():
    at = run_page("moteplasser")
    at.multiselect(key="mp_types").set_value(["bibliotek"])
    rerun(at)
    assert not at.exception
    assert set(tables(at)[0]["Type"]) == {"Bibliotek"}
