"""Meeting places: the OSM type mapping, de-duplication across sources, zones."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.build.meeting_places import (
    classify_poi,
    deduplicate,
    drop_unit_headers,
    name_similarity,
    osm_box,
)
from geo.build.sources import ATTRIBUTION
from geo.schema import CRS, PlaceType


@pytest.mark.parametrize(
    ("osm_class", "subclass", "name", "expected"),
    [
        ("leisure", "playground", None, PlaceType.LEKEPLASS),
        ("park", "park", "Lademoparken", PlaceType.PARK),
        ("library", "library", "Valgrinda bibliotek", PlaceType.BIBLIOTEK),
        ("school", "school", "Bispehaugen skole", PlaceType.SKOLE),
        ("school", "kindergarten", "Tempe barnehage", PlaceType.BARNEHAGE),
        ("amenity", "place_of_worship", "Lademoen kirke", PlaceType.KIRKE),
        ("leisure", "sports_centre", "Trikkestallen", PlaceType.IDRETT),
        ("leisure", "pitch", None, PlaceType.IDRETT),
        ("stadium", "stadium", "Lerkendal stadion", PlaceType.IDRETT),
        ("town_hall", "community_centre", "Lademoen bydelshus", PlaceType.NABOLAGSHUS),
        ("cafe", "cafe", "Ladejarlen Kafé", PlaceType.KAFE),
        # the name says more than the class
        ("amenity", "restaurant", "Løkkan Frivillighetssentral", PlaceType.NABOLAGSHUS),
        (None, None, "Verkstedhallen", PlaceType.NABOLAGSHUS),
        (None, None, "Byåsen fritidsklubb", PlaceType.UNGDOM),
        (None, None, "UKM Trøndelag", PlaceType.UNGDOM),
    ],
)
def test_poi_classes_map_to_place_types(
    osm_class: str | None, subclass: str | None, name: str | None, expected: PlaceType
) -> None:
    rule = classify_poi(osm_class, subclass, name)
    assert rule is not None
    assert rule.place_type == expected


@pytest.mark.parametrize(
    ("osm_class", "subclass", "name"),
    [
        ("library", "books", "Norli"),  # a bookshop
        ("town_hall", "townhall", "Trondheim rådhus"),
        ("town_hall", "courthouse", "Tingretten"),
        ("cafe", "cafe", None),  # an unnamed café cannot be found again
        ("library", "library", None),
        ("shop", "clothes", "Dukkuk"),
        (None, None, "Thora Storm videregående skole"),  # a named building without a class
    ],
)
def test_other_pois_are_not_meeting_places(
    osm_class: str | None, subclass: str | None, name: str | None
) -> None:
    assert classify_poi(osm_class, subclass, name) is None


def test_indoor_and_anchor_follow_the_type() -> None:
    playground = classify_poi("leisure", "playground", None)
    pitch = classify_poi("leisure", "pitch", None)
    hall = classify_poi("leisure", "sports_centre", "Trikkestallen")
    school = classify_poi("school", "school", "Bispehaugen skole")
    assert playground and pitch and hall and school
    assert (playground.indoor, playground.is_anchor) == (False, False)
    assert (pitch.indoor, pitch.is_anchor) == (False, False)
    assert (hall.indoor, hall.is_anchor) == (True, True)
    assert (school.indoor, school.is_anchor) == (True, True)


def test_name_similarity_ignores_generic_words() -> None:
    assert name_similarity("Sverresborg Barnehager", "Sverresborg barnehage") == 3
    assert (
        name_similarity(
            "Svartlamon Kunst- og Kulturbarnehage", "Svartlamon kunst- og kulturbarnehage og ReMida"
        )
        == 2
    )
    assert name_similarity("Steinerbarnehage i Ila", "Steinerbarnehagen i Ila") >= 1
    assert name_similarity("Lademoen kirke", "Bakke kirke") == 0
    assert name_similarity(None, "Tempe kirke") == 0.5


def _candidates(rows: list[tuple[str, str | None, str, str, float, float]]) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(
        [
            {
                "place_id": place_id,
                "name": name,
                "place_type": place_type,
                "source_key": key,
                "source": ATTRIBUTION[key],
                "geometry": Point(x, y),
            }
            for place_id, name, place_type, key, x, y in rows
        ]
    )
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def test_the_same_kindergarten_from_two_sources_is_kept_once_as_the_municipal_row() -> None:
    kept = deduplicate(
        _candidates(
            [
                ("tk-1", "Møllenberg barnehage", "barnehage", "kindergartens", 0, 0),
                ("osm-1", "Møllenberg Barnehage", "barnehage", "osm_2023", 24, 0),
                ("osm-2", None, "barnehage", "osm_2023", 0, 35),  # unnamed, same grounds
                ("osm-3", None, "barnehage", "osm_2023", 0, 90),  # unnamed, too far
            ]
        )
    )
    assert sorted(kept["place_id"]) == ["osm-3", "tk-1"]
    first = kept.set_index("place_id").loc["tk-1"]
    assert first["name"] == "Møllenberg barnehage"
    assert first["source"] == f"{ATTRIBUTION['kindergartens']}; {ATTRIBUTION['osm_2023']}"


def test_priority_decides_which_row_survives() -> None:
    kept = deduplicate(
        _candidates(
            [
                ("tk-2", "Sunnland barnehage", "barnehage", "kindergartens", 630, 0),
                ("osm-3", "Sunnland barnehage", "barnehage", "osm_2023", 500, 0),
            ]
        )
    )
    assert list(kept["place_id"]) == ["tk-2"]  # same name within 250 m


def test_different_places_close_together_are_all_kept() -> None:
    kept = deduplicate(
        _candidates(
            [
                ("a", "Lademoen kirke", "kirke", "osm_2023", 0, 0),
                ("b", "Lademoen kapell", "kirke", "osm_2023", 30, 0),  # other name, same source
                ("c", None, "lekeplass", "osm_2023", 10, 10),
                ("d", None, "lekeplass", "osm_2023", 20, 10),  # two unnamed playgrounds
                ("e", "Lademoen kirke", "park", "osm_2023", 0, 0),  # another type
                ("f", "Storbarnehagen", "barnehage", "osm_2023", 100, 0),
                ("g", "Møllebakken barnehage", "barnehage", "kindergartens", 115, 0),
            ]
        )
    )
    assert sorted(kept["place_id"]) == ["a", "b", "c", "d", "e", "f", "g"]


def test_the_2016_church_merges_into_the_2023_one() -> None:
    kept = deduplicate(
        _candidates(
            [
                ("osm23", "Lademoen kirke", "kirke", "osm_2023", 0, 0),
                ("osm23-kapell", "Lademoen kapell", "kirke", "osm_2023", 40, 0),
                ("osm16", "Lademoen kirke", "kirke", "osm_2016", 38, 0),
                ("osm16-unnamed", None, "kirke", "osm_2016", 900, 0),
            ]
        )
    )
    assert sorted(kept["place_id"]) == ["osm16-unnamed", "osm23", "osm23-kapell"]
    assert "2016" in kept.set_index("place_id").loc["osm23", "source"]
    assert "2016" not in kept.set_index("place_id").loc["osm23-kapell", "source"]


def test_unit_headers_at_a_kindergartens_address_are_dropped() -> None:
    kindergartens = gpd.GeoDataFrame(
        {"name": ["Bispehaugen barnehager", "Møllenberg barnehage", "Lade barnehager"]},
        geometry=[Point(0, 0), Point(0, 0), Point(500, 0)],
        crs=CRS,
    )
    assert list(drop_unit_headers(kindergartens)["name"]) == [
        "Møllenberg barnehage",
        "Lade barnehager",  # alone at its address: a place of its own
    ]


def test_built_places_are_real_named_and_in_the_right_zone(
    built_tables: dict[str, pd.DataFrame],
) -> None:
    places = built_tables["meeting_places"]
    areas = built_tables["areas"]
    zones = areas[areas["level"] == "levekarssone"]
    assert not places["is_sample"].any()
    assert places["name"].str.len().gt(0).all()
    assert places["place_id"].is_unique
    assert places.within(osm_box()).all()
    joined = gpd.sjoin(places[["geometry"]], zones[["area_id", "geometry"]], predicate="within")
    expected = joined.groupby(level=0)["area_id"].first().reindex(places.index)
    assert (places["area_id"].fillna("-") == expected.fillna("-")).all()
    assert places["audience"].isna().all() and places["opening_hours"].isna().all()
    assert places["owner"].isna().all()


def test_known_places_of_the_focus_zones(built_tables: dict[str, pd.DataFrame]) -> None:
    places = built_tables["meeting_places"]
    areas = built_tables["areas"].set_index("area_id")
    zone_of = places.set_index("name")["area_id"].map(areas["name"])
    where = places.assign(zone=places["area_id"].map(areas["name"]))
    by_name = where.drop_duplicates("name").set_index("name")
    assert by_name.loc["Lademoen bydelshus", "place_type"] == "nabolagshus"
    assert by_name.loc["Lademoen bydelshus", "zone"] == "Lademoen"
    assert by_name.loc["Verkstedhallen", "place_type"] == "nabolagshus"
    assert by_name.loc["Bakke kirke", "zone"] == "Møllenberg"
    assert by_name.loc["Tempe kirke", "zone"] == "Tempe-Sorgenfri"
    assert by_name.loc["Tempe barnehage", "source"].startswith("Trondheim kommune")
    assert "OpenStreetMap 2023" in by_name.loc["Tempe barnehage", "source"]
    assert (zone_of == "Lademoen").sum() > 20
    assert not where["name"].isin(["Norli", "Notabene"]).any()  # bookshops
