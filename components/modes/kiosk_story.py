"""The kiosk's story: the bar above, one step (the introduction or a focus zone), the bar below.

Read-only and without personal data (places and projects only); sample figures are marked.
The browser side that advances and pauses the story is components/modes/scripts.py.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import a11y, page, sample_mark, state
from components.i18n import format as fmt
from components.i18n import has
from components.maps import kiosk as kiosk_map
from components.maps.legend import legend
from geo import schema
from geo.analysis import placesearch
from geo.analysis.slides import ZoneFigures

_STEP = "kiosk_step"
_SEARCH = "kiosk_search"  # the "what is happening near me" step is open
_PLACE = "kiosk_place"  # the name of the place found
_QUERY = "kiosk_query"
# A step is laid out for 1920 × 1080 without page scrolling, so the bars above and below stay on
# the screen (tests/e2e/test_kiosk.py measures every step and a long search): the map with its
# key beside the text, whose box has a fixed height and scrolls inside if a long answer needs it.
_MAP_HEIGHT = 600
_TEXT_HEIGHT = 800
_STORY_COLUMNS = [3, 2]
_SEARCH_COLUMNS = [1, 1]  # room for the answer's lists and the other matches beside the map
WALK_MINUTES = 5
# then "… and N more (see the map)": the map shows them all; a walk's answer has two lists
_LIST_LENGTH = 3
_WALK_LIST_LENGTH = 2
_OTHER_MATCHES = 3  # other names that match, as buttons under the result


def current(total: int) -> int:
    """The story's step in this session (0: the introduction)."""
    return st.session_state.get(_STEP, 0) % total


def searching() -> bool:
    """Whether the search step ("what is happening near me") is open instead of the story."""
    return bool(st.session_state.get(_SEARCH, False))


def top_bar(*, view: page.Page, focus: list[ZoneFigures], step: int, total: int) -> None:
    """Where am I, jump to a neighbourhood, language, accessibility."""
    t = view.t
    search_open = searching()
    bar = st.columns([4, 4, 4, 5, 6, 5, 5], vertical_alignment="center")
    with bar[0]:
        st.button(
            t("kiosk.home"),
            icon=":material/home:",
            key="kiosk_home",
            on_click=_go,
            args=(0, total),
            width="stretch",
            type="primary" if step == 0 and not search_open else "secondary",
        )
    for index, zone in enumerate(focus, start=1):
        with bar[index]:
            st.button(
                zone.name,
                key=f"kiosk_zone_{index}",
                on_click=_go,
                args=(index, total),
                width="stretch",
                type="primary" if step == index and not search_open else "secondary",
            )
    with bar[4]:
        st.button(
            t("kiosk.search.button"),
            icon=":material/search:",
            key="kiosk_search_open",
            on_click=_open_search,
            width="stretch",
            type="primary" if search_open else "secondary",
        )
    with bar[5]:
        state.language_switch(
            t("app.language"),
            key="kiosk_language",
            format_func=lambda code: t(f"kiosk.language.{code}"),
            label_visibility="collapsed",
        )
    with bar[6]:
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
    map_column, text_column = st.columns(_STORY_COLUMNS, gap="large")
    with map_column:
        area_id = None if zone is None else zone.area_id
        kiosk_map.show(area_id, view.lang, height=_MAP_HEIGHT)
        _map_key(view, area_id)
    with text_column, _text_box():
        if zone is None:
            _introduction(view, focus)
        else:
            _zone(view, zone, projects[projects["area_id"] == zone.area_id])


def bottom_bar(*, view: page.Page, step: int, total: int, idle_s: int) -> None:
    """Back, pause/play, next, and which step of how many."""
    t = view.t
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
    # which step, and when paused why the story stands still, side by side: the bar keeps the
    # buttons' height whether the story runs or not
    with controls[3], st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(
            f'<p class="ok-kiosk-step" aria-live="polite">'
            f"{t('kiosk.step_of', number=step + 1, total=total)}</p>",
            unsafe_allow_html=True,
            width="content",
        )
        with st.container(key="kiosk_paused_note"):
            st.caption(t("kiosk.paused", seconds=fmt.number(idle_s, view.lang)))
    if schema.includes_sample(view.tables["projects"]):
        st.caption(t("kiosk.sample_note"))


