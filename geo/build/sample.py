"""The illustrative sample: indicators, values, targets, projects, grants and risks.

No real zone-level figures, project list, grant list or risk register exist in the sources,
so these tables are generated from data/sources/sample/catalog.toml with a seeded random
generator. Every row is marked is_sample = true. Names, places and streets are real (so the
map makes sense); every number and every claim about them is generated.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.build.sources import SOURCES_DIR
from geo.schema import CRS, Direction, GrantStatus, ProjectStatus

CATALOG_PATH = SOURCES_DIR / "sample" / "catalog.toml"
COMPARISON_ZONE = "Saupstad"  # the earlier programme's zone: also worse than Trondheim
KOMMUNE_ID = "kom-5001"
ROAD_CLASSES = {"minor", "tertiary", "secondary", "primary", "trunk"}
_RNG_STREAMS = ("values", "projects", "grants", "risks")

Catalog = dict[str, Any]
Rng = np.random.Generator


def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def generate(
    seed: int,
    zones: gpd.GeoDataFrame,
    population: pd.DataFrame,
    meeting_places: gpd.GeoDataFrame,
    buildings: gpd.GeoDataFrame,
    streets: gpd.GeoDataFrame,
    place_labels: gpd.GeoDataFrame,
    catalog: Catalog | None = None,
) -> dict[str, pd.DataFrame]:
    """All sample tables for one seed.

    `zones`: the levekårssoner (area_id, name, parent_id, is_focus, geometry);
    `population`: befolkning per delområde (area_id, year, value), used only to size the
    sample's denominators.
    """
    catalog = catalog or load_catalog()
    source = catalog["sample_source"].format(seed=seed)
    rngs = {name: np.random.default_rng([seed, index]) for index, name in enumerate(_RNG_STREAMS)}
    focus = zones[zones["is_focus"]]
    places = {
        row.name: ZonePlaces.build(row.geometry, meeting_places, buildings, streets, place_labels)
        for row in focus.itertuples()
    }
    zone_ids = dict(zip(zones["name"], zones["area_id"], strict=True))
    values = sample_indicator_values(catalog, zones, population, rngs["values"], source)
    return {
        "indicators": sample_indicators(catalog, source),
        "indicator_values": values,
        "targets": sample_targets(catalog, values, focus, source),
        "projects": sample_projects(catalog, places, zone_ids, rngs["projects"], source),
        "grants": sample_grants(catalog, places, zone_ids, rngs["grants"], source),
        "risks": sample_risks(catalog, zone_ids, rngs["risks"], source),
    }


def sample_indicators(catalog: Catalog, source: str) -> pd.DataFrame:
    rows = [
        {
            "indicator_id": spec["id"],
            "name_nb": spec["name_nb"],
            "name_en": spec["name_en"],
            "goal": spec["goal"],
            "unit": "prosent",
            "direction": spec["direction"],
            "definition_nb": f"{catalog['disclaimer_nb']} {spec['definition_nb']}",
            "definition_en": f"{catalog['disclaimer_en']} {spec['definition_en']}",
            "suppression_threshold": spec.get("suppression_threshold", 5),
            "is_sample": True,
            "source": source,
        }
        for spec in catalog["indicators"]
    ]
    return pd.DataFrame(rows)


def sample_indicator_values(
    catalog: Catalog, zones: pd.DataFrame, population: pd.DataFrame, rng: Rng, source: str
) -> pd.DataFrame:
    """Shares in percent for every zone and for Trondheim (the sum of the zones)."""
    zones = zones.sort_values("area_id").reset_index(drop=True)
    zone_population = _zone_population(zones, population, catalog["register_years"], rng)
    worse_off = np.where(
        zones["is_focus"], 1.0, np.where(zones["name"] == COMPARISON_ZONE, 0.8, 0.0)
    )
    latent = rng.normal(size=len(zones))  # zones doing worse on one indicator do on others
    rows = []
    for spec in catalog["indicators"]:
        worse = 1.0 if spec["direction"] == Direction.LOWER_BETTER.value else -1.0
        own = rng.normal(size=len(zones))
        effect = np.where(
            worse_off > 0,
            spec["gap"] * worse_off * (1 + 0.15 * own),
            spec["spread"] * (0.7 * latent + 0.5 * own),
        )
        survey = spec["kind"] == "survey"
        years = catalog["survey_years"] if survey else catalog["register_years"]
        for year in years:
            recovery = spec["recovery"] * max(0, year - catalog["baseline_year"])
            share = spec["city"] + spec["trend"] * (year - years[0]) + worse * effect
            share = share - worse * recovery * (worse_off > 0)
            share = np.clip(share, 0.5, 99.5)
            if survey:
                denominator = _survey_sizes(zones, rng)
            else:
                base = zone_population[year] * spec["share_of_population"]
                denominator = np.maximum(1, np.round(base * rng.normal(1, 0.03, len(zones))))
            numerator = rng.binomial(denominator.astype(int), share / 100)
            for area_id, num, den in zip(zones["area_id"], numerator, denominator, strict=True):
                rows.append((spec["id"], area_id, year, num, den))
            rows.append((spec["id"], KOMMUNE_ID, year, numerator.sum(), denominator.sum()))
    values = pd.DataFrame(
        rows, columns=["indicator_id", "area_id", "year", "numerator", "denominator"]
    )
    values["numerator"] = values["numerator"].astype(float)
    values["denominator"] = values["denominator"].astype(float)
    values["value"] = (100 * values["numerator"] / values["denominator"]).round(1)
    values["is_sample"] = True
    values["source"] = source
    columns = ["indicator_id", "area_id", "year", "value", "numerator", "denominator"]
    return values[[*columns, "is_sample", "source"]]


def sample_targets(
    catalog: Catalog, values: pd.DataFrame, focus: pd.DataFrame, source: str
) -> pd.DataFrame:
    """Per focus zone and indicator: from the baseline halfway towards Trondheim's level."""
    baseline_year = catalog["baseline_year"]
    at_baseline = values[values["year"] == baseline_year].set_index(["indicator_id", "area_id"])
    rows = []
    for area_id in sorted(focus["area_id"]):
        for spec in catalog["indicators"]:
            if spec["direction"] == Direction.NEUTRAL.value:
                continue
            better = -1.0 if spec["direction"] == Direction.LOWER_BETTER.value else 1.0
            baseline = float(at_baseline.loc[(spec["id"], area_id), "value"])
            city = float(at_baseline.loc[(spec["id"], KOMMUNE_ID), "value"])
            step = max(0.5 * better * (city - baseline), 0.05 * baseline, 1.0)
            target = float(np.clip(round(baseline + better * step, 1), 0, 100))
            rows.append(
                {
                    "target_id": f"tgt-{area_id}-{spec['id']}",
                    "indicator_id": spec["id"],
                    "area_id": area_id,
                    "baseline_year": baseline_year,
                    "baseline_value": baseline,
                    "target_year": 2028 if spec["kind"] == "survey" else 2031,
                    "target_value": target,
                    "is_sample": True,
                    "source": source,
                }
            )
    return pd.DataFrame(rows)


