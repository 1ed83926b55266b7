"""Import a file into one table of the model: map columns, build geometry, validate, commit.

`read_upload` (geo.ingest.readers) gives the file's columns as text; `suggest_mapping` pairs
them with the table's fields by Norwegian or English name; `prepare` turns the rows into the
table's types and geometry and reports, row by row, what is wrong, without writing anything;
`commit` writes the prepared rows as one transaction (all rows or none) through the store,
which keeps a backup and the history.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from pyproj.exceptions import CRSError
from shapely.geometry import box

from geo import schema
from geo.ingest.readers import MAX_ROWS, ImportFileError, Note, RawFile, read_upload
from geo.store import Store, StoreError, auth, history, validate

__all__ = ["MAX_ROWS", "ImportFileError", "Note", "Prepared", "commit", "prepare", "read_upload"]
__all__ += ["suggest_mapping", "target_fields", "detect_crs"]

# Trondheim municipality's extent in EPSG:25832 (from the Kartverket outline), plus a margin:
# points outside it are rejected with their row number.
TRONDHEIM_BOUNDS = (552_000.0, 7_003_500.0, 587_500.0, 7_038_500.0)
X_FIELD, Y_FIELD, WKT_FIELD = "_x", "_y", "_wkt"  # pseudo-fields: where geometry comes from

# Other names a file may use for a field, in Norwegian and English (compared normalised).
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("navn", "tittel", "title"),
    "description": ("beskrivelse", "omtale"),
    "area_id": ("sone", "soneid", "levekarssone", "zone", "zoneid", "omrade", "omradeid"),
    "place_type": ("type", "kategori", "category", "moteplasstype"),
    "indoor": ("innendors", "inne"),
    "audience": ("malgruppe", "for"),
    "opening_hours": ("apningstider", "apningstid", "hours"),
    "universal_design": ("universellutforming", "uu"),
    "owner": ("eier",),
    "is_anchor": ("ankerinstitusjon", "anchor"),
    "goal": ("mal", "malomrade"),
    "strategy": ("strategi",),
    "focus_area": ("innsatsomrade",),
    "work_level": ("niva", "arbeidsniva"),
    "owner_unit": ("eierenhet", "ansvarlig", "enhet"),
    "start_year": ("startar", "start", "fra"),
    "end_year": ("sluttar", "slutt", "til"),
    "budget_nok": ("budsjett", "budget", "budsjettnok"),
    "funding": ("finansiering", "finansieringskilde"),
    "year": ("ar", "aar"),
    "organisation": ("organisasjon", "sokar", "soker", "applicant"),
    "category": ("kategori",),
    "amount_applied": ("sokt", "soktbelop", "applied"),
    "amount_granted": ("innvilget", "innvilgetbelop", "granted"),
    "source": ("kilde",),
    "title": ("tittel",),
    "indicator_id": ("indikator", "indikatorid", "indicator"),
    "value": ("verdi",),
    "numerator": ("teller",),
    "denominator": ("nevner",),
    "likelihood": ("sannsynlighet",),
    "consequence": ("konsekvens",),
    "mitigation": ("tiltak",),
    "level": ("niva", "nivaa"),
    "code": ("kode", "nummer"),
    "is_sample": ("eksempel", "eksempeldata", "sample"),
    WKT_FIELD: ("wkt", "geometri", "geometry", "geom", "the_geom"),
    X_FIELD: ("lon", "lng", "long", "longitude", "lengdegrad", "x", "ost", "east", "easting"),
    Y_FIELD: ("lat", "latitude", "breddegrad", "y", "nord", "north", "northing"),
}

_CRS_NOTE = {
    "EPSG:4326": ("WGS 84, lengde/bredde (EPSG:4326)", "WGS 84 longitude/latitude (EPSG:4326)"),
    "EPSG:25832": (
        "ETRS89 / UTM sone 32N (EPSG:25832; samme som 5972 uten høyde)",
        "ETRS89 / UTM zone 32N (EPSG:25832; the same as 5972 without height)",
    ),
    "EPSG:25833": (
        "ETRS89 / UTM sone 33N (EPSG:25833; samme som 5973 uten høyde)",
        "ETRS89 / UTM zone 33N (EPSG:25833; the same as 5973 without height)",
    ),
}
_TRUE = {"true", "ja", "yes", "1", "x", "sann", "j", "y"}
_FALSE = {"false", "nei", "no", "0", "usann", "n"}


@dataclass
class Prepared:
    """The rows in the table's types, ready to commit, and everything found on the way."""

    table: str
    frame: pd.DataFrame | None  # None while there are errors
    notes: list[Note] = field(default_factory=list)
    rows: int = 0

    @property
    def errors(self) -> list[Note]:
        return [n for n in self.notes if n.level == "error"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and not self.errors


def target_fields(table: str) -> list[str]:
    """The fields a file can fill: the table's columns, and where geometry comes from."""
    columns = [str(c) for c in schema.TABLES[table].columns if c != "geometry"]
    return [*columns, WKT_FIELD, X_FIELD, Y_FIELD] if schema.has_geometry(table) else columns


def suggest_mapping(columns: Sequence[str], table: str) -> dict[str, str | None]:
    """For every target field, the file column that most likely holds it (or None)."""
    by_key = {_normalise(c): c for c in columns}
    taken: set[str] = set()
    mapping: dict[str, str | None] = {}
    for target in target_fields(table):
        candidates = [target, target.replace("_", ""), *ALIASES.get(target, ())]
        found = next((by_key[_normalise(c)] for c in candidates if _normalise(c) in by_key), None)
        if found is None and not target.startswith("_"):
            close = difflib.get_close_matches(_normalise(target), list(by_key), n=1, cutoff=0.85)
            found = by_key[close[0]] if close else None
        mapping[target] = found if found not in taken else None
        if found is not None:
            taken.add(found)
    return mapping


def prepare(
    raw: RawFile,
    table: str,
    mapping: Mapping[str, str | None],
    *,
    existing: pd.DataFrame | None = None,
    mode: str = "append",
    source: str = "import",
    boundary: shapely.Geometry | None = None,
    zones: gpd.GeoDataFrame | None = None,
) -> Prepared:
    """Convert and check every row; nothing is written. Errors name their row and field.

    `zones` (levekårssoner with area_id): a row without an area_id gets the zone it lies in.
    """
    if table not in schema.TABLES:
        raise ImportFileError(f"Ukjent tabell «{table}».", f"Unknown table '{table}'.")
    notes = list(raw.notes)
    frame = pd.DataFrame(index=raw.frame.index)
    table_schema = schema.TABLES[table]
    for name, column in table_schema.columns.items():
        if name == "geometry":
            continue
        source_column = mapping.get(name)
        if source_column is None or source_column not in raw.frame:
            if name == "is_sample":
                frame[name] = False
            elif name == "source":
                frame[name] = source
            elif column.unique:  # no id in the file: give each row a new one
                stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
                frame[name] = [f"{table}-{stamp}-{i}" for i in range(1, len(raw.frame) + 1)]
                notes.append(
                    Note(
                        f"Fila har ingen «{name}»; hver rad får en ny id.",
                        f"The file has no '{name}'; every row gets a new id.",
                    )
                )
            elif not column.nullable and str(column.dtype) not in ("boolean",):
                if str(column.dtype) == "bool":
                    frame[name] = False
                    continue
                notes.append(
                    Note(
                        f"Feltet «{name}» er påkrevd, men ingen kolonne er valgt for det.",
                        f"Field '{name}' is required, but no column is mapped to it.",
                        field=name,
                        level="error",
                    )
                )
                frame[name] = None
            else:
                frame[name] = _convert(pd.Series([""] * len(raw.frame)), name, column, notes)
            continue
        frame[name] = _convert(raw.frame[source_column], name, column, notes)
    if schema.has_geometry(table):
        geometry = _geometry(raw, table, mapping, notes, boundary)
        frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=schema.CRS)
    if zones is not None and "area_id" in frame.columns and not mapping.get("area_id"):
        frame = _zone_of_each_row(frame, zones, notes)
    _cross_checks(table, frame, existing, mode, notes)
    rows = len(frame)
    if any(n.level == "error" for n in notes):
        return Prepared(table, None, notes, rows)
    try:
        checked = validate(table, frame)
    except StoreError as error:
        notes.append(Note(error.nb, error.en, level="error"))
        return Prepared(table, None, notes, rows)
    return Prepared(table, checked, notes, rows)