def search(*, view: page.Page, tables: dict[str, pd.DataFrame]) -> None:
    """Find a street or place by name; the map and a list show what lies within a walk."""
    t = view.t
    names = tables["place_names"]
    query = (st.session_state.get(_QUERY, "") or "").strip()
    found = placesearch.search(names, query)
    chosen = st.session_state.get(_PLACE)
    place_row = names[names["name"] == chosen].head(1) if chosen else names.iloc[0:0]
    place = None if place_row.empty else _place(place_row, tables)
    map_column, text_column = st.columns(_SEARCH_COLUMNS, gap="large")
    with map_column:
        kiosk_map.show(None, view.lang, height=_MAP_HEIGHT, place=place)
        _map_key(view, None, place)
    with text_column, _text_box():
        st.title(t("kiosk.search.title"))
        _search_form(view, names)
        if query and found.empty:
            st.markdown(t("kiosk.search.none", query=query))
        elif place is None:
            st.markdown(t("kiosk.search.help"))
        # right under the field, where a wrong guess is put right before reading on
        _other_matches(view, found[found["name"] != chosen].head(_OTHER_MATCHES))
        if place is not None:
            _nearby_lists(view, place, tables)


def _text_box() -> DeltaGenerator:
    """The step's text in a box of fixed height: a long text scrolls inside it, never the page."""
    return st.container(height=_TEXT_HEIGHT, border=False, key="kiosk_text")


def _search_form(view: page.Page, names: pd.DataFrame) -> None:
    t = view.t
    with st.form("kiosk_search_form", border=False, enter_to_submit=True):
        query_column, submit_column = st.columns([3, 1], vertical_alignment="bottom")
        query_column.text_input(
            t("kiosk.search.label"),
            key=_QUERY,
            placeholder=t("kiosk.search.placeholder"),
            max_chars=60,
            autocomplete="off",
        )
        submit_column.form_submit_button(
            t("kiosk.search.submit"),
            icon=":material/search:",
            on_click=_search_submitted,
            args=(names,),
            width="stretch",
            type="primary",
        )


def _other_matches(view: page.Page, others: pd.DataFrame) -> None:
    """Other names that match the query, as buttons: a tap shows the walk around that one."""
    if others.empty:
        return
    t = view.t
    st.markdown(t("kiosk.search.also"))
    with st.container(horizontal=True):
        for row_number, (name, kind) in enumerate(zip(others["name"], others["kind"], strict=True)):
            st.button(
                t("kiosk.search.result", name=name, kind=t(f"kiosk.search.kind.{kind}")),
                key=f"kiosk_result_{row_number}",
                on_click=_choose,
                args=(name,),
            )


def _nearby_lists(view: page.Page, place: kiosk_map.Place, tables: dict[str, pd.DataFrame]) -> None:
    t, lang = view.t, view.lang
    st.subheader(t("kiosk.search.near_title", minutes=WALK_MINUTES, name=place.name))
    st.caption(
        t(
            "kiosk.search.how",
            metres=fmt.number(placesearch.walk_radius_m(WALK_MINUTES), lang),
            per_minute=fmt.number(placesearch.WALK_M_PER_MIN, lang),
        )
    )
    projects = tables["projects"]
    projects = projects[projects["project_id"].isin(place.project_ids)]
    origin = _origin(place)
    near_projects = placesearch.nearby(projects, origin, WALK_MINUTES)
    items = [
        t(
            "kiosk.search.item",
            name=sample_mark.mark_if(name, bool(is_sample), lang),
            what=view.enum("status", status).lower(),
            minutes=fmt.number(minutes, lang),
        )
        for name, is_sample, status, minutes in zip(
            near_projects["name"],
            near_projects["is_sample"],
            near_projects["status"],
            near_projects["walk_min"],
            strict=True,
        )
    ]
    _list(
        view, t("kiosk.projects_heading"), items, t("kiosk.search.no_projects"), _WALK_LIST_LENGTH
    )
    places = tables["meeting_places"]
    near_places = placesearch.nearby(
        places[places["place_id"].isin(place.place_ids)], origin, WALK_MINUTES
    )
    items = [
        t(
            "kiosk.search.item",
            name=name,
            what=view.enum("place_type", kind).lower(),
            minutes=fmt.number(minutes, lang),
        )
        for name, kind, minutes in zip(
            near_places["name"], near_places["place_type"], near_places["walk_min"], strict=True
        )
    ]
    _list(
        view,
        t("kiosk.search.places_heading"),
        items,
        t("kiosk.search.no_places"),
        _WALK_LIST_LENGTH,
    )


