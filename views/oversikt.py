"""Oversikt: the 60 zones on a map, the focus zones as cards, a chart that follows a click."""

from __future__ import annotations

from components import page
from components.programme import overview_linked
from geo.analysis import overview

view = page.start(
    "overview.title", "overview.intro", sample=("projects", "grants", "indicator_values")
)
overview_linked.show(view=view, focus_ids=overview.focus_zone_ids(view.tables["areas"]))
page.footer(view.lang)
