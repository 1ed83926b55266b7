"""The one source of truth for what is selected, kept in session state and mirrored in the URL.

A permalink restores the view: ?lang= and ?zone= are read on a session's first run and written
back whenever they change (a widget's bind="query-params" would put its display label, e.g.
"English", in the URL; we want the code). Values the app does not know are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

import streamlit as st

from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise

LabelVisibility = Literal["visible", "hidden", "collapsed"]

_LANG = "lang"
_ZONE = "zone"
_READY = "_state_ready"


def init() -> None:
    """Seed session state from the URL once per session."""
    if st.session_state.get(_READY):
        return
    set_lang(normalise(st.query_params.get(_LANG)))
    st.session_state[_ZONE] = st.query_params.get(_ZONE)
    st.session_state[_READY] = True


def lang() -> str:
    return normalise(st.session_state.get(_LANG))


def set_lang(code: str) -> None:
    st.session_state[_LANG] = code if code in LANGUAGES else DEFAULT_LANGUAGE
    _set_param(_LANG, None if st.session_state[_LANG] == DEFAULT_LANGUAGE else code)


def selected_zone(known: Iterable[str]) -> str | None:
    """The selected zone, or None; a zone id the data does not know is dropped."""
    zone = st.session_state.get(_ZONE)
    if zone is not None and zone not in set(known):
        select_zone(None)
        return None
    return zone


def select_zone(area_id: str | None) -> None:
    st.session_state[_ZONE] = area_id
    _set_param(_ZONE, area_id)


def _set_param(key: str, value: str | None) -> None:
    if value is None:
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


# --- Kart: what is selected besides the zone, and the page's own URL parameters --------------
# The selected feature (a project, place, stop … as "<layer>:<row>"), a drawn shape (GeoJSON as
# the browser sent it) and a category picked in a chart (field, code) live in session state
# only; the Kart view (layers, filters, indicator, year, centre/zoom) is in the URL, written by
# set_params with the codec in components/kart/permalink.py.
_FEATURE = "kart_feature"
_DRAWING = "kart_drawing"
_PICK = "kart_pick"


def selected_feature() -> str | None:
    return st.session_state.get(_FEATURE)


def select_feature(fid: str | None) -> None:
    st.session_state[_FEATURE] = fid


def drawing() -> dict | None:
    return st.session_state.get(_DRAWING)


def set_drawing(feature: dict | None) -> None:
    st.session_state[_DRAWING] = feature


def picked() -> tuple[str, str] | None:
    return st.session_state.get(_PICK)


def pick(field: str | None, code: str | None = None) -> None:
    st.session_state[_PICK] = None if field is None or code is None else (field, code)


def clear_selection() -> None:
    """Nothing selected: no zone, feature, drawing or picked category."""
    select_zone(None)
    select_feature(None)
    set_drawing(None)
    pick(None)


def params() -> dict[str, str]:
    """The URL's query parameters as they are now (one value each)."""
    return {key: st.query_params.get(key) or "" for key in st.query_params}


def set_params(values: dict[str, str | None]) -> None:
    """Write parameters to the URL; None removes one. Unchanged ones are not rewritten."""
    for key, value in values.items():
        _set_param(key, value)


def language_switch(
    label: str,
    *,
    key: str,
    format_func: Callable[[str], str],
    label_visibility: LabelVisibility = "visible",
) -> None:
    """The nb/en switch (sidebar, kiosk bar, slide bar): writes the choice to state and URL."""
    st.segmented_control(
        label,
        options=list(LANGUAGES),
        format_func=format_func,
        default=lang(),
        key=key,
        on_change=lambda: set_lang(st.session_state[key]),
        selection_mode="single",
        required=True,
        label_visibility=label_visibility,
    )
