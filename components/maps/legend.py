"""Legends drawn by Streamlit (not inside the map), one swatch and a text label per entry."""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from components.maps.shapes import SHAPE_CSS


def legend(
    title: str, entries: Sequence[tuple[str, str] | tuple[str, str, str]], shape: str = "circle"
) -> None:
    """Draw a legend: `entries` are (colour, label) or (colour, label, shape), a shape of
    components.maps.shapes (``shape`` for entries without one). Labels are escaped."""
    items = "".join(
        f'<span class="ok-legend-item" role="listitem"><span class="ok-swatch" '
        f'style="background:{entry[0]};{SHAPE_CSS.get(_shape(entry, shape), SHAPE_CSS["square"])}">'
        f"</span>{html.escape(entry[1])}</span>"
        for entry in entries
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


def _shape(entry: tuple[str, ...], default: str) -> str:
    return entry[2] if len(entry) > 2 else default
