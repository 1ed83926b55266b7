"""The presentation's slides: the programme, one focus zone, targets, portfolio and risks.

Each function draws one slide from the figures of geo/analysis/slides.py; texts come from
presentasjon.toml. The deck around them (slide number, buttons, keys) is
components/modes/deck.py. A sample figure, project or risk carries its mark in its own text
(components.sample_mark), so an audience cannot read it as real; the target statuses are the
words of the Gevinstrealisering page (components.indicators.benefits.status_labels).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import a11y, page, sample_mark
from components.charts.slides import TARGET_STATUS_COLOURS, stacked_bars
from components.i18n import format as fmt
from components.indicators import population as population_text
from components.indicators.benefits import status_labels
from components.maps.style import STATUS_COLOURS
from geo import schema
from geo.analysis import overview
from geo.analysis import slides as figures
from geo.schema import Goal, ProjectStatus


def programme(*, view: page.Page, focus: list[figures.ZoneFigures]) -> None:
    """The opening slide: the programme and a column of headline figures per focus zone."""
    t = view.t
    st.title(t("presentation.programme.title"))
    st.markdown(t("presentation.programme.lead"))
    for column, zone in zip(st.columns(len(focus)), focus, strict=True):
        with column, st.container(border=True, gap="xsmall"):
            st.subheader(zone.name)
            _zone_metrics(view, zone)
    page.sample_notice(view.lang)


# as many indicator rows as fit a 1080-pixel slide beside the zone's figures, caption included
_ZONE_ROWS = 11


def focus_zone(
    *, view: page.Page, zone: figures.ZoneFigures, tables: dict[str, pd.DataFrame]
) -> None:
    """One focus zone: its figures beside its newest indicator values and Trondheim's."""
    t, lang = view.t, view.lang
    st.title(t("presentation.zone.title", name=zone.name))
    left, right = st.columns([1, 2], gap="large")
    with left:
        _zone_metrics(view, zone)
    with right:
        st.subheader(t("presentation.zone.indicators"))
        indicators = figures.zone_indicators(zone.area_id, tables)
        name_column = "name_nb" if lang == "nb" else "name_en"
        every = indicators[indicators["indicator_id"] != overview.POPULATION]
        rows = every.head(_ZONE_ROWS)  # real indicators come first: those are kept
        table = {
            t("presentation.zone.indicator"): rows[name_column].tolist(),
            zone.name: [
                sample_mark.mark_if(fmt.indicator_value(v, False, u, lang), bool(sample), lang)
                for v, u, sample in zip(
                    rows["zone_value"], rows["unit"], rows["is_sample"], strict=True
                )
            ],
            t("presentation.zone.trondheim"): [
                sample_mark.mark_if(fmt.indicator_value(v, False, u, lang), bool(sample), lang)
                for v, u, sample in zip(
                    rows["kommune_value"], rows["unit"], rows["is_sample"], strict=True
                )
            ],
            t("presentation.zone.year"): [str(int(y)) for y in rows["year"]],
        }
        st.table(_frame(table))
        st.caption(t("presentation.zone.caption"))
        if len(every) > len(rows):
            st.caption(t("presentation.zone.more", shown=len(rows), total=len(every)))


def targets(*, view: page.Page, tables: dict[str, pd.DataFrame]) -> None:
    """Targets per focus zone: reached, on track or behind, as bars and as a table."""
    t, lang = view.t, view.lang
    st.title(_sample_title(view, "presentation.targets.title", tables["targets"]))
    status = figures.target_status(tables)
    counts = figures.status_counts(status)
    labels = status_labels(view)
    data = counts.assign(status=counts["status"].map(labels))
    titles = {
        "zone": t("chart.zone"),
        "status": t("presentation.targets.status_title"),
        "count": t("presentation.targets.count"),
    }
    chart = stacked_bars(
        data,
        category="zone",
        stack="status",
        value="count",
        stack_order=[labels[c] for c in figures.TARGET_STATUSES],
        colours=[TARGET_STATUS_COLOURS[c] for c in figures.TARGET_STATUSES],
        titles=titles,
    )
    st.altair_chart(chart, width="stretch", theme=None)  # keep the slide's large type
    summary = "; ".join(
        t(
            "presentation.targets.summary_zone",
            zone=zone,
            reached=fmt.number(_count(counts, zone, "reached"), lang),
            on_track=fmt.number(_count(counts, zone, "on_track"), lang),
            behind=fmt.number(_count(counts, zone, "behind"), lang),
        )
        for zone in sorted(counts["zone"].unique())
    )
    name_column = "name_nb" if lang == "nb" else "name_en"
    table = {
        t("chart.zone"): status["zone"].tolist(),
        t("presentation.zone.indicator"): status[name_column].tolist(),
        t("presentation.targets.baseline"): [
            f"{fmt.indicator_value(v, False, u, lang)} ({y})"
            for v, u, y in zip(
                status["baseline_value"], status["unit"], status["baseline_year"], strict=True
            )
        ],
        t("presentation.targets.latest"): [
            "–" if y is None or y != y else f"{fmt.indicator_value(v, False, u, lang)} ({int(y)})"
            for v, u, y in zip(status["value"], status["unit"], status["year"], strict=True)
        ],
        t("presentation.targets.target"): [
            f"{fmt.indicator_value(v, False, u, lang)} ({y})"
            for v, u, y in zip(
                status["target_value"], status["unit"], status["target_year"], strict=True
            )
        ],
        t("presentation.targets.status_title"): status["status"].map(labels).tolist(),
    }
    a11y.chart_alternative(
        t("presentation.targets.summary", zones=summary),
        _frame(table).reset_index(),
        table_label=t("presentation.table_view"),
    )
    st.caption(t("benefits.rule"))  # the rule the Gevinstrealisering page states


