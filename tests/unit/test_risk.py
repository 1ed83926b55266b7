"""The risk register: score, level, trend since the last assessment, the 5 × 5 matrix."""

from __future__ import annotations

import pandas as pd

from geo.analysis import risk


def _risks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "risk_id": ["r1", "r2", "r3", "r4"],
            "likelihood": [3, 2, 3, 5],
            "consequence": [4, 2, 4, 5],
            "prev_likelihood": pd.array([4, 2, None, 4], dtype="Int64"),
            "prev_consequence": pd.array([4, 2, None, 5], dtype="Int64"),
        }
    )


def test_scores_levels_and_trends():
    scored = risk.with_scores(_risks()).set_index("risk_id")
    assert scored["score"].tolist() == [12, 4, 12, 25]
    assert scored["level"].tolist() == ["high", "low", "high", "high"]
    assert scored["trend"].tolist() == ["better", "unchanged", "new", "worse"]


def test_levels():
    assert [risk.level(s) for s in (1, 4, 5, 9, 10, 25)] == [
        "low", "low", "medium", "medium", "high", "high",
    ]  # fmt: skip


def test_matrix_has_every_cell_with_counts():
    cells = risk.matrix(_risks())
    assert len(cells) == 25
    assert cells["count"].sum() == 4
    cell = cells[(cells["likelihood"] == 3) & (cells["consequence"] == 4)].iloc[0]
    assert cell["count"] == 2 and cell["risk_ids"] == "r1, r3" and cell["score"] == 12


def test_by_area_counts_levels_and_worse_per_area_in_the_order_given():
    scored = risk.with_scores(_risks()).assign(risk_area=["a", "a", "b", "b"])
    counts = risk.by_area(scored, ["b", "a", "c"])
    assert counts.columns.tolist() == ["risk_area", "high", "medium", "low", "worse"]
    assert counts.values.tolist() == [["b", 2, 0, 0, 1], ["a", 1, 0, 1, 0], ["c", 0, 0, 0, 0]]


def test_on_the_built_sample(built_tables):
    risks = built_tables["risks"]
    assert set(risks["risk_area"]) == {
        "organisatorisk", "finansiell_politisk", "interessent", "gjennomforing",
    }  # fmt: skip
    assert risk.matrix(risks)["count"].sum() == len(risks)
