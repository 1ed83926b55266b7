"""Områdeprofil: one zone on one screen for politicians, and the same as an A4 PDF.

The zone follows the shared selection (?zone=). Figures come from geo.analysis.profile over the
suppressed indicator values; the PDF is built on the server only when the button is clicked.
"""

from __future__ import annotations

import streamlit as st

from components import page, state
from components.indicators import data as indicator_data
from components.programme import profile_content, profile_download, profile_page
from geo.analysis import profile

view = page.start()
catalog = view.tables["indicators"].set_index("indicator_id", drop=False)
values = indicator_data.suppressed_values()
zones = view.zones
# focus zones first, then the others by name
order = zones.sort_values(["is_focus", "name"], ascending=[False, True])["area_id"].tolist()

# the picker follows the shared selection; with none, the first focus zone
selected = state.selected_zone(zones["area_id"]) or order[0]
if st.session_state.get("profile_zone") != selected:
    st.session_state["profile_zone"] = selected

profile_page.style()
area_id = st.selectbox(
    view.t("profile.pick"),
    order,
    key="profile_zone",
    format_func=lambda a: view.zone_names[a],
    on_change=lambda: state.select_zone(st.session_state["profile_zone"]),
)
zone = profile.zone_profile(area_id, view.tables, values)
content = profile_content.build(view=view, zone=zone, catalog=catalog)

profile_page.heading(view=view, content=content)
profile_page.key_numbers(view=view, content=content)
profile_page.map_and_key_figures(view=view, content=content)
profile_page.population(view=view, content=content)
profile_page.population_method(view=view, content=content)
profile_page.projects_and_places(view=view, content=content)
profile_page.targets_risks_and_sources(view=view, content=content)
profile_download.button(view=view, content=content)
page.footer(view.lang)
