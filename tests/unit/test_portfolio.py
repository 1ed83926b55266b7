"""Portfolio numbers: filters, criteria shares and the projects missing one, Gantt data, totals."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.analysis import portfolio


def _projects() -> pd.DataFrame:
    base = {c: True for c in portfolio.CRITERIA}
    rows = [
        {"project_id": "a", "name": "Ungdomsråd", "description": "Råd for unge", "strategy": "S",
         "owner_unit": "Kultur", "status": "pagar", "goal": "lokalsamfunnsutvikling",
         "area_id": "z1", "funding": "kdd", "start_year": 2025, "end_year": 2027,
         "budget_nok": 100.0, **base},
        {"project_id": "b", "name": "Lekeplass", "description": "Ny lekeplass", "strategy": "S",
         "owner_unit": "Park", "status": "planlagt", "goal": "stedsutvikling", "area_id": "z2",
         "funding": "kommune", "start_year": 2027, "end_year": 2028, "budget_nok": 300.0,
         **base, "crit_lasting": False},
        {"project_id": "c", "name": "Bibliotek", "description": "Åpent bibliotek", "strategy": "S",
         "owner_unit": "Kultur", "status": "pagar", "goal": "stedsutvikling", "area_id": "z1",
         "funding": "kdd", "start_year": 2024, "end_year": 2026, "budget_nok": 50.0,
         **base, "crit_lasting": False, "crit_anchored": False},
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_criteria_shares():
    shares = portfolio.criteria_shares(_projects()).set_index("criterion")
    assert list(shares.index) == list(portfolio.CRITERIA)
    assert shares.loc["crit_lasting", "met"] == 1
    assert shares.loc["crit_lasting", "share"] == pytest.approx(1 / 3)
    assert shares.loc["crit_anchored", "share"] == pytest.approx(2 / 3)
    assert shares.loc["crit_cross_service", "share"] == 1.0
    assert (shares["total"] == 3).all()


def test_criteria_shares_of_nothing():
    shares = portfolio.criteria_shares(_projects().iloc[0:0])
    assert (shares["share"] == 0).all() and (shares["total"] == 0).all()


def test_projects_missing_a_criterion_are_listed_with_what_they_miss():
    missing = portfolio.missing_criteria(_projects())
    assert missing["project_id"].tolist() == ["b", "c"]
    assert missing.set_index("project_id").loc["c", "missing"] == ["crit_anchored", "crit_lasting"]


def test_gantt_data_spans_whole_years_ordered_by_goal_and_start():
    gantt = portfolio.gantt_data(_projects())
    assert gantt["project_id"].tolist() == ["a", "c", "b"]  # lokalsamfunn…, then steds… by start
    row = gantt.set_index("project_id").loc["b"]
    assert row["start"] == dt.date(2027, 1, 1) and row["end"] == dt.date(2028, 12, 31)


def test_running_on_a_day():
    running = portfolio.running_on(_projects(), dt.date(2026, 11, 22))
    assert sorted(running["project_id"]) == ["a", "c"]


def test_totals_by_dimension():
    totals = portfolio.totals_by(_projects(), "goal").set_index("key")
    assert totals.loc["stedsutvikling", "count"] == 2
    assert totals.loc["stedsutvikling", "budget_nok"] == 350
    with pytest.raises(ValueError):
        portfolio.totals_by(_projects(), "name")


def test_filters_combine_search_and_choices():
    projects = _projects()
    assert portfolio.filter_projects(projects, search="KULTUR")["project_id"].tolist() == ["a", "c"]
    assert portfolio.filter_projects(projects, search="lekeplass")["project_id"].tolist() == ["b"]
    chosen = portfolio.filter_projects(projects, statuses=["pagar"], goals=["stedsutvikling"])
    assert chosen["project_id"].tolist() == ["c"]
    assert len(portfolio.filter_projects(projects)) == 3


def test_indicator_ids():
    assert portfolio.indicator_ids("a, b,,c") == ["a", "b", "c"]
    assert portfolio.indicator_ids(None) == []


def test_on_the_built_sample(built_tables):
    projects = built_tables["projects"]
    shares = portfolio.criteria_shares(projects)
    missing = portfolio.missing_criteria(projects)
    # a project meets all five or is listed: the shares and the list agree
    all_five = projects[list(portfolio.CRITERIA)].all(axis=1).sum()
    assert len(missing) == len(projects) - all_five
    assert (shares["total"] == len(projects)).all()
