"""One indicator-year as a table against Trondheim, and every year of it as a CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.downloads import download_button
from components.i18n import format as fmt
from components.indicators.choice import Choice, role_labels
from components.page import Page
from geo.analysis import indicators


def show(*, view: Page, choice: Choice, values: pd.DataFrame, rows: pd.DataFrame) -> None:
    """The areas highest value first (hidden ones last), then the download and the rule.

    ``rows`` are the indicator-year's rows at its level with ``name``, ``text`` and ``role``."""
    t, lang = view.t, view.lang
    st.subheader(t("indicators.table_heading", year=choice.year))
    compared = indicators.compare(
        values, choice.indicator_id, choice.year, rows["area_id"].tolist(), choice.kommune
    ).set_index("area_id")
    table = pd.DataFrame(
        {
            t("chart.zone"): rows["name"].to_numpy(),
            t("indicators.col_value"): rows["text"].to_numpy(),
            t("indicators.col_n"): [
                "" if n != n else fmt.number(n, lang) for n in rows["denominator"]
            ],
            t("indicators.col_difference"): [
                fmt.difference(compared.loc[a, "difference"], choice.unit, lang)
                for a in rows["area_id"]
            ],
            t("indicators.col_index"): [
                fmt.number(compared.loc[a, "index"], lang, 0) for a in rows["area_id"]
            ],
            t("indicators.col_role"): rows["role"].map(role_labels(view)).to_numpy(),
            "_sort": rows["value"].fillna(-1e18).to_numpy(),
        }
    ).sort_values("_sort", ascending=False)
    st.dataframe(table.drop(columns="_sort"), hide_index=True, width="stretch")
    indicator_id = choice.indicator_id
    download = indicators.for_download(
        values[(values["indicator_id"] == indicator_id)], t("indicator.suppressed")
    )
    download.insert(2, "area_name", download["area_id"].map(view.area_names))
    # the value as every page writes it ("12,3 %", "ca. 2 700", "skjult (få personer)")
    shown = values[values["indicator_id"] == indicator_id]
    download.insert(
        4,
        "value_text",
        [
            fmt.indicator_value(v, bool(h), choice.unit, lang)
            for v, h in zip(shown["value"], shown[indicators.SUPPRESSED], strict=True)
        ],
    )
    download_button(t("indicators.download"), download, fmt="csv", file_stem=indicator_id)
    st.caption(t("indicators.suppression_rule"))
