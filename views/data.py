"""Data: import, edit, history and export, for signed-in editors only.

app.py lists this page only for editors; the check below refuses anyone else who reaches the
file another way, and geo/ checks the role again on every write.
"""

from __future__ import annotations

import streamlit as st

from components import page
from components.editor import auth as auth_ui
from components.editor import completeness as data_completeness
from components.editor import edit as data_edit
from components.editor import history as data_history
from components.editor import import_panel as data_import
from components.editor import templates as data_templates

# the editor's panels read the store themselves, so a broken store can still be replaced here
view = page.start(needs_data=False)
user = auth_ui.current_user()

if not user.is_editor:
    st.error(view.t("data.editors_only"), icon=":material/lock:")
    st.stop()

st.title(view.t("data.title"))
st.markdown(view.t("data.intro"))

import_tab, templates_tab, edit_tab, completeness_tab, history_tab, export_tab = st.tabs(
    [
        view.t("data.tab_import"),
        view.t("templates.tab"),
        view.t("data.tab_edit"),
        view.t("completeness.tab"),
        view.t("data.tab_history"),
        view.t("data.tab_export"),
    ]
)
with import_tab:
    data_import.show(view.lang, user)
with templates_tab:
    data_templates.show(view=view)
with edit_tab:
    data_edit.show(view.lang, user)
with completeness_tab:
    data_completeness.show(view=view)
with history_tab:
    data_history.show_history(view.lang)
with export_tab:
    data_history.show_export(view.lang)
