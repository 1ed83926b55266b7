"""Altair charts of the indicator pages: data in, an ``alt.Chart`` out (no Streamlit here).

Every frame passed in is already suppressed (geo.analysis.indicators): a hidden value is NaN and
carries its words in a text column, so no chart can draw it. Colours are Okabe–Ito, and every
mark that colour distinguishes also has a label or a shape, so colour never carries meaning alone.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

# Roles of an area in a chart, with their colour (Okabe–Ito) and drawing order.
ROLE_COLOURS: dict[str, str] = {
    "focus": "#D55E00",  # vermilion: the programme's zones
    "comparison": "#0072B2",  # blue: Saupstad, the earlier programme
    "reference": "#000000",  # black: Trondheim
    "other": "#B8B8B8",  # grey: the other zones
}
STATUS_COLOURS: dict[str, str] = {  # target status
    "reached": "#009E73",
    "on_track": "#56B4E9",
    "behind": "#E69F00",
    "no_data": "#BBBBBB",
}
STATUS_SHAPES: dict[str, str] = {
    "reached": "diamond",
    "on_track": "circle",
    "behind": "triangle-down",
    "no_data": "square",
}
FONT_SIZE = 13
PICK = "pick"  # the point selection a click on a bar sets (st.altair_chart(on_select=...))


def ranked_bars(
    rows: pd.DataFrame,
    *,
    reference: float | None,
    reference_label: str,
    titles: Mapping[str, str],
    role_labels: Mapping[str, str],
    selected: str | None = None,
) -> alt.LayerChart:
    """Horizontal bars of the areas, best-sorted by value; Trondheim as a vertical rule.
    A click on a bar sets the point selection ``PICK`` (fields: area_id).

    ``rows``: area_id, name, value (NaN when hidden), text (the value as words), role
    (focus/comparison/other). Hidden areas sit at the bottom with their words and no bar.
    """
    data = rows.assign(
        role_label=rows["role"].map(role_labels),
        is_selected=rows["area_id"] == selected,
        bar_value=rows["value"].fillna(0.0),
    )
    order = data.sort_values(["value", "name"], ascending=[False, True], na_position="last")["name"]
    roles = [r for r in ("focus", "comparison", "other") if r in set(data["role"])]
    y = alt.Y("name:N", sort=order.tolist(), title=None, axis=alt.Axis(labelLimit=180))
    x = alt.X("bar_value:Q", title=titles["value"])
    tooltip = [
        alt.Tooltip("name:N", title=titles["area"]),
        alt.Tooltip("text:N", title=titles["value"]),
    ]
    pick = alt.selection_point(name=PICK, fields=["area_id"], on="click")
    bars = (
        alt.Chart(data[data["value"].notna()])
        .mark_bar(cursor="pointer")
        .add_params(pick)
        .encode(
            y=y,
            x=x,
            color=alt.Color(
                "role_label:N",
                title=None,
                scale=alt.Scale(
                    domain=[role_labels[r] for r in roles], range=[ROLE_COLOURS[r] for r in roles]
                ),
                legend=alt.Legend(orient="top"),
            ),
            stroke=alt.condition("datum.is_selected", alt.value("#14213D"), alt.value(None)),
            strokeWidth=alt.condition("datum.is_selected", alt.value(2.5), alt.value(0)),
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=3, fontSize=11)
        .encode(y=y, x=x, text="text:N", tooltip=tooltip)
    )
    layers: list[alt.Chart] = [bars, labels]
    if reference is not None and reference == reference:
        line = pd.DataFrame({"reference": [reference], "label": [reference_label]})
        layers.append(
            alt.Chart(line)
            .mark_rule(color=ROLE_COLOURS["reference"], strokeDash=[6, 3], strokeWidth=2)
            .encode(x="reference:Q", tooltip=[alt.Tooltip("label:N", title=titles["area"])])
        )
        layers.append(
            alt.Chart(line)
            .mark_text(align="left", dx=4, dy=-6, fontWeight="bold", fontSize=12)
            .encode(x="reference:Q", y=alt.value(0), text="label:N")
        )
    height = max(160, 15 * len(data))
    return alt.layer(*layers).properties(height=height)


def series_lines(
    rows: pd.DataFrame, *, titles: Mapping[str, str], role_labels: Mapping[str, str]
) -> alt.LayerChart:
    """Lines over the years, one per area, coloured and dashed by role, labelled at the end.

    ``rows``: year, name, value (NaN when hidden), text, role (focus/comparison/reference);
    optional low/high draw a 95 % interval as a vertical rule.
    """
    data = rows.assign(role_label=rows["role"].map(role_labels))
    shown = data[data["value"].notna()]
    names = list(dict.fromkeys(data.sort_values("role")["name"]))
    palette = {
        name: ROLE_COLOURS[role] for name, role in zip(data["name"], data["role"], strict=True)
    }
    focus_names = [n for n in names if palette[n] == ROLE_COLOURS["focus"]]
    focus_shades = ["#D55E00", "#CC79A7", "#E69F00"]
    for index, focus_name in enumerate(focus_names):
        palette[focus_name] = focus_shades[index % len(focus_shades)]
    colour = alt.Color(
        "name:N",
        title=None,
        scale=alt.Scale(domain=names, range=[palette[n] for n in names]),
        legend=alt.Legend(orient="top", columns=3),
    )
    x = alt.X("year:O", title=titles["year"], axis=alt.Axis(labelAngle=0))
    extent = pd.concat(
        [shown["value"], *(shown[c] for c in ("low", "high") if c in shown.columns)]
    ).dropna()
    domain = [float(extent.min()), float(extent.max())] if len(extent) else [0.0, 1.0]
    pad = max(0.5, 0.05 * (domain[1] - domain[0]))
    y_scale = alt.Scale(zero=False, domain=[domain[0] - pad, domain[1] + pad], nice=False)
    y = alt.Y("value:Q", title=titles["value"], scale=y_scale)
    tooltip = [
        alt.Tooltip("name:N", title=titles["area"]),
        alt.Tooltip("year:O", title=titles["year"]),
        alt.Tooltip("text:N", title=titles["value"]),
    ]
    base = alt.Chart(shown).encode(x=x, y=y, color=colour)
    lines = base.mark_line(strokeWidth=2.5).encode(
        # Trondheim and Saupstad dashed: the names in the colour legend say which is which
        strokeDash=alt.StrokeDash("role_label:N", title=None, legend=None),
    )
    points = base.mark_point(filled=True, size=60).encode(
        shape=alt.Shape("role_label:N", title=None, legend=None), tooltip=tooltip
    )
    layers: list[alt.Chart] = [lines, points]
    if {"low", "high"} <= set(shown.columns) and shown["low"].notna().any():
        layers.insert(
            0,
            alt.Chart(shown[shown["low"].notna()])
            .mark_rule(strokeWidth=2, opacity=0.7)
            .encode(
                x=x,
                y=alt.Y("low:Q", scale=y_scale, title=titles["value"]),
                y2="high:Q",
                color=colour,
            ),
        )
    # Streamlit fits the whole chart, legend included, into this height
    return alt.layer(*layers).properties(height=400)


def change_intervals(
    rows: pd.DataFrame, *, titles: Mapping[str, str], verdict_labels: Mapping[str, str]
) -> alt.LayerChart:
    """Change in percentage points with its 95 % interval per area, and a rule at zero.

    ``rows``: name, difference, low, high, verdict (geo.analysis.indicators.Verdict codes), text.
    An interval that crosses zero is within the noise; the verdict is also written next to it.
    """
    data = rows[rows["difference"].notna()].assign(
        verdict_label=lambda df: df["verdict"].map(verdict_labels)
    )
    y = alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=200))
    tooltip = [
        alt.Tooltip("name:N", title=titles["area"]),
        alt.Tooltip("text:N", title=titles["difference"]),
        alt.Tooltip("verdict_label:N", title=titles["verdict"]),
    ]
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#333333").encode(x="zero:Q")
    span = (
        alt.Chart(data)
        .mark_rule(strokeWidth=3, color="#0072B2")
        .encode(y=y, x=alt.X("low:Q", title=titles["difference"]), x2="high:Q", tooltip=tooltip)
    )
    dot = (
        alt.Chart(data)
        .mark_point(filled=True, size=90, color="#0072B2")
        .encode(y=y, x="difference:Q", tooltip=tooltip)
    )
    words = (
        alt.Chart(data)
        .mark_text(align="left", dx=8, fontSize=12)
        .encode(y=y, x="high:Q", text="verdict_label:N")
    )
    return alt.layer(zero, span, dot, words).properties(height=max(90, 40 * len(data)))


def bullet(
    rows: pd.DataFrame, *, titles: Mapping[str, str], status_labels: Mapping[str, str]
) -> alt.LayerChart:
    """A bullet chart per target: a bar from the baseline to the latest value, the target as
    a thick tick, the status as colour, shape and words.

    ``rows``: name, baseline, latest, target (NaN allowed), status, text.
    """
    data = rows.assign(status_label=rows["status"].map(status_labels))
    y = alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=200))
    values = pd.concat([data["baseline"], data["latest"], data["target"]]).dropna()
    domain = [float(values.min()), float(values.max())] if len(values) else [0.0, 1.0]
    pad = max(1.0, 0.15 * (domain[1] - domain[0]))
    x_scale = alt.Scale(domain=[domain[0] - pad, domain[1] + pad], zero=False)
    statuses = [s for s in STATUS_COLOURS if s in set(data["status"])]
    colour = alt.Color(
        "status_label:N",
        title=None,
        scale=alt.Scale(
            domain=[status_labels[s] for s in statuses],
            range=[STATUS_COLOURS[s] for s in statuses],
        ),
        legend=alt.Legend(orient="top"),
    )
    tooltip = [
        alt.Tooltip("name:N", title=titles["area"]),
        alt.Tooltip("text:N", title=titles["value"]),
        alt.Tooltip("status_label:N", title=titles["status"]),
    ]
    path = (
        alt.Chart(data[data["latest"].notna() & data["baseline"].notna()])
        .mark_bar(height=14, opacity=0.55)
        .encode(
            y=y,
            x=alt.X("baseline:Q", title=titles["value"], scale=x_scale),
            x2="latest:Q",
            color=colour,
            tooltip=tooltip,
        )
    )
    base_tick = (
        alt.Chart(data[data["baseline"].notna()])
        .mark_tick(color="#555555", thickness=2, size=18)
        .encode(y=y, x=alt.X("baseline:Q", scale=x_scale), tooltip=tooltip)
    )
    latest = (
        alt.Chart(data[data["latest"].notna()])
        .mark_point(filled=True, size=110, stroke="#222222", strokeWidth=1)
        .encode(
            y=y,
            x=alt.X("latest:Q", scale=x_scale),
            color=colour,
            shape=alt.Shape(
                "status_label:N",
                scale=alt.Scale(
                    domain=[status_labels[s] for s in statuses],
                    range=[STATUS_SHAPES[s] for s in statuses],
                ),
                legend=None,
            ),
            tooltip=tooltip,
        )
    )
    target = (
        alt.Chart(data)
        .mark_tick(color="#000000", thickness=4, size=26)
        .encode(y=y, x=alt.X("target:Q", scale=x_scale), tooltip=tooltip)
    )
    words = (
        alt.Chart(data)
        .mark_text(align="left", baseline="middle", dx=10, fontSize=12)
        .encode(y=alt.Y("name:N", sort=None, axis=None), x=alt.value(0), text="status_label:N")
    )
    chart = alt.layer(path, base_tick, target, latest).properties(height=max(110, 46 * len(data)))
    return alt.hconcat(
        chart, words.properties(width=130, height=max(110, 46 * len(data)))
    ).resolve_scale(y="shared")


def population_lines(rows: pd.DataFrame, *, titles: Mapping[str, str]) -> alt.Chart:
    """Population by year for one area: a line with points. ``rows``: year, value, text."""
    x = alt.X("year:O", title=titles["year"], axis=alt.Axis(labelAngle=0, values=_ticks(rows)))
    y = alt.Y("value:Q", title=titles["value"], scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("year:O", title=titles["year"]),
        alt.Tooltip("text:N", title=titles["value"]),
    ]
    base = alt.Chart(rows).encode(x=x, y=y)
    return (
        base.mark_line(color="#0072B2", strokeWidth=3)
        + base.mark_point(color="#0072B2", filled=True, size=40).encode(tooltip=tooltip)
    ).properties(height=260)


def count_bars(
    rows: pd.DataFrame, *, titles: Mapping[str, str], colour: str = "#0072B2"
) -> alt.LayerChart:
    """Horizontal bars with their numbers: ``rows`` label, count (e.g. places by type)."""
    y = alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220))
    x = alt.X("count:Q", title=titles["count"], axis=alt.Axis(tickMinStep=1, format="d"))
    base = alt.Chart(rows).encode(y=y, x=x)
    bars = base.mark_bar(color=colour)
    text = base.mark_text(align="left", dx=3, fontSize=FONT_SIZE).encode(text="count:Q")
    return (bars + text).properties(height=max(80, 26 * len(rows)))


def _ticks(rows: pd.DataFrame) -> list[int]:
    years = sorted(int(y) for y in rows["year"].unique())
    if len(years) <= 8:
        return years
    step = max(1, len(years) // 6)
    return [y for y in years if (y - years[0]) % step == 0] + (
        [years[-1]] if (years[-1] - years[0]) % step else []
    )


# d3-format locales (Vega formats axis and tooltip numbers with these): 12 345,6 in nb.
NUMBER_LOCALES: dict[str, dict[str, object]] = {
    "nb": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["NOK\u00a0", ""]},
}


def localised(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """The chart with its numbers formatted for the reader's language (top level only)."""
    locale = NUMBER_LOCALES.get(lang, NUMBER_LOCALES["nb"])
    return chart.configure(locale={"number": locale})