def commit(store: Store, prepared: Prepared, *, mode: str, editor: auth.User) -> str:
    """Write the prepared rows: appended to or replacing the table, all or none."""
    auth.require_editor(editor)
    if not prepared.ok or prepared.frame is None:
        raise ImportFileError(
            "Fila har feil; ingenting er skrevet.", "The file has errors; nothing was written."
        )
    if mode not in ("append", "replace"):
        raise ValueError(mode)
    new = prepared.frame
    if mode == "append":
        current = store.read(prepared.table)
        new = pd.concat([current, prepared.frame], ignore_index=True)
        if isinstance(current, gpd.GeoDataFrame):
            new = gpd.GeoDataFrame(new, geometry="geometry", crs=current.crs)
    return store.replace_table(prepared.table, new, editor=editor, kind=f"import_{mode}")


def detect_crs(xs: np.ndarray, ys: np.ndarray) -> tuple[str, bool] | None:
    """(CRS, swapped) that puts these coordinates in Trondheim, judged from their ranges.

    Longitude/latitude (EPSG:4326), UTM 32N (25832, and 5972 which adds height) and UTM 33N
    (25833, 5973); `swapped` when the file has the two axes the other way round.
    """
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    best, best_count = None, 0
    for crs, ((x_low, x_high), (y_low, y_high)) in _CRS_RANGES.items():
        for swapped, (a, b) in ((False, (xs, ys)), (True, (ys, xs))):
            count = int(np.sum((a >= x_low) & (a <= x_high) & (b >= y_low) & (b <= y_high)))
            if count > best_count:  # the reading that puts most points in Trondheim
                best, best_count = (crs, swapped), count
    return best


