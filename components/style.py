"""Page-wide CSS for the app's own elements (legends, cards), injected once per run."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
.ok-legend { font-size: 0.9rem; margin: 0.25rem 0 0.75rem 0; line-height: 1.9; }
.ok-legend-title { font-weight: 600; margin-bottom: 0.1rem; }
.ok-legend-item { display: inline-flex; align-items: center; margin-right: 0.9rem;
  white-space: nowrap; }
.ok-swatch { display: inline-block; width: 0.85rem; height: 0.85rem; margin-right: 0.35rem;
  border: 1px solid #333; }
.ok-swatch.ok-area { width: 1.1rem; height: 0.8rem; }
.ok-counts { margin: 0; padding-left: 1.1rem; }
.ok-counts li { margin: 0; }
/* components/a11y.py: scripts take no space; the map's features as a readable list */
[class*="st-key-ok_scripts"] { display: none; }
.ok-list-heading { margin: 0.5rem 0 0.2rem 0; }
.ok-feature-list { margin: 0 0 0.5rem 0; padding-left: 1.2rem; }
</style>
"""


def inject() -> None:
    st.markdown(_CSS, unsafe_allow_html=True)
