"""Kiosk: a story of the three neighbourhoods that runs by itself on a public touch screen.

Steps: what the programme is, then each focus zone with its projects and meeting places on
the map and a few figures in plain language. The browser advances the story every
``interval`` seconds; a touch pauses it, and after ``idle`` seconds without one it starts
again from the beginning (components/modes/__init__.py: kiosk_timing, kiosk_script). Read-only, no
personal data (places and projects only), sample figures marked as such.
"""

from __future__ import annotations

import streamlit as st

from components import a11y, modes, page, state
from components.i18n import enum_label, has, translate
from components.i18n import format as fmt
from components.indicators.data import suppressed_values
from components.maps import kiosk as kiosk_map
from geo.analysis import slides

lang = state.lang()
_STEP = "kiosk_step"
_MAP_HEIGHT = 600


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


# Indicator cells that rest on too few people are hidden here as everywhere
# (geo.analysis.indicators).
tables = {**page.tables_or_stop(lang), "indicator_values": suppressed_values()}
focus = slides.focus_figures(tables)
steps: list[slides.ZoneFigures | None] = [None, *focus]  # None: the introduction


def _go(index: int) -> None:
    st.session_state[_STEP] = index % len(steps)


step = st.session_state.get(_STEP, 0) % len(steps)
interval_s, idle_s = modes.kiosk_timing()

# --- top bar: where am I, jump to a neighbourhood, language, accessibility -------------------
bar = st.columns([5, 5, 5, 5, 5, 4], vertical_alignment="center")
with bar[0]:
    st.button(
        t("kiosk.home"),
        icon=":material/home:",
        key="kiosk_home",
        on_click=_go,
        args=(0,),
        width="stretch",
        type="primary" if step == 0 else "secondary",
    )
for index, zone in enumerate(focus, start=1):
    with bar[index]:
        st.button(
            zone.name,
            key=f"kiosk_zone_{index}",
            on_click=_go,
            args=(index,),
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
        "views/tilgjengelighet.py", label=t("kiosk.accessibility"), icon=":material/accessibility:"
    )

# --- the step ----------------------------------------------------------------------------------
current = steps[step]
map_column, text_column = st.columns([3, 2], gap="large")
with map_column:
    kiosk_map.show(None if current is None else current.area_id, lang, height=_MAP_HEIGHT)
    st.caption(t("kiosk.map_help"))
with text_column:
    if current is None:
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
        st.badge(t("kiosk.sample_badge"), color="orange", icon=":material/science:")
        a11y.feature_list(t("kiosk.intro.zones_heading"), [zone.name for zone in focus])
    else:
        st.title(current.name)
        text_key = f"kiosk.zone_text.{current.area_id}"
        st.markdown(t(text_key) if has(text_key, lang) else t("kiosk.zone_text_other"))
        population = current.population
        if population is not None:
            st.markdown(
                t(
                    "kiosk.population",
                    count=fmt.number(population.value, lang),
                    level=translate(f"level.{population.level}", lang),
                    area=population.area_name,
                    year=population.year,
                )
            )
        ranked = sorted(current.places_by_type.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        st.markdown(
            t(
                "kiosk.places",
                count=fmt.number(current.n_places, lang),
                types=", ".join(
                    f"{enum_label('place_type', code, lang).lower()} ({fmt.number(n, lang)})"
                    for code, n in ranked
                ),
            )
        )
        st.markdown(
            t(
                "kiosk.projects",
                count=fmt.number(current.n_projects, lang),
                running=fmt.number(current.n_projects_running, lang),
            )
        )
        st.badge(t("kiosk.sample_badge"), color="orange", icon=":material/science:")
        zone_projects = tables["projects"][tables["projects"]["area_id"] == current.area_id]
        a11y.feature_list(
            t("kiosk.projects_heading"),
            [
                f"{name} ({enum_label('status', status, lang).lower()})"
                for name, status in zip(zone_projects["name"], zone_projects["status"], strict=True)
            ][:6],
        )

# --- bottom bar: back, pause/play, next ------------------------------------------------------
st.divider()
controls = st.columns([2, 2, 2, 6], vertical_alignment="center")
with controls[0]:
    st.button(
        t("kiosk.previous"),
        icon=":material/arrow_back:",
        key="kiosk_prev",
        on_click=_go,
        args=(step - 1,),
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
        args=(step + 1,),
        width="stretch",
        type="primary",
    )
with controls[3]:
    st.markdown(
        f'<p class="ok-kiosk-step" aria-live="polite">'
        f"{t('kiosk.step_of', number=step + 1, total=len(steps))}</p>",
        unsafe_allow_html=True,
    )
    with st.container(key="kiosk_paused_note"):
        st.caption(t("kiosk.paused", seconds=fmt.number(idle_s, lang)))
st.caption(t("kiosk.sample_note"))

a11y.run_script(modes.kiosk_script(interval_s, idle_s), "kiosk")
