"""The Kart page's layers as data: one registry entry per layer, so adding a layer is one entry.

Each entry says where its rows come from (filtered by geo.analysis.filters), how it is
coloured, what its tooltip says (formatted for the locale, no field names) and whether it holds
sample data. The functions here are pure (no Streamlit); components/kart/map.py turns a layer
into browser GeoJSON (cached) and folium.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from components import sample_mark
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.maps import style as map_style
from geo import schema
from geo.analysis import filters as geo_filters
from geo.analysis import placement
from geo.analysis.filters import Filters
from geo.schema import CRS, Goal, GrantStatus, PlaceType, ProjectStatus

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Colouring:
    """How a layer is coloured: by the enum code in ``column`` or in one ``single`` colour."""

    column: str | None
    colours: Mapping[str, str]
    enum: str | None = None  # catalog enum name of the codes, for the legend
    single: str = map_style.MARKER_FALLBACK_COLOUR


@dataclass(frozen=True)
class Layer:
    key: str  # in the URL (?layers=) and in feature ids ("projects:12")
    label: str  # catalog key of the layer's name
    table: str  # the store table the rows come from
    kind: str  # "points" or "areas"
    rows: Callable[[Tables, Filters, gpd.GeoDataFrame], gpd.GeoDataFrame]
    name: Callable[[pd.Series, str], str]
    tip: Callable[[pd.Series, str], str]
    colouring: Callable[[str], Colouring]  # colour_by ("status"/"goal") -> how
    sample_label: str | None = None  # the name while the rows include sample rows
    marker: str = "places"
    default_on: bool = False


def _projects_colouring(colour_by: str) -> Colouring:
    if colour_by == "goal":
        return Colouring("goal", map_style.GOAL_COLOURS, "goal")
    return Colouring("status", map_style.STATUS_COLOURS, "status")


def _project_tip(row: pd.Series, lang: str) -> str:
    parts = [
        fmt.not_given(row["goal"], lang, lambda code: enum_label("goal", code, lang)),
        enum_label("status", row["status"], lang),
        f"{fmt.not_given(row['start_year'], lang)}–{fmt.not_given(row['end_year'], lang)}",
        fmt.not_given(row["budget_nok"], lang, lambda v: fmt.nok(v, lang)),
    ]
    if row.get("at_zone_centre"):
        parts.append(translate("projects.placed_at_zone_centre", lang))
    return " · ".join(parts)


def _projects(tables: Tables, filters: Filters, _zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows = geo_filters.projects(tables["projects"], filters)
    return rows.assign(at_zone_centre=placement.at_zone_centre(rows, tables["areas"]))


def _place_tip(row: pd.Series, lang: str) -> str:
    return fmt.not_given(row["place_type"], lang, lambda code: enum_label("place_type", code, lang))


def _grant_tip(row: pd.Series, lang: str) -> str:
    return " · ".join(
        (
            fmt.not_given(row["title"], lang),
            fmt.not_given(row["status"], lang, lambda code: enum_label("grant_status", code, lang)),
            fmt.nok(row["amount_granted"], lang),
            str(row["year"]),
        )
    )


def _stop_tip(row: pd.Series, lang: str) -> str:
    return translate("kart.tip_departures", lang, n=fmt.number(row["departures_day"], lang))


def _catchment_tip(row: pd.Series, lang: str) -> str:
    return translate(f"kart.catchment_{row['kind']}", lang)


def _worship_tip(row: pd.Series, lang: str) -> str:
    return translate("kart.worship_type", lang)


def _name(column: str) -> Callable[[pd.Series, str], str]:
    """A row's name as the map, panel and table show it: "(eksempel)" after a sample row's."""

    def name(row: pd.Series, lang: str) -> str:
        value = row[column]
        if not isinstance(value, str) or not value.strip():
            text = translate("kart.unnamed", lang)
        else:
            text = value.title() if value.isupper() else value
        return sample_mark.mark_if(text, bool(row.get("is_sample", False)), lang)

    return name


def _reference(table: str) -> Callable[[Tables, Filters, gpd.GeoDataFrame], gpd.GeoDataFrame]:
    def rows(tables: Tables, filters: Filters, zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        return geo_filters.within_zones(tables[table], zones, filters)

    return rows


def _fixed(colour: str) -> Callable[[str], Colouring]:
    return lambda _colour_by: Colouring(None, {}, None, colour)


LAYERS: dict[str, Layer] = {
    layer.key: layer
    for layer in (
        Layer(
            key="projects",
            label="kart.layer_projects",
            table="projects",
            kind="points",
            rows=_projects,
            name=_name("name"),
            tip=_project_tip,
            colouring=_projects_colouring,
            sample_label="kart.layer_projects_sample",
            marker="projects",
            default_on=True,
        ),
        Layer(
            key="places",
            label="kart.layer_places",
            table="meeting_places",
            kind="points",
            rows=lambda tables, f, _zones: geo_filters.meeting_places(tables["meeting_places"], f),
            name=_name("name"),
            tip=_place_tip,
            colouring=lambda _c: Colouring(
                "place_type", map_style.PLACE_TYPE_COLOURS, "place_type"
            ),
            default_on=True,
        ),
        Layer(
            key="kindergartens",
            label="kart.layer_kindergartens",
            table="meeting_places",
            kind="points",
            rows=lambda tables, f, _zones: geo_filters.meeting_places(
                tables["meeting_places"], f, kindergartens=True
            ),
            name=_name("name"),
            tip=_place_tip,
            colouring=_fixed(map_style.KINDERGARTEN_COLOUR),
            default_on=True,  # meeting places too: every page counts them with the others
        ),
        Layer(
            key="grants",
            label="kart.layer_grants",
            table="grants",
            kind="points",
            rows=lambda tables, f, _zones: geo_filters.grants(tables["grants"], f),
            name=_name("organisation"),
            tip=_grant_tip,
            colouring=lambda _c: Colouring(
                "status", map_style.GRANT_STATUS_COLOURS, "grant_status"
            ),
            sample_label="kart.layer_grants_sample",
            marker="grants",
        ),
        Layer(
            key="worship",
            label="kart.layer_worship",
            table="places_of_worship",
            kind="points",
            rows=_reference("places_of_worship"),
            name=_name("name"),
            tip=_worship_tip,
            colouring=_fixed(map_style.WORSHIP_COLOUR),
        ),
        Layer(
            key="catchments",
            label="kart.layer_catchments",
            table="school_catchments",
            kind="areas",
            rows=_reference("school_catchments"),
            name=_name("name"),
            tip=_catchment_tip,
            colouring=_fixed(map_style.CATCHMENT_STYLES["barneskole"]["color"]),
        ),
        Layer(
            key="stops",
            label="kart.layer_stops",
            table="transit_stops",
            kind="points",
            rows=_reference("transit_stops"),
            name=_name("stop_name"),
            tip=_stop_tip,
            colouring=_fixed(map_style.STOP_COLOUR),
            marker="stops",
        ),
    )
}
DEFAULT_LAYERS = tuple(key for key, layer in LAYERS.items() if layer.default_on)

# Every enum a legend may list, by catalog name, in the schema's order.
LEGEND_CODES: dict[str, list[str]] = {
    "status": [s.value for s in ProjectStatus],
    "goal": [g.value for g in Goal],
    "place_type": [p.value for p in PlaceType if p != PlaceType.BARNEHAGE],
    "grant_status": [s.value for s in GrantStatus],
}


def layer_frame(
    layer: Layer,
    tables: Tables,
    filters: Filters,
    zones: gpd.GeoDataFrame,
    lang: str,
    colour_by: str,
) -> gpd.GeoDataFrame:
    """The layer's rows with the properties the browser needs: fid, name, code, tip.

    ``fid`` is "<layer>:<row label in the store table>", the key the detail panel looks up.
    """
    rows = layer.rows(tables, filters, zones)
    colouring = layer.colouring(colour_by)
    codes: list[Any] = (
        list(rows[colouring.column]) if colouring.column is not None else [None] * len(rows)
    )
    frame = gpd.GeoDataFrame(
        {
            "fid": [f"{layer.key}:{label}" for label in rows.index],
            "name": [layer.name(row, lang) for _, row in rows.iterrows()],
            "code": codes,
            "tip": [layer.tip(row, lang) for _, row in rows.iterrows()],
            "kind": list(rows["kind"]) if "kind" in rows.columns else [None] * len(rows),
        },
        geometry=rows.geometry.values,
        crs=rows.crs,
        index=rows.index,
    )
    return frame


def parse_fid(fid: object) -> tuple[str, int] | None:
    """(layer key, row label) of a feature id from the browser, or None if it is not one."""
    if not isinstance(fid, str) or ":" not in fid:
        return None
    key, _, label = fid.partition(":")
    if key not in LAYERS or not label.isdigit():
        return None
    return key, int(label)


NEARBY_M = 25  # about a marker's width at the zoom a planner clicks at: they overlap


def nearby(
    fid: tuple[str, int],
    layers: Sequence[str],
    tables: Tables,
    filters: Filters,
    zones: gpd.GeoDataFrame,
    lang: str,
    within_m: float = NEARBY_M,
) -> list[tuple[str, str]]:
    """(feature id, "name · layer") of the other points of the visible layers within
    ``within_m`` metres of the feature ``fid``: the ones drawn under or over it, nearest first,
    so each can be reached from the panel."""
    key, label = fid
    table = tables[LAYERS[key].table]
    if label not in table.index:
        return []
    origin = table.loc[[label]].to_crs(CRS).geometry.iloc[0]
    found: list[tuple[float, str, str]] = []
    for other_key in layers:
        layer = LAYERS.get(other_key)
        if layer is None or layer.kind != "points":
            continue
        rows = layer.rows(tables, filters, zones)
        if not len(rows):
            continue
        distance = rows.to_crs(CRS).distance(origin)
        for row_label in rows.index[(distance <= within_m).to_numpy()]:
            if (other_key, row_label) == (key, label):
                continue
            name = f"{layer.name(rows.loc[row_label], lang)} · {translate(layer.label, lang)}"
            found.append((float(distance.loc[row_label]), f"{other_key}:{row_label}", name))
    return [(other, name) for _, other, name in sorted(found)]


def label_key(layer: Layer, rows: pd.DataFrame) -> str:
    """The catalog key of the layer's name: "(eksempeldata)" only while `rows` (its table, or
    the rows shown) include sample rows."""
    if layer.sample_label is not None and schema.includes_sample(rows):
        return layer.sample_label
    return layer.label
