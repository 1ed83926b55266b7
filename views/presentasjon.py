"""Presentasjon: slides for a meeting, one permalink each (?mode=presentasjon&slide=N).

The programme, each focus zone's profile, targets status, the portfolio and the risks. The
arrow keys (and Page Up/Down, as a presenter's clicker sends) move between slides, as do the
buttons under each slide. Figures come from geo/analysis/slides.py; texts from presentasjon.toml.
"""

from __future__ import annotations

import streamlit as st

from components import a11y, modes, page, state
from components.charts.slides import TARGET_STATUS_COLOURS, stacked_bars
from components.i18n import enum_label, translate
from components.i18n import format as fmt
from components.indicators.data import suppressed_values
from components.maps.style import STATUS_COLOURS
from geo.analysis import overview, slides
from geo.schema import Goal, ProjectStatus

lang = state.lang()


def t(key: str, **values: object) -> str:
    return translate(key, lang, **values)


# Indicator cells that rest on too few people are hidden here as everywhere
# (geo.analysis.indicators).
tables = {**page.tables_or_stop(lang), "indicator_values": suppressed_values()}
focus = slides.focus_figures(tables)
SLIDES = ["programme", *(zone.area_id for zone in focus), "targets", "portfolio", "risks"]
_PARAM = "slide"


