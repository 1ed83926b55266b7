"""The fields a file can fill, per table: labels, the names registers use for them, which are
required, and the suggested pairing of a file's columns with fields.

Labels are the ones the Data page shows (components/i18n/locales/*/data.toml, [data.fields]),
read here as data so a field has one label everywhere; geo never imports the interface.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from geo import schema

MODES = ("append", "upsert", "replace")
X_FIELD, Y_FIELD, WKT_FIELD = "_x", "_y", "_wkt"  # pseudo-fields: where geometry comes from
_LOCALES = Path(__file__).resolve().parents[2] / "components" / "i18n" / "locales"
_GEOMETRY_LABELS = {  # as a planner heads the columns; lengdegrad/breddegrad are synonyms
    X_FIELD: ("Øst", "East"),
    Y_FIELD: ("Nord", "North"),
    WKT_FIELD: ("Geometri (WKT)", "Geometry (WKT)"),
    "geometry": ("Plassering", "Location"),
}
_AREA_ID_OWN = ("Område-id", "Area id")  # area_id in the areas table: the area's own id

# What the model cannot do without, per table. Everything else may be missing: it is stored
# empty and shown as "ikke oppgitt" / "not given". A location may come from the zone (projects,
# grants) or a zone from the location (geometry.py, zones.py).
REQUIRED: dict[str, tuple[str, ...]] = {
    "areas": ("area_id", "level", "name"),
    "projects": ("name", "status"),
    "meeting_places": ("name",),
    "grants": ("area_id", "year", "amount_granted"),
    # the threshold below which counts are hidden: never guessed, so always stated (0: none)
    "indicators": (
        "indicator_id",
        "name_nb",
        "name_en",
        "goal",
        "unit",
        "direction",
        "suppression_threshold",
    ),
    "indicator_values": ("indicator_id", "area_id", "year"),
    "targets": ("indicator_id", "area_id", "baseline_year", "baseline_value", "target_year"),
    "risks": ("title", "risk_area", "likelihood", "consequence"),
}
REQUIRED["targets"] += ("target_value",)

# Names registers use for a field, compared normalised (lower case, æøå folded, no spaces or
# signs), besides the field's own name and its label.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("navn", "prosjektnavn", "prosjekt", "tiltak", "tittel", "moteplass", "stedsnavn"),
    "description": ("beskrivelse", "omtale", "innhold", "kortbeskrivelse"),
    "area_id": (
        "sone",
        "levekarssone",
        "levekarsone",
        "zone",
        "omrade",
        "omradeid",
        "soneid",
        "sonenavn",
        "delomrade",
        "satsingsomrade",
        "geografi",
        "soneomradeid",  # the label of earlier templates: "Sone/område-id"
        "zoneareaid",
    ),
    "place_type": ("type", "kategori", "category", "moteplasstype", "stedstype", "typested"),
    "indoor": ("innendors", "inne", "ute/inne"),
    "audience": ("malgruppe", "for", "brukere"),
    "opening_hours": ("apningstider", "apningstid", "hours", "apent"),
    "universal_design": ("universellutforming", "uu", "universeltutformet", "tilgjengelig"),
    "owner": ("eier", "driver", "drives av", "ansvarlig"),
    "is_anchor": ("ankerinstitusjon", "anchor", "anker"),
    "goal": ("mal", "malomrade", "hovedmal", "programmal"),
    "strategy": ("strategi", "delmal"),
    "focus_area": ("innsatsomrade", "innsats"),
    "work_level": ("niva", "arbeidsniva"),
    "owner_unit": (
        "ansvarligenhet",
        "eierenhet",
        "ansvarlig",
        "enhet",
        "eier",
        "eierilinjen",
        "prosjekteier",
    ),
    "status": ("status", "fase", "tilstand", "vedtak", "resultat"),
    "start_year": ("oppstart", "start", "startar", "startdato", "fra", "oppstartsar", "startaar"),
    "end_year": ("avslutning", "slutt", "sluttar", "sluttdato", "til", "ferdig", "sluttaar"),
    "budget_nok": ("budsjett", "budsjettkr", "budget", "kostnad", "ramme", "belop", "budsjettnok"),
    "funding": ("finansiering", "finansieringskilde", "finansiertav", "kilde for midler"),
    "place_name": ("sted", "adresse", "lokalitet"),
    "year": ("ar", "aar", "vedtaksdato", "vedtaksar", "soknadsar", "dato"),
    "organisation": ("soker", "sokar", "organisasjon", "lagforening", "applicant", "mottaker"),
    "category": ("kategori", "formal", "tema"),
    "title": ("tittel", "prosjekttittel", "tiltak", "aktivitet", "navnpatiltak"),
    "amount_applied": ("sokt", "soktbelop", "omsoktbelop", "applied", "soktkr"),
    "amount_granted": ("innvilget", "innvilgetbelop", "granted", "tildelt", "innvilgetkr"),
    "source": ("kilde",),
    "indicator_id": ("indikator", "indikatorid", "indicator"),
    "value": ("verdi",),
    "numerator": ("teller",),
    "denominator": ("nevner",),
    "likelihood": ("sannsynlighet",),
    "suppression_threshold": ("skjermingsgrense", "skjerming", "prikkegrense", "prikking"),
    "consequence": ("konsekvens",),
    "mitigation": ("tiltak", "risikoreduserendetiltak"),
    "level": ("niva", "nivaa"),
    "code": ("kode", "nummer", "sonenummer"),
    "is_sample": ("eksempel", "eksempeldata", "sample"),
    WKT_FIELD: ("wkt", "geometri", "geometry", "geom", "thegeom"),
    X_FIELD: (
        "lon",
        "lng",
        "long",
        "longitude",
        "lengdegrad",
        "x",
        "ost",
        "east",
        "easting",
        "ostkoordinat",
        "ostlengdegradx",  # earlier templates: "Øst / lengdegrad (x)"
        "eastlongitudex",
    ),
    Y_FIELD: (
        "lat",
        "latitude",
        "breddegrad",
        "y",
        "nord",
        "north",
        "northing",
        "nordkoordinat",
        "nordbreddegrady",  # earlier templates: "Nord / breddegrad (y)"
        "northlatitudey",
    ),
}
# Columns that name a row: a table's id field takes any of these.
ID_NAMES = (
    "id",
    "nr",
    "nummer",
    "lopenr",
    "saksnummer",
    "saksnr",
    "soknadsnr",
    "prosjektnr",
    "refnr",
)


def normalise(text: str) -> str:
    """Lower case, æøå folded to ascii, everything but letters and digits dropped."""
    text = str(text).lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


def id_field(table: str) -> str | None:
    """The table's own id field (project_id, place_id, …), or None (indicator_values)."""
    for name, column in schema.TABLES[table].columns.items():
        if column.unique:
            return str(name)
    return None


