"""The history and export panels of the Data page: every change, and the data to take away.

Texts from the data are shown with st.dataframe and st.text, which never render HTML; the
downloads neutralise spreadsheet formulas (geo.ingest.table_export).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.editor import store as data_store
from components.i18n import translate
from geo import schema
from geo.ingest import table_export as import_export
from geo.store import StoreError

FORMATS = ("csv", "xlsx", "geojson")
_MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
}


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
        .drop(columns=["change_id"])
        .rename(columns={c: translate(f"data.history_col.{c}", lang) for c in log.columns})
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="history_table")
    st.download_button(
        translate("data.history_download", lang),
        data=import_export.table_csv(log),
        file_name="omradekart-historikk.csv",
        mime=_MIME["csv"],
        icon=":material/download:",
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
    st.download_button(
        translate("data.export_table_button", lang, table=translate(f"data.tables.{table}", lang)),
        data=_table_bytes(frame, kind),
        file_name=f"omradekart-{table}.{kind}",
        mime=_MIME[kind],
        icon=":material/download:",
        key="export_table_download",
    )
    st.divider()
    st.markdown(f"**{translate('data.export_all_heading', lang)}**")
    st.caption(translate("data.export_all_help", lang))
    if st.button(translate("data.export_all_prepare", lang), key="export_all_prepare"):
        st.session_state["export_gpkg"] = import_export.dataset_gpkg(data_store.readable())
    if "export_gpkg" in st.session_state:
        st.download_button(
            translate("data.export_all_button", lang),
            data=st.session_state["export_gpkg"],
            file_name="omradekart.gpkg",
            mime=_MIME["gpkg"],
            icon=":material/download:",
            key="export_all_download",
        )


def _table_bytes(frame: pd.DataFrame, kind: str) -> bytes:
    if kind == "xlsx":
        return import_export.table_xlsx(frame)
    if kind == "geojson":
        return import_export.table_geojson(frame)
    return import_export.table_csv(frame)
