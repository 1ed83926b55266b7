"""Tilgjengelighetserklæring: the accessibility statement, as Norwegian public websites publish.

Honest about what is tested (axe-core on every page in both languages, tests/e2e/test_axe.py)
and what is not, and about the known gaps. The text lives in tilgjengelighet.toml.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import a11y, modes, page
from components.i18n import format as fmt

# The day the statement was last reviewed against the tests and the known gaps.
REVIEWED = dt.date(2026, 12, 2)
AXE_VERSION = "4.14.1"  # components/maps/vendor.py

# the statement reads no data: a broken store must not hide it
view = page.start(needs_data=False)
t = view.t

if modes.current() is modes.Mode.KIOSK:
    with st.container(key="kiosk_back"):
        st.page_link(
            "views/kiosk.py", label=t("statement.back_to_kiosk"), icon=":material/arrow_back:"
        )
    interval_s, idle_s = modes.kiosk_timing()
    a11y.run_script(modes.kiosk_script(interval_s, idle_s), "kiosk")

st.title(t("statement.title"))
st.markdown(t("statement.intro"))

st.header(t("statement.status_heading"), divider="gray")
st.markdown(t("statement.status"))

st.header(t("statement.tested_heading"), divider="gray")
st.markdown(t("statement.tested", axe=AXE_VERSION))

st.header(t("statement.gaps_heading"), divider="gray")
st.markdown(t("statement.gaps"))

st.header(t("statement.done_heading"), divider="gray")
st.markdown(t("statement.done"))

st.header(t("statement.feedback_heading"), divider="gray")
st.markdown(t("statement.feedback"))

st.header(t("statement.complaint_heading"), divider="gray")
st.markdown(t("statement.complaint"))

st.caption(t("statement.reviewed", date=fmt.date(REVIEWED, view.lang)))
