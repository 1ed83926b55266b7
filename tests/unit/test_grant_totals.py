"""Nabolagspotten: grants chosen by zone, year and category, and their totals per group."""

from __future__ import annotations

import pandas as pd

from geo.analysis.grants import filter_grants, funded, totals_by


def _grants() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "grant_id": ["g1", "g2", "g3", "g4"],
            "area_id": ["z1", "z1", "z2", "z2"],
            "year": [2023, 2024, 2024, 2024],
            "category": ["kultur", "idrett", "kultur", "kultur"],
            "status": ["innvilget", "avslatt", "innvilget", "innvilget"],
            "amount_applied": [10_000.0, 5_000.0, 8_000.0, 2_000.0],
            "amount_granted": [8_000.0, 0.0, 8_000.0, 1_500.0],
        }
    )


def test_each_choice_narrows_and_an_empty_choice_keeps_all():
    grants = _grants()
    assert filter_grants(grants)["grant_id"].tolist() == ["g1", "g2", "g3", "g4"]
    assert filter_grants(grants, area_ids=["z1"], years=[2024])["grant_id"].tolist() == ["g2"]
    assert filter_grants(grants, categories=["kultur"], years=[2024])["grant_id"].tolist() == [
        "g3",
        "g4",
    ]


def test_funded_keeps_the_granted_applications():
    assert funded(_grants())["grant_id"].tolist() == ["g1", "g3", "g4"]


def test_totals_by_zone_count_applications_funded_and_amounts():
    totals = totals_by(_grants(), "area_id")
    assert totals.to_dict("records") == [
        {"area_id": "z1", "applications": 2, "funded": 1, "applied": 15_000.0, "granted": 8_000.0},
        {"area_id": "z2", "applications": 2, "funded": 2, "applied": 10_000.0, "granted": 9_500.0},
    ]
