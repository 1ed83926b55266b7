"""One builder of a zone's shared figures: the overview card, the slides and the profile agree."""

from __future__ import annotations

from dataclasses import fields

import pandas as pd

from geo.analysis import indicators, overview, profile, risk, slides

SHARED = [f.name for f in fields(overview.ZoneSummary)]


def _summary(tables: dict[str, pd.DataFrame], area_id: str, values: pd.DataFrame):
    return overview.zone_summary(
        area_id, tables["areas"], tables["projects"], tables["meeting_places"], values
    )


def test_slides_and_profile_say_what_the_overview_says(built_tables):
    shown = indicators.suppress(
        built_tables["indicator_values"],
        built_tables["indicators"],
        indicators.margins_from_areas(built_tables["areas"]),
    )
    for figures in slides.focus_figures(built_tables):
        card = _summary(built_tables, figures.area_id, built_tables["indicator_values"])
        zone = profile.zone_profile(figures.area_id, built_tables, shown)
        assert {n: getattr(figures, n) for n in SHARED} == {n: getattr(card, n) for n in SHARED}
        assert zone.projects_by_status == card.projects_by_status
        assert zone.places_by_type == card.places_by_type
        assert (zone.n_projects, zone.n_places) == (card.n_projects, card.n_places)
        assert figures.n_projects == card.n_projects > 0


def test_slides_add_work_under_way_and_the_budget(built_tables):
    projects = built_tables["projects"]
    for figures in slides.focus_figures(built_tables):
        own = projects[projects["area_id"] == figures.area_id]
        assert figures.n_projects_running == int((own["status"] == "pagar").sum())
        assert figures.budget_nok == float(own["budget_nok"].sum())


def test_the_slides_risk_trend_is_the_risk_pages(built_tables):
    register = slides.risk_register(built_tables)
    by_id = risk.with_scores(built_tables["risks"]).set_index("risk_id")
    assert set(register["trend"]) <= set(risk.TRENDS)
    assert register["trend"].tolist() == by_id.loc[register["risk_id"], "trend"].tolist()
    assert register["score"].is_monotonic_decreasing
