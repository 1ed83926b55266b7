"""Kiosk: a story of the three neighbourhoods that runs by itself on a public touch screen.

Steps: what the programme is, then each focus zone with its projects and meeting places on
the map and a few figures in plain language. Beside the story, "what is happening near me": a
street or place search that shows what lies within a few minutes' walk. The browser advances
the story every ``interval`` seconds; a touch pauses it, and after ``idle`` seconds without one
it starts again from the beginning (components.modes: kiosk_timing; components/modes/scripts.py:
kiosk_script). Read-only, no personal data (places and projects only), sample projects marked
as examples. The steps are drawn by components/modes/kiosk_story.py.
"""

from __future__ import annotations

from components import a11y, modes, page
from components.indicators.data import suppressed_values
from components.modes import kiosk_story
from geo.analysis.slides import ZoneFigures, focus_figures

view = page.start()
# Indicator cells that rest on too few people are hidden here as everywhere
# (geo.analysis.indicators).
tables = {**view.tables, "indicator_values": suppressed_values()}
focus = focus_figures(tables)
steps: list[ZoneFigures | None] = [None, *focus]  # None: the introduction
step = kiosk_story.current(len(steps))
interval_s, idle_s = modes.kiosk_timing()

kiosk_story.top_bar(view=view, focus=focus, step=step, total=len(steps))
if kiosk_story.searching():
    kiosk_story.search(view=view, tables=tables)
else:
    kiosk_story.step(view=view, zone=steps[step], focus=focus, projects=tables["projects"])
kiosk_story.bottom_bar(view=view, step=step, total=len(steps), idle_s=idle_s)
a11y.run_script(modes.kiosk_script(interval_s, idle_s), "kiosk")
