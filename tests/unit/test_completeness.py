"""geo.analysis.completeness: per table, how many rows lack each optional field."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo import schema
from geo.analysis import completeness


def _places(**columns: list[object]) -> gpd.GeoDataFrame:
    rows = len(next(iter(columns.values())))
    return gpd.GeoDataFrame(
        columns, geometry=[shapely.Point(570_000, 7_033_000)] * rows, crs=schema.CRS
    )


def test_optional_fields_are_the_nullable_ones_without_ids_provenance_or_geometry():
    for table in schema.TABLES:
        fields = completeness.optional_fields(table)
        columns = schema.TABLES[table].columns
        assert all(columns[name].nullable for name in fields)
        assert not {"is_sample", "source", "geometry"} & set(fields)
        assert not any(columns[name].unique for name in fields)
    assert "opening_hours" in completeness.optional_fields("meeting_places")
    assert "name" not in completeness.optional_fields("meeting_places")  # required


def test_none_nan_and_blank_text_count_as_missing_zero_and_false_do_not():
    values = pd.Series(["Kari", None, "  ", float("nan"), pd.NA, "", "0"], dtype=object)
    assert completeness.missing(values).tolist() == [False, True, True, True, True, True, False]
    assert not completeness.missing(pd.Series([0.0, False], dtype=object)).any()


def test_counts_rows_lacking_each_optional_field():
    places = _places(
        name=["Biblioteket", "Parken", "Klubben", "Kirka"],
        owner=["Trondheim kommune", None, " ", "Kirkelig fellesråd"],
        audience=[None, None, None, None],
        indoor=pd.array([True, None, False, True], dtype="boolean"),
    )
    gaps = {gap.field: gap for gap in completeness.gaps("meeting_places", places)}
    assert (gaps["owner"].missing, gaps["owner"].rows) == (2, 4)
    assert gaps["audience"].missing == 4 and gaps["audience"].share == 1.0
    assert gaps["indoor"].missing == 1
    # a column the table does not have at all is missing in every row
    assert gaps["opening_hours"].missing == 4
    assert set(gaps) == set(completeness.optional_fields("meeting_places"))


def test_an_empty_table_lacks_nothing_and_shares_are_zero():
    gaps = completeness.gaps("meeting_places", _places(name=[]))
    assert all(gap.missing == 0 and gap.share == 0.0 for gap in gaps)


def test_report_covers_the_model_tables_in_schema_order_and_skips_reference_layers():
    tables = {
        "risks": pd.DataFrame({"area_id": [None, "5001-1"]}),
        "meeting_places": _places(name=["Parken"], owner=[None]),
        "base_water": _places(name=["Nidelva"]),
    }
    gaps = completeness.report(tables)
    assert [g.table for g in gaps] == sorted((g.table for g in gaps), key=list(schema.TABLES).index)
    assert {g.table for g in gaps} == {"meeting_places", "risks"}
    risk_area = next(g for g in gaps if g.table == "risks" and g.field == "area_id")
    assert (risk_area.missing, risk_area.rows) == (1, 2)
