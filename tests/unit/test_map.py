"""components/maps/overview.py and map_style.py: render the folium map and assert on its HTML."""

from __future__ import annotations

import copy
import json
import re

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from components.maps import overview as area_map
from components.maps import style as map_style
from geo.build import browser as prepare
from geo.build import sources
from geo.schema import CRS, Goal, PlaceType, ProjectStatus

LABELS = {"zone": "Levekårssone"}
FOCUS = {"z09": "Lademoen", "z07": "Møllenberg", "z26": "<b>Tempe</b> & Sorgenfri"}


def fake_zones() -> dict:
    """60 edge-matched 300 m squares (10 x 6) through the real preparation path."""
    x0, y0 = 567_000.0, 7_031_000.0
    rows = []
    for i in range(60):
        col, row = i % 10, i // 10
        area_id = f"z{i:02d}"
        rows.append(
            {
                "area_id": area_id,
                "name": FOCUS.get(area_id, f"Sone {i}"),
                "is_focus": area_id in FOCUS,
                "geometry": box(
                    x0 + col * 300, y0 + row * 300, x0 + col * 300 + 300, y0 + row * 300 + 300
                ),
            }
        )
    gdf = gpd.GeoDataFrame(rows, crs=CRS)
    return prepare.to_browser_geojson(gdf, ["area_id", "name", "is_focus"], tolerance_m=5.0)


def fake_points(n: int, code_column: str, codes: list[str]) -> dict:
    gdf = gpd.GeoDataFrame(
        {
            "name": [f"Sted {i}" if i else "<img src=x onerror=alert(1)>" for i in range(n)],
            code_column: [codes[i % len(codes)] for i in range(n)],
            "type_label": [f"Type {codes[i % len(codes)]}" for i in range(n)],
        },
        geometry=[Point(568_000 + 40 * i, 7_032_000 + 25 * i) for i in range(n)],
        crs=CRS,
    )
    return prepare.to_browser_geojson(gdf, ["name", code_column, "type_label"])


def point_layers() -> list[area_map.PointLayer]:
    return [
        area_map.PointLayer(
            name="Prosjekter (eksempeldata)",
            data=fake_points(20, "status", [s.value for s in ProjectStatus]),
            colour_by="status",
            colours=map_style.STATUS_COLOURS,
            marker="projects",
        ),
        area_map.PointLayer(
            name="Møteplasser",
            data=fake_points(30, "place_type", [p.value for p in PlaceType]),
            colour_by="place_type",
            colours=map_style.PLACE_TYPE_COLOURS,
            show=False,
        ),
    ]


def render(**overrides: object) -> str:
    kwargs: dict = {"zones": fake_zones(), "labels": LABELS, "points": point_layers()}
    kwargs.update(overrides)
    return area_map.overview_map(**kwargs).get_root().render()


def test_all_60_zones_in_one_geojson_layer() -> None:
    page = render()
    assert page.count('"area_id":') == 60
    assert page.count("L.geoJson(") == 1 + 2  # the zones and the two point layers


def test_selected_zone_gets_the_selected_style() -> None:
    page = render(selected_area_id="z33")
    selected = _style_for(page, "z33")
    assert selected["color"] == map_style.SELECTED_ZONE_STYLE["color"]
    assert selected["weight"] == map_style.SELECTED_ZONE_STYLE["weight"]
    assert _style_for(page, "z34")["color"] == map_style.ZONE_STYLE["color"]
    assert _style_for(page, "z26")["fillColor"] == map_style.FOCUS_ZONE_STYLE["fillColor"]
    focus = area_map.zone_style({"area_id": "z09", "is_focus": True}, "z09")
    assert focus["fillColor"] == map_style.FOCUS_ZONE_STYLE["fillColor"]  # keeps its fill
    assert focus["color"] == map_style.SELECTED_ZONE_STYLE["color"]
    # drawn last, so its thick outline is on top of its neighbours'
    zones_data = page[page.index('"area_id":"z') - 200 :]
    assert zones_data.index('"area_id":"z33"') > zones_data.rindex('"area_id":"z26"')


def test_hover_never_thins_the_outline() -> None:
    selected = area_map.zone_style({"area_id": "a", "is_focus": False}, "a")
    assert area_map.hover_style(selected)["weight"] == selected["weight"]
    plain = area_map.zone_style({"area_id": "b", "is_focus": False}, "a")
    assert area_map.hover_style(plain)["weight"] > plain["weight"]


