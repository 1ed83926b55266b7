"""The Data page's template section: an empty register per table, as Excel (with explanations
and drop-down lists) or CSV, through the one download button. `omradekart template` writes
the same files (geo/cli/data.py)."""

from __future__ import annotations

import streamlit as st

from components.downloads import download_button
from components.editor import store as data_store
from components.page import Page
from geo.ingest import templates
from geo.store import StoreError


def show(*, view: Page) -> None:
    st.subheader(view.t("templates.heading"))
    st.caption(view.t("templates.help"))
    table = st.selectbox(
        view.t("templates.table_label"),
        options=list(templates.TABLES),
        index=list(templates.TABLES).index("projects"),
        format_func=lambda name: view.t(f"data.tables.{name}"),
        key="template_table",
    )
    try:
        found = templates.choices(data_store.readable())
    except StoreError as error:
        st.error(error.nb if view.lang == "nb" else error.en)
        return
    spec = templates.spec(table, found)
    # the headers as the file has them (Norwegian), whatever the page's language
    required = ", ".join(f"«{header}»" for header in spec.loc[spec["required"], "header"])
    st.markdown(view.t("templates.required", fields=required))
    if table == "projects":
        st.caption(view.t("templates.zone_or_point"))
    name = view.t(f"data.tables.{table}")
    left, right = st.columns(2)
    with left:
        download_button(
            view.t("templates.download_xlsx", table=name),
            {table: spec},
            fmt=templates.FORMAT,
            file_stem=f"mal-{table}",
            key="template_xlsx",
            icon=":material/table_view:",
        )
    with right:
        download_button(
            view.t("templates.download_csv", table=name),
            templates.empty(table),
            fmt="csv",
            file_stem=f"mal-{table}",
            key="template_csv",
        )
