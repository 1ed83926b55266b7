"""A zone's population as every surface shows it: the estimate in words, the delområde's SSB
count as context, and "Hvordan er tallet beregnet?" (geo.analysis.dasymetric)."""

from __future__ import annotations

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st

from components import data
from components.i18n import format as fmt
from components.i18n import translate
from geo.analysis import dasymetric
from geo.analysis.overview import Population
from geo.build import browser as prepare


def headline(figure: Population | None, lang: str) -> str:
    """The big number: "ca. 2 700", or "ikke beregnet (utenfor kartgrunnlaget)"."""
    if figure is None:
        return translate("population.not_estimated", lang)
    return fmt.estimate(figure.value, lang)


def phrase(figure: Population | None, lang: str) -> str:
    """The figure in a sentence's words: "ca. 2 700 innbyggere (beregnet)"."""
    return fmt.population_estimate(figure.value if figure else None, lang)


def context(figure: Population | None, lang: str) -> str:
    """SSB's count of the delområde around the zone, clearly as comparison; "" if none."""
    if figure is None:
        return ""
    return translate(
        "population.context",
        lang,
        area=figure.area_name,
        total=fmt.number(figure.value, lang),
        year=figure.year,
    )


def explanation(figure: Population | None, lang: str) -> str:
    """How the estimate is made, its sources, its year and what can make it wrong (markdown)."""
    if figure is None:
        return translate("population.not_estimated_why", lang)
    return translate(
        "population.how",
        lang,
        year=figure.year,
        step=fmt.number(fmt.estimate_step(figure.value), lang),
    )


def how(figure: Population | None, context_figure: Population | None, lang: str) -> None:
    """The "Hvordan er tallet beregnet?" expander: method, then the delområde's count."""
    with st.expander(translate("population.how_heading", lang), icon=":material/calculate:"):
        st.markdown(explanation(figure, lang))
        comparison = context(context_figure, lang)
        if comparison:
            st.caption(comparison)


@st.cache_resource(show_spinner=False)
def _building_weights(key: tuple[str, float]) -> gpd.GeoDataFrame:
    """Every building's weight in the estimate, from the store's buildings and land use
    (the same function the build uses). ``key``: the dataset's cache key."""
    tables = data.tables()
    return dasymetric.building_weights(tables["base_buildings"], tables["base_landuse"])


def zone_buildings(zone: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The buildings whose point lies in ``zone`` (one row), with their weight."""
    weights = _building_weights(data.cache_key())
    inside = weights.geometry.representative_point().within(zone.geometry.iloc[0])
    return weights[inside.to_numpy()]


def landuse_table(buildings: gpd.GeoDataFrame, lang: str) -> pd.DataFrame:
    """Weight, buildings and residential floor space per land-use class in the zone."""
    known = [name for name in dasymetric.LANDUSE_WEIGHTS]
    group = buildings["landuse"].where(buildings["landuse"].isin(known), "other")
    sums = buildings.groupby(group).agg(n=("weight", "size"), floor=("weight", "sum"))
    rows = []
    for name in [*known, "other"]:
        label = "unmapped" if name == dasymetric.UNMAPPED else name
        factor = dasymetric.LANDUSE_WEIGHTS.get(name, 0.0)
        n, floor = (sums.loc[name, "n"], sums.loc[name, "floor"]) if name in sums.index else (0, 0)
        rows.append(
            {
                translate("population.method_landuse", lang): translate(
                    f"population.landuse.{label}", lang
                ),
                translate("population.method_factor", lang): fmt.number(factor, lang, 2),
                translate("population.method_buildings", lang): fmt.number(n, lang),
                translate("population.method_floor", lang): fmt.number(floor, lang),
            }
        )
    return pd.DataFrame(rows)


def weights_map(zone: gpd.GeoDataFrame, buildings: gpd.GeoDataFrame, lang: str) -> alt.LayerChart:
    """The zone's buildings coloured by their residential floor space; those that do not count
    in grey. A static Vega map: no tiles, works without a network."""
    rounded = buildings.assign(weight=buildings["weight"].round())
    features = prepare.to_browser_geojson(rounded, ["weight"])["features"]
    outline = prepare.to_browser_geojson(zone, [])["features"]
    title = translate("population.method_weight", lang)
    counted = (
        alt.Chart(alt.Data(values=[f for f in features if f["properties"]["weight"] > 0]))
        .mark_geoshape(stroke="#374151", strokeWidth=0.3)
        .encode(
            color=alt.Color(
                "properties.weight:Q",
                title=title,
                scale=alt.Scale(scheme="oranges", type="sqrt"),
                legend=alt.Legend(orient="bottom", format=",.0f"),
            ),
            tooltip=[alt.Tooltip("properties.weight:Q", title=title, format=",.0f")],
        )
    )
    zero = (
        alt.Chart(alt.Data(values=[f for f in features if f["properties"]["weight"] == 0]))
        .mark_geoshape(fill="#D1D5DB", stroke="#9CA3AF", strokeWidth=0.3)
        .encode(tooltip=[alt.Tooltip("properties.weight:Q", title=title, format=",.0f")])
    )
    border = alt.Chart(alt.Data(values=outline)).mark_geoshape(
        fillOpacity=0, stroke="#B3541E", strokeWidth=2.5
    )
    return (
        alt.layer(border, zero, counted)
        .project(type="mercator")
        .properties(width="container", height=420)
    )
