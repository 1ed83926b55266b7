"""The import panel of the Data page: upload, map columns, preview and report, commit, undo.

Nothing is written until the editor presses the import button, and then all rows or none
(geo.ingest.importer.commit through the store's transaction). Every message comes in the reader's
language; a file the importer cannot read gives a message, never a traceback.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from components.editor import maps as data_map
from components.editor import store as data_store
from components.i18n import format as fmt
from components.i18n import translate
from components.maps import widget as map_widget
from geo import schema
from geo.ingest import importer
from geo.ingest.readers import RawFile
from geo.store import StoreError, auth, history

UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip"]
NOT_MAPPED = "—"
PREVIEW_ROWS = 200


def show(lang: str, user: auth.User) -> None:
    def t(key: str, **values: Any) -> str:
        return translate(key, lang, **values)

    _undo_section(lang, user)
    table = st.selectbox(
        t("data.table_label"),
        options=list(schema.TABLES),
        index=list(schema.TABLES).index("meeting_places"),
        format_func=lambda name: t(f"data.tables.{name}"),
        key="import_table",
    )
    upload = st.file_uploader(
        t("data.upload_label"),
        type=UPLOAD_TYPES,
        # a new key after each import empties the uploader, so a file is never imported twice
        key=f"import_file_{st.session_state.get('import_round', 0)}",
        help=t("data.upload_help", rows=fmt.number(importer.MAX_ROWS, lang)),
    )
    if upload is None:
        st.info(t("data.upload_hint"), icon=":material/upload_file:")
        return
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()[:16]
    try:
        raw = _read(upload.name, content, digest)
    except importer.ImportFileError as failure:
        st.error(t("data.file_refused", reason=_lang(failure.nb, failure.en, lang)))
        return
    mapping = _mapping_form(raw, table, digest, lang)
    mode = st.radio(
        t("data.mode_label"),
        options=["append", "replace"],
        format_func=lambda m: t(f"data.mode_{m}"),
        horizontal=True,
        key="import_mode",
    )
    tables = data_store.tables_or_none()
    existing = tables[table] if tables else None
    prepared = importer.prepare(
        raw,
        table,
        mapping,
        existing=existing,
        mode=mode,
        source=f"{upload.name} ({user.name})",
        boundary=data_store.boundary(),
        zones=data_store.zones(),
    )
    _report(prepared, lang)
    if prepared.frame is not None:
        _preview(prepared, lang)
    if not prepared.ok:
        st.error(t("data.fix_first"), icon=":material/block:")
        return
    label = t(f"data.import_button_{mode}", rows=fmt.number(prepared.rows, lang))
    if st.button(label, type="primary", icon=":material/database_upload:", key="import_go"):
        try:
            importer.commit(data_store.writable(), prepared, mode=mode, editor=user)
        except auth.NotAllowedError as refused:
            st.error(_lang(refused.nb, refused.en, lang))
            return
        except StoreError as error:
            st.error(t("data.write_failed", reason=_lang(error.nb, error.en, lang)))
            return
        st.session_state["data_flash"] = t(
            "data.imported", rows=fmt.number(prepared.rows, lang), table=t(f"data.tables.{table}")
        )
        st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=4)
def _read(name: str, content: bytes, digest: str) -> RawFile:
    return importer.read_upload(name, content)


def _mapping_form(raw: RawFile, table: str, digest: str, lang: str) -> dict[str, str | None]:
    suggested = importer.suggest_mapping(list(raw.frame.columns), table)
    options = [NOT_MAPPED, *raw.frame.columns]
    mapping: dict[str, str | None] = {}
    with st.expander(translate("data.mapping_heading", lang), expanded=False):
        st.caption(translate("data.mapping_help", lang))
        fields = importer.target_fields(table)
        if raw.geometry is not None:  # the file brings its own geometry
            fields = [f for f in fields if not f.startswith("_")]
        columns = st.columns(3)
        for position, target in enumerate(fields):
            with columns[position % 3]:
                default = suggested.get(target)
                choice = st.selectbox(
                    _field_label(target, lang),
                    options=options,
                    index=options.index(default) if default in options else 0,
                    key=f"map_{table}_{digest}_{target}",
                )
            mapping[target] = None if choice == NOT_MAPPED else choice
    return mapping


def _report(prepared: importer.Prepared, lang: str) -> None:
    errors = len(prepared.errors)
    warnings = sum(1 for n in prepared.notes if n.level == "warning")
    rows = fmt.number(prepared.rows, lang)
    if errors:
        st.error(translate("data.report_errors", lang, rows=rows, errors=fmt.number(errors, lang)))
    else:
        st.success(translate("data.report_ok", lang, rows=rows), icon=":material/check_circle:")
    if not prepared.notes:
        return
    st.markdown(f"**{translate('data.report_heading', lang)}**")
    if warnings:
        st.caption(translate("data.report_warnings", lang, warnings=fmt.number(warnings, lang)))
    report = pd.DataFrame(
        {
            translate("data.col_row", lang): [
                "" if n.row is None else fmt.number(n.row, lang) for n in prepared.notes
            ],
            translate("data.col_field", lang): [n.field or "" for n in prepared.notes],
            translate("data.col_level", lang): [
                translate(f"data.level_{n.level}", lang) for n in prepared.notes
            ],
            translate("data.col_message", lang): [_lang(n.nb, n.en, lang) for n in prepared.notes],
        }
    )
    small = st.column_config.TextColumn(width="small")
    st.dataframe(
        report,
        hide_index=True,
        width="stretch",
        key="import_report",
        column_config={name: small for name in list(report.columns)[:3]},
    )


def _preview(prepared: importer.Prepared, lang: str) -> None:
    frame = prepared.frame
    assert frame is not None
    st.markdown(f"**{translate('data.preview_heading', lang)}**")
    if "geometry" in frame.columns and not frame.empty:
        label = next((c for c in ("name", "title", "organisation") if c in frame.columns), None)
        map_widget.show(
            data_map.preview_map(frame, label, data_store.zone_context()),
            key="import_preview_map",
            height=380,
        )
    shown = pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).head(PREVIEW_ROWS)
    st.dataframe(shown, hide_index=True, width="stretch", key="import_preview_table")


def _undo_section(lang: str, user: auth.User) -> None:
    flash = st.session_state.pop("data_flash", None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    store = data_store.readable()
    try:
        log = store.history()
    except StoreError:
        return
    found = history.last_undoable_import(log)
    if found is None:
        return
    batch, table = found
    rows = log[log["batch_id"] == batch]
    first = rows.iloc[0]
    text = translate(
        "data.undo_available",
        lang,
        table=translate(f"data.tables.{table}", lang),
        rows=fmt.number(len(rows), lang),
        user=first["user"],
        at=fmt.date(pd.Timestamp(first["at"]).date(), lang),
    )
    with st.container(border=True):
        st.text(text)
        confirm = st.checkbox(translate("data.undo_confirm", lang), key=f"undo_confirm_{batch}")
        if st.button(
            translate("data.undo_button", lang),
            icon=":material/undo:",
            disabled=not confirm,
            key="undo_go",
        ):
            try:
                data_store.writable().undo_last_import(editor=user)
            except auth.NotAllowedError as refused:
                st.error(_lang(refused.nb, refused.en, lang))
                return
            except StoreError as error:
                st.error(_lang(error.nb, error.en, lang))
                return
            st.session_state["data_flash"] = translate("data.undone", lang)
            st.rerun()


def _field_label(target: str, lang: str) -> str:
    if target.startswith("_"):
        return translate(f"data.geometry_source{target}", lang)
    return f"{translate(f'data.fields.{target}', lang)} ({target})"


def _lang(nb: str, en: str, lang: str) -> str:
    return nb if lang == "nb" else en
