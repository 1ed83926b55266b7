"""The indicator values as every page must see them: suppressed once, cached per dataset.

Pages never read ``data.tables()["indicator_values"]`` for display; they call
``suppressed_values()``, so a small-number cell is blank (NaN, ``suppressed`` = True) before it
reaches a map, chart, table, tooltip, download or PDF.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data
from geo.analysis import indicators


def suppressed_values() -> pd.DataFrame:
    """``indicator_values`` with ``geo.analysis.indicators.suppress`` applied (adds
    ``suppressed``)."""
    return _suppressed(*data.cache_key())


@st.cache_data(show_spinner=False, max_entries=4)
def _suppressed(path: str, mtime: float) -> pd.DataFrame:
    tables = data.tables()
    return indicators.suppress(
        tables["indicator_values"],
        tables["indicators"],
        indicators.margins_from_areas(tables["areas"]),
    )
