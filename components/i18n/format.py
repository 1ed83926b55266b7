"""Every number a reader sees, by Babel for the locale: counts, money, dates, shares, indicator
values with their unit, suppressed cells, signed differences, and the unit and risk-status labels.

One module, so a page, chart, table, PDF and slide say the same: 12 345,6 · 22.11.2026 · 29 % ·
"skjult (få personer)" in nb; 12,345.6 · 22 November 2026 · 29% in en; "–" for a missing value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
from babel.dates import format_date as _format_date
from babel.numbers import format_currency, format_decimal, format_percent

from components.i18n import BABEL_LOCALES, normalise, translate
from geo.schema import RiskStatus, Unit

MISSING = "–"


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def nok(value: float | int | None, lang: str) -> str:
    if value is None or value != value:
        return MISSING
    # A no-break space keeps "kr" on the same line as the number.
    return format_currency(
        round(value), "NOK", locale=_locale(lang), format="#,##0\u00a0¤", currency_digits=False
    )


def date(value: dt.date, lang: str) -> str:
    pattern = "dd.MM.yyyy" if normalise(lang) == "nb" else "d MMMM yyyy"
    return _format_date(value, format=pattern, locale=_locale(lang))


def percent(share: float | Decimal | None, lang: str, decimals: int = 0) -> str:
    """``share`` (0–1) as a percentage: "29 %" in nb (a no-break space), "29%" in en."""
    if _missing(share):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    text = format_percent(share, format=pattern, locale=_locale(lang))
    return text.replace(" %", "\u00a0%" if normalise(lang) == "nb" else "%")


def decimals(unit: str) -> int:
    """Decimals an indicator's values are shown with: one for a percentage or a rate per 1 000,
    none for a count."""
    return 1 if Unit.of(unit) in (Unit.PROSENT, Unit.PER_1000) else 0


def indicator_value(value: float | None, hidden: bool, unit: str, lang: str) -> str:
    """A value as the reader sees it: "skjult (få personer)", "–", "12,3 %", "12 345" or, for an
    estimated count, "ca. 2 700"."""
    if hidden:
        return suppressed(lang)
    if _missing(value):
        return MISSING
    if Unit.of(unit) is Unit.PERSONER_BEREGNET:
        return estimate(value, lang)
    if Unit.of(unit) is Unit.PROSENT:
        # via the decimal text, so a percentage rounds exactly as the number itself would
        return percent(Decimal(str(value)) / 100, lang, decimals(unit))
    return number(value, lang, decimals(unit))


def estimate_step(value: float) -> int:
    """The step an estimated count is rounded to: two significant digits, at least 10
    (2 665 → 2 700, 487 → 490, 12 345 → 12 000): the estimate is not truer than that."""
    if _missing(value) or abs(value) < 100:
        return 10
    return int(10 ** (math.floor(math.log10(abs(value))) - 1))


def estimate(value: float | None, lang: str) -> str:
    """An estimated count, rounded and said to be approximate: "ca. 2 700" / "about 2,700"."""
    if _missing(value):
        return MISSING
    assert value is not None
    step = estimate_step(value)
    return translate("population.approx", lang, count=number(round(value / step) * step, lang))


def population_estimate(value: float | None, lang: str) -> str:
    """A zone's estimated population as a phrase: "ca. 2 700 innbyggere (beregnet)"; with no
    estimate: "ikke beregnet (utenfor kartgrunnlaget)" (never a larger area's count)."""
    if _missing(value):
        return translate("population.not_estimated", lang)
    return translate("population.phrase", lang, approx=estimate(value, lang))


def not_given(value: object, lang: str, show: Callable[[Any], str] = str) -> str:
    """An optional field as a page shows it: `show(value)`, or «ikke oppgitt» / «not given»
    when the register left it empty (never a made-up value, never "None" or "<NA>")."""
    if value is None or value is pd.NA or value is pd.NaT or value == "" or value != value:
        return translate("value.not_given", lang)
    return show(value)


def suppressed(lang: str) -> str:
    """What a hidden cell (too few people behind it) reads as, everywhere."""
    return translate("indicator.suppressed", lang)


def difference(value: float, unit: str, lang: str) -> str:
    """A difference in an indicator's unit, signed: "+2,1 prosentpoeng" or "−45"."""
    if _missing(value):
        return MISSING
    if Unit.of(unit) is Unit.PROSENT:
        return translate("indicators.points", lang, value=points(value, lang))
    return signed(value, lang)


def points(value: float, lang: str) -> str:
    """A difference in percentage points, with its sign: "+2,1" / "−0,4" / "±0,0"."""
    return signed(value, lang, 1)


def signed(value: float, lang: str, decimals: int = 0) -> str:
    """A difference with its sign: "+120" / "−45" / "±0" (a true minus sign)."""
    if _missing(value):
        return MISSING
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{number(abs(value), lang, decimals)}"


def unit_label(unit: str, lang: str) -> str:
    """The unit's name ("prosent" / "percent"); a unit the programme does not know as it is."""
    known = Unit.of(unit)
    return unit if known is None else translate(f"enum.unit.{known.value}", lang)


def risk_status(status: object, lang: str) -> str:
    """A risk's status in the reader's language; a status the form does not know as it is,
    and none (the register left it out) as «ikke oppgitt»."""
    try:
        member = RiskStatus(status)
    except ValueError:
        return not_given(status, lang)
    return translate(f"enum.risk_status.{member.name.lower()}", lang)


def risk_trend(trend: str, lang: str) -> str:
    """A risk's change since the last assessment (geo.analysis.risk.TRENDS), mark and words:
    "▲ Økt", "▼ Redusert", "▶ Uendret", "● Ny"."""
    return f"{_TREND_MARKS[trend]} {translate(f'risks.trend_{trend}', lang)}"


# one set of marks, on the Risiko page and the slides alike
_TREND_MARKS = {"worse": "▲", "better": "▼", "unchanged": "▶", "new": "●"}


def _missing(value: object) -> bool:
    return value is None or value != value  # None or NaN


def _locale(lang: str) -> str:
    return BABEL_LOCALES[normalise(lang)]


def yes_no(value: object, lang: str) -> str:
    """A stored yes/no (bool, numpy bool, 0/1) as "Ja"/"Nei" ("Yes"/"No"), never True/False;
    "–" when it is missing."""
    try:
        if _missing(value):
            return MISSING
    except TypeError:  # pandas.NA has no truth value: it is missing too
        return MISSING
    return translate("common.yes" if bool(value) else "common.no", lang)
