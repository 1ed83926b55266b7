"""The detail panel (every field of a clicked project, place, grant, stop …, formatted) and the
summary of a selection (a zone or a drawn shape): what the planner reads beside the map.

Field names come from the catalog (kart.field.<column>), enum codes through enum_label, money
and numbers through Babel; no raw field name or code is shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import streamlit as st

from components import sample_mark, state
from components.i18n import enum_label, has, translate
from components.i18n import format as fmt
from components.kart.layers import LAYERS, label_key
from geo.analysis.select import SelectionSummary

# (table, column) -> catalog enum name; a column listed for every table uses "*"
ENUMS: dict[tuple[str, str], str] = {
    ("projects", "goal"): "goal",
    ("projects", "status"): "status",
    ("projects", "focus_area"): "focus_area",
    ("projects", "work_level"): "work_level",
    ("projects", "funding"): "funding",
    ("meeting_places", "place_type"): "place_type",
    ("grants", "status"): "grant_status",
}
MONEY = {"budget_nok", "amount_applied", "amount_granted"}
COUNTS = {"departures_day", "departures_07_09", "departures_15_17", "departures_after_20"}
YES_NO = {"indoor", "universal_design", "is_anchor"}
HIDDEN = {"geometry", "is_sample"}  # is_sample is shown as a badge and in the name


def detail(
    fid: tuple[str, int],
    tables: Mapping[str, pd.DataFrame],
    *,
    zone_names: Mapping[str, str],
    indicator_names: Mapping[str, str],
    lang: str,
) -> None:
    """The panel of one feature: its name, a sample badge when it is sample data, its fields."""
    key, label = fid
    layer = LAYERS[key]
    table = tables[layer.table]
    if label not in table.index:
        st.caption(translate("kart.detail_gone", lang))
        return
    row = table.loc[label]
    st.markdown(f"#### {html.escape(layer.name(row, lang))}")
    badge = "common.sample_badge" if bool(row.get("is_sample")) else "common.real_badge"
    st.badge(
        translate(badge, lang),
        icon=":material/science:" if bool(row.get("is_sample")) else ":material/verified:",
        color="orange" if bool(row.get("is_sample")) else "blue",
    )
    st.caption(translate(label_key(layer, table), lang))
    lines = []
    for column, value in row.items():
        if column in HIDDEN:
            continue
        text = format_field(layer.table, str(column), value, zone_names, indicator_names, lang)
        if column in MONEY:
            text = sample_mark.mark_if(text, bool(row.get("is_sample")), lang)
        name = translate(f"kart.field.{column}", lang)
        lines.append(f"| {_cell(name)} | {_cell(text)} |")
    st.markdown(
        f"| {translate('kart.detail_field', lang)} | {translate('kart.detail_value', lang)} |\n"
        "|---|---|\n" + "\n".join(lines)
    )


def format_field(
    table: str,
    column: str,
    value: object,
    zone_names: Mapping[str, str],
    indicator_names: Mapping[str, str],
    lang: str,
) -> str:
    """One stored value as the reader should see it."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    enum = ENUMS.get((table, column))
    if enum is not None:
        return enum_label(enum, str(value), lang)
    if column in MONEY:
        return fmt.nok(float(value), lang)  # type: ignore[arg-type]  # marked by detail()
    if column in COUNTS or column == "n_routes":
        return fmt.number(float(value), lang)  # type: ignore[arg-type]
    if isinstance(value, bool | np.bool_) or column.startswith("crit_") or column in YES_NO:
        return fmt.yes_no(value, lang)
    if column == "area_id":
        return zone_names.get(str(value), str(value))
    if column == "indicator_ids":
        return ", ".join(indicator_names.get(i, i) for i in str(value).split(",") if i)
    if column == "denomination":
        return _coded("kart.denomination", str(value), lang)
    if column == "kind":
        return translate(f"kart.catchment_{value}", lang)
    if column == "route_types":
        kinds = dict.fromkeys(_route_kind(code) for code in str(value).split())
        return ", ".join(translate(f"kart.route_type.{kind}", lang) for kind in kinds)
    return str(value)


