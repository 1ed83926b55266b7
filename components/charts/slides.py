"""Charts of the presentation slides: data in, an `alt.Chart` out (large type for a projector).

Every bar carries its number as text and every colour has a label in the legend, so colour never
carries the meaning alone; the slides add a text summary and a table view (components/a11y.py).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

# Okabe–Ito: reached = bluish green, on track = sky blue, behind = vermillion, no data = grey.
TARGET_STATUS_COLOURS = {
    "reached": "#009E73",
    "on_track": "#56B4E9",
    "behind": "#D55E00",
    "no_data": "#8C8C8C",
}
FONT_SIZE = 18


def stacked_bars(
    data: pd.DataFrame,
    *,
    category: str,
    stack: str,
    value: str,
    stack_order: list[str],
    colours: list[str],
    titles: dict[str, str],
) -> alt.Chart:
    """Horizontal bars of `value` per `category`, stacked by `stack` (labels already translated).

    `titles` holds the axis/legend titles for category, stack and value.
    """
    shown = data[data[value] > 0]
    ranked = shown.assign(stack_rank=shown[stack].map(stack_order.index)).sort_values(
        [category, "stack_rank"]
    )
    # the middle of each segment, for its number
    end = ranked.groupby(category, sort=False)[value].cumsum()
    ranked = ranked.assign(label_x=end - ranked[value] / 2)
    y = alt.Y(f"{category}:N", title=titles[category], sort=None)
    bars = (
        alt.Chart(ranked)
        .mark_bar(stroke="#FFFFFF", strokeWidth=1)
        .encode(
            y=y,
            x=alt.X(
                f"{value}:Q",
                title=titles[value],
                stack="zero",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            order=alt.Order("stack_rank:Q"),
            color=alt.Color(
                f"{stack}:N",
                title=titles[stack],
                scale=alt.Scale(domain=stack_order, range=colours),
                legend=alt.Legend(orient="top", direction="horizontal", labelLimit=400),
            ),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=titles[category]),
                alt.Tooltip(f"{stack}:N", title=titles[stack]),
                alt.Tooltip(f"{value}:Q", title=titles[value]),
            ],
        )
    )
    labels = (
        alt.Chart(ranked)
        .mark_text(color="#000000", fontSize=FONT_SIZE, fontWeight="bold")
        .encode(y=y, x="label_x:Q", text=alt.Text(f"{value}:Q"))
    )
    n_categories = max(1, data[category].nunique())
    return (
        (bars + labels)
        .properties(height=90 * n_categories)
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=400)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, symbolSize=300)
    )