_CRS_RANGES = {
    "EPSG:4326": ((9.5, 11.5), (62.8, 63.8)),
    "EPSG:25832": ((520_000.0, 620_000.0), (6_950_000.0, 7_100_000.0)),
    "EPSG:25833": ((220_000.0, 320_000.0), (6_970_000.0, 7_100_000.0)),
}


def _geometry(
    raw: RawFile,
    table: str,
    mapping: Mapping[str, str | None],
    notes: list[Note],
    boundary: shapely.Geometry | None,
) -> gpd.GeoSeries:
    n = len(raw.frame)
    crs = raw.crs
    geoms: np.ndarray
    if raw.geometry is not None:
        geoms = np.asarray(raw.geometry.values, dtype=object)
    elif mapping.get(WKT_FIELD) and mapping[WKT_FIELD] in raw.frame:
        texts = raw.frame[str(mapping[WKT_FIELD])]
        geoms = np.array([_wkt(text) for text in texts], dtype=object)
    elif mapping.get(X_FIELD) in raw.frame and mapping.get(Y_FIELD) in raw.frame:
        xs = np.array([_number(v) for v in raw.frame[str(mapping[X_FIELD])]], dtype=float)
        ys = np.array([_number(v) for v in raw.frame[str(mapping[Y_FIELD])]], dtype=float)
        geoms = np.array(
            [
                shapely.Point(x, y) if np.isfinite(x) and np.isfinite(y) else None
                for x, y in zip(xs, ys, strict=True)
            ],
            dtype=object,
        )
    else:
        notes.append(
            Note(
                "Tabellen trenger en geometri: velg en geometrikolonne (WKT) eller to "
                "koordinatkolonner.",
                "The table needs a geometry: choose a geometry (WKT) column or two coordinate "
                "columns.",
                field="geometry",
                level="error",
            )
        )
        return gpd.GeoSeries([None] * n, crs=schema.CRS)
    for row, geom in enumerate(geoms, start=1):
        if geom is None or (isinstance(geom, shapely.Geometry) and geom.is_empty):
            notes.append(
                Note(
                    "Mangler geometri eller gyldige koordinater.",
                    "Missing geometry or valid coordinates.",
                    row=row,
                    field="geometry",
                    level="error",
                )
            )
    series = gpd.GeoSeries(geoms, crs=None)
    crs = _resolve_crs(series, crs, notes)
    if crs is None:
        return gpd.GeoSeries([None] * n, crs=schema.CRS)
    series = series.set_crs(crs, allow_override=True).to_crs(schema.CRS)
    series = _repair(series, table, notes)
    _check_inside(series, boundary, notes)
    return series