@dataclass
class ZonePlaces:
    """Real things inside one focus zone that sample rows can be tied to."""

    polygon: shapely.Geometry
    named: dict[str, list[tuple[str, shapely.Point]]] = field(default_factory=dict)
    localities: list[tuple[str, shapely.Point]] = field(default_factory=list)
    streets: list[tuple[str, shapely.Point]] = field(default_factory=list)
    homes: list[shapely.Point] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        polygon: shapely.Geometry,
        meeting_places: gpd.GeoDataFrame,
        buildings: gpd.GeoDataFrame,
        streets: gpd.GeoDataFrame,
        place_labels: gpd.GeoDataFrame,
    ) -> ZonePlaces:
        zone = cls(polygon)
        inside = meeting_places[meeting_places.within(polygon)]
        for row in inside.sort_values("place_id").itertuples():
            if "(uten navn)" in row.name or (row.place_type == "idrett" and not row.is_anchor):
                continue
            zone.named.setdefault(row.place_type, []).append((row.name, row.geometry))
        labels = place_labels[place_labels.within(polygon)].sort_values("name")
        zone.localities = [(row.name, row.geometry) for row in labels.itertuples()]
        roads = streets[streets["osm_class"].isin(ROAD_CLASSES) & streets["name"].notna()]
        for name, edges in roads[roads.within(polygon)].groupby("name", sort=True):
            longest = edges.loc[edges["length_m"].idxmax(), "geometry"]
            zone.streets.append((str(name), longest.interpolate(0.5, normalized=True)))
        points = buildings[buildings.geom_type == "Polygon"].representative_point()
        zone.homes = [point for point in points[points.within(polygon)]]
        return zone

    def random_point(self, rng: Rng) -> shapely.Point:
        if self.homes:
            return self.homes[int(rng.integers(len(self.homes)))]
        west, south, east, north = self.polygon.bounds
        while True:
            point = shapely.Point(rng.uniform(west, east), rng.uniform(south, north))
            if self.polygon.contains(point):
                return point

    def options(self, place_type: str | None) -> list[tuple[str, shapely.Point]]:
        if place_type is None:
            return []
        if place_type == "locality":
            return self.localities
        if place_type == "street":
            return self.streets
        return self.named.get(place_type, [])


