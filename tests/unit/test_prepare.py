"""geo/build/browser.py: geometry for the browser stays topologically sound, small and safe."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, Polygon, box

from geo.build import browser as prepare
from geo.build import sources
from geo.schema import CRS

# the committed copy of the 60 levekårssoner, as the build reads it
RAW_ZONES = (
    sources.SOURCES_DIR / "kundeprosjekt-levekarssoner" / "levekarssoner_trondheim_60.geojson"
)
X0, Y0 = 569_000.0, 7_032_000.0  # central Trondheim, EPSG:25832


def wiggly_squares() -> gpd.GeoDataFrame:
    """Two 200 m squares sharing a wiggly border (±4 m every 5 m), as an edge-matched coverage."""
    ys = np.arange(0.0, 200.0 + 1e-9, 5.0)
    xs = 200.0 + 4.0 * np.sin(ys / 7.0)
    xs[0] = xs[-1] = 200.0
    border = [(X0 + x, Y0 + y) for x, y in zip(xs, ys, strict=True)]
    left = Polygon([(X0, Y0), *border, (X0, Y0 + 200)])
    right = Polygon([*border, (X0 + 400, Y0 + 200), (X0 + 400, Y0)])
    return gpd.GeoDataFrame(
        {"area_id": ["a", "b"], "name": ["Venstre", "Høyre"], "secret": [1, 2]},
        geometry=[left, right],
        crs=CRS,
    )


def test_coverage_simplify_keeps_shared_border_shared() -> None:
    gdf = wiggly_squares()
    assert shapely.coverage_is_valid(gdf.geometry.values)
    simplified = prepare.simplify_coverage(gdf, tolerance_m=10.0)
    left, right = simplified.geometry.values
    assert shapely.get_num_coordinates(left) < shapely.get_num_coordinates(gdf.geometry.iloc[0])
    shared = shapely.intersection(left, right)
    assert shared.geom_type in ("LineString", "MultiLineString")
    assert shared.length > 150  # still one long common border
    assert shapely.intersection(left, right).area == pytest.approx(0.0, abs=1e-6)  # no overlap
    union = shapely.union_all([left, right])
    assert union.geom_type == "Polygon" and len(union.interiors) == 0  # no gap between them
    assert union.area == pytest.approx(gdf.union_all().area, rel=0.01)
    assert shapely.coverage_is_valid(simplified.geometry.values)


def test_non_coverage_layers_fall_back_to_per_geometry_simplify() -> None:
    line = LineString([(X0 + i, Y0 + (i % 2) * 0.5) for i in range(100)])
    lines = gpd.GeoDataFrame(geometry=[line], crs=CRS)
    simplified = prepare.simplify_coverage(lines, tolerance_m=2.0)
    assert shapely.get_num_coordinates(simplified.geometry.iloc[0]) == 2
    overlapping = gpd.GeoDataFrame(
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 50, Y0, X0 + 150, Y0 + 100)], crs=CRS
    )
    result = prepare.simplify_coverage(overlapping, tolerance_m=2.0)
    assert result.is_valid.all() and len(result) == 2


def test_browser_geojson_rounds_to_precision_and_stays_valid() -> None:
    fc = prepare.to_browser_geojson(wiggly_squares(), ["area_id"], tolerance_m=5.0, precision=5)
    coords = [c for f in fc["features"] for c in _flatten(f["geometry"]["coordinates"])]
    assert coords and all(isinstance(c, float) and round(c, 5) == c for c in coords)
    assert all(len(repr(c).split(".")[1]) <= 5 for c in coords)  # printed short, too
    for feature in fc["features"]:
        geom = _shape(feature)
        assert geom.is_valid and not geom.is_empty
        assert 10.0 < geom.centroid.x < 11.0 and 63.0 < geom.centroid.y < 64.0  # EPSG:4326


def test_browser_geojson_drops_what_rounding_makes_empty() -> None:
    tiny = box(X0, Y0, X0 + 0.1, Y0 + 0.1)  # 10 cm: nothing left on a 1 m grid
    gdf = gpd.GeoDataFrame(
        {"name": ["liten", "stor"]}, geometry=[tiny, box(X0, Y0, X0 + 50, Y0 + 50)], crs=CRS
    )
    fc = prepare.to_browser_geojson(gdf, ["name"])
    assert [f["properties"]["name"] for f in fc["features"]] == ["stor"]


def test_string_properties_are_html_escaped() -> None:
    gdf = wiggly_squares()
    gdf.loc[0, "name"] = "<script>alert('x')</script> & co"
    fc = prepare.to_browser_geojson(gdf, ["area_id", "name"])
    assert fc["features"][0]["properties"]["name"] == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co"
    )
    assert "<script>" not in json.dumps(fc)


def test_only_requested_columns_are_sent() -> None:
    fc = prepare.to_browser_geojson(wiggly_squares(), ["area_id", "name"])
    assert all(set(f["properties"]) == {"area_id", "name"} for f in fc["features"])
    assert "secret" not in json.dumps(fc)
    with pytest.raises(KeyError):
        prepare.to_browser_geojson(wiggly_squares(), ["missing"])


def test_properties_are_plain_json_values() -> None:
    gdf = wiggly_squares()
    gdf["is_focus"] = np.array([True, False])
    gdf["share"] = [0.5, float("nan")]
    fc = prepare.to_browser_geojson(gdf, ["is_focus", "secret", "share"])
    props = [f["properties"] for f in fc["features"]]
    assert props == [
        {"is_focus": True, "secret": 1, "share": 0.5},
        {"is_focus": False, "secret": 2, "share": None},
    ]
    json.dumps(fc, allow_nan=False)


def test_size_goes_down_with_tolerance() -> None:
    sizes = [
        prepare.geojson_bytes(prepare.to_browser_geojson(wiggly_squares(), ["area_id"], tol))
        for tol in (None, 1.0, 5.0, 20.0)
    ]
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] < sizes[0] / 2


def test_geojson_bytes_is_compact_json() -> None:
    fc = prepare.to_browser_geojson(wiggly_squares(), ["name"])
    assert prepare.geojson_bytes(fc) == len(json.dumps(fc, separators=(",", ":")).encode())
    assert prepare.geojson_bytes(fc) < len(json.dumps(fc).encode())


def test_tolerance_for_zoom_halves_per_zoom_step() -> None:
    for zoom in range(10, 18):
        ratio = prepare.tolerance_for_zoom(zoom) / prepare.tolerance_for_zoom(zoom + 1)
        assert ratio == pytest.approx(2.0)
    # one pixel at zoom 13 in Trondheim is about 8.6 m; at the equator 19.1 m
    assert prepare.tolerance_for_zoom(13) == pytest.approx(8.56, abs=0.05)
    assert prepare.tolerance_for_zoom(13, latitude=0) == pytest.approx(19.11, abs=0.05)


def test_prepared_output_is_deterministic() -> None:
    first = prepare.to_browser_geojson(wiggly_squares(), ["area_id", "name"], 5.0)
    second = prepare.to_browser_geojson(wiggly_squares(), ["area_id", "name"], 5.0)
    assert json.dumps(first) == json.dumps(second)


# --- base map ------------------------------------------------------------------------------


def fake_layers() -> dict[str, gpd.GeoDataFrame]:
    cx, cy = 570_000.0, 7_033_000.0  # inside CENTRAL_TRONDHEIM_BBOX

    def street(dx: float) -> LineString:
        return LineString([(cx + dx, cy - 500), (cx + dx, cy + 500)])

    streets = gpd.GeoDataFrame(
        {
            "osm_class": ["primary", "primary", "minor", "service", "primary"],
            "brunnel": [None, None, None, None, "tunnel"],
        },
        geometry=[
            street(0),
            LineString([(cx, cy + 500), (cx + 300, cy + 900)]),
            street(200),
            street(400),
            street(600),  # a tunnel: not drawn
        ],
        crs=CRS,
    )
    water = gpd.GeoDataFrame(
        {"layer": ["water", "landcover"]},
        geometry=[box(cx - 900, cy, cx - 300, cy + 600), box(cx, cy, cx + 9, cy + 9)],
        crs=CRS,
    )
    parks = gpd.GeoDataFrame(
        {"osm_class": ["grass", "grass"], "osm_subclass": ["park", "garden"]},
        geometry=[
            box(cx + 500, cy, cx + 800, cy + 300),
            box(cx - 200, cy - 200, cx - 100, cy - 100),
        ],
        crs=CRS,
    )
    buildings = gpd.GeoDataFrame(
        geometry=[box(cx + 20 + i * 30, cy + 20, cx + 40 + i * 30, cy + 40) for i in range(5)],
        crs=CRS,
    )
    outline = gpd.GeoDataFrame(geometry=[box(560_000, 7_020_000, 580_000, 7_040_000)], crs=CRS)
    far = gpd.GeoDataFrame(
        {"osm_class": ["primary"]},
        geometry=[LineString([(590_000, 7_050_000), (591_000, 7_050_000)])],
        crs=CRS,
    )
    return {
        "outline": outline,
        "base_water": water,
        "base_parks": parks,
        "base_streets": gpd.GeoDataFrame(pd.concat([streets, far]), crs=CRS),
        "base_buildings": buildings,
    }


def test_basemap_picks_layers_and_classes_by_zoom() -> None:
    at13 = prepare.basemap(fake_layers(), 13)
    assert list(at13) == ["base_water", "base_parks", "base_streets", "outline"]  # drawing order
    classes = {f["properties"]["osm_class"] for f in at13["base_streets"]["features"]}
    assert classes == {"primary"}
    assert len(at13["base_streets"]["features"]) == 1  # one multi-line per class
    assert at13["base_streets"]["features"][0]["geometry"]["type"] == "MultiLineString"
    # the two touching primary pieces are merged into one line; the tunnel is left out
    assert len(at13["base_streets"]["features"][0]["geometry"]["coordinates"]) == 1
    at14 = prepare.basemap(fake_layers(), 14)
    assert {f["properties"]["osm_class"] for f in at14["base_streets"]["features"]} == {
        "primary",
        "minor",
    }
    at15 = prepare.basemap(fake_layers(), 15)
    assert "base_buildings" in at15
    at11 = prepare.basemap(fake_layers(), 11)
    assert list(at11) == ["outline"]  # the overview of the whole kommune: no clipped layers


def test_basemap_filters_classes_clips_and_drops_specks() -> None:
    layers = fake_layers()
    at13 = prepare.basemap(layers, 13)
    # the garden is not green space; the 9 m "landcover" speck is not water
    assert len(_parts(at13["base_parks"])) == 1
    assert len(_parts(at13["base_water"])) == 1
    xmin, ymin, xmax, ymax = (
        gpd.GeoSeries([box(*prepare.CENTRAL_TRONDHEIM_BBOX)], crs=CRS).to_crs(4326).total_bounds
    )
    streets = shapely.get_coordinates([_shape(f) for f in at13["base_streets"]["features"]])
    assert (streets[:, 0] <= xmax).all() and (streets[:, 1] <= ymax).all()  # far street clipped
    assert at13 == prepare.basemap(layers, 13)  # deterministic, so st.cache_data can keep it


def test_real_zones_shrink_far_below_raw_size() -> None:
    zones = sources.read_levekarssoner()
    raw_bytes = RAW_ZONES.stat().st_size
    fc = prepare.to_browser_geojson(zones, ["name"], prepare.tolerance_for_zoom(12))
    assert len(fc["features"]) == 60
    assert prepare.geojson_bytes(fc) <= 120_000 < raw_bytes / 30
    projected = gpd.GeoDataFrame(geometry=[_shape(f) for f in fc["features"]], crs=4326).to_crs(CRS)
    assert projected.is_valid.all()
    assert projected.area.sum() == pytest.approx(zones.to_crs(CRS).area.sum(), rel=0.01)


def _shape(feature: dict) -> shapely.Geometry:
    return shapely.geometry.shape(feature["geometry"])


def _flatten(nested: list | tuple) -> list[float]:
    if isinstance(nested, list | tuple):
        return [c for item in nested for c in _flatten(item)]
    return [nested]


def _parts(fc: dict) -> list[shapely.Geometry]:
    return [p for f in fc["features"] for p in shapely.get_parts(_shape(f))]