def _zone_of_each_row(
    frame: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, notes: list[Note]
) -> gpd.GeoDataFrame:
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        return frame
    points = frame.geometry.representative_point()
    found = gpd.sjoin(
        gpd.GeoDataFrame(geometry=points, crs=frame.crs),
        zones[["area_id", "geometry"]],
        how="left",
        predicate="within",
    )
    found = found[~found.index.duplicated(keep="first")]
    frame = frame.copy()
    frame["area_id"] = found["area_id"].astype(object).where(found["area_id"].notna(), None)
    notes.append(
        Note(
            "Fila har ingen sone; hver rad har fått levekårssonen den ligger i.",
            "The file has no zone; every row got the levekårssone it lies in.",
        )
    )
    return frame


def _resolve_crs(series: gpd.GeoSeries, crs: str | None, notes: list[Note]) -> str | None:
    valid = series[series.notna() & ~series.is_empty]
    if valid.empty:
        return schema.CRS
    centroids = valid.representative_point()
    xs, ys = centroids.x.to_numpy(), centroids.y.to_numpy()
    if crs is not None:
        try:
            crs = pyproj.CRS.from_user_input(crs).to_string()
        except CRSError:
            crs = None
    detected = detect_crs(xs, ys)
    if crs is not None and crs != "EPSG:4326" and not (detected and detected[0] == crs):
        notes.append(Note(f"Koordinatsystem fra fila: {crs}.", f"CRS from the file: {crs}."))
        return crs
    if detected is None:
        notes.append(
            Note(
                "Koordinatene passer ikke med noe kjent koordinatsystem i Trondheim "
                "(EPSG:4326, 25832/5972, 25833/5973). Oppgi koordinatsystemet i fila.",
                "The coordinates fit no known CRS around Trondheim (EPSG:4326, 25832/5972, "
                "25833/5973). State the CRS in the file.",
                field="geometry",
                level="error",
            )
        )
        return None
    found, swapped = detected
    nb, en = _CRS_NOTE[found]
    if crs is None:
        notes.append(
            Note(
                f"Fila oppgir ikke koordinatsystem; ut fra tallene er {nb} antatt.",
                f"The file states no CRS; from the numbers, {en} is assumed.",
                level="warning",
            )
        )
    elif crs != found:
        notes.append(
            Note(
                f"Fila oppgir {crs}, men tallene passer med {nb}; det er antatt.",
                f"The file states {crs}, but the numbers fit {en}; that is assumed.",
                level="warning",
            )
        )
    else:
        notes.append(Note(f"Koordinatsystem fra fila: {crs}.", f"CRS from the file: {crs}."))
    if swapped:
        series[:] = shapely.transform(series.to_numpy(), lambda c: c[:, ::-1])
        notes.append(
            Note(
                "Koordinatene sto i motsatt rekkefølge (bredde/lengde eller nord/øst byttet om); "
                "de er snudd.",
                "The coordinates were the wrong way round (latitude/longitude or north/east "
                "swapped); they have been swapped back.",
                level="warning",
            )
        )
    return found


