"""Prosjekter: the portfolio as a table, on the map and in detail; timeline, totals, criteria."""

from __future__ import annotations

import datetime as dt

from components import page
from components.programme import project_charts
from components.programme.project_browser import project_browser
from components.programme.project_filters import project_filters

view = page.start("projects.title", "projects.intro", sample=("projects",))
shown = project_filters(view=view, projects=view.tables["projects"])
project_browser(view=view, shown=shown)
if not shown.empty:
    project_charts.timeline(view=view, shown=shown, today=dt.date.today())
    project_charts.totals(view=view, shown=shown)
    project_charts.criteria(view=view, shown=shown)
page.footer(view.lang)
