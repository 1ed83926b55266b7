"""The sections of the Områdeprofil page, large type for a meeting room: one zone's heading, key
numbers, map and key figures, population, projects, places, targets, risks and sources."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.indicators import population as population_text
from components.indicators import view as indicator_view
from components.page import Page, sample_notice
from components.programme.profile_content import Content

_CSS = """<style>
    .ok-profile { font-size: 1.2rem; line-height: 1.5; }
    .ok-profile table { width: 100%; border-collapse: collapse; }
    .ok-profile th { text-align: left; font-size: 1rem; color: #4B5563; font-weight: 600;
      border-bottom: 2px solid #D1D5DB; padding: 0.3rem 0.5rem; }
    .ok-profile td { padding: 0.35rem 0.5rem; border-bottom: 1px solid #E5E7EB; }
    .ok-profile td.num { text-align: right; white-space: nowrap;
      font-variant-numeric: tabular-nums; }
    .ok-profile .ok-mark { font-size: 0.8rem; color: #B3541E; font-weight: 600; }
    .ok-profile .ok-real { font-size: 0.8rem; color: #2E7D32; font-weight: 600; }
    [data-testid="stMetricValue"] { font-size: 2.6rem; }
    </style>"""


def style() -> None:
    """The page's large type and its key-figure table."""
    st.markdown(_CSS, unsafe_allow_html=True)


def heading(*, view: Page, content: Content) -> None:
    """Kicker, the zone's name as title, its role in the programme, the sample notice."""
    zone = content.zone
    st.caption(view.t("profile.kicker"))
    st.title(indicator_view.esc(zone.name))
    st.markdown(
        view.t("profile.focus_line", programme=indicator_view.esc(zone.programme))
        if zone.is_focus
        else (
            view.t("profile.comparison_line", programme=indicator_view.esc(zone.programme))
            if zone.programme
            else view.t("profile.other_line")
        )
    )
    sample_notice(view.lang)


def key_numbers(*, view: Page, content: Content) -> None:
    """Population, projects, meeting places and targets on track, each with its provenance."""
    zone, lang, n_targets = content.zone, view.lang, len(content.zone.targets)
    columns = st.columns([4, 3, 3, 3])  # "about 2,700" needs the room
    with columns[0]:
        figure = zone.population
        st.metric(view.t("population.label"), population_text.headline(figure, lang))
        if figure:
            st.caption(view.t("population.as_of", year=figure.year))
        indicator_view.provenance_badge(False, lang)
    with columns[1]:
        st.metric(view.t("profile.projects"), fmt.number(zone.n_projects, lang))
        indicator_view.provenance_badge(True, lang)
    with columns[2]:
        st.metric(view.t("profile.places"), fmt.number(zone.n_places, lang))
        indicator_view.provenance_badge(False, lang)
    with columns[3]:
        st.metric(
            view.t("profile.targets"),
            view.t("profile.targets_value", good=content.on_track, total=n_targets)
            if n_targets
            else "–",
        )
        if n_targets:
            indicator_view.provenance_badge(True, lang)
        else:
            st.caption(view.t("profile.no_targets"))
    # full width: the method needs room; the map of the weights is further down the page
    population_text.how(zone.population, zone.population_context, lang)


def map_and_key_figures(*, view: Page, content: Content) -> None:
    """The zone on a small map beside its key figures against Trondheim."""
    map_column, figures_column = st.columns([2, 3], gap="large")
    with map_column:
        st.subheader(view.t("profile.map_heading"))
        indicator_view.show_chart(view.lang, content.map_chart, width="content")
        st.caption(view.t("profile.map_caption"))
    with figures_column:
        st.subheader(view.t("profile.key_heading"))
        badge_text = {"sample": view.t("common.sample_badge"), "real": view.t("common.real_badge")}
        body = "".join(
            f"<tr><td>{html.escape(r['name'])} "
            f'<span class="ok-{"mark" if r["sample"] == "sample" else "real"}">'
            f"{html.escape(badge_text[r['sample']])}"
            f'</span></td><td class="num">{html.escape(r["year"])}</td>'
            f'<td class="num"><b>{html.escape(r["value"])}</b></td>'
            f'<td class="num">{html.escape(r["reference"])}</td>'
            f'<td class="num">{html.escape(r["index"])}</td></tr>'
            for r in content.key_rows
        )
        heads = [
            view.t("profile.col_indicator"),
            view.t("chart.year"),
            content.zone.name,
            "Trondheim",
            view.t("profile.col_index"),
        ]
        head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
        st.markdown(
            f'<div class="ok-profile"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            "</table></div>",
            unsafe_allow_html=True,
        )
        st.caption(view.t("profile.key_caption"))


def population(*, view: Page, content: Content) -> None:
    """The population over time (real SSB figures, often of the larger area around the zone)."""
    st.subheader(view.t("profile.population_heading"))
    if len(content.zone.population_series):
        indicator_view.show_chart(view.lang, content.population_chart, width="stretch")
        st.caption(indicator_view.esc(content.population_caption))
    else:
        st.caption(content.population_caption)


def population_method(*, view: Page, content: Content) -> None:
    """How the zone's population is estimated: the method, the building weights on a map and
    per land use, so a planner can see what the figure rests on."""
    zone, lang = content.zone, view.lang
    st.subheader(view.t("population.method_heading"))
    if zone.population is None:
        st.caption(view.t("population.method_outside", zone=zone.name))
        return
    shape = view.zones[view.zones["area_id"] == zone.area_id]
    buildings = population_text.zone_buildings(shape)
    st.markdown(view.t("population.method_intro", zone=indicator_view.esc(zone.name)))
    map_column, text_column = st.columns(2, gap="large")
    with map_column:
        indicator_view.show_chart(
            lang, population_text.weights_map(shape, buildings, lang), width="stretch"
        )
    with text_column:
        st.markdown(f"**{view.t('population.method_table_heading')}**")
        st.table(
            population_text.landuse_table(buildings, lang).set_index(
                view.t("population.method_landuse")
            )
        )
        st.caption(view.t("population.method_see_how"))
        st.caption(population_text.context(zone.population_context, lang))


def projects_and_places(*, view: Page, content: Content) -> None:
    """Projects by status and goal (sample), meeting places by type (real)."""
    st.subheader(view.t("profile.projects_heading"))
    indicator_view.provenance_badge(True, view.lang)
    if content.zone.n_projects:
        st.table(content.project_table)
    else:
        st.caption(view.t("profile.projects_none"))
    st.subheader(view.t("profile.places_heading"))
    indicator_view.provenance_badge(False, view.lang)
    if len(content.place_rows):
        indicator_view.show_chart(
            view.lang,
            indicator_charts.count_bars(
                content.place_rows, titles={"count": view.t("chart.count")}
            ),
            width="stretch",
        )
    else:
        st.caption(view.t("profile.places_none"))


def targets_risks_and_sources(*, view: Page, content: Content) -> None:
    """Progress against the zone's targets, its risks, and where every figure comes from."""
    st.subheader(view.t("profile.targets_heading"))
    if content.target_rows:
        indicator_view.provenance_badge(True, view.lang)
        st.dataframe(
            pd.DataFrame(content.target_rows, columns=content.target_heads),
            hide_index=True,
            width="stretch",
        )
        st.caption(view.t("profile.targets_caption"))
    else:
        st.caption(view.t("profile.no_targets"))
    st.subheader(view.t("profile.risks_heading"))
    if content.risk_lines:
        indicator_view.provenance_badge(True, view.lang)
        st.markdown("\n".join(f"- {indicator_view.esc(line)}" for line in content.risk_lines))
        st.caption(view.t("profile.risks_caption"))
    else:
        st.caption(view.t("profile.risks_none"))
    st.subheader(view.t("profile.sources_heading"))
    st.markdown("\n".join(f"- {indicator_view.esc(source)}" for source in content.zone.sources))
