"""The ROS matrix: likelihood × consequence, coloured by risk level, with the count per cell."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

# Light tints so the dark count reads on every cell (contrast ≥ 7:1 with #1F2937).
LEVEL_COLOURS = {"low": "#CDE8D6", "medium": "#FBE3A6", "high": "#F4B8A8"}


def risk_matrix_chart(cells: pd.DataFrame, *, labels: Mapping[str, str]) -> alt.LayerChart:
    """A 5 × 5 heat map. ``cells`` is ``geo.analysis.risk.matrix`` plus ``level_label``; ``labels``:
    likelihood, consequence, count, level, risks (titles)."""
    levels = list(LEVEL_COLOURS)
    data = cells.assign(
        has=cells["count"] > 0, count_text=[str(c) if c else "" for c in cells["count"]]
    )
    base = alt.Chart(data).encode(
        x=alt.X("consequence:O", title=labels["consequence"], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("likelihood:O", title=labels["likelihood"], sort="descending"),
    )
    rect = base.mark_rect(stroke="#FFFFFF", strokeWidth=2).encode(
        color=alt.Color(
            "level:N",
            scale=alt.Scale(domain=levels, range=[LEVEL_COLOURS[lv] for lv in levels]),
            legend=alt.Legend(
                title=labels["level"],
                orient="right",
                labelExpr=" + ".join(
                    f"(datum.label == '{lv}' ? '{_quoted(labels['level_' + lv])}' : '')"
                    for lv in levels
                ),
            ),
        ),
        opacity=alt.condition("datum.count > 0", alt.value(1.0), alt.value(0.45)),
        tooltip=[
            alt.Tooltip("count:Q", title=labels["count"]),
            alt.Tooltip("level_label:N", title=labels["level"]),
            alt.Tooltip("risk_ids:N", title=labels["risks"]),
        ],
    )
    text = base.mark_text(fontSize=20, fontWeight="bold", color="#1F2937").encode(
        text="count_text:N"
    )
    return alt.layer(rect, text).properties(width=360, height=330)


def _quoted(text: str) -> str:
    """Text for a single-quoted Vega expression string."""
    return text.replace("\\", "\\\\").replace("'", "\\'")
