"""The programme as data: enums and one pandera schema per table of the store.

Codes are stable ASCII identifiers; what a user reads comes from the catalog
(components/i18n), so renaming a label never touches the data.
"""

from __future__ import annotations

from enum import StrEnum

import pandas as pd
import pandera.pandas as pa
from pandera.engines.geopandas_engine import Geometry

CRS = "EPSG:25832"  # ETRS89 / UTM 32N: storage and every measurement
WEB_CRS = "EPSG:4326"  # only for the browser


class Level(StrEnum):
    LEVEKARSSONE = "levekarssone"
    DELOMRADE = "delomrade"
    BYDEL = "bydel"
    KOMMUNE = "kommune"


class Goal(StrEnum):
    """The programme's three goals (mål 1–3)."""

    STEDSUTVIKLING = "stedsutvikling"
    TJENESTEUTVIKLING = "tjenesteutvikling"
    LOKALSAMFUNNSUTVIKLING = "lokalsamfunnsutvikling"


class FocusArea(StrEnum):
    """The four innsatsområder of the state agreement (KDD/Husbanken 2024–2028)."""

    MULIGHETER = "muligheter"  # muligheter for alle og demokrati
    LOKALSAMFUNN = "lokalsamfunn"  # bygge lokalsamfunn
    BOMILJO = "bomiljo"  # gode bo- og nærmiljø
    FOU = "fou"  # forsknings-, utviklings- og innovasjonssamarbeid


class WorkLevel(StrEnum):
    NABOLAG = "nabolag"
    ORGANISASJON = "organisasjon"
    SYSTEM = "system"


class ProjectStatus(StrEnum):
    IDE = "ide"
    PLANLAGT = "planlagt"
    PAGAR = "pagar"
    AVSLUTTET = "avsluttet"
    I_DRIFT = "i_drift"  # videreført i drift


class Funding(StrEnum):
    KDD = "kdd"
    HUSBANKEN = "husbanken"
    KOMMUNE = "kommune"
    EU = "eu"  # e.g. ClimaGen
    ANNET = "annet"


class PlaceType(StrEnum):
    PARK = "park"
    LEKEPLASS = "lekeplass"
    BIBLIOTEK = "bibliotek"
    SKOLE = "skole"
    BARNEHAGE = "barnehage"
    KIRKE = "kirke"  # kirke/livssyn
    IDRETT = "idrett"
    UNGDOM = "ungdom"  # fritidsklubb/ungdom
    NABOLAGSHUS = "nabolagshus"  # nabolagshus/frivilligsentral
    KAFE = "kafe"  # kafé/annet


class Direction(StrEnum):
    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    NEUTRAL = "neutral"


class RiskArea(StrEnum):
    ORGANISATORISK = "organisatorisk"
    FINANSIELL_POLITISK = "finansiell_politisk"
    INTERESSENT = "interessent"
    GJENNOMFORING = "gjennomforing"


class GrantStatus(StrEnum):
    INNVILGET = "innvilget"
    AVSLATT = "avslatt"


class Unit(StrEnum):
    """An indicator's unit (labels enum.unit.<code>). Shares are in percent, 0–100."""

    PROSENT = "prosent"
    PERSONER = "personer"
    ANTALL = "antall"
    PER_1000 = "per_1000"  # per 1 000 residents
    PERSONER_BEREGNET = "personer_beregnet"  # persons, estimated: shown rounded, as "ca."

    @classmethod
    def of(cls, text: object) -> Unit | None:
        """The unit an indicator's free-text ``unit`` names, or None for one not known here."""
        try:
            return cls(str(text))
        except ValueError:
            return None

    @classmethod
    def _missing_(cls, value: object) -> Unit | None:
        # imported catalogs may spell the unit in English
        return {"percent": cls.PROSENT, "persons": cls.PERSONER}.get(str(value))


COUNT_UNITS = frozenset({Unit.PERSONER, Unit.ANTALL, Unit.PERSONER_BEREGNET})


class RiskStatus(StrEnum):
    """A risk's status. The register keeps the words of the municipality's ROS form, so the
    values are those words; the catalog labels each by its name: enum.risk_status.open."""

    OPEN = "Åpen"
    MONITORING = "Under oppfølging"
    CLOSED = "Lukket"


def values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


