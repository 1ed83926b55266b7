"""Indicators: small-number suppression, comparison with Trondheim, honest change, target status.

Pure functions over the store's tables (no Streamlit). The one rule that matters most:
``suppress`` runs once, here in geo/, before a value reaches a page. Every other function in
this module takes the *suppressed* table and never looks behind a hidden cell, so a map, chart,
table, tooltip, download or PDF built from their output cannot show a hidden value, and no
derived figure (difference, index, change, status) is computed from one.

Suppression (statistical disclosure control)
    A cell (indicator, area, year) is hidden when its denominator, its count (numerator) or
    the count of the others (denominator − numerator) is below the indicator's
    ``suppression_threshold`` (persons; 0 turns it off). A count without numerator and
    denominator (unit "personer") is hidden when the count itself is below the threshold.
    Complementary suppression: Trondheim's row is the sum of the 60 zones, so when exactly
    one zone of an indicator-year is hidden, the zone with the next-smallest denominator is
    hidden too; otherwise "Trondheim minus the other 59" would give the hidden one back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from geo.schema import COUNT_UNITS, Direction, Level, Unit

SUPPRESSED = "suppressed"
Z_95 = 1.959963984540054  # standard normal quantile for a two-sided 95 % interval
_HIDDEN_COLUMNS = ("value", "numerator", "denominator")


# --- suppression -------------------------------------------------------------------------------


def suppress(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    margins: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """The values with hidden cells blanked: adds a bool ``suppressed`` column and sets
    ``value``, ``numerator`` and ``denominator`` to NaN where it is true.

    ``indicators`` gives ``suppression_threshold`` (and ``unit``) per ``indicator_id``;
    ``margins`` maps a total's area_id to the area_ids it is the sum of (see
    ``margins_from_areas``), for complementary suppression.
    """
    out = values.copy()
    for column in _HIDDEN_COLUMNS:
        out[column] = out[column].astype(float)
    spec = indicators.set_index("indicator_id")
    threshold = out["indicator_id"].map(spec["suppression_threshold"]).fillna(0).astype(float)
    is_count = out["indicator_id"].map(spec["unit"]).map(Unit.of).isin(COUNT_UNITS).to_numpy()
    out[SUPPRESSED] = _primary(out, threshold.to_numpy(), is_count)
    for total_id, part_ids in (margins or {}).items():
        out[SUPPRESSED] = _complementary(out, total_id, set(part_ids))
    hidden = out[SUPPRESSED].to_numpy()
    for column in _HIDDEN_COLUMNS:
        out.loc[hidden, column] = np.nan
    return out


def margins_from_areas(areas: pd.DataFrame) -> dict[str, list[str]]:
    """{kommune area_id: the levekårssoner}: the sums the sample's Trondheim figures are."""
    zones = areas.loc[areas["level"] == Level.LEVEKARSSONE, "area_id"].tolist()
    kommune = areas.loc[areas["level"] == Level.KOMMUNE, "area_id"].tolist()
    return {total: zones for total in kommune}


