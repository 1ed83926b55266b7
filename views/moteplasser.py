"""Møteplasser: the real meeting places by type, their coverage by walking distance, transit."""

from __future__ import annotations

import streamlit as st

from components import page
from components.programme.place_coverage import coverage_section
from components.programme.places import places_by_type

view = page.start("places.title", "places.intro")
st.badge(view.t("common.real_badge"), color="green", icon=":material/verified:")
st.caption(view.t("places.real_caption"))
focus = view.zones[view.zones["is_focus"]].sort_values("name")
places = view.tables["meeting_places"]
places_by_type(view=view, places=places, focus=focus)
coverage_section(view=view, places=places, focus_area=focus.geometry.union_all())
page.footer(view.lang)
