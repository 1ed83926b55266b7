"""Kart: the planner's map explorer. Every layer, filters that map, charts and table obey,
click or draw to select, linked charts, downloads, and a permalink for the whole view."""

from __future__ import annotations

from components import page
from components.kart.explorer import explorer
from components.kart.page_state import kart_page

view = page.start("kart.title", "kart.intro", sample=("projects", "grants", "indicator_values"))
explorer(view=view, kart=kart_page(view=view))
page.footer(view.lang)
