"""The one source of truth for what is selected, kept in session state and mirrored in the URL.

A permalink restores the view: ?lang= and ?zone= are read on a session's first run and written
back whenever they change (a widget's bind="query-params" would put its display label, e.g.
"English", in the URL; we want the code). Values the app does not know are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise

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
