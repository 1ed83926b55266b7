"""Summaries of a zone: population, projects by status, meeting places by type.

``zone_summary`` is the one builder of a zone's shared figures: the overview card shows it as
it is; the slides (geo.analysis.slides) and the profile (geo.analysis.profile) extend it with
what only they show. Pure functions over the store's tables, so a page only draws what they return.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.schema import Level

POPULATION = "befolkning"
ESTIMATE = "befolkning_estimert"  # the zone's own population, estimated (geo.build.population)


@dataclass(frozen=True)
class Population:
    """A population figure with the level and year it belongs to (often larger than the zone).

    ``estimated``: the zone's own figure, estimated from buildings, not counted by SSB."""

    value: float
    year: int
    level: str
    area_name: str
    estimated: bool = False


@dataclass(frozen=True)
class ZoneSummary:
    """The figures every view of a zone shares; a subclass adds what only its view needs."""

    area_id: str
    name: str
    is_focus: bool
    population: Population | None  # the zone's estimate; None: outside the map data
    population_context: Population | None  # SSB's count of the larger area around the zone
    projects_by_status: dict[str, int]
    projects_are_sample: bool
    places_by_type: dict[str, int]

    @property
    def n_projects(self) -> int:
        return sum(self.projects_by_status.values())

    @property
    def n_places(self) -> int:
        return sum(self.places_by_type.values())


def zone_summary(
    area_id: str,
    areas: pd.DataFrame,
    projects: pd.DataFrame,
    places: pd.DataFrame,
    values: pd.DataFrame,
) -> ZoneSummary:
    """Everything the overview card says about one levekårssone (``values``: the population)."""
    area = areas.set_index("area_id").loc[area_id]
    zone_projects = projects[projects["area_id"] == area_id]
    zone_places = places[places["area_id"] == area_id]
    return ZoneSummary(
        area_id=area_id,
        name=str(area["name"]),
        is_focus=bool(area["is_focus"]),
        population=zone_estimate(area_id, areas, values),
        population_context=latest_population(area_id, areas, values),
        projects_by_status=_counts(zone_projects["status"]),
        projects_are_sample=bool(zone_projects["is_sample"].any()),
        places_by_type=_counts(zone_places["place_type"]),
    )


def latest_population(area_id: str, areas: pd.DataFrame, values: pd.DataFrame) -> Population | None:
    """The newest population figure for the area or, failing that, for the nearest level above.

    Levekårssoner have no published population of their own in the sources; their delområde
    has (SSB). The returned figure says which level and area it is for.
    """
    by_id = areas.set_index("area_id")
    population = values[(values["indicator_id"] == POPULATION) & values["value"].notna()]
    current: str | None = area_id
    while current is not None and current in by_id.index:
        rows = population[population["area_id"] == current]
        if not rows.empty:
            newest = rows.loc[rows["year"].idxmax()]
            return Population(
                value=float(newest["value"]),
                year=int(newest["year"]),
                level=str(by_id.loc[current, "level"]),
                area_name=str(by_id.loc[current, "name"]),
            )
        parent = by_id.loc[current, "parent_id"]
        current = parent if isinstance(parent, str) else None
    return None


def zone_estimate(area_id: str, areas: pd.DataFrame, values: pd.DataFrame) -> Population | None:
    """The zone's newest estimated population, or None where it is not estimated (outside the
    building extract: the interface says so, and never falls back to a larger area's count)."""
    rows = values[
        (values["indicator_id"] == ESTIMATE)
        & (values["area_id"] == area_id)
        & values["value"].notna()
    ]
    if rows.empty:
        return None
    newest = rows.loc[rows["year"].idxmax()]
    area = areas.set_index("area_id").loc[area_id]
    return Population(
        value=float(newest["value"]),
        year=int(newest["year"]),
        level=str(area["level"]),
        area_name=str(area["name"]),
        estimated=True,
    )


def population_series(area_id: str, areas: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Population by year: the zone's estimate where there is one, else the count of the level
    that `latest_population` reports for this area."""
    estimate = values[(values["indicator_id"] == ESTIMATE) & (values["area_id"] == area_id)]
    if len(estimate):
        name = str(areas.set_index("area_id").loc[area_id, "name"])
        series = estimate[["year", "value"]].sort_values("year").reset_index(drop=True)
        return series.assign(area_name=name, level=Level.LEVEKARSSONE.value)
    figure = latest_population(area_id, areas, values)
    if figure is None:
        return pd.DataFrame(columns=["year", "value", "area_name", "level"])
    match = areas[(areas["name"] == figure.area_name) & (areas["level"] == figure.level)]
    rows = values[
        (values["indicator_id"] == POPULATION) & (values["area_id"] == match["area_id"].iloc[0])
    ]
    series = rows[["year", "value"]].sort_values("year").reset_index(drop=True)
    return series.assign(area_name=figure.area_name, level=figure.level)


def places_by_zone_and_type(places: pd.DataFrame, area_ids: list[str]) -> pd.DataFrame:
    """Counts of meeting places per zone and type, for the zones asked for."""
    chosen = places[places["area_id"].isin(area_ids)]
    counts = chosen.groupby(["area_id", "place_type"]).size().rename("count").reset_index()
    return counts.sort_values(["area_id", "count"], ascending=[True, False], ignore_index=True)


def focus_zone_ids(areas: pd.DataFrame) -> list[str]:
    zones = areas[(areas["level"] == Level.LEVEKARSSONE) & areas["is_focus"]]
    return zones.sort_values("name")["area_id"].tolist()


def _counts(column: pd.Series) -> dict[str, int]:
    return {str(key): int(count) for key, count in column.value_counts().sort_index().items()}