def _current() -> int:
    """The slide in the URL (1-based there), clamped; 0-based here."""
    try:
        number = int(st.query_params.get(_PARAM, "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), len(SLIDES)) - 1


def _go(index: int) -> None:
    st.query_params[_PARAM] = str(min(max(index, 0), len(SLIDES) - 1) + 1)


def _title(slide: str) -> str:
    if slide in {zone.area_id for zone in focus}:
        return next(zone.name for zone in focus if zone.area_id == slide)
    return t(f"presentation.{slide}.title")


# --- slides -----------------------------------------------------------------------------------


def _programme() -> None:
    st.title(t("presentation.programme.title"))
    st.markdown(t("presentation.programme.lead"))
    for column, zone in zip(st.columns(len(focus)), focus, strict=True):
        with column, st.container(border=True):
            st.subheader(zone.name)
            _zone_metrics(zone)
    page.sample_notice(lang)


def _zone_metrics(zone: slides.ZoneFigures) -> None:
    population = zone.population
    st.metric(
        t("presentation.population"),
        fmt.number(population.value if population else None, lang),
    )
    if population is not None:
        st.caption(
            t(
                "presentation.population_detail",
                level=translate(f"level.{population.level}", lang),
                area=population.area_name,
                year=population.year,
            )
        )
    st.metric(t("presentation.projects_sample"), fmt.number(zone.n_projects, lang))
    st.caption(
        t(
            "presentation.projects_detail",
            running=fmt.number(zone.n_projects_running, lang),
            budget=fmt.nok(zone.budget_nok, lang),
        )
    )
    st.metric(t("presentation.places"), fmt.number(zone.n_places, lang))


def _zone(area_id: str) -> None:
    zone = next(z for z in focus if z.area_id == area_id)
    st.title(t("presentation.zone.title", name=zone.name))
    left, right = st.columns([1, 2], gap="large")
    with left:
        _zone_metrics(zone)
    with right:
        st.subheader(t("presentation.zone.indicators"))
        indicators = slides.zone_indicators(area_id, tables)
        name_column = "name_nb" if lang == "nb" else "name_en"
        rows = indicators[indicators["indicator_id"] != overview.POPULATION]
        table = {
            t("presentation.zone.indicator"): rows[name_column].tolist(),
            zone.name: [
                _value(v, u) for v, u in zip(rows["zone_value"], rows["unit"], strict=True)
            ],
            t("presentation.zone.trondheim"): [
                _value(v, u) for v, u in zip(rows["kommune_value"], rows["unit"], strict=True)
            ],
            t("presentation.zone.year"): [str(int(y)) for y in rows["year"]],
        }
        st.table(_frame(table))
        st.caption(t("presentation.zone.caption"))
        if rows["is_sample"].any():
            st.badge(t("common.sample_badge"), color="orange", icon=":material/science:")


def _value(value: float | None, unit: str) -> str:
    text = fmt.number(value, lang, decimals=1)
    return f"{text} %" if unit == "prosent" and text != "–" else text


def _frame(columns: dict[str, list[str]]):  # noqa: ANN202 -- a pandas DataFrame
    import pandas as pd

    frame = pd.DataFrame(columns)
    return frame.set_index(frame.columns[0])


def _targets() -> None:
    st.title(t("presentation.targets.title"))
    status = slides.target_status(tables)
    counts = slides.status_counts(status)
    labels = {code: t(f"presentation.targets.status.{code}") for code in slides.TARGET_STATUSES}
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
        stack_order=[labels[c] for c in slides.TARGET_STATUSES],
        colours=[TARGET_STATUS_COLOURS[c] for c in slides.TARGET_STATUSES],
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
            f"{_value(v, u)} ({y})"
            for v, u, y in zip(
                status["baseline_value"], status["unit"], status["baseline_year"], strict=True
            )
        ],
        t("presentation.targets.latest"): [
            "–" if y is None or y != y else f"{_value(v, u)} ({int(y)})"
            for v, u, y in zip(status["value"], status["unit"], status["year"], strict=True)
        ],
        t("presentation.targets.target"): [
            f"{_value(v, u)} ({y})"
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
    page.sample_notice(lang)


def _count(counts, zone: str, status: str) -> int:  # noqa: ANN001 -- a pandas DataFrame
    row = counts[(counts["zone"] == zone) & (counts["status"] == status)]
    return int(row["count"].sum())


def _portfolio() -> None:
    st.title(t("presentation.portfolio.title"))
    grouped = slides.portfolio(tables)
    goal_labels = {g.value: enum_label("goal", g, lang) for g in Goal}
    status_labels = {s.value: enum_label("status", s, lang) for s in ProjectStatus}
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
        funding = slides.funding(tables)
        st.table(
            _frame(
                {
                    t("presentation.portfolio.source"): [
                        enum_label("funding", f, lang) for f in funding["funding"]
                    ],
                    t("presentation.portfolio.budget"): [
                        fmt.nok(b, lang) for b in funding["budget_nok"]
                    ],
                }
            )
        )
    page.sample_notice(lang)


_TREND_SYMBOLS = {"up": "↑", "down": "↓", "same": "→", "new": "•"}


def _risks() -> None:
    st.title(t("presentation.risks.title"))
    register = slides.risk_register(tables)
    table = {
        t("presentation.risks.risk"): register["title"].tolist(),
        t("presentation.risks.area"): [
            enum_label("risk_area", a, lang) for a in register["risk_area"]
        ],
        t("presentation.risks.score"): [
            t("presentation.risks.score_value", score=s, likelihood=lk, consequence=c)
            for s, lk, c in zip(
                register["score"], register["likelihood"], register["consequence"], strict=True
            )
        ],
        t("presentation.risks.trend"): [
            f"{_TREND_SYMBOLS[trend]} {t(f'presentation.risks.trend_{trend}')}"
            for trend in register["trend"]
        ],
        t("presentation.risks.status"): register["status"].tolist(),
    }
    st.table(_frame(table))
    st.caption(t("presentation.risks.caption"))
    page.sample_notice(lang)


# --- the deck -------------------------------------------------------------------------------

current = _current()
_go(current)  # a missing or out-of-range ?slide= is written back as the slide shown
slide = SLIDES[current]

top_left, top_middle, top_right = st.columns([6, 2, 2], vertical_alignment="center")
with top_left:
    st.markdown(
        f'<p class="ok-slide-number">{t("app.title")} · '
        f"{t('presentation.slide_of', number=current + 1, total=len(SLIDES))}</p>",
        unsafe_allow_html=True,
    )
with top_middle:
    state.language_switch(
        t("app.language"),
        key="presentation_language",
        format_func=lambda code: t(f"presentation.language.{code}"),
        label_visibility="collapsed",
    )
with top_right:
    if st.button(
        t("presentation.exit"),
        icon=":material/close:",
        key="presentation_exit",
        disabled=modes.locked_mode() is not None,
        width="stretch",
    ):
        modes.enter(modes.Mode.NORMAL)
        st.query_params.pop(_PARAM, None)
        st.rerun()

if slide == "programme":
    _programme()
elif slide == "targets":
    _targets()
elif slide == "portfolio":
    _portfolio()
elif slide == "risks":
    _risks()
else:
    _zone(slide)

st.divider()
previous_col, label_col, next_col = st.columns([2, 6, 2], vertical_alignment="center")
with previous_col:
    st.button(
        t("presentation.previous"),
        icon=":material/arrow_back:",
        key="slide_prev",
        on_click=_go,
        args=(current - 1,),
        disabled=current == 0,
        width="stretch",
    )
with label_col:
    upcoming = _title(SLIDES[current + 1]) if current + 1 < len(SLIDES) else None
    st.caption(
        t("presentation.next_up", title=upcoming) if upcoming else t("presentation.last"),
        text_alignment="center",
    )
with next_col:
    st.button(
        t("presentation.next"),
        icon=":material/arrow_forward:",
        icon_position="right",
        key="slide_next",
        on_click=_go,
        args=(current + 1,),
        disabled=current == len(SLIDES) - 1,
        width="stretch",
        type="primary",
    )
st.caption(t("presentation.keys_help"))

# Arrow keys and a presenter's clicker (Page Up/Down) press the buttons above.
a11y.run_script(
    """
if (!window.__okSlideKeys) {
  window.__okSlideKeys = true;
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(target && target.tagName);
    if (typing || (target && target.isContentEditable)) return;
    const key = {ArrowRight: 'slide_next', PageDown: 'slide_next',
                 ArrowLeft: 'slide_prev', PageUp: 'slide_prev'}[event.key];
    const button = key && document.querySelector('.st-key-' + key + ' button');
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
}
""",
    "slide_keys",
)
