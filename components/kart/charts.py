"""The Kart page's linked charts: data in, an ``alt.Chart`` out (tests inspect the spec).

Every chart compares the selection (a zone, a drawn shape) with Trondheim when there is one,
carries a point selection named ``pick`` over its category fields (``st.altair_chart(...,
on_select=...)`` sends a click on a bar back to the page, which selects that zone or category on
the map) and dims the bars that are not ``highlight``ed (what is selected on the map), so the
link runs both ways. Every bar's number (formatted for the locale) is in its tooltip, and every
colour has a legend or an axis label: colour never carries meaning alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from components.i18n import format as fmt
from components.maps import style as map_style

PICK = "pick"
SCOPE_COLOURS = ["#14213D", "#9AA5B1"]  # the selection dark navy, Trondheim light slate
FOCUS_BAR = map_style.FOCUS_ZONE_STYLE["color"]
SELECTED_BAR = map_style.SELECTED_ZONE_STYLE["color"]
OTHER_BAR = "#9AA5B1"
DIMMED = 0.35
MAX_BARS = 100


def scoped(
    frames: Mapping[str, pd.DataFrame], by: Sequence[str], value: str | None = None
) -> pd.DataFrame:
    """Per scope (e.g. {"Lademoen": rows, "Trondheim": rows}) and group: count or sum of
    ``value``, and the share of the scope's total. Columns: scope, *by, amount, share."""
    parts = []
    for scope, frame in frames.items():
        if value is None:
            grouped = frame.groupby(list(by)).size()
        else:
            grouped = frame.groupby(list(by))[value].sum()
        part = grouped.rename("amount").reset_index()
        total = part["amount"].sum()
        part["share"] = part["amount"] / total if total else 0.0
        part.insert(0, "scope", scope)
        parts.append(part)
    columns = ["scope", *by, "amount", "share"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def projects_chart(
    counts: pd.DataFrame,
    *,
    goal_labels: Mapping[str, str],
    status_labels: Mapping[str, str],
    titles: Mapping[str, str],
    lang: str,
    highlight: Sequence[tuple[str, str]] = (),
) -> alt.Chart:
    """Projects by goal (rows) and status (stacked colour); one bar per scope in each row."""
    frame = counts.assign(
        amount_text=[fmt.number(v, lang) for v in counts["amount"]],
        goal_label=counts["goal"].map(goal_labels),
        status_label=counts["status"].map(status_labels),
        lit=_lit(counts, ["goal", "status"], highlight),
    )
    statuses = list(status_labels)
    pick = alt.selection_point(name=PICK, fields=["goal", "status"], on="click")
    scopes = list(dict.fromkeys(frame["scope"]))
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "goal_label:N",
                title=titles["goal"],
                sort=list(goal_labels.values()),
                axis=alt.Axis(labelLimit=220),
            ),
            x=alt.X("amount:Q", title=titles["count"], axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color(
                "status_label:N",
                title=titles["status"],
                scale=alt.Scale(
                    domain=[status_labels[s] for s in statuses],
                    range=[map_style.STATUS_COLOURS[s] for s in statuses],
                ),
                legend=None,  # the page draws the status legend above the chart
            ),
            opacity=alt.condition("datum.lit", alt.value(1.0), alt.value(DIMMED)),
            tooltip=_tooltip(titles, ("scope", "goal_label", "status_label")),
        )
        .add_params(pick)
    )
    if len(scopes) > 1:
        chart = chart.encode(yOffset=alt.YOffset("scope:N", sort=scopes))
    return chart.properties(height=max(150, 50 * len(goal_labels) * len(scopes)))


def budget_chart(
    sums: pd.DataFrame,
    *,
    funding_labels: Mapping[str, str],
    titles: Mapping[str, str],
    lang: str,
    highlight: Sequence[str] = (),
) -> alt.Chart:
    """Budget by funding source in million kroner, one bar per scope."""
    frame = sums.assign(
        funding_label=sums["funding"].map(funding_labels),
        lit=_lit(sums, ["funding"], [(h,) for h in highlight]),
        amount_text=[fmt.nok(v, lang) for v in sums["amount"]],
        share_text=[fmt.percent(v, lang) for v in sums["share"]],
    )
    return _grouped_bars(
        frame,
        "funding",
        "funding_label",
        titles,
        x_field="amount",
        label_expr=number_axis(lang, 0, 1e-6),
    )


def places_chart(
    counts: pd.DataFrame,
    *,
    type_labels: Mapping[str, str],
    titles: Mapping[str, str],
    lang: str,
    highlight: Sequence[str] = (),
) -> alt.Chart:
    """Meeting places by type; with two scopes as a share of each scope's places, so a zone
    and the whole city compare."""
    frame = counts.assign(
        type_label=counts["place_type"].map(type_labels),
        lit=_lit(counts, ["place_type"], [(h,) for h in highlight]),
        amount_text=[fmt.number(v, lang) for v in counts["amount"]],
        share_text=[fmt.percent(v, lang) for v in counts["share"]],
    )
    two = frame["scope"].nunique() > 1
    return _grouped_bars(
        frame,
        "place_type",
        "type_label",
        titles,
        x_field="share" if two else "amount",
        label_expr=number_axis(lang, 0, 100, " %") if two else number_axis(lang),
    )


