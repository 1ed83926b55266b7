"""The presentation's target slide uses the planners' rule and never a hidden cell."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.analysis import indicators, slides
from geo.store import GeoPackageStore


@pytest.fixture(scope="module")
def tables(dataset_path) -> dict[str, pd.DataFrame]:
    store = GeoPackageStore(dataset_path)
    names = ("areas", "indicators", "indicator_values", "targets")
    return {name: store.read(name) for name in names}


def _suppressed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    values = indicators.suppress(
        tables["indicator_values"],
        tables["indicators"],
        indicators.margins_from_areas(tables["areas"]),
    )
    return {**tables, "indicator_values": values}


def test_target_status_agrees_with_the_benefits_page(tables):
    shown = _suppressed(tables)
    status = slides.target_status(shown).set_index(["area_id", "indicator_id"])["status"]
    expected = {
        (p.area_id, p.indicator_id): p.status.value
        for p in indicators.target_progress(
            shown["targets"], shown["indicator_values"], shown["indicators"]
        )
    }
    assert status.to_dict() == expected
    assert set(status) <= set(slides.TARGET_STATUSES)


def test_a_hidden_latest_value_is_never_shown(tables):
    target = tables["targets"].iloc[0]
    values = tables["indicator_values"].copy()
    own = (values["indicator_id"] == target["indicator_id"]) & (
        values["area_id"] == target["area_id"]
    )
    latest_year = values.loc[own, "year"].max()
    # Make the newest cell rest on two people: suppression must hide it.
    cell = own & (values["year"] == latest_year)
    values.loc[cell, ["numerator", "denominator"]] = [1.0, 2.0]
    shown = _suppressed({**tables, "indicator_values": values})
    row = (
        slides.target_status(shown)
        .set_index(["area_id", "indicator_id"])
        .loc[(target["area_id"], target["indicator_id"])]
    )
    assert pd.isna(row["value"]) and row["status"] == "no_data"
    # Not hidden, the very same cell is a value the slide would show: so it is the
    # suppression, not missing data, that keeps it off the slide.
    shown_anyway = values.assign(**{indicators.SUPPRESSED: False})
    unsuppressed = (
        slides.target_status({**tables, "indicator_values": shown_anyway})
        .set_index(["area_id", "indicator_id"])
        .loc[(target["area_id"], target["indicator_id"])]
    )
    hidden_value = tables["indicator_values"].loc[cell, "value"].iloc[0]
    assert pd.notna(hidden_value)
    assert unsuppressed["value"] == pytest.approx(hidden_value)
    assert unsuppressed["status"] != "no_data"
