"""geo/analysis/indicator_year.py: the catalog's order, roles, a year's rows, the reference and
the change window, on small hand-made tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.indicator_year import (
    Roles,
    catalog_order,
    change_years,
    reference,
    year_rows,
)


def _values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["x"] * 4 + ["y"],
            "area_id": ["a", "b", "k", "a", "k"],
            "year": [2025, 2025, 2025, 2022, 2025],
            "value": [10.0, np.nan, 12.0, 9.0, 5.0],
            "suppressed": [False, True, False, False, True],
        }
    )


def test_catalog_order_is_real_before_sample_then_goal_then_id():
    catalog = pd.DataFrame(
        {
            "indicator_id": ["z", "b", "a", "c"],
            "goal": [
                "lokalsamfunnsutvikling",
                "stedsutvikling",
                "stedsutvikling",
                "tjenesteutvikling",
            ],
            "is_sample": [False, False, True, False],
        }
    ).set_index("indicator_id", drop=False)
    assert catalog_order(catalog) == ["b", "c", "z", "a"]


def test_roles_drop_missing_areas_and_focus_wins_over_comparison():
    roles = Roles.of(focus=["a", None], comparison=["b", "a", None])
    assert [roles.role(x) for x in ["a", "b", "c"]] == ["focus", "comparison", "other"]
    assert roles.series_ids("k") == ["a", "a", "b", "k"]
    # over time an area holding both is drawn as comparison, Trondheim as the reference
    assert [roles.series_role(x, "k") for x in ["a", "b", "k"]] == [
        "comparison",
        "comparison",
        "reference",
    ]


def test_year_rows_keep_only_the_asked_areas_with_their_role():
    rows = year_rows(_values(), "x", 2025, {"a", "b"}, Roles.of(focus=["a"], comparison=[]))
    assert rows[["area_id", "role"]].values.tolist() == [["a", "focus"], ["b", "other"]]
    assert bool(rows.set_index("area_id").loc["b", "suppressed"])


def test_reference_is_none_when_missing_or_hidden():
    assert reference(_values(), "x", 2025, "k") == 12.0
    assert reference(_values(), "x", 2022, "k") is None
    assert reference(_values(), "y", 2025, "k") is None


def test_change_runs_from_2022_when_later_years_exist():
    assert change_years([2019, 2022, 2025]) == (2022, 2025)
    assert change_years([2019, 2022]) == (2019, 2022)
    assert change_years([2023, 2025]) == (2023, 2025)