def portfolio(*, view: page.Page, tables: dict[str, pd.DataFrame]) -> None:
    """Projects by goal and status, and the budget by source of funding."""
    t, lang = view.t, view.lang
    st.title(_sample_title(view, "presentation.portfolio.title", tables["projects"]))
    grouped = figures.portfolio(tables)
    goal_labels = {g.value: view.enum("goal", g) for g in Goal}
    status_labels = {s.value: view.enum("status", s) for s in ProjectStatus}
    data = grouped.assign(
        goal=grouped["goal"].map(goal_labels), status=grouped["status"].map(status_labels)
    )
    left, right = st.columns([2, 1], gap="large")
    with left:
        chart = stacked_bars(
            data,
            category="goal",
            stack="status",
            value="count",
            stack_order=[status_labels[s.value] for s in ProjectStatus],
            colours=[STATUS_COLOURS[s] for s in ProjectStatus],
            titles={
                "goal": t("presentation.portfolio.goal"),
                "status": t("map.status"),
                "count": t("presentation.portfolio.count"),
            },
        )
        st.altair_chart(chart, width="stretch", theme=None)
        per_goal = data.groupby("goal", sort=False)["count"].sum()
        a11y.chart_alternative(
            t(
                "presentation.portfolio.summary",
                total=fmt.number(int(data["count"].sum()), lang),
                goals="; ".join(f"{g}: {fmt.number(int(n), lang)}" for g, n in per_goal.items()),
            ),
            _frame(
                {
                    t("presentation.portfolio.goal"): data["goal"].tolist(),
                    t("map.status"): data["status"].tolist(),
                    t("presentation.portfolio.count"): [fmt.number(n, lang) for n in data["count"]],
                    t("presentation.portfolio.budget"): [
                        fmt.nok(b, lang) for b in data["budget_nok"]
                    ],
                }
            ).reset_index(),
            table_label=t("presentation.table_view"),
        )
    with right:
        st.subheader(t("presentation.portfolio.funding"))
        funding = figures.funding(tables)
        st.table(
            _frame(
                {
                    t("presentation.portfolio.source"): [
                        view.enum("funding", f) for f in funding["funding"]
                    ],
                    t("presentation.portfolio.budget"): [
                        fmt.nok(b, lang) for b in funding["budget_nok"]
                    ],
                }
            )
        )


def risks(*, view: page.Page, tables: dict[str, pd.DataFrame]) -> None:
    """The risk register: each risk's area, score and trend."""
    t = view.t
    st.title(_sample_title(view, "presentation.risks.title", tables["risks"]))
    register = figures.risk_register(tables)
    table = {
        t("presentation.risks.risk"): [
            sample_mark.mark_if(title, bool(sample), view.lang)
            for title, sample in zip(register["title"], register["is_sample"], strict=True)
        ],
        t("presentation.risks.area"): [view.enum("risk_area", a) for a in register["risk_area"]],
        t("presentation.risks.score"): [
            t("presentation.risks.score_value", score=s, likelihood=lk, consequence=c)
            for s, lk, c in zip(
                register["score"], register["likelihood"], register["consequence"], strict=True
            )
        ],
        t("presentation.risks.trend"): [
            fmt.risk_trend(trend, view.lang) for trend in register["trend"]
        ],
        t("presentation.risks.status"): [fmt.risk_status(s, view.lang) for s in register["status"]],
    }
    st.table(_frame(table))
    st.caption(t("presentation.risks.caption"))


def _zone_metrics(view: page.Page, zone: figures.ZoneFigures) -> None:
    t, lang = view.t, view.lang
    population = zone.population
    # the year is in the explanation below, not a caption line: a slide has no room for it
    st.metric(t("population.label"), population_text.headline(population, lang))
    population_text.how(population, zone.population_context, lang)
    # While the projects are examples, the mark sits in the figure itself.
    projects = view.tables["projects"]
    sample = schema.includes_sample(projects[projects["area_id"] == zone.area_id])
    projects_text = sample_mark.mark_if(fmt.number(zone.n_projects, lang), sample, lang)
    st.metric(t("presentation.projects"), projects_text)
    st.caption(
        t(
            "presentation.projects_detail",
            running=fmt.number(zone.n_projects_running, lang),
            budget=fmt.nok(zone.budget_nok, lang),
        )
    )
    st.metric(t("presentation.places"), fmt.number(zone.n_places, lang))


def _sample_title(view: page.Page, key: str, table: pd.DataFrame) -> str:
    """The slide's title, marked when what it shows is sample data."""
    title = view.t(key)
    is_sample = bool(len(table)) and bool(table["is_sample"].all())
    return sample_mark.mark(title, view.lang) if is_sample else title


def _frame(columns: dict[str, list[str]]) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    return frame.set_index(frame.columns[0])


def _count(counts: pd.DataFrame, zone: str, status: str) -> int:
    row = counts[(counts["zone"] == zone) & (counts["status"] == status)]
    return int(row["count"].sum())
