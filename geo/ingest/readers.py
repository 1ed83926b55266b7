"""Reading a register file into rows of text, with each row's number as in the file.

CSV (UTF-8, UTF-8 with BOM or Windows-1252; comma, semicolon or tab separated), Excel
(.xlsx, title and blank rows above the header allowed), GeoJSON, GeoPackage and a zipped
Shapefile. Every value of a plain table is kept as text here: numbers, dates and yes/no are
parsed later, per field (values.py), where their meaning is known. Anything unreadable raises
ImportFileError in Norwegian and English; a library's own error text is never passed on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.ingest import headers
from geo.ingest.messages import Message, info
from geo.store import StoreError

MAX_ROWS = 10_000  # data rows per import; server.maxUploadSize (50 MB) limits the bytes
FORMULA_PREFIXES = ("=",)
TOP_ROWS = 15  # rows kept from the top of a sheet, for choosing another header row


class ImportFileError(StoreError):
    """The file as a whole cannot be imported; says why in Norwegian and English."""


@dataclass
class RawFile:
    """What a file holds: its columns as text, each row's number in the file, and a geometry
    with its CRS when the file has one."""

    name: str
    frame: pd.DataFrame
    file_rows: list[int]  # per row of `frame`: its row number as in the file
    header_row: int | None = None  # None for GIS files, whose columns have names of their own
    top_rows: list[list[str]] = field(default_factory=list)  # the sheet's first rows, as text
    geometry: gpd.GeoSeries | None = None
    crs: str | None = None
    messages: list[Message] = field(default_factory=list)


def read(
    source: str | Path | bytes, *, name: str | None = None, header_row: int | None = None
) -> RawFile:
    """Read a file by its extension (`name`, or the path's); ImportFileError when it cannot."""
    if isinstance(source, bytes):
        content, name = source, name or "fil"
    else:
        path = Path(source)
        try:
            content = path.read_bytes()
        except OSError:
            raise ImportFileError(
                f"Fant ikke fila «{path}», eller den kan ikke leses.",
                f"The file '{path}' was not found or cannot be read.",
            ) from None
        name = name or path.name
    suffix = Path(name).suffix.lower()
    if suffix not in _TABLES and suffix not in _GEO:
        raise ImportFileError(
            f"Filtypen «{suffix or name}» støttes ikke. Bruk CSV, Excel (.xlsx), GeoJSON, "
            "GeoPackage eller en zippet Shapefile.",
            f"File type '{suffix or name}' is not supported. Use CSV, Excel (.xlsx), GeoJSON, "
            "GeoPackage or a zipped Shapefile.",
        )
    if not content.strip():
        raise ImportFileError("Fila er tom.", "The file is empty.")
    if suffix in _GEO:
        raw = _GEO[suffix](content, name)
    else:
        rows, notes = _TABLES[suffix](content)
        raw = _table(name, rows, header_row)
        raw.messages[:0] = notes
    if raw.frame.empty:
        raise ImportFileError(
            "Fila har ingen rader med data under overskriftsraden.",
            "The file has no data rows below the header row.",
        )
    if len(raw.frame) > MAX_ROWS:
        raise too_many_rows(len(raw.frame))
    return raw


def too_many_rows(count: int) -> ImportFileError:
    nb_count = f"{count:,}".replace(",", "\u00a0")
    return ImportFileError(
        f"Fila har {nb_count} rader med data; én import kan ha høyst {MAX_ROWS:,}".replace(
            ",", "\u00a0"
        )
        + ". Del den opp i flere filer.",
        f"The file has {count:,} data rows; one import may have at most {MAX_ROWS:,}. "
        "Split it into several files.",
    )


# --- plain tables: CSV and Excel ---------------------------------------------------------------


def _table(name: str, rows: list[list[str]], header_row: int | None) -> RawFile:
    """Rows of text (row i = file row i+1) → the frame below the header row."""
    if header_row is None:
        header_row = headers.find_header_row(rows[: TOP_ROWS * 2])
    elif not 1 <= header_row <= len(rows):
        raise ImportFileError(
            f"Fila har ikke rad {header_row}; den har {len(rows)} rader.",
            f"The file has no row {header_row}; it has {len(rows)} rows.",
        )
    header = rows[header_row - 1] if rows else []
    labels = _labels(header)
    width = len(labels)
    data, numbers = [], []
    for number, values in enumerate(rows[header_row:], start=header_row + 1):
        if not any(v.strip() for v in values):
            continue  # blank rows are skipped; the numbers of the rows after them stay right
        data.append([*values[:width], *[""] * (width - len(values))])
        numbers.append(number)
    frame = pd.DataFrame(data, columns=labels, dtype=str) if labels else pd.DataFrame()
    keep = [
        c
        for c in frame.columns
        if not (c.startswith("_kolonne_") and not frame[c].str.strip().any())
    ]
    frame = frame[keep].apply(lambda column: column.str.strip()) if keep else pd.DataFrame()
    messages = []
    if header_row > 1:
        messages.append(
            info(
                f"Overskriftene står på rad {header_row}; radene over er hoppet over.",
                f"The headers are on row {header_row}; the rows above were skipped.",
                row=header_row,
                fix_nb="Velg en annen overskriftsrad om dette er feil.",
                fix_en="Choose another header row if this is wrong.",
            )
        )
    return RawFile(
        name,
        frame.reset_index(drop=True),
        numbers,
        header_row,
        [list(r) for r in rows[:TOP_ROWS]],
        messages=messages,
    )


def _labels(header: list[str]) -> list[str]:
    labels: list[str] = []
    for position, text in enumerate(header, start=1):
        label = " ".join(str(text).split()) or f"_kolonne_{position}"
        while label in labels:  # two columns with the same name: number the second
            label = f"{label} ({position})"
        labels.append(label)
    while labels and labels[-1].startswith("_kolonne_"):
        labels.pop()
    return labels


def _read_csv(content: bytes) -> tuple[list[list[str]], list[Message]]:
    if b"\x00" in content[:65536] or _junk_share(content[:65536]) > 0.05:
        raise ImportFileError(
            "Fila ser ikke ut som tekst (CSV). Er det en annen filtype med feil navn?",
            "The file does not look like text (CSV). Is it another type with the wrong name?",
        )
    notes: list[Message] = []
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
            notes.append(
                info(
                    "Fila er ikke UTF-8; den er lest som Windows-1252 (vanlig fra Excel).",
                    "The file is not UTF-8; it was read as Windows-1252 (common from Excel).",
                    fix_nb="Sjekk at æ, ø og å ser riktige ut i forhåndsvisningen.",
                    fix_en="Check that æ, ø and å look right in the preview.",
                )
            )
    try:
        rows = [
            list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        ]
    except csv.Error:
        raise ImportFileError(
            "Fila kunne ikke leses som CSV (et anførselstegn er kanskje ikke lukket).",
            "The file could not be read as CSV (perhaps a quotation mark is not closed).",
        ) from None
    return rows, notes


def _read_xlsx(content: bytes) -> tuple[list[list[str]], list[Message]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(
            "Fila kunne ikke leses som Excel (.xlsx). Lagre den på nytt som Excel-arbeidsbok.",
            "The file could not be read as Excel (.xlsx). Save it again as an Excel workbook.",
        ) from None
    try:
        rows = [[_cell_text(v) for v in values] for values in _sheet_rows(book.worksheets[0])]
    finally:
        book.close()
    return rows, []


def _sheet_rows(sheet: object) -> Iterator[tuple[object, ...]]:
    expected = 1
    for cells in sheet.iter_rows():  # type: ignore[attr-defined]
        number = next((c.row for c in cells if getattr(c, "row", None)), expected)
        while expected < number:  # rows with no cells at all are left out by openpyxl
            yield ()
            expected += 1
        yield tuple(c.value for c in cells)
        expected = number + 1


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def formula_cells(raw: RawFile) -> list[tuple[int, str, str]]:
    """(row, column, text) of every cell that holds a formula: formulas are not imported."""
    found = []
    for position, number in enumerate(raw.file_rows):
        for column in raw.frame.columns:
            text = raw.frame.iat[position, raw.frame.columns.get_loc(column)]
            if (
                isinstance(text, str)
                and text.startswith(FORMULA_PREFIXES)
                and raw.name.lower().endswith(".xlsx")
            ):
                found.append((number, str(column), text))
    return found


# --- GIS files ---------------------------------------------------------------------------------


def _read_geo(content: bytes, name: str, suffix: str) -> RawFile:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        return _read_geo_path(str(path), name)


def _read_zip(content: bytes, name: str) -> RawFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.namelist()
    except zipfile.BadZipFile:
        raise ImportFileError(
            "Fila er ikke en gyldig zip-fil.", "The file is not a valid zip."
        ) from None
    shapefiles = [m for m in members if m.lower().endswith(".shp") and "__MACOSX" not in m]
    if not shapefiles:
        raise ImportFileError(
            "Zip-fila inneholder ingen Shapefile (.shp). Zip .shp, .shx, .dbf og .prj sammen.",
            "The zip holds no Shapefile (.shp). Zip .shp, .shx, .dbf and .prj together.",
        )
    with tempfile.TemporaryDirectory() as tmp:
        for member in members:  # extract by base name only: no paths from the archive
            if member.endswith("/") or not Path(member).name:
                continue
            (Path(tmp) / Path(member).name).write_bytes(archive.read(member))
        stem = Path(shapefiles[0]).stem
        missing = [s for s in (".shx", ".dbf") if not (Path(tmp) / f"{stem}{s}").exists()]
        if missing:
            raise ImportFileError(
                f"Shapefilen mangler {', '.join(missing)}. Zip alle delene (.shp, .shx, .dbf, "
                ".prj) sammen.",
                f"The Shapefile lacks {', '.join(missing)}. Zip all its parts (.shp, .shx, .dbf, "
                ".prj) together.",
            )
        return _read_geo_path(str(Path(tmp) / Path(shapefiles[0]).name), name)


def _read_geo_path(path: str, name: str) -> RawFile:
    kind = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage"}.get(
        Path(path).suffix.lower(), "Shapefile"
    )
    try:
        layers = pyogrio.list_layers(path)
        layer = str(layers[0][0]) if len(layers) else None
        count = int(pyogrio.read_info(path, layer=layer)["features"])
    except Exception:  # noqa: BLE001 -- GDAL raises many types; all mean "unreadable"
        raise _unreadable_geo(kind) from None
    if count > MAX_ROWS:
        raise too_many_rows(count)
    try:
        frame = pyogrio.read_dataframe(path, layer=layer, use_arrow=False)
    except Exception:  # noqa: BLE001
        raise _unreadable_geo(kind) from None
    notes = []
    if len(layers) > 1:
        notes.append(
            info(
                f"Fila har {len(layers)} lag; det første («{layer}») er lest.",
                f"The file has {len(layers)} layers; the first ('{layer}') was read.",
                fix_nb="Lagre laget du vil importere i en fil for seg.",
                fix_en="Save the layer you want to import in a file of its own.",
            )
        )
    geometry = frame.geometry if isinstance(frame, gpd.GeoDataFrame) else None
    crs = frame.crs.to_string() if geometry is not None and frame.crs is not None else None
    table = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    table = table.astype(object).where(table.notna(), "")
    table = table.apply(lambda column: column.map(_cell_text).str.strip())
    table.columns = [str(c) for c in table.columns]
    return RawFile(
        name,
        table.reset_index(drop=True),
        list(range(1, len(table) + 1)),
        None,
        geometry=None if geometry is None else geometry.reset_index(drop=True),
        crs=crs,
        messages=notes,
    )


def _unreadable_geo(kind: str) -> ImportFileError:
    return ImportFileError(
        f"Fila kunne ikke leses som {kind}; den er ødelagt eller i et annet format enn navnet "
        "sier. Eksporter den på nytt fra kartprogrammet.",
        f"The file could not be read as {kind}; it is damaged or in another format than its "
        "name says. Export it again from the GIS program.",
    )


def _delimiter(text: str) -> str:
    # the separator found most often: a decimal comma ("12 345,50") is rarer than the ";"
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    return max((";", ",", "\t"), key=lambda d: sum(line.count(d) for line in lines))


def _junk_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control / len(sample)


_TABLES = {".csv": _read_csv, ".txt": _read_csv, ".xlsx": _read_xlsx}
_GEO = {
    ".geojson": lambda content, name: _read_geo(content, name, ".geojson"),
    ".json": lambda content, name: _read_geo(content, name, ".geojson"),
    ".gpkg": lambda content, name: _read_geo(content, name, ".gpkg"),
    ".zip": _read_zip,
}
