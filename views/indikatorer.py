"""Indikatorer: the catalog by goal; one indicator and year on a map, ranked, over time, as a
table; a zone against Trondheim; honest change with 95 % intervals. Values are suppressed in
geo/ before they get here (components.indicators.data)."""

from __future__ import annotations

import streamlit as st

from components import page
from components.indicators import catalog as catalog_tab
from components.indicators import choice as indicator_choice
from components.indicators import data as indicator_data
from components.indicators import linked, table, trend
from geo.analysis import indicator_year

view = page.start("indicators.title", "indicators.intro", sample=("indicator_values",))
catalog = view.tables["indicators"].set_index("indicator_id", drop=False)
values = indicator_data.suppressed_values()
ordered = indicator_year.catalog_order(catalog)

tab_view, tab_catalog = st.tabs([view.t("indicators.tab_view"), view.t("indicators.tab_catalog")])
with tab_catalog:
    catalog_tab.show(view=view, catalog=catalog, ordered=ordered, values=values)

with tab_view:
    choice = indicator_choice.pick(view=view, catalog=catalog, ordered=ordered, values=values)
    indicator_choice.heading(view=view, choice=choice)
    rows = indicator_choice.year_rows(view=view, choice=choice, values=values)
    reference = indicator_year.reference(values, choice.indicator_id, choice.year, choice.kommune)
    linked.show(view=view, choice=choice, values=values, rows=rows, reference=reference)
    trend.show(view=view, choice=choice, values=values)
    table.show(view=view, choice=choice, values=values, rows=rows)

page.footer(view.lang)
