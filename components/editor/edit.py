"""The edit panel of the Data page: one row in a form, a point placed by a click, delete.

The row's version is noted when the editor opens it; saving hands it to the store, which
refuses the save when someone else changed the row meanwhile (nothing is overwritten).
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st
from pyproj import Transformer

from components.editor import maps as data_map
from components.editor import store as data_store
from components.i18n import format as fmt
from components.i18n import translate
from components.maps import widget as map_widget
from geo import schema
from geo.ingest import validation
from geo.ingest.fields import allowed_values, field_label
from geo.store import StoreError, auth, history, row_version_in
from geo.store.base import ValidationError

NEW_ROW = "__new__"
_TO_WEB = Transformer.from_crs(schema.CRS, schema.WEB_CRS, always_xy=True)
_FROM_WEB = Transformer.from_crs(schema.WEB_CRS, schema.CRS, always_xy=True)
POINT_TABLES = ("meeting_places", "projects", "grants")


def show(lang: str, user: auth.User) -> None:
    def t(key: str, **values: Any) -> str:
        return translate(key, lang, **values)

    tables = data_store.tables_or_none()
    if tables is None:
        st.error(t("app.data_error"))
        return
    flash = st.session_state.pop("edit_flash", None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    table = st.selectbox(
        t("data.table_label"),
        options=list(POINT_TABLES) + [n for n in schema.TABLES if n not in POINT_TABLES],
        format_func=lambda name: t(f"data.tables.{name}"),
        key="edit_table",
    )
    frame = tables[table]
    key = history.key_column(table)
    ids = history.row_ids(table, frame).tolist()
    names = _row_names(frame, ids)
    # a new row of a polygon table (areas) needs a polygon: import it from a file instead
    can_add = table in POINT_TABLES or "geometry" not in frame.columns
    row_id = st.selectbox(
        t("data.row_label"),
        options=[NEW_ROW, *ids] if can_add else ids,
        index=1 if ids and can_add else 0,
        format_func=lambda rid: t("data.new_row") if rid == NEW_ROW else names.get(rid, rid),
        key=f"edit_row_{table}",
    )
    version_key = f"edit_version_{table}_{row_id}"
    if row_id == NEW_ROW:
        current: dict[str, Any] = {}
        st.session_state.setdefault(version_key, None)
    else:
        position = ids.index(row_id)
        current = history.row_dict(frame.iloc[position]) | {"geometry": _geom(frame, position)}
        # the version as the editor first saw it: a later change by someone else is refused
        st.session_state.setdefault(version_key, row_version_in(table, frame, row_id))
    expected = st.session_state[version_key]

    point_key = f"edit_point_{table}_{row_id}"
    if table in POINT_TABLES:
        _point_picker(table, row_id, current, point_key, names.get(row_id, ""), lang)

    with st.form(f"edit_form_{table}_{row_id}"):
        values = _fields(table, key, current, row_id == NEW_ROW, lang)
        saved = st.form_submit_button(t("data.save"), type="primary", icon=":material/save:")
    if saved:
        row = dict(values)
        if "geometry" in frame.columns:  # a polygon keeps its shape; a point may have moved
            picked = st.session_state.get(point_key) if table in POINT_TABLES else None
            geometry = _to_store(picked) if picked else current.get("geometry")
            if geometry is None:
                st.error(t("data.need_point"))
                return
            row["geometry"] = geometry
        _write(
            lambda: data_store.writable().save_row(
                table, row, editor=user, expected_version=expected
            ),
            t("data.saved", row=str(row.get(key, ""))),
            [version_key, point_key],
            lang,
        )
    if row_id != NEW_ROW:
        _delete(table, row_id, names.get(row_id, row_id), expected, user, version_key, lang)


def _point_picker(
    table: str, row_id: str, current: dict[str, Any], point_key: str, label: str, lang: str
) -> None:
    picked = st.session_state.get(point_key)
    geometry = current.get("geometry")
    shown = picked or (_to_web(geometry) if isinstance(geometry, shapely.Point) else None)
    st.caption(translate("data.click_to_place", lang))
    click = map_widget.show(
        data_map.row_map(shown, label, data_store.zone_context()),
        key=f"edit_map_{table}_{row_id}",
        height=360,
        listen=("location",),
    )
    clicked = click.lat_lon if click is not None else None
    if clicked is not None and clicked != picked:
        st.session_state[point_key] = clicked
        st.rerun()
    if picked:
        st.text(
            translate("data.new_position", lang, lat=f"{picked[0]:.5f}", lon=f"{picked[1]:.5f}")
        )


def _fields(
    table: str, key: str, current: dict[str, Any], is_new: bool, lang: str
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, column in schema.TABLES[table].columns.items():
        if name == "geometry":
            continue
        value = current.get(name)
        dtype = str(column.dtype)
        allowed = allowed_values(table, name)
        widget_key = f"edit_{table}_{name}"
        label = field_label(name, lang, table)
        if name in history.identity_columns(table) and not is_new:
            st.text_input(label, value=str(value), disabled=True, key=widget_key)
            values[name] = value
        elif allowed is not None:
            options = [None, *allowed] if column.nullable else list(allowed)
            values[name] = st.selectbox(
                label,
                options,
                index=options.index(value) if value in options else 0,
                format_func=lambda code, field=name: fmt.not_given(
                    code, lang, lambda c: _enum_label(field, c, lang)
                ),
                key=widget_key,
            )
        elif dtype == "bool":
            values[name] = st.checkbox(label, value=bool(value), key=widget_key)
        elif dtype == "boolean":
            choice = st.selectbox(
                label,
                [None, True, False],
                index=[None, True, False].index(value) if value in (True, False) else 0,
                format_func=lambda v: translate(
                    "common.unknown" if v is None else ("data.yes" if v else "data.no"), lang
                ),
                key=widget_key,
            )
            values[name] = choice
        elif dtype in ("int64", "Int64"):
            number = st.number_input(
                label, value=None if value is None else int(value), step=1, key=widget_key
            )
            values[name] = None if number is None else int(number)
        elif dtype.startswith("float"):
            number = st.number_input(
                label, value=None if value is None else float(value), key=widget_key
            )
            values[name] = None if number is None else float(number)
        else:
            text = st.text_input(label, value="" if value is None else str(value), key=widget_key)
            values[name] = text if text or not column.nullable else None
    return values


def _delete(
    table: str,
    row_id: str,
    label: str,
    expected: str | None,
    user: auth.User,
    version_key: str,
    lang: str,
) -> None:
    with st.expander(translate("data.delete_heading", lang), icon=":material/delete:"):
        sure = st.checkbox(
            translate("data.delete_confirm", lang, row=label), key=f"delete_sure_{table}_{row_id}"
        )
        if st.button(
            translate("data.delete_button", lang),
            disabled=not sure,
            key=f"delete_go_{table}_{row_id}",
        ):
            _write(
                lambda: data_store.writable().delete_row(
                    table, row_id, editor=user, expected_version=str(expected)
                ),
                translate("data.deleted", lang, row=label),
                [version_key],
                lang,
            )


def _write(action: Any, success: str, forget: list[str], lang: str) -> None:
    try:
        action()
    except auth.NotAllowedError as refused:
        st.error(refused.nb if lang == "nb" else refused.en)
        return
    except ValidationError as error:  # the form's fields by their labels, never pandera's words
        if error.table not in schema.TABLES:
            st.error(error.nb if lang == "nb" else error.en)
            return
        for message in validation.field_messages(error.table, error.failures):
            st.error(message.text(lang))
        return
    except StoreError as error:
        st.error(error.nb if lang == "nb" else error.en)
        return
    for name in forget:
        st.session_state.pop(name, None)
    st.session_state["edit_flash"] = success
    st.rerun()


def _row_names(frame: pd.DataFrame, ids: list[str]) -> dict[str, str]:
    for column in ("name", "title", "name_nb", "organisation"):
        if column in frame.columns:
            return {rid: f"{name} ({rid})" for rid, name in zip(ids, frame[column], strict=True)}
    return {rid: rid for rid in ids}


def _geom(frame: pd.DataFrame, position: int) -> Any:
    return frame.geometry.iloc[position] if isinstance(frame, gpd.GeoDataFrame) else None


def _to_web(point: shapely.Point) -> tuple[float, float]:
    lon, lat = _TO_WEB.transform(point.x, point.y)
    return lat, lon


def _to_store(lat_lon: tuple[float, float]) -> shapely.Point:
    x, y = _FROM_WEB.transform(lat_lon[1], lat_lon[0])
    return shapely.Point(x, y)


def _enum_label(field: str, code: str, lang: str) -> str:
    catalog_name = {"status": "status"}.get(field, field)
    if field == "status" and code in schema.values(schema.GrantStatus):
        catalog_name = "grant_status"
    key = f"enum.{catalog_name}.{code}"
    text = translate(key, lang)
    return code if text == key else text
