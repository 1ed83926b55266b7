"""Numbers and dates for the reader's locale, by Babel (12 345,6 and 22.11.2026 in nb)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _format_date
from babel.numbers import format_currency, format_decimal

from components.i18n import BABEL_LOCALES, normalise


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def nok(value: float | int | None, lang: str) -> str:
    if value is None or value != value:
        return "–"
    # A no-break space keeps "kr" on the same line as the number.
    return format_currency(
        round(value), "NOK", locale=_locale(lang), format="#,##0\u00a0¤", currency_digits=False
    )


def date(value: dt.date, lang: str) -> str:
    pattern = "dd.MM.yyyy" if normalise(lang) == "nb" else "d MMMM yyyy"
    return _format_date(value, format=pattern, locale=_locale(lang))


def _locale(lang: str) -> str:
    return BABEL_LOCALES[normalise(lang)]
