"""Nabolagspotten's grants chosen by zone, year and category, and their totals per group."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from geo.schema import GrantStatus

DIMENSIONS = ("area_id", "year", "category")


def filter_grants(
    grants: pd.DataFrame,
    *,
    area_ids: Collection[str] = (),
    years: Collection[int] = (),
    categories: Collection[str] = (),
) -> pd.DataFrame:
    """The grants in ``area_ids``, ``years`` and ``categories``; an empty choice keeps all."""
    shown = grants
    if area_ids:
        shown = shown[shown["area_id"].isin(list(area_ids))]
    if years:
        shown = shown[shown["year"].isin(list(years))]
    if categories:
        shown = shown[shown["category"].isin(list(categories))]
    return shown


def funded(grants: pd.DataFrame) -> pd.DataFrame:
    """The grants that were granted (innvilget)."""
    return grants[grants["status"] == GrantStatus.INNVILGET]


def totals_by(grants: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Per value of ``dimension`` (sorted): applications, funded, amounts applied and granted."""
    grouped = grants.groupby(dimension, sort=True)
    return pd.DataFrame(
        {
            "applications": grouped.size(),
            "funded": grouped["status"].apply(lambda s: int((s == GrantStatus.INNVILGET).sum())),
            "applied": grouped["amount_applied"].sum(),
            "granted": grouped["amount_granted"].sum(),
        }
    ).reset_index()
