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


# the feature groups of the default view, bottom first as drawn
DEFAULT_GROUPS = {"choropleth", "zone labels", "kindergartens", "places", "projects", "selection"}


@pytest.fixture(scope="module")
def first() -> Kart:
    """The page with nothing chosen (shared by the read-only tests of this module)."""
    return Kart().run()


def test_the_page_runs_with_every_default_layer_and_the_sample_marked(first: Kart):
    assert [t.value for t in first.at.title] == ["Kart"]
    assert "illustrative eksempeldata" in first.at.warning[0].value
    sizes = first.map.layer_sizes()
    assert set(sizes) == DEFAULT_GROUPS
    assert sizes["projects"] > 0 and sizes["places"] > 0 and sizes["choropleth"] == 60
    assert {key for key in first.chart.charts if key} == {
        "kart_chart_projects",
        "kart_chart_budget",
        "kart_chart_places",
        "kart_chart_ranking",
    }
    assert len(first.table()) == sizes["projects"] + sizes["places"] + sizes["kindergartens"]


def test_every_layer_can_be_switched_on(first: Kart):
    kart = Kart()
    kart.run()
    for layer in ("grants", "worship", "catchments", "stops"):
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


def test_a_zone_click_compares_the_zone_with_the_focus_zones():
    kart = Kart()
    kart.map.value = _zone_click("lks-09")
    kart.run()
    assert "Lademoen sammenlignet med satsingssonene" in kart.text()
    assert "Innenfor: Lademoen" in kart.text()
    assert kart.at.query_params["zone"] == "lks-09"
    scopes = set(kart.chart.data("kart_chart_places")["scope"])
    assert scopes == {"Lademoen", "Satsingssonene"}


def test_with_every_zone_the_comparison_is_trondheim():
    kart = Kart(zones="all")
    kart.map.value = _zone_click("lks-09")
    kart.run()
    assert "Lademoen sammenlignet med Trondheim" in kart.text()
    assert kart.at.session_state["kart_f_zones"] == []
    assert set(kart.chart.data("kart_chart_places")["scope"]) == {"Lademoen", "Trondheim"}
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
    # money through Babel (a no-break space before kr), marked as an example in its own text
    assert "\u00a0kr (eksempel) |" in text
    assert f"#### {projects.loc[label, 'name']} (eksempel)" in text
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
    assert "Tegnet område sammenlignet med satsingssonene" in text
    assert "zone" not in kart.at.query_params


def test_picking_a_zone_in_the_ranking_chart_selects_it_on_the_map():
    kart = Kart()
    kart.chart.pick = ("kart_chart_ranking", {"area_id": "lks-26"})
    kart.run()
    assert kart.at.query_params["zone"] == "lks-26"
    assert "Tempe-Sorgenfri sammenlignet med satsingssonene" in kart.text()
    assert kart.map.layer_sizes()["selection"] == 1


def test_picking_a_place_type_in_the_chart_rings_those_places_on_the_map():
    from components import data

    tables = data.tables()
    places, areas = tables["meeting_places"], tables["areas"]
    focus = set(areas.loc[areas["is_focus"].astype(bool), "area_id"])
    libraries = places[(places["place_type"] == "bibliotek") & places["area_id"].isin(focus)]
    kart = Kart()
    kart.chart.pick = ("kart_chart_places", {"place_type": "bibliotek"})
    kart.run()
    assert kart.map.layer_sizes()["selection"] == len(libraries) > 0
    # the panel names the pick instead of "nothing is selected"
    text = kart.text()
    assert "Valgt i diagrammet: Bibliotek" in text and "Ingenting er valgt" not in text
    assert [m.value for m in kart.at.metric] == [str(len(libraries))]
    for name in libraries["name"]:
        assert name in text
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
    assert set(kart.map.layer_sizes()) == {"areas", "zone labels", "places", "stops", "selection"}
    assert "Lademoen sammenlignet med satsingssonene" in kart.text()
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
    assert set(kart.map.layer_sizes()) == DEFAULT_GROUPS


def test_english():
    kart = Kart(lang="en").run()
    assert [t.value for t in kart.at.title] == ["Map"]
    assert "Charts for the focus zones" in kart.text()


def _metrics(kart: Kart) -> dict[str, str]:
    return {m.label: m.value for m in kart.at.metric}


def _rectangle() -> dict[str, Any]:
    ring = [[10.40, 63.425], [10.44, 63.425], [10.44, 63.44], [10.40, 63.44], [10.40, 63.425]]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _layer_rows(kart: Kart, layer: str) -> int:
    names = {"places": "Møteplasser", "kindergartens": "Barnehager", "projects": "Prosjekter"}
    table = kart.table()
    return int(table["Kartlag"].str.startswith(names[layer]).sum())


