"""The kiosk's story: the bar above, one step (the introduction or a focus zone), the bar below.

Read-only and without personal data (places and projects only); sample figures are marked.
The browser side that advances and pauses the story is components/modes/scripts.py.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import a11y, page, state
from components.i18n import format as fmt
from components.i18n import has
from components.maps import kiosk as kiosk_map
from geo import schema
from geo.analysis.slides import ZoneFigures

_STEP = "kiosk_step"
_MAP_HEIGHT = 600


def current(total: int) -> int:
    """The story's step in this session (0: the introduction)."""
    return st.session_state.get(_STEP, 0) % total


def top_bar(*, view: page.Page, focus: list[ZoneFigures], step: int, total: int) -> None:
    """Where am I, jump to a neighbourhood, language, accessibility."""
    t = view.t
    bar = st.columns([5, 5, 5, 5, 5, 4], vertical_alignment="center")
    with bar[0]:
        st.button(
            t("kiosk.home"),
            icon=":material/home:",
            key="kiosk_home",
            on_click=_go,
            args=(0, total),
            width="stretch",
            type="primary" if step == 0 else "secondary",
        )
    for index, zone in enumerate(focus, start=1):
        with bar[index]:
            st.button(
                zone.name,
                key=f"kiosk_zone_{index}",
                on_click=_go,
                args=(index, total),
                width="stretch",
                type="primary" if step == index else "secondary",
            )
    with bar[4]:
        state.language_switch(
            t("app.language"),
            key="kiosk_language",
            format_func=lambda code: t(f"kiosk.language.{code}"),
            label_visibility="collapsed",
        )
    with bar[5]:
        st.page_link(
            "views/tilgjengelighet.py",
            label=t("kiosk.accessibility"),
            icon=":material/accessibility:",
        )


def step(
    *,
    view: page.Page,
    zone: ZoneFigures | None,
    focus: list[ZoneFigures],
    projects: pd.DataFrame,
) -> None:
    """The map beside the text of one step: the introduction (``zone`` None) or a focus zone."""
    map_column, text_column = st.columns([3, 2], gap="large")
    with map_column:
        kiosk_map.show(None if zone is None else zone.area_id, view.lang, height=_MAP_HEIGHT)
        st.caption(view.t("kiosk.map_help"))
    with text_column:
        if zone is None:
            _introduction(view, focus)
        else:
            _zone(view, zone, projects[projects["area_id"] == zone.area_id])


def bottom_bar(*, view: page.Page, step: int, total: int, idle_s: int) -> None:
    """Back, pause/play, next, and which step of how many."""
    t = view.t
    st.divider()
    controls = st.columns([2, 2, 2, 6], vertical_alignment="center")
    with controls[0]:
        st.button(
            t("kiosk.previous"),
            icon=":material/arrow_back:",
            key="kiosk_prev",
            on_click=_go,
            args=(step - 1, total),
            width="stretch",
        )
    with controls[1]:
        # The browser shows one of the two (CSS on <html class="ok-kiosk-paused">).
        st.button(t("kiosk.pause"), icon=":material/pause:", key="kiosk_pause", width="stretch")
        st.button(t("kiosk.play"), icon=":material/play_arrow:", key="kiosk_play", width="stretch")
    with controls[2]:
        st.button(
            t("kiosk.next"),
            icon=":material/arrow_forward:",
            icon_position="right",
            key="kiosk_next",
            on_click=_go,
            args=(step + 1, total),
            width="stretch",
            type="primary",
        )
    with controls[3]:
        st.markdown(
            f'<p class="ok-kiosk-step" aria-live="polite">'
            f"{t('kiosk.step_of', number=step + 1, total=total)}</p>",
            unsafe_allow_html=True,
        )
        with st.container(key="kiosk_paused_note"):
            st.caption(t("kiosk.paused", seconds=fmt.number(idle_s, view.lang)))
    if schema.includes_sample(view.tables["projects"]):
        st.caption(t("kiosk.sample_note"))


def _go(index: int, total: int) -> None:
    st.session_state[_STEP] = index % total


def _introduction(view: page.Page, focus: list[ZoneFigures]) -> None:
    t, lang = view.t, view.lang
    st.title(t("kiosk.intro.title"))
    st.markdown(t("kiosk.intro.text"))
    n_projects = sum(zone.n_projects for zone in focus)
    n_places = sum(zone.n_places for zone in focus)
    st.markdown(
        t(
            "kiosk.intro.figures",
            zones=fmt.number(len(focus), lang),
            places=fmt.number(n_places, lang),
            projects=fmt.number(n_projects, lang),
        )
    )
    if schema.includes_sample(view.tables["projects"]):
        st.badge(t("kiosk.sample_badge"), color="orange", icon=":material/science:")
    a11y.feature_list(t("kiosk.intro.zones_heading"), [zone.name for zone in focus])


def _zone(view: page.Page, zone: ZoneFigures, projects: pd.DataFrame) -> None:
    t, lang = view.t, view.lang
    st.title(zone.name)
    text_key = f"kiosk.zone_text.{zone.area_id}"
    st.markdown(t(text_key) if has(text_key, lang) else t("kiosk.zone_text_other"))
    population = zone.population
    if population is not None:
        st.markdown(
            t(
                "kiosk.population",
                count=fmt.number(population.value, lang),
                level=t(f"level.{population.level}"),
                area=population.area_name,
                year=population.year,
            )
        )
    ranked = sorted(zone.places_by_type.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    st.markdown(
        t(
            "kiosk.places",
            count=fmt.number(zone.n_places, lang),
            types=", ".join(
                f"{view.enum('place_type', code).lower()} ({fmt.number(n, lang)})"
                for code, n in ranked
            ),
        )
    )
    st.markdown(
        t(
            "kiosk.projects",
            count=fmt.number(zone.n_projects, lang),
            running=fmt.number(zone.n_projects_running, lang),
        )
    )
    if schema.includes_sample(projects):
        st.badge(t("kiosk.sample_badge"), color="orange", icon=":material/science:")
    a11y.feature_list(
        t("kiosk.projects_heading"),
        [
            f"{name} ({view.enum('status', status).lower()})"
            for name, status in zip(projects["name"], projects["status"], strict=True)
        ][:6],
    )
