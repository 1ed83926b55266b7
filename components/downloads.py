"""The one download button of the app: a table or layers as a file, written by geo.ingest.export."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.ingest import export


def download_button(
    label: str,
    data: export.Exportable | Callable[[], export.Exportable],
    *,
    fmt: str,
    file_stem: str,
    key: str | None = None,
    icon: str = ":material/download:",
    disabled: bool = False,
) -> None:
    """A button that downloads ``data`` as ``file_stem`` + the extension of ``fmt``.

    ``fmt`` is a key of geo.ingest.export.FORMATS (csv, xlsx, geojson, gpkg, or xlsx_template
    for an import template from {table: geo.ingest.templates.spec(...)}). Pass a callable
    to make the file only when the button is pressed (for large or many layers).
    """
    spec = export.FORMATS[fmt]
    st.download_button(
        label,
        data=_when_pressed(fmt, data) if callable(data) else export.write(fmt, data),
        file_name=f"{file_stem}.{spec.extension}",
        mime=spec.mime,
        icon=icon,
        key=key,
        disabled=disabled,
        # a download changes nothing on the page: no rerun (and no click lost to one)
        on_click="ignore",
    )


def _when_pressed(fmt: str, make: Callable[[], export.Exportable]) -> Callable[[], bytes]:
    return lambda: export.write(fmt, make())
