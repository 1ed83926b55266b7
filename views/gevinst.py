"""Gevinstrealisering: for each focus zone and each indicator with a target, baseline, latest,
target and a status by a rule written on the page; a bullet chart per indicator and a goal × zone
overview for a meeting. Values are suppressed in geo/ before they get here."""

from __future__ import annotations

import streamlit as st

from components import page
from components.indicators import benefits
from components.indicators import data as indicator_data
from geo.analysis import indicators

view = page.start("benefits.title", "benefits.intro", sample=("targets", "indicator_values"))
st.info(view.t("benefits.rule"), icon=":material/rule:")
catalog = view.tables["indicators"].set_index("indicator_id", drop=False)
values = indicator_data.suppressed_values()
progress = indicators.progress_table(view.tables["targets"], values, view.tables["indicators"])
focus_ids = view.zones[view.zones["is_focus"]].sort_values("name")["area_id"].tolist()

zone_ids = benefits.zone_choice(view=view, focus_ids=focus_ids)
shown = progress[progress["area_id"].isin(zone_ids)]
benefits.status_overview(view=view, progress=shown, zone_ids=zone_ids)
benefits.details(view=view, progress=shown, catalog=catalog, values=values)
st.caption(view.t("benefits.noise_caption"))
page.footer(view.lang)