def _provenance() -> dict[str, pa.Column]:
    """Every row of every table says whether it is sample data and where it comes from."""
    return {
        "is_sample": pa.Column(bool),
        "source": pa.Column(str, pa.Check.str_length(min_value=1)),
    }


def _geometry(kind: str | None = None) -> pa.Column:
    checks = [pa.Check(lambda s: ~s.is_empty, element_wise=False, error="empty geometry")]
    if kind is not None:
        checks.append(
            pa.Check(lambda s: s.geom_type.isin(_KINDS[kind]), error=f"geometry must be {kind}")
        )
    return pa.Column(Geometry(crs=CRS), checks=checks, nullable=False)


_KINDS = {"point": ["Point"], "polygon": ["Polygon", "MultiPolygon"], "line": ["LineString"]}


def _enum(enum: type[StrEnum], nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.isin(values(enum)), nullable=nullable)


def _year(nullable: bool = False) -> pa.Column:
    # "Int64" (pandas' nullable integer) where a year may be missing: int64 cannot hold one
    dtype = "Int64" if nullable else int
    return pa.Column(dtype, pa.Check.in_range(1990, 2100), nullable=nullable, coerce=True)


def _criterion() -> pa.Column:
    """One of the five portfolio criteria: yes, no, or not assessed (missing)."""
    return pa.Column("boolean", nullable=True, coerce=True)


def _nonneg(dtype: type = float, nullable: bool = False) -> pa.Column:
    return pa.Column(dtype, pa.Check.ge(0), nullable=nullable, coerce=True)


def _text(nullable: bool = False) -> pa.Column:
    return pa.Column(str, nullable=nullable)


def _id() -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), unique=True)


AREAS = pa.DataFrameSchema(
    {
        "area_id": _id(),
        "level": _enum(Level),
        "name": _text(),
        "code": _text(nullable=True),
        "parent_id": _text(nullable=True),
        "is_focus": pa.Column(bool),
        "programme": _text(nullable=True),
        **_provenance(),
        "geometry": _geometry("polygon"),
    },
    name="areas",
    strict=True,
)

PROJECTS = pa.DataFrameSchema(
    {
        # required: a name, a status, and a zone (or a point the zone comes from); a register
        # may lack everything else, which is stored empty and shown as "ikke oppgitt"
        "project_id": _id(),
        "name": _text(),
        "description": _text(nullable=True),
        "area_id": _text(),
        "goal": _enum(Goal, nullable=True),
        "strategy": _text(nullable=True),
        "focus_area": _enum(FocusArea, nullable=True),
        "work_level": _enum(WorkLevel, nullable=True),
        "owner_unit": _text(nullable=True),
        "status": _enum(ProjectStatus),
        "start_year": _year(nullable=True),
        "end_year": _year(nullable=True),
        "budget_nok": _nonneg(nullable=True),
        "funding": _enum(Funding, nullable=True),
        "crit_anchored": _criterion(),
        "crit_lasting": _criterion(),
        "crit_local_resources": _criterion(),
        "crit_cross_service": _criterion(),
        "crit_whole_neighbourhood": _criterion(),
        "indicator_ids": _text(nullable=True),  # comma-separated indicator ids it should move
        "place_name": _text(nullable=True),  # the real place it is tied to, if any
        **_provenance(),
        "geometry": _geometry("point"),
    },
    checks=[
        pa.Check(
            lambda df: (df["end_year"] >= df["start_year"]).fillna(True).astype(bool),
            error="end_year < start_year",
        )
    ],
    name="projects",
    strict=True,
)

MEETING_PLACES = pa.DataFrameSchema(
    {
        "place_id": _id(),
        "name": _text(),
        "place_type": _enum(PlaceType, nullable=True),
        "indoor": pa.Column("boolean", nullable=True),
        "audience": _text(nullable=True),
        "opening_hours": _text(nullable=True),
        "universal_design": pa.Column("boolean", nullable=True),
        "owner": _text(nullable=True),
        "is_anchor": pa.Column(bool),
        "area_id": _text(nullable=True),  # the levekårssone it lies in, if any
        **_provenance(),
        "geometry": _geometry("point"),
    },
    name="meeting_places",
    strict=True,
)

