"""The sources footer: every page attributes the data it shows."""

from __future__ import annotations

import streamlit as st

from components.i18n import translate

_REAL = ("levekarssoner", "ssb", "kartverket", "kommune", "osm")


def footer(lang: str) -> None:
    st.divider()
    lines = [f"- {translate(f'sources.{key}', lang)}" for key in _REAL]
    lines.append(
        f"- **{translate('common.sample_badge', lang)}:** {translate('sources.sample', lang)}"
    )
    st.markdown(f"**{translate('sources.heading', lang)}**\n\n" + "\n".join(lines))