def sample_projects(
    catalog: Catalog,
    places: dict[str, ZonePlaces],
    zone_ids: dict[str, str],
    rng: Rng,
    source: str,
) -> gpd.GeoDataFrame:
    """30–50 projects spread over the focus zones, tied to real places where it fits."""
    now = catalog["reference_year"]
    zone_names = sorted(places)
    count = int(rng.integers(34, 47))
    used_names: set[str] = set()
    uses: dict[tuple[str, int], int] = {}
    rows: list[dict[str, Any]] = []
    for _attempt in range(50 * count):
        if len(rows) == count:
            break
        zone_name = zone_names[len(rows) % len(zone_names)]
        zone = places[zone_name]
        usable = [
            index
            for index, template in enumerate(catalog["projects"])
            if zone_name in template.get("zones", zone_names)
            and (template.get("place_type") is None or _options(zone, template))
        ]
        weights = np.array([1 / (1 + uses.get((zone_name, i), 0)) ** 3 for i in usable])
        index = int(rng.choice(usable, p=weights / weights.sum()))
        template = catalog["projects"][index]
        uses[(zone_name, index)] = uses.get((zone_name, index), 0) + 1
        options = _options(zone, template)
        place_name, point = (None, zone.random_point(rng))
        if options:
            place_name, point = options[int(rng.integers(len(options)))]
        name = template["name"].format(
            zone=zone_name, place=place_name, street=place_name, locality=place_name
        )
        if name in used_names:
            continue
        used_names.add(name)
        start = int(rng.choice(np.arange(2022, 2030), p=_START_YEAR_WEIGHTS))
        end = min(2031, start + int(rng.integers(0, 4)))
        low, high = template["budget"]
        criteria = rng.random(5) < 0.8
        rows.append(
            {
                "project_id": f"prj-{len(rows) + 1:03d}",
                "name": name,
                "description": template["description"],
                "area_id": zone_ids[zone_name],
                "goal": template["goal"],
                "strategy": template["strategy"],
                "focus_area": template["focus_area"],
                "work_level": template["work_level"],
                "owner_unit": str(rng.choice(template["owners"])).format(
                    place=place_name, **catalog["local_units"][zone_name]
                ),
                "status": _status(start, end, now, rng),
                "start_year": start,
                "end_year": end,
                "budget_nok": float(max(50_000, round(rng.uniform(low, high), -4))),
                "funding": str(rng.choice(template["funding"])),
                "crit_anchored": bool(criteria[0]),
                "crit_lasting": bool(criteria[1]),
                "crit_local_resources": bool(criteria[2]),
                "crit_cross_service": bool(criteria[3]),
                "crit_whole_neighbourhood": bool(criteria[4]),
                "indicator_ids": ",".join(template["indicators"]) or None,
                "place_name": place_name,
                "is_sample": True,
                "source": source,
                "geometry": point,
            }
        )
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs=CRS)


def sample_grants(
    catalog: Catalog,
    places: dict[str, ZonePlaces],
    zone_ids: dict[str, str],
    rng: Rng,
    source: str,
) -> gpd.GeoDataFrame:
    """Nabolagspotten: small grants to organisations (never persons) in the named zones."""
    spec = catalog["grants"]
    titles: dict[str, list[str]] = spec["titles"]
    categories = sorted(titles)
    rows = []
    for zone_name in spec["zones"]:
        zone = places[zone_name]
        organisations = _organisations(spec, zone, rng)
        for year in spec["years"]:
            low, high = spec["per_year"]
            for number in range(1, int(rng.integers(low, high + 1)) + 1):
                name, street, point = organisations[int(rng.integers(len(organisations)))]
                category = categories[int(rng.integers(len(categories)))]
                options = titles[category]
                title = options[int(rng.integers(len(options)))].format(street=street)
                applied = float(
                    rng.integers(spec["applied"][0] // 1000, spec["applied"][1] // 1000 + 1) * 1000
                )
                granted, status = _decide(applied, rng)
                rows.append(
                    {
                        "grant_id": f"npt-{year}-{zone_ids[zone_name]}-{number:02d}",
                        "area_id": zone_ids[zone_name],
                        "year": year,
                        "organisation": name,
                        "category": category,
                        "title": title,
                        "amount_applied": applied,
                        "amount_granted": granted,
                        "status": status,
                        "is_sample": True,
                        "source": source,
                        "geometry": point,
                    }
                )
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs=CRS)


