"""Planning an import: every row converted and checked, and compared with the stored table.

Nothing is written here. The plan holds the rows in the table's types, every message, and
what the chosen mode would do (insert, update, leave unchanged, delete); `apply` (writing.py)
writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo import schema
from geo.ingest import fields, geometry, keys, privacy, validation, values, zones
from geo.ingest import messages as msg
from geo.ingest.fields import WKT_FIELD, X_FIELD, Y_FIELD
from geo.ingest.messages import Message
from geo.ingest.readers import ImportFileError, RawFile, formula_cells
from geo.store import Store, StoreError, validate
from geo.store.base import ValidationError

ZONE_TABLES = ("projects", "meeting_places", "grants")  # area_id is a levekårssone here
LOCATED_BY_ZONE = ("projects", "grants")  # rows without a point are shown at the zone's centre
_AUTOMATIC = ("is_sample", "source")


@dataclass
class Plan:
    """What an import would do. `blocked` when any message is an error."""

    table: str
    mode: str
    file_name: str
    header_row: int | None
    columns: list[str]  # the file's columns (personal ones left out)
    top_rows: list[list[str]]
    mapping: dict[str, str | None]
    fixed: dict[str, str]
    key: list[str]  # the fields that name a row
    natural_key: bool  # True: the file has no id column, the key is e.g. name + zone
    rows: int
    file_rows: list[int]
    messages: list[Message]
    left_out: list[str]  # columns not stored because they hold personal data
    frame: pd.DataFrame | None  # the file's rows in the table's types (None when unusable)
    provided: set[str] = field(default_factory=set)  # fields the file (or a fixed value) gives
    actions: list[str] = field(default_factory=list)  # per row: insert/update/unchanged/exists
    changed: list[list[str]] = field(default_factory=list)  # per row: fields an update changes
    would_delete: int = 0
    # zone id -> its centre, for rows placed at their zone's centre (they follow a new zone)
    centres: dict[str, shapely.Geometry] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        return self.frame is None or any(m.severity == "error" for m in self.messages)

    @property
    def would_insert(self) -> int:
        return self.actions.count("insert")

    @property
    def would_update(self) -> int:
        return self.actions.count("update")

    @property
    def would_unchanged(self) -> int:
        return self.actions.count("unchanged")

    @property
    def nothing_to_do(self) -> bool:
        """The store already holds exactly this (e.g. the same file imported again)."""
        return not self.blocked and not (
            self.would_insert or self.would_update or self.would_delete
        )

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == "error"]

    def key_label(self, lang: str) -> str:
        """The key as the user sees it: the file's columns (or the fields' labels)."""
        zone = "levekårssone" if lang == "nb" else "zone"
        return " + ".join(
            self.mapping.get(f)
            or (zone if f == "area_id" else fields.field_label(f, lang, self.table))
            for f in self.key
        )

    def summary(self, lang: str) -> str:
        nb = lang == "nb"
        if self.blocked:
            n = len(self.errors)
            return (
                f"{self.rows} rader lest; {n} feil må rettes i fila. Ingenting er lagret."
                if nb
                else f"{self.rows} rows read; {n} errors must be fixed in the file. "
                "Nothing was stored."
            )
        if self.nothing_to_do:
            return (
                f"Alle {self.rows} radene er allerede lagret slik de står i fila; "
                "importen endrer ingenting."
                if nb
                else f"All {self.rows} rows are already stored as they are in the file; "
                "the import changes nothing."
            )
        parts = (
            [
                f"{self.would_insert} nye",
                f"{self.would_update} endret",
                f"{self.would_unchanged} uendret",
            ]
            if nb
            else [
                f"{self.would_insert} new",
                f"{self.would_update} changed",
                f"{self.would_unchanged} unchanged",
            ]
        )
        if self.would_delete:
            parts.append(f"{self.would_delete} slettes" if nb else f"{self.would_delete} deleted")
        head = f"{self.rows} rader lest: " if nb else f"{self.rows} rows read: "
        return head + ", ".join(parts) + "."

    def text(self, lang: str) -> str:
        """The report as a person reads it: summary, key, what was left out, every message."""
        nb = lang == "nb"
        lines = [self.summary(lang)]
        lines.append(
            (f"Nøkkel: {self.key_label(lang)}" if nb else f"Key: {self.key_label(lang)}")
            + (
                (" (fila har ingen id-kolonne)" if nb else " (the file has no id column)")
                if self.natural_key
                else ""
            )
        )
        severity = {
            "error": ("FEIL", "ERROR"),
            "warning": ("MERK", "WARNING"),
            "info": ("INFO", "INFO"),
        }
        for message in self.messages:
            lines.append(f"{severity[message.severity][0 if nb else 1]}: {message.text(lang)}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "mode": self.mode,
            "file": self.file_name,
            "header_row": self.header_row,
            "rows": self.rows,
            "blocked": self.blocked,
            "nothing_to_do": self.nothing_to_do,
            "key": self.key,
            "natural_key": self.natural_key,
            "mapping": self.mapping,
            "fixed": self.fixed,
            "left_out": self.left_out,
            "would_insert": self.would_insert,
            "would_update": self.would_update,
            "would_unchanged": self.would_unchanged,
            "would_delete": self.would_delete,
            "summary": {"nb": self.summary("nb"), "en": self.summary("en")},
            "messages": [m.as_dict() for m in self.messages],
        }


def make_plan(
    raw: RawFile,
    table: str,
    *,
    store: Store,
    mapping: Mapping[str, str | None] | None = None,
    fixed: Mapping[str, str] | None = None,
    mode: str = "upsert",
) -> Plan:
    if table not in schema.TABLES:
        raise ImportFileError(f"Ukjent tabell «{table}».", f"Unknown table '{table}'.")
    if mode not in fields.MODES:
        raise ImportFileError(f"Ukjent modus «{mode}».", f"Unknown mode '{mode}'.")
    out: list[Message] = list(raw.messages)
    left_out = privacy.personal_columns(list(raw.frame.columns))
    frame = raw.frame.drop(columns=left_out)
    columns = list(frame.columns)
    chosen = dict(fields.suggest_mapping(columns, table) if mapping is None else mapping)
    chosen = {f: (c if c in columns else None) for f, c in chosen.items()}
    fixed = {f: str(v) for f, v in (fixed or {}).items() if str(v).strip()}
    for row, column, text in formula_cells(raw):
        if column in chosen.values():
            out.append(
                msg.error(
                    "Cellen er en formel; formler importeres ikke.",
                    "The cell is a formula; formulas are not imported.",
                    row=row,
                    column_nb=column,
                    column_en=column,
                    value=text[:60],
                    fix_nb="Kopier cellene og lim inn som verdier.",
                    fix_en="Copy the cells and paste them as values.",
                )
            )
    builder = _Rows(raw, frame, table, chosen, fixed, out)
    converted = builder.build(store)
    persons = builder.private_persons
    out.extend(privacy.left_out_message(left_out, persons))
    provided = builder.provided
    key, natural = keys.key_fields(table, provided)
    plan = Plan(
        table,
        mode,
        raw.name,
        raw.header_row,
        columns,
        raw.top_rows,
        chosen,
        fixed,
        key,
        natural,
        len(frame),
        raw.file_rows,
        out,
        left_out,
        converted,
        provided,
    )
    if converted is None:
        return plan
    _duplicates(plan, converted)
    if plan.blocked:
        return plan
    try:
        current = store.read(table)
    except StoreError:
        current = converted.iloc[0:0]
    if table in LOCATED_BY_ZONE:
        plan.centres = zones.Zones.of(builder.areas(store)).centres()
    merged = keys.merge(table, current, converted, provided, key, mode, plan.centres)
    plan.actions, plan.changed, plan.would_delete = merged.actions, merged.changed, merged.deleted
    own = fields.id_field(table)
    if own is not None and merged.ids is not None:  # the preview shows each row's id
        converted[own] = merged.ids
    for position, action in enumerate(merged.actions):
        if action == "exists":
            out.append(
                msg.error(
                    "Raden finnes allerede i tabellen (samme nøkkel).",
                    "The row is already in the table (same key).",
                    row=raw.file_rows[position],
                    column_nb=plan.key_label("nb"),
                    column_en=plan.key_label("en"),
                    value=" | ".join(str(converted[k].iloc[position]) for k in key),
                    fix_nb="Velg «Oppdater» for å oppdatere eksisterende rader.",
                    fix_en="Choose 'Update' to update rows that exist.",
                )
            )
    try:
        validate(table, merged.frame)  # the table as it would be stored
    except ValidationError as error:
        out.extend(
            validation.row_messages(
                table,
                merged.frame,
                error.failures,
                merged.origin or [],
                raw.file_rows,
                builder.where,
            )
        )
    except StoreError:
        out.extend(
            validation.row_messages(table, merged.frame, None, [], raw.file_rows, builder.where)
        )
    return plan


def _duplicates(plan: Plan, frame: pd.DataFrame) -> None:
    seen: dict[str, int] = {}
    for position in range(len(frame)):
        text = keys.key_text([frame[k].iloc[position] for k in plan.key])
        row = plan.file_rows[position]
        if text in seen:
            value = " | ".join(str(frame[k].iloc[position]) for k in plan.key)
            plan.messages.append(
                msg.error(
                    f"Samme nøkkel som rad {seen[text]}; to rader kan ikke være samme rad.",
                    f"The same key as row {seen[text]}; two rows cannot be the same row.",
                    row=row,
                    column_nb=plan.key_label("nb"),
                    column_en=plan.key_label("en"),
                    value=value,
                    fix_nb=f"Slå sammen rad {seen[text]} og {row}, eller gi dem ulik verdi.",
                    fix_en=f"Merge rows {seen[text]} and {row}, or give them different values.",
                )
            )
        else:
            seen[text] = row


class _Rows:
    """Turns the file's columns into the table's fields, row by row, collecting messages."""

    def __init__(
        self,
        raw: RawFile,
        frame: pd.DataFrame,
        table: str,
        mapping: dict[str, str | None],
        fixed: dict[str, str],
        out: list[Message],
    ) -> None:
        self.raw, self.frame, self.table = raw, frame, table
        self.mapping, self.fixed, self.out = mapping, fixed, out
        self.rows = raw.file_rows
        self.provided: set[str] = set()
        self.private_persons = 0
        self._areas: pd.DataFrame | None = None

    def areas(self, store: Store) -> pd.DataFrame | None:
        if self._areas is None:
            try:
                self._areas = store.read("areas")
            except StoreError:
                return None
        return self._areas

    def where(self, name: str) -> tuple[str, str]:
        """The column as the user sees it: the file's header, or the field's label."""
        column = self.mapping.get(name)
        return (column, column) if column else fields.labels(name, self.table)

    def texts(self, name: str) -> list[str] | None:
        if name in self.fixed:
            return [self.fixed[name]] * len(self.frame)
        column = self.mapping.get(name)
        return None if column is None else [str(v) for v in self.frame[column]]

    def build(self, store: Store) -> pd.DataFrame | None:
        table_schema = schema.TABLES[self.table]
        data: dict[str, list[Any]] = {}
        for name, column in table_schema.columns.items():
            if name in ("geometry", *_AUTOMATIC, "area_id") and not (
                name == "area_id" and self.table not in ZONE_TABLES
            ):
                continue
            data[name] = self.column(str(name), column)
        data["is_sample"] = [False] * len(self.frame)
        data["source"] = [self.raw.name] * len(self.frame)
        geoms: list[shapely.Geometry | None] | None = None
        if schema.has_geometry(self.table):
            geoms = self.geometry(store)
        if self.table in ZONE_TABLES:
            data["area_id"] = self.zones(store, geoms)
            if geoms is not None and self.table in LOCATED_BY_ZONE:
                geoms = self.zone_centres(store, geoms, data["area_id"])
        elif "area_id" in data and self.table != "areas":
            data["area_id"] = self.area_ids(store, data["area_id"])
        self.cross_checks(data)
        if any(m.severity == "error" and m.row is None for m in self.out):
            return None  # the file as a whole is wrong (a required field has no column)
        frame = pd.DataFrame({name: data[name] for name in table_schema.columns if name in data})
        for name, column in table_schema.columns.items():
            if name in frame and str(column.dtype) == "boolean":
                frame[name] = frame[name].astype("boolean")
            if name in frame and str(column.dtype) == "Int64":
                frame[name] = frame[name].astype("Int64")
        if geoms is not None:
            frame = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=schema.CRS))
        return frame

    def column(self, name: str, column: Any) -> list[Any]:
        n = len(self.frame)
        texts = self.texts(name)
        dtype = str(column.dtype)
        required = name in fields.required(self.table)
        if texts is None:
            if name == fields.id_field(self.table):
                return [None] * n  # keys.merge gives each row an id
            if required:
                nb, en = fields.labels(name, self.table)
                self.out.append(
                    msg.error(
                        f"Feltet «{nb}» er påkrevd, men ingen kolonne er valgt for det.",
                        f"The field '{en}' is required, but no column is chosen for it.",
                        column_nb=nb,
                        column_en=en,
                        fix_nb="Velg kolonnen under «Kolonner i fila», eller gi feltet en fast "
                        "verdi.",
                        fix_en="Choose its column under 'Columns in the file', or give the field "
                        "a fixed value.",
                    )
                )
            return [False if dtype == "bool" else None] * n
        self.provided.add(name)
        if name in self.fixed:
            value = self.convert(self.fixed[name], name, dtype, None)
            return [value] * n
        result = []
        for position, text in enumerate(texts):
            text = text.strip()
            if self.table == "grants" and name == "organisation" and text:
                kind_column = next(
                    (
                        c
                        for c in self.frame.columns
                        if fields.normalise(c) in privacy.APPLICANT_KIND
                    ),
                    None,
                )
                kind = str(self.frame[kind_column].iloc[position]) if kind_column else ""
                if privacy.is_private_person(text, kind):
                    self.private_persons += 1
                    text = privacy.PRIVATE_PERSON
            if not text:
                if required:
                    self.row_error(
                        position,
                        name,
                        "",
                        "Påkrevd felt er tomt.",
                        "A required field is empty.",
                        "Fyll inn en verdi.",
                        "Fill in a value.",
                    )
                result.append(False if dtype == "bool" else None)
                continue
            result.append(self.convert(text, name, dtype, position))
        return result

    def convert(self, text: str, name: str, dtype: str, position: int | None) -> Any:
        enum = values.closed_set(self.table, name)
        try:
            if enum is not None:
                return values.code(text, enum)
            if dtype in ("bool", "boolean"):
                return values.yes_no(text)
            low: float | None
            high: float | None
            if name.endswith("year"):
                value: Any = values.year(text)
                low, high = 1990, 2100
            elif dtype in ("int64", "Int64"):
                number = values.number(text)
                if not number.is_integer():
                    raise values.BadValueError(
                        "Verdien er ikke et heltall.",
                        "The value is not a whole number.",
                        "Skriv et heltall.",
                        "Write a whole number.",
                    )
                value, (low, high) = int(number), _limits(self.table, name)
            elif dtype.startswith("float"):
                value, (low, high) = values.number(text, money=True), _limits(self.table, name)
            else:
                return text
        except values.BadValueError as bad:
            if position is None:
                nb, en = fields.labels(name, self.table)
                self.out.append(
                    msg.error(
                        f"Den faste verdien for «{nb}» er ugyldig. {bad.nb}",
                        f"The fixed value for '{en}' is invalid. {bad.en}",
                        column_nb=nb,
                        column_en=en,
                        value=text,
                        fix_nb=bad.fix_nb,
                        fix_en=bad.fix_en,
                    )
                )
            else:
                self.row_error(position, name, text, bad.nb, bad.en, bad.fix_nb, bad.fix_en)
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{low if low is not None else '…'}–{high if high is not None else '…'}"
            if position is not None:
                self.row_error(
                    position,
                    name,
                    text,
                    f"Verdien er utenfor tillatt område ({span}).",
                    f"The value is out of range ({span}).",
                    "Rett verdien.",
                    "Correct the value.",
                )
            return None
        return value

    def row_error(
        self, position: int, name: str, value: str, nb: str, en: str, fix_nb: str, fix_en: str
    ) -> None:
        column_nb, column_en = self.where(name)
        self.out.append(
            msg.error(
                nb,
                en,
                row=self.rows[position],
                column_nb=column_nb,
                column_en=column_en,
                value=value,
                fix_nb=fix_nb,
                fix_en=fix_en,
            )
        )

    def geometry(self, store: Store) -> list[shapely.Geometry | None] | None:
        wkt = self.texts(WKT_FIELD)
        xs, ys = self.texts(X_FIELD), self.texts(Y_FIELD)
        columns = {f: self.where(f) for f in (WKT_FIELD, X_FIELD, Y_FIELD)}
        found = geometry.from_file(
            self.raw.geometry,
            self.raw.crs,
            wkt,
            (xs, ys) if xs and ys else None,
            self.table,
            self.rows,
            columns,
            self.out,
            _boundary(self.areas(store)),
        )
        if found is not None:
            self.provided.add("geometry")
        elif self.table not in LOCATED_BY_ZONE:
            self.out.append(
                msg.error(
                    "Tabellen trenger en plassering, men fila har ingen geometri eller "
                    "koordinater.",
                    "The table needs a location, but the file has no geometry or coordinates.",
                    fix_nb="Velg en geometrikolonne (WKT) eller to koordinatkolonner (øst/nord).",
                    fix_en="Choose a geometry (WKT) column or two coordinate columns (east/north).",
                )
            )
            return None
        else:
            return [None] * len(self.frame)
        for position, geom in enumerate(found):
            if (
                geom is None
                and self.table not in LOCATED_BY_ZONE
                and not self._row_has_error(position)
            ):
                self.row_error(
                    position,
                    X_FIELD if xs else WKT_FIELD,
                    "",
                    "Raden har ingen plassering.",
                    "The row has no location.",
                    "Fyll inn koordinater.",
                    "Fill in coordinates.",
                )
        return found

    def _row_has_error(self, position: int) -> bool:
        return any(m.row == self.rows[position] and m.severity == "error" for m in self.out)

    def zones(self, store: Store, geoms: list[shapely.Geometry | None] | None) -> list[str | None]:
        known = zones.Zones.of(self.areas(store))
        stated = self.texts("area_id")
        if stated is not None:
            self.provided.add("area_id")
        elif geoms is not None and any(g is not None for g in geoms):
            self.provided.add("area_id")
            self.out.append(
                msg.info(
                    "Fila har ingen sonekolonne; hver rad har fått levekårssonen punktet ligger i.",
                    "The file has no zone column; every row got the zone its point lies in.",
                )
            )
        result = zones.resolve(
            stated, geoms or [], known, self.rows, self.where("area_id"), self.out
        )
        required = self.table in ("projects", "grants")
        for position, area in enumerate(result):
            if area is None and required and not self._row_has_error(position):
                self.row_error(
                    position,
                    "area_id",
                    "",
                    "Raden har verken sone eller et punkt i en sone.",
                    "The row has neither a zone nor a point in a zone.",
                    "Skriv levekårssonens navn eller kode, eller koordinater.",
                    "Write the zone's name or code, or coordinates.",
                )
        return result

    def area_ids(self, store: Store, stated: list[str | None]) -> list[str | None]:
        """Figures and risks may belong to any area (a zone, a bydel, the kommune): a name or
        code is stored as the area's id, like a zone's elsewhere."""
        known = zones.Zones.of(self.areas(store), every_level=True)
        texts = [text or "" for text in stated]
        return zones.resolve(texts, [], known, self.rows, self.where("area_id"), self.out)

    def zone_centres(
        self, store: Store, geoms: list[shapely.Geometry | None], areas: list[str | None]
    ) -> list[shapely.Geometry | None]:
        known = zones.Zones.of(self.areas(store))
        placed = []
        for position, (geom, area) in enumerate(zip(geoms, areas, strict=True)):
            if geom is None and area is not None:
                geoms[position] = known.centre(area)
                placed.append(self.rows[position])
        if placed:
            shown = _rows_text(placed)
            self.out.append(
                msg.info(
                    f"Rader uten koordinater ({shown}) vises midt i sonen sin på kartet.",
                    f"Rows without coordinates ({shown}) are shown at the centre of their zone "
                    "on the map.",
                    fix_nb="Legg inn koordinater om stedet er kjent.",
                    fix_en="Add coordinates if the place is known.",
                )
            )
        return geoms

    def cross_checks(self, data: dict[str, list[Any]]) -> None:
        pairs = {
            "projects": ("start_year", "end_year"),
            "grants": ("amount_granted", "amount_applied"),
        }
        if self.table not in pairs:
            return
        first, second = pairs[self.table]
        for position, (a, b) in enumerate(zip(data[first], data[second], strict=True)):
            if a is None or b is None:
                continue
            if self.table == "projects" and b < a:
                self.row_error(
                    position,
                    second,
                    str(b),
                    f"Avslutningen ({b}) er før oppstarten ({a}).",
                    f"The end ({b}) is before the start ({a}).",
                    "Rett årstallene.",
                    "Correct the years.",
                )
            if self.table == "grants" and a > b:
                self.row_error(
                    position,
                    first,
                    str(a),
                    f"Innvilget beløp er større enn søkt beløp ({b}).",
                    f"The amount granted is larger than the amount applied for ({b}).",
                    "Rett beløpene.",
                    "Correct the amounts.",
                )


def _rows_text(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:10])) + (f" … (+{len(rows) - 10})" if len(rows) > 10 else "")


def _limits(table: str, name: str) -> tuple[float | None, float | None]:
    column = schema.TABLES[table].columns[name]
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "in_range":
            return stats["min_value"], stats["max_value"]
        if check.name == "greater_than_or_equal_to":
            return stats["min_value"], None
    return None, None


def _boundary(areas: pd.DataFrame | None) -> shapely.Geometry | None:
    if areas is None:
        return None
    outline = areas[areas["level"] == "kommune"]
    return None if outline.empty else outline.geometry.iloc[0]
