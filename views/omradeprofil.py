"""Områdeprofil: one zone on one screen for politicians, and the same as an A4 PDF.

The zone follows the shared selection (?zone=). Figures come from geo.analysis.profile over the
suppressed indicator values; the PDF is built on the server only when the button is clicked.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st

from components import page, state
from components.charts import indicators as indicator_charts
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.indicators import data as indicator_data
from components.indicators import view
from components.programme import profile_pdf
from geo.analysis import indicators, profile
from geo.schema import Goal, Level, ProjectStatus

lang = state.lang()


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


tables = page.tables_or_stop(lang)
areas = tables["areas"]
catalog = tables["indicators"].set_index("indicator_id", drop=False)
values = indicator_data.suppressed_values()
zones = areas[areas["level"] == Level.LEVEKARSSONE]
names = dict(zip(zones["area_id"], zones["name"], strict=True))
# focus zones first, then the others by name
order = zones.sort_values(["is_focus", "name"], ascending=[False, True])["area_id"].tolist()
focus_ids = [a for a in order if bool(zones.set_index("area_id").loc[a, "is_focus"])]

selected = state.selected_zone(zones["area_id"])
if selected is None:
    selected = focus_ids[0]
if st.session_state.get("profile_zone") != selected:
    st.session_state["profile_zone"] = selected

st.markdown(
    """<style>
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
    </style>""",
    unsafe_allow_html=True,
)

area_id = st.selectbox(
    t("profile.pick"),
    order,
    key="profile_zone",
    format_func=lambda a: names[a],
    on_change=lambda: state.select_zone(st.session_state["profile_zone"]),
)
zone = profile.zone_profile(area_id, tables, values)

st.caption(t("profile.kicker"))
st.title(view.esc(zone.name))
st.markdown(
    t("profile.focus_line", programme=view.esc(zone.programme))
    if zone.is_focus
    else (
        t("profile.comparison_line", programme=view.esc(zone.programme))
        if zone.programme
        else t("profile.other_line")
    )
)
page.sample_notice(lang)

progress = zone.targets
on_track = int(
    progress["status"].isin([indicators.Status.REACHED, indicators.Status.ON_TRACK]).sum()
)

columns = st.columns(4)
with columns[0]:
    figure = zone.population
    st.metric(t("profile.population"), fmt.number(figure.value, lang) if figure else "–")
    if figure:
        st.caption(
            t(
                "profile.population_detail",
                level=t(f"level.{figure.level}"),
                area=view.esc(figure.area_name),
                year=figure.year,
            )
        )
    view.provenance_badge(False, lang)
with columns[1]:
    st.metric(t("profile.projects"), fmt.number(zone.n_projects, lang))
    view.provenance_badge(True, lang)
with columns[2]:
    st.metric(t("profile.places"), fmt.number(zone.n_places, lang))
    view.provenance_badge(False, lang)
with columns[3]:
    st.metric(
        t("profile.targets"),
        t("profile.targets_value", good=on_track, total=len(progress)) if len(progress) else "–",
    )
    if len(progress):
        view.provenance_badge(True, lang)
    else:
        st.caption(t("profile.no_targets"))


def key_figure_rows() -> list[dict[str, str]]:
    rows = []
    for figure in zone.key_figures:
        spec = catalog.loc[figure.indicator_id]
        unit = str(spec["unit"])
        label = view.name(spec, lang)
        if figure.level != Level.LEVEKARSSONE:
            label += " " + t(
                "profile.at_level", level=t(f"level.{figure.level}"), area=figure.area_name
            )
        rows.append(
            {
                "name": label,
                "year": str(figure.year),
                "value": view.value_text(figure.value, figure.hidden, unit, lang),
                "reference": view.value_text(figure.reference, False, unit, lang),
                "index": fmt.number(figure.index, lang, 0),
                "sample": "sample" if figure.is_sample else "real",
            }
        )
    return rows


map_column, figures_column = st.columns([2, 3], gap="large")
with map_column:
    st.subheader(t("profile.map_heading"))
    map_chart = profile_pdf.zone_map_chart(
        zones,
        area_id,
        places=tables["meeting_places"][tables["meeting_places"]["area_id"] == area_id],
    )
    view.show_chart(lang, map_chart, width="content")
    st.caption(t("profile.map_caption"))
with figures_column:
    st.subheader(t("profile.key_heading"))
    figure_rows = key_figure_rows()
    badge_text = {"sample": t("common.sample_badge"), "real": t("common.real_badge")}
    body = "".join(
        f"<tr><td>{html.escape(r['name'])} "
        f'<span class="ok-{"mark" if r["sample"] == "sample" else "real"}">'
        f"{html.escape(badge_text[r['sample']])}"
        f'</span></td><td class="num">{html.escape(r["year"])}</td>'
        f'<td class="num"><b>{html.escape(r["value"])}</b></td>'
        f'<td class="num">{html.escape(r["reference"])}</td>'
        f'<td class="num">{html.escape(r["index"])}</td></tr>'
        for r in figure_rows
    )
    heads = [
        t("profile.col_indicator"),
        t("chart.year"),
        zone.name,
        "Trondheim",
        t("profile.col_index"),
    ]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    st.markdown(
        f'<div class="ok-profile"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div>",
        unsafe_allow_html=True,
    )
    st.caption(t("profile.key_caption"))

st.subheader(t("profile.population_heading"))
series = zone.population_series.assign(text=lambda df: [fmt.number(v, lang) for v in df["value"]])
population_chart = indicator_charts.population_lines(
    series, titles={"year": t("chart.year"), "value": t("chart.population")}
)
if len(series):
    view.show_chart(lang, population_chart, width="stretch")
    population_caption = t(
        "profile.population_caption",
        level=t(f"level.{series['level'].iloc[0]}"),
        area=str(series["area_name"].iloc[0]),
        start=int(series["year"].min()),
        end=int(series["year"].max()),
    )
    if series["level"].iloc[0] != Level.LEVEKARSSONE:
        population_caption += " " + t("profile.population_larger")
    st.caption(view.esc(population_caption))
else:
    population_caption = t("profile.population_missing")
    st.caption(population_caption)

status_order = [s.value for s in ProjectStatus]
project_table = pd.DataFrame(
    [
        {
            t("profile.col_status"): enum_label("status", status, lang),
            **{
                enum_label("goal", goal, lang): int(
                    zone.projects[
                        (zone.projects["goal"] == goal.value) & (zone.projects["status"] == status)
                    ]["count"].sum()
                )
                for goal in Goal
            },
        }
        for status in status_order
    ]
).set_index(t("profile.col_status"))
st.subheader(t("profile.projects_heading"))
view.provenance_badge(True, lang)
if zone.n_projects:
    st.table(project_table)
else:
    st.caption(t("profile.projects_none"))
st.subheader(t("profile.places_heading"))
view.provenance_badge(False, lang)
place_rows = zone.places.assign(
    label=[enum_label("place_type", p, lang) for p in zone.places["place_type"]]
)
if len(place_rows):
    view.show_chart(
        lang,
        indicator_charts.count_bars(place_rows, titles={"count": t("chart.count")}),
        width="stretch",
    )
else:
    st.caption(t("profile.places_none"))

status_labels = {s.value: t(f"indicator.status_{s.value}") for s in indicators.Status}


def target_rows() -> list[list[str]]:
    rows = []
    for r in progress.itertuples():
        spec = catalog.loc[r.indicator_id]
        unit = str(spec["unit"])
        latest_year = None if pd.isna(r.latest_year) else int(r.latest_year)
        rows.append(
            [
                view.name(spec, lang),
                view.value_text(r.baseline, r.baseline != r.baseline, unit, lang)
                + f" ({r.baseline_year})",
                (
                    f"{view.value_text(r.latest, r.latest != r.latest, unit, lang)} ({latest_year})"
                    if latest_year
                    else "–"
                ),
                f"{view.value_text(r.target, False, unit, lang)} ({r.target_year})",
                status_labels[r.status],
            ]
        )
    return rows


target_heads = [
    t("profile.col_indicator"),
    t("benefits.col_baseline"),
    t("benefits.col_latest"),
    t("benefits.col_target"),
    t("benefits.status"),
]
st.subheader(t("profile.targets_heading"))
if len(progress):
    view.provenance_badge(True, lang)
    st.dataframe(
        pd.DataFrame(target_rows(), columns=target_heads), hide_index=True, width="stretch"
    )
    st.caption(t("profile.targets_caption"))
else:
    st.caption(t("profile.no_targets"))

st.subheader(t("profile.risks_heading"))
risk_lines = [
    t(
        "profile.risk_line",
        title=str(r.title),
        area=enum_label("risk_area", str(r.risk_area), lang),
        score=int(r.score),
        status=str(r.status),
        scope=t(f"profile.risk_scope_{r.scope}"),
    )
    for r in zone.risks.itertuples()
]
if risk_lines:
    view.provenance_badge(True, lang)
    st.markdown("\n".join(f"- {view.esc(line)}" for line in risk_lines))
    st.caption(t("profile.risks_caption"))
else:
    st.caption(t("profile.risks_none"))

st.subheader(t("profile.sources_heading"))
st.markdown("\n".join(f"- {view.esc(source)}" for source in zone.sources))


def _pdf() -> bytes:
    """Runs on click, on its own thread: no Streamlit calls in here."""
    today = dt.date.today()
    key_table = profile_pdf.Table(
        headings=[t("profile.col_indicator"), zone.name, "Trondheim", t("profile.col_index")],
        rows=[
            [
                f"{r['name']} ({r['year']})" + (" *" if r["sample"] == "sample" else ""),
                r["value"],
                r["reference"],
                r["index"],
            ]
            for r in figure_rows
        ],
        widths=[44, 22, 22, 16],
    )
    sections: list[tuple[str, profile_pdf.Table | str]] = []
    sections.append(
        (
            t("profile.projects_heading") + " *",
            profile_pdf.Table(
                headings=[t("profile.col_status"), *project_table.columns],
                rows=[[name, *(str(v) for v in row)] for name, row in project_table.iterrows()],
                widths=[45, 45, 45, 45],
            )
            if zone.n_projects
            else t("profile.projects_none"),
        )
    )
    sections.append(
        (
            t("profile.places_heading"),
            profile_pdf.Table(
                headings=[t("chart.type"), t("chart.count")],
                rows=[[r.label, fmt.number(r.count, lang)] for r in place_rows.itertuples()],
                widths=[80, 25],
            )
            if len(place_rows)
            else t("profile.places_none"),
        )
    )
    sections.append(
        (
            t("profile.targets_heading") + " *",
            profile_pdf.Table(
                headings=target_heads, rows=target_rows(), widths=[58, 32, 32, 32, 26]
            )
            if len(progress)
            else t("profile.no_targets"),
        )
    )
    sections.append(
        (
            t("profile.risks_heading") + " *",
            "\n".join(f"• {line}" for line in risk_lines) or t("profile.risks_none"),
        )
    )
    figure_text = (
        t(
            "profile.pdf_summary",
            population=fmt.number(zone.population.value, lang),
            level=t(f"level.{zone.population.level}"),
            area=zone.population.area_name,
            year=zone.population.year,
            projects=zone.n_projects,
            places=zone.n_places,
        )
        if zone.population
        else ""
    )
    return profile_pdf.build(
        lang=lang,
        texts={
            "lang": lang,
            "title": t("profile.kicker"),
            "zone": zone.name,
            "subtitle": t("profile.focus_line", programme=zone.programme)
            if zone.is_focus
            else t("profile.other_line"),
            "sample_note": t("profile.pdf_sample_note"),
            "summary": figure_text,
            "map_caption": t("profile.map_caption"),
            "key_heading": t("profile.key_heading"),
            "population_heading": t("profile.population_heading"),
            "population_caption": population_caption,
            "sources_heading": t("profile.sources_heading"),
            "page": t("profile.pdf_page"),
            "made": t("profile.pdf_made"),
        },
        key_figures=key_table,
        sections=sections,
        images={
            "map": profile_pdf.chart_png(map_chart),
            "population": profile_pdf.chart_png(
                indicator_charts.localised(population_chart.properties(width=520), lang)
            ),
        },
        sources=zone.sources,
        today=today,
    )


st.download_button(
    t("profile.download"),
    data=_pdf,
    file_name=f"omradeprofil-{area_id}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
    type="primary",
)
st.caption(t("profile.download_help"))
page.footer(lang)
