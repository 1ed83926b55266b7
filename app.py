"""Områdekart: page config, the shared sidebar (language) and navigation over views/."""

from pathlib import Path

import streamlit as st

from components import a11y, modes, state, style
from components import auth as auth_ui
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
# Kiosk and presentation (components/modes.py): no sidebar, only their own pages reachable.
mode = modes.current()
modes.inject(mode)

_LANGUAGE_NAMES = {"nb": "Norsk (bokmål)", "en": "English"}

if mode is modes.Mode.NORMAL:
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
a11y.set_page_language(lang)
if mode is modes.Mode.NORMAL:
    heading.markdown(f"### {translate('app.title', lang)}\n{translate('app.tagline', lang)}")
    with st.sidebar:
        st.button(
            translate("modes.start_presentation", lang),
            icon=":material/co_present:",
            on_click=modes.enter,
            args=(modes.Mode.PRESENTATION,),
        )
        st.button(
            translate("modes.start_kiosk", lang),
            icon=":material/touch_app:",
            on_click=modes.enter,
            args=(modes.Mode.KIOSK,),
            help=translate("modes.start_kiosk_help", lang),
        )

pages = [
    st.Page(
        "views/oversikt.py",
        title=translate("nav.overview", lang),
        icon=":material/map:",
        url_path="oversikt",
        default=True,
    ),
    st.Page(
        "views/kart.py",
        title=translate("nav.kart", lang),
        icon=":material/layers:",
        url_path="kart",
    ),
    st.Page(
        "views/indikatorer.py",
        title=translate("nav.indicators", lang),
        icon=":material/monitoring:",
        url_path="indikatorer",
    ),
    st.Page(
        "views/gevinst.py",
        title=translate("nav.benefits", lang),
        icon=":material/flag:",
        url_path="gevinst",
    ),
    st.Page(
        "views/omradeprofil.py",
        title=translate("nav.profile", lang),
        icon=":material/id_card:",
        url_path="omradeprofil",
    ),
    st.Page(
        "views/prosjekter.py",
        title=translate("nav.projects", lang),
        icon=":material/assignment:",
        url_path="prosjekter",
    ),
    st.Page(
        "views/moteplasser.py",
        title=translate("nav.places", lang),
        icon=":material/groups:",
        url_path="moteplasser",
    ),
    st.Page(
        "views/nabolagspotten.py",
        title=translate("nav.grants", lang),
        icon=":material/volunteer_activism:",
        url_path="nabolagspotten",
    ),
    st.Page(
        "views/risiko.py",
        title=translate("nav.risks", lang),
        icon=":material/warning:",
        url_path="risiko",
    ),
]
# The Data page (import, edit, export, history): only for signed-in editors, see components/auth.py
if auth_ui.current_user().is_editor:
    pages.append(
        st.Page(
            "views/data.py",
            title=translate("nav.data", lang),
            icon=":material/database:",
            url_path="data",
        )
    )
# The pages of the modes (components/modes.py decides which of all these a mode may reach).
presentation_page = st.Page(
    "views/presentasjon.py",
    title=translate("nav.presentation", lang),
    icon=":material/co_present:",
    url_path="presentasjon",
)
kiosk_page = st.Page(
    "views/kiosk.py",
    title=translate("nav.kiosk", lang),
    icon=":material/touch_app:",
    url_path="kiosk",
)
statement_page = st.Page(
    "views/tilgjengelighet.py",
    title=translate("nav.accessibility", lang),
    icon=":material/accessibility:",
    url_path="tilgjengelighet",
)
reachable, menu_position = modes.navigation(
    mode, pages, presentation=presentation_page, kiosk=kiosk_page, statement=statement_page
)
page = st.navigation(reachable, position=menu_position)
if mode is modes.Mode.NORMAL:
    # Editors sign in here. After st.navigation: sidebar inputs made before it lose their values.
    with st.sidebar:
        auth_ui.sidebar_control(lang)
page.run()
