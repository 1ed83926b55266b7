"""The Kart page's view: read from the permalink on a session's first run, then from the sidebar.

The permalink is written back on every run (all but centre and zoom, which the map's "Kopier
lenke" button writes in the browser); parameters it could not use are remembered to be named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from components import page, state
from components.kart import filters as kart_filters
from components.kart import indicator as kart_indicator
from components.kart import permalink as kart_permalink
from components.kart import widget as kart_widget
from components.kart.layers import DEFAULT_LAYERS
from geo.analysis import filters as geo_filters
from geo.schema import FocusArea, Goal, PlaceType, ProjectStatus, values


@dataclass(frozen=True)
class KartPage:
    """What the explorer draws: the view, where the map starts, the indicators to name."""

    view: kart_permalink.KartView
    centre: tuple[float, float] | None
    zoom: int | None
    indicator_names: dict[str, str]


def kart_page(*, view: page.Page) -> KartPage:
    """Seed the sidebar from the URL (first run), draw it, write the chosen view to the URL, and
    name the parameters of the URL that were ignored."""
    tables = view.tables
    # focus zones first in the zone filter, each group by name
    zones = view.zones.sort_values(["is_focus", "name"], ascending=[False, True])
    zone_names = dict(zip(zones["area_id"], zones["name"], strict=True))
    period = geo_filters.year_span(tables["projects"], tables["grants"])
    indicator_names = kart_indicator.choices(view.lang)
    with_indicator = bool(indicator_names)
    focus = tuple(zones.loc[zones["is_focus"].astype(bool), "area_id"])
    default = _default(indicator_names, focus)
    known = kart_permalink.Known(
        levels=kart_filters.LEVELS,
        layers=kart_filters.all_layers(with_indicator),
        indicators=indicator_names,
        years=sorted({y for i in indicator_names for y in kart_indicator.years(i)}),
        zones=zone_names,
        goals=values(Goal),
        focus_areas=values(FocusArea),
        statuses=values(ProjectStatus),
        place_types=values(PlaceType),
        period=period,
    )
    from_url, rejected = kart_permalink.decode(state.params(), known, default)
    if "kart_start" not in st.session_state:
        st.session_state["kart_start"] = (from_url.centre, from_url.zoom)
        drawn = state.params().get(kart_permalink.DRAWING_PARAM)
        if drawn:
            drawing = kart_permalink.decode_drawing(drawn)
            if drawing is None:
                rejected.append(kart_permalink.DRAWING_PARAM)
            else:
                state.select_zone(None)
                state.set_drawing(drawing)
        st.session_state["kart_rejected"] = rejected
        state.set_params(dict.fromkeys(rejected))
    if (
        from_url.indicator is not None
        and from_url.year is not None
        and from_url.year not in kart_indicator.years(from_url.indicator)
    ):
        from_url = replace(from_url, year=kart_indicator.years(from_url.indicator)[-1])
    kart_filters.seed(from_url, period, with_indicator)
    kart_filters.sidebar(
        lang=view.lang,
        zone_names=zone_names,
        period=period,
        indicator_names=indicator_names,
        tables=view.tables,
    )
    chosen = kart_filters.read(default, period, with_indicator)
    centre, zoom = st.session_state["kart_start"]
    state.set_params(
        {k: v for k, v in kart_permalink.encode(chosen, default).items() if k not in "cz"}
    )
    if st.session_state.get("kart_rejected"):
        st.caption(
            view.t("kart.params_ignored", names=", ".join(st.session_state["kart_rejected"])),
            help=view.t("kart.params_ignored_help"),
        )
    return KartPage(view=chosen, centre=centre, zoom=zoom, indicator_names=indicator_names)


def _default(indicator_names: dict[str, str], focus: tuple[str, ...]) -> kart_permalink.KartView:
    """The view a planner opens on: the focus zones' projects and meeting places (not the
    city's 800 points), over the first indicator."""
    with_indicator = bool(indicator_names)
    first = next(iter(indicator_names), None)
    return kart_permalink.KartView(
        filters=geo_filters.Filters(zones=focus),
        layers=((kart_widget.INDICATOR_LAYER,) if with_indicator else ()) + DEFAULT_LAYERS,
        indicator=first,
        year=kart_indicator.years(first)[-1] if first else None,
    )
