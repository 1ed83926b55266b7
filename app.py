"""Områdekart: page config, the shared sidebar (language) and navigation over views/."""

from pathlib import Path

import streamlit as st

from components import a11y, modes, state, style
from components.editor import auth as auth_ui
from components.i18n import translate

st.set_page_config(
    page_title="Områdekart",
    # A local file: a material icon name here makes the browser fetch it from a font CDN.
    page_icon=str(Path(__file__).parent / "static" / "icon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)
state.init()
style.inject()
# Kiosk and presentation (components/modes/__init__.py): no sidebar, only their own pages reachable.
mode = modes.current()
modes.inject(mode)

_LANGUAGE_NAMES = {"nb": "Norsk (bokmål)", "en": "English"}

if mode is modes.Mode.NORMAL:
    with st.sidebar:
        heading = st.container()  # filled in below, once the language is known
        state.language_switch(
            "Språk · Language", key="language_choice", format_func=_LANGUAGE_NAMES.__getitem__
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

# The screens, as data: (url path = file name in views/, catalog key of the title, icon).
SCREENS = [
    ("oversikt", "nav.overview", "map"),
    ("kart", "nav.kart", "layers"),
    ("indikatorer", "nav.indicators", "monitoring"),
    ("gevinst", "nav.benefits", "flag"),
    ("omradeprofil", "nav.profile", "id_card"),
    ("prosjekter", "nav.projects", "assignment"),
    ("moteplasser", "nav.places", "groups"),
    ("nabolagspotten", "nav.grants", "volunteer_activism"),
    ("risiko", "nav.risks", "warning"),
]
EDITOR_SCREENS = [("data", "nav.data", "database")]  # import, edit, export, history
MODE_SCREENS = {  # components/modes/__init__.py decides which of all these a mode may reach
    "presentation": ("presentasjon", "nav.presentation", "co_present"),
    "kiosk": ("kiosk", "nav.kiosk", "touch_app"),
    "statement": ("tilgjengelighet", "nav.accessibility", "accessibility"),
}


def _page(name: str, title_key: str, icon: str) -> st.Page:
    return st.Page(
        f"views/{name}.py",
        title=translate(title_key, lang),
        icon=f":material/{icon}:",
        url_path=name,
        default=name == "oversikt",
    )


pages = [_page(*screen) for screen in SCREENS]
if auth_ui.current_user().is_editor:  # the Data page only for signed-in editors
    pages += [_page(*screen) for screen in EDITOR_SCREENS]
reachable, menu_position = modes.navigation(
    mode, pages, **{role: _page(*screen) for role, screen in MODE_SCREENS.items()}
)
page = st.navigation(reachable, position=menu_position)
modes.remember(page)  # where "Avslutt presentasjon" returns to
if mode is modes.Mode.NORMAL:
    # Editors sign in here. After st.navigation: sidebar inputs made before it lose their values.
    with st.sidebar:
        auth_ui.sidebar_control(lang)
page.run()
