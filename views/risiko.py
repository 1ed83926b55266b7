"""Risiko (ROS): the register over the four areas, the likelihood × consequence matrix, trends."""

from __future__ import annotations

from components import page
from components.programme import risk_register
from geo.analysis import risk

view = page.start("risks.title", "risks.intro", sample=("risks",))
register = risk.with_scores(view.tables["risks"])
shown = risk_register.filters(view=view, register=register)
risk_register.matrix_and_summary(view=view, risks=shown)
risk_register.register_table(view=view, risks=shown)
page.footer(view.lang)