def _primary(values: pd.DataFrame, threshold: np.ndarray, is_count: np.ndarray) -> np.ndarray:
    numerator = values["numerator"].to_numpy(dtype=float)
    denominator = values["denominator"].to_numpy(dtype=float)
    value = values["value"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        small = (
            (denominator < threshold)
            | (numerator < threshold)
            | ((denominator - numerator) < threshold)
        )
        small_count = is_count & np.isnan(denominator) & (value < threshold)
    return np.asarray((small | small_count) & (threshold > 0), dtype=bool)


def _complementary(values: pd.DataFrame, total_id: str, part_ids: set[str]) -> pd.Series:
    """Hide a second part wherever exactly one part of a shown total is hidden."""
    hidden = values[SUPPRESSED].copy()
    shown_totals = set(
        values.loc[(values["area_id"] == total_id) & ~hidden, ["indicator_id", "year"]].itertuples(
            index=False, name=None
        )
    )
    parts = values[values["area_id"].isin(part_ids)]
    for key, group in parts.groupby(["indicator_id", "year"], sort=False):
        if key not in shown_totals or int(hidden[group.index].sum()) != 1:
            continue
        candidates = group[~hidden[group.index]]
        if candidates.empty:
            continue
        order = candidates.assign(_den=candidates["denominator"].fillna(np.inf))
        partner = order.sort_values(["_den", "area_id"], kind="stable").index[0]
        hidden[partner] = True
    return hidden


# --- one indicator, one year ------------------------------------------------------------------


def year_values(values: pd.DataFrame, indicator_id: str, year: int) -> pd.DataFrame:
    """Rows of one indicator and year (suppressed table in, suppressed rows kept as NaN)."""
    rows = values[(values["indicator_id"] == indicator_id) & (values["year"] == year)]
    return rows.reset_index(drop=True)


def years(values: pd.DataFrame, indicator_id: str) -> list[int]:
    return sorted(
        int(y) for y in values.loc[values["indicator_id"] == indicator_id, "year"].unique()
    )


def compare(
    values: pd.DataFrame,
    indicator_id: str,
    year: int,
    area_ids: Iterable[str],
    reference_id: str,
) -> pd.DataFrame:
    """Each area against the reference (Trondheim): value, reference value, difference in the
    indicator's unit and index (reference = 100). Blank where either side is hidden or missing.

    Columns: area_id, value, reference, difference, index, suppressed.
    """
    rows = year_values(values, indicator_id, year).set_index("area_id")
    wanted = list(area_ids)
    reference = _shown(rows, reference_id)
    out = pd.DataFrame({"area_id": wanted})
    out["value"] = [_shown(rows, area_id) for area_id in wanted]
    out["reference"] = reference
    out["difference"] = out["value"] - out["reference"]
    with np.errstate(divide="ignore", invalid="ignore"):
        index = 100 * out["value"] / out["reference"]
    out["index"] = index.where(np.isfinite(index))
    out[SUPPRESSED] = [
        bool(rows.loc[area_id, SUPPRESSED]) if area_id in rows.index else False
        for area_id in wanted
    ]
    return out


def ranked(
    values: pd.DataFrame, indicator_id: str, year: int, area_ids: Iterable[str]
) -> pd.DataFrame:
    """The areas' rows of one indicator-year, highest value first, hidden ones last."""
    rows = year_values(values, indicator_id, year)
    rows = rows[rows["area_id"].isin(set(area_ids))]
    return rows.sort_values(
        ["value", "area_id"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def series(values: pd.DataFrame, indicator_id: str, area_ids: Iterable[str]) -> pd.DataFrame:
    """Time series of one indicator for the areas asked for (hidden years stay NaN)."""
    rows = values[(values["indicator_id"] == indicator_id) & values["area_id"].isin(set(area_ids))]
    return rows.sort_values(["area_id", "year"]).reset_index(drop=True)


def for_download(values: pd.DataFrame, hidden_label: str) -> pd.DataFrame:
    """The suppressed rows as a plain table for CSV: hidden cells are empty and a ``note``
    column says why (``hidden_label``, e.g. "skjult (få personer)")."""
    columns = ["indicator_id", "area_id", "year", "value", "numerator", "denominator"]
    out = values[[*columns, "is_sample", "source"]].copy()
    out.insert(6, "note", np.where(values[SUPPRESSED].to_numpy(dtype=bool), hidden_label, ""))
    return out.reset_index(drop=True)


def _shown(rows: pd.DataFrame, area_id: str) -> float:
    if area_id not in rows.index or bool(rows.loc[area_id, SUPPRESSED]):
        return math.nan
    return float(rows.loc[area_id, "value"])


# --- honest change (survey shares with their n) --------------------------------------------------


def wilson(successes: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion (as fractions 0–1). NaN for n = 0 or missing."""
    if not n or n != n or successes != successes:
        return (math.nan, math.nan)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def newcombe(
    successes_1: float, n_1: float, successes_2: float, n_2: float, z: float = Z_95
) -> tuple[float, float, float]:
    """Difference p2 − p1 with Newcombe's hybrid score interval (method 10, from two Wilson
    intervals), as fractions. Newcombe (1998), Statistics in Medicine 17:873–890."""
    if not n_1 or not n_2 or any(v != v for v in (successes_1, n_1, successes_2, n_2)):
        return (math.nan, math.nan, math.nan)
    p1, p2 = successes_1 / n_1, successes_2 / n_2
    l1, u1 = wilson(successes_1, n_1, z)
    l2, u2 = wilson(successes_2, n_2, z)
    difference = p2 - p1
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return (difference, low, high)


class Verdict(StrEnum):
    """What a change is, in words the page can translate."""

    BETTER = "better"  # larger than the uncertainty, in the good direction
    WORSE = "worse"
    UP = "up"  # larger than the uncertainty, for an indicator with no good direction
    DOWN = "down"
    WITHIN_NOISE = "within_noise"  # the interval for the difference includes 0
    NO_DATA = "no_data"  # a year missing or hidden


@dataclass(frozen=True)
class Change:
    """A share's change between two years, in percentage points, with 95 % intervals."""

    area_id: str
    baseline_year: int
    latest_year: int
    baseline: float  # percent
    baseline_ci: tuple[float, float]
    latest: float
    latest_ci: tuple[float, float]
    difference: float  # percentage points, latest − baseline
    difference_ci: tuple[float, float]
    verdict: Verdict


def change(
    values: pd.DataFrame,
    indicator_id: str,
    area_id: str,
    baseline_year: int,
    latest_year: int,
    direction: str,
) -> Change:
    """Change of a share from baseline to latest with Wilson/Newcombe 95 % intervals.

    Needs numerator and denominator (the survey's n). A hidden year gives NO_DATA and no
    numbers at all, so the change cannot reveal it.
    """
    rows = values[(values["indicator_id"] == indicator_id) & (values["area_id"] == area_id)]
    by_year = rows.set_index("year")
    counts = []
    for year in (baseline_year, latest_year):
        if year not in by_year.index or bool(by_year.loc[year, SUPPRESSED]):
            counts.append((math.nan, math.nan))
        else:
            counts.append(
                (float(by_year.loc[year, "numerator"]), float(by_year.loc[year, "denominator"]))
            )
    (k1, n1), (k2, n2) = counts
    nan2 = (math.nan, math.nan)
    if any(v != v for v in (k1, n1, k2, n2)) or not n1 or not n2:
        return Change(
            area_id,
            baseline_year,
            latest_year,
            math.nan,
            nan2,
            math.nan,
            nan2,
            math.nan,
            nan2,
            Verdict.NO_DATA,
        )
    difference, low, high = newcombe(k1, n1, k2, n2)
    return Change(
        area_id=area_id,
        baseline_year=baseline_year,
        latest_year=latest_year,
        baseline=100 * k1 / n1,
        baseline_ci=_percent(wilson(k1, n1)),
        latest=100 * k2 / n2,
        latest_ci=_percent(wilson(k2, n2)),
        difference=100 * difference,
        difference_ci=_percent((low, high)),
        verdict=_verdict(low, high, direction),
    )


def _verdict(low: float, high: float, direction: str) -> Verdict:
    if low <= 0 <= high:
        return Verdict.WITHIN_NOISE
    up = low > 0
    if direction == Direction.HIGHER_BETTER:
        return Verdict.BETTER if up else Verdict.WORSE
    if direction == Direction.LOWER_BETTER:
        return Verdict.WORSE if up else Verdict.BETTER
    return Verdict.UP if up else Verdict.DOWN


def _percent(interval: tuple[float, float]) -> tuple[float, float]:
    return (100 * interval[0], 100 * interval[1])


# --- targets (benefits realisation) --------------------------------------------------------------


class Status(StrEnum):
    REACHED = "reached"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class TargetProgress:
    target_id: str
    indicator_id: str
    area_id: str
    baseline_year: int
    baseline: float  # NaN when the baseline cell is hidden
    latest_year: int | None
    latest: float  # NaN when missing or hidden
    target_year: int
    target: float
    status: Status


def target_status(
    *,
    baseline: float,
    baseline_year: int,
    latest: float,
    latest_year: int | None,
    target: float,
    target_year: int,
    direction: str,
) -> Status:
    """The status of one target, by the rule the Gevinstrealisering page states:

    - no data: no value after the baseline year (or it, or the baseline, is hidden);
    - reached: the latest value is at the target or beyond it (in the good direction);
    - on track: the share of the way from baseline to target covered so far is at least the
      share of the time from baseline year to target year that has passed (a straight line);
    - behind: otherwise.
    """
    if (
        latest_year is None
        or latest_year <= baseline_year
        or latest != latest
        or baseline != baseline
        or direction == Direction.NEUTRAL
    ):
        return Status.NO_DATA
    better = -1.0 if direction == Direction.LOWER_BETTER else 1.0
    if better * (latest - target) >= 0:
        return Status.REACHED
    needed = better * (target - baseline)
    if needed <= 0:  # a target no better than the baseline, and the latest is short of it
        return Status.BEHIND
    progress = better * (latest - baseline) / needed
    elapsed = (latest_year - baseline_year) / max(1, target_year - baseline_year)
    return Status.ON_TRACK if progress >= min(1.0, elapsed) else Status.BEHIND


def target_progress(
    targets: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame
) -> list[TargetProgress]:
    """Every target with its latest shown value and status (suppressed ``values`` in).

    The baseline is read from ``values`` too, so a hidden baseline cell stays hidden even
    though the targets table stores it.
    """
    direction = indicators.set_index("indicator_id")["direction"]
    cells = {
        key: group.set_index("year") for key, group in values.groupby(["indicator_id", "area_id"])
    }
    out = []
    for row in targets.itertuples(index=False):
        cell = cells.get((row.indicator_id, row.area_id))
        if cell is None:
            cell = pd.DataFrame(columns=[SUPPRESSED, "value"], index=pd.Index([], name="year"))
        baseline = math.nan
        if row.baseline_year in cell.index and not bool(cell.loc[row.baseline_year, SUPPRESSED]):
            baseline = float(row.baseline_value)
        later = cell[cell.index > row.baseline_year]
        latest_year = int(later.index.max()) if not later.empty else None
        latest = math.nan
        if latest_year is not None and not bool(later.loc[latest_year, SUPPRESSED]):
            latest = float(later.loc[latest_year, "value"])
        status = target_status(
            baseline=baseline,
            baseline_year=int(row.baseline_year),
            latest=latest,
            latest_year=latest_year,
            target=float(row.target_value),
            target_year=int(row.target_year),
            direction=str(direction.get(row.indicator_id, Direction.NEUTRAL)),
        )
        out.append(
            TargetProgress(
                target_id=str(row.target_id),
                indicator_id=str(row.indicator_id),
                area_id=str(row.area_id),
                baseline_year=int(row.baseline_year),
                baseline=baseline,
                latest_year=latest_year,
                latest=latest,
                target_year=int(row.target_year),
                target=float(row.target_value),
                status=status,
            )
        )
    return out


# --- classes for a choropleth ----------------------------------------------------------------


@dataclass(frozen=True)
class Classes:
    """Equal-count classes of the shown values, and which end is drawn darker.

    ``edges`` are the class boundaries, ascending (k classes have k + 1 edges). ``shade`` 0 is
    the lightest; the darkest is the worst end: high values for lower-is-better (and for
    neutral indicators, where darker simply means more), low values for higher-is-better.
    """

    edges: tuple[float, ...]
    darker_is_higher: bool

    @property
    def count(self) -> int:
        return max(0, len(self.edges) - 1)

    def shade(self, value: float | None) -> int | None:
        """0 (lightest) … count − 1 (darkest) for a value; None for a hidden or missing one."""
        if value is None or value != value or self.count == 0:
            return None
        position = int(np.searchsorted(np.asarray(self.edges[1:-1]), value, side="right"))
        return position if self.darker_is_higher else self.count - 1 - position

    def bins(self) -> list[tuple[float, float, int]]:
        """(low, high, shade) per class, ascending by value."""
        return [
            (self.edges[i], self.edges[i + 1], i if self.darker_is_higher else self.count - 1 - i)
            for i in range(self.count)
        ]


def classify(values: Iterable[float], direction: str, n_classes: int = 5) -> Classes:
    """Quantile classes (about as many zones in each) of the values that are shown.

    Fewer classes when the values have fewer distinct levels; none when nothing is shown.
    """
    shown = np.array([v for v in values if v == v and v is not None], dtype=float)
    darker_is_higher = direction != Direction.HIGHER_BETTER
    if shown.size == 0:
        return Classes((), darker_is_higher)
    edges = np.unique(np.quantile(shown, np.linspace(0, 1, max(1, n_classes) + 1)))
    if edges.size == 1:
        edges = np.array([edges[0], edges[0]])
    return Classes(tuple(float(e) for e in edges), darker_is_higher)


def progress_table(
    targets: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame
) -> pd.DataFrame:
    """``target_progress`` as a table, with each indicator's goal and direction added."""
    rows = [
        vars(p) | {"status": p.status.value} for p in target_progress(targets, values, indicators)
    ]
    columns = list(TargetProgress.__dataclass_fields__)
    table = pd.DataFrame(rows, columns=columns)
    spec = indicators.set_index("indicator_id")
    table["goal"] = table["indicator_id"].map(spec["goal"])
    table["direction"] = table["indicator_id"].map(spec["direction"])
    return table


def status_matrix(progress: pd.DataFrame) -> pd.DataFrame:
    """Goal × zone: how many targets have each status. Index (goal, area_id), one column per
    ``Status`` value, zeros where there are none."""
    counts = progress.groupby(["goal", "area_id", "status"]).size().unstack("status", fill_value=0)
    return counts.reindex(columns=[s.value for s in Status], fill_value=0)
