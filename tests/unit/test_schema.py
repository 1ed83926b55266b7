"""The schemas accept good rows and reject bad ones, naming table, row and field."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point, box

from geo import schema
from geo.store import StoreError, validate
from geo.store.base import restore_types

ZONE = box(570_000, 7_034_000, 571_000, 7_035_000)


def _area(**changes: object) -> gpd.GeoDataFrame:
    row = {
        "area_id": "lks-09",
        "level": "levekarssone",
        "name": "Lademoen",
        "code": None,
        "parent_id": "del-50011500",
        "is_focus": True,
        "programme": "Områdesatsingene i Trondheim 2026–2031",
        "is_sample": False,
        "source": "Trondheim kommune",
        "geometry": ZONE,
    } | changes
    return gpd.GeoDataFrame([row], geometry="geometry", crs=schema.CRS)


def _grant(**changes: object) -> gpd.GeoDataFrame:
    row = {
        "grant_id": "npt-2024-lks-09-01",
        "area_id": "lks-09",
        "year": 2024,
        "organisation": "Borettslaget Losgata",
        "category": "Kultur",
        "title": "Konsert i parken",
        "amount_applied": 20_000.0,
        "amount_granted": 15_000.0,
        "status": "innvilget",
        "is_sample": True,
        "source": "Illustrativt eksempel",
        "geometry": Point(570_500, 7_034_500),
    } | changes
    return gpd.GeoDataFrame([row], geometry="geometry", crs=schema.CRS)


def _risk(**changes: object) -> pd.DataFrame:
    row = {
        "risk_id": "ros-01",
        "risk_area": "gjennomforing",
        "title": "Forsinkelser",
        "description": "Tiltak blir forsinket.",
        "likelihood": 3,
        "consequence": 4,
        "prev_likelihood": None,
        "prev_consequence": None,
        "owner": "Programleder",
        "mitigation": "Tidlig avklaring.",
        "status": "Åpen",
        "area_id": None,
        "is_sample": True,
        "source": "Illustrativt eksempel",
    } | changes
    return pd.DataFrame([row])


def test_good_rows_pass() -> None:
    assert len(validate("areas", _area())) == 1
    assert len(validate("grants", _grant())) == 1
    assert len(validate("risks", _risk())) == 1
    assert len(validate("risks", _risk(prev_likelihood=2, prev_consequence=5))) == 1


def test_every_built_table_passes_its_schema(
    built_gpkg: Path, built_tables: dict[str, pd.DataFrame]
) -> None:
    assert set(schema.TABLES) | set(schema.REFERENCE_LAYERS) == set(built_tables)
    # The file as stored, read past the store (which validates on read): every layer has
    # rows; every model table holds exactly its schema's columns, in order, and its values
    # already are what the schema allows: validating changes none (coercion hides nothing).
    for name, _ in pyogrio.list_layers(built_gpkg):
        stored = pyogrio.read_dataframe(built_gpkg, layer=name, use_arrow=False)
        assert len(stored) > 0, name
        if name not in schema.TABLES:
            continue
        assert list(stored.columns) == list(schema.TABLES[name].columns), name
        typed = restore_types(name, stored)
        pd.testing.assert_frame_equal(validate(name, typed), typed, check_dtype=False)


@pytest.mark.parametrize(
    ("table", "frame", "field"),
    [
        ("areas", _area(level="by"), "level"),
        ("areas", _area(source=""), "source"),
        ("grants", _grant(status="kanskje"), "status"),
        ("grants", _grant(year=1850), "year"),
        ("risks", _risk(likelihood=7), "likelihood"),
        ("risks", _risk(prev_consequence=0), "prev_consequence"),
    ],
)
def test_a_bad_value_is_reported_with_table_row_and_field(
    table: str, frame: pd.DataFrame, field: str
) -> None:
    with pytest.raises(StoreError) as error:
        validate(table, frame)
    assert f"{table} row 1, field '{field}'" in error.value.en
    assert f"{table} rad 1, felt «{field}»" in error.value.nb


def test_a_table_wide_check_names_the_rule() -> None:
    with pytest.raises(StoreError, match="amount_granted > amount_applied"):
        validate("grants", _grant(amount_granted=30_000.0))


def test_a_missing_or_extra_column_is_reported() -> None:
    with pytest.raises(StoreError, match="is_sample"):
        validate("areas", _area().drop(columns="is_sample"))
    with pytest.raises(StoreError, match="score"):
        validate("areas", _area(score=0.5))


def test_geometry_must_be_in_the_storage_crs_and_of_the_right_kind() -> None:
    with pytest.raises(StoreError, match="areas"):
        validate("areas", _area().to_crs(schema.WEB_CRS))
    with pytest.raises(StoreError, match="geometry must be point"):
        validate("grants", _grant(geometry=ZONE))


def test_reference_layers_need_provenance_and_geometry() -> None:
    layer = gpd.GeoDataFrame(
        {"name": ["Buran"], "is_sample": [False], "source": ["OSM"]},
        geometry=[Point(571_000, 7_035_000)],
        crs=schema.CRS,
    )
    assert len(validate("base_place_labels", layer)) == 1
    with pytest.raises(StoreError, match="source"):
        validate("base_place_labels", layer.drop(columns="source"))