def test_focus_zones_are_labelled_and_escaped() -> None:
    fmap = area_map.overview_map(zones=fake_zones(), labels=LABELS)
    icons = [e for e in _walk(fmap) if isinstance(e, folium.DivIcon)]
    texts = sorted(icon.options["html"] for icon in icons)
    assert len(texts) == 3
    assert '<div class="ok-zone-label">&lt;b&gt;Tempe&lt;/b&gt; &amp; Sorgenfri</div>' in texts
    page = fmap.get_root().render()
    assert "<b>Tempe" not in page and "&amp;amp;" not in page  # escaped once, not twice
    assert page.count("L.marker(") == 3  # the labels are the only markers
    assert '"interactive":false' in page.replace(" ", "").replace("\n", "")


def test_points_are_one_geojson_per_layer_with_circle_markers() -> None:
    page = render()
    assert page.count("L.marker(") == 3  # only the 3 focus labels, not one per point
    assert page.count("new L.CircleMarker(latlng, opts)") == 2
    assert page.count("L.featureGroup(") == 3  # the labels, projects and places
    assert "Prosjekter (eksempeldata)" in page and "M\\u00f8teplasser" in page
    assert map_style.STATUS_COLOURS[ProjectStatus.PAGAR] in page
    assert map_style.PLACE_TYPE_COLOURS[PlaceType.NABOLAGSHUS] in page
    assert "<img src=x" not in page  # the escaped name goes in as &lt;img ...


def test_point_tooltips_show_translated_values_without_field_names() -> None:
    fmap = area_map.overview_map(zones=fake_zones(), labels=LABELS, points=point_layers())
    tooltips = [e for e in _walk(fmap) if isinstance(e, folium.GeoJsonTooltip)]
    point_tips = [t for t in tooltips if t.fields != [area_map.ZONE_TOOLTIP_FIELD]]
    assert [t.fields for t in point_tips] == [["name", "type_label"]] * 2
    assert all(t.labels is False for t in point_tips)


def test_zone_tooltip_uses_the_escaped_translated_alias() -> None:
    fmap = area_map.overview_map(zones=fake_zones(), labels={"zone": "<i>Sone</i> & co"})
    (tooltip,) = [e for e in _walk(fmap) if isinstance(e, folium.GeoJsonTooltip)]
    assert tooltip.fields == ["name"]
    assert tooltip.aliases == ["&lt;i&gt;Sone&lt;/i&gt; &amp; co"]
    assert "<i>Sone" not in fmap.get_root().render()


def test_no_tiles_unless_online() -> None:
    page = render()
    assert "L.tileLayer(" not in page
    assert "cache.kartverket.no" not in page and "tile.openstreetmap.org" not in page
    assert '"preferCanvas": true' in page
    online = render(tiles_online=True)
    assert online.count("L.tileLayer(") == 2
    assert area_map.KARTVERKET_GREY_URL in online and "tile.openstreetmap.org" in online
    assert "\\u00a9 Kartverket" in online and "\\u00a9 OpenStreetMap contributors" in online
    assert "L.control.layers(" in online


def test_data_attribution_without_tiles() -> None:
    page = render()
    assert "attributionControl.addAttribution(" in page
    assert "Trondheim kommune, SSB, Kartverket, \\u00a9 OpenStreetMap contributors" in page


def test_basemap_is_drawn_below_zones_and_not_interactive() -> None:
    basemap = {
        "base_water": {"type": "FeatureCollection", "features": [_square(10.40, 63.43)]},
        "base_streets": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"osm_class": "primary"},
                    "geometry": {"type": "LineString", "coordinates": [[10.4, 63.4], [10.5, 63.5]]},
                }
            ],
        },
    }
    page = render(basemap=basemap)
    assert page.count("L.geoJson(") == 2 + 1 + 2
    assert page.index(map_style.BASEMAP_STYLES["base_water"]["fillColor"]) < page.index(
        '"area_id":"z00"'
    )
    assert page.count('"interactive": false') == 2 + 3  # the base layers and the 3 labels
    assert f'"weight": {map_style.STREET_STYLES["primary"]["weight"]}' in page


def test_input_data_is_not_modified() -> None:
    zones, layers = fake_zones(), point_layers()
    before = copy.deepcopy((zones, [layer.data for layer in layers]))
    area_map.overview_map(zones=zones, labels=LABELS, points=layers).get_root().render()
    assert (zones, [layer.data for layer in layers]) == before


