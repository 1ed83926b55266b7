"""geo.analysis.select: drawn shapes from the browser, and what lies inside them, in metres."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box, mapping

from geo.analysis import select
from geo.schema import CRS, WEB_CRS

ORIGIN = (569_000.0, 7_033_000.0)  # central Trondheim in EPSG:25832


def _local_box(x0: float, y0: float, x1: float, y1: float):
    return box(ORIGIN[0] + x0, ORIGIN[1] + y0, ORIGIN[0] + x1, ORIGIN[1] + y1)


def _as_browser_feature(geometry, **properties) -> dict:
    web = gpd.GeoSeries([geometry], crs=CRS).to_crs(WEB_CRS).iloc[0]
    return {"type": "Feature", "properties": properties, "geometry": mapping(web)}


@pytest.fixture
def layers():
    zones = gpd.GeoDataFrame(
        {"area_id": ["west", "east"], "name": ["Vest", "Øst"]},
        geometry=[_local_box(0, 0, 100, 100), _local_box(100, 0, 200, 100)],
        crs=CRS,
    )

    def points(xs, **columns):
        return gpd.GeoDataFrame(
            columns,
            geometry=[Point(ORIGIN[0] + x, ORIGIN[1] + 50) for x in xs],
            crs=CRS,
        )

    return {
        "zones": zones,
        "projects": points(
            [20, 80, 160],
            status=["pagar", "ide", "pagar"],
            goal=["stedsutvikling"] * 3,
            budget_nok=[100.0, 200.0, 400.0],
        ),
        "places": points([10, 60, 190], place_type=["park", "park", "skole"]),
        "grants": points([30], status=["innvilget"], amount_granted=[5000.0]),
    }


def test_a_drawn_rectangle_comes_back_in_metres():
    shape = select.shape_from_drawing(_as_browser_feature(_local_box(0, 0, 100, 50)))
    assert shape is not None
    assert shape.area == pytest.approx(5000, rel=0.01)


def test_a_drawn_circle_is_buffered_by_its_radius_in_metres():
    centre = Point(*ORIGIN)
    shape = select.shape_from_drawing(_as_browser_feature(centre, radius=100.0))
    assert shape is not None
    assert shape.area == pytest.approx(3.14159 * 100**2, rel=0.01)


@pytest.mark.parametrize(
    "feature",
    [
        None,
        "garbage",
        {"type": "Feature", "properties": {}, "geometry": None},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": []}},
        {"type": "Feature", "properties": {"radius": -1}, "geometry": mapping(Point(10.4, 63.4))},
        {
            "type": "Feature",
            "properties": {"fid": "projects:1"},
            "geometry": mapping(Point(10, 63)),
        },
        # a zone polygon is a click, not a drawing
        {
            "type": "Feature",
            "properties": {"area_id": "lks-09"},
            "geometry": mapping(box(10.4, 63.4, 10.41, 63.41)),
        },
    ],
)
def test_what_is_not_a_drawing_gives_none(feature):
    assert select.shape_from_drawing(feature) is None


def test_summary_counts_sums_and_zone_cover(layers):
    shape = _local_box(0, 0, 100, 100).union(_local_box(100, 0, 150, 100))  # west + half east
    result = select.summarise(
        shape,
        projects=layers["projects"],
        places=layers["places"],
        grants=layers["grants"],
        zones=layers["zones"],
    )
    assert result.projects_by_status == {"ide": 1, "pagar": 1}
    assert result.n_projects == 2
    assert result.budget_nok == 300.0
    assert result.places_by_type == {"park": 2}
    assert result.grants_by_status == {"innvilget": 1} and result.granted_nok == 5000.0
    cover = dict(zip(result.zone_cover["area_id"], result.zone_cover["share"], strict=True))
    assert cover["west"] == pytest.approx(1.0)
    assert cover["east"] == pytest.approx(0.5)
    assert result.zone_cover["area_id"].tolist() == ["west", "east"]  # largest share first


def test_inside_works_on_layers_in_web_coordinates(layers):
    web_places = layers["places"].to_crs(WEB_CRS)
    inside = select.inside(web_places, _local_box(0, 0, 100, 100))
    assert inside.index.tolist() == [0, 1]


def test_an_empty_selection_has_zero_counts(layers):
    far = _local_box(10_000, 10_000, 10_100, 10_100)
    result = select.summarise(far, **layers)
    assert result.n_projects == result.n_places == result.n_grants == 0
    assert result.zone_cover.empty
