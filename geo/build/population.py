"""The estimated population per levekårssone (``befolkning_estimert``), 2002–2025.

SSB's delområde totals spread over the OpenStreetMap 2023 buildings (geo.analysis.dasymetric),
for the zones whose delområder lie wholly inside the building extract. Other zones get no row:
the interface says "ikke beregnet (utenfor kartgrunnlaget)" for them, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.analysis import dasymetric
from geo.build.sources import ATTRIBUTION
from geo.schema import Direction, Goal, Level

ESTIMATE_ID = "befolkning_estimert"

CATALOG = {
    "indicator_id": ESTIMATE_ID,
    "name_nb": "Innbyggere i sonen (beregnet)",
    "name_en": "Residents of the zone (estimated)",
    "goal": Goal.LOKALSAMFUNNSUTVIKLING.value,
    "unit": "personer_beregnet",  # persons, estimated
    "direction": Direction.NEUTRAL.value,
    "definition_nb": "Beregnet antall bosatte 1. januar i levekårssonen. SSB teller bare per "
    "delområde, som er større enn sonene; delområdets folketall er fordelt på boligarealet i "
    "bygningene (grunnflate × etasjer, vektet etter arealbruk) fra OpenStreetMap 2023, og "
    "sonen får det som faller på dens bygninger. Summen for et delområde er SSBs tall. "
    "Bygningene er fra 2023 for alle år. Bare for soner der hele delområdet er i kartgrunnlaget.",
    "definition_en": "Estimated number of residents on 1 January in the living-conditions zone. "
    "Statistics Norway counts only per delområde, which is larger than the zones; the "
    "delområde's population is spread over the residential floor space of the OpenStreetMap "
    "2023 buildings (footprint × storeys, weighted by land use), and the zone gets what falls "
    "on its buildings. A delområde's zones add up to SSB's figure. The buildings are those of "
    "2023 for every year. Only for zones whose delområder lie wholly inside the map data.",
    "suppression_threshold": 0,
    "is_sample": False,
    "source": ATTRIBUTION["population_estimate"],
}


@dataclass(frozen=True)
class Estimate:
    """The estimate and what the access indicators need of it."""

    values: pd.DataFrame  # indicator_values rows of befolkning_estimert
    weights: gpd.GeoDataFrame  # dasymetric.building_weights
    pieces: pd.DataFrame  # dasymetric.pieces: del_id, zone_id, weight (index = weights')
    zone_ids: list[str]  # the zones estimated
    totals: pd.DataFrame  # del_id, year, value: SSB per covered delområde


def estimate(
    areas: gpd.GeoDataFrame,
    population: pd.DataFrame,
    buildings: gpd.GeoDataFrame,
    landuse: gpd.GeoDataFrame,
    extent: object,
) -> Estimate:
    """``population``: the real ``befolkning`` rows; ``landuse``: OSM landuse polygons."""
    dels = areas[areas["level"] == Level.DELOMRADE.value]
    zones = areas[areas["level"] == Level.LEVEKARSSONE.value]
    weights = dasymetric.building_weights(buildings, landuse)
    covered = dasymetric.covered_delomrader(dels, extent)
    pieces = dasymetric.pieces(weights, dels, zones)
    zone_ids = dasymetric.covered_zones(zones, extent, covered, pieces)
    totals = population[
        (population["indicator_id"] == "befolkning") & population["area_id"].isin(covered)
    ]
    totals = totals.rename(columns={"area_id": "del_id"})[["del_id", "year", "value"]]
    per_zone = dasymetric.estimate(pieces, totals, zone_ids)
    values = pd.DataFrame(
        {
            "indicator_id": ESTIMATE_ID,
            "area_id": per_zone["area_id"],
            "year": per_zone["year"].astype(int),
            "value": per_zone["value"].astype(float),
            "numerator": float("nan"),
            "denominator": float("nan"),
            "is_sample": False,
            "source": ATTRIBUTION["population_estimate"],
        }
    )
    return Estimate(values, weights, pieces, zone_ids, totals.reset_index(drop=True))
