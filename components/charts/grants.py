"""Nabolagspotten in charts: amount applied against granted, by zone, year or category."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

APPLIED_COLOUR = "#9AA5B1"  # grey: what was asked for
GRANTED_COLOUR = "#009E73"  # bluish green: what was given


def applied_granted_chart(totals: pd.DataFrame, *, labels: Mapping[str, str]) -> alt.Chart:
    """Grouped horizontal bars per ``label``: applied and granted, each with its text.

    ``totals``: label, applied, granted, applied_text, granted_text. ``labels``: applied,
    granted, amount (axis title).
    """
    rows = []
    for row in totals.itertuples(index=False):
        rows.append(
            {
                "label": row.label,
                "measure": labels["applied"],
                "amount": row.applied,
                "text": row.applied_text,
            }
        )
        rows.append(
            {
                "label": row.label,
                "measure": labels["granted"],
                "amount": row.granted,
                "text": row.granted_text,
            }
        )
    data = pd.DataFrame(rows)
    measures = [labels["applied"], labels["granted"]]
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", title=None, sort=list(totals["label"]), axis=alt.Axis(labelLimit=240)),
        yOffset=alt.YOffset("measure:N", sort=measures),
        x=alt.X("amount:Q", title=labels["amount"], axis=alt.Axis(labels=False, ticks=False)),
        tooltip=[
            alt.Tooltip("label:N", title=" "),
            alt.Tooltip("measure:N", title=" "),
            alt.Tooltip("text:N", title=labels["amount"]),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "measure:N",
            scale=alt.Scale(domain=measures, range=[APPLIED_COLOUR, GRANTED_COLOUR]),
            legend=alt.Legend(orient="top", direction="horizontal", title=None),
        )
    )
    text = base.mark_text(align="left", dx=3, fontSize=12).encode(text="text:N")
    # Streamlit takes the height as the whole chart's: add the legend's and the axis's room
    return (bars + text).properties(height=50 * max(2, len(totals)) + 70)
