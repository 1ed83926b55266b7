"""The import panel of the Data page: upload, header row, column mapping with fixed values,
mode, report and preview, import; and the list of imports, any of which can be undone.

Everything is planned by geo.ingest.importer (the same engine as `omradekart import`); nothing
is written until the editor presses the import button, and then all rows or none. Texts from
the file are shown with st.dataframe, which never renders HTML.
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
from geo.ingest import importer, privacy, values
from geo.ingest.fields import enum_labels, required
from geo.store import StoreError, auth

UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip"]
NOT_MAPPED, FIXED = "\u0000none", "\u0000fixed"  # choices that are not a column of the file
PREVIEW_ROWS = 200


def show(lang: str, user: auth.User) -> None:
    def t(key: str, **values: Any) -> str:
        return translate(key, lang, **values)

    flash = st.session_state.pop("data_flash", None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    _imports_section(lang, user)
    table = st.selectbox(
        t("data.table_label"),
        options=list(schema.TABLES),
        index=list(schema.TABLES).index("projects"),
        format_func=lambda name: t(f"data.tables.{name}"),
        key="import_table",
    )
    # Streamlit refuses a larger file itself, in English only: the hint says so in both languages.
    upload_mb = int(st.get_option("server.maxUploadSize"))
    upload = st.file_uploader(
        t("data.upload_label"),
        type=UPLOAD_TYPES,
        # a new key after each import empties the uploader, so a file is never imported twice
        key=f"import_file_{st.session_state.get('import_round', 0)}",
        help=t("data.upload_help", rows=fmt.number(importer.MAX_ROWS, lang), mb=upload_mb),
    )
    if upload is None:
        st.info(t("data.upload_hint", mb=upload_mb), icon=":material/upload_file:")
        return
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()[:16]
    header_row = st.session_state.get(f"import_header_{digest}")
    try:
        raw = _read(upload.name, content, digest, header_row)
    except importer.ImportFileError as failure:
        st.error(t("data.file_refused", reason=_lang(failure.nb, failure.en, lang)))
        return
    if raw.header_row is not None:
        _header_row_picker(raw, digest, lang)
    mapping, fixed = _mapping_form(raw, table, digest, lang)
    mode = st.radio(
        t("import.mode_label"),
        options=list(importer.MODES),
        index=list(importer.MODES).index("upsert"),
        format_func=lambda m: t(f"import.mode_{m}"),
        key="import_mode",
    )
    try:
        plan = importer.plan(
            raw, table, store=data_store.readable(), mapping=mapping, fixed=fixed, mode=mode
        )
    except StoreError as error:
        st.error(t("data.file_refused", reason=_lang(error.nb, error.en, lang)))
        return
    _report(plan, lang)
    if plan.frame is not None:
        _preview(plan, lang)
    if plan.blocked:
        st.error(t("import.fix_first"), icon=":material/block:")
        return
    if plan.nothing_to_do:
        st.info(t("import.nothing_to_do"), icon=":material/done_all:")
        return
    label = t("import.button", summary=plan.summary(lang).split(": ", 1)[-1].rstrip("."))
    if st.button(label, type="primary", icon=":material/database_upload:", key="import_go"):
        try:
            applied = importer.apply(data_store.writable(), plan, user)
        except auth.NotAllowedError as refused:
            st.error(_lang(refused.nb, refused.en, lang))
            return
        except StoreError as error:
            st.error(t("data.write_failed", reason=_lang(error.nb, error.en, lang)))
            return
        st.session_state["data_flash"] = t(
            "import.imported",
            table=t(f"data.tables.{table}"),
            summary=applied.text(lang).split(": ", 1)[-1],
        )
        st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=4)
def _read(name: str, content: bytes, digest: str, header_row: int | None) -> importer.RawFile:
    return importer.read(content, name=name, header_row=header_row)


def _header_row_picker(raw: importer.RawFile, digest: str, lang: str) -> None:
    with st.expander(translate("import.top_rows", lang), expanded=False):
        top = pd.DataFrame(raw.top_rows).fillna("")
        top.index = range(1, len(top) + 1)
        st.dataframe(top, width="stretch", key=f"import_top_{digest}")
        st.number_input(
            translate("import.header_row", lang),
            min_value=1,
            max_value=max(len(raw.top_rows), raw.header_row or 1),
            value=raw.header_row,
            step=1,
            help=translate("import.header_row_help", lang),
            key=f"import_header_{digest}",
        )


def _mapping_form(
    raw: importer.RawFile, table: str, digest: str, lang: str
) -> tuple[dict[str, str | None], dict[str, str]]:
    columns = [c for c in raw.frame.columns if c not in _personal(raw)]
    suggested = importer.suggest_mapping(columns, table)
    options = [NOT_MAPPED, FIXED, *columns]
    mapping: dict[str, str | None] = {}
    fixed: dict[str, str] = {}
    fields = [f for f in importer.target_fields(table) if f not in ("is_sample", "source")]
    if raw.geometry is not None:  # the file brings its own geometry
        fields = [f for f in fields if not f.startswith("_")]
    must = set(required(table))
    with st.expander(translate("import.mapping_heading", lang), expanded=False):
        st.caption(translate("import.mapping_help", lang))
        grid = st.columns(3)
        for position, target in enumerate(fields):
            label = importer.field_label(target, lang, table) + (" *" if target in must else "")
            default = suggested.get(target)
            with grid[position % 3]:
                choice = st.selectbox(
                    label,
                    options=options,
                    index=options.index(default) if default in options else 0,
                    format_func=lambda o: _option_label(o, lang),
                    key=f"map_{table}_{digest}_{target}",
                )
                if choice == FIXED:
                    value = st.text_input(
                        translate("import.fixed_value", lang, field=label),
                        key=f"fixed_{table}_{digest}_{target}",
                    )
                    if value.strip():
                        fixed[target] = value
            mapping[target] = None if choice in (NOT_MAPPED, FIXED) else choice
    return mapping, fixed


def _personal(raw: importer.RawFile) -> set[str]:
    return set(privacy.personal_columns(list(raw.frame.columns)))


def _option_label(option: str, lang: str) -> str:
    if option == NOT_MAPPED:
        return translate("import.not_mapped", lang)
    if option == FIXED:
        return translate("import.fixed", lang)
    return option


def _report(plan: importer.Plan, lang: str) -> None:
    summary = plan.summary(lang)
    if plan.blocked:
        st.error(summary, icon=":material/error:")
    elif plan.nothing_to_do:
        st.info(summary, icon=":material/done_all:")
    else:
        st.success(summary, icon=":material/check_circle:")
    key = plan.key_label(lang)
    st.caption(
        translate("import.key_natural" if plan.natural_key else "import.key", lang, names=key)
    )
    if plan.left_out:
        st.caption(translate("import.left_out", lang, columns=", ".join(plan.left_out)))
    if not plan.messages:
        return
    st.markdown(f"**{translate('import.report_heading', lang)}**")
    order = {"error": 0, "warning": 1, "info": 2}
    messages = sorted(plan.messages, key=lambda m: (order[m.severity], m.row or 0))
    report = pd.DataFrame(
        {
            translate("import.col_level", lang): [
                translate(f"import.level_{m.severity}", lang) for m in messages
            ],
            translate("import.col_row", lang): [
                "" if m.row is None else str(m.row) for m in messages
            ],
            translate("import.col_column", lang): [m.column(lang) or "" for m in messages],
            translate("import.col_value", lang): [m.value or "" for m in messages],
            translate("import.col_message", lang): [_lang(m.nb, m.en, lang) for m in messages],
            translate("import.col_fix", lang): [_lang(m.fix_nb, m.fix_en, lang) for m in messages],
        }
    )
    small = st.column_config.TextColumn(width="small")
    st.dataframe(
        report,
        hide_index=True,
        width="stretch",
        key="import_report",
        column_config={name: small for name in list(report.columns)[:2]},
    )


def _preview(plan: importer.Plan, lang: str) -> None:
    frame = plan.frame
    assert frame is not None
    st.markdown(f"**{translate('import.preview_heading', lang)}**")
    if "geometry" in frame.columns and not frame.empty and frame.geometry.notna().any():
        label = next((c for c in ("name", "title", "organisation") if c in frame.columns), None)
        map_widget.show(
            data_map.preview_map(frame, label, data_store.zone_context()),
            key="import_preview_map",
            height=380,
        )
    shown = pd.DataFrame(frame.drop(columns=["geometry", "is_sample"], errors="ignore"))
    for name in shown.columns:  # codes as the pages name them; empty cells stay empty
        enum = values.closed_set(plan.table, name)
        labels = enum_labels(enum, lang) if enum else {}
        year = str(name).endswith("year")
        shown[name] = [_cell(v, labels, lang, year) for v in shown[name].astype(object)]
    shown.insert(0, translate("data.col_row", lang), plan.file_rows[: len(shown)])
    if plan.actions:
        shown.insert(1, translate("import.col_action", lang), _actions(plan, lang))
    shown = shown.rename(
        columns={c: importer.field_label(c, lang, plan.table) for c in frame.columns}
    )
    st.dataframe(
        shown.head(PREVIEW_ROWS), hide_index=True, width="stretch", key="import_preview_table"
    )


def _cell(value: Any, labels: dict[str, str], lang: str, year: bool = False) -> str:
    if value is None or value is pd.NA or value != value:
        return ""
    if isinstance(value, bool):
        return translate("data.yes" if value else "data.no", lang)
    if year:
        return str(int(value))
    if isinstance(value, int | float):
        return fmt.number(value, lang, 0 if float(value).is_integer() else 2)
    return labels.get(str(value), str(value))


def _actions(plan: importer.Plan, lang: str) -> list[str]:
    texts = []
    for action, changed in zip(plan.actions, plan.changed, strict=True):
        if action == "update":
            names = ", ".join(importer.field_label(f, lang, plan.table) for f in changed)
            texts.append(translate("import.action_update", lang, fields=names))
        else:
            texts.append(translate(f"import.action_{action}", lang))
    return texts


def _imports_section(lang: str, user: auth.User) -> None:
    try:
        records = importer.imports(data_store.readable())
    except StoreError:
        return
    with st.expander(translate("import.imports_heading", lang), expanded=False):
        if not records:
            st.caption(translate("import.imports_empty", lang))
            return
        st.dataframe(
            pd.DataFrame(
                {
                    "id": [r.import_id for r in records],
                    translate("import.col_when", lang): [
                        r.at.replace("T", " ")[:16] for r in records
                    ],
                    translate("import.col_who", lang): [r.user for r in records],
                    translate("import.col_table", lang): [
                        translate(f"data.tables.{r.table}", lang) for r in records
                    ],
                    translate("import.col_mode", lang): [
                        translate(f"import.mode_{r.mode}", lang).split(":")[0] for r in records
                    ],
                    translate("import.col_counts", lang): [
                        f"{r.inserted} / {r.updated} / {r.deleted}" for r in records
                    ],
                    translate("import.col_state", lang): [_state(r, lang) for r in records],
                }
            ),
            hide_index=True,
            width="stretch",
            key="import_records",
        )
        undoable = [r.import_id for r in records if r.can_undo]
        if not undoable:
            return
        chosen = st.selectbox(translate("import.undo_choose", lang), undoable, key="undo_which")
        confirm = st.checkbox(translate("import.undo_confirm", lang), key=f"undo_confirm_{chosen}")
        if st.button(
            translate("import.undo_button", lang),
            icon=":material/undo:",
            disabled=not confirm,
            key="undo_go",
        ):
            try:
                importer.undo(data_store.writable(), chosen, user)
            except auth.NotAllowedError as refused:
                st.error(_lang(refused.nb, refused.en, lang))
                return
            except StoreError as error:
                st.error(_lang(error.nb, error.en, lang))
                return
            st.session_state["data_flash"] = translate("import.undone", lang, id=chosen)
            st.rerun()


def _state(record: importer.ImportRecord, lang: str) -> str:
    if record.undone:
        return translate("import.state_undone", lang)
    if record.blocked_by:
        return translate("import.state_blocked", lang, batch=record.blocked_by)
    return translate("import.state_yes", lang)


def _lang(nb: str, en: str, lang: str) -> str:
    return nb if lang == "nb" else en
