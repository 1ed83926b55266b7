"""Real social meeting places from OpenStreetMap and Trondheim kommune's kindergarten list.

OpenMapTiles POI classes (and a few name patterns) are mapped to the model's PlaceType;
the municipal kindergartens and the 2016 OSM places of worship are added, and the same
place seen in two sources is kept once with both sources named in `source`.
Nothing is invented: audience, opening hours, universal design and owner stay empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

import geopandas as gpd
import pandas as pd
import shapely

from geo.build.sources import ATTRIBUTION
from geo.schema import CRS, PlaceType

# The padded OSM box (lon 10.36–10.46, lat 63.395–63.45) that every OSM file is cut to;
# other sources are cut to it too, so every type of place covers the same ground.
OSM_BOX_LONLAT = (10.36, 63.395, 10.46, 63.45)

NEAR_M = 60.0  # same place if this close and the names agree (or one has no name)
SAME_NAME_M = 250.0  # same place if this close and the names are the same


@dataclass(frozen=True)
class Rule:
    """How one kind of source feature becomes a meeting place."""

    place_type: PlaceType
    indoor: bool | None
    is_anchor: bool
    unnamed: str | None  # name to use when the source has none; None: skip unnamed ones


_LEKEPLASS = Rule(PlaceType.LEKEPLASS, False, False, "Lekeplass (uten navn)")
_BARNEHAGE = Rule(PlaceType.BARNEHAGE, True, True, "Barnehage (uten navn)")
_KIRKE = Rule(PlaceType.KIRKE, True, True, "Kirke/livssynshus (uten navn)")
_NABOLAGSHUS = Rule(PlaceType.NABOLAGSHUS, True, True, None)
_UNGDOM = Rule(PlaceType.UNGDOM, True, False, None)

# OpenMapTiles (class, subclass) → rule. Bookshops (library/books), town halls and
# courthouses are not meeting places; pitches are outdoor places, not institutions.
POI_RULES: dict[tuple[str, str], Rule] = {
    ("leisure", "playground"): _LEKEPLASS,
    ("park", "park"): Rule(PlaceType.PARK, False, False, "Park (uten navn)"),
    ("library", "library"): Rule(PlaceType.BIBLIOTEK, True, True, None),
    ("school", "school"): Rule(PlaceType.SKOLE, True, True, "Skole (uten navn)"),
    ("school", "kindergarten"): _BARNEHAGE,
    ("amenity", "place_of_worship"): _KIRKE,
    ("leisure", "sports_centre"): Rule(PlaceType.IDRETT, True, True, "Idrettshall (uten navn)"),
    ("leisure", "pitch"): Rule(PlaceType.IDRETT, False, False, "Idrettsbane (uten navn)"),
    ("stadium", "stadium"): Rule(PlaceType.IDRETT, False, True, "Stadion (uten navn)"),
    ("stadium", "soccer"): Rule(PlaceType.IDRETT, False, True, "Fotballbane (uten navn)"),
    ("leisure", "swimming_pool"): Rule(PlaceType.IDRETT, None, True, "Svømmebasseng (uten navn)"),
    ("leisure", "ice_rink"): Rule(PlaceType.IDRETT, None, True, "Skøytebane (uten navn)"),
    ("swimming", "swimming"): Rule(PlaceType.IDRETT, None, True, None),
    ("town_hall", "community_centre"): _NABOLAGSHUS,
    ("cafe", "cafe"): Rule(PlaceType.KAFE, True, False, None),
}

# Names that say more than the OSM class does; checked first, whatever the class.
NAME_RULES: tuple[tuple[re.Pattern[str], Rule], ...] = (
    (
        re.compile(r"frivillighetssentral|frivilligsentral|bydelshus|nabolagshus", re.I),
        _NABOLAGSHUS,
    ),
    (re.compile(r"verkstedhallen|aktivitetshus", re.I), _NABOLAGSHUS),
    (re.compile(r"ungdomsklubb|fritidsklubb|ungdomshus|\bUKM\b|\bUFFA\b", re.I), _UNGDOM),
)

# Words that say what a place is rather than which one it is; ignored when comparing names.
_GENERIC_WORDS = {
    "barnehage", "barnehager", "barnehagen", "bhg", "kindergarten", "kirke", "kirka",
    "kirken", "skole", "skolen", "lekeplass", "park", "parken", "as", "sa", "i", "og",
    "trondheim",
}  # fmt: skip


def classify_poi(osm_class: str | None, osm_subclass: str | None, name: str | None) -> Rule | None:
    """The meeting-place rule for one OpenMapTiles POI, or None if it is not one."""
    if name:
        for pattern, rule in NAME_RULES:
            if pattern.search(name):
                return rule
    by_class = POI_RULES.get((osm_class or "", osm_subclass or ""))
    if by_class is None or (not name and by_class.unnamed is None):
        return None
    return by_class


def build_meeting_places(
    pois: gpd.GeoDataFrame,
    kindergartens: gpd.GeoDataFrame,
    worship_2016: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """The meeting_places table (schema MEETING_PLACES) from the three real sources.

    `zones` are the levekårssoner with `area_id`; each place gets the zone it lies in.
    """
    candidates = pd.concat(
        [
            _from_kindergartens(kindergartens),
            _from_pois(pois),
            _from_worship(worship_2016),
        ],
        ignore_index=True,
    )
    candidates = gpd.GeoDataFrame(candidates, geometry="geometry", crs=CRS)
    candidates = candidates[candidates.within(osm_box())].reset_index(drop=True)
    places = deduplicate(candidates)
    places["name"] = places["name"].fillna(places["unnamed_label"])
    places["area_id"] = _zone_of(places, zones)
    places["audience"] = None
    places["opening_hours"] = None
    places["owner"] = None
    places["is_sample"] = False
    places["indoor"] = places["indoor"].astype("boolean")
    places["universal_design"] = places["universal_design"].astype("boolean")
    places["is_anchor"] = places["is_anchor"].astype(bool)
    columns = [
        "place_id", "name", "place_type", "indoor", "audience", "opening_hours",
        "universal_design", "owner", "is_anchor", "area_id", "is_sample", "source", "geometry",
    ]  # fmt: skip
    places = places.sort_values("place_id").reset_index(drop=True)
    return gpd.GeoDataFrame(places[columns], geometry="geometry", crs=CRS)


def deduplicate(candidates: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Keep one row per real place; earlier rows (higher priority) win.

    Rows are duplicates when they have the same place_type and either lie within
    SAME_NAME_M with the same name, or within NEAR_M with similar names (or one unnamed,
    when they come from different sources). The kept row's `source` lists all sources.
    Expects columns name, place_type, source_key, source, geometry.
    """
    kept: list[dict] = []
    kept_points: list[shapely.Point] = []
    for row in candidates.to_dict("records"):
        row["name"] = _text(row["name"])
        best, best_key = None, (0.0, 0.0)
        for index, other in enumerate(kept):
            if other["place_type"] != row["place_type"]:
                continue
            distance = row["geometry"].distance(kept_points[index])
            if distance > SAME_NAME_M:
                continue
            score = name_similarity(row["name"], other["name"])
            if other["source_key"] == row["source_key"]:
                duplicate = score >= 3 and distance <= NEAR_M
            else:
                duplicate = (score >= 3 and distance <= SAME_NAME_M) or (
                    score >= 0.5 and distance <= NEAR_M
                )
            if duplicate and (score, -distance) > best_key:
                best, best_key = index, (score, -distance)
        if best is None:
            kept.append(dict(row))
            kept_points.append(row["geometry"])
            continue
        target = kept[best]
        if row["source"] not in target["source"].split("; "):
            target["source"] = f"{target['source']}; {row['source']}"
        if not target["name"] and row["name"]:
            target["name"] = row["name"]
    return gpd.GeoDataFrame(pd.DataFrame(kept), geometry="geometry", crs=candidates.crs)