def _list(
    view: page.Page,
    heading: str,
    items: list[str],
    empty: str | None = None,
    length: int = _LIST_LENGTH,
) -> None:
    """The first ``length`` items under a heading, then how many more the map shows; ``empty``:
    what to say when there are none (None: say nothing)."""
    if not items:
        if empty is not None:
            st.markdown(f"**{heading}**  \n{empty}")
        return
    shown = items[:length]
    if len(items) > len(shown):
        more = fmt.number(len(items) - len(shown), view.lang)
        shown.append(view.t("kiosk.more", count=more))
    a11y.feature_list(heading, shown)


def _place(row: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> kiosk_map.Place:
    point = row.geometry.iloc[0]
    radius = placesearch.walk_radius_m(WALK_MINUTES)
    projects = placesearch.nearby(tables["projects"], point, WALK_MINUTES)
    places = placesearch.nearby(tables["meeting_places"], point, WALK_MINUTES)
    return kiosk_map.Place(
        name=str(row["name"].iloc[0]),
        x=point.x,
        y=point.y,
        radius_m=radius,
        project_ids=frozenset(projects["project_id"]),
        place_ids=frozenset(places["place_id"]),
    )


def _origin(place: kiosk_map.Place) -> object:
    return gpd.points_from_xy([place.x], [place.y])[0]


def _map_key(view: page.Page, area_id: str | None, place: kiosk_map.Place | None = None) -> None:
    """The colour key under the map, then how to use the map."""
    entries = {
        title: rows
        for title, rows in kiosk_map.legend_entries(area_id, view.lang, place).items()
        if rows
    }
    with st.container(key="kiosk_map_key", gap=None):
        for title, rows in entries.items():
            legend(title, rows)
    # with no dots on the map (the three zones, or a walk with nothing near) no key to point at
    st.caption(view.t("kiosk.map_help" if entries else "kiosk.map_help_zones"))


def _go(index: int, total: int) -> None:
    st.session_state[_STEP] = index % total
    st.session_state[_SEARCH] = False
    # Where the last resident searched (perhaps their home) is not left for the next one.
    st.session_state.pop(_QUERY, None)
    st.session_state.pop(_PLACE, None)


def _open_search() -> None:
    st.session_state[_SEARCH] = True


def _search_submitted(names: pd.DataFrame) -> None:
    found = placesearch.search(names, st.session_state.get(_QUERY, "") or "")
    st.session_state[_PLACE] = None if found.empty else str(found["name"].iloc[0])


def _choose(name: str) -> None:
    st.session_state[_PLACE] = name


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
    a11y.feature_list(t("kiosk.intro.zones_heading"), [zone.name for zone in focus])


def _zone(view: page.Page, zone: ZoneFigures, projects: pd.DataFrame) -> None:
    t, lang = view.t, view.lang
    st.title(zone.name)
    text_key = f"kiosk.zone_text.{zone.area_id}"
    st.markdown(t(text_key) if has(text_key, lang) else t("kiosk.zone_text_other"))
    population = zone.population
    if population is not None:  # estimated from the buildings; the words say so
        st.markdown(
            t(
                "population.kiosk",
                count=fmt.estimate(population.value, lang),
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
    items = [
        t(
            "kiosk.project_item",
            name=sample_mark.mark_if(name, bool(is_sample), lang),
            status=view.enum("status", status).lower(),
        )
        for name, status, is_sample in zip(
            projects["name"], projects["status"], projects["is_sample"], strict=True
        )
    ]
    _list(view, t("kiosk.projects_heading"), items)