def test_panel_and_table_count_the_same_meeting_places():
    kart = Kart()
    kart.map.value = _zone_click("lks-09")
    kart.run()
    # kindergartens are meeting places too, on by default: panel and table (and the CSV made
    # from the same rows) count them, as the overview's zone card does
    both = _layer_rows(kart, "places") + _layer_rows(kart, "kindergartens")
    assert _metrics(kart)["Møteplasser"] == str(both)
    assert "Barnehage" in kart.text().split("Møteplasser etter type:")[1].split("\n")[0]
    # without the kindergarten layer none is counted anywhere
    kart.at.checkbox(key="kart_layer_kindergartens").uncheck()
    kart.run()
    places = _layer_rows(kart, "places")
    assert 0 < places < both and _layer_rows(kart, "kindergartens") == 0
    assert _metrics(kart)["Møteplasser"] == str(places)
    assert "Barnehage" not in kart.text().split("Møteplasser etter type:")[1].split("\n")[0]
    # money on a line of its own, whole, and marked as an example
    assert _metrics(kart)["Budsjett"].endswith("kr (eksempel)")


def test_a_hidden_layer_is_not_counted_in_the_panel():
    kart = Kart(layers="places")
    kart.map.value = _zone_click("lks-09")
    kart.run()
    assert set(_metrics(kart)) == {"Møteplasser"}


def test_a_drawn_area_goes_into_the_permalink_and_comes_back():
    kart = Kart()
    kart.map.value = {"last_active_drawing": _rectangle()}
    kart.run()
    drawn = kart.at.query_params["draw"]
    assert drawn.startswith("p:63.425000,10.400000;")
    # the outline the map shows: a white casing and the dark line over it
    assert kart.map.layer_sizes()["selection"] == 2
    again = Kart(draw=drawn).run()
    assert "Innenfor: Tegnet område" in again.text()
    assert again.map.layer_sizes()["selection"] == 2
    assert again.at.query_params["draw"] == drawn
    assert _metrics(again) == _metrics(kart)
    again.at.button(key="kart_clear").click()
    again.run()
    assert "draw" not in again.at.query_params
    assert again.map.layer_sizes()["selection"] == 0


def test_a_drawn_circle_comes_back_from_the_permalink():
    kart = Kart(draw="c:63.430000,10.410000,400.0").run()
    assert "Innenfor: Tegnet område" in kart.text()
    assert "0,50\u00a0km²" in kart.text()  # π × 400² m² ≈ 0.50 km²


def test_a_malformed_drawing_is_ignored_with_a_notice():
    kart = Kart(draw="p:63.4,10.4;91,10.5").run()
    notice = [c.value for c in kart.at.caption if "ignorert" in c.value]
    assert len(notice) == 1 and "draw" in notice[0]
    assert "draw" not in kart.at.query_params
    assert "Ingenting er valgt" in kart.text()


def test_points_at_the_same_spot_are_listed_in_the_detail_panel():
    from components import data
    from geo.schema import CRS

    tables = data.tables()
    projects = tables["projects"].to_crs(CRS)
    places = tables["meeting_places"].to_crs(CRS)
    # a project drawn over a meeting place (the sample puts some at a place)
    label = next(
        label
        for label, point in projects.geometry.items()
        if (places.geometry.distance(point) < 1).any()
    )
    under = places[places.geometry.distance(projects.geometry[label]) < 1]
    kart = Kart()
    kart.map.value = {
        "last_active_drawing": {
            "type": "Feature",
            "properties": {"fid": f"projects:{label}", "name": "?"},
            "geometry": {"type": "Point", "coordinates": [10.4, 63.4]},
        }
    }
    kart.run()
    assert "På samme sted på kartet" in kart.text()
    key = f"kart_nearby_places:{under.index[0]}"
    kart.at.button(key=key).click()
    kart.run()
    assert f"#### {under['name'].iloc[0]}" in kart.text()


def test_yes_no_fields_read_ja_or_nei():
    from components import data

    places = data.tables()["meeting_places"]
    label = int(places.index[places["place_type"] != "barnehage"][0])
    kart = Kart()
    kart.map.value = {
        "last_active_drawing": {
            "type": "Feature",
            "properties": {"fid": f"places:{label}", "name": "?"},
            "geometry": {"type": "Point", "coordinates": [10.4, 63.4]},
        }
    }
    kart.run()
    text = kart.text()
    assert "| Innendørs | Ja |" in text or "| Innendørs | Nei |" in text
    assert "False" not in text and "True" not in text
