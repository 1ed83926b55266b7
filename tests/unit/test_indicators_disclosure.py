"""Property tests (hypothesis): no suppressed value can be recovered from any output function.

The check: take a random table of zones and their total (Trondheim = the sum), suppress it,
and build every output (values, comparison, ranking, series, change, target status, the CSV
download). Then permute the raw figures *among the hidden zones* – the total stays the same –
and build every output again. If nothing changes, no output says anything about which hidden
zone has which figure: not directly, not through a difference, an index or total-minus-parts.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geo.analysis import indicators as ind

TOTAL = "T"
THRESHOLD = 5


@st.composite
def tables(draw):
    n_zones = draw(st.integers(min_value=2, max_value=8))
    rows = []
    for year in (2022, 2025):
        for index in range(n_zones):
            denominator = draw(st.integers(min_value=0, max_value=40))
            numerator = draw(st.integers(min_value=0, max_value=denominator))
            rows.append((f"z{index}", year, numerator, denominator))
    frame = pd.DataFrame(rows, columns=["area_id", "year", "numerator", "denominator"])
    totals = frame.groupby("year", as_index=False)[["numerator", "denominator"]].sum()
    totals["area_id"] = TOTAL
    frame = pd.concat([frame, totals], ignore_index=True)
    frame["indicator_id"] = "x"
    frame["numerator"] = frame["numerator"].astype(float)
    frame["denominator"] = frame["denominator"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["value"] = (100 * frame["numerator"] / frame["denominator"]).round(1)
    frame["is_sample"] = True
    frame["source"] = "test"
    return frame, [f"z{i}" for i in range(n_zones)]


INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["x"],
        "unit": ["prosent"],
        "direction": ["higher_better"],
        "suppression_threshold": [THRESHOLD],
    }
)


def outputs(raw: pd.DataFrame, zones: list[str]) -> dict[str, object]:
    """Everything a page, a download or the PDF can show, from the one suppressed table."""
    margins = {TOTAL: zones}
    shown = ind.suppress(raw, INDICATORS, margins)
    out: dict[str, object] = {}
    for year in (2022, 2025):
        out[f"year{year}"] = _frame(ind.year_values(shown, "x", year))
        out[f"compare{year}"] = _frame(ind.compare(shown, "x", year, [*zones, TOTAL], TOTAL))
        out[f"ranked{year}"] = _frame(ind.ranked(shown, "x", year, zones))
        classes = ind.classify(ind.year_values(shown, "x", year)["value"], "higher_better")
        out[f"classes{year}"] = (classes.edges, [classes.shade(v) for v in shown["value"]])
    out["series"] = _frame(ind.series(shown, "x", [*zones, TOTAL]))
    out["download"] = ind.for_download(shown, "skjult").to_csv(index=False)
    out["change"] = [
        repr(ind.change(shown, "x", area_id, 2022, 2025, "higher_better"))
        for area_id in [*zones, TOTAL]
    ]
    targets = pd.DataFrame(
        [
            {
                "target_id": f"t-{area_id}",
                "indicator_id": "x",
                "area_id": area_id,
                "baseline_year": 2022,
                "baseline_value": float(
                    raw.set_index(["area_id", "year"]).loc[(area_id, 2022), "value"]
                ),
                "target_year": 2028,
                "target_value": 50.0,
            }
            for area_id in zones
        ]
    )
    # the stored baseline is raw; target_progress must read it only where the cell is shown
    out["targets"] = [repr(p) for p in ind.target_progress(targets, shown, INDICATORS)]
    return out


def _frame(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False)


def _permute_hidden(raw: pd.DataFrame, zones: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """The raw table with the figures of the hidden zones shuffled among them, per year."""
    hidden = ind.suppress(raw, INDICATORS, {TOTAL: zones})["suppressed"].to_numpy()
    permuted = raw.copy()
    for year in (2022, 2025):
        rows = np.flatnonzero(
            hidden & (raw["year"] == year).to_numpy() & (raw["area_id"] != TOTAL).to_numpy()
        )
        if len(rows) > 1:
            order = rng.permutation(rows)
            for column in ("numerator", "denominator", "value"):
                permuted.loc[permuted.index[rows], column] = raw[column].to_numpy()[order]
    return permuted


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(min_value=0, max_value=2**32 - 1))
def test_no_output_depends_on_which_hidden_zone_has_which_figure(table, seed):
    raw, zones = table
    permuted = _permute_hidden(raw, zones, np.random.default_rng(seed))
    before = ind.suppress(raw, INDICATORS, {TOTAL: zones})["suppressed"].tolist()
    after = ind.suppress(permuted, INDICATORS, {TOTAL: zones})["suppressed"].tolist()
    # the hidden set is a function of the published figures (ties in the complementary choice
    # can move it; those draws say nothing about this property)
    assume(before == after)
    assert outputs(raw, zones) == outputs(permuted, zones)


@settings(max_examples=100, deadline=None)
@given(tables())
def test_a_total_never_has_exactly_one_hidden_part(table):
    raw, zones = table
    shown = ind.suppress(raw, INDICATORS, {TOTAL: zones})
    for _year, group in shown.groupby("year"):
        total_hidden = bool(group.loc[group["area_id"] == TOTAL, "suppressed"].iloc[0])
        parts_hidden = int(group.loc[group["area_id"] != TOTAL, "suppressed"].sum())
        assert total_hidden or parts_hidden != 1


@settings(max_examples=100, deadline=None)
@given(tables())
def test_hidden_cells_carry_no_numbers_anywhere(table):
    raw, zones = table
    shown = ind.suppress(raw, INDICATORS, {TOTAL: zones})
    hidden = shown[shown["suppressed"]]
    assert hidden[["value", "numerator", "denominator"]].isna().all().all()
    download = ind.for_download(shown, "skjult")
    rows = download[download["note"] == "skjult"]
    assert len(rows) == len(hidden)
    assert rows[["value", "numerator", "denominator"]].isna().all().all()
    # a small count (or small complement) is never shown
    visible = shown[~shown["suppressed"] & shown["denominator"].notna()]
    assert (
        (visible["numerator"] >= THRESHOLD)
        & (visible["denominator"] - visible["numerator"] >= THRESHOLD)
    ).all()
    for area_id in zones:
        change = ind.change(shown, "x", area_id, 2022, 2025, "higher_better")
        years_hidden = shown[(shown["area_id"] == area_id)]["suppressed"].any()
        if years_hidden:
            assert change.verdict is ind.Verdict.NO_DATA and math.isnan(change.difference)
