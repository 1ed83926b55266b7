"""The detail panel (every field of a clicked project, place, grant, stop …, formatted) and the
summary of a selection (a zone or a drawn shape): what the planner reads beside the map.

Field names come from the catalog (kart.field.<column>), enum codes through enum_label, money
and numbers through Babel; no raw field name or code is shown.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import streamlit as st

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
HIDDEN = {"geometry", "is_sample"}  # is_sample is shown as a badge


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
        return fmt.nok(float(value), lang)  # type: ignore[arg-type]
    if column in COUNTS or column == "n_routes":
        return fmt.number(float(value), lang)  # type: ignore[arg-type]
    if isinstance(value, bool) or column.startswith("crit_"):
        return translate("kart.yes" if bool(value) else "kart.no", lang)
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
    lang: str,
) -> None:
    """What lies inside the selection: area, counts, money and the zones it covers."""
    st.markdown(f"#### {html.escape(heading)}")
    first, second, third = st.columns(3)
    first.metric(translate("kart.sum_projects", lang), fmt.number(result.n_projects, lang))
    second.metric(translate("kart.sum_places", lang), fmt.number(result.n_places, lang))
    third.metric(translate("kart.sum_grants", lang), fmt.number(result.n_grants, lang))
    first, second = st.columns(2)
    first.metric(translate("kart.sum_budget", lang), fmt.nok(result.budget_nok, lang))
    second.metric(translate("kart.sum_granted", lang), fmt.nok(result.granted_nok, lang))
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
