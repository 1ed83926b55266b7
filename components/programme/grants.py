"""The Nabolagspotten page's sections: filters, key figures, totals per group, map and list.

They get the grants after geo.analysis.privacy.public_grants: organisations only, no person's
name, e-mail address or phone number.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import page, sample_mark
from components.charts.grants import applied_granted_chart
from components.downloads import download_button
from components.i18n import format as fmt
from components.i18n.format import percent
from components.maps import programme as page_map
from components.maps.legend import legend
from components.maps.overview import PointLayer
from geo import schema
from geo.analysis import grants as grant_analysis
from geo.build import browser as prepare

# Paul Tol's "bright" scheme for the grant categories (free text in the data, so assigned in
# sorted order); grey for any beyond seven.
CATEGORY_PALETTE = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"]


def grant_filters(*, view: page.Page, grants: pd.DataFrame) -> pd.DataFrame:
    """Zone, year and category filters ("npt_*") and the grants they leave."""
    t = view.t
    with st.container(border=True):
        zone_col, year_col, category_col = st.columns(3)
        zones = view.zone_filter(
            zone_col,
            t("grants.zone"),
            grants["area_id"],
            key="npt_zone",
            placeholder=t("grants.any"),
        )
        years = year_col.multiselect(
            t("grants.year"),
            sorted(int(y) for y in set(grants["year"])),
            key="npt_year",
            placeholder=t("grants.any"),
        )
        categories = category_col.multiselect(
            t("grants.category"),
            sorted(set(grants["category"])),
            key="npt_category",
            placeholder=t("grants.any"),
        )
    return grant_analysis.filter_grants(grants, area_ids=zones, years=years, categories=categories)


def key_figures(*, view: page.Page, shown: pd.DataFrame) -> None:
    """Applications, funded, amounts applied for and granted."""
    t, lang = view.t, view.lang
    applied, granted = shown["amount_applied"].sum(), shown["amount_granted"].sum()
    columns = st.columns(4)
    columns[0].metric(t("grants.applications"), fmt.number(len(shown), lang))
    columns[1].metric(
        t("grants.funded"),
        fmt.number(len(grant_analysis.funded(shown)), lang),
        help=t("grants.funded_help"),
    )
    columns[2].metric(t("grants.applied"), fmt.nok(applied, lang))
    columns[3].metric(
        t("grants.granted"),
        fmt.nok(granted, lang),
        help=t("grants.granted_share", share=percent(granted / applied if applied else None, lang)),
    )


def totals(*, view: page.Page, shown: pd.DataFrame) -> None:
    """Applied against granted by zone, year or category ("npt_dimension"), chart and table."""
    t, lang = view.t, view.lang
    st.header(t("grants.chart_heading"))
    dimension = st.segmented_control(
        t("grants.by"),
        list(grant_analysis.DIMENSIONS),
        format_func=lambda d: t(f"grants.by_{d}"),
        default="area_id",
        key="npt_dimension",
        required=True,
    )
    dimension = dimension or "area_id"
    sums = grant_analysis.totals_by(shown, dimension)
    sums["label"] = [
        view.zone_names.get(k, k) if dimension == "area_id" else str(k) for k in sums[dimension]
    ]
    sums["applied_text"] = [fmt.nok(v, lang) for v in sums["applied"]]
    sums["granted_text"] = [fmt.nok(v, lang) for v in sums["granted"]]
    chart_col, table_col = st.columns([3, 2], gap="medium")
    with chart_col:
        st.altair_chart(
            applied_granted_chart(
                sums,
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
                    t(f"grants.by_{dimension}"): sums["label"],
                    t("grants.applications"): sums["applications"],
                    t("grants.funded"): sums["funded"],
                    t("grants.applied"): sums["applied_text"],
                    t("grants.granted"): sums["granted_text"],
                }
            ),
            hide_index=True,
            width="stretch",
        )


def map_and_list(*, view: page.Page, shown: pd.DataFrame, categories: list[str]) -> None:
    """The funded grants on the map, coloured by category; every shown grant listed, as CSV."""
    t = view.t
    st.header(t("grants.map_heading"))
    colours = {
        category: CATEGORY_PALETTE[min(i, len(CATEGORY_PALETTE) - 1)]
        for i, category in enumerate(categories)
    }
    funded = grant_analysis.funded(shown)
    map_col, list_col = st.columns([1, 1], gap="medium")
    with map_col:
        layer = PointLayer(
            name=t(
                "grants.map_layer_sample" if schema.includes_sample(funded) else "grants.map_layer"
            ),
            data=prepare.to_browser_geojson(
                funded.assign(
                    name=[
                        sample_mark.mark_if(str(o), bool(s), view.lang)
                        for o, s in zip(funded["organisation"], funded["is_sample"], strict=True)
                    ],
                    type_label=funded["title"],
                ),
                ["grant_id", "name", "type_label", "category"],
            ),
            colour_by="category",
            colours=colours,
            marker="projects",
        )
        page_map.show(page_map.programme_map(lang=view.lang, points=[layer]), key="npt_map")
        legend(
            t("grants.legend"),
            [(colours[c], c) for c in categories if c in set(funded["category"])],
        )
        st.caption(t("grants.map_caption"))
    with list_col:
        _listing(view, shown)


def _listing(view: page.Page, shown: pd.DataFrame) -> None:
    t, lang = view.t, view.lang
    listing = pd.DataFrame(
        {
            t("grants.year"): shown["year"].astype(int),
            t("grants.zone"): shown["area_id"].map(view.zone_names),
            t("grants.organisation"): shown["organisation"],
            t("grants.initiative"): shown["title"],
            t("grants.category"): shown["category"],
            t("grants.applied"): shown["amount_applied"].astype(float),
            t("grants.granted"): shown["amount_granted"].astype(float),
            t("grants.status"): [view.enum("grant_status", s) for s in shown["status"]],
        }
    ).sort_values([t("grants.year"), t("grants.zone")], ascending=[False, True])
    styled = listing.style.format(
        {
            t("grants.applied"): lambda v: fmt.nok(v, lang),
            t("grants.granted"): lambda v: fmt.nok(v, lang),
        }
    )
    st.dataframe(styled, hide_index=True, width="stretch", height=520)
    download_button(
        t("grants.download"),
        listing.assign(**{t("grants.source"): shown["source"]}),
        fmt="csv",
        file_stem="nabolagspotten",
        key="npt_download",
    )
