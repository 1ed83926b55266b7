"""The linked charts of Kart and what links them to the map.

Map → charts: the selection (zone or drawn shape) becomes a scope compared with Trondheim, and
a clicked feature's category is highlighted in the charts. Charts → map: a click on a bar
(``on_select``) picks that zone or category in components/state.py, and the map rings the
matching points (``highlight_points``) or outlines the zone.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import geopandas as gpd
import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from components import sample_mark, state
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.kart import charts as kart_charts
from components.kart import indicator as kart_indicator
from components.kart.layers import LAYERS, Tables
from components.kart.widget import points_of
from components.maps import style as map_style
from components.maps.legend import legend
from geo import schema
from geo.analysis import select as geo_select
from geo.analysis.filters import Filters
from geo.schema import Funding, Goal, PlaceType, ProjectStatus

CHART_KEYS = {
    "projects": "kart_chart_projects",
    "budget": "kart_chart_budget",
    "places": "kart_chart_places",
    "ranking": "kart_chart_ranking",
}


# What the panel and the charts count, by the map layers whose rows they are.
COUNTED_LAYERS: dict[str, tuple[str, ...]] = {
    "projects": ("projects",),
    "places": ("places", "kindergartens"),
    "grants": ("grants",),
}


def filtered(
    tables: Tables, filters: Filters, layers: Collection[str], zones: gpd.GeoDataFrame
) -> dict[str, pd.DataFrame]:
    """Projects, meeting places and grants as the map shows them: the rows of the visible
    layers under the filters (kindergartens only with their layer on), the very rows the
    table and the downloads hold, so panel, charts and files count the same. A hidden layer
    gives no rows."""
    frames = {}
    for name, keys in COUNTED_LAYERS.items():
        parts = [LAYERS[key].rows(tables, filters, zones) for key in keys if key in layers]
        table = tables[LAYERS[keys[0]].table]
        frames[name] = pd.concat(parts).sort_index() if parts else table.iloc[0:0]
    return frames


def picked_rows(
    frames: Mapping[str, pd.DataFrame], picked: tuple[str, str] | None
) -> pd.DataFrame | None:
    """The rows a chart bar picked (a goal and status, a funding source, a place type)."""
    if picked is None:
        return None
    field, code = picked
    if field == "goal_status":
        goal, _, status = code.partition("|")
        projects = frames["projects"]
        return projects[(projects["goal"] == goal) & (projects["status"] == status)]
    if field == "funding":
        projects = frames["projects"]
        return projects[projects["funding"] == code]
    if field == "place_type":
        places = frames["places"]
        return places[places["place_type"] == code]
    return None


def highlight_points(
    frames: Mapping[str, pd.DataFrame],
    tables: Tables,
    fid: tuple[str, int] | None,
    picked: tuple[str, str] | None,
) -> list[tuple[float, float]]:
    """(lat, lon) to ring on the map: the clicked feature, or what a chart bar picked."""
    if fid is not None:
        key, label = fid
        table = tables[LAYERS[key].table]
        return points_of(table.loc[[label]]) if label in table.index else []
    rows = picked_rows(frames, picked)
    return [] if rows is None else points_of(rows)  # type: ignore[arg-type]


def charts(
    frames: Mapping[str, pd.DataFrame],
    *,
    shape: BaseGeometry | None,
    scope_name: str,
    indicator: kart_indicator.IndicatorView | None,
    zone: str | None,
    fid: tuple[str, int] | None,
    picked: tuple[str, str] | None,
    tables: Tables,
    compared: str,
    lang: str,
) -> None:
    """The four charts, two by two, each comparing the selection with ``compared``: what the
    filters let through ("Trondheim", or the zones in the zone filter)."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    trondheim = t("kart.trondheim")
    compared_label = compared[:1].upper() + compared[1:]  # a series name in the charts
    scoped = {"projects": {}, "places": {}}  # type: dict[str, dict[str, pd.DataFrame]]
    for name in scoped:
        if shape is not None:
            scoped[name][scope_name] = geo_select.inside(frames[name], shape)
        scoped[name][compared_label] = frames[name]
    clicked = _clicked_row(fid, tables)
    titles = {
        "goal": t("kart.chart_goal"),
        "status": t("kart.chart_status"),
        "count": t("kart.chart_count"),
        "scope": t("kart.chart_scope"),
        "category": t("kart.chart_category"),
        "amount": t("kart.chart_amount"),
        "share": t("kart.chart_share"),
    }
    st.subheader(
        t("kart.charts_heading_scope", name=scope_name, compared=compared)
        if shape is not None
        else t("kart.charts_heading", compared=compared)
    )
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{_sample_title(t('kart.chart_projects'), frames['projects'], lang)}**")
        legend(
            t("kart.chart_status"),
            [(map_style.STATUS_COLOURS[s], enum_label("status", s, lang)) for s in ProjectStatus],
            shape="square",
        )
        counts = kart_charts.scoped(scoped["projects"], ["goal", "status"])
        highlight = []
        if picked and picked[0] == "goal_status":
            highlight = [tuple(picked[1].split("|", 1))]
        elif clicked is not None and clicked[0] == "projects":
            highlight = [(clicked[1]["goal"], clicked[1]["status"])]
        _show(
            kart_charts.projects_chart(
                counts,
                goal_labels={g.value: enum_label("goal", g, lang) for g in Goal},
                status_labels={s.value: enum_label("status", s, lang) for s in ProjectStatus},
                titles=titles,
                lang=lang,
                highlight=highlight,  # type: ignore[arg-type]
            ),
            "projects",
            counts.empty,
            lang,
        )
    with right:
        st.markdown(f"**{_sample_title(t('kart.chart_budget'), frames['projects'], lang)}**")
        sums = kart_charts.scoped(scoped["projects"], ["funding"], "budget_nok")
        funding_highlight = [picked[1]] if picked and picked[0] == "funding" else []
        if not funding_highlight and clicked is not None and clicked[0] == "projects":
            funding_highlight = [clicked[1]["funding"]]
        _show(
            kart_charts.budget_chart(
                sums,
                funding_labels={f.value: enum_label("funding", f, lang) for f in Funding},
                titles={**titles, "amount": t("kart.chart_budget_axis")},
                lang=lang,
                highlight=funding_highlight,
            ),
            "budget",
            sums.empty,
            lang,
        )
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{t('kart.chart_places')}**")
        counts = kart_charts.scoped(scoped["places"], ["place_type"])
        type_highlight = [picked[1]] if picked and picked[0] == "place_type" else []
        if not type_highlight and clicked is not None and clicked[0] == "meeting_places":
            type_highlight = [clicked[1]["place_type"]]
        _show(
            kart_charts.places_chart(
                counts,
                type_labels={p.value: enum_label("place_type", p, lang) for p in PlaceType},
                titles={**titles, "amount": t("kart.chart_count")},
                lang=lang,
                highlight=type_highlight,
            ),
            "places",
            counts.empty,
            lang,
        )
    with right:
        if indicator is None:
            return
        shown = int(indicator.rows["value"].notna().sum())
        title = t("kart.chart_ranking", name=indicator.name, count=shown, year=indicator.year)
        st.markdown(f"**{sample_mark.mark_if(title, indicator.is_sample, lang)}**")
        _show(
            kart_charts.ranking_chart(
                indicator.rows,
                trondheim=indicator.trondheim,
                titles={
                    "value": fmt.unit_label(indicator.unit, lang),
                    "zone": t("map.zone"),
                    "selected": t("map.legend_selected"),
                    "focus": t("map.legend_focus"),
                    "other": t("map.legend_zone"),
                    "trondheim": trondheim,
                },
                selected=zone,
                lang=lang,
                unit=indicator.unit,
            ),
            "ranking",
            indicator.rows["value"].notna().sum() == 0,
            lang,
        )
        shown = int(indicator.rows["value"].notna().sum())
        if shown > kart_charts.MAX_BARS:
            st.caption(t("kart.ranking_capped", shown=kart_charts.MAX_BARS, n=shown))
        hidden = int(indicator.rows["suppressed"].sum())
        if hidden:
            st.caption(t("kart.ranking_hidden", n=hidden))