GRANTS = pa.DataFrameSchema(
    {
        # required: the zone, the year and the amount granted; no coordinates needed (a grant
        # without a point is shown at its zone's centre)
        "grant_id": _id(),
        "area_id": _text(),
        "year": _year(),
        "organisation": _text(nullable=True),  # «Privatperson» for a private applicant
        "category": _text(nullable=True),
        "title": _text(nullable=True),
        "amount_applied": _nonneg(nullable=True),
        "amount_granted": _nonneg(),
        "status": _enum(GrantStatus, nullable=True),
        **_provenance(),
        "geometry": _geometry("point"),
    },
    checks=[
        pa.Check(
            lambda df: (
                (df["amount_granted"] <= df["amount_applied"]).fillna(True).astype(bool)
                | df["amount_applied"].isna()
            ),
            error="amount_granted > amount_applied",
        )
    ],
    name="grants",
    strict=True,
)

INDICATORS = pa.DataFrameSchema(
    {
        "indicator_id": _id(),
        "name_nb": _text(),
        "name_en": _text(),
        "goal": _enum(Goal),
        "unit": _text(),
        "direction": _enum(Direction),
        "definition_nb": _text(nullable=True),
        "definition_en": _text(nullable=True),
        "suppression_threshold": pa.Column(int, pa.Check.ge(0), coerce=True),
        **_provenance(),
    },
    name="indicators",
    strict=True,
)

INDICATOR_VALUES = pa.DataFrameSchema(
    {
        "indicator_id": _text(),
        "area_id": _text(),
        "year": _year(),
        "value": pa.Column(float, nullable=True, coerce=True),
        "numerator": _nonneg(nullable=True),
        "denominator": _nonneg(nullable=True),
        **_provenance(),
    },
    unique=["indicator_id", "area_id", "year"],
    name="indicator_values",
    strict=True,
)

TARGETS = pa.DataFrameSchema(
    {
        "target_id": _id(),
        "indicator_id": _text(),
        "area_id": _text(),
        "baseline_year": _year(),
        "baseline_value": pa.Column(float, coerce=True),
        "target_year": _year(),
        "target_value": pa.Column(float, coerce=True),
        **_provenance(),
    },
    name="targets",
    strict=True,
)

RISKS = pa.DataFrameSchema(
    {
        "risk_id": _id(),
        "risk_area": _enum(RiskArea),
        "title": _text(),
        "description": _text(nullable=True),
        "likelihood": pa.Column(int, pa.Check.in_range(1, 5), coerce=True),
        "consequence": pa.Column(int, pa.Check.in_range(1, 5), coerce=True),
        # "Int64" (pandas' nullable integer): plain int64 cannot hold a missing assessment
        "prev_likelihood": pa.Column("Int64", pa.Check.in_range(1, 5), nullable=True, coerce=True),
        "prev_consequence": pa.Column("Int64", pa.Check.in_range(1, 5), nullable=True, coerce=True),
        # a register may lack these: stored empty and shown as "ikke oppgitt"
        "owner": _text(nullable=True),
        "mitigation": _text(nullable=True),
        "status": _text(nullable=True),
        "area_id": _text(nullable=True),
        **_provenance(),
    },
    name="risks",
    strict=True,
)

# The programme's own tables, in the order they are written and validated.
TABLES: dict[str, pa.DataFrameSchema] = {
    schema.name: schema
    for schema in (
        AREAS,
        PROJECTS,
        MEETING_PLACES,
        GRANTS,
        INDICATORS,
        INDICATOR_VALUES,
        TARGETS,
        RISKS,
    )
}

# Reference layers: real context data shown on the map (base map, catchments, transit).
# Free-form columns, but always is_sample/source and a geometry in CRS.
REFERENCE_LAYERS = (
    "base_water",
    "base_parks",
    "base_landuse",
    "base_buildings",
    "base_streets",
    "base_place_labels",
    "place_names",  # the kiosk's search (geo.build.placenames)
    "school_catchments",
    "places_of_worship",
    "transit_stops",
    "walk_edges",
)

REFERENCE = pa.DataFrameSchema(
    {**_provenance(), "geometry": _geometry()},
    name="reference",
    strict=False,
)


def includes_sample(rows: pd.DataFrame) -> bool:
    """Whether rows include illustrative sample rows: what decides every sample mark of a table
    or layer, so the mark goes away once the kommune's own rows have replaced the sample."""
    return "is_sample" in rows.columns and bool(rows["is_sample"].fillna(False).astype(bool).any())


def has_geometry(table: str) -> bool:
    schema = TABLES.get(table)
    return schema is None or "geometry" in schema.columns
