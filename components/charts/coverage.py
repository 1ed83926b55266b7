"""Coverage per zone as a chart: network and straight-line share side by side, labelled."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from components.maps.coverage_layers import REACH_COLOUR

STRAIGHT_BAR_COLOUR = "#9AA5B1"  # grey: the straight line is the reference, not the finding


def coverage_chart(
    table: pd.DataFrame, *, labels: Mapping[str, str], texts: Mapping[tuple[str, str], str]
) -> alt.Chart:
    """Grouped horizontal bars per zone. ``labels``: network, straight, share, zone (titles);
    ``texts[(area_id, "network"|"straight")]``: the share as the reader writes it."""
    rows = []
    for row in table.itertuples(index=False):
        for method in ("network", "straight"):
            rows.append(
                {
                    "zone": row.name,
                    "method": labels[method],
                    "share": getattr(row, f"{method}_share"),
                    "text": texts[(row.area_id, method)],
                }
            )
    data = pd.DataFrame(rows)
    methods = [labels["network"], labels["straight"]]
    base = alt.Chart(data).encode(
        y=alt.Y("zone:N", title=None, axis=alt.Axis(labelLimit=200)),
        yOffset=alt.YOffset("method:N", sort=methods),
        x=alt.X(
            "share:Q",
            title=labels["share"],
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
        tooltip=[
            alt.Tooltip("zone:N", title=labels["zone"]),
            alt.Tooltip("method:N", title=" "),
            alt.Tooltip("text:N", title=labels["share"]),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "method:N",
            scale=alt.Scale(domain=methods, range=[REACH_COLOUR, STRAIGHT_BAR_COLOUR]),
            legend=alt.Legend(orient="top", direction="vertical", title=None, labelLimit=600),
        )
    )
    text = base.mark_text(align="left", dx=3, fontSize=12).encode(text="text:N")
    # Streamlit takes the height as the whole chart's: add the legend's and the axis's room
    return (bars + text).properties(height=56 * data["zone"].nunique() + 100)