def ranking_chart(
    rows: pd.DataFrame,
    *,
    trondheim: float | None,
    titles: Mapping[str, str],
    selected: str | None,
    lang: str,
    unit: str,
) -> alt.Chart:
    """The indicator across the zones, highest first; focus zones and the selected zone in
    their colours, Trondheim as a rule. Hidden (suppressed) zones are left out here: their
    absence is stated in the caption, never their value."""
    shown = ranked_rows(rows, selected)
    shown["role"] = [
        "selected" if a == selected else ("focus" if f else "other")
        for a, f in zip(shown["area_id"], shown["is_focus"], strict=True)
    ]
    shown["role_label"] = shown["role"].map(titles)
    shown["value_text"] = [fmt.indicator_value(v, False, unit, lang) for v in shown["value"]]
    order = shown.sort_values("value", ascending=False)["name"].tolist()
    pick = alt.selection_point(name=PICK, fields=["area_id"], on="click")
    bars = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            x=alt.X(
                "name:N", sort=order, title=None, axis=alt.Axis(labelAngle=-60, labelFontSize=9)
            ),
            y=alt.Y("value:Q", title=titles["value"], axis=alt.Axis(labelExpr=number_axis(lang))),
            color=alt.Color(
                "role_label:N",
                title=None,
                scale=alt.Scale(
                    domain=[titles["selected"], titles["focus"], titles["other"]],
                    range=[SELECTED_BAR, FOCUS_BAR, OTHER_BAR],
                ),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=titles["zone"]),
                alt.Tooltip("value_text:N", title=titles["value"]),
            ],
        )
        .add_params(pick)
    )
    if trondheim is None:
        return bars.properties(height=260)
    rule_data = pd.DataFrame({"value": [trondheim], "label": [titles["trondheim"]]})
    rule = (
        alt.Chart(rule_data)
        .mark_rule(color="#1F2937", strokeDash=[5, 3], size=2)
        .encode(y="value:Q")
    )
    label = (
        alt.Chart(rule_data)
        .mark_text(align="left", dy=-6, fontSize=12, color="#1F2937")
        .encode(y="value:Q", x=alt.value(4), text="label:N")
    )
    return alt.layer(bars, rule, label).properties(height=260)


def ranked_rows(rows: pd.DataFrame, selected: str | None) -> pd.DataFrame:
    """The zones with a shown value; beyond MAX_BARS only the highest, plus the focus zones
    and the selected zone (a national layer of 14,000 zones cannot be 14,000 bars)."""
    shown = rows[rows["value"].notna()].copy()
    if len(shown) <= MAX_BARS:
        return shown
    top = shown.nlargest(MAX_BARS, "value").index
    keep = shown.index.isin(top) | shown["is_focus"].to_numpy() | (shown["area_id"] == selected)
    return shown[keep]


def _grouped_bars(
    frame: pd.DataFrame,
    code: str,
    label: str,
    titles: Mapping[str, str],
    *,
    x_field: str,
    label_expr: str,
) -> alt.Chart:
    scopes = list(dict.fromkeys(frame["scope"]))
    order = frame.groupby(label)["amount"].sum().sort_values(ascending=False).index.tolist()
    pick = alt.selection_point(name=PICK, fields=[code], on="click")
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                f"{label}:N", sort=order, title=titles["category"], axis=alt.Axis(labelLimit=220)
            ),
            x=alt.X(f"{x_field}:Q", title=titles[x_field], axis=alt.Axis(labelExpr=label_expr)),
            color=alt.Color(
                "scope:N",
                title=None,
                scale=alt.Scale(domain=scopes, range=SCOPE_COLOURS[: len(scopes)]),
                legend=alt.Legend(orient="top") if len(scopes) > 1 else None,
            ),
            opacity=alt.condition("datum.lit", alt.value(1.0), alt.value(DIMMED)),
            tooltip=[
                alt.Tooltip("scope:N", title=titles["scope"]),
                alt.Tooltip(f"{label}:N", title=titles["category"]),
                alt.Tooltip("amount_text:N", title=titles["amount"]),
                alt.Tooltip("share_text:N", title=titles["share"]),
            ],
        )
        .add_params(pick)
    )
    if len(scopes) > 1:
        chart = chart.encode(yOffset=alt.YOffset("scope:N", sort=scopes))
    return chart.properties(height=max(150, 26 * len(order) * len(scopes)))


def _lit(
    frame: pd.DataFrame, fields: Sequence[str], highlight: Sequence[tuple[str, ...]]
) -> list[bool]:
    if not highlight:
        return [True] * len(frame)
    wanted = {tuple(h) for h in highlight}
    return [tuple(row) in wanted for row in frame[list(fields)].itertuples(index=False)]


def _tooltip(titles: Mapping[str, str], fields: Sequence[str]) -> list[alt.Tooltip]:
    names = {"scope": "scope", "goal_label": "goal", "status_label": "status"}
    return [alt.Tooltip(f"{f}:N", title=titles[names[f]]) for f in fields] + [
        alt.Tooltip("amount_text:N", title=titles["count"])
    ]


def number_axis(lang: str, decimals: int = 0, scale: float = 1.0, suffix: str = "") -> str:
    """A Vega labelExpr writing axis numbers as the locale does (decimal comma in nb).

    Vega formats with d3 in English; Babel cannot run in the browser, so the decimal point is
    swapped here (axis values are small round numbers: no thousands separators needed).
    """
    text = f"format(datum.value * {scale}, '.{decimals}f')"
    if lang == "nb" and decimals:
        text = f"replace({text}, '.', ',')"
    return f"{text} + '{suffix}'" if suffix else text
