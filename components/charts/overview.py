"""Altair chart builders: data in, an `alt.Chart` out, so tests can inspect the spec."""

from __future__ import annotations

import altair as alt
import pandas as pd

# Zone colours for grouped bars: Okabe–Ito blue, vermilion, bluish green (colour-blind safe).
ZONE_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]


def places_by_type_chart(
    counts: pd.DataFrame,
    *,
    type_labels: dict[str, str],
    zone_names: dict[str, str],
    axis_titles: dict[str, str],
) -> alt.Chart:
    """Horizontal bars of meeting places per type; grouped by zone when there are several.

    `counts` has columns area_id, place_type, count (geo.analysis.overview.places_by_zone_and_type).
    Every bar carries its number as text, so colour never carries the meaning alone.
    """
    data = counts.assign(
        type_label=counts["place_type"].map(type_labels),
        zone=counts["area_id"].map(zone_names),
    )[["type_label", "zone", "count"]]
    order = data.groupby("type_label")["count"].sum().sort_values(ascending=False).index.tolist()
    zones = sorted(data["zone"].unique())
    # Every type keeps its label: Vega drops labels it finds crowded (3 of 7 were gone).
    y = alt.Y(
        "type_label:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelLimit=260, labelOverlap=False, labelFontSize=13),
    )
    x = alt.X("count:Q", title=axis_titles["count"], axis=alt.Axis(tickMinStep=1, format="d"))
    tooltip = [
        alt.Tooltip("zone:N", title=axis_titles["zone"]),
        alt.Tooltip("type_label:N", title=axis_titles["type"]),
        alt.Tooltip("count:Q", title=axis_titles["count"]),
    ]
    colour = alt.Color(
        "zone:N",
        title=axis_titles["zone"],
        scale=alt.Scale(domain=zones, range=ZONE_PALETTE[: len(zones)]),
        legend=alt.Legend(orient="top", direction="horizontal", title=None)
        if len(zones) > 1
        else None,
    )
    base = alt.Chart(data).encode(y=y, x=x)
    if len(zones) > 1:
        base = base.encode(yOffset=alt.YOffset("zone:N", sort=zones))
    bars = base.mark_bar().encode(color=colour, tooltip=tooltip)
    text = base.mark_text(align="left", dx=3, fontSize=12).encode(text="count:Q")
    return (bars + text).properties(height=chart_height(len(order), len(zones)))


ROW_PX = 30  # a type with one bar: room for its 13 px label
BAR_PX = 14  # a bar of each zone within a type
AXIS_PX = 60  # the count axis and its title below the bars (Streamlit fits the whole chart)


def chart_height(types: int, zones: int) -> int:
    """Pixels for ``types`` rows of ``zones`` bars each, so no label has to be dropped."""
    return types * max(ROW_PX, BAR_PX * max(1, zones)) + AXIS_PX