def summary(
    result: SelectionSummary,
    *,
    heading: str,
    counted: Mapping[str, bool],
    lang: str,
) -> None:
    """What lies inside the selection: area, counts, money and the zones it covers.

    ``counted``: which of "projects", "places", "grants" are on the map (True when their rows
    hold sample data); only those are counted, the same rows as the charts, table and
    downloads. A sum of sample rows says it is an example.
    """
    st.markdown(f"#### {html.escape(heading)}")
    numbers = [
        (key, label, n)
        for key, label, n in (
            ("projects", "kart.sum_projects", result.n_projects),
            ("places", "kart.sum_places", result.n_places),
            ("grants", "kart.sum_grants", result.n_grants),
        )
        if key in counted
    ]
    if numbers:
        for column, (_key, label, n) in zip(st.columns(len(numbers)), numbers, strict=True):
            column.metric(translate(label, lang), fmt.number(n, lang))
    else:
        st.caption(translate("kart.sum_no_layers", lang))
    # Money on a line of its own: beside another figure, "15 440 000 kr" was cut off.
    if "projects" in counted:
        st.metric(
            translate("kart.sum_budget", lang),
            sample_mark.mark_if(fmt.nok(result.budget_nok, lang), counted["projects"], lang),
        )
    if "grants" in counted:
        st.metric(
            translate("kart.sum_granted", lang),
            sample_mark.mark_if(fmt.nok(result.granted_nok, lang), counted["grants"], lang),
        )
    area = fmt.number(result.area_m2 / 1e6, lang, 2)
    st.markdown(f"**{translate('kart.sum_area', lang)}:** {area}\u00a0km²")
    _counts_line("kart.sum_by_status", result.projects_by_status, "status", lang)
    _counts_line("kart.sum_by_type", result.places_by_type, "place_type", lang)
    _counts_line("kart.sum_grants_by_status", result.grants_by_status, "grant_status", lang)
    if len(result.zone_cover):
        cover = result.zone_cover
        st.markdown(f"**{translate('kart.sum_cover', lang)}**")
        st.markdown(
            "\n".join(
                f"- {_cell(name)}: {fmt.percent(share, lang, 1)}"
                for name, share in zip(cover["name"], cover["share"], strict=True)
            )
        )


def nearby(features: Sequence[tuple[str, str]], *, lang: str) -> None:
    """Buttons for the points at the same spot as the one shown (they lie under or over it on
    the map, where a click reaches only the top one); a button shows that one instead."""
    if not features:
        return
    st.markdown(f"**{html.escape(translate('kart.nearby_heading', lang))}**")
    for fid, name in features:
        st.button(
            name,
            key=f"kart_nearby_{fid}",
            on_click=state.select_feature,
            args=(fid,),
            icon=":material/place:",
            width="stretch",
        )


MAX_PICKED_NAMES = 12


def picked(
    rows: pd.DataFrame,
    *,
    category: str,
    scope: str,
    name: Callable[[pd.Series, str], str],
    lang: str,
) -> None:
    """What a bar picked in a chart: the category, how many rows of it lie in ``scope`` and
    their names (ringed on the map), so the panel never says "nothing selected" while the map
    shows a pick."""
    st.markdown(f"#### {html.escape(translate('kart.picked_heading', lang, category=category))}")
    st.metric(translate("kart.picked_count", lang, scope=scope), fmt.number(len(rows), lang))
    names = sorted(name(row, lang) for _, row in rows.iterrows())
    if names:
        st.markdown("\n".join(f"- {_cell(text)}" for text in names[:MAX_PICKED_NAMES]))
    if len(names) > MAX_PICKED_NAMES:
        more = fmt.number(len(names) - MAX_PICKED_NAMES, lang)
        st.caption(translate("kart.picked_more", lang, n=more))


def picked_category(picked: tuple[str, str], lang: str) -> str:
    """The picked bar's category in words: "Stedsutvikling · Pågår", "KDD", "Park"."""
    field, code = picked
    if field == "goal_status":
        goal, _, status = code.partition("|")
        return f"{enum_label('goal', goal, lang)} · {enum_label('status', status, lang)}"
    return enum_label(field, code, lang)


def _counts_line(key: str, counts: Mapping[str, int], enum: str, lang: str) -> None:
    if not counts:
        return
    parts = ", ".join(
        f"{enum_label(enum, code, lang)} {fmt.number(n, lang)}" for code, n in counts.items()
    )
    st.markdown(f"**{translate(key, lang)}:** {_cell(parts)}")


def _coded(prefix: str, code: str, lang: str) -> str:
    key = f"{prefix}.{code}"
    return translate(key, lang) if has(key, lang) else code.replace("_", " ")


def _route_kind(code: str) -> str:
    return {"7": "bus", "9": "tram", "1": "rail", "4": "metro"}.get(code[:1], "other")


def _cell(text: str) -> str:
    """Text for a Markdown table cell: escaped, pipes and line breaks made harmless."""
    escaped = html.escape(text).replace("|", "&#124;").replace("\n", " ")
    for char in "*_`[]#<>":
        escaped = escaped.replace(char, "\\" + char)
    return escaped