def sample_risks(catalog: Catalog, zone_ids: dict[str, str], rng: Rng, source: str) -> pd.DataFrame:
    """The risk register, with the current assessment varied a little by the seed."""
    rows = []
    for number, risk in enumerate(catalog["risks"], start=1):
        previous = risk.get("previous", [None, None])
        likelihood, consequence = (
            int(np.clip(base + rng.choice([-1, 0, 0, 0, 1]), 1, 5))
            for base in (risk["likelihood"], risk["consequence"])
        )
        rows.append(
            {
                "risk_id": f"ros-{number:02d}",
                "risk_area": risk["risk_area"],
                "title": risk["title"],
                "description": risk["description"],
                "likelihood": likelihood,
                "consequence": consequence,
                "prev_likelihood": previous[0],
                "prev_consequence": previous[1],
                "owner": risk["owner"],
                "mitigation": risk["mitigation"],
                "status": risk["status"],
                "area_id": zone_ids[risk["zone"]] if "zone" in risk else None,
                "is_sample": True,
                "source": source,
            }
        )
    risks = pd.DataFrame(rows)
    for column in ("prev_likelihood", "prev_consequence"):
        risks[column] = risks[column].astype("Int64")
    return risks


# More projects start when the programme period begins (2026).
_START_YEAR_WEIGHTS = np.array([1, 1, 2, 2, 3, 2, 1, 1]) / 13


def _options(zone: ZonePlaces, template: dict[str, Any]) -> list[tuple[str, shapely.Point]]:
    """The real places a project template can be tied to in this zone."""
    options = zone.options(template.get("place_type"))
    contains = template.get("place_name_contains")
    return [option for option in options if contains is None or contains in option[0]]


def _status(start: int, end: int, now: int, rng: Rng) -> str:
    """A status that agrees with the years: finished only if it ended before `now`."""
    if end < now:
        done = [ProjectStatus.AVSLUTTET, ProjectStatus.AVSLUTTET, ProjectStatus.I_DRIFT]
        return done[int(rng.integers(len(done)))].value
    if start <= now:
        return ProjectStatus.PAGAR.value
    if start == now + 1:
        return ProjectStatus.PLANLAGT.value
    return [ProjectStatus.PLANLAGT, ProjectStatus.IDE][int(rng.integers(2))].value


def _decide(applied: float, rng: Rng) -> tuple[float, str]:
    draw = rng.random()
    if draw < 0.15:
        return 0.0, GrantStatus.AVSLATT.value
    if draw < 0.55:
        return float(
            max(1000, round(applied * rng.uniform(0.4, 0.9), -3))
        ), GrantStatus.INNVILGET.value
    return applied, GrantStatus.INNVILGET.value


def _organisations(
    spec: dict[str, Any], zone: ZonePlaces, rng: Rng
) -> list[tuple[str, str, shapely.Point]]:
    """Made-up organisation names from real street and place names, each with a home."""
    organisations: dict[str, tuple[str, str, shapely.Point]] = {}
    patterns = spec["organisation_patterns"]
    attempts = 0
    while len(organisations) < spec["organisations_per_zone"] and attempts < 500:
        attempts += 1
        pattern = patterns[int(rng.integers(len(patterns)))]
        street, street_point = zone.streets[int(rng.integers(len(zone.streets)))]
        locality, locality_point = (
            zone.localities[int(rng.integers(len(zone.localities)))]
            if zone.localities
            else (street, street_point)
        )
        name = pattern.format(street=street, locality=locality)
        anchor = street_point if "{street}" in pattern else locality_point
        organisations.setdefault(name, (name, street, _nearest_home(zone, anchor, rng)))
    return [organisations[name] for name in sorted(organisations)]


def _nearest_home(zone: ZonePlaces, anchor: shapely.Point, rng: Rng) -> shapely.Point:
    """One of the five buildings nearest to `anchor` inside the zone."""
    if not zone.homes:
        return anchor
    distances = np.array([anchor.distance(home) for home in zone.homes])
    nearest = np.argsort(distances, kind="stable")[:5]
    return zone.homes[int(nearest[int(rng.integers(len(nearest)))])]


def _survey_sizes(zones: pd.DataFrame, rng: Rng) -> np.ndarray:
    """Respondents per zone: many in the focus zones (place analyses), few elsewhere."""
    focus = rng.integers(180, 321, len(zones))
    comparison = rng.integers(60, 121, len(zones))
    other = rng.integers(4, 61, len(zones))
    sizes = np.where(
        zones["is_focus"], focus, np.where(zones["name"] == COMPARISON_ZONE, comparison, other)
    )
    return sizes.astype(float)


def _zone_population(
    zones: pd.DataFrame, population: pd.DataFrame, years: list[int], rng: Rng
) -> dict[int, np.ndarray]:
    """A made-up population per zone and year: the delområde's real population shared out
    over its zones by area (with noise). Used only to size sample denominators."""
    weights = zones.geometry.area.to_numpy() * rng.lognormal(0, 0.35, len(zones))
    parent = zones["parent_id"].to_numpy()
    shares = weights / pd.Series(weights).groupby(parent).transform("sum").to_numpy()
    table = population.pivot_table(index="area_id", columns="year", values="value")
    table = table.reindex(columns=sorted(set(table.columns) | set(years))).bfill(axis=1)
    return {year: shares * table[year].reindex(parent).fillna(1000).to_numpy() for year in years}
