"""Real indicators per levekårssone from the real data (not the sample), built by geo.build.

For the zones with a population estimate (geo.build.population), in the latest year each
source allows: access along the walking network to playgrounds and parks (OSM 2023, with the
2023 estimate), weekday departures near home per 1 000 residents (the January 2021 timetable,
with the 2021 estimate), meeting places per 1 000 residents (2023), and the change in the
estimated population 2015→2025. The share aged 67+ is added per bydel and kommune (FHI): SSB
publishes ages only that far down.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.analysis import access, dasymetric
from geo.analysis import network as walk
from geo.build.population import Estimate
from geo.build.sources import ATTRIBUTION
from geo.schema import Direction, Goal, Level, PlaceType

PLAY_PARK_DISTANCE_M = 300
STOP_DISTANCE_M = 400
OSM_YEAR = 2023
TIMETABLE_YEAR = 2021  # the timetable is of Tuesday 19 January 2021
CHANGE_FROM, CHANGE_TO = 2015, 2025

_ESTIMATE_NB = "Innbyggerne er beregnet per bygning (se «Innbyggere i sonen (beregnet)»)."
_ESTIMATE_EN = "Residents are estimated per building (see “Residents of the zone (estimated)”)."
_WALK_NB = (
    "Gangavstand langs gater og stier i OpenStreetMap 2023, fra bygningen til nærmeste punkt."
)
_WALK_EN = "Walking distance along the streets and paths of OpenStreetMap 2023, door to point."


def _spec(
    indicator_id: str,
    names: tuple[str, str],
    goal: Goal,
    unit: str,
    direction: Direction,
    definitions: tuple[str, str],
    source: str,
) -> dict[str, object]:
    return {
        "indicator_id": indicator_id,
        "name_nb": names[0],
        "name_en": names[1],
        "goal": goal.value,
        "unit": unit,
        "direction": direction.value,
        "definition_nb": definitions[0],
        "definition_en": definitions[1],
        "suppression_threshold": 0,
        "is_sample": False,
        "source": source,
    }


# One credit for OpenStreetMap 2023: the buildings and land use that spread the population, the
# walking network and the destinations all come from the same extract.
_OSM_SOURCE = (
    f"Beregnet fra {ATTRIBUTION['population_delomrade']} og bygninger, arealbruk, gangnett og "
    f"steder fra {ATTRIBUTION['osm_2023']}"
)

CATALOG = [
    _spec(
        "andel_lekeplass_300m",
        (
            "Andel bosatte innen 300 m gange fra lekeplass",
            "Residents within 300 m walk of a playground",
        ),
        Goal.STEDSUTVIKLING,
        "prosent",
        Direction.HIGHER_BETTER,
        (
            f"Andel av sonens beregnede innbyggere (2023) som bor innen 300 m gange fra en "
            f"lekeplass i OpenStreetMap. {_WALK_NB} {_ESTIMATE_NB}",
            f"Share of the zone's estimated residents (2023) living within 300 m walk of a "
            f"playground in OpenStreetMap. {_WALK_EN} {_ESTIMATE_EN}",
        ),
        _OSM_SOURCE,
    ),
    _spec(
        "andel_park_300m",
        ("Andel bosatte innen 300 m gange fra park", "Residents within 300 m walk of a park"),
        Goal.STEDSUTVIKLING,
        "prosent",
        Direction.HIGHER_BETTER,
        (
            f"Andel av sonens beregnede innbyggere (2023) som bor innen 300 m gange fra en park "
            f"(parkens punkt i OpenStreetMap; en stor park kan nås tidligere fra kanten). "
            f"{_WALK_NB} {_ESTIMATE_NB}",
            f"Share of the zone's estimated residents (2023) living within 300 m walk of a park "
            f"(the park's point in OpenStreetMap; a large park may be reached sooner at its "
            f"edge). {_WALK_EN} {_ESTIMATE_EN}",
        ),
        _OSM_SOURCE,
    ),
    _spec(
        "avganger_400m_per_1000",
        ("Avganger nær bosted per 1 000 innbyggere", "Departures near home per 1,000 residents"),
        Goal.STEDSUTVIKLING,
        "per_1000",
        Direction.HIGHER_BETTER,
        (
            "Avganger en hverdag (tirsdag 19. januar 2021, AtB-buss og -trikk) fra holdeplasser "
            "innen 400 m gange fra minst én bolig i sonen, per 1 000 beregnede innbyggere "
            "(2021). Januar 2021 var under koronapandemien; tog er ikke med. "
            f"{_WALK_NB} {_ESTIMATE_NB}",
            "Weekday departures (Tuesday 19 January 2021, AtB bus and tram) from stops within "
            "400 m walk of at least one home in the zone, per 1,000 estimated residents "
            "(2021). January 2021 fell in the COVID-19 pandemic; trains are not included. "
            f"{_WALK_EN} {_ESTIMATE_EN}",
        ),
        f"{ATTRIBUTION['transit']}; {_OSM_SOURCE}",
    ),
    _spec(
        "moteplasser_per_1000",
        ("Møteplasser per 1 000 innbyggere", "Meeting places per 1,000 residents"),
        Goal.LOKALSAMFUNNSUTVIKLING,
        "per_1000",
        Direction.HIGHER_BETTER,
        (
            "Møteplasser i sonen (alle typer på Møteplasser-siden: OpenStreetMap 2023, "
            "kommunale barnehager 2021, trossamfunn 2016) per 1 000 beregnede innbyggere "
            f"(2023). {_ESTIMATE_NB}",
            "Meeting places in the zone (every type on the Meeting places page: OpenStreetMap "
            "2023, municipal kindergartens 2021, places of worship 2016) per 1,000 estimated "
            f"residents (2023). {_ESTIMATE_EN}",
        ),
        f"{_OSM_SOURCE}; {ATTRIBUTION['kindergartens']}",
    ),
    _spec(
        "befolkningsendring_2015_2025",
        ("Befolkningsendring 2015–2025", "Population change 2015–2025"),
        Goal.LOKALSAMFUNNSUTVIKLING,
        "prosent",
        Direction.NEUTRAL,
        (
            "Endring i folketallet fra 1. januar 2015 til 1. januar 2025, i prosent av 2015. "
            "Soner: beregnet folketall. Bygningene er fra 2023 for begge år, så sonen følger "
            "utviklingen i delområdet sitt; nybygg etter 2015 er ikke skilt ut. "
            "Bydel og kommune: SSBs tall.",
            "Change in population from 1 January 2015 to 1 January 2025, in percent of 2015. "
            "Zones: estimated population. The buildings are those of 2023 for both years, so a "
            "zone follows its delområde; building after 2015 is not told apart. "
            "District and municipality: Statistics Norway's figures.",
        ),
        f"{ATTRIBUTION['population_estimate']}; {ATTRIBUTION['population_fhi']}",
    ),
    _spec(
        "andel_67_pluss",
        ("Andel 67 år og eldre", "Share aged 67 and over"),
        Goal.TJENESTEUTVIKLING,
        "prosent",
        Direction.NEUTRAL,
        (
            "Bosatte 67 år og eldre i prosent av alle bosatte 1. januar (SSB). Bare per bydel "
            "og for kommunen: SSB publiserer ikke alder for delområder eller soner.",
            "Residents aged 67 and over as a percentage of all residents on 1 January "
            "(Statistics Norway). Only per district and for the municipality: Statistics Norway "
            "publishes no ages for delområder or zones.",
        ),
        ATTRIBUTION["population_fhi"],
    ),
]


def build(
    estimate: Estimate,
    areas: gpd.GeoDataFrame,
    walk_edges: gpd.GeoDataFrame,
    meeting_places: gpd.GeoDataFrame,
    stops: gpd.GeoDataFrame,
    population: pd.DataFrame,
    agegroups: pd.DataFrame,
) -> pd.DataFrame:
    """indicator_values rows of every indicator in ``CATALOG``.

    ``population``: the real befolkning rows (bydel and kommune give the change there too);
    ``agegroups``: FHI's table with area_id added.
    """
    network = walk.build_network(walk_edges)
    homes_2023 = _homes(estimate, OSM_YEAR)
    homes_2021 = _homes(estimate, TIMETABLE_YEAR)
    persons = estimate.values.pivot(index="area_id", columns="year", values="value")
    parts = []
    for indicator_id, place_type in (
        ("andel_lekeplass_300m", PlaceType.LEKEPLASS),
        ("andel_park_300m", PlaceType.PARK),
    ):
        targets = meeting_places.loc[meeting_places["place_type"] == place_type, "geometry"]
        share = access.share_within(network, homes_2023, targets.to_numpy(), PLAY_PARK_DISTANCE_M)
        parts.append(_rows(indicator_id, OSM_YEAR, share.round(1)))
    departures = access.departures_within(network, homes_2021, stops, STOP_DISTANCE_M)
    parts.append(
        _rows(
            "avganger_400m_per_1000",
            TIMETABLE_YEAR,
            access.per_thousand(departures, persons[TIMETABLE_YEAR]).round(1),
        )
    )
    places = meeting_places["area_id"].value_counts()
    parts.append(
        _rows(
            "moteplasser_per_1000",
            OSM_YEAR,
            access.per_thousand(places, persons[OSM_YEAR]).round(1),
        )
    )
    official = population[
        (population["indicator_id"] == "befolkning")
        & population["area_id"].isin(
            areas.loc[areas["level"].isin([Level.BYDEL, Level.KOMMUNE]), "area_id"]
        )
    ].pivot(index="area_id", columns="year", values="value")
    for table in (persons, official):
        change = access.change_percent(table[CHANGE_FROM], table[CHANGE_TO])
        parts.append(_rows("befolkningsendring_2015_2025", CHANGE_TO, change.round(1)))
    parts.append(_age_share(agegroups, ["67-79", "80+"], "andel_67_pluss"))
    values = pd.concat(parts, ignore_index=True)
    values["is_sample"] = False
    sources = {str(spec["indicator_id"]): str(spec["source"]) for spec in CATALOG}
    values["source"] = values["indicator_id"].map(sources)
    return values.sort_values(["indicator_id", "area_id", "year"], ignore_index=True)


def _homes(estimate: Estimate, year: int) -> pd.DataFrame:
    """The estimated zones' residential buildings: zone_id, persons, geometry (a point)."""
    totals = estimate.totals[estimate.totals["year"] == year].set_index("del_id")["value"]
    persons = dasymetric.persons_per_building(estimate.weights, estimate.pieces, totals)
    zone_of = estimate.pieces["zone_id"].reindex(estimate.weights.index)
    keep = (persons > 0) & zone_of.isin(estimate.zone_ids).to_numpy()
    return pd.DataFrame(
        {
            "zone_id": zone_of[keep].to_numpy(),
            "persons": persons[keep],
            "geometry": access.points(estimate.weights.geometry[keep].to_numpy()),
        }
    )


def _rows(indicator_id: str, year: int, values: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "area_id": values.index.astype(str),
            "year": year,
            "value": values.to_numpy(dtype=float),
            "numerator": np.nan,
            "denominator": np.nan,
        }
    )


def _age_share(agegroups: pd.DataFrame, groups: list[str], indicator_id: str) -> pd.DataFrame:
    """A share of an age group per area and year (FHI: bydel and kommune), numerator/total."""
    chosen = agegroups[agegroups["agegroup"].isin(groups)]
    shares = chosen.groupby(["area_id", "calyear"], as_index=False).agg(
        numerator=("pop_jan1_n", "sum"), denominator=("total", "first")
    )
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "area_id": shares["area_id"],
            "year": shares["calyear"].astype(int),
            "value": (100 * shares["numerator"] / shares["denominator"]).round(1),
            "numerator": shares["numerator"].astype(float),
            "denominator": shares["denominator"].astype(float),
        }
    )
