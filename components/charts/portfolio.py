"""Charts of the project portfolio: the timeline (Gantt), totals by a dimension, criteria.

Builders take data and translated labels and return an ``alt.Chart``. Numbers on the bars
are formatted by Babel before they reach the chart, so they read as the locale writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import altair as alt
import pandas as pd

from components.maps.style import GOAL_COLOURS

BAR_COLOUR = "#0072B2"
TODAY_COLOUR = "#D55E00"
ROW_PX = 30
# Streamlit reads a chart's height as its whole height (axes and legend included, autosize
# "fit"), so every builder adds the room its axes and legend take to the height of its bars.
GANTT_OVERHEAD_PX = 110
TOTALS_OVERHEAD_PX = 45
CRITERIA_OVERHEAD_PX = 55


def gantt_chart(
    gantt: pd.DataFrame,
    *,
    today: dt.date,
    today_label: str,
    goal_labels: Mapping[str, str],
    status_labels: Mapping[str, str],
    titles: Mapping[str, str],
) -> alt.LayerChart:
    """A bar per project from start to end, coloured by goal, with a rule at ``today``.

    ``gantt`` is ``geo.analysis.portfolio.gantt_data``. ``titles``: name, goal, status, period.
    """
    data = gantt.assign(
        goal_label=gantt["goal"].map(goal_labels),
        status_label=gantt["status"].map(status_labels),
        start=pd.to_datetime(gantt["start"]),
        end=pd.to_datetime(gantt["end"]),
        period=[f"{s.year}–{e.year}" for s, e in zip(gantt["start"], gantt["end"], strict=True)],
    )
    goals = [goal_labels[g] for g in GOAL_COLOURS if g in set(gantt["goal"])]
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            x2="end:T",
            y=alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "goal_label:N",
                title=titles["goal"],
                scale=alt.Scale(
                    domain=goals,
                    range=[GOAL_COLOURS[g] for g in GOAL_COLOURS if goal_labels[g] in goals],
                ),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=titles["name"]),
                alt.Tooltip("goal_label:N", title=titles["goal"]),
                alt.Tooltip("status_label:N", title=titles["status"]),
                alt.Tooltip("period:N", title=titles["period"]),
            ],
        )
    )
    marker = pd.DataFrame({"today": [pd.Timestamp(today)], "label": [today_label]})
    rule = (
        alt.Chart(marker)
        .mark_rule(color=TODAY_COLOUR, strokeWidth=2, strokeDash=[5, 3])
        .encode(x="today:T")
    )
    label = (
        alt.Chart(marker)
        .mark_text(
            align="left", dx=4, dy=-4, baseline="bottom", color=TODAY_COLOUR, fontWeight="bold"
        )
        .encode(x="today:T", y=alt.value(0), text="label:N")
    )
    return alt.layer(bars, rule, label).properties(
        height=ROW_PX * max(3, len(data)) + GANTT_OVERHEAD_PX
    )


def totals_chart(
    totals: pd.DataFrame, *, value: str, title: str, colour: str = BAR_COLOUR
) -> alt.Chart:
    """Horizontal bars of ``value`` per ``label``, each with its formatted ``text`` beside it.

    ``totals`` has columns label, ``value`` and text (the number written for the reader).
    """
    y = alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240))
    x = alt.X(f"{value}:Q", title=title, axis=alt.Axis(labels=False, ticks=False, grid=False))
    base = alt.Chart(totals).encode(
        y=y, x=x, tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("text:N", title=title)]
    )
    bars = base.mark_bar(color=colour)
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(text="text:N")
    return (bars + text).properties(height=30 * max(2, len(totals)) + TOTALS_OVERHEAD_PX)


def criteria_chart(shares: pd.DataFrame, *, title: str) -> alt.Chart:
    """The share of projects meeting each criterion (0–100 %), with "n of N (p)" beside it.

    ``shares`` has columns label, share (0–1) and text.
    """
    y = alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=320))
    x = alt.X("share:Q", title=title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"))
    base = alt.Chart(shares).encode(
        y=y, x=x, tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("text:N", title=title)]
    )
    bars = base.mark_bar(color=BAR_COLOUR)
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(text="text:N")
    return (bars + text).properties(height=34 * len(shares) + CRITERIA_OVERHEAD_PX)
