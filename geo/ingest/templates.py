"""Empty registers for the kommune to fill in: per table an Excel template and a CSV template
whose headers are the field labels the import matches (geo.ingest.fields), so a filled
template imports as it is.

The Excel template has the data sheet (Norwegian headers, required ones in bold with a
comment, a drop-down list for every closed set: zones, goals, innsatsområder, statuses,
funding, place types, indicators, yes/no; whole numbers checked for years and 1–5 scores), a
sheet explaining each column (required or optional, format, example; Norwegian and English)
and the lists themselves. It is written through the one export module: ``spec`` gives a
table's columns as a DataFrame, and export.FORMATS[FORMAT] (``workbook``) turns it into the
file; the CSV template is export's own CSV of ``empty``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from geo import schema
from geo.ingest import fields, values
from geo.store import Store

FORMAT = "xlsx_template"  # the key of the Excel template in geo.ingest.export.FORMATS
TABLES = tuple(schema.TABLES)
DATA_SHEET, HELP_SHEET, LIST_SHEET = "Data", "Forklaring", "Lister"
ROWS = 5000  # rows of the data sheet the drop-downs and checks cover
NOT_FILLED = {"is_sample", "source"}  # the import sets these (the file's name, not sample)
YES_NO = ["Ja", "Nei"]
SPEC_COLUMNS = ["field", "header", "required", "format_nb", "format_en", "example", "choices"]
MONEY = {"budget_nok", "amount_applied", "amount_granted"}
YEARS = {"year", "start_year", "end_year", "baseline_year", "target_year"}
SCORES = {"likelihood", "consequence", "prev_likelihood", "prev_consequence"}
NUMBERS = {"value", "numerator", "denominator", "baseline_value", "target_value"}
# (nb, en) format descriptions by kind of field
_FORMATS = {
    "choice": ("Velg fra lista i cellen.", "Choose from the cell's list."),
    "zone": (
        "Levekårssonens navn (velg fra lista) eller kode.",
        "The living-conditions zone's name (choose from the list) or code.",
    ),
    "zone_or_point": (
        "Levekårssonens navn (velg fra lista) eller kode. Tom: sonen punktet ligger i.",
        "The zone's name (choose from the list) or code. Empty: the zone the point lies in.",
    ),
    "money": ("Kroner, bare tallet (350 000 eller 350000).", "Kroner, the number only."),
    "year": ("Årstall (2026) eller en dato (01.02.2026).", "A year (2026) or a date."),
    "score": ("Heltall fra 1 (lav) til 5 (høy).", "A whole number from 1 (low) to 5 (high)."),
    "number": ("Tall; desimalkomma går fint (12,5).", "A number; a decimal comma is fine."),
    "yes_no": ("Ja eller Nei.", "Ja (yes) or Nei (no)."),
    "id": (
        "Fast id for raden i deres register. Samme id ved ny import oppdaterer raden.",
        "The row's fixed id in your register. The same id in a later import updates the row.",
    ),
    "x": (
        "Øst-koordinat i EUREF89 UTM 32 (EPSG:25832), eller lengdegrad (10,39).",
        "Easting in EUREF89 UTM 32 (EPSG:25832), or longitude (10.39).",
    ),
    "y": (
        "Nord-koordinat i EUREF89 UTM 32 (EPSG:25832), eller breddegrad (63,43).",
        "Northing in EUREF89 UTM 32 (EPSG:25832), or latitude (63.43).",
    ),
    "wkt": (
        "Omrisset som WKT i EPSG:25832 (POLYGON ((…))), f.eks. kopiert fra QGIS.",
        "The outline as WKT in EPSG:25832 (POLYGON ((…))), e.g. copied from QGIS.",
    ),
    "text": ("Tekst.", "Text."),
}
_EXAMPLES: dict[str, str] = {
    "name": "Lademoen nabolagshus",
    "description": "Et åpent hus for beboere, lag og foreninger.",
    "strategy": "Flere møteplasser på tvers av generasjoner",
    "owner_unit": "Enhet for områdeutvikling",
    "indicator_ids": "trivsel_nabolag, trygghet",
    "place_name": "Lademoen park",
    "audience": "Alle",
    "opening_hours": "Man–fre 10–16",
    "owner": "Trondheim kommune",
    "organisation": "Lademoen velforening",
    "category": "Aktiviteter for barn og unge",
    "title": "Sommeraktiviteter i parken",
    "mitigation": "Fast møtepunkt med linjeledere hvert kvartal",
    "area_id": "Lademoen",
    "code": "611",
    "parent_id": "byd-500101",
    "programme": "Områdesatsing Trondheim",
    "name_nb": "Trivsel i nabolaget",
    "name_en": "Wellbeing in the neighbourhood",
    "unit": "prosent",
    "definition_nb": "Andel som trives godt i nabolaget",
    "definition_en": "Share who thrive in their neighbourhood",
    "suppression_threshold": "5",
    fields.X_FIELD: "570 210",
    fields.Y_FIELD: "7 034 450",
    fields.WKT_FIELD: "POLYGON ((570000 7034000, 570500 7034000, 570500 7034500, 570000 7034000))",
}


@dataclass(frozen=True)
class Choices:
    """The closed sets that come from the store rather than the schema: zones, indicators."""

    zones: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)


def choices(store: Store) -> Choices:
    """The levekårssoner by name (the programme's zones first) and the indicator ids."""
    areas = store.read("areas")
    zones = areas[areas["level"] == schema.Level.LEVEKARSSONE]
    zones = zones.sort_values(["is_focus", "name"], ascending=[False, True])
    indicators = store.read("indicators")
    return Choices(
        zones=[str(n) for n in zones["name"]],
        indicators=sorted(str(i) for i in indicators["indicator_id"]),
    )


def template_fields(table: str) -> list[str]:
    """The fields a template has, in order: the table's own (id first) and its location."""
    own = [f for f in fields.target_fields(table) if f not in NOT_FILLED and not f.startswith("_")]
    if not schema.has_geometry(table):
        return own
    geometry = schema.TABLES[table].columns["geometry"]
    is_point = any("point" in str(check.error) for check in geometry.checks)
    return [*own, fields.X_FIELD, fields.Y_FIELD] if is_point else [*own, fields.WKT_FIELD]


def spec(table: str, found: Choices) -> pd.DataFrame:
    """One row per template column: field, header, required, format (nb/en), example and the
    values of its drop-down list (None for free input)."""
    required = set(fields.required(table))
    rows = []
    for name in template_fields(table):
        kind, options = _kind(table, name, found)
        format_nb, format_en = _FORMATS[kind]
        # projects need a zone or a location: either will do, so neither column is required
        required_text = name in required and (table, name) != ("projects", "area_id")
        rows.append(
            {
                "field": name,
                "header": fields.field_label(name, "nb", table),
                "required": required_text,
                "format_nb": format_nb,
                "format_en": format_en,
                "example": _example(table, name, kind, options),
                "choices": options,
            }
        )
    return pd.DataFrame(rows, columns=SPEC_COLUMNS)


def empty(table: str) -> pd.DataFrame:
    """The CSV template: the headers and no rows."""
    headers = [fields.field_label(f, "nb", table) for f in template_fields(table)]
    return pd.DataFrame(columns=headers)


def workbook(data: pd.DataFrame | Mapping[str, pd.DataFrame]) -> bytes:
    """The Excel template of ``{table: spec(table, …)}`` (export.FORMATS[FORMAT]'s writer)."""
    if isinstance(data, pd.DataFrame) or len(data) != 1:
        raise ValueError("a template is written from {table: spec}")
    ((table, columns),) = data.items()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = DATA_SHEET
    lists = book.create_sheet(LIST_SHEET)
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    list_column = 0
    for position, item in enumerate(columns.itertuples(index=False), start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position, value=item.header)
        cell.font = bold if item.required else Font()
        if item.required:
            cell.fill = required_fill
        required_text = "Må fylles ut. " if item.required else "Valgfri. "
        cell.comment = Comment(f"{required_text}{item.format_nb} Eksempel: {item.example}", "")
        sheet.column_dimensions[letter].width = max(14, min(40, len(str(item.header)) + 4))
        cells = f"{letter}2:{letter}{ROWS + 1}"
        check = _validation(item.field, item.header, item.choices, lists, list_column)
        if item.choices:
            list_column += 1
        if check is not None:
            sheet.add_data_validation(check)
            check.add(cells)
    sheet.freeze_panes = "A2"
    _help_sheet(book, table, columns)
    lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _kind(table: str, name: str, found: Choices) -> tuple[str, list[str] | None]:
    """What kind of value a column takes, and its closed set (the labels people pick)."""
    if name == fields.X_FIELD:
        return "x", None
    if name == fields.Y_FIELD:
        return "y", None
    if name == fields.WKT_FIELD:
        return "wkt", None
    if name == fields.id_field(table):
        return "id", None
    if name == "area_id":
        return (
            "zone" if table in ("grants", "indicator_values", "targets") else "zone_or_point",
            found.zones or None,
        )
    if name == "indicator_id":
        return "choice", found.indicators or None
    if name == "unit":
        return "choice", schema.values(schema.Unit)
    enum = values.closed_set(table, name)
    if enum is not None:
        labels = fields.enum_labels(enum, "nb")  # codes without labels (levels) as they are
        return "choice", [labels.get(code, code) for code in values.SYNONYMS[enum]]
    column = schema.TABLES[table].columns.get(name)
    dtype = str(column.dtype) if column is not None else ""
    if dtype in ("bool", "boolean"):
        return "yes_no", YES_NO
    if name in MONEY:
        return "money", None
    if name in YEARS:
        return "year", None
    if name in SCORES:
        return "score", None
    if name in NUMBERS or dtype.startswith(("float", "int")):
        return "number", None
    return "text", None


def _example(table: str, name: str, kind: str, options: list[str] | None) -> str:
    if options:
        preferred = {"area_id": "Lademoen", "status": options[0]}
        return preferred.get(name, options[0]) if preferred.get(name) in options else options[0]
    if (table, name) == ("risks", "title"):
        return "Svak forankring i linja"
    if (table, name) == ("risks", "description"):
        return "Tiltakene blir ikke videreført når prosjektmidlene tar slutt."
    by_kind = {
        "money": "350 000",
        "year": "2026",
        "score": "3",
        "number": "12,5",
        "id": f"{table[:3].upper()}-001",
    }
    return _EXAMPLES.get(name) or by_kind.get(kind) or "…"


def _validation(
    name: str, header: str, options: list[str] | None, lists: Worksheet, list_column: int
) -> DataValidation | None:
    """The drop-down (its values written to column ``list_column`` of ``lists``) or the
    whole-number check of one column; None for free input."""
    if options:
        letter = get_column_letter(list_column + 1)
        lists.cell(row=1, column=list_column + 1, value=header)
        for row, option in enumerate(options, start=2):
            lists.cell(row=row, column=list_column + 1, value=option)
        check = DataValidation(
            type="list",
            formula1=f"={LIST_SHEET}!${letter}$2:${letter}${len(options) + 1}",
            allow_blank=True,
        )
        # a zone may also be given by its code, a value the list does not hold: warn, allow
        check.errorStyle = "warning" if name == "area_id" else "stop"
        check.error = f"Velg en verdi fra lista for «{header}». / Choose a value from the list."
    elif name in YEARS:
        check = DataValidation(type="whole", operator="between", formula1="1990", formula2="2100")
        check.errorStyle = "warning"  # a date is read as its year too
        check.error = "Skriv et årstall (2026) eller en dato. / Write a year or a date."
    elif name in SCORES:
        check = DataValidation(type="whole", operator="between", formula1="1", formula2="5")
        check.error = "Skriv et heltall fra 1 til 5. / Write a whole number from 1 to 5."
    else:
        return None
    check.errorTitle = header
    check.showErrorMessage = True
    return check


def _help_sheet(book: openpyxl.Workbook, table: str, columns: pd.DataFrame) -> None:
    sheet = book.create_sheet(HELP_SHEET, 1)
    headings = ("Kolonne", "Må fylles ut", "Format", "Eksempel", "Required", "Format (English)")
    sheet.append(list(headings))
    for item in columns.itertuples(index=False):
        required, required_en = ("Ja", "yes") if item.required else ("Nei", "no")
        if (table, item.field) == ("projects", "area_id"):
            required, required_en = "Sone eller Øst/Nord", "zone or east/north"
        sheet.append(
            [item.header, required, item.format_nb, item.example, required_en, item.format_en]
        )
    sheet.append([])
    sheet.append(
        [
            "Tomme valgfrie felt lagres tomme og vises som «ikke oppgitt». Personopplysninger "
            "(kontaktperson, e-post, telefon) skal ikke stå i fila: de lagres aldri."
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (28, 16, 60, 30, 10, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, max_col=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
