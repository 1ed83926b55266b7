"""The Kart sidebar: level, layer list, colouring, indicator and year, and the filters.

Widgets keep their values in session state under fixed keys; on a page's first run the keys are
seeded from the permalink (components/kart/permalink.py), so opening a link restores the view.
``read`` turns the widgets' values back into a ``KartView`` for the page and the URL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from components.i18n import enum_label, translate
from components.kart import indicator as kart_indicator
from components.kart.layers import LAYERS, label_key
from components.kart.permalink import COLOUR_CHOICES, KartView
from components.kart.widget import INDICATOR_LAYER
from geo.analysis.filters import Filters
from geo.schema import FocusArea, Goal, Level, PlaceType, ProjectStatus

LEVELS = (Level.LEVEKARSSONE.value, Level.DELOMRADE.value, Level.BYDEL.value)
KEYS = {
    "level": "kart_level",
    "colour": "kart_colour",
    "indicator": "kart_indicator",
    "year": "kart_year",
    "zones": "kart_f_zones",
    "goals": "kart_f_goals",
    "focus": "kart_f_focus",
    "status": "kart_f_status",
    "period": "kart_f_period",
    "ptype": "kart_f_ptype",
}


def layer_key(layer: str) -> str:
    return f"kart_layer_{layer}"


def all_layers(with_indicator: bool) -> list[str]:
    return ([INDICATOR_LAYER] if with_indicator else []) + list(LAYERS)


def seed(view: KartView, period: tuple[int, int], with_indicator: bool) -> None:
    """Give every widget without a value the permalink's (or the default) value."""
    defaults: dict[str, object] = {
        KEYS["level"]: view.level,
        KEYS["colour"]: view.colour_by,
        KEYS["zones"]: list(view.filters.zones),
        KEYS["goals"]: list(view.filters.goals),
        KEYS["focus"]: list(view.filters.focus_areas),
        KEYS["status"]: list(view.filters.statuses),
        KEYS["period"]: view.filters.years or period,
        KEYS["ptype"]: list(view.filters.place_types),
    }
    if view.indicator is not None:
        defaults[KEYS["indicator"]] = view.indicator
        defaults[KEYS["year"]] = view.year
    for layer in all_layers(with_indicator):
        defaults[layer_key(layer)] = layer in view.layers
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value


def sidebar(
    *,
    lang: str,
    zone_names: Mapping[str, str],
    period: tuple[int, int],
    indicator_names: Mapping[str, str],
    tables: Mapping[str, pd.DataFrame],
) -> None:
    """Draw the sidebar widgets (values in session state; read them with ``read``)."""

    def t(key: str) -> str:
        return translate(key, lang)

    with st.sidebar:
        st.markdown(f"#### {t('kart.sidebar_layers')}")
        if indicator_names:
            st.checkbox(t("kart.layer_indicator"), key=layer_key(INDICATOR_LAYER))
        for key, layer in LAYERS.items():
            st.checkbox(t(label_key(layer, tables[layer.table])), key=layer_key(key))
        st.radio(
            t("kart.level"),
            LEVELS,
            format_func=lambda code: t(f"kart.level_{code}"),
            key=KEYS["level"],
            horizontal=True,
        )
        st.radio(
            t("kart.colour_by"),
            COLOUR_CHOICES,
            format_func=lambda code: t(f"kart.colour_by_{code}"),
            key=KEYS["colour"],
            horizontal=True,
        )
        if indicator_names:
            st.selectbox(
                t("kart.indicator"),
                list(indicator_names),
                format_func=indicator_names.__getitem__,
                key=KEYS["indicator"],
                on_change=_latest_year,
            )
            chosen = st.session_state.get(KEYS["indicator"])
            years = kart_indicator.years(chosen) if chosen else []
            if years and st.session_state.get(KEYS["year"]) not in years:
                st.session_state[KEYS["year"]] = years[-1]
            st.selectbox(t("kart.year"), years, key=KEYS["year"])
        st.markdown(f"#### {t('kart.sidebar_filters')}")
        st.multiselect(
            t("kart.filter_zones"),
            list(zone_names),
            format_func=zone_names.__getitem__,
            key=KEYS["zones"],
            placeholder=t("kart.all"),
        )
        _enum_filter(t("kart.filter_goal"), "goal", [g.value for g in Goal], "goals", lang)
        _enum_filter(
            t("kart.filter_focus"), "focus_area", [f.value for f in FocusArea], "focus", lang
        )
        _enum_filter(
            t("kart.filter_status"), "status", [s.value for s in ProjectStatus], "status", lang
        )
        st.slider(
            t("kart.filter_period"),
            min_value=period[0],
            max_value=period[1],
            key=KEYS["period"],
            step=1,
        )
        _enum_filter(
            t("kart.filter_place_type"), "place_type", [p.value for p in PlaceType], "ptype", lang
        )


def read(default: KartView, period: tuple[int, int], with_indicator: bool) -> KartView:
    """The view the widgets describe now."""
    state = st.session_state
    years = tuple(state.get(KEYS["period"]) or period)
    filters = Filters(
        zones=tuple(state.get(KEYS["zones"]) or ()),
        goals=tuple(state.get(KEYS["goals"]) or ()),
        focus_areas=tuple(state.get(KEYS["focus"]) or ()),
        statuses=tuple(state.get(KEYS["status"]) or ()),
        years=None if years == tuple(period) else (int(years[0]), int(years[1])),
        place_types=tuple(state.get(KEYS["ptype"]) or ()),
    )
    return replace(
        default,
        level=state.get(KEYS["level"], default.level),
        layers=tuple(layer for layer in all_layers(with_indicator) if state.get(layer_key(layer))),
        colour_by=state.get(KEYS["colour"], default.colour_by),
        indicator=state.get(KEYS["indicator"]) if with_indicator else None,
        year=state.get(KEYS["year"]) if with_indicator else None,
        filters=filters,
    )


def _enum_filter(label: str, enum: str, codes: Sequence[str], key: str, lang: str) -> None:
    st.multiselect(
        label,
        codes,
        format_func=lambda code: enum_label(enum, code, lang),
        key=KEYS[key],
        placeholder=translate("kart.all", lang),
    )


def _latest_year() -> None:
    chosen = st.session_state.get(KEYS["indicator"])
    years = kart_indicator.years(chosen) if chosen else []
    st.session_state[KEYS["year"]] = years[-1] if years else None
