"""Accessibility helpers (WCAG 2.1 AA): page language, chart alternatives, map feature lists.

- ``set_page_language``: ``<html lang>`` follows the reader's language (nb or en), so a
  screen reader speaks Norwegian text with a Norwegian voice (WCAG 3.1.1).
- ``chart_alternative``: every chart gets a text summary and a table view (WCAG 1.1.1):
  the table is a real HTML table (``st.table``), which a screen reader can walk.
- ``feature_list``: what the map shows, as a list a keyboard and a screen reader can use; the
  Leaflet map itself is a picture to them.

Scripts run in the page itself (``st.html(..., unsafe_allow_javascript=True)``) inside a
sidebar container that CSS hides (``.st-key-ok_scripts``, components/style.py), so they take
no space; in kiosk and presentation mode the whole sidebar is hidden and they still run.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.i18n import normalise

SCRIPTS_KEY = "ok_scripts"


def run_script(js: str, key: str) -> None:
    """Run `js` once in the page (again only when its text changes), taking no space.

    In the sidebar, hidden: an element in the main column, even hidden, shifted the page's
    layout once its script ran (the overview's map moved under a pending click).
    """
    with st.sidebar, st.container(key=f"{SCRIPTS_KEY}_{key}"):
        st.html(f"<script>{js}</script>", unsafe_allow_javascript=True)


def set_page_language(lang: str) -> None:
    """Set ``<html lang>`` to the reader's language (Streamlit's page always says "en")."""
    code = json.dumps(normalise(lang))
    run_script(f"document.documentElement.lang = {code};", "lang")


def chart_alternative(summary: str, table: pd.DataFrame, *, table_label: str) -> None:
    """A chart's text alternative (one or two sentences) and its data as a table on request."""
    st.caption(summary)
    with st.expander(table_label, icon=":material/table:"):
        st.table(table.set_index(table.columns[0]) if len(table.columns) > 1 else table)


def feature_list(heading: str, items: Sequence[str]) -> None:
    """The map's features as a plain list under a heading, read in order by a screen reader."""
    if not items:
        return
    rows = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    st.markdown(
        f'<p class="ok-list-heading"><strong>{html.escape(heading)}</strong></p>'
        f'<ul class="ok-feature-list">{rows}</ul>',
        unsafe_allow_html=True,
    )
