"""Map colours and styles as data, keyed by the enum codes of geo/schema.py.

Categories use colour-blind-safe palettes: Paul Tol's "muted" scheme (9 colours, plus grey for
"other") for the ten meeting-place types, Okabe–Ito for project statuses and goals. The base map
is a calm grey/blue so that zones and markers carry the colour. Markers have a dark outline, so
even the light colours stand out on the light base map.
"""

from __future__ import annotations

from typing import Any

from geo.schema import Goal, GrantStatus, PlaceType, ProjectStatus

# Paul Tol, "muted" qualitative scheme (https://personal.sron.nl/~pault/), grey for "other".
PLACE_TYPE_COLOURS: dict[str, str] = {
    PlaceType.PARK: "#117733",  # green
    PlaceType.LEKEPLASS: "#999933",  # olive
    PlaceType.BIBLIOTEK: "#332288",  # indigo
    PlaceType.SKOLE: "#88CCEE",  # cyan
    PlaceType.BARNEHAGE: "#DDCC77",  # sand
    PlaceType.KIRKE: "#AA4499",  # purple
    PlaceType.IDRETT: "#44AA99",  # teal
    PlaceType.UNGDOM: "#882255",  # wine
    PlaceType.NABOLAGSHUS: "#CC6677",  # rose
    PlaceType.KAFE: "#8C8C8C",  # grey: café and other
}

# Okabe & Ito (2008), "Color Universal Design".
STATUS_COLOURS: dict[str, str] = {
    ProjectStatus.IDE: "#CC79A7",  # reddish purple
    ProjectStatus.PLANLAGT: "#56B4E9",  # sky blue
    ProjectStatus.PAGAR: "#E69F00",  # orange: the ones under way stand out
    ProjectStatus.AVSLUTTET: "#0072B2",  # blue
    ProjectStatus.I_DRIFT: "#009E73",  # bluish green
}

GOAL_COLOURS: dict[str, str] = {
    Goal.STEDSUTVIKLING: "#009E73",  # bluish green: place
    Goal.TJENESTEUTVIKLING: "#0072B2",  # blue: services
    Goal.LOKALSAMFUNNSUTVIKLING: "#D55E00",  # vermillion: community
}

# --- zones -----------------------------------------------------------------------------------
# Leaflet path options. Every zone keeps fill=True (transparent for ordinary zones) so a click
# anywhere inside it selects it, not only on its border.
ZONE_STYLE: dict[str, Any] = {
    "color": "#5B6B7F",  # slate outline
    "weight": 1,
    "opacity": 0.9,
    "fill": True,
    "fillColor": "#FFFFFF",
    "fillOpacity": 0.0,
}
FOCUS_ZONE_STYLE: dict[str, Any] = {
    "color": "#B3541E",  # burnt orange outline
    "weight": 2.5,
    "fillColor": "#EE8866",  # Tol light orange
    "fillOpacity": 0.35,
}
SELECTED_ZONE_STYLE: dict[str, Any] = {  # only the outline: a focus zone keeps its fill
    "color": "#14213D",  # dark navy
    "weight": 5,
    "opacity": 1.0,
}
# The selected zone's outline, drawn on top of the map by the server's selection layer and, at
# once on a click, by the browser (components/maps/widget.py): one style, so the two never differ.
# The class name is how the browser finds the outline now shown (on a canvas it draws nothing).
SELECTION_OUTLINE_CLASS = "ok-selection-outline"
SELECTION_OUTLINE_STYLE: dict[str, Any] = {
    **ZONE_STYLE,
    **SELECTED_ZONE_STYLE,
    "fill": False,
    "className": SELECTION_OUTLINE_CLASS,
}
# Under the pointer: this outline colour, at least this weight, this much more fill opacity.
HOVER_ZONE_STYLE: dict[str, Any] = {"color": "#14213D", "weight": 3, "fillOpacity": 0.15}

# (fill, border, catalog key) for the legend the page draws next to the map.
ZONE_LEGEND: list[tuple[str, str, str]] = [
    (FOCUS_ZONE_STYLE["fillColor"], FOCUS_ZONE_STYLE["color"], "map.legend_focus"),
    ("transparent", ZONE_STYLE["color"], "map.legend_zone"),
    ("transparent", SELECTED_ZONE_STYLE["color"], "map.legend_selected"),
]

# Permanent focus-zone labels: dark text on a white halo, contrast ≥ 4.5:1 on any fill below.
LABEL_TEXT_COLOUR = "#1F2937"  # 14.7:1 on white
LABEL_HALO_COLOUR = "#FFFFFF"

