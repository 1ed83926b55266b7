"""Chart builders of the programme pages: what they say is in the spec, without a browser."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from components.charts.coverage import coverage_chart
from components.charts.portfolio import gantt_chart
from components.charts.risk import risk_matrix_chart
from components.i18n.format import percent
from geo.analysis import portfolio, risk


def _datasets(chart) -> list[list[dict]]:
    return list(json.loads(chart.to_json())["datasets"].values())


def test_coverage_chart_labels_which_figure_is_which():
    table = pd.DataFrame(
        {"area_id": ["z"], "name": ["Kvadrat"], "network_share": [0.4], "straight_share": [0.7]}
    )
    chart = coverage_chart(
        table,
        labels={
            "network": "Langs gater (500 m)",
            "straight": "Luftlinje (500 m)",
            "share": "Andel",
            "zone": "Sone",
        },  # fmt: skip
        texts={("z", "network"): "40 %", ("z", "straight"): "70 %"},
    )
    rows = _datasets(chart)[0]
    by_method = {row["method"]: row for row in rows}
    assert by_method["Langs gater (500 m)"]["share"] == 0.4
    assert by_method["Luftlinje (500 m)"]["share"] == 0.7
    spec = json.loads(chart.to_json())
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "Langs gater (500 m)", "Luftlinje (500 m)",
    ]  # fmt: skip


def test_gantt_marks_today_and_has_a_bar_per_project():
    projects = pd.DataFrame(
        {
            "project_id": ["a", "b"], "name": ["A", "B"], "goal": ["stedsutvikling"] * 2,
            "status": ["pagar", "ide"], "start_year": [2025, 2027], "end_year": [2027, 2028],
        }
    )  # fmt: skip
    chart = gantt_chart(
        portfolio.gantt_data(projects),
        today=dt.date(2026, 11, 22),
        today_label="I dag",
        goal_labels={
            "stedsutvikling": "Sted",
            "tjenesteutvikling": "Tj",
            "lokalsamfunnsutvikling": "Lok",
        },  # fmt: skip
        status_labels={"pagar": "Pågår", "ide": "Idé"},
        titles={"name": "n", "goal": "g", "status": "s", "period": "p"},
    )
    datasets = _datasets(chart)
    bars = next(d for d in datasets if len(d) == 2)
    assert [b["period"] for b in bars] == ["2025–2027", "2027–2028"]
    marker = next(d for d in datasets if "today" in d[0])
    assert marker[0]["today"].startswith("2026-11-22")


def test_risk_matrix_has_all_cells_with_counts():
    risks = pd.DataFrame({"risk_id": ["r1", "r2"], "likelihood": [3, 3], "consequence": [4, 4]})
    cells = risk.matrix(risks).assign(level_label="x")
    chart = risk_matrix_chart(
        cells,
        labels={
            k: k
            for k in (
                "likelihood",
                "consequence",
                "count",
                "level",
                "risks",
                "level_low",
                "level_medium",
                "level_high",
            )
        },  # fmt: skip
    )
    rows = _datasets(chart)[0]
    assert len(rows) == 25
    assert [r["count_text"] for r in rows if r["count"]] == ["2"]


def test_percent_is_written_for_the_locale():
    assert percent(0.286, "nb") == "29\u00a0%"
    assert percent(0.286, "en") == "29%"
    assert percent(None, "nb") == "–"
