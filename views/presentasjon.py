"""Presentasjon: slides for a meeting, one permalink each (?mode=presentasjon&slide=N).

The programme, each focus zone's profile, targets status, the portfolio and the risks. The
arrow keys (and Page Up/Down, as a presenter's clicker sends) move between slides, as do the
buttons under each slide. Figures come from geo/analysis/slides.py, the slides are drawn by
components/modes/slides.py inside the deck of components/modes/deck.py.
"""

from __future__ import annotations

from components import page
from components.indicators.data import suppressed_values
from components.modes import deck, slides
from geo.analysis.slides import focus_figures

view = page.start()
# Indicator cells that rest on too few people are hidden here as everywhere
# (geo.analysis.indicators).
tables = {**view.tables, "indicator_values": suppressed_values()}
focus = {zone.area_id: zone for zone in focus_figures(tables)}
SLIDES = ["programme", *focus, "targets", "portfolio", "risks"]


def _title(slide: str) -> str:
    return focus[slide].name if slide in focus else view.t(f"presentation.{slide}.title")


index = deck.current(len(SLIDES))
slide = SLIDES[index]
deck.top_bar(view=view, index=index, total=len(SLIDES))
if slide == "programme":
    slides.programme(view=view, focus=list(focus.values()))
elif slide == "targets":
    slides.targets(view=view, tables=tables)
elif slide == "portfolio":
    slides.portfolio(view=view, tables=tables)
elif slide == "risks":
    slides.risks(view=view, tables=tables)
else:
    slides.focus_zone(view=view, zone=focus[slide], tables=tables)
deck.bottom_bar(
    view=view,
    index=index,
    total=len(SLIDES),
    upcoming=_title(SLIDES[index + 1]) if index + 1 < len(SLIDES) else None,
)
