"""The Data page's completeness section: per table, how many rows lack each optional field,
in plain words ("12 av 41 prosjekter mangler «Eier i linjen»"), so the kommune sees what to
fill in. The counting is geo.analysis.completeness; this only words and shows it.
"""

from __future__ import annotations

import streamlit as st

from components.editor import store as data_store
from components.i18n import format as fmt
from components.page import Page
from geo.analysis import completeness


def show(*, view: Page) -> None:
    st.subheader(view.t("completeness.heading"))
    st.caption(view.t("completeness.help"))
    tables = data_store.tables_or_none()
    if tables is None:
        st.error(view.t("app.data_error"))
        return
    gaps = completeness.report(tables)
    for table in dict.fromkeys(gap.table for gap in gaps):
        found = [gap for gap in gaps if gap.table == table]
        rows = found[0].rows
        heading = view.t(f"data.tables.{table}")
        count = view.t("completeness.rows", rows=fmt.number(rows, view.lang))
        st.markdown(f"**{heading}** · {count}")
        lacking = sorted((g for g in found if g.missing), key=lambda g: -g.missing)
        if rows == 0:
            st.caption(view.t("completeness.empty_table"))
            continue
        if not lacking:
            st.caption(view.t("completeness.all_filled"))
            continue
        # a list of sentences, not a grid: read aloud by screen readers, found by search
        st.markdown("\n".join(f"- {sentence(g, view)} ({_share(g, view)})" for g in lacking))


def sentence(gap: completeness.Gap, view: Page) -> str:
    """ "12 av 41 prosjekter mangler «Eier i linjen»" / "12 of 41 projects have no 'Owner'"."""
    return view.t(
        "completeness.sentence",
        missing=fmt.number(gap.missing, view.lang),
        rows=fmt.number(gap.rows, view.lang),
        things=view.t(f"completeness.things.{gap.table}"),
        field=view.t(f"data.fields.{gap.field}"),
    )


def _share(gap: completeness.Gap, view: Page) -> str:
    # "0 %" would read as none missing
    if gap.share < 0.005:
        return view.t("completeness.under_one", percent=fmt.percent(0.01, view.lang))
    return fmt.percent(gap.share, view.lang)
