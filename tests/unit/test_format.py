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