def test_map_loads_no_remote_assets() -> None:
    offline = pytest.importorskip("components.maps.offline")
    fmap = area_map.overview_map(zones=fake_zones(), labels=LABELS, points=point_layers())
    assert offline.remote_asset_urls(fmap) == []


def test_clicked_area_id() -> None:
    from components.maps import click as area_map  # the click contract, read as before

    zone = {
        "type": "Feature",
        "properties": {"area_id": "z09", "name": "Lademoen", "is_focus": True},
        "geometry": {"type": "MultiPolygon", "coordinates": [[[[10.4, 63.4]]]]},
    }
    point = {
        "type": "Feature",
        "id": "0",
        "properties": {"name": "Lademoen bydelshus", "place_type": "nabolagshus"},
        "geometry": {"type": "Point", "coordinates": [10.42, 63.44]},
    }
    assert area_map.clicked_area_id(None) is None
    assert area_map.clicked_area_id({}) is None
    assert area_map.clicked_area_id({"last_active_drawing": None}) is None
    assert area_map.clicked_area_id({"last_active_drawing": point}) is None
    assert area_map.clicked_area_id({"last_active_drawing": zone}) == "z09"
    escaped = {**zone, "properties": {"area_id": "a&amp;b"}}  # as geo.build.browser sent it
    assert area_map.clicked_area_id({"last_active_drawing": escaped}) == "a&b"
    no_id = {**zone, "properties": {"name": "x"}}
    assert area_map.clicked_area_id({"last_active_drawing": no_id}) is None


def test_real_zones_render() -> None:
    gdf = sources.read_levekarssoner()  # the committed copy in data/sources
    gdf["area_id"] = "lks-" + gdf["feature_index"].astype(str)
    gdf["is_focus"] = gdf["name"].isin(["Lademoen", "Møllenberg", "Tempe-Sorgenfri"])
    zones = prepare.to_browser_geojson(
        gdf, ["area_id", "name", "is_focus"], prepare.tolerance_for_zoom(13)
    )
    page = area_map.overview_map(zones=zones, labels=LABELS, selected_area_id="lks-9")
    html_page = page.get_root().render()
    assert html_page.count('"area_id":') == 60
    assert html_page.count("L.marker(") == 3
    # folium embeds the data compactly: the page is barely larger than the data itself
    assert len(html_page.encode()) < prepare.geojson_bytes(zones) + 30_000


# --- the style registry ---------------------------------------------------------------------


def test_colour_registries_cover_every_code() -> None:
    assert set(map_style.PLACE_TYPE_COLOURS) == {p.value for p in PlaceType}
    assert set(map_style.STATUS_COLOURS) == {s.value for s in ProjectStatus}
    assert set(map_style.GOAL_COLOURS) == {g.value for g in Goal}
    for registry in (map_style.PLACE_TYPE_COLOURS, map_style.STATUS_COLOURS):
        assert len(set(registry.values())) == len(registry)  # distinct colours
    assert [key for _, _, key in map_style.ZONE_LEGEND] == [
        "map.legend_focus",
        "map.legend_zone",
        "map.legend_selected",
    ]


def test_label_text_contrast() -> None:
    text = map_style.LABEL_TEXT_COLOUR
    assert _contrast(text, map_style.LABEL_HALO_COLOUR) >= 4.5
    # even where the halo thins, the text stays readable on the focus fill over land
    focus_on_land = _blend(
        map_style.FOCUS_ZONE_STYLE["fillColor"],
        map_style.LAND_COLOUR,
        map_style.FOCUS_ZONE_STYLE["fillOpacity"],
    )
    assert _contrast(text, focus_on_land) >= 4.5


def _walk(element: object):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def _style_for(page: str, area_id: str) -> dict:
    """The style folium's rendered switch gives a zone (a `case` group or the `default`)."""
    styler = page[page.index("_styler(feature)") : page.index("_highlighter(feature)")]
    for cases, style in re.findall(r'((?:case "[^"]+":\s*)+)return (\{.*?\});', styler):
        if f'"{area_id}"' in cases:
            return json.loads(style)
    return json.loads(re.search(r"default:\s*return (\{.*?\});", styler).group(1))


def _square(lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _blend(top: str, bottom: str, alpha: float) -> str:
    mixed = [alpha * t + (1 - alpha) * b for t, b in zip(_rgb(top), _rgb(bottom), strict=True)]
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
