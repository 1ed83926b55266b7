"""The legends of Kart, drawn by Streamlit beside the map: one per coloured layer shown."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.i18n import enum_label, translate
from components.kart import indicator as kart_indicator
from components.kart.layers import LAYERS, LEGEND_CODES, label_key
from components.kart.permalink import KartView
from components.kart.widget import INDICATOR_LAYER
from components.maps import style as map_style
from components.maps.legend import legend, outline_legend


def legends(
    view: KartView,
    indicator: kart_indicator.IndicatorView | None,
    lang: str,
    tables: Mapping[str, pd.DataFrame],
) -> None:
    """Zones, the choropleth (unit and year), then each visible layer in the layer list's order."""
    outline_legend(
        translate(f"kart.level_{view.level}_plural", lang),
        [
            (
                map_style.FOCUS_ZONE_STYLE["fillColor"],
                map_style.FOCUS_ZONE_STYLE["color"],
                translate("map.legend_focus", lang),
            ),
            ("transparent", map_style.ZONE_STYLE["color"], translate("map.legend_zone", lang)),
            (
                "transparent",
                map_style.SELECTED_ZONE_STYLE["color"],
                translate("map.legend_selected", lang),
            ),
        ],
    )
    if indicator is not None and INDICATOR_LAYER in view.layers:
        kart_indicator.legend(indicator, lang)
    single: list[tuple[str, str, str]] = []
    for key in view.layers:
        layer = LAYERS.get(key)
        if layer is None:
            continue
        colouring = layer.colouring(view.colour_by)
        title = translate(label_key(layer, tables[layer.table]), lang)
        shape = map_style.KART_MARKER_SHAPES.get(key, "circle")
        if layer.kind == "areas":
            outline_legend(
                title,
                [
                    ("transparent", style["color"], translate(f"kart.catchment_{kind}", lang))
                    for kind, style in map_style.CATCHMENT_STYLES.items()
                ],
            )
        elif colouring.column is None or colouring.enum is None:
            single.append((colouring.single, title, shape))
        else:
            legend(
                title,
                [
                    (colouring.colours[code], enum_label(colouring.enum, code, lang))
                    for code in LEGEND_CODES[colouring.enum]
                ],
                shape=shape,
            )
    if single:
        legend(translate("kart.legend_other_layers", lang), single)
