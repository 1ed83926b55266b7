"""Indikatorer: the catalog by goal; one indicator and year on a map, ranked, over time, as a
table; a zone against Trondheim; honest change with 95 % intervals. Values are suppressed in
geo/ before they get here (components.indicators.data)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import page, state
from components.charts import indicators as indicator_charts
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.indicators import data as indicator_data
from components.indicators import view
from components.maps.choropleth import choropleth_legend, legend_entries
from geo.analysis import indicators
from geo.schema import Direction, Goal, Level

lang = state.lang()
RANKING_KEY = "indicator_ranking"


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


tables = page.tables_or_stop(lang)
areas = tables["areas"]
catalog = tables["indicators"].set_index("indicator_id", drop=False)
values = indicator_data.suppressed_values()
zones = areas[areas["level"] == Level.LEVEKARSSONE]
names = dict(zip(areas["area_id"], areas["name"], strict=True))
kommune = view.kommune_id(areas)
focus_ids = zones.loc[zones["is_focus"], "area_id"].tolist()
comparison_ids = zones.loc[~zones["is_focus"] & zones["programme"].notna(), "area_id"].tolist()

st.title(t("indicators.title"))
st.markdown(t("indicators.intro"))
page.sample_notice(lang)

goal_order = [g.value for g in Goal]
ordered = sorted(
    catalog["indicator_id"],
    key=lambda i: (goal_order.index(catalog.loc[i, "goal"]), bool(catalog.loc[i, "is_sample"]), i),
)
if "ind_indicator" not in st.session_state or st.session_state["ind_indicator"] not in ordered:
    wanted = st.query_params.get("indicator")
    st.session_state["ind_indicator"] = wanted if wanted in ordered else "trangbodde"
    if st.session_state["ind_indicator"] not in ordered:
        st.session_state["ind_indicator"] = ordered[0]

tab_view, tab_catalog = st.tabs([t("indicators.tab_view"), t("indicators.tab_catalog")])


def _catalog() -> None:
    for goal in Goal:
        st.subheader(enum_label("goal", goal, lang))
        for indicator_id in [i for i in ordered if catalog.loc[i, "goal"] == goal]:
            spec = catalog.loc[indicator_id]
            span = indicators.years(values, indicator_id)
            level = view.level_of(values, areas, indicator_id)
            with st.container(border=True):
                st.markdown(f"**{view.esc(view.name(spec, lang))}**")
                view.provenance_badge(bool(spec["is_sample"]), lang)
                st.markdown(view.esc(view.definition(spec, lang)))
                st.caption(
                    t(
                        "indicators.catalog_line",
                        unit=view.unit_label(str(spec["unit"]), lang),
                        years=f"{span[0]}–{span[-1]}" if span else "–",
                        direction=enum_label("direction", str(spec["direction"]), lang),
                        level=t(f"level.{level}") if level else "–",
                        threshold=int(spec["suppression_threshold"]),
                    )
                )
                st.caption(t("indicators.source", source=view.esc(spec["source"])))


with tab_catalog:
    _catalog()


def _role(area_id: str) -> str:
    if area_id in marked_focus:
        return "focus"
    if area_id in marked_comparison:
        return "comparison"
    return "other"


with tab_view:
    pick, year_column = st.columns([3, 1])
    with pick:
        indicator_id = st.selectbox(
            t("indicators.pick"),
            ordered,
            key="ind_indicator",
            format_func=lambda i: (
                f"{enum_label('goal', str(catalog.loc[i, 'goal']), lang)} · "
                f"{view.name(catalog.loc[i], lang)}"
            ),
        )
    st.query_params["indicator"] = indicator_id
    spec = catalog.loc[indicator_id]
    unit = str(spec["unit"])
    direction = str(spec["direction"])
    available = indicators.years(values, indicator_id)
    with year_column:
        year = st.selectbox(t("indicators.year"), available[::-1], key=f"ind_year_{indicator_id}")
    level = view.level_of(values, areas, indicator_id) or Level.LEVEKARSSONE
    level_areas = areas[areas["level"] == level]
    marked_focus = {view.ancestor_at(a, level, areas) for a in focus_ids}
    marked_comparison = {view.ancestor_at(a, level, areas) for a in comparison_ids}

    heading = st.container()
    heading.markdown(f"### {view.esc(view.name(spec, lang))}")
    with heading:
        view.provenance_badge(bool(spec["is_sample"]), lang)
    st.markdown(view.esc(view.definition(spec, lang)))
    st.caption(
        t(
            "indicators.about",
            unit=view.unit_label(unit, lang),
            direction=enum_label("direction", direction, lang),
            source=view.esc(spec["source"]),
        )
    )
    if level != Level.LEVEKARSSONE:
        st.info(t("indicators.level_note", level=t(f"level.{level}")), icon=":material/info:")

    rows = indicators.year_values(values, indicator_id, year)
    rows = rows[rows["area_id"].isin(set(level_areas["area_id"]))]
    rows = rows.assign(
        name=rows["area_id"].map(names),
        text=[view.value_text(r.value, bool(r.suppressed), unit, lang) for r in rows.itertuples()],
        role=rows["area_id"].map(_role),
    )
    reference_row = indicators.year_values(values, indicator_id, year)
    reference_row = reference_row[reference_row["area_id"] == kommune]
    reference = (
        float(reference_row["value"].iloc[0])
        if not reference_row.empty and not bool(reference_row["suppressed"].iloc[0])
        else None
    )
    hidden_count = int(rows["suppressed"].sum())

    @st.fragment
    def linked() -> None:
        """Map, comparison and ranking follow a click together; the rest stays."""
        selected = state.selected_zone(zones["area_id"])
        highlight = view.ancestor_at(selected, level, areas) if selected else None
        map_column, side = st.columns([3, 2], gap="medium")
        with map_column:
            st.subheader(t("indicators.map_heading", year=year))
            classes = view.choropleth_widget(
                key=f"indicator_map_{level}",
                level=level,
                rows=rows,
                direction=direction,
                unit=unit,
                labels={
                    "zone": t(f"level.{level}").capitalize(),
                    "value": f"{view.name(spec, lang)} ({year})",
                },
                lang=lang,
                selected=selected if level == Level.LEVEKARSSONE else None,
                on_zone_click=state.select_zone if level == Level.LEVEKARSSONE else None,
            )
            st.caption(
                t("indicators.map_help")
                if level == Level.LEVEKARSSONE
                else t("indicators.map_help_level")
            )
        with side:
            choropleth_legend(
                view.name(spec, lang),
                legend_entries(classes, lambda v: fmt.number(v, lang, view.decimals(unit))),
                note=t("indicators.legend_note", unit=view.unit_label(unit, lang), year=year),
                hidden_label=t("indicator.suppressed"),
                worse_label=t(
                    "indicators.legend_darker"
                    if direction != Direction.NEUTRAL
                    else "indicators.legend_darker_neutral"
                ),
            )
            if hidden_count:
                st.caption(t("indicators.hidden_count", count=hidden_count))
            _comparison(selected, highlight)
        st.subheader(t("indicators.ranking_heading", year=year))
        chart = indicator_charts.ranked_bars(
            rows,
            reference=reference,
            reference_label=f"Trondheim {view.value_text(reference, False, unit, lang)}",
            titles={"value": view.unit_label(unit, lang), "area": t("chart.zone")},
            role_labels=_role_labels(),
            selected=highlight,
        )
        linkable = level == Level.LEVEKARSSONE
        st.altair_chart(
            indicator_charts.localised(chart, lang),  # type: ignore[arg-type]
            width="stretch",
            key=RANKING_KEY,
            on_select=_ranking_picked if linkable else "ignore",
            selection_mode=indicator_charts.PICK if linkable else None,
        )
        st.caption(
            t("indicators.ranking_caption")
            + (" " + t("indicators.ranking_click") if linkable else "")
        )

    def _ranking_picked() -> None:
        """A click on a bar selects that zone, as a click on the map does."""
        event = st.session_state.get(RANKING_KEY) or {}
        points = (event.get("selection") or {}).get(indicator_charts.PICK) or []
        if points and isinstance(points[0], dict) and points[0].get("area_id"):
            state.select_zone(str(points[0]["area_id"]))

    def _comparison(selected: str | None, highlight: str | None) -> None:
        shown = [highlight] if highlight else sorted(marked_focus - {None}, key=names.get)
        st.markdown(f"**{t('indicators.compare_heading')}**")
        if selected:
            st.caption(t("indicators.selected_zone", name=view.esc(names[selected])))
        compared = indicators.compare(values, indicator_id, year, shown, kommune)
        for row in compared.itertuples():
            label = view.esc(names[row.area_id])
            if row.suppressed:
                st.metric(label, t("indicator.suppressed"))
                continue
            st.metric(
                label,
                view.value_text(row.value, False, unit, lang),
                delta=(
                    t(
                        "indicators.delta",
                        difference=_difference_text(row.difference),
                        index=fmt.number(row.index, lang, 0),
                    )
                    if row.difference == row.difference
                    else None
                ),
                delta_color="off",
            )
        st.caption(
            t(
                "indicators.compare_caption",
                value=view.value_text(reference, reference is None, unit, lang)
                if reference is not None
                else "–",
            )
        )
        if selected:
            st.button(
                t("indicators.clear_selection"),
                icon=":material/close:",
                on_click=state.select_zone,
                args=(None,),
                key="ind_clear",
            )

    def _difference_text(difference: float) -> str:
        if difference != difference:
            return "–"
        if unit in view.PERCENT_UNITS:
            return t("indicators.points", value=view.points_text(difference, lang))
        return view.signed_count(difference, lang)

    def _role_labels() -> dict[str, str]:
        return {
            "focus": t("indicators.role_focus"),
            "comparison": t("indicators.role_comparison"),
            "reference": "Trondheim",
            "other": t("indicators.role_other"),
        }

    linked()

    st.subheader(t("indicators.series_heading"))
    series_ids = [*sorted(marked_focus - {None}), *sorted(marked_comparison - {None}), kommune]
    series = indicators.series(values, indicator_id, series_ids)
    series = series.assign(
        name=series["area_id"].map(names).where(series["area_id"] != kommune, "Trondheim"),
        text=[
            view.value_text(r.value, bool(r.suppressed), unit, lang) for r in series.itertuples()
        ],
        role=[
            "reference" if a == kommune else ("comparison" if a in marked_comparison else "focus")
            for a in series["area_id"]
        ],
    )
    has_counts = unit in view.PERCENT_UNITS and series["denominator"].notna().any()
    view.show_chart(
        lang,
        indicator_charts.series_lines(
            series,
            titles={
                "year": t("chart.year"),
                "value": view.unit_label(unit, lang),
                "area": t("chart.zone"),
            },
            role_labels=_role_labels(),
        ),
        width="stretch",
    )
    st.caption(t("indicators.series_caption_ci") if has_counts else t("indicators.series_caption"))

    if has_counts and len(available) > 1:
        baseline_year = 2022 if 2022 in available and available[-1] > 2022 else available[0]
        latest_year = available[-1]
        st.subheader(t("indicators.change_heading", start=baseline_year, end=latest_year))
        changes = [
            indicators.change(values, indicator_id, area_id, baseline_year, latest_year, direction)
            for area_id in series_ids
        ]
        change_rows = pd.DataFrame(
            {
                "name": [
                    "Trondheim" if c.area_id == kommune else names[c.area_id] for c in changes
                ],
                "difference": [c.difference for c in changes],
                "low": [c.difference_ci[0] for c in changes],
                "high": [c.difference_ci[1] for c in changes],
                "verdict": [c.verdict.value for c in changes],
                "text": [
                    t(
                        "indicators.change_text",
                        difference=view.points_text(c.difference, lang),
                        low=view.points_text(c.difference_ci[0], lang),
                        high=view.points_text(c.difference_ci[1], lang),
                    )
                    for c in changes
                ],
            }
        )
        verdicts = {v.value: t(f"indicator.verdict_{v.value}") for v in indicators.Verdict}
        view.show_chart(
            lang,
            indicator_charts.change_intervals(
                change_rows,
                titles={
                    "area": t("chart.zone"),
                    "difference": t("indicators.change_axis"),
                    "verdict": t("indicators.verdict"),
                },
                verdict_labels=verdicts,
            ),
            width="stretch",
        )
        sentences = []
        for c, row in zip(changes, change_rows.itertuples(), strict=True):
            if c.verdict is indicators.Verdict.NO_DATA:
                sentences.append(f"- **{view.esc(row.name)}**: {t('indicators.change_no_data')}")
                continue
            sentences.append(
                "- "
                + t(
                    "indicators.change_sentence",
                    name=view.esc(row.name),
                    start=view.value_text(c.baseline, False, unit, lang),
                    start_low=fmt.number(c.baseline_ci[0], lang, 1),
                    start_high=fmt.number(c.baseline_ci[1], lang, 1),
                    end=view.value_text(c.latest, False, unit, lang),
                    end_low=fmt.number(c.latest_ci[0], lang, 1),
                    end_high=fmt.number(c.latest_ci[1], lang, 1),
                    change=row.text,
                    verdict=verdicts[c.verdict.value],
                )
            )
        st.markdown("\n".join(sentences))
        st.caption(t("indicators.change_method"))

    st.subheader(t("indicators.table_heading", year=year))
    compared_all = indicators.compare(
        values, indicator_id, year, rows["area_id"].tolist(), kommune
    ).set_index("area_id")
    table = pd.DataFrame(
        {
            t("chart.zone"): rows["name"].to_numpy(),
            t("indicators.col_value"): rows["text"].to_numpy(),
            t("indicators.col_n"): [
                "" if n != n else fmt.number(n, lang) for n in rows["denominator"]
            ],
            t("indicators.col_difference"): [
                _difference_text(compared_all.loc[a, "difference"]) for a in rows["area_id"]
            ],
            t("indicators.col_index"): [
                fmt.number(compared_all.loc[a, "index"], lang, 0) for a in rows["area_id"]
            ],
            t("indicators.col_role"): rows["role"].map(_role_labels()).to_numpy(),
            "_sort": rows["value"].fillna(-1e18).to_numpy(),
        }
    ).sort_values("_sort", ascending=False)
    st.dataframe(table.drop(columns="_sort"), hide_index=True, width="stretch")
    download = indicators.for_download(
        values[(values["indicator_id"] == indicator_id)], t("indicator.suppressed")
    )
    download.insert(2, "area_name", download["area_id"].map(names))
    st.download_button(
        t("indicators.download"),
        data=download.to_csv(index=False).encode("utf-8"),
        file_name=f"{indicator_id}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    st.caption(t("indicators.suppression_rule"))

page.footer(lang)