def _repair(series: gpd.GeoSeries, table: str, notes: list[Note]) -> gpd.GeoSeries:
    wanted = {"Point"} if table in ("projects", "meeting_places", "grants") else None
    if table == "areas":
        wanted = {"Polygon", "MultiPolygon"}
    values = series.to_numpy().copy()
    for position, geom in enumerate(values):
        row = position + 1
        if geom is None or geom.is_empty:
            continue
        if not geom.is_valid:
            fixed = shapely.make_valid(geom)
            if fixed.geom_type == "GeometryCollection":
                polygons = [g for g in fixed.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
                fixed = shapely.union_all(polygons) if polygons else fixed
            if (
                fixed.is_valid
                and not fixed.is_empty
                and fixed.geom_type == geom.geom_type
                or (
                    fixed.geom_type in ("Polygon", "MultiPolygon")
                    and geom.geom_type in ("Polygon", "MultiPolygon")
                )
            ):
                values[position] = fixed
                notes.append(
                    Note(
                        "Ugyldig geometri er reparert (make_valid).",
                        "Invalid geometry was repaired (make_valid).",
                        row=row,
                        field="geometry",
                        level="warning",
                    )
                )
            else:
                values[position] = None
                notes.append(
                    Note(
                        "Ugyldig geometri som ikke kan repareres.",
                        "Invalid geometry that cannot be repaired.",
                        row=row,
                        field="geometry",
                        level="error",
                    )
                )
                continue
        if wanted and values[position].geom_type not in wanted:
            kind = "punkt" if "Point" in wanted else "flate"
            notes.append(
                Note(
                    f"Geometrien er {values[position].geom_type}; tabellen krever {kind}.",
                    f"The geometry is a {values[position].geom_type}; the table needs "
                    f"{'a point' if 'Point' in wanted else 'a polygon'}.",
                    row=row,
                    field="geometry",
                    level="error",
                )
            )
    return gpd.GeoSeries(values, crs=series.crs, index=series.index)


def _check_inside(
    series: gpd.GeoSeries, boundary: shapely.Geometry | None, notes: list[Note]
) -> None:
    area = boundary if boundary is not None else box(*TRONDHEIM_BOUNDS)
    area = shapely.buffer(area, 500.0)
    for position, geom in enumerate(series.to_numpy()):
        if geom is None or geom.is_empty:
            continue
        if not area.intersects(geom):
            point = geom.representative_point()
            notes.append(
                Note(
                    f"Ligger utenfor Trondheim ({point.x:.0f}, {point.y:.0f} i EPSG:25832).",
                    f"Lies outside Trondheim ({point.x:.0f}, {point.y:.0f} in EPSG:25832).",
                    row=position + 1,
                    field="geometry",
                    level="error",
                )
            )


def _convert(values: pd.Series, name: str, column: Any, notes: list[Note]) -> pd.Series:
    dtype = str(column.dtype)
    allowed = allowed_values(column)
    limits = _limits(column)
    out: list[Any] = []
    for position, raw_value in enumerate(values.tolist()):
        row = position + 1
        text = "" if raw_value is None else str(raw_value).strip()
        if text == "":
            if not column.nullable and dtype not in ("bool",):
                notes.append(_missing(row, name))
            out.append(False if dtype == "bool" else None)
            continue
        try:
            if allowed is not None:
                value: Any = _enum(text, allowed)
            elif dtype in ("bool", "boolean"):
                value = _bool(text)
            elif dtype in ("int64", "Int64"):
                value = _year(text) if name.endswith("year") else int(_number(text, strict=True))
            elif dtype.startswith("float"):
                value = _number(text, strict=True)
            else:
                value = text
        except _BadValueError as bad:
            notes.append(Note(bad.nb, bad.en, row=row, field=name, level="error"))
            out.append(None)
            continue
        if limits and isinstance(value, int | float) and not isinstance(value, bool):
            low, high = limits
            if (low is not None and value < low) or (high is not None and value > high):
                span = f"{low if low is not None else '…'}–{high if high is not None else '…'}"
                notes.append(
                    Note(
                        f"Verdien {text} er utenfor tillatt område ({span}).",
                        f"The value {text} is out of range ({span}).",
                        row=row,
                        field=name,
                        level="error",
                    )
                )
        out.append(value)
    if dtype == "bool":
        return pd.Series([bool(v) for v in out], index=values.index, dtype=bool)
    if dtype == "boolean":
        return pd.Series(out, index=values.index, dtype="boolean")
    if dtype == "Int64":
        return pd.Series(out, index=values.index, dtype="Int64")
    return pd.Series(out, index=values.index, dtype=object)


def _cross_checks(
    table: str,
    frame: pd.DataFrame,
    existing: pd.DataFrame | None,
    mode: str,
    notes: list[Note],
) -> None:
    key = history.key_column(table)
    if schema.TABLES[table].columns[key].unique and key in frame:
        seen: dict[str, int] = {}
        known = set() if existing is None or mode == "replace" else set(existing[key].astype(str))
        for position, value in enumerate(frame[key].tolist(), start=1):
            if value is None:
                continue
            text = str(value)
            if text in seen:
                notes.append(
                    Note(
                        f"«{text}» står også på rad {seen[text]}; id-en må være unik.",
                        f"'{text}' is also on row {seen[text]}; the id must be unique.",
                        row=position,
                        field=key,
                        level="error",
                    )
                )
            elif text in known:
                notes.append(
                    Note(
                        f"«{text}» finnes allerede i tabellen; velg «erstatt» eller en ny id.",
                        f"'{text}' is already in the table; choose 'replace' or a new id.",
                        row=position,
                        field=key,
                        level="error",
                    )
                )
            seen.setdefault(text, position)
    pairs = {"projects": ("start_year", "end_year"), "grants": ("amount_granted", "amount_applied")}
    if table in pairs:
        small, large = pairs[table]
        if table == "projects":
            small, large = large, small  # end_year must not be before start_year
        for position, (a, b) in enumerate(zip(frame[small], frame[large], strict=True), start=1):
            if a is not None and b is not None and a == a and b == b:
                bad = a < b if table == "projects" else a > b
                if bad:
                    notes.append(
                        Note(
                            f"«{small}» ({a}) passer ikke med «{large}» ({b}).",
                            f"'{small}' ({a}) does not fit '{large}' ({b}).",
                            row=position,
                            field=small,
                            level="error",
                        )
                    )


class _BadValueError(Exception):
    def __init__(self, nb: str, en: str) -> None:
        super().__init__(en)
        self.nb, self.en = nb, en


def _missing(row: int, name: str) -> Note:
    return Note(
        "Påkrevd felt mangler verdi.",
        "Required field has no value.",
        row=row,
        field=name,
        level="error",
    )


def allowed_values(column: Any) -> list[str] | None:
    for check in column.checks:
        if check.name == "isin":
            return list(check.statistics["allowed_values"])
    return None


def _limits(column: Any) -> tuple[float | None, float | None] | None:
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "in_range":
            return stats["min_value"], stats["max_value"]
        if check.name == "greater_than_or_equal_to":
            return stats["min_value"], None
    return None


def _enum(text: str, allowed: list[str]) -> str:
    if text in allowed:
        return text
    by_key = {_normalise(code): code for code in allowed}
    key = _normalise(text)
    if key in by_key:
        return by_key[key]
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.5)
    codes = ", ".join(allowed)
    if close:
        suggestion = by_key[close[0]]
        raise _BadValueError(
            f"Ukjent verdi «{text}»; mente du «{suggestion}»? Gyldige: {codes}.",
            f"Unknown value '{text}'; did you mean '{suggestion}'? Valid: {codes}.",
        )
    raise _BadValueError(
        f"Ukjent verdi «{text}». Gyldige: {codes}.", f"Unknown value '{text}'. Valid: {codes}."
    )


