"""Nabolagspotten: small grants by zone, year and category; applied against granted; on the map.

Everything shown or downloaded here passes through geo.analysis.privacy.public_grants first:
organisations only, no person's name, e-mail address or phone number.
"""

from __future__ import annotations

import streamlit as st

from components import page
from components.programme import grants as sections
from geo.analysis import privacy

view = page.start("grants.title", "grants.intro", sample=("grants",))
st.caption(view.t("grants.privacy"))
grants = privacy.public_grants(view.tables["grants"])  # the only view of the grants on this page
shown = sections.grant_filters(view=view, grants=grants)
sections.key_figures(view=view, shown=shown)
if shown.empty:
    st.info(view.t("grants.none_match"))
else:
    sections.totals(view=view, shown=shown)
    sections.map_and_list(view=view, shown=shown, categories=sorted(set(grants["category"])))
page.footer(view.lang)
