"""The Kart page in Streamlit's AppTest: filters, clicks, drawings, chart picks and permalinks.

streamlit-folium and Altair selections need a browser, so both are replaced by fakes that
answer as the real ones do: a value that differs from the last one is copied to
st.session_state[key], the callback runs and the script reruns. The fakes also keep what the
page passed them (the map's feature groups, the charts), so a test reads the layer contents and
chart data the page produced.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any
from unittest import mock

import folium
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 180
KART = "views/kart.py"


class FakeMap:
    """st_folium whose browser reports ``value`` (e.g. a clicked feature) once."""

    def __init__(self, value: dict[str, Any] | None = None) -> None:
        self.value = value
        self.groups: list[folium.FeatureGroup] = []

    def __call__(self, fig, *, key=None, on_change=None, feature_group_to_add=None, **kwargs):
        groups = feature_group_to_add or []
        self.groups = [groups] if isinstance(groups, folium.FeatureGroup) else list(groups)
        if self.value is not None and st.session_state.get(key) != self.value:
            st.session_state[key] = self.value
            on_change()
            st.rerun()
        return self.value

    def layer_sizes(self) -> dict[str, int]:
        """Feature count of every layer group the page added to the map."""
        sizes = {}
        for group in self.groups:
            count = 0
            for child in group._children.values():
                if isinstance(child, folium.GeoJson):
                    count += len(child.data.get("features", []))
                elif isinstance(child, folium.CircleMarker):
                    count += 1
            sizes[group.layer_name] = count
        return sizes


class FakeCharts:
    """st.altair_chart whose user clicks ``pick = (key, fields)`` once; keeps every chart."""

    def __init__(self, pick: tuple[str, dict[str, str]] | None = None) -> None:
        self.pick = pick
        self.charts: dict[str, Any] = {}

    def __call__(self, chart, *, key=None, on_select=None, **kwargs):
        self.charts[key] = chart
        if self.pick is not None and self.pick[0] == key:
            value = {"selection": {"pick": [self.pick[1]]}}
            if st.session_state.get(key) != value:
                st.session_state[key] = value
                on_select()
                st.rerun()
        return None

    def data(self, key: str) -> pd.DataFrame:
        chart = self.charts[key]
        frame = chart.layer[0].data if hasattr(chart, "layer") and chart.layer else chart.data
        return frame.reset_index(drop=True)


class Kart:
    """The app opened at the Kart page, with both fakes in place for every run."""

    def __init__(self, **query: str) -> None:
        self.at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for key, value in query.items():
            self.at.query_params[key] = value
        self.map = FakeMap()
        self.chart = FakeCharts()
        self.opened = False

    def run(self) -> Kart:
        with ExitStack() as stack:
            stack.enter_context(mock.patch("streamlit_folium.st_folium", self.map))
            stack.enter_context(mock.patch("streamlit.altair_chart", self.chart))
            if not self.opened:
                # AppTest finds a page of st.navigation only after a first run of app.py;
                # the permalink's parameters are still in the URL when Kart opens.
                query = dict(self.at.query_params)
                self.at.run()
                self.at.switch_page(KART)
                for key, value in query.items():
                    self.at.query_params[key] = value
                self.opened = True
            self.at.run()
        assert not self.at.exception, self.at.exception
        return self

    def text(self) -> str:
        at = self.at
        parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
        parts += [s.value for s in at.subheader] + [i.value for i in at.info]
        return "\n".join(parts)

    def table(self) -> pd.DataFrame:
        return self.at.dataframe[0].value


def _zone_click(area_id: str) -> dict[str, Any]:
    return {
        "last_active_drawing": {
            "type": "Feature",
            "properties": {"area_id": area_id, "name": "?", "is_focus": True},
            "geometry": {"type": "Polygon", "coordinates": []},
        }
    }


@pytest.fixture(scope="module")
def first() -> Kart:
    """The page with nothing chosen (shared by the read-only tests of this module)."""
    return Kart().run()


def test_the_page_runs_with_every_default_layer_and_the_sample_marked(first: Kart):
    assert [t.value for t in first.at.title] == ["Kart"]
    assert "illustrative eksempeldata" in first.at.warning[0].value
    sizes = first.map.layer_sizes()
    assert set(sizes) == {"choropleth", "projects", "places", "selection"}
    assert sizes["projects"] > 0 and sizes["places"] > 0 and sizes["choropleth"] == 60
    assert {key for key in first.chart.charts if key} == {
        "kart_chart_projects",
        "kart_chart_budget",
        "kart_chart_places",
        "kart_chart_ranking",
    }
    assert len(first.table()) == sizes["projects"] + sizes["places"]


def test_every_layer_can_be_switched_on(first: Kart):
    kart = Kart()
    kart.run()
    for layer in ("kindergartens", "grants", "worship", "catchments", "stops"):
        kart.at.checkbox(key=f"kart_layer_{layer}").check()
    kart.run()
    sizes = kart.map.layer_sizes()
    for layer in ("kindergartens", "grants", "worship", "catchments", "stops"):
        assert sizes[layer] > 0, layer
    assert "layers=" in _query(kart) and "stops" in kart.at.query_params["layers"]


def _query(kart: Kart) -> str:
    return "&".join(f"{k}={v}" for k, v in kart.at.query_params.items())


@pytest.mark.parametrize(
    ("widget", "value", "layer", "chart"),
    [
        ("kart_f_zones", ["lks-09"], "projects", "kart_chart_projects"),
        ("kart_f_goals", ["stedsutvikling"], "projects", "kart_chart_projects"),
        ("kart_f_focus", ["bomiljo"], "projects", "kart_chart_budget"),
        ("kart_f_status", ["pagar"], "projects", "kart_chart_projects"),
        ("kart_f_period", (2022, 2024), "projects", "kart_chart_budget"),
        ("kart_f_ptype", ["park", "bibliotek"], "places", "kart_chart_places"),
    ],
)
def test_each_filter_changes_the_layer_and_the_chart(first: Kart, widget, value, layer, chart):
    kart = Kart().run()
    before_layer = kart.map.layer_sizes()[layer]
    before_chart = kart.chart.data(chart)
    if widget == "kart_f_period":
        kart.at.slider(key=widget).set_range(*value)
    else:
        kart.at.multiselect(key=widget).set_value(value)
    kart.run()
    after_layer = kart.map.layer_sizes()[layer]
    assert 0 < after_layer < before_layer
    assert not kart.chart.data(chart).equals(before_chart)
    assert len(kart.table()) < len(first.table())


def test_a_zone_click_compares_the_zone_with_trondheim():
    kart = Kart()
    kart.map.value = _zone_click("lks-09")
    kart.run()
    assert "Lademoen sammenlignet med Trondheim" in kart.text()
    assert "Innenfor: Lademoen" in kart.text()
    assert kart.at.query_params["zone"] == "lks-09"
    scopes = set(kart.chart.data("kart_chart_places")["scope"])
    assert scopes == {"Lademoen", "Trondheim"}
    assert kart.map.layer_sizes()["selection"] == 1  # the zone's outline


def test_a_project_click_opens_the_detail_panel_with_formatted_fields(first: Kart):
    from components import data

    projects = data.tables()["projects"]
    label = int(projects.index[0])
    kart = Kart()
    kart.map.value = {
        "last_active_drawing": {
            "type": "Feature",
            "properties": {"fid": f"projects:{label}", "name": "?"},
            "geometry": {"type": "Point", "coordinates": [10.4, 63.4]},
        }
    }
    kart.run()
    text = kart.text()
    assert f"#### {projects.loc[label, 'name']}" in text
    for field in ("Budsjett", "Innsatsområde", "Forankret hos eier", "Levekårssone"):
        assert f"| {field} |" in text
    assert "\u00a0kr |" in text  # money through Babel (a no-break space before kr)
    assert "budget_nok" not in text and "crit_anchored" not in text
    assert kart.map.layer_sizes()["selection"] == 1  # a ring around the project


def test_a_drawn_rectangle_is_summarised():
    kart = Kart()
    kart.map.value = {
        "last_active_drawing": {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [10.40, 63.425],
                        [10.44, 63.425],
                        [10.44, 63.44],
                        [10.40, 63.44],
                        [10.40, 63.425],
                    ]
                ],
            },
        }
    }
    kart.run()
    text = kart.text()
    assert "Innenfor: Tegnet område" in text
    assert "Andel av hver sone som er dekket" in text
    assert "Tegnet område sammenlignet med Trondheim" in text
    assert "zone" not in kart.at.query_params


def test_picking_a_zone_in_the_ranking_chart_selects_it_on_the_map():
    kart = Kart()
    kart.chart.pick = ("kart_chart_ranking", {"area_id": "lks-26"})
    kart.run()
    assert kart.at.query_params["zone"] == "lks-26"
    assert "Tempe-Sorgenfri sammenlignet med Trondheim" in kart.text()
    assert kart.map.layer_sizes()["selection"] == 1


def test_picking_a_place_type_in_the_chart_rings_those_places_on_the_map():
    from components import data

    libraries = (data.tables()["meeting_places"]["place_type"] == "bibliotek").sum()
    kart = Kart()
    kart.chart.pick = ("kart_chart_places", {"place_type": "bibliotek"})
    kart.run()
    assert kart.map.layer_sizes()["selection"] == libraries
    lit = kart.chart.data("kart_chart_places").set_index("place_type")["lit"]
    assert lit["bibliotek"] and not lit["park"]


def test_clear_selection_empties_zone_and_summary():
    kart = Kart()
    kart.map.value = _zone_click("lks-09")
    kart.run()
    kart.at.button(key="kart_clear").click()
    kart.run()
    assert "zone" not in kart.at.query_params
    assert "Ingenting er valgt" in kart.text()


def test_a_permalink_restores_the_view():
    kart = Kart(
        zone="lks-09",
        level="bydel",
        layers="places,stops",
        colour="goal",
        ind="trygghet",
        year="2025",
        ptype="park",
        period="2026-2028",
        goal="stedsutvikling",
    ).run()
    state = kart.at.session_state
    assert state["kart_level"] == "bydel"
    assert state["kart_layer_stops"] and not state["kart_layer_projects"]
    assert state["kart_colour"] == "goal" and state["kart_indicator"] == "trygghet"
    assert state["kart_f_ptype"] == ["park"] and tuple(state["kart_f_period"]) == (2026, 2028)
    assert set(kart.map.layer_sizes()) == {"areas", "places", "stops", "selection"}
    assert "Lademoen sammenlignet med Trondheim" in kart.text()
    assert kart.at.query_params["layers"] == "places,stops"


def test_changing_the_view_updates_the_url():
    kart = Kart().run()
    kart.at.radio(key="kart_level").set_value("delomrade")
    kart.at.multiselect(key="kart_f_status").set_value(["pagar", "ide"])
    kart.at.checkbox(key="kart_layer_places").uncheck()
    kart.run()
    params = kart.at.query_params
    assert params["level"] == "delomrade"
    assert params["status"] == "ide,pagar" or params["status"] == "pagar,ide"
    assert "places" not in params["layers"]
    # and the URL opens the same view in a new session
    again = Kart(**{k: v for k, v in params.items()}).run()
    assert again.at.session_state["kart_level"] == "delomrade"
    assert not again.at.session_state["kart_layer_places"]


@pytest.mark.parametrize(
    "query",
    [
        {"level": "grunnkrets"},
        {"layers": "<script>alert(1)</script>"},
        {"z": "99", "c": "abc"},
        {"period": "2040-2020", "year": "1066"},
        {"zones": "lks-99", "bogus": "1"},
    ],
)
def test_malformed_parameters_are_ignored_with_a_notice(query):
    kart = Kart(**query).run()
    notice = [c.value for c in kart.at.caption if "ignorert" in c.value]
    assert len(notice) == 1
    for name in query:
        assert name in notice[0]
        assert name not in kart.at.query_params
    assert set(kart.map.layer_sizes()) == {"choropleth", "projects", "places", "selection"}


def test_english():
    kart = Kart(lang="en").run()
    assert [t.value for t in kart.at.title] == ["Map"]
    assert "Charts for Trondheim" in kart.text()