# --- markers ---------------------------------------------------------------------------------
# Circle markers only (folium.CircleMarker through one GeoJson per layer). Projects are larger
# with a thicker ring, meeting places smaller: the two layers read apart even where colours meet.
MARKER_STYLES: dict[str, dict[str, Any]] = {
    "projects": {"radius": 7, "weight": 2, "color": "#1F2937", "fill": True, "fillOpacity": 0.95},
    "places": {"radius": 5, "weight": 1, "color": "#1F2937", "fill": True, "fillOpacity": 0.9},
}
MARKER_FALLBACK_COLOUR = "#8C8C8C"  # a code without a colour (should not happen) is grey

# --- base map (drawn from data, non-interactive, under the zones) ------------------------------
LAND_COLOUR = "#F3F2EE"  # the map background: what is not water is land
BASEMAP_STYLES: dict[str, dict[str, Any]] = {
    "base_water": {"stroke": False, "fillColor": "#BFD3E6", "fillOpacity": 1.0},
    "base_parks": {"stroke": False, "fillColor": "#DCE6D2", "fillOpacity": 1.0},
    "base_buildings": {"stroke": False, "fillColor": "#DAD7D0", "fillOpacity": 1.0},
    "base_streets": {"color": "#C3C8CF", "weight": 1.0, "opacity": 1.0, "fill": False},
    "outline": {"color": "#7A8799", "weight": 1.5, "dashArray": "6 4", "fill": False},
}
# Streets by OSM class: the main roads wider and darker, so the city's skeleton reads first.
STREET_STYLES: dict[str, dict[str, Any]] = {
    "trunk": {"weight": 3.5, "color": "#A9B0BA"},
    "primary": {"weight": 3.0, "color": "#A9B0BA"},
    "secondary": {"weight": 2.5, "color": "#B4BAC3"},
    "tertiary": {"weight": 2.0, "color": "#BEC3CB"},
    "minor": {"weight": 1.2, "color": "#CDD1D7"},
    "service": {"weight": 0.8, "color": "#D5D8DD"},
    "path": {"weight": 0.6, "color": "#D5D8DD"},
}

# --- Kart: the other layers ------------------------------------------------------------------
# Okabe–Ito again: granted is bluish green, refused vermillion (they also differ in lightness).
GRANT_STATUS_COLOURS: dict[str, str] = {
    GrantStatus.INNVILGET: "#009E73",
    GrantStatus.AVSLATT: "#D55E00",
}
# School catchments are outlines only: primary dashed-free blue, lower secondary dashed purple.
CATCHMENT_STYLES: dict[str, dict[str, Any]] = {
    "barneskole": {"color": "#0072B2", "weight": 1.5, "fill": True, "fillOpacity": 0.0},
    "ungdomsskole": {
        "color": "#CC79A7",
        "weight": 2.0,
        "dashArray": "6 4",
        "fill": True,
        "fillOpacity": 0.0,
    },
}
WORSHIP_COLOUR = PLACE_TYPE_COLOURS[PlaceType.KIRKE]
STOP_COLOUR = "#1F2937"  # dark grey: stops are context, not a category
KINDERGARTEN_COLOUR = PLACE_TYPE_COLOURS[PlaceType.BARNEHAGE]
MARKER_STYLES["stops"] = {
    "radius": 3,
    "weight": 1,
    "color": "#FFFFFF",
    "fill": True,
    "fillOpacity": 1,
}
MARKER_STYLES["grants"] = {
    "radius": 5,
    "weight": 1.5,
    "color": "#1F2937",
    "fill": True,
    "fillOpacity": 0.85,
}
# Kart's point layers differ in shape as well as colour (components/maps/shapes.py): a reader
# who cannot tell the colours apart still tells a project from a meeting place or a grant.
KART_MARKER_SHAPES: dict[str, str] = {
    "projects": "diamond",
    "places": "circle",
    "kindergartens": "square",
    "grants": "triangle",
    "worship": "plus",
    "stops": "circle",
}
# A feature picked in the detail panel or a chart: a thick dark ring, drawn on top.
HIGHLIGHT_MARKER: dict[str, Any] = {
    "radius": 11,
    "weight": 3,
    "color": "#14213D",
    "fill": False,
    "opacity": 1.0,
}
# A shape while it is being drawn (Leaflet.draw).
DRAWN_SHAPE_STYLE: dict[str, Any] = {"color": "#14213D", "weight": 3, "fillOpacity": 0.1}
# The drawn selection once finished: a dark navy line on a white casing, so it reads on any
# choropleth colour, and a light fill; drawn until the selection is cleared.
DRAWN_CASING_STYLE: dict[str, Any] = {
    "color": "#FFFFFF",
    "weight": 8,
    "opacity": 0.9,
    "fill": False,
}
DRAWN_SELECTION_STYLE: dict[str, Any] = {
    "color": "#14213D",
    "weight": 4,
    "opacity": 1.0,
    "dashArray": "10 6",
    "fill": True,
    "fillColor": "#14213D",
    "fillOpacity": 0.12,
}
