"""The risk register (ROS): scores, trend since the last assessment, the 5 × 5 matrix.

Score = likelihood × consequence (1–25). Levels follow the usual ROS matrix: low up to 4,
medium 5–9, high 10 and above.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

SCALE = (1, 2, 3, 4, 5)
LEVELS = ("low", "medium", "high")
TRENDS = ("worse", "better", "unchanged", "new")


def level(score: int) -> str:
    """low (≤ 4), medium (5–9) or high (≥ 10)."""
    if score <= 4:
        return "low"
    return "medium" if score <= 9 else "high"


def with_scores(risks: pd.DataFrame) -> pd.DataFrame:
    """The register with score, prev_score (None when never assessed before), level, trend."""
    frame = risks.copy()
    frame["score"] = frame["likelihood"].astype(int) * frame["consequence"].astype(int)
    prev = frame["prev_likelihood"].astype("Int64") * frame["prev_consequence"].astype("Int64")
    frame["prev_score"] = prev
    frame["level"] = [level(int(s)) for s in frame["score"]]
    frame["trend"] = [_trend(int(s), p) for s, p in zip(frame["score"], prev, strict=True)]
    return frame


def matrix(risks: pd.DataFrame) -> pd.DataFrame:
    """All 25 cells: likelihood, consequence, count, score, level, risk_ids (comma-separated)."""
    rows = []
    for likelihood in SCALE:
        for consequence in SCALE:
            here = risks[
                (risks["likelihood"] == likelihood) & (risks["consequence"] == consequence)
            ]
            rows.append(
                {
                    "likelihood": likelihood,
                    "consequence": consequence,
                    "count": len(here),
                    "score": likelihood * consequence,
                    "level": level(likelihood * consequence),
                    "risk_ids": ", ".join(here["risk_id"].astype(str)),
                }
            )
    return pd.DataFrame(rows)


def by_area(risks: pd.DataFrame, areas: Sequence[str]) -> pd.DataFrame:
    """Per risk area (in the order given): how many risks are high, medium, low and worse.

    ``risks`` is a register with scores (``with_scores``). Columns: risk_area, high, medium,
    low, worse."""
    rows = []
    for area in areas:
        here = risks[risks["risk_area"] == area]
        rows.append(
            {
                "risk_area": area,
                **{lv: int((here["level"] == lv).sum()) for lv in reversed(LEVELS)},
                "worse": int((here["trend"] == "worse").sum()),
            }
        )
    return pd.DataFrame(rows)


def _trend(score: int, prev: object) -> str:
    if prev is None or prev is pd.NA or pd.isna(prev):
        return "new"
    previous = int(str(prev))
    if score > previous:
        return "worse"
    return "better" if score < previous else "unchanged"
