"""geo/analysis/indicators.py: Wilson/Newcombe against published values, status rules at their
boundaries, classes, suppression rules and comparison."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.analysis import indicators as ind

# --- confidence intervals: Newcombe (1998), Statistics in Medicine 17:857–872 and 873–890 -------


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),  # Newcombe 1998a, table I, example (a)
        (15, 148, 0.0624, 0.1605),  # example (b)
        (0, 20, 0.0, 0.1611),  # example (c)
        (1, 29, 0.0061, 0.1718),  # example (d)
    ],
)
def test_wilson_matches_newcombes_published_intervals(k, n, low, high):
    got = ind.wilson(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


@pytest.mark.parametrize(
    ("k1", "n1", "k2", "n2", "low", "high"),
    [
        # Newcombe 1998b, table II, method 10; difference = first − second
        (56, 70, 48, 80, 0.0524, 0.3339),  # example (a)
        (9, 10, 3, 10, 0.1705, 0.8090),  # example (b)
        (5, 56, 0, 29, -0.0381, 0.1926),  # example (d)
    ],
)
def test_newcombe_matches_published_intervals(k1, n1, k2, n2, low, high):
    # our function gives p_second − p_first; swap the arguments to get Newcombe's first − second
    difference, got_low, got_high = ind.newcombe(k2, n2, k1, n1)
    assert difference == pytest.approx(k1 / n1 - k2 / n2)
    assert (got_low, got_high) == pytest.approx((low, high), abs=5e-5)


def test_intervals_of_missing_data_are_nan():
    assert all(math.isnan(v) for v in ind.wilson(3, 0))
    assert all(math.isnan(v) for v in ind.newcombe(1, 10, float("nan"), 10))


def _survey(k1, n1, k2, n2, hidden=(False, False)):
    return pd.DataFrame(
        {
            "indicator_id": ["s", "s"],
            "area_id": ["a", "a"],
            "year": [2022, 2025],
            "value": [100 * k1 / n1, 100 * k2 / n2],
            "numerator": [k1, k2],
            "denominator": [n1, n2],
            "suppressed": list(hidden),
        }
    )


def test_change_within_the_noise_is_never_called_an_improvement():
    change = ind.change(_survey(150, 200, 160, 200), "s", "a", 2022, 2025, "higher_better")
    assert change.difference == pytest.approx(5.0)
    assert change.difference_ci[0] < 0 < change.difference_ci[1]
    assert change.verdict is ind.Verdict.WITHIN_NOISE


@pytest.mark.parametrize(
    ("direction", "verdict"),
    [
        ("higher_better", ind.Verdict.BETTER),
        ("lower_better", ind.Verdict.WORSE),
        ("neutral", ind.Verdict.UP),
    ],
)
def test_change_larger_than_the_noise_follows_the_direction(direction, verdict):
    change = ind.change(_survey(100, 200, 160, 200), "s", "a", 2022, 2025, direction)
    assert change.difference_ci[0] > 0
    assert change.verdict is verdict


def test_change_with_a_hidden_year_has_no_numbers():
    change = ind.change(
        _survey(2, 3, 160, 200, (True, False)), "s", "a", 2022, 2025, "higher_better"
    )
    assert change.verdict is ind.Verdict.NO_DATA
    assert math.isnan(change.difference) and math.isnan(change.latest)


# --- target status at its boundaries -------------------------------------------------------------


def _status(latest, latest_year=2025, direction="higher_better", baseline=50.0, target=60.0):
    return ind.target_status(
        baseline=baseline,
        baseline_year=2022,
        latest=latest,
        latest_year=latest_year,
        target=target,
        target_year=2028,
        direction=direction,
    )


def test_status_reached_exactly_at_the_target():
    assert _status(60.0) is ind.Status.REACHED
    assert _status(59.99) is not ind.Status.REACHED
    assert _status(40.0, direction="lower_better", baseline=50.0, target=40.0) is ind.Status.REACHED


def test_status_on_track_exactly_on_the_straight_line():
    # 2025 is half-way from 2022 to 2028: half of the way from 50 to 60 is 55
    assert _status(55.0) is ind.Status.ON_TRACK
    assert _status(54.99) is ind.Status.BEHIND
    assert _status(45.0, direction="lower_better", target=40.0) is ind.Status.ON_TRACK
    assert _status(45.01, direction="lower_better", target=40.0) is ind.Status.BEHIND


def test_status_no_data():
    assert _status(float("nan")) is ind.Status.NO_DATA  # hidden or missing
    assert _status(55.0, latest_year=None) is ind.Status.NO_DATA
    assert _status(55.0, latest_year=2022) is ind.Status.NO_DATA  # nothing after the baseline
    assert _status(55.0, baseline=float("nan")) is ind.Status.NO_DATA
    assert _status(55.0, direction="neutral") is ind.Status.NO_DATA


def test_target_progress_does_not_reveal_a_hidden_baseline():
    values = _survey(2, 3, 160, 200, (True, False)).assign(value=[float("nan"), 80.0])
    targets = pd.DataFrame(
        [
            {
                "target_id": "t",
                "indicator_id": "s",
                "area_id": "a",
                "baseline_year": 2022,
                "baseline_value": 66.7,
                "target_year": 2028,
                "target_value": 75.0,
            }
        ]
    )
    indicators = pd.DataFrame({"indicator_id": ["s"], "direction": ["higher_better"]})
    (progress,) = ind.target_progress(targets, values, indicators)
    assert math.isnan(progress.baseline)
    assert progress.status is ind.Status.NO_DATA


# --- classes ---------------------------------------------------------------------------------


def test_classes_put_the_worse_end_darkest():
    values = [float(v) for v in range(1, 11)]
    lower_better = ind.classify(values, "lower_better")
    higher_better = ind.classify(values, "higher_better")
    assert lower_better.count == higher_better.count == 5
    assert lower_better.shade(10) == 4 and lower_better.shade(1) == 0
    assert higher_better.shade(1) == 4 and higher_better.shade(10) == 0
    assert lower_better.shade(float("nan")) is None


def test_classes_of_nothing_shown():
    classes = ind.classify([float("nan")], "neutral")
    assert classes.count == 0 and classes.shade(3.0) is None


# --- suppression -----------------------------------------------------------------------------


def _table(rows):
    frame = pd.DataFrame(rows, columns=["area_id", "numerator", "denominator"])
    frame["indicator_id"] = "x"
    frame["year"] = 2024
    frame["value"] = 100 * frame["numerator"] / frame["denominator"]
    return frame


INDICATORS = pd.DataFrame(
    {"indicator_id": ["x"], "unit": ["prosent"], "suppression_threshold": [5]}
)


def test_small_denominator_count_or_complement_is_hidden():
    table = _table(
        [("a", 2, 4), ("b", 3, 100), ("c", 97, 100), ("d", 50, 100), ("e", 5, 10), ("f", 5, 9)]
    )
    hidden = ind.suppress(table, INDICATORS).set_index("area_id")["suppressed"]
    assert hidden.to_dict() == {"a": True, "b": True, "c": True, "d": False, "e": False, "f": True}


def test_hidden_cells_lose_value_numerator_and_denominator():
    out = ind.suppress(_table([("a", 2, 4), ("b", 50, 100)]), INDICATORS).set_index("area_id")
    assert out.loc["a", ["value", "numerator", "denominator"]].isna().all()
    assert out.loc["b", "value"] == 50


def test_one_hidden_part_of_a_total_hides_a_second_one():
    parts = [("a", 2, 4), ("b", 40, 80), ("c", 30, 60), ("d", 50, 100)]
    total = ("T", sum(p[1] for p in parts), sum(p[2] for p in parts))
    out = ind.suppress(_table([*parts, total]), INDICATORS, {"T": ["a", "b", "c", "d"]})
    hidden = out.set_index("area_id")["suppressed"]
    # c has the smallest denominator of the shown parts
    assert hidden.to_dict() == {"a": True, "b": False, "c": True, "d": False, "T": False}


def test_threshold_zero_hides_nothing():
    indicators = INDICATORS.assign(suppression_threshold=0)
    out = ind.suppress(_table([("a", 1, 2)]), indicators)
    assert not out["suppressed"].any()


def test_compare_gives_index_and_difference_and_blanks_hidden():
    table = ind.suppress(_table([("a", 2, 4), ("b", 30, 100), ("T", 60, 200)]), INDICATORS)
    out = ind.compare(table, "x", 2024, ["a", "b"], "T").set_index("area_id")
    assert out.loc["b", "index"] == pytest.approx(100.0)
    assert out.loc["b", "difference"] == pytest.approx(0.0)
    assert out.loc["a", ["value", "difference", "index"]].isna().all()
    assert bool(out.loc["a", "suppressed"])
