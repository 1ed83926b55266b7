"""Områdekart: page config, the shared sidebar (language) and navigation over pages/."""

from pathlib import Path

import streamlit as st

from components import state, style
from components.i18n import LANGUAGES, translate

st.set_page_config(
    page_title="Områdekart",
    # A local file: a material icon name here makes the browser fetch it from a font CDN.
    page_icon=str(Path(__file__).parent / "static" / "icon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)
state.init()
style.inject()

_LANGUAGE_NAMES = {"nb": "Norsk (bokmål)", "en": "English"}

with st.sidebar:
    heading = st.container()  # filled in below, once the language is known
    st.segmented_control(
        "Språk · Language",
        options=list(LANGUAGES),
        format_func=_LANGUAGE_NAMES.__getitem__,
        default=state.lang(),
        key="language_choice",
        on_change=lambda: state.set_lang(st.session_state["language_choice"]),
        selection_mode="single",
        required=True,
    )
lang = state.lang()
heading.markdown(f"### {translate('app.title', lang)}\n{translate('app.tagline', lang)}")

pages = [
    st.Page(
        "pages/oversikt.py",
        title=translate("nav.overview", lang),
        icon=":material/map:",
        url_path="oversikt",
        default=True,
    ),
]
st.navigation(pages).run()
