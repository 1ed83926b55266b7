"""The Områdeprofil as an A4 PDF: the button, and the PDF it builds only when clicked."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from components import sample_mark
from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.indicators import population as population_text
from components.page import Page
from components.programme import profile_pdf
from components.programme.profile_content import Content
from geo import schema


def button(*, view: Page, content: Content) -> None:
    """The download button; the PDF is built on the server on click, not on every run."""
    st.download_button(
        view.t("profile.download"),
        data=partial(pdf, view=view, content=content),
        file_name=f"omradeprofil-{content.zone.area_id}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        type="primary",
    )
    st.caption(view.t("profile.download_help"))


def pdf(*, view: Page, content: Content) -> bytes:
    """The profile's PDF. Runs on click, on its own thread: no Streamlit calls in here."""
    t, lang, zone = view.t, view.lang, content.zone
    key_table = profile_pdf.Table(
        headings=[t("profile.col_indicator"), zone.name, "Trondheim", t("profile.col_index")],
        rows=[
            [
                f"{r['name']} ({r['year']})",
                # page 1 is what an audience reads: an example says so in the figure itself
                sample_mark.mark_if(r["value"], r["sample"] == "sample", lang),
                sample_mark.mark_if(r["reference"], r["sample"] == "sample", lang),
                r["index"],
            ]
            for r in content.key_rows
        ],
        widths=[44, 22, 22, 16],
    )
    projects = view.tables["projects"]
    sample = schema.includes_sample(projects[projects["area_id"] == zone.area_id])
    summary = t(
        "profile.pdf_summary",
        population=population_text.phrase(zone.population, lang),
        year=f" ({t('population.year', year=zone.population.year)})" if zone.population else "",
        projects=sample_mark.mark_if(fmt.number(zone.n_projects, lang), sample, lang),
        places=zone.n_places,
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
            "summary": summary,
            "map_caption": t("profile.map_caption"),
            "key_heading": t("profile.key_heading"),
            "population_heading": t("profile.population_heading"),
            "population_caption": content.population_caption,
            "sources_heading": t("profile.sources_heading"),
            "page": t("profile.pdf_page"),
            "made": t("profile.pdf_made"),
        },
        key_figures=key_table,
        sections=_sections(view, content),
        images={
            "map": profile_pdf.chart_png(content.map_chart),
            "population": profile_pdf.chart_png(
                indicator_charts.localised(content.population_chart.properties(width=520), lang)
            ),
        },
        sources=zone.sources,
        today=dt.date.today(),
    )


def _sections(view: Page, content: Content) -> list[tuple[str, profile_pdf.Table | str]]:
    """Projects, places, targets and risks; sample ones marked with an asterisk."""
    t, zone = view.t, content.zone
    project_table = content.project_table
    how = population_text.explanation(zone.population, view.lang)
    context = population_text.context(zone.population_context, view.lang)
    return [
        (
            t("population.how_heading"),
            # the PDF prints plain text: no markdown emphasis
            f"{how}\n\n{context}".strip().replace("**", ""),
        ),
        (
            t("profile.projects_heading") + " *",
            profile_pdf.Table(
                headings=[t("profile.col_status"), *project_table.columns],
                rows=[[name, *(str(v) for v in row)] for name, row in project_table.iterrows()],
                widths=[45, 45, 45, 45],
            )
            if zone.n_projects
            else t("profile.projects_none"),
        ),
        (
            t("profile.places_heading"),
            profile_pdf.Table(
                headings=[t("chart.type"), t("chart.count")],
                rows=[
                    [r.label, fmt.number(r.count, view.lang)]
                    for r in content.place_rows.itertuples()
                ],
                widths=[80, 25],
            )
            if len(content.place_rows)
            else t("profile.places_none"),
        ),
        (
            t("profile.targets_heading") + " *",
            profile_pdf.Table(
                headings=content.target_heads,
                rows=content.target_rows,
                widths=[58, 32, 32, 32, 26],
            )
            if content.target_rows
            else t("profile.no_targets"),
        ),
        (
            t("profile.risks_heading") + " *",
            "\n".join(f"• {line}" for line in content.risk_lines) or t("profile.risks_none"),
        ),
    ]
