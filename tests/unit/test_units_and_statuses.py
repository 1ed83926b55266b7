"""Units and risk statuses are enums of geo.schema, each with a label in both languages."""

import pytest

from components import i18n
from geo.schema import COUNT_UNITS, RiskStatus, Unit


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_unit_and_risk_status_has_a_label(lang):
    for unit in Unit:
        assert i18n.has(f"enum.unit.{unit.value}", lang), (unit, lang)
    for status in RiskStatus:
        assert i18n.has(f"enum.risk_status.{status.name.lower()}", lang), (status, lang)


def test_a_unit_is_read_from_the_catalogs_free_text():
    assert Unit.of("prosent") is Unit.of("percent") is Unit.PROSENT
    assert Unit.of("persons") is Unit.PERSONER
    assert Unit.of("kr") is None and Unit.of(float("nan")) is None
    assert {u for u in Unit if u in COUNT_UNITS} == {
        Unit.PERSONER,
        Unit.ANTALL,
        Unit.PERSONER_BEREGNET,
    }


def test_the_sample_register_uses_the_forms_statuses(built_tables):
    assert set(built_tables["risks"]["status"]) <= set(RiskStatus)
