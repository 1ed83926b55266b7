"""One zone on one page: the figures of the Områdeprofil page and its PDF, from the store.

Pure pandas over the store's tables and the *suppressed* indicator values
(geo.analysis.indicators), so the page and the PDF say the same thing and neither can show a
hidden value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo.analysis import indicators, overview, risk
from geo.schema import COUNT_UNITS, Level, Unit

PROGRAMME_RISKS_SHOWN = 3


@dataclass(frozen=True)
class KeyFigure:
    """An indicator's newest figure for the zone (or the nearest level above) vs Trondheim."""

    indicator_id: str
    year: int
    area_name: str  # the zone itself, or the larger area the figure is for
    level: str
    value: float  # NaN when hidden
    hidden: bool
    reference: float  # Trondheim, NaN when hidden or missing
    difference: float  # value − reference in the indicator's unit; NaN if either is
    index: float  # Trondheim = 100; NaN if either is missing or the unit is a count
    is_sample: bool


@dataclass(frozen=True)
class ZoneProfile(overview.ZoneSummary):
    """The shared zone summary, plus what only the profile shows."""

    programme: str | None
    population_series: pd.DataFrame  # year, value, area_name, level (real SSB figures)
    key_figures: list[KeyFigure]
    projects: pd.DataFrame  # goal, status, count
    places: pd.DataFrame  # place_type, count; the most common first
    targets: pd.DataFrame  # geo.analysis.indicators.progress_table rows of this zone
    risks: pd.DataFrame  # the zone's own risks, then the largest programme-wide ones
    sources: list[str] = field(default_factory=list)


def zone_profile(
    area_id: str, tables: dict[str, pd.DataFrame], values: pd.DataFrame
) -> ZoneProfile:
    """Everything the profile shows about one levekårssone. ``values`` must be suppressed."""
    areas = tables["areas"]
    area = areas.set_index("area_id").loc[area_id]
    kommune = str(areas.loc[areas["level"] == Level.KOMMUNE, "area_id"].iloc[0])
    figures = key_figures(area_id, areas, tables["indicators"], values, kommune)
    projects = tables["projects"][tables["projects"]["area_id"] == area_id]
    places = tables["meeting_places"][tables["meeting_places"]["area_id"] == area_id]
    progress = indicators.progress_table(tables["targets"], values, tables["indicators"])
    programme = area["programme"] if isinstance(area["programme"], str) else None
    risks = zone_risks(tables["risks"], area_id, include_programme=bool(area["is_focus"]))
    sources = _sources(tables, values, area_id, figures, projects, places, risks)
    summary = overview.zone_summary(
        area_id, areas, tables["projects"], tables["meeting_places"], values
    )
    return ZoneProfile(
        **vars(summary),
        programme=programme,
        population_series=overview.population_series(area_id, areas, values),
        key_figures=figures,
        projects=projects.groupby(["goal", "status"]).size().rename("count").reset_index(),
        places=places.groupby("place_type")
        .size()
        .rename("count")
        .reset_index()
        .sort_values(["count", "place_type"], ascending=[False, True], ignore_index=True),
        targets=progress[progress["area_id"] == area_id].reset_index(drop=True),
        risks=risks,
        sources=sources,
    )


def key_figures(
    area_id: str,
    areas: pd.DataFrame,
    catalog: pd.DataFrame,
    values: pd.DataFrame,
    reference_id: str,
) -> list[KeyFigure]:
    """Per indicator (population counts left out: the profile shows them as a trend): the
    newest year with a figure for the zone or the nearest area above it, against Trondheim."""
    by_id = areas.set_index("area_id")
    out = []
    for spec in catalog.itertuples():
        if Unit.of(spec.unit) in COUNT_UNITS:  # shown as a trend, never as an index to the city
            continue
        rows = values[values["indicator_id"] == spec.indicator_id]
        holder = _nearest_with_values(area_id, by_id, set(rows["area_id"]))
        if holder is None or holder == reference_id:
            continue
        own = rows[rows["area_id"] == holder]
        year = int(own["year"].max())
        compared = indicators.compare(values, spec.indicator_id, year, [holder], reference_id)
        row = compared.iloc[0]
        out.append(
            KeyFigure(
                indicator_id=str(spec.indicator_id),
                year=year,
                area_name=str(by_id.loc[holder, "name"]),
                level=str(by_id.loc[holder, "level"]),
                value=float(row["value"]),
                hidden=bool(row["suppressed"]),
                reference=float(row["reference"]),
                difference=float(row["difference"]),
                index=float(row["index"]),
                is_sample=bool(spec.is_sample),
            )
        )
    return out


def zone_risks(risks: pd.DataFrame, area_id: str, include_programme: bool) -> pd.DataFrame:
    """The zone's own risks, then (for a focus zone) the largest programme-wide ones."""
    scored = risk.with_scores(risks)
    own = scored[scored["area_id"] == area_id]
    parts = [own.assign(scope="zone")]
    if include_programme:
        shared = scored[scored["area_id"].isna()].sort_values(
            ["score", "risk_id"], ascending=[False, True]
        )
        parts.append(shared.head(PROGRAMME_RISKS_SHOWN).assign(scope="programme"))
    return pd.concat(parts, ignore_index=True)


def _nearest_with_values(area_id: str, by_id: pd.DataFrame, holders: set[str]) -> str | None:
    current: str | None = area_id
    while current is not None and current in by_id.index:
        if current in holders:
            return current
        parent = by_id.loc[current, "parent_id"]
        current = parent if isinstance(parent, str) else None
    return None


def _sources(
    tables: dict[str, pd.DataFrame],
    values: pd.DataFrame,
    area_id: str,
    figures: list[KeyFigure],
    projects: pd.DataFrame,
    places: pd.DataFrame,
    risks: pd.DataFrame,
) -> list[str]:
    """The distinct sources of what the profile shows, real ones first."""
    catalog = tables["indicators"].set_index("indicator_id")
    shown_ids = {f.indicator_id for f in figures} | {overview.POPULATION}
    if (values.loc[values["area_id"] == area_id, "indicator_id"] == overview.ESTIMATE).any():
        shown_ids.add(overview.ESTIMATE)
    pairs = [
        (str(catalog.loc[i, "source"]), bool(catalog.loc[i, "is_sample"]))
        for i in sorted(shown_ids & set(catalog.index))
    ]
    pairs.append((str(tables["areas"].set_index("area_id").loc[area_id, "source"]), False))
    for frame in (places, projects, risks):
        pairs += [
            (str(source), bool(sample))
            for source, sample in frame[["source", "is_sample"]].itertuples(index=False)
        ]
    found: dict[str, bool] = {}
    for text, sample in pairs:
        for part in _split_sources(text):
            found.setdefault(part, sample)
    return sorted(found, key=lambda s: (found[s], s))


def _split_sources(text: str) -> list[str]:
    """A row may name several sources ("A; B"); "A; licence not given" stays one."""
    parts: list[str] = []
    for piece in text.split("; "):
        if parts and not piece[:1].isupper():
            parts[-1] = f"{parts[-1]}; {piece}"
        else:
            parts.append(piece.strip())
    return parts
