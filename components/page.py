"""What every page starts with: the language, the data (or a clear message), the sample notice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, sources
from components.i18n import translate
from geo.store import StoreError


def tables_or_stop(lang: str) -> dict[str, pd.DataFrame]:
    """All tables of the store; on a data error, a message in the reader's language and stop."""
    try:
        return data.tables()
    except StoreError as error:
        st.error(f"{translate('app.data_error', lang)} {error.nb if lang == 'nb' else error.en}")
        st.stop()
        raise  # unreachable: st.stop() ends the run


def sample_notice(lang: str) -> None:
    """The visible mark that what follows includes illustrative sample data."""
    st.warning(translate("common.sample_notice", lang), icon=":material/science:")


def footer(lang: str) -> None:
    sources.footer(lang)
