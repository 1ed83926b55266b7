import datetime as dt

from components.i18n import format as fmt

NBSP = "\u00a0"


def test_numbers_follow_the_locale():
    assert fmt.number(12345.6, "nb", decimals=1) == f"12{NBSP}345,6"
    assert fmt.number(12345.6, "en", decimals=1) == "12,345.6"
    assert fmt.number(8037, "nb") == f"8{NBSP}037"


def test_missing_numbers_show_a_dash():
    assert fmt.number(None, "nb") == "–"
    assert fmt.number(float("nan"), "en") == "–"
    assert fmt.nok(None, "nb") == "–"


def test_currency_and_dates():
    assert fmt.nok(1234567, "nb") == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert fmt.date(dt.date(2026, 11, 22), "nb") == "22.11.2026"
    assert fmt.date(dt.date(2026, 11, 22), "en") == "22 November 2026"


def test_shares_follow_the_locale():
    assert fmt.percent(0.286, "nb") == f"29{NBSP}%"
    assert fmt.percent(0.286, "en") == "29%"
    assert fmt.percent(0.1234, "nb", 1) == f"12,3{NBSP}%"
    assert fmt.percent(None, "en") == "–"


def test_an_indicator_value_reads_the_same_on_every_page():
    assert fmt.indicator_value(12.34, False, "prosent", "nb") == f"12,3{NBSP}%"
    assert fmt.indicator_value(12.34, False, "percent", "en") == "12.3%"
    assert fmt.indicator_value(8037.0, False, "personer", "nb") == f"8{NBSP}037"
    assert fmt.indicator_value(float("nan"), False, "prosent", "nb") == "–"
    assert fmt.indicator_value(None, False, "prosent", "en") == "–"


def test_a_percentage_rounds_as_the_number_does():
    # 10.95 / 100 is 0.10949999… as a float; the value is 10.95 and rounds (half to even) to 11.0
    assert fmt.indicator_value(10.95, False, "prosent", "en") == "11.0%"
    assert fmt.number(10.95, "en", 1) == "11.0"


def test_a_suppressed_cell_has_one_wording_whatever_its_value():
    for lang, words in (("nb", "skjult (få personer)"), ("en", "suppressed (few people)")):
        assert fmt.indicator_value(12.3, True, "prosent", lang) == words
        assert fmt.indicator_value(None, True, "personer", lang) == words
        assert fmt.suppressed(lang) == words


def test_differences_carry_their_sign():
    assert fmt.points(2.06, "nb") == "+2,1"
    assert fmt.points(-0.4, "en") == "−0.4"
    assert fmt.points(0.0, "nb") == "±0,0"
    assert fmt.signed(-1234, "nb") == f"−1{NBSP}234"
    assert fmt.signed(float("nan"), "nb") == "–"
    assert fmt.difference(2.06, "prosent", "nb") == "+2,1 prosentpoeng"
    assert fmt.difference(2.06, "prosent", "en") == "+2.1 percentage points"
    assert fmt.difference(120.0, "personer", "en") == "+120"
    assert fmt.difference(float("nan"), "prosent", "en") == "–"


def test_units_have_labels_and_decimals():
    assert fmt.unit_label("prosent", "en") == "percent"
    assert fmt.unit_label("persons", "nb") == "personer"
    assert fmt.unit_label("kr per innbygger", "en") == "kr per innbygger"  # not ours: as it is
    assert [fmt.decimals(u) for u in ("prosent", "personer", "antall", "kr")] == [1, 0, 0, 0]


def test_risk_status_and_trend_in_the_readers_language():
    assert fmt.risk_status("Åpen", "en") == "Open"
    assert fmt.risk_status("Under oppfølging", "en") == "Being followed up"
    assert fmt.risk_status("Lukket", "nb") == "Lukket"
    assert fmt.risk_status("Til vurdering", "en") == "Til vurdering"  # not on the form: as it is
    assert fmt.risk_trend("worse", "nb") == "▲ Økt"
    assert fmt.risk_trend("new", "en") == "● New"


def test_an_estimate_is_rounded_and_says_so():
    assert fmt.estimate(2665, "nb") == f"ca. 2{NBSP}700"
    assert fmt.estimate(2665, "en") == "about 2,700"
    assert fmt.estimate(487, "nb") == "ca. 490"
    assert fmt.estimate(12345, "en") == "about 12,000"
    assert fmt.estimate(float("nan"), "nb") == "–"
    assert fmt.population_estimate(4951, "nb") == f"ca. 5{NBSP}000 innbyggere (beregnet)"
    assert fmt.population_estimate(4951, "en") == "about 5,000 residents (estimated)"
    # a zone outside the building data: said so, never a larger area's count
    assert fmt.population_estimate(None, "nb") == "ikke beregnet (utenfor kartgrunnlaget)"
    assert fmt.population_estimate(None, "en") == "not estimated (outside the map data)"
    # an indicator whose unit is an estimated count reads the same as the cards
    assert fmt.indicator_value(2665.0, False, "personer_beregnet", "nb") == f"ca. 2{NBSP}700"
    assert fmt.indicator_value(2665.0, True, "personer_beregnet", "nb") == fmt.suppressed("nb")


def test_rates_per_1000_have_one_decimal_and_a_label():
    assert fmt.decimals("per_1000") == 1
    assert fmt.indicator_value(8.26, False, "per_1000", "nb") == "8,3"
    assert fmt.unit_label("per_1000", "en") == "per 1,000 residents"
    assert fmt.unit_label("personer_beregnet", "nb") == "personer (beregnet)"