def target_fields(table: str) -> list[str]:
    """The fields a file can fill: the table's columns, and where geometry comes from."""
    columns = [str(c) for c in schema.TABLES[table].columns if c not in ("geometry",)]
    return [*columns, WKT_FIELD, X_FIELD, Y_FIELD] if schema.has_geometry(table) else columns


def allowed_values(table: str, name: str) -> list[str] | None:
    """The codes a field of a closed set may hold (its schema's isin check), or None."""
    column = schema.TABLES[table].columns.get(name)
    for check in [] if column is None else column.checks:
        if check.name == "isin":
            return [str(v) for v in check.statistics["allowed_values"]]
    return None


def required(table: str) -> tuple[str, ...]:
    return REQUIRED[table]


def field_label(name: str, lang: str, table: str | None = None) -> str:
    """The field's label as the Data page shows it. area_id is the zone a row belongs to
    ("Levekårssone"), except in the areas table, where it is the area's own id."""
    if name in _GEOMETRY_LABELS:
        nb, en = _GEOMETRY_LABELS[name]
        return nb if lang == "nb" else en
    if (table, name) == ("areas", "area_id"):
        return _AREA_ID_OWN[0] if lang == "nb" else _AREA_ID_OWN[1]
    return _labels(lang).get(name, name)


def labels(name: str, table: str | None = None) -> tuple[str, str]:
    return field_label(name, "nb", table), field_label(name, "en", table)


def _labels(lang: str) -> dict[str, str]:
    return _catalog(lang, "data.toml")["data"]["fields"]


def suggest_mapping(columns: Sequence[str], table: str) -> dict[str, str | None]:
    """For every target field, the file column that most likely holds it (or None).

    Exact names first (the field, its labels, its synonyms; an id-like column for the id
    field), then close spellings; a column is given to one field only.
    """
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(normalise(column), column)
    taken: set[str] = set()
    mapping: dict[str, str | None] = {f: None for f in target_fields(table)}
    own_id = id_field(table)
    for target in mapping:
        names = [target, *labels(target, table), *SYNONYMS.get(target, ())]
        if target == own_id:
            names = [*names, *ID_NAMES, f"{table.rstrip('s')}id"]
        for candidate in names:
            found = by_key.get(normalise(candidate))
            if found is not None and found not in taken:
                mapping[target] = found
                taken.add(found)
                break
    for target in mapping:
        if mapping[target] is not None or target.startswith("_"):
            continue
        free = [k for k, c in by_key.items() if c not in taken]
        close = difflib.get_close_matches(
            normalise(field_label(target, "nb", table)), free, n=1, cutoff=0.85
        )
        close = close or difflib.get_close_matches(normalise(target), free, n=1, cutoff=0.85)
        if close:
            mapping[target] = by_key[close[0]]
            taken.add(by_key[close[0]])
    return mapping


_ENUM_SECTIONS = {
    "ProjectStatus": "status",
    "Goal": "goal",
    "FocusArea": "focus_area",
    "PlaceType": "place_type",
    "WorkLevel": "work_level",
    "Funding": "funding",
    "Direction": "direction",
    "RiskArea": "risk_area",
    "GrantStatus": "grant_status",
}


def enum_labels(enum: str, lang: str) -> dict[str, str]:
    """{code: label} for one closed set, as the pages show it (empty when it has no labels)."""
    section = _ENUM_SECTIONS.get(enum)
    if section is None:
        return {}
    return dict(_catalog(lang, "common.toml")["enum"].get(section, {}))


def history_kind_label(kind: str, lang: str) -> str:
    """What a change set in the history was ("Import (oppdatert)"), as the Data page says it."""
    return str(_catalog(lang, "data.toml")["data"]["history_kind"].get(kind, kind))


@functools.cache
def _catalog(lang: str, file: str) -> dict[str, dict[str, dict[str, str]]]:
    with open(_LOCALES / lang / file, "rb") as handle:
        return tomllib.load(handle)
