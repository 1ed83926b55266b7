"""The indicator side of Kart: suppressed values (geo.analysis.indicators), the choropleth layer
(components.maps.choropleth) and the ranking of the 60 zones. Hidden cells never leave geo/: what
this module passes on comes from the suppressed table only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd

from components import data, sample_mark
from components.i18n import format as fmt
from components.i18n import translate
from components.indicators import data as indicator_data
from components.maps import choropleth
from geo.analysis import indicator_year, indicators
from geo.schema import Level


@dataclass(frozen=True)
class IndicatorView:
    """One indicator in one year, ready for the map, legend and ranking chart."""

    indicator_id: str
    year: int
    name: str
    unit: str
    direction: str
    rows: pd.DataFrame  # area_id, name, value (NaN when hidden or missing), suppressed, is_focus
    trondheim: float | None  # the municipality's shown value, if any
    classes: indicators.Classes
    is_sample: bool = True


def choices(lang: str) -> dict[str, str]:
    """indicator_id -> name, for the indicators with values for the zones, real ones first
    (the map opens on the first: a real indicator, never invented colours)."""
    table = data.tables()["indicators"].set_index("indicator_id", drop=False)
    zone_ids = set(_zones()["area_id"])
    values = indicator_data.suppressed_values()
    with_zones = set(values.loc[values["area_id"].isin(zone_ids), "indicator_id"])
    column = "name_nb" if lang == "nb" else "name_en"
    return {
        indicator_id: sample_mark.mark_if(
            str(table.loc[indicator_id, column]), bool(table.loc[indicator_id, "is_sample"]), lang
        )
        for indicator_id in indicator_year.catalog_order(table)
        if indicator_id in with_zones
    }


def years(indicator_id: str) -> list[int]:
    values = indicator_data.suppressed_values()
    zone_ids = set(_zones()["area_id"])
    rows = values[(values["indicator_id"] == indicator_id) & values["area_id"].isin(zone_ids)]
    return sorted(int(year) for year in rows["year"].unique())


def view(indicator_id: str, year: int, lang: str) -> IndicatorView:
    values = indicator_data.suppressed_values()
    spec = data.tables()["indicators"].set_index("indicator_id").loc[indicator_id]
    zones = _zones()
    rows = indicators.year_values(values, indicator_id, year)
    merged = zones[["area_id", "name", "is_focus"]].merge(
        rows[["area_id", "value", indicators.SUPPRESSED]], on="area_id", how="left"
    )
    merged[indicators.SUPPRESSED] = merged[indicators.SUPPRESSED].fillna(False).astype(bool)
    kommune = data.tables()["areas"]
    kommune_ids = set(kommune.loc[kommune["level"] == Level.KOMMUNE, "area_id"])
    total = rows[rows["area_id"].isin(kommune_ids) & rows["value"].notna()]
    return IndicatorView(
        indicator_id=indicator_id,
        year=year,
        name=str(spec["name_nb" if lang == "nb" else "name_en"]),
        unit=str(spec["unit"]),
        direction=str(spec["direction"]),
        rows=merged,
        trondheim=float(total["value"].iloc[0]) if len(total) else None,
        classes=indicators.classify(merged["value"].tolist(), str(spec["direction"])),
        is_sample=bool(spec["is_sample"]),
    )


def layer(indicator: IndicatorView, zones_fc: dict[str, Any], lang: str) -> folium.GeoJson:
    rows = indicator.rows.set_index("area_id")
    hidden = set(rows.index[rows[indicators.SUPPRESSED]])
    return choropleth.choropleth_layer(
        zones_fc,
        values={k: (None if k in hidden else v) for k, v in rows["value"].items()},
        classes=indicator.classes,
        value_text={k: _value_text(indicator, row, lang) for k, row in rows.iterrows()},
        labels={"zone": translate("map.zone", lang), "value": indicator.name},
        hidden=hidden,
    )


def _value_text(indicator: IndicatorView, row: pd.Series, lang: str) -> str:
    """The zone's value in words; a real indicator computed from the estimated population has
    no value outside the building data, and says so instead of "–"."""
    hidden = bool(row[indicators.SUPPRESSED])
    if not indicator.is_sample and not hidden and row["value"] != row["value"]:
        return translate("population.not_estimated", lang)
    return fmt.indicator_value(row["value"], hidden, indicator.unit, lang)


def legend(indicator: IndicatorView, lang: str) -> None:
    decimals = fmt.decimals(indicator.unit)
    choropleth.choropleth_legend(
        indicator.name,
        choropleth.legend_entries(indicator.classes, lambda v: fmt.number(v, lang, decimals)),
        note=translate(
            "kart.indicator_note",
            lang,
            unit=fmt.unit_label(indicator.unit, lang),
            year=indicator.year,
        ),
        hidden_label=fmt.suppressed(lang),
        worse_label=translate("kart.darker_worse", lang),
    )


def _zones() -> pd.DataFrame:
    areas = data.tables()["areas"]
    return areas[areas["level"] == Level.LEVEKARSSONE]
