"""The indicator and year the Indikatorer page shows, picked by the reader, with its heading."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.i18n import format as fmt
from components.indicators import view as indicator_view
from components.page import Page
from geo.analysis import indicator_year, indicators
from geo.analysis.indicator_year import Roles
from geo.schema import Level, Unit

INDICATOR_KEY = "ind_indicator"
DEFAULT_INDICATOR = "andel_lekeplass_300m"  # a real indicator: the page opens on facts


@dataclass(frozen=True)
class Choice:
    """One indicator in one year at the finest level that has it, and what it is about."""

    indicator_id: str
    spec: pd.Series
    years: list[int]
    year: int
    level: str
    roles: Roles
    kommune: str

    @property
    def unit(self) -> str:
        return str(self.spec["unit"])

    @property
    def direction(self) -> str:
        return str(self.spec["direction"])

    @property
    def is_share(self) -> bool:
        """The indicator is a share in percent (with counts behind it, change has intervals)."""
        return Unit.of(self.unit) is Unit.PROSENT


def pick(
    *,
    view: Page,
    catalog: pd.DataFrame,
    ordered: list[str],
    values: pd.DataFrame,
) -> Choice:
    """The indicator (?indicator= on a first visit, kept in the URL) and year selectboxes."""
    _default_indicator(ordered)
    areas = view.tables["areas"]
    indicator_column, year_column = st.columns([3, 1])
    with indicator_column:
        indicator_id = st.selectbox(
            view.t("indicators.pick"),
            ordered,
            key=INDICATOR_KEY,
            format_func=lambda i: (
                f"{view.enum('goal', str(catalog.loc[i, 'goal']))} · "
                f"{indicator_view.name(catalog.loc[i], view.lang)}"
            ),
        )
    st.query_params["indicator"] = indicator_id
    years = indicators.years(values, indicator_id)
    with year_column:
        year = st.selectbox(view.t("indicators.year"), years[::-1], key=f"ind_year_{indicator_id}")
    level = indicator_view.level_of(values, areas, indicator_id) or Level.LEVEKARSSONE
    zones = view.zones
    focus_ids = zones.loc[zones["is_focus"], "area_id"]
    comparison_ids = zones.loc[~zones["is_focus"] & zones["programme"].notna(), "area_id"]
    return Choice(
        indicator_id=indicator_id,
        spec=catalog.loc[indicator_id],
        years=years,
        year=year,
        level=level,
        roles=Roles.of(
            focus=(indicator_view.ancestor_at(a, level, areas) for a in focus_ids),
            comparison=(indicator_view.ancestor_at(a, level, areas) for a in comparison_ids),
        ),
        kommune=indicator_view.kommune_id(areas),
    )


def heading(*, view: Page, choice: Choice) -> None:
    """The indicator's name, provenance, definition, unit, direction, source and level."""
    spec, lang = choice.spec, view.lang
    top = st.container()
    top.markdown(f"### {indicator_view.esc(indicator_view.name(spec, lang))}")
    with top:
        indicator_view.provenance_badge(bool(spec["is_sample"]), lang)
    st.markdown(indicator_view.esc(indicator_view.definition(spec, lang)))
    st.caption(
        view.t(
            "indicators.about",
            unit=fmt.unit_label(choice.unit, lang),
            direction=view.enum("direction", choice.direction),
            source=indicator_view.esc(spec["source"]),
        )
    )
    if choice.level != Level.LEVEKARSSONE:
        st.info(
            view.t("indicators.level_note", level=view.t(f"level.{choice.level}")),
            icon=":material/info:",
        )


def role_labels(view: Page) -> dict[str, str]:
    """The legend names of the areas' roles in the ranking and the series."""
    return {
        "focus": view.t("indicators.role_focus"),
        "comparison": view.t("indicators.role_comparison"),
        "reference": "Trondheim",
        "other": view.t("indicators.role_other"),
    }


def year_rows(*, view: Page, choice: Choice, values: pd.DataFrame) -> pd.DataFrame:
    """The chosen indicator-year at its level, with each area's ``name``, ``text`` and ``role``."""
    areas = view.tables["areas"]
    level_ids = set(areas.loc[areas["level"] == choice.level, "area_id"])
    rows = indicator_year.year_rows(
        values, choice.indicator_id, choice.year, level_ids, choice.roles
    )
    return rows.assign(
        name=rows["area_id"].map(view.area_names),
        text=[
            fmt.indicator_value(r.value, bool(r.suppressed), choice.unit, view.lang)
            for r in rows.itertuples()
        ],
    )


def _default_indicator(ordered: list[str]) -> None:
    """On a first visit (or an unknown id), the URL's ?indicator= or the default."""
    if INDICATOR_KEY in st.session_state and st.session_state[INDICATOR_KEY] in ordered:
        return
    wanted = st.query_params.get("indicator")
    chosen = wanted if wanted in ordered else DEFAULT_INDICATOR
    st.session_state[INDICATOR_KEY] = chosen if chosen in ordered else ordered[0]
