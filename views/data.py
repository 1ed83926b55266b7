"""Data: import, edit, history and export, for signed-in editors only.

app.py lists this page only for editors; the check below refuses anyone else who reaches the
file another way, and geo/ checks the role again on every write.
"""

from __future__ import annotations

import streamlit as st

from components import state
from components.editor import auth as auth_ui
from components.editor import (
    edit as data_edit,
)
from components.editor import (
    history as data_history,
)
from components.editor import (
    import_panel as data_import,
)
from components.i18n import translate

lang = state.lang()
user = auth_ui.current_user()

if not user.is_editor:
    st.error(translate("data.editors_only", lang), icon=":material/lock:")
    st.stop()

st.title(translate("data.title", lang))
st.markdown(translate("data.intro", lang))

import_tab, edit_tab, history_tab, export_tab = st.tabs(
    [
        translate("data.tab_import", lang),
        translate("data.tab_edit", lang),
        translate("data.tab_history", lang),
        translate("data.tab_export", lang),
    ]
)
with import_tab:
    data_import.show(lang, user)
with edit_tab:
    data_edit.show(lang, user)
with history_tab:
    data_history.show_history(lang)
with export_tab:
    data_history.show_export(lang)
