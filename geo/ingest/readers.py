"""Reading an uploaded file into a table of texts (and a geometry column, if the file has one).

CSV (UTF-8, UTF-8 with BOM or Windows-1252; comma, semicolon or tab separated), Excel
(.xlsx), GeoJSON, GeoPackage and a zipped Shapefile. Every value of a plain table is kept as
text here: numbers, dates and yes/no are parsed later, per field of the target table, so a
decimal comma or a date format is judged where its meaning is known. Anything unreadable
raises ImportFileError with a message in Norwegian and English, never a library's traceback.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.store import StoreError

MAX_ROWS = 10_000  # rows per import; server.maxUploadSize (50 MB) limits the bytes
FORMULA_PREFIXES = ("=",)


class ImportFileError(StoreError):
    """The file as a whole cannot be imported; says why in Norwegian and English."""


@dataclass(frozen=True)
class Note:
    """Something the reader did or noticed, for the validation report."""

    nb: str
    en: str
    row: int | None = None  # 1-based data row, as a spreadsheet user counts them
    field: str | None = None
    level: str = "info"  # "info" | "warning" | "error"


@dataclass
class RawFile:
    """What a file holds: its columns as text, and a geometry with its CRS when it has one."""

    frame: pd.DataFrame
    geometry: gpd.GeoSeries | None = None
    crs: str | None = None
    notes: list[Note] = field(default_factory=list)


def read_upload(name: str, content: bytes) -> RawFile:
    """Read an uploaded file by its extension; ImportFileError when it cannot be read."""
    suffix = Path(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ImportFileError(
            f"Filtypen «{suffix or name}» støttes ikke. Bruk CSV, Excel (.xlsx), GeoJSON, "
            "GeoPackage eller en zippet Shapefile.",
            f"File type '{suffix or name}' is not supported. Use CSV, Excel (.xlsx), GeoJSON, "
            "GeoPackage or a zipped Shapefile.",
        )
    if not content.strip():
        raise ImportFileError("Fila er tom.", "The file is empty.")
    raw = reader(content)
    if raw.frame.empty:
        raise ImportFileError(
            "Fila har ingen rader med data (bare en overskrift, eller ingenting).",
            "The file has no data rows (only a header, or nothing).",
        )
    if len(raw.frame) > MAX_ROWS:
        raise ImportFileError(
            f"Fila har {len(raw.frame)} rader; én import kan ha høyst {MAX_ROWS}. Del den opp.",
            f"The file has {len(raw.frame)} rows; one import may have at most {MAX_ROWS}. "
            "Split it up.",
        )
    return raw


def _read_csv(content: bytes) -> RawFile:
    if b"\x00" in content[:65536] or _junk_share(content[:65536]) > 0.05:
        raise ImportFileError(
            "Fila ser ikke ut som tekst (CSV). Er det en annen filtype med feil navn?",
            "The file does not look like text (CSV). Is it another type with the wrong name?",
        )
    notes: list[Note] = []
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
            notes.append(
                Note(
                    "Fila er ikke UTF-8; den er lest som Windows-1252 (vanlig fra Excel). "
                    "Sjekk at æ, ø og å ser riktige ut i forhåndsvisningen.",
                    "The file is not UTF-8; it was read as Windows-1252 (common from Excel). "
                    "Check that æ, ø and å look right in the preview.",
                )
            )
    delimiter = _delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            nrows=MAX_ROWS + 1,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as error:
        raise ImportFileError(
            f"Fila kunne ikke leses som CSV: {error}", f"The file could not be read as CSV: {error}"
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return RawFile(_clean(frame), notes=notes)


def _read_xlsx(content: bytes) -> RawFile:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(
            "Fila kunne ikke leses som Excel (.xlsx).",
            "The file could not be read as Excel (.xlsx).",
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)
    header = next(rows, None)
    if header is None:
        raise ImportFileError("Regnearket er tomt.", "The spreadsheet is empty.")
    names = [str(h).strip() if h is not None else f"kolonne_{i + 1}" for i, h in enumerate(header)]
    notes: list[Note] = []
    records = []
    for number, values in enumerate(rows, start=1):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        record = {}
        for name, value in zip(names, values, strict=False):
            text = "" if value is None else str(value)
            if isinstance(value, str) and text.startswith(FORMULA_PREFIXES):
                notes.append(
                    Note(
                        f"Cellen er en formel ({text[:40]}); formler importeres ikke.",
                        f"The cell is a formula ({text[:40]}); formulas are not imported.",
                        row=number,
                        field=name,
                        level="error",
                    )
                )
            record[name] = text
        records.append(record)
    book.close()
    return RawFile(_clean(pd.DataFrame(records, columns=names, dtype=str)), notes=notes)


def _read_geo(content: bytes, suffix: str) -> RawFile:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        return _read_geo_path(str(path))


def _read_geojson(content: bytes) -> RawFile:
    return _read_geo(content, ".geojson")


def _read_gpkg(content: bytes) -> RawFile:
    return _read_geo(content, ".gpkg")


def _read_zip(content: bytes) -> RawFile:
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
            target = Path(tmp) / Path(member).name
            if member.endswith("/") or not Path(member).name:
                continue
            target.write_bytes(archive.read(member))
        return _read_geo_path(str(Path(tmp) / Path(shapefiles[0]).name))


def _read_geo_path(path: str) -> RawFile:
    try:
        layers = pyogrio.list_layers(path)
        layer = str(layers[0][0]) if len(layers) else None
        frame = pyogrio.read_dataframe(path, layer=layer, use_arrow=False)
    except Exception as error:  # noqa: BLE001 -- GDAL raises many types; all mean "unreadable"
        raise ImportFileError(
            f"Fila kunne ikke leses som geodata: {error}",
            f"The file could not be read as geodata: {error}",
        ) from None
    notes = []
    if len(layers) > 1:
        notes.append(
            Note(
                f"Fila har {len(layers)} lag; det første («{layer}») er lest.",
                f"The file has {len(layers)} layers; the first ('{layer}') was read.",
            )
        )
    geometry = frame.geometry if isinstance(frame, gpd.GeoDataFrame) else None
    crs = frame.crs.to_string() if geometry is not None and frame.crs is not None else None
    table = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    table = table.astype(object).where(table.notna(), "").astype(str)
    return RawFile(_clean(table), geometry=geometry, crs=crs, notes=notes)


def _delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max((";", ",", "\t"), key=first.count)


def _junk_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control / len(sample)


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.loc[:, [not str(c).startswith("Unnamed:") for c in frame.columns]]
    frame = frame.fillna("").astype(str)
    return frame.apply(lambda column: column.str.strip()).reset_index(drop=True)


_READERS = {
    ".csv": _read_csv,
    ".txt": _read_csv,
    ".xlsx": _read_xlsx,
    ".geojson": _read_geojson,
    ".json": _read_geojson,
    ".gpkg": _read_gpkg,
    ".zip": _read_zip,
}
