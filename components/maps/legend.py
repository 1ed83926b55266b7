"""Legends drawn by Streamlit (not inside the map), one swatch and a text label per entry."""

from __future__ import annotations

import html

import streamlit as st


def legend(title: str, entries: list[tuple[str, str]], shape: str = "circle") -> None:
    """Draw a legend: `entries` are (colour, label). Labels are escaped."""
    radius = "50%" if shape == "circle" else "3px"
    items = "".join(
        f'<span class="ok-legend-item" role="listitem"><span class="ok-swatch" '
        f'style="background:{colour};border-radius:{radius}"></span>{html.escape(label)}</span>'
        for colour, label in entries
    )
    st.markdown(
        f'<div class="ok-legend"><div class="ok-legend-title">{html.escape(title)}</div>'
        f'<div role="list" aria-label="{html.escape(title)}">{items}</div></div>',
        unsafe_allow_html=True,
    )


def outline_legend(title: str, entries: list[tuple[str, str, str]]) -> None:
    """Legend for area styles: (fill, border, label)."""
    items = "".join(
        f'<span class="ok-legend-item"><span class="ok-swatch ok-area" style="background:{fill};'
        f'border:2px solid {border}"></span>{html.escape(label)}</span>'
        for fill, border, label in entries
    )
    st.markdown(
        f'<div class="ok-legend"><div class="ok-legend-title">{html.escape(title)}</div>'
        f"{items}</div>",
        unsafe_allow_html=True,
    )