def _bool(text: str) -> bool:
    key = _normalise(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise _BadValueError(f"«{text}» er ikke ja/nei.", f"'{text}' is not yes/no.")


_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def _number(text: Any, strict: bool = False) -> float:
    """A number written with a decimal comma or point, and spaces as thousands separators."""
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if "," in cleaned and "." in cleaned:  # 1.234,5 or 1,234.5: the last one is the decimal
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    cleaned = cleaned.replace(",", ".")
    if _NUMBER.match(cleaned):
        return float(cleaned)
    if strict:
        raise _BadValueError(f"«{text}» er ikke et tall.", f"'{text}' is not a number.")
    return float("nan")


def _year(text: str) -> int:
    cleaned = text.strip()
    if re.fullmatch(r"\d{4}(\.0+)?", cleaned):
        return int(float(cleaned))
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(cleaned, pattern).year
        except ValueError:
            continue
    raise _BadValueError(
        f"«{text}» er ikke et årstall eller en dato (f.eks. 2026 eller 22.11.2026).",
        f"'{text}' is not a year or a date (e.g. 2026 or 2026-11-22).",
    )


def _wkt(text: str) -> shapely.Geometry | None:
    if not text.strip():
        return None
    try:
        return shapely.from_wkt(text)
    except shapely.errors.GEOSException:
        return None


def _normalise(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)
