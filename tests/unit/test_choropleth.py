"""components/maps/choropleth.py: class colours, hidden zones grey, no CDN, escaped text."""

from __future__ import annotations

from components.maps import choropleth
from components.maps.click import clicked_area_id
from geo.analysis import indicators
from tests.unit.test_map import fake_zones

LABELS = {"zone": "Levekårssone", "value": "Andel (prosent), 2025"}


def _values() -> dict[str, float]:
    return {f"z{i:02d}": float(i) for i in range(60)}


def _render(hidden: set[str] = frozenset(), direction: str = "lower_better") -> tuple[str, dict]:
    values = _values()
    for area_id in hidden:
        values[area_id] = float("nan")
    classes = indicators.classify(values.values(), direction)
    texts = {k: ("skjult (få personer)" if k in hidden else f"{v:.1f}") for k, v in values.items()}
    texts["z09"] = "<script>alert(1)</script>"
    kwargs = dict(values=values, classes=classes, value_text=texts, labels=LABELS, hidden=hidden)
    layer = choropleth.choropleth_layer(fake_zones(), **kwargs)
    html = choropleth.choropleth_map(fake_zones(), **kwargs).get_root().render()
    return html, {f["properties"]["area_id"]: f["properties"] for f in layer.data["features"]}


def test_darker_is_worse_for_both_directions():
    colours = choropleth.palette(5)
    _html, props = _render(direction="lower_better")
    assert props["z59"]["fill"] == colours[-1]  # highest value, lower is better: darkest
    assert props["z00"]["fill"] == colours[0]
    _html, props = _render(direction="higher_better")
    assert props["z00"]["fill"] == colours[-1]
    assert props["z59"]["fill"] == colours[0]


def test_hidden_zone_is_grey_with_words_and_no_value():
    html, props = _render(hidden={"z05"})
    assert props["z05"]["fill"] == choropleth.HIDDEN_FILL
    assert props["z05"]["value_text"] == "skjult (få personer)"
    assert props["z05"]["hidden"] is True


def test_no_cdn_and_no_branca_colormap():
    html, _props = _render()
    assert "d3.js" not in html and "d3.min.js" not in html
    assert "cdn" not in html.lower().replace("cdn.jsdelivr", "")  # Leaflet is local
    assert "cdn.jsdelivr" not in html


def test_text_is_escaped():
    html, props = _render()
    assert props["z09"]["value_text"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script>alert(1)</script>" not in html


def test_a_click_reads_the_zone_as_on_the_overview_map():
    state = {
        "last_active_drawing": {
            "type": "Feature",
            "properties": {"area_id": "z07", "value_text": "3,0"},
            "geometry": {"type": "Polygon", "coordinates": []},
        }
    }
    assert clicked_area_id(state) == "z07"


def test_legend_entries_follow_the_classes():
    classes = indicators.classify([1.0, 2.0, 3.0, 4.0, 5.0], "higher_better", n_classes=2)
    entries = choropleth.legend_entries(classes, lambda v: f"{v:.0f}")
    assert [label for _colour, label in entries] == ["1 – 3", "3 – 5"]
    assert entries[0][0] == choropleth.palette(2)[1]  # low values are worse: darker
