"""The indicator catalog by goal: what each indicator measures, its years, level and source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import format as fmt
from components.indicators import view as indicator_view
from components.page import Page
from geo.analysis import indicators
from geo.schema import Goal


def show(*, view: Page, catalog: pd.DataFrame, ordered: list[str], values: pd.DataFrame) -> None:
    """Each goal as a heading, its indicators (in ``ordered``'s order) as bordered cards."""
    lang, areas = view.lang, view.tables["areas"]
    for goal in Goal:
        st.subheader(view.enum("goal", goal))
        for indicator_id in [i for i in ordered if catalog.loc[i, "goal"] == goal]:
            spec = catalog.loc[indicator_id]
            span = indicators.years(values, indicator_id)
            level = indicator_view.level_of(values, areas, indicator_id)
            with st.container(border=True):
                st.markdown(f"**{indicator_view.esc(indicator_view.name(spec, lang))}**")
                indicator_view.provenance_badge(bool(spec["is_sample"]), lang)
                st.markdown(indicator_view.esc(indicator_view.definition(spec, lang)))
                st.caption(
                    view.t(
                        "indicators.catalog_line",
                        unit=fmt.unit_label(str(spec["unit"]), lang),
                        years=f"{span[0]}–{span[-1]}" if span else "–",
                        direction=view.enum("direction", str(spec["direction"])),
                        level=view.t(f"level.{level}") if level else "–",
                        threshold=int(spec["suppression_threshold"]),
                    )
                )
                st.caption(view.t("indicators.source", source=indicator_view.esc(spec["source"])))
