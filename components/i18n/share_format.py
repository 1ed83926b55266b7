"""Shares as percentages for the reader's locale, by Babel ("29 %" in nb, "29%" in en)."""

from __future__ import annotations

from babel.numbers import format_percent

from components.i18n import BABEL_LOCALES, normalise


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """``share`` (0–1) as a percentage; "–" for a missing value."""
    if share is None or share != share:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    text = format_percent(share, format=pattern, locale=BABEL_LOCALES[normalise(lang)])
    # nb writes "29 %" with a no-break space (never split over two lines), en "29%"
    text = text.replace(" %", "\u00a0%")
    return text if normalise(lang) == "nb" else text.replace("\u00a0%", "%")
