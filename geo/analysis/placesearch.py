"""Find a street or place by name, and what lies within a few minutes' walk of it.

Pure functions over the ``place_names`` layer (geo.build.placenames) and point tables. The match
forgives case, Norwegian letters typed without their marks ("Mollenberg" finds "Møllenberg"),
"vei"/"veg"/"veien"/"vegen" and small typos (difflib's similarity ratio, from the standard
library). The walk is a straight line: ``WALK_M_PER_MIN`` metres a minute (4.8 km/h), so the
real way along streets can be longer, and the interface says so.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import geopandas as gpd
import pandas as pd

WALK_M_PER_MIN = 80.0
MIN_QUERY_CHARS = 2
# difflib ratio: "Innheredsveien" ~ "Innherredsveien" passes, "Lade" ~ "Tade" does not
TYPO_CUTOFF = 0.75
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "ß": "ss"})
_ROAD_WORD = re.compile(r"(veien|vegen|vei|veg)\b")  # also at the end of a word: "Ladeveien"


def normalise(text: str) -> str:
    """Lower case, Norwegian letters and accents folded to plain Latin, single spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    plain = re.sub(r"[^0-9a-z]+", " ", plain)
    return re.sub(r"\s+", " ", plain).strip()


def _stem(text: str) -> str:
    """The name without the word for road, so "Innherredsvegen" meets "Innherredsveien"."""
    return _ROAD_WORD.sub("v", text)


def search(names: pd.DataFrame, query: str, limit: int = 8) -> pd.DataFrame:
    """Rows of ``names`` (column ``name``) that match ``query``, best first.

    Exact name, then names starting with the query, then containing it, then close spellings.
    An empty or one-letter query matches nothing.
    """
    wanted = normalise(query)
    if len(wanted) < MIN_QUERY_CHARS or names.empty:
        return names.iloc[0:0]
    keys = names["name"].map(normalise)
    stems = keys.map(_stem)
    wanted_stem = _stem(wanted)
    if len(wanted_stem) < 3:  # "vei" alone is the word for road, not a name: match it as typed
        wanted_stem = wanted
    rank = pd.Series(float("inf"), index=names.index)
    rank[keys.str.contains(wanted, regex=False) | stems.str.contains(wanted_stem, regex=False)] = 2
    starts = keys.str.startswith(wanted) | stems.str.startswith(wanted_stem)
    rank[starts] = 1
    rank[(keys == wanted) | (stems == wanted_stem)] = 0
    similarity = stems.map(lambda key: _similarity(wanted_stem, key))
    fuzzy = rank.eq(float("inf")) & similarity.ge(TYPO_CUTOFF)
    rank[fuzzy] = 3 + (1 - similarity[fuzzy])
    found = names.assign(_rank=rank, _key=keys)[rank.lt(float("inf"))]
    return found.sort_values(["_rank", "_key"]).drop(columns=["_rank", "_key"]).head(limit)


def _similarity(wanted: str, key: str) -> float:
    """How close ``wanted`` is to the whole name or to one of its words (0..1)."""
    candidates = [key, *key.split()]
    return max(difflib.SequenceMatcher(None, wanted, c).ratio() for c in candidates)


def walk_radius_m(minutes: float) -> float:
    """How far ``minutes`` of walking reach in a straight line, in metres."""
    return minutes * WALK_M_PER_MIN


def nearby(points: gpd.GeoDataFrame, origin: object, minutes: float) -> gpd.GeoDataFrame:
    """Rows of ``points`` within ``minutes`` of straight-line walking from ``origin`` (a
    shapely point in the points' metric CRS), nearest first, with ``distance_m`` and
    ``walk_min`` (rounded up to whole minutes, at least 1)."""
    distance = points.geometry.distance(origin)
    within = points.assign(distance_m=distance)[distance <= walk_radius_m(minutes)]
    walk_min = (within["distance_m"] / WALK_M_PER_MIN).apply(lambda m: max(1, int(-(-m // 1))))
    return within.assign(walk_min=walk_min).sort_values("distance_m")
