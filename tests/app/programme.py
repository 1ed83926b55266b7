"""Helpers for the AppTests of the programme pages (Prosjekter, Møteplasser, Nabolagspotten,
Risiko): run a page through app.py with a fake st_folium, collect the text it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 240


def fake_st_folium(clicked: dict[str, Any] | None = None):
    """A stand-in for st_folium whose browser has clicked the point with ``clicked`` properties
    (or nothing). Like the real one, a new value is copied to st.session_state[key],
    ``on_change`` is called and the script reruns."""
    value = None
    if clicked is not None:
        value = {
            "last_active_drawing": {
                "type": "Feature",
                "properties": clicked,
                "geometry": {"type": "Point", "coordinates": [10.4, 63.43]},
            }
        }

    def fake(fig, *, key=None, on_change=None, returned_objects=None, **kwargs):
        if value is not None and returned_objects and st.session_state.get(key) != value:
            st.session_state[key] = value
            if on_change is not None:
                on_change()
            st.rerun()
        return value

    return fake


def run_page(page: str, *, lang: str | None = None, clicked: dict | None = None) -> AppTest:
    """``views/<page>.py`` run through app.py (language switched in the sidebar first)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    with mock.patch("streamlit_folium.st_folium", fake_st_folium(clicked)):
        at.run()
        if lang is not None:
            at.segmented_control(key="language_choice").set_value(lang).run()
        at.switch_page(f"views/{page}.py").run()
    return at


def rerun(at: AppTest, clicked: dict | None = None) -> AppTest:
    with mock.patch("streamlit_folium.st_folium", fake_st_folium(clicked)):
        at.run()
    return at


def text(at: AppTest) -> str:
    """Everything the page wrote as text (titles, headings, markdown, captions, alerts)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


def tables(at: AppTest) -> list[Any]:
    """The data frames shown (pandas), Stylers unwrapped."""
    frames = []
    for element in at.dataframe:
        value = element.value
        frames.append(getattr(value, "data", value))
    return frames