def _show(chart: object, name: str, empty: bool, lang: str) -> None:
    if empty:
        st.caption(translate("kart.chart_empty", lang))
        return
    st.altair_chart(
        chart,  # type: ignore[arg-type]
        width="stretch",
        key=CHART_KEYS[name],
        on_select=_ON_SELECT[name],
        selection_mode=kart_charts.PICK,
    )


def _picked_values(name: str) -> dict[str, str] | None:
    """The first picked bar's fields of a chart, or None when the pick was cleared."""
    event = st.session_state.get(CHART_KEYS[name]) or {}
    selection = event.get("selection") or {}
    points = selection.get(kart_charts.PICK) or []
    return points[0] if points and isinstance(points[0], dict) else None


def _on_projects() -> None:
    values = _picked_values("projects")
    state.select_feature(None)
    if values and values.get("goal") and values.get("status"):
        state.pick("goal_status", f"{values['goal']}|{values['status']}")
    else:
        state.pick(None)


def _on_budget() -> None:
    values = _picked_values("budget")
    state.select_feature(None)
    state.pick("funding", values.get("funding") if values else None)


def _on_places() -> None:
    values = _picked_values("places")
    state.select_feature(None)
    state.pick("place_type", values.get("place_type") if values else None)


def _on_ranking() -> None:
    values = _picked_values("ranking")
    if values and values.get("area_id"):
        state.select_feature(None)
        state.set_drawing(None)
        state.pick(None)
        state.select_zone(values["area_id"])


_ON_SELECT = {
    "projects": _on_projects,
    "budget": _on_budget,
    "places": _on_places,
    "ranking": _on_ranking,
}


def _clicked_row(fid: tuple[str, int] | None, tables: Tables) -> tuple[str, pd.Series] | None:
    if fid is None:
        return None
    table_name = LAYERS[fid[0]].table
    table = tables[table_name]
    return (table_name, table.loc[fid[1]]) if fid[1] in table.index else None


def _sample_title(title: str, rows: pd.DataFrame, lang: str) -> str:
    """A chart's title, marked while the rows it counts include sample rows."""
    return sample_mark.mark_if(title, schema.includes_sample(rows), lang)