def name_similarity(first: str | None, second: str | None) -> float:
    """3 same name, 2 one contains the other, 1 close spelling, 0.5 one unnamed, 0 differ."""
    if not _text(first) or not _text(second):
        return 0.5
    a, b = _core_name(str(first)), _core_name(str(second))
    if a == b:
        return 3.0
    if min(len(a), len(b)) >= 4 and (a in b or b in a):
        return 2.0
    if SequenceMatcher(None, a, b).ratio() >= 0.8:
        return 1.0
    return 0.0


@cache
def osm_box() -> shapely.Polygon:
    """The padded OSM box in EPSG:25832 (edges densified, so it bends as it should)."""
    lonlat = gpd.GeoSeries([shapely.box(*OSM_BOX_LONLAT)], crs="EPSG:4326")
    return lonlat.segmentize(0.002).to_crs(CRS).iloc[0]


def drop_unit_headers(kindergartens: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Drop administrative units ("… barnehager") listed at the address of one of their
    kindergartens: the unit is not a place of its own."""
    is_unit = kindergartens["name"].str.strip().str.lower().str.endswith("barnehager")
    places = kindergartens[~is_unit]
    keep = []
    for index, row in kindergartens.iterrows():
        if not is_unit[index]:
            keep.append(True)
            continue
        keep.append(not (places.distance(row.geometry) <= 1.0).any())
    return kindergartens[keep]


def _core_name(name: str) -> str:
    words = re.findall(r"\w+", name.lower())
    core = [word for word in words if word not in _GENERIC_WORDS]
    return " ".join(core or words)


def _candidate(
    place_id: str, name: str | None, rule: Rule, key: str, geometry: shapely.Point
) -> dict[str, object]:
    return {
        "place_id": place_id,
        "name": name or None,
        "place_type": rule.place_type.value,
        "indoor": rule.indoor,
        "is_anchor": rule.is_anchor,
        "universal_design": None,
        "unnamed_label": rule.unnamed,
        "source_key": key,
        "source": ATTRIBUTION[key],
        "geometry": geometry,
    }


def _from_kindergartens(kindergartens: gpd.GeoDataFrame) -> pd.DataFrame:
    places = drop_unit_headers(kindergartens)
    rows = [
        _candidate(f"mp-tk-bhg-{index:03d}", row.name, _BARNEHAGE, "kindergartens", row.geometry)
        for index, row in zip(places.index, places.itertuples(), strict=True)
    ]
    return pd.DataFrame(rows)


def _from_pois(pois: gpd.GeoDataFrame) -> pd.DataFrame:
    rows = []
    for poi in pois.itertuples():
        name = poi.name if isinstance(poi.name, str) and poi.name.strip() else None
        rule = classify_poi(_text(poi.osm_class), _text(poi.osm_subclass), name)
        if rule is not None:
            rows.append(_candidate(f"mp-osm23-{poi.poi_id}", name, rule, "osm_2023", poi.geometry))
    return pd.DataFrame(rows)


def _from_worship(worship: gpd.GeoDataFrame) -> pd.DataFrame:
    rows = []
    for place in worship.itertuples():
        point = (
            place.geometry
            if place.geometry.geom_type == "Point"
            else place.geometry.representative_point()
        )
        place_id = "mp-osm16-" + str(place.osm_id).replace("/", "-")
        rows.append(_candidate(place_id, _text(place.name), _KIRKE, "osm_2016", point))
    return pd.DataFrame(rows)


def _zone_of(places: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> list[str | None]:
    joined = gpd.sjoin(places[["geometry"]], zones[["area_id", "geometry"]], predicate="within")
    first = joined.sort_values("area_id").groupby(level=0)["area_id"].first()
    return [first.get(index) for index in places.index]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
