"""The history and export panels of the Data page: every change, and the data to take away.

Texts from the data are shown with st.dataframe and st.text, which never render HTML; the
downloads go through components.downloads (geo.ingest.export neutralises spreadsheet formulas).
"""

from __future__ import annotations

import streamlit as st

from components.downloads import download_button
from components.editor import store as data_store
from components.i18n import translate
from geo import schema
from geo.ingest import export
from geo.store import StoreError

FORMATS = ("csv", "xlsx", "geojson")


def show_history(lang: str) -> None:
    try:
        log = data_store.readable().history()
    except StoreError as error:
        st.error(error.nb if lang == "nb" else error.en)
        return
    if log.empty:
        st.info(translate("data.history_empty", lang), icon=":material/history:")
        return
    st.caption(translate("data.history_help", lang))
    shown = (
        log[::-1]
        .assign(
            kind=lambda rows: [translate(f"data.history_kind.{k}", lang) for k in rows["kind"]],
            table=lambda rows: [translate(f"data.tables.{t}", lang) for t in rows["table"]],
        )
        .drop(columns=["change_id"])
        .rename(columns={c: translate(f"data.history_col.{c}", lang) for c in log.columns})
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="history_table")
    download_button(
        translate("data.history_download", lang),
        log,
        fmt="csv",
        file_stem="omradekart-historikk",
        key="history_download",
    )


def show_export(lang: str) -> None:
    tables = data_store.tables_or_none()
    if tables is None:
        st.error(translate("app.data_error", lang))
        return
    st.markdown(f"**{translate('data.export_table_heading', lang)}**")
    left, right = st.columns(2)
    with left:
        table = st.selectbox(
            translate("data.table_label", lang),
            options=list(schema.TABLES),
            format_func=lambda name: translate(f"data.tables.{name}", lang),
            key="export_table",
        )
    frame = tables[table]
    formats = FORMATS if "geometry" in frame.columns else FORMATS[:2]
    with right:
        kind = st.radio(
            translate("data.export_format", lang),
            options=list(formats),
            format_func=lambda f: translate(f"data.format_{f}", lang),
            horizontal=True,
            key="export_format",
        )
    download_button(
        translate("data.export_table_button", lang, table=translate(f"data.tables.{table}", lang)),
        frame,
        fmt=kind,
        file_stem=f"omradekart-{table}",
        key="export_table_download",
    )
    st.divider()
    st.markdown(f"**{translate('data.export_all_heading', lang)}**")
    st.caption(translate("data.export_all_help", lang))
    if st.button(translate("data.export_all_prepare", lang), key="export_all_prepare"):
        st.session_state["export_gpkg"] = export.dataset(data_store.readable())
    if "export_gpkg" in st.session_state:
        prepared = st.session_state["export_gpkg"]
        download_button(
            translate("data.export_all_button", lang),
            lambda: prepared,  # written when pressed: the whole dataset is large
            fmt="gpkg",
            file_stem="omradekart",
            key="export_all_download",
        )
