"""The illustrative sample: believable, consistent, in the right places, never personal."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest

from geo.build.sample import load_catalog
from geo.schema import ProjectStatus

SAMPLE_TABLES = ("projects", "grants", "targets", "risks")
FOCUS = {"Lademoen", "Møllenberg", "Tempe-Sorgenfri"}


@pytest.fixture(scope="module")
def zones(built_tables: dict[str, pd.DataFrame]) -> gpd.GeoDataFrame:
    areas = built_tables["areas"]
    return areas[areas["level"] == "levekarssone"].set_index("area_id")


def _inside_own_zone(points: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> pd.Series:
    polygons = gpd.GeoSeries(zones.geometry.reindex(points["area_id"]).to_numpy(), crs=zones.crs)
    return pd.Series(points.geometry.reset_index(drop=True).within(polygons).to_numpy())


def test_sample_tables_are_marked_sample(built_tables: dict[str, pd.DataFrame]) -> None:
    for name in SAMPLE_TABLES:
        frame = built_tables[name]
        assert frame["is_sample"].all(), name
        assert frame["source"].str.startswith("Illustrativt eksempel").all(), name


def test_every_sample_indicator_says_it_is_sample(built_tables: dict[str, pd.DataFrame]) -> None:
    indicators = built_tables["indicators"]
    sample = indicators[indicators["is_sample"]]
    assert 8 <= len(sample) <= 12
    assert set(sample["goal"]) == {"stedsutvikling", "tjenesteutvikling", "lokalsamfunnsutvikling"}
    assert sample["definition_nb"].str.contains("Illustrativt eksempel").all()
    assert sample["definition_en"].str.contains("Illustrative sample").all()
    assert (sample["suppression_threshold"] == 5).all()


def test_values_cover_every_zone_and_trondheim(built_tables: dict[str, pd.DataFrame]) -> None:
    values = built_tables["indicator_values"]
    sample = values[values["is_sample"]]
    areas = set(sample["area_id"])
    assert len(areas) == 61 and "kom-5001" in areas
    for indicator_id in ("trivsel_nabolag", "trygghet"):
        assert set(sample.loc[sample["indicator_id"] == indicator_id, "year"]) == {2022, 2025}
    assert set(sample.loc[sample["indicator_id"] == "lavinntekt_barn", "year"]) == set(
        range(2018, 2026)
    )
    share = 100 * sample["numerator"] / sample["denominator"]
    assert (share.round(1) - sample["value"]).abs().max() < 1e-9
    assert (sample["denominator"] < 20).sum() > 20  # small numbers that suppression must hide


def test_trondheim_is_the_sum_of_the_zones(built_tables: dict[str, pd.DataFrame]) -> None:
    values = built_tables["indicator_values"]
    sample = values[values["is_sample"]]
    zones = sample[sample["area_id"] != "kom-5001"].groupby(["indicator_id", "year"])
    city = sample[sample["area_id"] == "kom-5001"].set_index(["indicator_id", "year"])
    pd.testing.assert_series_equal(
        zones["denominator"].sum().sort_index(), city["denominator"].sort_index()
    )


def test_focus_zones_and_saupstad_fare_worse_than_trondheim(
    built_tables: dict[str, pd.DataFrame], zones: gpd.GeoDataFrame
) -> None:
    values = built_tables["indicator_values"]
    indicators = built_tables["indicators"].set_index("indicator_id")
    sample = values[values["is_sample"] & values["year"].eq(2022)]
    table = sample.pivot_table(index="indicator_id", columns="area_id", values="value")
    for name in [*FOCUS, "Saupstad"]:
        area_id = zones.index[zones["name"] == name][0]
        worse = 0
        for indicator_id, row in table.iterrows():
            sign = 1 if indicators.loc[indicator_id, "direction"] == "lower_better" else -1
            worse += sign * (row[area_id] - row["kom-5001"]) > 0
        assert worse >= len(table) - 2, name


def test_targets_improve_on_the_baseline(built_tables: dict[str, pd.DataFrame]) -> None:
    targets = built_tables["targets"]
    indicators = built_tables["indicators"].set_index("indicator_id")
    assert len(targets) == 3 * len(indicators[indicators["is_sample"]])
    assert set(targets["baseline_year"]) == {2022}
    assert set(targets["target_year"]) == {2028, 2031}
    sign = (
        targets["indicator_id"]
        .map(indicators["direction"])
        .map({"higher_better": 1, "lower_better": -1})
    )
    assert (sign * (targets["target_value"] - targets["baseline_value"]) > 0).all()


def test_projects_are_believable(
    built_tables: dict[str, pd.DataFrame], zones: gpd.GeoDataFrame
) -> None:
    projects = built_tables["projects"]
    assert 30 <= len(projects) <= 50
    assert set(projects["area_id"].map(zones["name"])) == FOCUS
    assert projects["start_year"].between(2022, 2031).all()
    assert projects["end_year"].between(2022, 2031).all()
    assert projects["budget_nok"].between(50_000, 8_000_000).all()
    assert projects["name"].is_unique
    catalog = load_catalog()
    strategies = {name for names in catalog["strategies"].values() for name in names}
    assert set(projects["strategy"]) <= strategies
    sample_ids = {spec["id"] for spec in catalog["indicators"]}
    for ids in projects["indicator_ids"].dropna():
        assert set(ids.split(",")) <= sample_ids
    criteria = projects.filter(like="crit_")
    assert 0.6 < criteria.to_numpy().mean() < 0.95
    assert projects["place_name"].notna().sum() >= 10


def test_project_status_agrees_with_the_years(built_tables: dict[str, pd.DataFrame]) -> None:
    projects = built_tables["projects"]
    finished = projects["status"].isin([ProjectStatus.AVSLUTTET, ProjectStatus.I_DRIFT])
    assert (projects.loc[finished, "end_year"] < 2026).all()
    assert (
        projects.loc[projects["end_year"] < 2026, "status"].isin(["avsluttet", "i_drift"])
    ).all()
    running = projects["status"] == ProjectStatus.PAGAR
    assert (projects.loc[running, "start_year"] <= 2026).all()
    assert (projects.loc[running, "end_year"] >= 2026).all()
    future = projects["status"].isin([ProjectStatus.PLANLAGT, ProjectStatus.IDE])
    assert (projects.loc[future, "start_year"] > 2026).all()


def test_project_and_grant_points_lie_in_their_zone(
    built_tables: dict[str, pd.DataFrame], zones: gpd.GeoDataFrame
) -> None:
    for name in ("projects", "grants"):
        assert _inside_own_zone(built_tables[name], zones).all(), name


def test_projects_at_a_real_place_sit_on_it(built_tables: dict[str, pd.DataFrame]) -> None:
    projects = built_tables["projects"]
    places = built_tables["meeting_places"]
    for project in projects[projects["place_name"].notna()].itertuples():
        matches = places[places["name"] == project.place_name]
        if len(matches):  # a meeting place (else a street or an OSM place name)
            assert matches.distance(project.geometry).min() < 1.0, project.name


def test_grants_follow_the_rules_of_nabolagspotten(
    built_tables: dict[str, pd.DataFrame], zones: gpd.GeoDataFrame
) -> None:
    grants = built_tables["grants"]
    assert set(grants["area_id"].map(zones["name"])) == {"Lademoen", "Tempe-Sorgenfri"}
    per_year = grants.groupby(["area_id", "year"]).size()
    assert set(grants["year"]) == {2023, 2024, 2025, 2026}
    assert per_year.between(10, 25).all()
    assert grants["amount_applied"].between(5_000, 50_000).all()
    assert (grants["amount_granted"] <= grants["amount_applied"]).all()
    refused = grants["status"] == "avslatt"
    assert refused.any() and (grants.loc[refused, "amount_granted"] == 0).all()
    assert (grants.loc[~refused, "amount_granted"] > 0).all()
    assert grants["grant_id"].is_unique


def test_no_personal_data_in_grants(built_tables: dict[str, pd.DataFrame]) -> None:
    grants = built_tables["grants"]
    text = grants[["organisation", "title", "category"]].astype(str).agg(" ".join, axis=1)
    assert not text.str.contains("@").any()
    assert not text.str.contains(re.compile(r"(?:\+47)?\s?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}")).any()
    patterns = load_catalog()["grants"]["organisation_patterns"]
    prefixes = [p.split("{")[0] for p in patterns if not p.startswith("{")]
    suffixes = [p.split("}")[-1] for p in patterns if p.startswith("{")]
    for organisation in grants["organisation"]:
        assert organisation.startswith(tuple(prefixes)) or organisation.endswith(tuple(suffixes))


def test_risks_cover_the_four_areas(
    built_tables: dict[str, pd.DataFrame], zones: gpd.GeoDataFrame
) -> None:
    risks = built_tables["risks"]
    assert 6 <= len(risks) <= 10
    assert set(risks["risk_area"]) == {
        "organisatorisk", "finansiell_politisk", "interessent", "gjennomforing",
    }  # fmt: skip
    assert set(risks["status"]) <= {"Åpen", "Under oppfølging", "Lukket"}
    assert set(risks["area_id"].dropna().map(zones["name"])) <= FOCUS
    assert risks["prev_likelihood"].notna().any() and risks["prev_likelihood"].isna().any()
