"""Nabolagspotten: small grants by zone, year and category; applied against granted; on the map.

Everything shown or downloaded here passes through geo.analysis.privacy.public_grants first:
organisations only, no person's name, e-mail address or phone number.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import page, state
from components.charts.grants import applied_granted_chart
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.i18n.share_format import percent
from components.maps import programme as page_map
from components.maps.legend import legend
from components.maps.overview import PointLayer
from geo.analysis import privacy
from geo.build import browser as prepare
from geo.schema import GrantStatus, Level

lang = state.lang()
# Paul Tol's "bright" scheme for the grant categories (free text in the data, so assigned in
# sorted order); grey for any beyond seven.
CATEGORY_PALETTE = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"]


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


tables = page.tables_or_stop(lang)
areas = tables["areas"]
zones = areas[areas["level"] == Level.LEVEKARSSONE]
zone_names: dict[str, str] = dict(zip(zones["area_id"], zones["name"], strict=True))
grants = privacy.public_grants(tables["grants"])  # the only view of the grants on this page

st.title(t("grants.title"))
st.markdown(t("grants.intro"))
page.sample_notice(lang)
st.caption(t("grants.privacy"))

with st.container(border=True):
    zone_col, year_col, category_col = st.columns(3)
    zone_ids = sorted(set(grants["area_id"]), key=lambda a: zone_names.get(a, a))
    chosen_zones = zone_col.multiselect(
        t("grants.zone"),
        zone_ids,
        format_func=lambda a: zone_names.get(a, a),
        key="npt_zone",
        placeholder=t("grants.any"),
    )
    years = sorted(int(y) for y in set(grants["year"]))
    chosen_years = year_col.multiselect(
        t("grants.year"), years, key="npt_year", placeholder=t("grants.any")
    )
    categories = sorted(set(grants["category"]))
    chosen_categories = category_col.multiselect(
        t("grants.category"), categories, key="npt_category", placeholder=t("grants.any")
    )

shown = grants
if chosen_zones:
    shown = shown[shown["area_id"].isin(chosen_zones)]
if chosen_years:
    shown = shown[shown["year"].isin(chosen_years)]
if chosen_categories:
    shown = shown[shown["category"].isin(chosen_categories)]
funded = shown[shown["status"] == GrantStatus.INNVILGET]

applied, granted = shown["amount_applied"].sum(), shown["amount_granted"].sum()
columns = st.columns(4)
columns[0].metric(t("grants.applications"), fmt.number(len(shown), lang))
columns[1].metric(
    t("grants.funded"),
    fmt.number(len(funded), lang),
    help=t("grants.funded_help"),
)
columns[2].metric(t("grants.applied"), fmt.nok(applied, lang))
columns[3].metric(
    t("grants.granted"),
    fmt.nok(granted, lang),
    help=t("grants.granted_share", share=percent(granted / applied if applied else None, lang)),
)

if shown.empty:
    st.info(t("grants.none_match"))
else:
    st.header(t("grants.chart_heading"))
    dimension = st.segmented_control(
        t("grants.by"),
        ["area_id", "year", "category"],
        format_func=lambda d: t(f"grants.by_{d}"),
        default="area_id",
        key="npt_dimension",
        required=True,
    )
    dimension = dimension or "area_id"
    grouped = shown.groupby(dimension, sort=True)
    totals = pd.DataFrame(
        {
            "applications": grouped.size(),
            "funded": grouped["status"].apply(lambda s: int((s == GrantStatus.INNVILGET).sum())),
            "applied": grouped["amount_applied"].sum(),
            "granted": grouped["amount_granted"].sum(),
        }
    ).reset_index()
    totals["label"] = [
        zone_names.get(k, k) if dimension == "area_id" else str(k) for k in totals[dimension]
    ]
    totals["applied_text"] = [fmt.nok(v, lang) for v in totals["applied"]]
    totals["granted_text"] = [fmt.nok(v, lang) for v in totals["granted"]]
    chart_col, table_col = st.columns([3, 2], gap="medium")
    with chart_col:
        st.altair_chart(
            applied_granted_chart(
                totals,
                labels={
                    "applied": t("grants.applied"),
                    "granted": t("grants.granted"),
                    "amount": t("grants.amount"),
                },
            ),
            width="stretch",
        )
    with table_col:
        st.dataframe(
            pd.DataFrame(
                {
                    t(f"grants.by_{dimension}"): totals["label"],
                    t("grants.applications"): totals["applications"],
                    t("grants.funded"): totals["funded"],
                    t("grants.applied"): totals["applied_text"],
                    t("grants.granted"): totals["granted_text"],
                }
            ),
            hide_index=True,
            width="stretch",
        )

    st.header(t("grants.map_heading"))
    colours = {
        category: CATEGORY_PALETTE[min(i, len(CATEGORY_PALETTE) - 1)]
        for i, category in enumerate(categories)
    }
    map_col, list_col = st.columns([1, 1], gap="medium")
    with map_col:
        layer = PointLayer(
            name=t("grants.map_layer"),
            data=prepare.to_browser_geojson(
                funded.assign(name=funded["organisation"], type_label=funded["title"]),
                ["grant_id", "name", "type_label", "category"],
            ),
            colour_by="category",
            colours=colours,
            marker="projects",
        )
        page_map.show(page_map.programme_map(lang=lang, points=[layer]), key="npt_map")
        legend(
            t("grants.legend"),
            [(colours[c], c) for c in categories if c in set(funded["category"])],
        )
        st.caption(t("grants.map_caption"))
    with list_col:
        listing = pd.DataFrame(
            {
                t("grants.year"): shown["year"].astype(int),
                t("grants.zone"): shown["area_id"].map(zone_names),
                t("grants.organisation"): shown["organisation"],
                t("grants.initiative"): shown["title"],
                t("grants.category"): shown["category"],
                t("grants.applied"): shown["amount_applied"].astype(float),
                t("grants.granted"): shown["amount_granted"].astype(float),
                t("grants.status"): [enum_label("grant_status", s, lang) for s in shown["status"]],
            }
        ).sort_values([t("grants.year"), t("grants.zone")], ascending=[False, True])
        styled = listing.style.format(
            {
                t("grants.applied"): lambda v: fmt.nok(v, lang),
                t("grants.granted"): lambda v: fmt.nok(v, lang),
            }
        )
        st.dataframe(styled, hide_index=True, width="stretch", height=520)
        download = listing.assign(**{t("grants.source"): shown["source"]}).to_csv(index=False)
        st.download_button(
            t("grants.download"),
            data=download.encode("utf-8"),
            file_name="nabolagspotten.csv",
            mime="text/csv",
            icon=":material/download:",
            key="npt_download",
        )

page.footer(lang)
