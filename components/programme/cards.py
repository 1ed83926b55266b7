"""The zone card of the overview: population, projects by status, meeting places by type."""

from __future__ import annotations

import html

import streamlit as st

from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.indicators import population as population_text
from geo.analysis.overview import ZoneSummary
from geo.schema import ProjectStatus

_TOP_TYPES = 5


def zone_card(summary: ZoneSummary, lang: str, *, selected: bool) -> None:
    """One bordered card for a zone; the selected zone's card says so in words, not colour only."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    with st.container(border=True, key=f"card-{summary.area_id}"):
        heading = html.escape(summary.name)
        st.markdown(f"#### {heading}")
        if selected:
            st.badge(t("overview.selected", name=summary.name), icon=":material/check:")
        if not summary.is_focus:
            st.caption(t("overview.not_focus"))

        _population(summary, lang)

        st.markdown(f"**{t('overview.projects_heading')}**")
        if summary.projects_are_sample:
            st.badge(t("common.sample_badge"), color="orange", icon=":material/science:")
        if summary.n_projects:
            order = [status.value for status in ProjectStatus]
            counts = sorted(summary.projects_by_status.items(), key=lambda kv: order.index(kv[0]))
            _count_list([(enum_label("status", code, lang), n) for code, n in counts], lang)
        else:
            st.caption(t("overview.projects_none"))

        st.markdown(f"**{t('overview.places_heading')}**")
        if summary.n_places:
            ranked = sorted(summary.places_by_type.items(), key=lambda kv: (-kv[1], kv[0]))
            shown = [(enum_label("place_type", code, lang), n) for code, n in ranked[:_TOP_TYPES]]
            _count_list(shown, lang)
            st.caption(t("overview.places_total", count=fmt.number(summary.n_places, lang)))
        else:
            st.caption(t("overview.places_none"))


def _population(summary: ZoneSummary, lang: str) -> None:
    """The zone's estimated population (never its larger delområde's count as the headline)."""
    figure = summary.population
    st.metric(translate("population.label", lang), population_text.headline(figure, lang))
    if figure is not None:
        st.caption(translate("population.as_of", lang, year=figure.year))
    population_text.how(figure, summary.population_context, lang)


def _count_list(rows: list[tuple[str, int]], lang: str) -> None:
    items = "".join(
        f"<li>{html.escape(label)}: <b>{fmt.number(count, lang)}</b></li>" for label, count in rows
    )
    st.markdown(f'<ul class="ok-counts">{items}</ul>', unsafe_allow_html=True)
